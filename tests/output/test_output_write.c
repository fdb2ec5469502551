/* test_output_write.c -- writes synthetic result files through the FvOutput API (output.h).
 *
 * Owns: the synthetic data the output checks rely on (check_output.py mirrors the formulas):
 *   x[g]                 = (g + 0.5) * 1e-5                           [m], g = global cell index
 *   field f, record k, g = 1000 (f + 1) + g + 1e-3 k + 0.1 run          (run = group index, 0 root)
 *   c_s_surf, c_s_avg    = NaN in the "separator" cells FV_SEP_LO <= g < FV_SEP_HI
 * so a slab written at a wrong offset, a wrong record or into the wrong group fails the check.
 *
 *   -mode synthetic -prefix P [-rank0_empty]
 *       writes P_root.nc (one root run) and P_rates.nc (3 rate groups + rate summary).
 *   -mode stream -o FILE [-nrec N] [-nx NX] [-sync_interval S]
 *       appends up to N records to a root run (written as FILE.part), syncing every S s of wall
 *       time (default 0.05), rank 0 printing "appended k" whenever k records are on disk, for
 *       the kill test (kill_test.py), which SIGKILLs the ranks.
 *   -mode grid -dim 2|3 -prefix P [-xsplit a,b,..] [-ysplit ..] [-zsplit ..]
 *       2D/3D files P_s1.nc, P_s2.nc (formulas at GridField; check_grid.py mirrors them).
 *   -mode bench -o FILE [-n NX,NY,NZ] [-nrec N] [-stride S] [-max_seconds T] [-keep]
 *       times N appends of a 3D grid (default 100 x 64 x 64, 9 fields), z split over the ranks;
 *       fails above T s per append; removes FILE unless -keep.
 */
#include <stdio.h>
#include <unistd.h>
#include <math.h>
#include <petscsys.h>
#include "output.h"

#if PETSC_VERSION_LT(3, 19, 0) && !defined(PETSC_SUCCESS)
#define PETSC_SUCCESS 0
#endif

#define FV_NX 13
#define FV_SEP_LO 4
#define FV_SEP_HI 8
#define FV_I1C 30.0 /* synthetic 1C current density [A m-2] */

/* This rank's slab of nx cells: rank 0 gets the smaller share (or none). */
static PetscErrorCode Decompose(MPI_Comm comm, PetscInt nx, PetscBool rank0_empty, PetscInt *xstart,
                                PetscInt *xm) {
  PetscMPIInt rank, size;
  PetscInt start = 0;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  for (PetscMPIInt r = 0; r <= rank; r++) {
    /* with rank0_empty, ranks 1..size-1 share the cells as ranks 0..size-2 would */
    PetscBool skip = (PetscBool)(rank0_empty && size > 1);
    PetscMPIInt nr = skip ? size - 1 : size, q = skip ? r - 1 : r;
    PetscInt n = (skip && r == 0) ? 0 : nx / nr + (q >= nr - nx % nr ? 1 : 0);
    if (r == rank)
      *xm = n;
    else
      start += n;
  }
  *xstart = start;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The 1D grid of a slab (stride 1). */
static const FvOutputGrid *Grid1D(PetscInt nx, PetscInt xstart, PetscInt xm, const PetscReal *x,
                                  FvOutputGrid *g) {
  const FvOutputGrid g1 = {1, {nx, 1, 1}, {xstart, 0, 0}, {xm, 1, 1}, x, 1.0, 1.0, 1};
  *g                    = g1;
  return g;
}

static PetscReal FieldValue(PetscInt f, PetscInt g, PetscInt k, PetscInt run) {
  if ((f == FV_FIELD_CSSURF || f == FV_FIELD_CSAVG) && g >= FV_SEP_LO && g < FV_SEP_HI) return NAN;
  return 1000.0 * (f + 1) + g + 1e-3 * k + 0.1 * run;
}

/* One synthetic constant-current discharge of nrec records at c_rate. */
static PetscErrorCode WriteRun(FvOutput out, const char *group, PetscInt run, PetscReal c_rate,
                               PetscInt nrec, PetscInt nx, PetscInt xstart, PetscInt xm,
                               PetscReal *cap, PetscReal *energy) {
  PetscReal *x, *buf[FV_NFIELDS];
  FvOutputGrid grid;
  PetscReal cur = c_rate * FV_I1C, tend = 0.95 * 3600.0 / c_rate, E = 0, Vprev = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(xm + 1, &x));
  for (PetscInt f = 0; f < FV_NFIELDS; f++)
    PetscCall(PetscMalloc1(xm + 1, &buf[f]));
  for (PetscInt i = 0; i < xm; i++)
    x[i] = (xstart + i + 0.5) * 1e-5;
  PetscCall(FvOutputBeginRun(out, group, c_rate, Grid1D(nx, xstart, xm, x, &grid)));
  for (PetscInt k = 0; k < nrec; k++) {
    FvRecord rec        = {0, 0, 0, 0, 0, 0, 0, PETSC_FALSE, PETSC_FALSE};
    PetscReal s         = (PetscReal)k / (nrec - 1);
    rec.time            = s * tend;
    rec.voltage         = 4.2 - 0.05 * c_rate - 0.9 * s - 0.3 * PetscPowReal(s, 8.0);
    rec.current_density = cur;
    rec.capacity        = cur * rec.time / 3600.0;
    if (k > 0) E += 0.5 * (Vprev + rec.voltage) * cur * (tend / (nrec - 1)) / 3600.0;
    rec.energy = E;
    Vprev      = rec.voltage;
    for (PetscInt f = 0; f < FV_NFIELDS; f++)
      for (PetscInt i = 0; i < xm; i++)
        buf[f][i] = FieldValue(f, xstart + i, k, run);
    PetscCall(FvOutputAppend(out, &rec, (const PetscReal *const *)buf));
    *cap    = rec.capacity;
    *energy = rec.energy;
  }
  PetscCall(FvOutputEndRun(out, "ok", "cut-off voltage reached", 1.5 + run));
  for (PetscInt f = 0; f < FV_NFIELDS; f++)
    PetscCall(PetscFree(buf[f]));
  PetscCall(PetscFree(x));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Synthetic(MPI_Comm comm, const char *prefix, PetscBool rank0_empty) {
  static const char case_yaml[] =
      "name: synthetic\nprotocol:\n  - \"Discharge at 1C until 3.0 V\"\n";
  const PetscReal rates[3] = {0.5, 1.0, 2.0};
  const PetscInt nrecs[3]  = {40, 25, 18};
  PetscReal cap[3], en[3], c0, e0;
  char path[PETSC_MAX_PATH_LEN], group[32];
  PetscInt xstart, xm;
  FvOutput out;
  PetscFunctionBeginUser;
  PetscCall(Decompose(comm, FV_NX, rank0_empty, &xstart, &xm));

  PetscCall(PetscSNPrintf(path, sizeof path, "%s_root.nc", prefix));
  PetscCall(FvOutputCreate(comm, path, &out));
  PetscCall(FvOutputSetRunInfo(out, "0.1.0-test", case_yaml, FV_I1C));
  PetscCall(WriteRun(out, NULL, 0, 1.0, 37, FV_NX, xstart, xm, &c0, &e0));
  PetscCall(FvOutputSetTermination(out, "cut-off voltage reached"));
  PetscCall(FvOutputSetStatus(out, "ok"));
  PetscCall(FvOutputDestroy(&out));

  PetscCall(PetscSNPrintf(path, sizeof path, "%s_rates.nc", prefix));
  PetscCall(FvOutputCreate(comm, path, &out));
  PetscCall(FvOutputSetRunInfo(out, "0.1.0-test", case_yaml, FV_I1C));
  for (PetscInt r = 0; r < 3; r++) {
    PetscCall(PetscSNPrintf(group, sizeof group, "rate_%" PetscInt_FMT, r));
    PetscCall(WriteRun(out, group, r + 1, rates[r], nrecs[r], FV_NX, xstart, xm, &cap[r], &en[r]));
  }
  PetscCall(FvOutputWriteRateSummary(out, 3, rates, cap, en, NULL, NULL));
  PetscCall(FvOutputSetTermination(out, "3 of 3 rates completed"));
  PetscCall(FvOutputSetStatus(out, "ok"));
  PetscCall(FvOutputDestroy(&out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Stream(MPI_Comm comm, const char *path, PetscInt nrec, PetscInt nx,
                             PetscReal sync_interval) {
  PetscMPIInt rank;
  PetscInt nsynced = 0, nprinted = 0;
  PetscInt xstart, xm;
  PetscReal *x, *buf[FV_NFIELDS];
  FvOutputGrid grid;
  FvOutput out;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(Decompose(comm, nx, PETSC_FALSE, &xstart, &xm));
  PetscCall(PetscMalloc1(xm + 1, &x));
  for (PetscInt f = 0; f < FV_NFIELDS; f++)
    PetscCall(PetscMalloc1(xm + 1, &buf[f]));
  for (PetscInt i = 0; i < xm; i++)
    x[i] = (xstart + i + 0.5) * 1e-5;
  /* pids first, so the killer can reach every rank */
  PetscCall(PetscSynchronizedPrintf(comm, "pid %d\n", (int)getpid()));
  PetscCall(PetscSynchronizedFlush(comm, PETSC_STDOUT));
  PetscCall(FvOutputCreate(comm, path, &out));
  PetscCall(FvOutputSetSyncInterval(out, sync_interval));
  PetscCall(FvOutputSetRunInfo(out, "0.1.0-test", "name: stream\n", FV_I1C));
  PetscCall(FvOutputBeginRun(out, NULL, 1.0, Grid1D(nx, xstart, xm, x, &grid)));
  for (PetscInt k = 0; k < nrec; k++) {
    FvRecord rec = {
        (PetscReal)k, 4.0 - 1e-4 * k, FV_I1C, FV_I1C * k / 3600.0, 4.0 * FV_I1C * k / 3600.0, 0, 0,
        PETSC_FALSE,  PETSC_FALSE};
    for (PetscInt f = 0; f < FV_NFIELDS; f++)
      for (PetscInt i = 0; i < xm; i++)
        buf[f][i] = FieldValue(f, xstart + i, k, 0);
    PetscCall(FvOutputAppend(out, &rec, (const PetscReal *const *)buf));
    PetscCall(FvOutputGetSynced(out, &nsynced));
    if (rank == 0 && nsynced > nprinted) { /* records on disk as of the last sync */
      PetscCall(
          PetscFPrintf(PETSC_COMM_SELF, PETSC_STDOUT, "appended %" PetscInt_FMT "\n", nsynced));
      fflush(PETSC_STDOUT);
      nprinted = nsynced;
    }
  }
  PetscCall(FvOutputEndRun(out, "ok", "all records written", 0.0));
  PetscCall(FvOutputSetTermination(out, "all records written"));
  PetscCall(FvOutputSetStatus(out, "ok"));
  PetscCall(FvOutputDestroy(&out));
  for (PetscInt f = 0; f < FV_NFIELDS; f++)
    PetscCall(PetscFree(buf[f]));
  PetscCall(PetscFree(x));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- 2D/3D grids (-mode grid) ----------------------------------------------------------------
 * Grid NGX x NGY (x NGZ), cell (i, j, k), record r, run u (0 root; 1, 2 the groups):
 *   x = (i + 0.5) 1e-5, y = (j + 0.5) GLY / NGY, z = (k + 0.5) GLZ / NGZ                     [m]
 *   field f (f >= FV_NFIELDS: family f - FV_NFIELDS) = 1e4 (f + 1) + 1000 k + 100 j + i + 0.1 u +
 * 0.01 r (c_s_surf, c_s_avg NaN for GSEP_LO <= i < GSEP_HI) static s (solid_electrolyte_fraction,
 * particle_radius) = 1e5 (s + 1) + 1000 k + 100 j + i + 0.1 u plane metal_contact_fraction = 1000 k
 * + 100 j + 0.25 + 0.1 u Files: P_s1.nc (root run, stride 1), P_s2.nc (group rate_0: stride 2,
 * rate_1: stride 1). The owned boxes come from -xsplit/-ysplit/-zsplit (cells per part; product of
 * parts = ranks). */
#define NGX 8
#define NGY 5
#define NGZ 4
#define GLY 3e-5
#define GLZ 2e-5
#define GSEP_LO 3
#define GSEP_HI 5
#define GNREC 6
#define GNFAM 2

static PetscReal GridField(PetscInt f, PetscInt i, PetscInt j, PetscInt k, PetscInt rec,
                           PetscInt run) {
  if ((f == FV_FIELD_CSSURF || f == FV_FIELD_CSAVG) && i >= GSEP_LO && i < GSEP_HI) return NAN;
  return 1e4 * (f + 1) + 1000.0 * k + 100.0 * j + i + 0.1 * run + 0.01 * rec;
}

typedef struct {
  PetscInt nsplit[3], split[3][16];
} Splits;

/* This rank's owned box of an n[0] x n[1] x n[2] grid from the splits. */
static PetscErrorCode GridBox(MPI_Comm comm, const Splits *sp, const PetscInt n[3],
                              PetscInt start[3], PetscInt count[3]) {
  PetscMPIInt rank, size;
  PetscInt np[3], idx[3], r;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  for (int d = 0; d < 3; d++)
    np[d] = sp->nsplit[d] > 0 ? sp->nsplit[d] : 1;
  PetscCheck(np[0] * np[1] * np[2] == size, comm, PETSC_ERR_ARG_INCOMP,
             "%" PetscInt_FMT " x %" PetscInt_FMT " x %" PetscInt_FMT " parts for %d ranks", np[0],
             np[1], np[2], size);
  r      = rank;
  idx[0] = r % np[0];
  idx[1] = (r / np[0]) % np[1];
  idx[2] = r / (np[0] * np[1]);
  for (int d = 0; d < 3; d++) {
    PetscInt sum = 0;
    start[d]     = 0;
    count[d]     = n[d];
    if (sp->nsplit[d] == 0) continue;
    for (PetscInt q = 0; q < sp->nsplit[d]; q++) {
      if (q < idx[d]) start[d] += sp->split[d][q];
      sum += sp->split[d][q];
    }
    count[d] = sp->split[d][idx[d]];
    PetscCheck(sum == n[d], comm, PETSC_ERR_ARG_INCOMP,
               "split of direction %d sums to %" PetscInt_FMT ", not %" PetscInt_FMT, d, sum, n[d]);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode GridRun(MPI_Comm comm, FvOutput out, const char *group, PetscInt run,
                              PetscReal c_rate, PetscInt dim, PetscInt stride, const Splits *sp) {
  const PetscInt n[3] = {NGX, dim >= 2 ? NGY : 1, dim >= 3 ? NGZ : 1};
  FvOutputGrid g;
  PetscInt nc, np;
  PetscReal *x, *buf[FV_NFIELDS + GNFAM], *sbuf, *plane;
  static const char *const sname[2] = {"solid_electrolyte_fraction", "particle_radius"};
  static const char *const sunit[2] = {"1", "m"};
  PetscFunctionBeginUser;
  g.dim = dim;
  for (int d = 0; d < 3; d++)
    g.n[d] = n[d];
  PetscCall(GridBox(comm, sp, n, g.start, g.count));
  g.Ly     = GLY;
  g.Lz     = GLZ;
  g.stride = stride;
  nc       = g.count[0] * g.count[1] * g.count[2];
  np       = g.count[1] * g.count[2];
  PetscCall(PetscMalloc1(g.count[0] + 1, &x));
  for (PetscInt i = 0; i < g.count[0]; i++)
    x[i] = (g.start[0] + i + 0.5) * 1e-5;
  g.x = x;
  for (PetscInt f = 0; f < FV_NFIELDS + GNFAM; f++)
    PetscCall(PetscMalloc1(nc + 1, &buf[f]));
  PetscCall(PetscMalloc2(nc + 1, &sbuf, np + 1, &plane));
  PetscCall(FvOutputSetFamilies(out, GNFAM));
  PetscCall(FvOutputBeginRun(out, group, c_rate, &g));
  for (PetscInt rec = 0; rec < GNREC; rec++) {
    FvRecord rec_s = {10.0 * rec,
                      4.0 - 0.1 * rec,
                      30.0 * c_rate,
                      30.0 * c_rate * 10.0 * rec / 3600.0,
                      4.0 * 30.0 * c_rate * 10.0 * rec / 3600.0,
                      0,
                      0,
                      PETSC_FALSE,
                      PETSC_FALSE};
    /* the static fields before the first and after the third record, the plane map in between */
    if (rec == 0 || rec == 3) {
      const PetscInt sf = rec == 0 ? 0 : 1;
      for (PetscInt c = 0, k = 0; k < g.count[2]; k++)
        for (PetscInt j = 0; j < g.count[1]; j++)
          for (PetscInt i = 0; i < g.count[0]; i++, c++)
            sbuf[c] = 1e5 * (sf + 1) + 1000.0 * (g.start[2] + k) + 100.0 * (g.start[1] + j) +
                      (g.start[0] + i) + 0.1 * run;
      PetscCall(FvOutputWriteStatic(out, sname[sf], sunit[sf], sbuf));
    }
    if (rec == 2 && dim >= 2) {
      for (PetscInt c = 0, k = 0; k < g.count[2]; k++)
        for (PetscInt j = 0; j < g.count[1]; j++, c++)
          plane[c] = 1000.0 * (g.start[2] + k) + 100.0 * (g.start[1] + j) + 0.25 + 0.1 * run;
      PetscCall(
          FvOutputWritePlane(out, "metal_contact_fraction", "1", g.start[0] == 0 ? plane : NULL));
    }
    for (PetscInt f = 0; f < FV_NFIELDS + GNFAM; f++)
      for (PetscInt c = 0, k = 0; k < g.count[2]; k++)
        for (PetscInt j = 0; j < g.count[1]; j++)
          for (PetscInt i = 0; i < g.count[0]; i++, c++)
            buf[f][c] = GridField(f, g.start[0] + i, g.start[1] + j, g.start[2] + k, rec, run);
    PetscCall(FvOutputAppend(out, &rec_s, (const PetscReal *const *)buf));
  }
  PetscCall(FvOutputEndRun(out, "ok", "cut-off voltage reached", 1.5 + run));
  for (PetscInt f = 0; f < FV_NFIELDS + GNFAM; f++)
    PetscCall(PetscFree(buf[f]));
  PetscCall(PetscFree2(sbuf, plane));
  PetscCall(PetscFree(x));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Grid(MPI_Comm comm, const char *prefix, PetscInt dim, const Splits *sp) {
  char path[PETSC_MAX_PATH_LEN], yaml[64];
  FvOutput out;
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(yaml, sizeof yaml, "name: synthetic %" PetscInt_FMT "D\n", dim));
  PetscCall(PetscSNPrintf(path, sizeof path, "%s_s1.nc", prefix));
  PetscCall(FvOutputCreate(comm, path, &out));
  PetscCall(FvOutputSetRunInfo(out, "0.1.0-test", yaml, FV_I1C));
  PetscCall(GridRun(comm, out, NULL, 0, 1.0, dim, 1, sp));
  PetscCall(FvOutputSetTermination(out, "cut-off voltage reached"));
  PetscCall(FvOutputSetStatus(out, "ok"));
  PetscCall(FvOutputDestroy(&out));
  PetscCall(PetscSNPrintf(path, sizeof path, "%s_s2.nc", prefix));
  PetscCall(FvOutputCreate(comm, path, &out));
  PetscCall(FvOutputSetRunInfo(out, "0.1.0-test", yaml, FV_I1C));
  PetscCall(GridRun(comm, out, "rate_0", 1, 1.0, dim, 2, sp));
  PetscCall(GridRun(comm, out, "rate_1", 2, 2.0, dim, 1, sp));
  PetscCall(FvOutputSetTermination(out, "2 of 2 rates completed"));
  PetscCall(FvOutputSetStatus(out, "ok"));
  PetscCall(FvOutputDestroy(&out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* -mode bench: nrec appends of a 3D grid (z split over the ranks), seconds per append on stdout. */
static PetscErrorCode Bench(MPI_Comm comm, const char *path, const PetscInt n[3], PetscInt nrec,
                            PetscInt stride, PetscReal max_seconds, PetscBool keep) {
  Splits sp = {{0, 0, 0}, {{0}}};
  FvOutputGrid g;
  FvOutput out;
  PetscMPIInt size;
  PetscInt nc;
  PetscReal *x, *buf[FV_NFIELDS + GNFAM];
  double t0, t1, tmax = 0;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCheck(size <= 16, comm, PETSC_ERR_SUP, "bench: at most 16 ranks");
  sp.nsplit[2] = size; /* z slabs, as a DMDA would split the slowest direction */
  for (PetscMPIInt r = 0; r < size; r++)
    sp.split[2][r] = n[2] / size + (r < n[2] % size ? 1 : 0);
  g.dim = 3;
  for (int d = 0; d < 3; d++)
    g.n[d] = n[d];
  PetscCall(GridBox(comm, &sp, n, g.start, g.count));
  g.Ly = GLY, g.Lz = GLZ, g.stride = stride;
  nc = g.count[0] * g.count[1] * g.count[2];
  PetscCall(PetscMalloc1(g.count[0] + 1, &x));
  for (PetscInt i = 0; i < g.count[0]; i++)
    x[i] = (g.start[0] + i + 0.5) * 1e-5;
  g.x = x;
  for (PetscInt f = 0; f < FV_NFIELDS + GNFAM; f++) {
    PetscCall(PetscMalloc1(nc + 1, &buf[f]));
    for (PetscInt c = 0; c < nc; c++)
      buf[f][c] = f + 1e-3 * c;
  }
  PetscCall(FvOutputCreate(comm, path, &out));
  PetscCall(FvOutputSetRunInfo(out, "0.1.0-test", "name: bench\n", FV_I1C));
  PetscCall(FvOutputSetFamilies(out, GNFAM));
  PetscCall(FvOutputBeginRun(out, NULL, 1.0, &g));
  PetscCall(FvOutputWriteStatic(out, "solid_electrolyte_fraction", "1", buf[0]));
  t0 = MPI_Wtime();
  for (PetscInt rec = 0; rec < nrec; rec++) {
    FvRecord r = {(PetscReal)rec, 4.0, FV_I1C, 0, 0, 0, 0, PETSC_FALSE, PETSC_FALSE};
    double ta  = MPI_Wtime();
    PetscCall(FvOutputAppend(out, &r, (const PetscReal *const *)buf));
    tmax = PetscMax(tmax, MPI_Wtime() - ta);
  }
  t1 = MPI_Wtime();
  PetscCall(FvOutputEndRun(out, "ok", "bench", t1 - t0));
  PetscCall(FvOutputDestroy(&out));
  if (!keep) { /* the file is large and only the timing matters */
    PetscMPIInt rank;
    PetscCallMPI(MPI_Comm_rank(comm, &rank));
    if (rank == 0)
      PetscCheck(remove(path) == 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "cannot remove %s",
                 path);
  }
  PetscCall(PetscPrintf(
      comm,
      "bench: %" PetscInt_FMT " x %" PetscInt_FMT " x %" PetscInt_FMT
      " cells, stride %" PetscInt_FMT
      ", %d fields, %d ranks: %.3f s per append (mean of %" PetscInt_FMT "), %.3f s max\n",
      n[0], n[1], n[2], stride, FV_NFIELDS + GNFAM, size, (t1 - t0) / (double)nrec, nrec, tmax));
  PetscCheck(max_seconds <= 0 || (t1 - t0) / (double)nrec <= max_seconds, comm, PETSC_ERR_PLIB,
             "bench: %.3f s per append, more than %g s", (t1 - t0) / (double)nrec,
             (double)max_seconds);
  for (PetscInt f = 0; f < FV_NFIELDS + GNFAM; f++)
    PetscCall(PetscFree(buf[f]));
  PetscCall(PetscFree(x));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Misuse must give clear errors, not crashes: a file in a missing directory, an append
 * outside a run. Runs with a return-error handler so the errors come back as codes. */
static PetscErrorCode Misuse(MPI_Comm comm, const char *prefix) {
  FvOutput out = NULL;
  PetscErrorCode ierr;
  char path[PETSC_MAX_PATH_LEN];
  FvRecord rec = {0, 0, 0, 0, 0, 0, 0, PETSC_FALSE, PETSC_FALSE};
  PetscFunctionBeginUser;
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = FvOutputCreate(comm, "/nonexistent-dir/for/fvcell/out.nc", &out);
  PetscCall(PetscPopErrorHandler());
  PetscCheck(ierr != 0 && out == NULL, comm, PETSC_ERR_PLIB,
             "FvOutputCreate in a missing directory did not fail");
  PetscCall(PetscSNPrintf(path, sizeof path, "%s_misuse.nc", prefix));
  PetscCall(FvOutputCreate(comm, path, &out));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = FvOutputAppend(out, &rec, NULL);
  PetscCall(PetscPopErrorHandler());
  PetscCheck(ierr != 0, comm, PETSC_ERR_PLIB, "FvOutputAppend outside a run did not fail");
  {
    /* a bad grid (stride 0), an interface map of a 1D run, a static field named twice */
    PetscInt xstart, xm;
    PetscReal x[FV_NX], v[FV_NX];
    FvOutputGrid g;
    PetscCall(Decompose(comm, FV_NX, PETSC_FALSE, &xstart, &xm));
    for (PetscInt i = 0; i < xm; i++)
      x[i] = (xstart + i + 0.5) * 1e-5, v[i] = 1.0;
    Grid1D(FV_NX, xstart, xm, x, &g);
    g.stride = 0;
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = FvOutputBeginRun(out, NULL, 1.0, &g);
    PetscCall(PetscPopErrorHandler());
    PetscCheck(ierr == PETSC_ERR_ARG_OUTOFRANGE, comm, PETSC_ERR_PLIB, "stride 0 gave error %d",
               (int)ierr);
    g.stride = 1;
    PetscCall(FvOutputBeginRun(out, NULL, 1.0, &g));
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = FvOutputWritePlane(out, "metal_contact_fraction", "1", v);
    PetscCall(PetscPopErrorHandler());
    PetscCheck(ierr == PETSC_ERR_ARG_WRONG, comm, PETSC_ERR_PLIB,
               "FvOutputWritePlane on a 1D run gave error %d", (int)ierr);
    PetscCall(FvOutputWriteStatic(out, "solid_electrolyte_fraction", "1", v));
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = FvOutputWriteStatic(out, "solid_electrolyte_fraction", "1", v);
    PetscCall(PetscPopErrorHandler());
    PetscCheck(ierr == PETSC_ERR_ARG_WRONG, comm, PETSC_ERR_PLIB,
               "a static field written twice gave error %d", (int)ierr);
    PetscCall(FvOutputEndRun(out, "ok", "misuse checked", 0.0));
  }
  PetscCall(FvOutputDestroy(&out));
  PetscCheck(out == NULL, comm, PETSC_ERR_PLIB, "FvOutputDestroy did not zero the handle");
  PetscCall(FvOutputDestroy(&out)); /* destroying NULL is a no-op */
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char mode[32] = "synthetic", prefix[PETSC_MAX_PATH_LEN] = "output_test",
       path[PETSC_MAX_PATH_LEN] = "stream.nc";
  PetscInt nrec = 100000, nx = 50, dim = 2, bn[3] = {100, 64, 64}, nbn = 3, stride = 1;
  PetscReal max_seconds = 0, sync_interval = 0.05;
  PetscBool rank0_empty = PETSC_FALSE, keep = PETSC_FALSE, nset, issynth, isstream, isgrid, isbench;
  Splits sp = {{0, 0, 0}, {{0}}};

  PetscCall(PetscInitialize(&argc, &argv, NULL, "FvOutput synthetic writer"));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-mode", mode, sizeof mode, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-prefix", prefix, sizeof prefix, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-o", path, sizeof path, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-nrec", &nrec, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-nx", &nx, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-dim", &dim, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-stride", &stride, NULL));
  PetscCall(PetscOptionsGetIntArray(NULL, NULL, "-n", bn, &nbn, &nset));
  if (!nset) nbn = 3;
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-max_seconds", &max_seconds, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-sync_interval", &sync_interval, NULL));
  {
    const char *opt[3] = {"-xsplit", "-ysplit", "-zsplit"};
    for (int d = 0; d < 3; d++) {
      sp.nsplit[d] = 16;
      PetscCall(PetscOptionsGetIntArray(NULL, NULL, opt[d], sp.split[d], &sp.nsplit[d], NULL));
    }
  }
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-rank0_empty", &rank0_empty, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-keep", &keep, NULL));
  PetscCall(PetscStrcmp(mode, "synthetic", &issynth));
  PetscCall(PetscStrcmp(mode, "stream", &isstream));
  PetscCall(PetscStrcmp(mode, "grid", &isgrid));
  PetscCall(PetscStrcmp(mode, "bench", &isbench));
  if (issynth) {
    PetscCall(Synthetic(PETSC_COMM_WORLD, prefix, rank0_empty));
    PetscCall(Misuse(PETSC_COMM_WORLD, prefix));
  } else if (isstream)
    PetscCall(Stream(PETSC_COMM_WORLD, path, nrec, nx, sync_interval));
  else if (isgrid) {
    PetscCheck(dim == 2 || dim == 3, PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE,
               "-dim %" PetscInt_FMT ": 2 or 3", dim);
    PetscCall(Grid(PETSC_COMM_WORLD, prefix, dim, &sp));
  } else if (isbench) {
    PetscCheck(nbn == 3, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "-n NX,NY,NZ");
    PetscCall(
        Bench(PETSC_COMM_WORLD, path, bn, nrec == 100000 ? 10 : nrec, stride, max_seconds, keep));
  } else
    SETERRQ(PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG,
            "unknown -mode %s (synthetic, stream, grid or bench)", mode);
  PetscCall(PetscFinalize());
  return 0;
}
