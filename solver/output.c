/* output.c -- the NetCDF-4 result file, written collectively with the MPI build of NetCDF.
 *
 * Owns: the implementation of output.h -- file creation (nc_create_par), the per-run layout
 * (root group or subgroup "rate_<i>": dimensions time (unlimited) and x, the scalar time series
 * and the (time, x) fields, CF-ish names with `units` and `long_name`), the rate summary, the
 * root/group attributes, and the crash-safety discipline:
 *  - every variable on the unlimited dimension uses NC_COLLECTIVE access (parallel HDF5 extends
 *    datasets collectively);
 *  - every define/append/attribute update ends with nc_sync (HDF5 flush of data and metadata,
 *    fsync'd by MPI-IO), so the bytes on disk are a complete, consistent file after each record;
 *    a writer killed between syncs leaves the file as of the last sync plus possibly part of the
 *    record in flight (variables not yet extended read as _FillValue = NaN). HDF5 1.10 has no
 *    journal and no SWMR with MPI-IO, so a kill inside nc_sync's few small in-place metadata
 *    writes could in principle leave an inconsistent file; tests/output/kill_test.py (SIGKILL at
 *    random moments, 400+ kills on 1 and 2 ranks) has not hit that window;
 *  - termination_reason is written as "incomplete: run did not finish" when a run starts and
 *    replaced at its end, so a file left by a killed run says so.
 * NetCDF status codes become PETSc errors naming the call, nc_strerror() and the file path.
 * No global state: everything lives in the FvOutput object.
 */
#include <math.h>
#include <string.h>
#include <netcdf.h>
#include <netcdf_par.h>
#include "output.h"

/* PETSc 3.18 compatibility (3.19 added PETSC_SUCCESS). */
#if PETSC_VERSION_LT(3, 19, 0) && !defined(PETSC_SUCCESS)
#define PETSC_SUCCESS 0
#endif
#define FvAssertPointer(p, a)                                                                      \
  PetscCheck((p) != NULL, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "Null pointer: argument %d (%s)",   \
             (a), #p)

#if !defined(PETSC_USE_REAL_DOUBLE)
#error "output.c writes PetscReal arrays with nc_put_vara_double: PETSc must use double precision"
#endif

#define FV_INCOMPLETE "incomplete: run did not finish"
/* Upper bound on the bytes of one (time, x) chunk. */
#define FV_CHUNK_BYTES (4u << 20)
#define FV_TIME_CHUNK 16
#define FV_SCALAR_CHUNK 1024

enum { FV_S_TIME = 0, FV_S_VOLTAGE, FV_S_CURRENT, FV_S_CAPACITY, FV_S_ENERGY, FV_NSCALARS };

struct _p_FvOutput {
  MPI_Comm comm;
  PetscMPIInt rank, size;
  char path[PETSC_MAX_PATH_LEN];
  int ncid; /* root group */
  PetscBool isopen;
  /* the current run */
  PetscBool inrun;
  int gid;        /* group of the current run (ncid for a root run) */
  PetscInt nruns; /* runs begun so far */
  PetscInt nx, xstart, xm;
  size_t nrec; /* records appended to the current run */
  int vscalar[FV_NSCALARS], vfield[FV_NFIELDS], vstep, vcycle;
  PetscInt nfam; /* particle families (> 1: contact_fraction_family is written) */
  int vfam;
  PetscBool summary; /* rate summary written */
};

/* Turn a NetCDF status into a PETSc error naming the call, the NetCDF message and the file. */
static PetscErrorCode FvNCCheck(int status, const char *call, const char *path) {
  PetscFunctionBeginUser;
  PetscCheck(status == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_LIB,
             "NetCDF error in %s on file '%s': %s", call, path, nc_strerror(status));
  PetscFunctionReturn(PETSC_SUCCESS);
}
#define NCCall(o, call) PetscCall(FvNCCheck((call), #call, (o)->path))

static PetscErrorCode PutText(FvOutput out, int grp, int var, const char *name, const char *text) {
  PetscFunctionBeginUser;
  NCCall(out, nc_put_att_text(grp, var, name, strlen(text), text));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode PutDouble(FvOutput out, int grp, int var, const char *name, PetscReal v) {
  double d = (double)v;
  PetscFunctionBeginUser;
  NCCall(out, nc_put_att_double(grp, var, name, NC_DOUBLE, 1, &d));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A double variable with units, long_name, _FillValue NaN and optional chunking. */
static PetscErrorCode DefVar(FvOutput out, int grp, const char *name, int ndims, const int dims[],
                             const size_t chunks[], const char *units, const char *long_name,
                             int *varid) {
  const double fill = NAN;
  PetscFunctionBeginUser;
  NCCall(out, nc_def_var(grp, name, NC_DOUBLE, ndims, dims, varid));
  if (chunks) NCCall(out, nc_def_var_chunking(grp, *varid, NC_CHUNKED, chunks));
  NCCall(out, nc_def_var_fill(grp, *varid, NC_FILL, &fill));
  PetscCall(PutText(out, grp, *varid, "units", units));
  PetscCall(PutText(out, grp, *varid, "long_name", long_name));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* End define mode (a no-op in data mode) and flush everything to disk. */
static PetscErrorCode Commit(FvOutput out) {
  int st;
  PetscFunctionBeginUser;
  st = nc_enddef(out->ncid);
  if (st != NC_ENOTINDEFINE) NCCall(out, st);
  NCCall(out, nc_sync(out->ncid));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputCreate(MPI_Comm comm, const char *path, FvOutput *out) {
  FvOutput o;
  PetscFunctionBeginUser;
  FvAssertPointer(path, 2);
  FvAssertPointer(out, 3);
  *out = NULL;
  PetscCall(PetscNew(&o));
  o->comm = comm;
  PetscCallMPI(MPI_Comm_rank(comm, &o->rank));
  PetscCallMPI(MPI_Comm_size(comm, &o->size));
  PetscCall(PetscStrncpy(o->path, path, sizeof o->path));
  {
    int st = nc_create_par(path, NC_NETCDF4 | NC_CLOBBER, comm, MPI_INFO_NULL, &o->ncid);
    if (st != NC_NOERR) {
      PetscCall(PetscFree(o));
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN,
              "cannot create NetCDF-4 file '%s' (does its directory exist and is it writable?): %s",
              path, nc_strerror(st));
    }
  }
  o->isopen = PETSC_TRUE;
  PetscCall(PutText(o, o->ncid, NC_GLOBAL, "Conventions", "CF-1.8"));
  PetscCall(PutText(o, o->ncid, NC_GLOBAL, "title",
                    "fvcell finite-volume electrochemical cell simulation"));
  PetscCall(PutText(o, o->ncid, NC_GLOBAL, "termination_reason", FV_INCOMPLETE));
  PetscCall(Commit(o));
  *out = o;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputSetRunInfo(FvOutput out, const char *version, const char *case_yaml,
                                  PetscReal one_c_current_density) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCall(PutText(out, out->ncid, NC_GLOBAL, "fvcell_version", version ? version : "unknown"));
  if (case_yaml) PetscCall(PutText(out, out->ncid, NC_GLOBAL, "case", case_yaml));
  PetscCall(PutDouble(out, out->ncid, NC_GLOBAL, "one_c_current_density", one_c_current_density));
  PetscCall(PutText(out, out->ncid, NC_GLOBAL, "one_c_current_density_units", "A m-2"));
  PetscCall(Commit(out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputBeginRun(FvOutput out, const char *group, PetscReal c_rate, PetscInt nx,
                                PetscInt xstart, PetscInt xm, const PetscReal *xloc) {
  static const char *const sname[FV_NSCALARS] = {"time", "voltage", "current_density", "capacity",
                                                 "energy"};
  static const char *const sunit[FV_NSCALARS] = {"s", "V", "A m-2", "A h m-2", "W h m-2"};
  static const char *const slong[FV_NSCALARS] = {"time since the start of the run", "cell voltage",
                                                 "cell current density (positive on discharge)",
                                                 "charge delivered since the start of the run",
                                                 "energy delivered since the start of the run"};
  static const char *const fname[FV_NFIELDS]  = {"c_e",     "phi_e",           "phi_s",
                                                 "c_s_surf", "c_s_avg",        "contact_fraction",
                                                 "active_area"};
  static const char *const funit[FV_NFIELDS]  = {"mol m-3", "V", "V", "mol m-3", "mol m-3", "1", "m-1"};
  static const char *const flong[FV_NFIELDS]  = {
       "electrolyte salt concentration", "electrolyte potential vs the working-ion metal",
       "solid-phase potential", "particle surface concentration",
       "particle volume-averaged concentration",
       "fraction of the particle surface in contact with the electrolyte (area-weighted over families)",
       "contacting particle surface per electrode volume"};
  int grp, dt, dx, vx, dims[2];
  size_t chunk1, chunk2[2], start, count;
  PetscInt lo[2], hi[2], sum;
  PetscMPIInt bad;

  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(!out->inrun, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputBeginRun on '%s': the previous run was not ended (FvOutputEndRun)",
             out->path);
  PetscCheck(!out->summary, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputBeginRun on '%s' after the rate summary was written", out->path);
  PetscCheck(group || out->nruns == 0, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputBeginRun on '%s': a root-group run must be the only run of the file",
             out->path);
  PetscCheck(nx > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "FvOutputBeginRun on '%s': nx = %" PetscInt_FMT " must be positive", out->path, nx);
  PetscCheck(xstart >= 0 && xm >= 0 && xstart + xm <= nx, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "FvOutputBeginRun on '%s': slab [%" PetscInt_FMT ", %" PetscInt_FMT
             ") outside [0, %" PetscInt_FMT ")",
             out->path, xstart, xstart + xm, nx);
  if (xm > 0) FvAssertPointer(xloc, 7);
  /* The slabs must tile [0, nx) and every rank must agree on nx (collective check). */
  PetscCallMPI(MPIU_Allreduce(&xm, &sum, 1, MPIU_INT, MPI_SUM, out->comm));
  lo[0] = nx;
  lo[1] = -nx;
  PetscCallMPI(MPIU_Allreduce(lo, hi, 2, MPIU_INT, MPI_MIN, out->comm));
  bad = (sum != nx || hi[0] != -hi[1]);
  PetscCheck(!bad, PETSC_COMM_SELF, PETSC_ERR_ARG_INCOMP,
             "FvOutputBeginRun on '%s': the ranks' slabs (%" PetscInt_FMT
             " cells in all) do not tile nx = %" PetscInt_FMT " or ranks disagree on nx",
             out->path, sum, nx);

  if (group) {
    int st = nc_def_grp(out->ncid, group, &grp);
    PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_LIB,
               "NetCDF error defining group '%s' in file '%s': %s", group, out->path,
               nc_strerror(st));
  } else
    grp = out->ncid;
  out->gid    = grp;
  out->nx     = nx;
  out->xstart = xstart;
  out->xm     = xm;
  out->nrec   = 0;
  out->nruns++;

  NCCall(out, nc_def_dim(grp, "time", NC_UNLIMITED, &dt));
  NCCall(out, nc_def_dim(grp, "x", (size_t)nx, &dx));
  chunk1 = FV_SCALAR_CHUNK;
  for (int s = 0; s < FV_NSCALARS; s++)
    PetscCall(DefVar(out, grp, sname[s], 1, &dt, &chunk1, sunit[s], slong[s], &out->vscalar[s]));
  {
    const int fill = -1;
    NCCall(out, nc_def_var(grp, "step_index", NC_INT, 1, &dt, &out->vstep));
    NCCall(out, nc_def_var_chunking(grp, out->vstep, NC_CHUNKED, &chunk1));
    NCCall(out, nc_def_var_fill(grp, out->vstep, NC_FILL, &fill));
    PetscCall(PutText(out, grp, out->vstep, "long_name",
                      "protocol step of the run (0-based, counting across cycles)"));
    NCCall(out, nc_def_var(grp, "cycle_index", NC_INT, 1, &dt, &out->vcycle));
    NCCall(out, nc_def_var_chunking(grp, out->vcycle, NC_CHUNKED, &chunk1));
    NCCall(out, nc_def_var_fill(grp, out->vcycle, NC_FILL, &fill));
    PetscCall(PutText(out, grp, out->vcycle, "long_name", "protocol cycle (0-based)"));
  }
  PetscCall(PutText(out, grp, out->vscalar[FV_S_TIME], "standard_name", "time"));
  PetscCall(PutText(out, grp, out->vscalar[FV_S_TIME], "axis", "T"));
  PetscCall(DefVar(out, grp, "x", 1, &dx, NULL, "m",
                   "cell-centre position across the cell (x = 0: negative current collector)",
                   &vx));
  PetscCall(PutText(out, grp, vx, "axis", "X"));
  dims[0]   = dt;
  dims[1]   = dx;
  chunk2[1] = (size_t)nx;
  chunk2[0] = FV_CHUNK_BYTES / (sizeof(double) * (size_t)nx);
  chunk2[0] = PetscMax(1, PetscMin(FV_TIME_CHUNK, chunk2[0]));
  if (chunk2[0] * (size_t)nx * sizeof(double) > FV_CHUNK_BYTES)
    chunk2[1] = FV_CHUNK_BYTES / sizeof(double); /* huge nx: split x */
  for (int f = 0; f < FV_NFIELDS; f++)
    PetscCall(DefVar(out, grp, fname[f], 2, dims, chunk2, funit[f], flong[f], &out->vfield[f]));
  if (out->nfam > 1) {
    int dfam, d3[3];
    size_t c3[3];
    NCCall(out, nc_def_dim(grp, "family", (size_t)out->nfam, &dfam));
    d3[0] = dt, d3[1] = dfam, d3[2] = dx;
    c3[0] = chunk2[0], c3[1] = 1, c3[2] = chunk2[1];
    PetscCall(DefVar(out, grp, "contact_fraction_family", 3, d3, c3, "1",
                     "contact fraction of each particle family with the electrolyte", &out->vfam));
  }
  if (group) PetscCall(PutText(out, grp, NC_GLOBAL, "run", group));
  PetscCall(PutDouble(out, grp, NC_GLOBAL, "c_rate", c_rate));
  PetscCall(PutText(out, grp, NC_GLOBAL, "termination_reason", FV_INCOMPLETE));
  {
    int st = nc_enddef(out->ncid);
    if (st != NC_ENOTINDEFINE) NCCall(out, st);
  }
  for (int s = 0; s < FV_NSCALARS; s++)
    NCCall(out, nc_var_par_access(grp, out->vscalar[s], NC_COLLECTIVE));
  NCCall(out, nc_var_par_access(grp, out->vstep, NC_COLLECTIVE));
  NCCall(out, nc_var_par_access(grp, out->vcycle, NC_COLLECTIVE));
  for (int f = 0; f < FV_NFIELDS; f++)
    NCCall(out, nc_var_par_access(grp, out->vfield[f], NC_COLLECTIVE));
  if (out->nfam > 1) NCCall(out, nc_var_par_access(grp, out->vfam, NC_COLLECTIVE));
  NCCall(out, nc_var_par_access(grp, vx, NC_COLLECTIVE));
  start = (size_t)xstart;
  count = (size_t)xm;
  NCCall(out, nc_put_vara_double(grp, vx, &start, &count, xm > 0 ? xloc : NULL));
  NCCall(out, nc_sync(out->ncid));
  out->inrun = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputSetFamilies(FvOutput out, PetscInt nfam) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(nfam >= 1 && nfam <= FV_MAX_OUT_FAMILIES, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "FvOutputSetFamilies on '%s': %" PetscInt_FMT " families, expected 1..%d", out->path, nfam,
             FV_MAX_OUT_FAMILIES);
  out->nfam = nfam;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputAppend(FvOutput out, const FvRecord *rec, const PetscReal *const fields[]) {
  const double s[FV_NSCALARS] = {rec->time, rec->voltage, rec->current_density, rec->capacity,
                                 rec->energy};
  size_t start[2], count[2];

  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  FvAssertPointer(rec, 2);
  PetscCheck(out->inrun, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputAppend on '%s' outside a run (call FvOutputBeginRun first)", out->path);
  /* Scalars: rank 0 writes the value, the others take part with an empty selection. */
  start[0] = out->nrec;
  count[0] = out->rank == 0 ? 1 : 0;
  for (int k = 0; k < FV_NSCALARS; k++)
    NCCall(out, nc_put_vara_double(out->gid, out->vscalar[k], start, count, &s[k]));
  {
    const int si = (int)rec->step_index, ci = (int)rec->cycle_index;
    NCCall(out, nc_put_vara_int(out->gid, out->vstep, start, count, &si));
    NCCall(out, nc_put_vara_int(out->gid, out->vcycle, start, count, &ci));
  }
  /* Fields: each rank its slab [xstart, xstart + xm) of record nrec. */
  start[1] = (size_t)out->xstart;
  count[0] = 1;
  count[1] = (size_t)out->xm;
  for (int f = 0; f < FV_NFIELDS; f++) {
    if (out->xm > 0) FvAssertPointer(fields[f], 3);
    NCCall(out, nc_put_vara_double(out->gid, out->vfield[f], start, count,
                                   out->xm > 0 ? fields[f] : NULL));
  }
  for (PetscInt fam = 0; out->nfam > 1 && fam < out->nfam; fam++) {
    size_t st3[3] = {out->nrec, (size_t)fam, (size_t)out->xstart}, ct3[3] = {1, 1, (size_t)out->xm};
    if (out->xm > 0) FvAssertPointer(fields[FV_NFIELDS + fam], 3);
    NCCall(out, nc_put_vara_double(out->gid, out->vfam, st3, ct3,
                                   out->xm > 0 ? fields[FV_NFIELDS + fam] : NULL));
  }
  NCCall(out, nc_sync(out->ncid));
  out->nrec++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputWriteSteps(FvOutput out, PetscInt nsteps, const FvStepInfo steps[],
                                  PetscInt ncycles, const PetscReal cycle_discharge[],
                                  const PetscReal cycle_charge[]) {
  static const char *const name[6] = {"step_start_time", "step_end_time", "step_capacity",
                                      "step_energy",     "step_cycle",    "step_protocol_index"};
  static const char *const unit[6] = {"s", "s", "A h m-2", "W h m-2", "1", "1"};
  static const char *const lng[6]  = {"time the step started",
                                      "time the step ended",
                                      "charge delivered in the step (negative on charge)",
                                      "energy delivered in the step (negative on charge)",
                                      "cycle of the step (0-based)",
                                      "index of the step in the protocol (0-based)"};
  enum { RLEN = 128 };
  int ds, dc, dl, var[6], vreason, vcd, vcc, dims[2];
  size_t start[2] = {0, 0}, count[2];
  PetscReal *col;
  char *text;
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(out->inrun, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputWriteSteps on '%s' outside a run", out->path);
  if (nsteps <= 0) PetscFunctionReturn(PETSC_SUCCESS);
  NCCall(out, nc_redef(out->ncid));
  NCCall(out, nc_def_dim(out->gid, "step", (size_t)nsteps, &ds));
  NCCall(out, nc_def_dim(out->gid, "reason_len", RLEN, &dl));
  for (int k = 0; k < 6; k++)
    PetscCall(DefVar(out, out->gid, name[k], 1, &ds, NULL, unit[k], lng[k], &var[k]));
  dims[0] = ds;
  dims[1] = dl;
  NCCall(out, nc_def_var(out->gid, "step_end_reason", NC_CHAR, 2, dims, &vreason));
  PetscCall(PutText(out, out->gid, vreason, "long_name", "why the step ended"));
  if (ncycles > 0) {
    NCCall(out, nc_def_dim(out->gid, "cycle", (size_t)ncycles, &dc));
    PetscCall(DefVar(out, out->gid, "cycle_discharge_capacity", 1, &dc, NULL, "A h m-2",
                     "charge delivered by the discharge steps of each cycle", &vcd));
    PetscCall(DefVar(out, out->gid, "cycle_charge_capacity", 1, &dc, NULL, "A h m-2",
                     "charge stored by the charge steps of each cycle", &vcc));
  }
  {
    int st = nc_enddef(out->ncid);
    if (st != NC_ENOTINDEFINE) NCCall(out, st);
  }
  PetscCall(PetscMalloc2(nsteps, &col, (size_t)nsteps * RLEN, &text));
  count[0] = out->rank == 0 ? (size_t)nsteps : 0;
  for (int k = 0; k < 6; k++) {
    for (PetscInt i = 0; i < nsteps; i++) {
      const FvStepInfo *S = &steps[i];
      col[i]              = k == 0   ? S->start_time
                            : k == 1 ? S->end_time
                            : k == 2 ? S->capacity
                            : k == 3 ? S->energy
                            : k == 4 ? (PetscReal)S->cycle
                                     : (PetscReal)S->protocol_step;
    }
    NCCall(out, nc_var_par_access(out->gid, var[k], NC_COLLECTIVE));
    NCCall(out, nc_put_vara_double(out->gid, var[k], start, count, col));
  }
  PetscCall(PetscMemzero(text, (size_t)nsteps * RLEN));
  for (PetscInt i = 0; i < nsteps; i++)
    strncpy(text + (size_t)i * RLEN, steps[i].reason, RLEN - 1);
  count[1] = out->rank == 0 ? RLEN : 0;
  NCCall(out, nc_var_par_access(out->gid, vreason, NC_COLLECTIVE));
  NCCall(out, nc_put_vara_text(out->gid, vreason, start, count, text));
  if (ncycles > 0) {
    count[0] = out->rank == 0 ? (size_t)ncycles : 0;
    NCCall(out, nc_var_par_access(out->gid, vcd, NC_COLLECTIVE));
    NCCall(out, nc_put_vara_double(out->gid, vcd, start, count, cycle_discharge));
    NCCall(out, nc_var_par_access(out->gid, vcc, NC_COLLECTIVE));
    NCCall(out, nc_put_vara_double(out->gid, vcc, start, count, cycle_charge));
  }
  PetscCall(PetscFree2(col, text));
  NCCall(out, nc_sync(out->ncid));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputEndRun(FvOutput out, const char *reason, PetscReal solve_time_s) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(
      out->inrun, PETSC_COMM_SELF, PETSC_ERR_ORDER,
      "FvOutputEndRun on '%s' without FvOutputBeginRun (no run started, or it was already ended)",
      out->path);
  PetscCall(PutText(out, out->gid, NC_GLOBAL, "termination_reason",
                    reason && reason[0] ? reason : "unknown"));
  PetscCall(PutDouble(out, out->gid, NC_GLOBAL, "solve_time_s", solve_time_s));
  PetscCall(Commit(out));
  out->inrun = PETSC_FALSE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputWriteRateSummary(FvOutput out, PetscInt nrates, const PetscReal c_rate[],
                                        const PetscReal capacity[], const PetscReal energy[],
                                        const PetscReal mean_voltage[], const PetscReal power[]) {
  const PetscReal *data[5]         = {c_rate, capacity, energy, mean_voltage, power};
  static const char *const name[5] = {"c_rate", "discharge_capacity", "discharge_energy",
                                      "mean_discharge_voltage", "specific_power"};
  static const char *const unit[5] = {"1", "A h m-2", "W h m-2", "V", "W m-2"};
  static const char *const lng[5]  = {
       "C-rate (multiple of the 1C current density)", "capacity delivered on discharge",
       "energy delivered on discharge",
       "mean discharge voltage (discharge energy / discharge capacity)",
       "mean discharge power per electrode area (energy / duration)"};
  const int nvar = mean_voltage && power ? 5 : 3;
  int dr, var[5];
  size_t start = 0, count;

  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(!out->inrun, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputWriteRateSummary on '%s' inside a run (call FvOutputEndRun first)",
             out->path);
  PetscCheck(!out->summary, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputWriteRateSummary on '%s' called twice", out->path);
  PetscCheck(nrates > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "FvOutputWriteRateSummary on '%s': nrates = %" PetscInt_FMT " must be positive",
             out->path, nrates);
  for (int k = 0; k < 3; k++)
    FvAssertPointer(data[k], 3 + k);
  NCCall(out, nc_def_dim(out->ncid, "rate", (size_t)nrates, &dr));
  for (int k = 0; k < nvar; k++)
    PetscCall(DefVar(out, out->ncid, name[k], 1, &dr, NULL, unit[k], lng[k], &var[k]));
  {
    int st = nc_enddef(out->ncid);
    if (st != NC_ENOTINDEFINE) NCCall(out, st);
  }
  count = out->rank == 0 ? (size_t)nrates : 0;
  for (int k = 0; k < nvar; k++) {
    NCCall(out, nc_var_par_access(out->ncid, var[k], NC_COLLECTIVE));
    NCCall(out, nc_put_vara_double(out->ncid, var[k], &start, &count, data[k]));
  }
  NCCall(out, nc_sync(out->ncid));
  out->summary = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputSetTermination(FvOutput out, const char *reason) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCall(PutText(out, out->ncid, NC_GLOBAL, "termination_reason",
                    reason && reason[0] ? reason : "unknown"));
  PetscCall(Commit(out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputDestroy(FvOutput *out) {
  PetscFunctionBeginUser;
  if (!out || !*out) PetscFunctionReturn(PETSC_SUCCESS);
  if ((*out)->isopen) {
    int st         = nc_close((*out)->ncid);
    (*out)->isopen = PETSC_FALSE;
    if (st != NC_NOERR) {
      char path[PETSC_MAX_PATH_LEN];
      PetscCall(PetscStrncpy(path, (*out)->path, sizeof path));
      PetscCall(PetscFree(*out));
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_LIB, "NetCDF error in nc_close on file '%s': %s", path,
              nc_strerror(st));
    }
  }
  PetscCall(PetscFree(*out));
  PetscFunctionReturn(PETSC_SUCCESS);
}
