/* output.c -- the NetCDF-4 result file, written collectively with the MPI build of NetCDF.
 *
 * Owns: the implementation of output.h -- file creation (nc_create_par), the per-run layout
 * (root group or subgroup "rate_<i>": dimensions time (unlimited) and x [, y [, z]], the scalar
 * time series and the fields over (time, x), (time, y, x) or (time, z, y, x), CF-ish names with
 * `units` and `long_name`; the written grid keeps every stride-th cell, each rank writing the kept
 * cells of its owned box, possibly none, in the same collective calls), the time-independent
 * fields and interface maps of a run, the rate summary, the root/group attributes (per run also
 * mesh_dimension and output_stride), the chunk layout (at most FV_CHUNK_BYTES per chunk), and the
 * crash-safety discipline:
 *  - every variable on the unlimited dimension uses NC_COLLECTIVE access (parallel HDF5 extends
 *    datasets collectively);
 *  - the file is written as PATH.part under an exclusive lock and renamed to PATH by
 *    FvOutputDestroy (output_file.h): a second writer of PATH is refused, a killed run leaves
 *    PATH.part;
 *  - definitions, attributes, static fields, step tables and the end of a run are synced at once;
 *    appended records are synced (nc_sync: an HDF5 flush of data and metadata, fsync'd by MPI-IO)
 *    when sync_interval seconds of wall time (1 s by default) have passed since the last sync,
 *    and at the end of every protocol step (FvOutputSync, called by the run driver). Syncing every
 *    record cost one fsync per IDA step (~40 % of the process time of a 1D run). A writer killed
 *    between syncs leaves the records of the last sync plus possibly later ones (variables not
 *    yet extended read as _FillValue = NaN). HDF5 1.10 has no journal and no SWMR with MPI-IO,
 *    so a kill while HDF5 evicts metadata between syncs could in principle leave an
 *    inconsistent file; tests/output/kill_test.py (SIGKILL at random moments on 1 and 2 ranks)
 *    checks that the files stay readable;
 *  - termination_reason is written as "incomplete: run did not finish" and status as
 *    "incomplete" when a run starts, and replaced at its end, so a file left by a killed run
 *    says so.
 * NetCDF status codes become PETSc errors naming the call, nc_strerror() and the file path.
 * No global state: everything lives in the FvOutput object.
 */
#include <math.h>
#include <string.h>
#include <netcdf.h>
#include <netcdf_par.h>
#include <petsctime.h>
#include "output_impl.h"
#include "cli.h"

/* Turn a NetCDF status into a PETSc error naming the call, the NetCDF message and the file. */
PetscErrorCode FvNCCheck(int status, const char *call, const char *path) {
  PetscFunctionBeginUser;
  PetscCheck(status == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE,
             "NetCDF error in %s on file '%s': %s", call, path, nc_strerror(status));
  PetscFunctionReturn(PETSC_SUCCESS);
}

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

/* A variable of type xtype with units, long_name and optional chunking (deflated at the file's
 * level). Doubles get _FillValue NaN (a value not yet written reads as missing) unless they are
 * coordinates (CF: no fill on coordinate variables); integers get no fill (an index stays an
 * integer for readers that turn filled integers into floats). */
PetscErrorCode FvOutDefVarT(FvOutput out, int grp, nc_type xtype, PetscBool coord, const char *name,
                            int ndims, const int dims[], const size_t chunks[], const char *units,
                            const char *long_name, int *varid) {
  const double fill = NAN;
  PetscFunctionBeginUser;
  NCCall(out, nc_def_var(grp, name, xtype, ndims, dims, varid));
  if (chunks) {
    NCCall(out, nc_def_var_chunking(grp, *varid, NC_CHUNKED, chunks));
    if (out->deflate > 0) NCCall(out, nc_def_var_deflate(grp, *varid, 1, 1, out->deflate));
  }
  if (xtype == NC_DOUBLE && !coord)
    NCCall(out, nc_def_var_fill(grp, *varid, NC_FILL, &fill));
  else if (xtype != NC_STRING)
    NCCall(out, nc_def_var_fill(grp, *varid, NC_NOFILL, NULL));
  if (units) PetscCall(PutText(out, grp, *varid, "units", units));
  PetscCall(PutText(out, grp, *varid, "long_name", long_name));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutDefVar(FvOutput out, int grp, const char *name, int ndims, const int dims[],
                           const size_t chunks[], const char *units, const char *long_name,
                           int *varid) {
  PetscFunctionBeginUser;
  PetscCall(FvOutDefVarT(out, grp, NC_DOUBLE, PETSC_FALSE, name, ndims, dims, chunks, units,
                         long_name, varid));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Flush to disk (collective; nc_sync is an HDF5 flush, fsync'd by MPI-IO). */
PetscErrorCode FvOutSync(FvOutput out) {
  PetscFunctionBeginUser;
  NCCall(out, nc_sync(out->ncid));
  PetscCall(PetscTime(&out->last_sync));
  out->dirty   = PETSC_FALSE;
  out->nsynced = out->nrec;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* End define mode (a no-op in data mode) and flush everything to disk. */
static PetscErrorCode Commit(FvOutput out) {
  int st;
  PetscFunctionBeginUser;
  st = nc_enddef(out->ncid);
  if (st != NC_ENOTINDEFINE) NCCall(out, st);
  PetscCall(FvOutSync(out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputSetCellArea(FvOutput out, PetscReal area) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  out->area = area > 0 ? area : 0;
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
  o->sync_interval = 1.0;
  {
    PetscErrorCode ierr = FvOutputFileOpen(comm, path, &o->file);
    if (ierr) PetscCall(PetscFree(o));
    FvCallUser(ierr);
  }
  /* the file is written under its partial name; FvOutputDestroy renames it */
  PetscCall(PetscStrncpy(o->path, o->file.part, sizeof o->path));
  {
    int st = nc_create_par(o->path, NC_NETCDF4 | NC_CLOBBER, comm, MPI_INFO_NULL, &o->ncid);
    if (st != NC_NOERR) {
      PetscCall(FvOutputFileRelease(&o->file));
      PetscCall(PetscFree(o));
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot create NetCDF-4 file '%s%s': %s", path,
              FV_PART_SUFFIX, nc_strerror(st));
    }
  }
  o->isopen = PETSC_TRUE;
  PetscCall(PutText(o, o->ncid, NC_GLOBAL, "Conventions", "CF-1.8"));
  PetscCall(PutText(o, o->ncid, NC_GLOBAL, "title",
                    "fvcell finite-volume electrochemical cell simulation"));
  PetscCall(PutText(o, o->ncid, NC_GLOBAL, "termination_reason", FV_INCOMPLETE));
  PetscCall(PutText(o, o->ncid, NC_GLOBAL, "status", "incomplete"));
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

/* The written (strided) grid: cells with global index % stride == 0 in every direction. This
 * rank's owned box [start, start + count) keeps ceil((start + count) / s) - ceil(start / s) of
 * them in direction d, the first at local offset ws[d] s - start[d]. */
static void StridedBox(PetscInt n, PetscInt start, PetscInt count, PetscInt s, PetscInt *nw,
                       PetscInt *ws, PetscInt *wc) {
  *nw = (n + s - 1) / s;
  *ws = (start + s - 1) / s;
  *wc = (start + count + s - 1) / s - *ws;
}

/* Copy the kept cells of a local box (in[0] x in[1] x in[2], axis 0 fastest) into dst: kept[a]
 * cells per axis, the first at local index first[a], every s-th. */
static void Gather(double *dst, const PetscReal *src, const PetscInt in[3], const PetscInt first[3],
                   const PetscInt kept[3], PetscInt s) {
  size_t c = 0;
  for (PetscInt k = 0; k < kept[2]; k++)
    for (PetscInt j = 0; j < kept[1]; j++) {
      const PetscReal *row =
          src +
          ((size_t)(first[2] + k * s) * (size_t)in[1] + (size_t)(first[1] + j * s)) *
              (size_t)in[0] +
          (size_t)first[0];
      for (PetscInt i = 0; i < kept[0]; i++)
        dst[c++] = row[(size_t)(i * s)];
    }
}

/* This rank's kept cells of a field over its owned box (x fastest), ready for nc_put_vara: the
 * array itself with stride 1, else a copy in the scratch buffer; NULL when nothing is kept. */
static PetscErrorCode PickBox(FvOutput out, const PetscReal *vals, int arg, const double **buf) {
  PetscInt first[3];
  PetscFunctionBeginUser;
  *buf = NULL;
  if (out->ncells > 0) FvAssertPointer(vals, arg);
  if (out->nkept == 0) PetscFunctionReturn(PETSC_SUCCESS);
  if (out->stride == 1) {
    *buf = vals;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  for (int d = 0; d < 3; d++)
    first[d] = out->ws[d] * out->stride - out->start[d];
  Gather(out->scratch, vals, out->count, first, out->wc, out->stride);
  *buf = out->scratch;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* start/count of this rank's kept box in file order (..., z, y, x) from position `at`. */
static void BoxSelection(FvOutput out, size_t start[], size_t count[], int at) {
  for (PetscInt a = 0; a < out->dim; a++) {
    const PetscInt d = out->dim - 1 - a;
    start[at + a]    = (size_t)out->ws[d];
    count[at + a]    = (size_t)out->wc[d];
  }
}

void FvOutBoxSelection(FvOutput out, size_t start[], size_t count[], int at) {
  BoxSelection(out, start, count, at);
}

PetscErrorCode FvOutPickBox(FvOutput out, const PetscReal *vals, const double **buf) {
  PetscFunctionBeginUser;
  PetscCall(PickBox(out, vals, 2, buf));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Chunk sizes of a field over the written grid (nsp spatial dimensions m[], outermost first),
 * preceded by a time chunk when timed: at most FV_CHUNK_BYTES per chunk; a record of the whole
 * grid per chunk when it fits, up to FV_TIME_CHUNK records; bigger grids are split along the
 * outermost directions first. */
static void FieldChunks(PetscBool timed, int nsp, const size_t m[], size_t chunks[]) {
  const size_t cap = FV_CHUNK_BYTES / sizeof(double); /* values per chunk */
  size_t cells = 1, tc = 1, *c = chunks + (timed ? 1 : 0);
  for (int a = 0; a < nsp; a++) {
    c[a] = m[a];
    cells *= m[a];
  }
  if (timed) {
    tc        = PetscMax(1, PetscMin(FV_TIME_CHUNK, cap / cells));
    chunks[0] = tc;
  }
  if (tc * cells <= cap) return;
  for (int a = 0; a < nsp; a++) {
    size_t inner = 1;
    for (int b = a + 1; b < nsp; b++)
      inner *= c[b];
    c[a] = PetscMax(1, PetscMin(c[a], cap / inner));
    if (c[a] * inner <= cap) break;
  }
}

/* Validate the grid on every rank and agree collectively (a bad grid on one rank fails all). */
static PetscErrorCode CheckGrid(FvOutput out, const FvOutputGrid *g) {
  char msg[256] = "";
  PetscInt sums[2], loc[2];
  PetscMPIInt bad = 0, anybad;
  PetscFunctionBeginUser;
  if (g->dim < 1 || g->dim > 3)
    PetscCall(
        PetscSNPrintf(msg, sizeof msg, "dim = %" PetscInt_FMT ", expected 1, 2 or 3", g->dim));
  else if (g->stride < 1)
    PetscCall(PetscSNPrintf(msg, sizeof msg, "stride = %" PetscInt_FMT " must be >= 1", g->stride));
  else if (!g->x && g->count[0] * g->count[1] * g->count[2] > 0 && g->start[1] == 0 &&
           g->start[2] == 0)
    PetscCall(PetscSNPrintf(msg, sizeof msg, "no x cell centres (grid->x is NULL)"));
  else if ((g->dim >= 2 && !(g->Ly > 0)) || (g->dim >= 3 && !(g->Lz > 0)))
    PetscCall(PetscSNPrintf(msg, sizeof msg, "extents Ly = %g, Lz = %g must be positive",
                            (double)g->Ly, (double)g->Lz));
  else
    for (int d = 0; d < 3 && !msg[0]; d++) {
      if (d >= g->dim && (g->n[d] != 1 || g->start[d] != 0 || g->count[d] != 1))
        PetscCall(PetscSNPrintf(msg, sizeof msg,
                                "direction %d beyond dim = %" PetscInt_FMT
                                " must have n = count = 1, start = 0",
                                d, g->dim));
      else if (g->n[d] < 1)
        PetscCall(PetscSNPrintf(msg, sizeof msg, "n[%d] = %" PetscInt_FMT " must be positive", d,
                                g->n[d]));
      else if (g->start[d] < 0 || g->count[d] < 0 || g->start[d] + g->count[d] > g->n[d])
        PetscCall(PetscSNPrintf(msg, sizeof msg,
                                "owned box [%" PetscInt_FMT ", %" PetscInt_FMT
                                ") in direction %d outside [0, %" PetscInt_FMT ")",
                                g->start[d], g->start[d] + g->count[d], d, g->n[d]));
    }
  bad = msg[0] != 0;
  PetscCallMPI(MPIU_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, out->comm));
  PetscCheck(!anybad, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "FvOutputBeginRun on '%s': %s",
             out->path, bad ? msg : "another rank passed an invalid grid");
  /* Every rank must agree on the grid (min == max), and the owned boxes must tile it. */
  {
    const PetscInt v[5] = {g->dim, g->n[0], g->n[1], g->n[2], g->stride};
    PetscInt in[10], res[10];
    for (int k = 0; k < 5; k++)
      in[k] = v[k], in[5 + k] = -v[k];
    PetscCallMPI(MPIU_Allreduce(in, res, 10, MPIU_INT, MPI_MIN, out->comm));
    for (int k = 0; k < 5; k++)
      bad |= res[k] != -res[5 + k];
  }
  loc[0] = g->count[0] * g->count[1] * g->count[2];
  /* the ranks owning the (y, z) = (0, 0) row write x: they must cover x exactly once */
  loc[1] = g->start[1] == 0 && g->start[2] == 0 && loc[0] > 0 ? g->count[0] : 0;
  PetscCallMPI(MPIU_Allreduce(loc, sums, 2, MPIU_INT, MPI_SUM, out->comm));
  bad |= sums[0] != g->n[0] * g->n[1] * g->n[2] || sums[1] != g->n[0];
  PetscCheck(!bad, PETSC_COMM_SELF, PETSC_ERR_ARG_INCOMP,
             "FvOutputBeginRun on '%s': the ranks' owned boxes (%" PetscInt_FMT
             " cells in all) do not tile the %" PetscInt_FMT " x %" PetscInt_FMT " x %" PetscInt_FMT
             " grid, or ranks disagree on dim, n or stride",
             out->path, sums[0], g->n[0], g->n[1], g->n[2]);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputBeginRun(FvOutput out, const char *group, PetscReal c_rate,
                                const FvOutputGrid *grid) {
  static const char *const sname[FV_NSCALARS] = {"time", "voltage", "current_density", "capacity",
                                                 "energy"};
  static const char *const sunit[FV_NSCALARS] = {"s", "V", "A m-2", "A h m-2", "W h m-2"};
  static const char *const slong[FV_NSCALARS] = {"time since the start of the run", "cell voltage",
                                                 "cell current density (positive on discharge)",
                                                 "charge delivered since the start of the run",
                                                 "energy delivered since the start of the run"};
  static const char *const fname[FV_NFIELDS]  = {"c_e",
                                                 "phi_e",
                                                 "phi_s",
                                                 "c_s_surf",
                                                 "c_s_avg",
                                                 "contact_fraction",
                                                 "active_area",
                                                 "interphase_resistance",
                                                 "active_material_fraction"};
  static const char *const funit[FV_NFIELDS]  = {"mol m-3", "V",   "V",      "mol m-3", "mol m-3",
                                                 "1",       "m-1", "ohm m2", "1"};
  static const char *const flong[FV_NFIELDS]  = {"electrolyte salt concentration",
                                                 "electrolyte potential vs the working-ion metal",
                                                 "solid-phase potential",
                                                 "particle surface concentration",
                                                 "particle volume-averaged concentration",
                                                 ("fraction of the particle surface in contact "
                                                  "with the electrolyte (area-weighted over "
                                                  "families)"),
                                                 "contacting particle surface per electrode volume",
                                                 ("active | solid-electrolyte interphase resistance "
                                                  "per contacting area (volume-weighted over "
                                                  "families)"),
                                                 ("share of the active material in connected "
                                                  "particles (contact fraction above zero)")};
  static const char *const cname[3]           = {"x", "y", "z"};
  static const char *const caxis[3]           = {"X", "Y", "Z"};
  static const char *const clong[3]           = {
                "cell-centre position across the cell (x = 0: negative current collector)",
                "cell-centre position along y, in the electrode plane",
                "cell-centre position along z, in the electrode plane"};
  int grp, dt, vc[3], dims[5], vrate;
  size_t chunk1, chunks[5], m[3], start[3], count[3];
  PetscInt dim, nsp, nscratch;

  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  FvAssertPointer(grid, 4);
  PetscCheck(!out->inrun, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputBeginRun on '%s': the previous run was not ended (FvOutputEndRun)",
             out->path);
  PetscCheck(!out->summary, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputBeginRun on '%s' after the rate summary was written", out->path);
  PetscCheck(group || out->nruns == 0, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputBeginRun on '%s': a root-group run must be the only run of the file",
             out->path);
  PetscCall(CheckGrid(out, grid));

  if (group) {
    int st = nc_def_grp(out->ncid, group, &grp);
    PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_LIB,
               "NetCDF error defining group '%s' in file '%s': %s", group, out->path,
               nc_strerror(st));
  } else
    grp = out->ncid;
  out->gid = grp;
  out->dim = dim = grid->dim;
  out->stride    = grid->stride;
  out->ncells    = 1;
  out->nkept     = 1;
  for (int d = 0; d < 3; d++) {
    out->n[d]     = grid->n[d];
    out->start[d] = grid->start[d];
    out->count[d] = grid->count[d];
    StridedBox(grid->n[d], grid->start[d], grid->count[d], grid->stride, &out->nw[d], &out->ws[d],
               &out->wc[d]);
    out->ncells *= grid->count[d];
    out->nkept *= out->wc[d];
  }
  out->nrec = 0;
  out->nruns++;
  out->thermal = PETSC_FALSE;
  nsp          = dim;
  PetscCall(PetscFree(out->scratch));
  /* scratch: the kept cells of a field (stride > 1 only) or one coordinate */
  nscratch = PetscMax(out->wc[0], PetscMax(out->nw[1], out->nw[2]));
  if (out->stride > 1) nscratch = PetscMax(nscratch, out->nkept);
  PetscCall(PetscMalloc1(nscratch + 1, &out->scratch));

  NCCall(out, nc_def_dim(grp, "time", NC_UNLIMITED, &dt));
  for (PetscInt d = 0; d < dim; d++)
    NCCall(out, nc_def_dim(grp, cname[d], (size_t)out->nw[d], &out->dimid[d]));
  chunk1 = FV_SCALAR_CHUNK;
  /* the run's C-rate: a scalar coordinate (CF 5.7) every variable on time refers to */
  PetscCall(
      FvOutDefVarT(out, grp, NC_DOUBLE, PETSC_TRUE, "rate", 0, NULL, NULL, "1", "C-rate", &vrate));
  for (int s = 0; s < FV_NSCALARS; s++) {
    PetscCall(FvOutDefVarT(out, grp, NC_DOUBLE, (PetscBool)(s == FV_S_TIME), sname[s], 1, &dt,
                           &chunk1, sunit[s], slong[s], &out->vscalar[s]));
    if (s != FV_S_TIME) PetscCall(PutText(out, grp, out->vscalar[s], "coordinates", "rate"));
  }
  if (out->area > 0) { /* the areal scalars times the electrode area */
    static const char *const cname_[3] = {"cell_current", "cell_capacity", "cell_energy"};
    static const char *const cunit_[3] = {"A", "A h", "W h"};
    static const char *const clong_[3] = {
        "cell current (positive on discharge)",
        "charge delivered by the cell since the start of the run",
        "energy delivered by the cell since the start of the run"};
    for (int s = 0; s < 3; s++) {
      PetscCall(FvOutDefVarT(out, grp, NC_DOUBLE, PETSC_FALSE, cname_[s], 1, &dt, &chunk1,
                             cunit_[s], clong_[s], &out->vcell[s]));
      PetscCall(PutText(out, grp, out->vcell[s], "coordinates", "rate"));
    }
  }
  PetscCall(FvOutDefVarT(out, grp, NC_INT, PETSC_FALSE, "step_index", 1, &dt, &chunk1, "1",
                         "protocol step of the run (0-based, counting across cycles)",
                         &out->vstep));
  PetscCall(FvOutDefVarT(out, grp, NC_INT, PETSC_FALSE, "cycle_index", 1, &dt, &chunk1, "1",
                         "protocol cycle (0-based)", &out->vcycle));
  PetscCall(PutText(out, grp, out->vstep, "coordinates", "rate"));
  PetscCall(PutText(out, grp, out->vcycle, "coordinates", "rate"));
  PetscCall(PutText(out, grp, out->vscalar[FV_S_TIME], "axis", "T"));
  for (PetscInt d = 0; d < dim; d++) {
    PetscCall(FvOutDefVarT(out, grp, NC_DOUBLE, PETSC_TRUE, cname[d], 1, &out->dimid[d], NULL, "m",
                           clong[d], &vc[d]));
    PetscCall(PutText(out, grp, vc[d], "axis", caxis[d]));
  }
  /* fields: (time, [z,] [y,] x) */
  dims[0] = dt;
  for (PetscInt a = 0; a < nsp; a++) {
    dims[1 + a] = out->dimid[nsp - 1 - a];
    m[a]        = (size_t)out->nw[nsp - 1 - a];
  }
  FieldChunks(PETSC_TRUE, (int)nsp, m, chunks);
  for (int f = 0; f < FV_NFIELDS; f++) {
    PetscCall(FvOutDefVar(out, grp, fname[f], 1 + (int)nsp, dims, chunks, funit[f], flong[f],
                          &out->vfield[f]));
    PetscCall(PutText(out, grp, out->vfield[f], "coordinates", "rate"));
  }
  if (out->nfam > 1) {
    int dfam, df[5];
    size_t cf[5];
    NCCall(out, nc_def_dim(grp, "family", (size_t)out->nfam, &dfam));
    df[0] = dt, df[1] = dfam, cf[0] = chunks[0], cf[1] = 1;
    for (PetscInt a = 0; a < nsp; a++)
      df[2 + a] = dims[1 + a], cf[2 + a] = chunks[1 + a];
    PetscCall(FvOutDefVar(out, grp, "contact_fraction_family", 2 + (int)nsp, df, cf, "1",
                          "contact fraction of each particle family with the electrolyte",
                          &out->vfam));
    PetscCall(PutText(out, grp, out->vfam, "coordinates", "rate"));
  }
  if (out->iface && dim >= 2) { /* (time, [z,] y) on the x = 0 face */
    int di[3];
    size_t mi[2], ci[3];
    di[0] = dt;
    for (PetscInt a = 0; a < nsp - 1; a++) {
      di[1 + a] = out->dimid[nsp - 1 - a];
      mi[a]     = (size_t)out->nw[nsp - 1 - a];
    }
    FieldChunks(PETSC_TRUE, (int)nsp - 1, mi, ci);
    PetscCall(FvOutDefVar(out, grp, "interface_current_density", (int)nsp, di, ci, "A m-2",
                          "current density through the metal negative's face at x = 0 (anodic > 0)",
                          &out->viface));
    PetscCall(PutText(out, grp, out->viface, "coordinates", "rate"));
  }
  if (group) PetscCall(PutText(out, grp, NC_GLOBAL, "run", group));
  PetscCall(PutDouble(out, grp, NC_GLOBAL, "c_rate", c_rate));
  PetscCall(PutText(out, grp, NC_GLOBAL, "termination_reason", FV_INCOMPLETE));
  if (group) PetscCall(PutText(out, grp, NC_GLOBAL, "status", "incomplete"));
  {
    const int md = (int)dim, os = (int)out->stride;
    NCCall(out, nc_put_att_int(grp, NC_GLOBAL, "mesh_dimension", NC_INT, 1, &md));
    NCCall(out, nc_put_att_int(grp, NC_GLOBAL, "output_stride", NC_INT, 1, &os));
  }
  {
    int st = nc_enddef(out->ncid);
    if (st != NC_ENOTINDEFINE) NCCall(out, st);
  }
  for (int s = 0; s < FV_NSCALARS; s++)
    NCCall(out, nc_var_par_access(grp, out->vscalar[s], NC_COLLECTIVE));
  for (int s = 0; s < 3 && out->area > 0; s++)
    NCCall(out, nc_var_par_access(grp, out->vcell[s], NC_COLLECTIVE));
  NCCall(out, nc_var_par_access(grp, out->vstep, NC_COLLECTIVE));
  NCCall(out, nc_var_par_access(grp, out->vcycle, NC_COLLECTIVE));
  for (int f = 0; f < FV_NFIELDS; f++)
    NCCall(out, nc_var_par_access(grp, out->vfield[f], NC_COLLECTIVE));
  if (out->nfam > 1) NCCall(out, nc_var_par_access(grp, out->vfam, NC_COLLECTIVE));
  if (out->iface && dim >= 2) NCCall(out, nc_var_par_access(grp, out->viface, NC_COLLECTIVE));
  for (PetscInt d = 0; d < dim; d++)
    NCCall(out, nc_var_par_access(grp, vc[d], NC_COLLECTIVE));
  {
    const double r = (double)c_rate;
    NCCall(out, nc_var_par_access(grp, vrate, NC_COLLECTIVE));
    NCCall(out, nc_put_var_double(grp, vrate, &r));
  }
  /* x: the ranks owning the (y, z) = (0, 0) row of cells write the kept centres of their cells */
  {
    const PetscBool xw = out->start[1] == 0 && out->start[2] == 0 && out->ncells > 0;
    const double *xbuf = NULL;
    start[0]           = xw ? (size_t)out->ws[0] : 0;
    count[0]           = xw ? (size_t)out->wc[0] : 0;
    if (count[0] > 0) {
      for (PetscInt i = 0; i < out->wc[0]; i++)
        out->scratch[i] = grid->x[out->ws[0] * out->stride - out->start[0] + i * out->stride];
      xbuf = out->scratch;
    }
    NCCall(out, nc_put_vara_double(grp, vc[0], start, count, xbuf));
  }
  /* y, z: uniform centres (j + 1/2) L / n of the kept cells, written by rank 0 */
  for (PetscInt d = 1; d < dim; d++) {
    const PetscReal L = d == 1 ? grid->Ly : grid->Lz;
    for (PetscInt j = 0; j < out->nw[d]; j++)
      out->scratch[j] = ((PetscReal)(j * out->stride) + 0.5) * L / (PetscReal)out->n[d];
    start[0] = 0;
    count[0] = out->rank == 0 ? (size_t)out->nw[d] : 0;
    NCCall(out, nc_put_vara_double(grp, vc[d], start, count, out->scratch));
  }
  PetscCall(FvOutSync(out));
  out->inrun = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Define a time-independent variable of the current run (switching to define mode and back). */
static PetscErrorCode DefStatic(FvOutput out, const char *caller, const char *name,
                                const char *units, const char *suffix, int ndims, const int dims[],
                                int *varid) {
  char lname[256];
  size_t len;
  PetscFunctionBeginUser;
  PetscCheck(out->inrun, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "%s('%s') on '%s' outside a run (call FvOutputBeginRun first)", caller, name,
             out->path);
  PetscCheck(nc_inq_varid(out->gid, name, varid) != NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG,
             "%s on '%s': the run already has a variable '%s'", caller, out->path, name);
  PetscCall(PetscSNPrintf(lname, sizeof lname, "%s%s", name, suffix));
  len = strlen(name);
  for (size_t c = 0; c < len; c++)
    if (lname[c] == '_') lname[c] = ' ';
  NCCall(out, nc_redef(out->ncid));
  PetscCall(FvOutDefVar(out, out->gid, name, ndims, dims, NULL, units ? units : "1", lname, varid));
  {
    int st = nc_enddef(out->ncid);
    if (st != NC_ENOTINDEFINE) NCCall(out, st);
  }
  NCCall(out, nc_var_par_access(out->gid, *varid, NC_COLLECTIVE));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputWriteStatic(FvOutput out, const char *name, const char *units,
                                   const PetscReal *vals) {
  int var, dims[3];
  size_t start[3], count[3];
  const double *buf;
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  FvAssertPointer(name, 2);
  for (PetscInt a = 0; out->inrun && a < out->dim; a++)
    dims[a] = out->dimid[out->dim - 1 - a];
  PetscCall(DefStatic(out, "FvOutputWriteStatic", name, units, " (time-independent)", (int)out->dim,
                      dims, &var));
  BoxSelection(out, start, count, 0);
  PetscCall(PickBox(out, vals, 4, &buf));
  NCCall(out, nc_put_vara_double(out->gid, var, start, count, buf));
  PetscCall(FvOutSync(out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputWritePlane(FvOutput out, const char *name, const char *units,
                                  const PetscReal *vals) {
  int var, dims[2];
  size_t start[2] = {0, 0}, count[2] = {0, 0};
  const double *buf = NULL;
  PetscBool writer;
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  FvAssertPointer(name, 2);
  PetscCheck(!out->inrun || out->dim >= 2, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG,
             "FvOutputWritePlane('%s') on '%s': the run's grid is 1D; an interface map needs a "
             "2D or 3D grid (write a 1D interface value as a scalar instead)",
             name, out->path);
  /* (y) in 2D, (z, y) in 3D */
  if (out->inrun) {
    dims[0] = out->dimid[out->dim - 1];
    dims[1] = out->dimid[1];
  }
  PetscCall(DefStatic(out, "FvOutputWritePlane", name, units, " on the x = 0 interface",
                      (int)out->dim - 1, dims, &var));
  /* the ranks owning cells with i = 0 write their kept (z, y) part of the interface */
  writer = out->start[0] == 0 && out->ncells > 0;
  if (writer) {
    const PetscInt in[3] = {out->count[1], out->count[2], 1}, kept[3] = {out->wc[1], out->wc[2], 1},
                   first[3] = {out->ws[1] * out->stride - out->start[1],
                               out->ws[2] * out->stride - out->start[2], 0};
    FvAssertPointer(vals, 4);
    for (PetscInt a = 0; a < out->dim - 1; a++) {
      const PetscInt d = out->dim - 1 - a;
      start[a]         = (size_t)out->ws[d];
      count[a]         = (size_t)out->wc[d];
    }
    if (kept[0] * kept[1] > 0) {
      if (out->stride == 1)
        buf = vals;
      else {
        Gather(out->scratch, vals, in, first, kept, out->stride);
        buf = out->scratch;
      }
    }
  }
  NCCall(out, nc_put_vara_double(out->gid, var, start, count, buf));
  PetscCall(FvOutSync(out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputSetFamilies(FvOutput out, PetscInt nfam) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(nfam >= 1 && nfam <= FV_MAX_OUT_FAMILIES, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "FvOutputSetFamilies on '%s': %" PetscInt_FMT " families, expected 1..%d", out->path,
             nfam, FV_MAX_OUT_FAMILIES);
  out->nfam = nfam;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputSetInterfaceSeries(FvOutput out, PetscBool on) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  out->iface = on;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputAppend(FvOutput out, const FvRecord *rec, const PetscReal *const fields[]) {
  const double s[FV_NSCALARS] = {rec->time, rec->voltage, rec->current_density, rec->capacity,
                                 rec->energy};
  size_t start[5], count[5];
  const double *buf;

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
  if (out->area > 0) {
    const double cell[3] = {s[FV_S_CURRENT] * out->area, s[FV_S_CAPACITY] * out->area,
                            s[FV_S_ENERGY] * out->area};
    for (int k = 0; k < 3; k++)
      NCCall(out, nc_put_vara_double(out->gid, out->vcell[k], start, count, &cell[k]));
  }
  {
    const int si = (int)rec->step_index, ci = (int)rec->cycle_index;
    NCCall(out, nc_put_vara_int(out->gid, out->vstep, start, count, &si));
    NCCall(out, nc_put_vara_int(out->gid, out->vcycle, start, count, &ci));
  }
  /* Fields: each rank the kept cells of its box, record nrec (possibly an empty selection). */
  if (out->ncells > 0) FvAssertPointer(fields, 3);
  count[0] = 1;
  BoxSelection(out, start, count, 1);
  for (int f = 0; f < FV_NFIELDS; f++) {
    PetscCall(PickBox(out, out->ncells > 0 ? fields[f] : NULL, 3, &buf));
    NCCall(out, nc_put_vara_double(out->gid, out->vfield[f], start, count, buf));
  }
  BoxSelection(out, start, count, 2);
  count[1] = 1;
  for (PetscInt fam = 0; out->nfam > 1 && fam < out->nfam; fam++) {
    start[1] = (size_t)fam;
    PetscCall(PickBox(out, out->ncells > 0 ? fields[FV_NFIELDS + fam] : NULL, 3, &buf));
    NCCall(out, nc_put_vara_double(out->gid, out->vfam, start, count, buf));
  }
  if (out->iface && out->dim >= 2) {
    /* the ranks owning cells with i = 0 write their kept (z, y) part of the face */
    const PetscReal *vals  = fields ? fields[FV_NFIELDS + (out->nfam > 1 ? out->nfam : 0)] : NULL;
    const PetscBool writer = out->start[0] == 0 && out->ncells > 0;
    start[0] = out->nrec, count[0] = writer ? 1 : 0;
    buf = NULL;
    for (PetscInt a = 0; a < out->dim - 1; a++) {
      const PetscInt d = out->dim - 1 - a;
      start[1 + a]     = writer ? (size_t)out->ws[d] : 0;
      count[1 + a]     = writer ? (size_t)out->wc[d] : 0;
    }
    if (writer && out->wc[1] * out->wc[2] > 0) {
      const PetscInt in[3]    = {out->count[1], out->count[2], 1},
                     kept[3]  = {out->wc[1], out->wc[2], 1},
                     first[3] = {out->ws[1] * out->stride - out->start[1],
                                 out->ws[2] * out->stride - out->start[2], 0};
      FvAssertPointer(vals, 3);
      if (out->stride == 1)
        buf = vals;
      else {
        Gather(out->scratch, vals, in, first, kept, out->stride);
        buf = out->scratch;
      }
    }
    NCCall(out, nc_put_vara_double(out->gid, out->viface, start, count, buf));
  }
  out->nrec++;
  out->dirty = PETSC_TRUE;
  { /* sync at most every sync_interval seconds: rank 0's clock decides for all (nc_sync is
     * collective) */
    PetscLogDouble now;
    int due;
    PetscCall(PetscTime(&now));
    due = now - out->last_sync >= out->sync_interval;
    if (out->size > 1) PetscCallMPI(MPI_Bcast(&due, 1, MPI_INT, 0, out->comm));
    if (due) PetscCall(FvOutSync(out));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputSync(FvOutput out) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  if (out->dirty) PetscCall(FvOutSync(out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputGetSynced(FvOutput out, PetscInt *nrec) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  *nrec = (PetscInt)out->nsynced;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputSetSyncInterval(FvOutput out, PetscReal seconds) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(seconds >= 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "FvOutputSetSyncInterval on '%s': %g s, expected >= 0", out->path, (double)seconds);
  out->sync_interval = seconds;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputSetDeflate(FvOutput out, PetscInt level) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(level >= 0 && level <= 9, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "FvOutputSetDeflate on '%s': level %" PetscInt_FMT ", expected 0..9", out->path,
             level);
  out->deflate = (int)level;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputSetStatus(FvOutput out, const char *status) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCall(PutText(out, out->ncid, NC_GLOBAL, "status", status && status[0] ? status : "ok"));
  PetscCall(Commit(out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Keep a string variable of the current run for WriteStrings (rank 0 keeps the values). */
PetscErrorCode FvOutDeferStrings(FvOutput out, const char *var, PetscInt n,
                                 const char *const *text) {
  char name[NC_MAX_NAME + 1] = "";
  PetscFunctionBeginUser;
  PetscCheck(out->npending < 64, PETSC_COMM_SELF, PETSC_ERR_SUP,
             "'%s': more than 64 string variables", out->path);
  if (out->gid != out->ncid) NCCall(out, nc_inq_grpname(out->gid, name));
  PetscCall(PetscStrncpy(out->pending[out->npending].group, name, 64));
  PetscCall(PetscStrncpy(out->pending[out->npending].var, var, 64));
  out->pending[out->npending].n    = out->rank == 0 ? n : 0;
  out->pending[out->npending].text = NULL;
  if (out->rank == 0) {
    PetscCall(PetscMalloc1(n, &out->pending[out->npending].text));
    for (PetscInt i = 0; i < n; i++)
      PetscCall(PetscStrallocpy(text[i], &out->pending[out->npending].text[i]));
  }
  out->npending++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* After the parallel close: rank 0 opens the file serially and writes the string variables. */
static PetscErrorCode WriteStrings(FvOutput out) {
  int ncid, gid, var;
  PetscFunctionBeginUser;
  if (out->rank == 0 && out->npending > 0) {
    NCCall(out, nc_open(out->path, NC_WRITE, &ncid));
    for (PetscInt k = 0; k < out->npending; k++) {
      gid = ncid;
      if (out->pending[k].group[0]) NCCall(out, nc_inq_grp_ncid(ncid, out->pending[k].group, &gid));
      NCCall(out, nc_inq_varid(gid, out->pending[k].var, &var));
      NCCall(out, nc_put_var_string(gid, var, (const char **)out->pending[k].text));
    }
    NCCall(out, nc_close(ncid));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode FreeStrings(FvOutput out) {
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < out->npending; k++) {
    for (PetscInt i = 0; i < out->pending[k].n && out->pending[k].text; i++)
      PetscCall(PetscFree(out->pending[k].text[i]));
    PetscCall(PetscFree(out->pending[k].text));
  }
  out->npending = 0;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputEndRun(FvOutput out, const char *status, const char *reason,
                              PetscReal solve_time_s) {
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(
      out->inrun, PETSC_COMM_SELF, PETSC_ERR_ORDER,
      "FvOutputEndRun on '%s' without FvOutputBeginRun (no run started, or it was already ended)",
      out->path);
  PetscCall(PutText(out, out->gid, NC_GLOBAL, "termination_reason",
                    reason && reason[0] ? reason : "unknown"));
  if (out->gid != out->ncid)
    PetscCall(PutText(out, out->gid, NC_GLOBAL, "status", status && status[0] ? status : "ok"));
  PetscCall(PutDouble(out, out->gid, NC_GLOBAL, "solve_time_s", solve_time_s));
  PetscCall(Commit(out));
  PetscCall(PetscFree(out->scratch));
  out->inrun = PETSC_FALSE;
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
  PetscCall(PetscFree((*out)->scratch));
  if ((*out)->isopen) {
    int st         = nc_close((*out)->ncid);
    (*out)->isopen = PETSC_FALSE;
    if (st == NC_NOERR) { /* complete: the strings, then the final name */
      PetscErrorCode ierr;
      PetscCall(WriteStrings(*out));
      PetscCall(FreeStrings(*out));
      ierr = FvOutputFileCommit((*out)->comm, &(*out)->file);
      if (ierr) PetscCall(PetscFree(*out));
      FvCallUser(ierr);
      PetscCall(PetscFree(*out));
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(FvOutputFileRelease(&(*out)->file));
    PetscCall(FreeStrings(*out));
    {
      char path[PETSC_MAX_PATH_LEN];
      PetscCall(PetscStrncpy(path, (*out)->path, sizeof path));
      PetscCall(PetscFree(*out));
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "NetCDF error in nc_close on file '%s': %s",
              path, nc_strerror(st));
    }
  }
  PetscCall(FvOutputFileRelease(&(*out)->file));
  PetscCall(FreeStrings(*out));
  PetscCall(PetscFree(*out));
  PetscFunctionReturn(PETSC_SUCCESS);
}
