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
 *   -mode stream -o FILE [-nrec N] [-nx NX]
 *       appends up to N records to a root run, rank 0 printing "appended k" after each
 *       (synced) append, for the kill test (kill_test.py), which SIGKILLs the ranks.
 */
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
static PetscErrorCode Decompose(MPI_Comm comm, PetscInt nx, PetscBool rank0_empty, PetscInt *xstart, PetscInt *xm) {
  PetscMPIInt rank, size;
  PetscInt    start = 0;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  for (PetscMPIInt r = 0; r <= rank; r++) {
    /* with rank0_empty, ranks 1..size-1 share the cells as ranks 0..size-2 would */
    PetscBool   skip = (PetscBool)(rank0_empty && size > 1);
    PetscMPIInt nr = skip ? size - 1 : size, q = skip ? r - 1 : r;
    PetscInt    n  = (skip && r == 0) ? 0 : nx / nr + (q >= nr - nx % nr ? 1 : 0);
    if (r == rank) *xm = n;
    else start += n;
  }
  *xstart = start;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscReal FieldValue(PetscInt f, PetscInt g, PetscInt k, PetscInt run) {
  if ((f == FV_FIELD_CSSURF || f == FV_FIELD_CSAVG) && g >= FV_SEP_LO && g < FV_SEP_HI) return NAN;
  return 1000.0 * (f + 1) + g + 1e-3 * k + 0.1 * run;
}

/* One synthetic constant-current discharge of nrec records at c_rate. */
static PetscErrorCode WriteRun(FvOutput out, const char *group, PetscInt run, PetscReal c_rate, PetscInt nrec, PetscInt nx, PetscInt xstart, PetscInt xm,
                               PetscReal *cap, PetscReal *energy) {
  PetscReal *x, *buf[FV_NFIELDS];
  PetscReal  cur = c_rate * FV_I1C, tend = 0.95 * 3600.0 / c_rate, E = 0, Vprev = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(xm + 1, &x));
  for (PetscInt f = 0; f < FV_NFIELDS; f++) PetscCall(PetscMalloc1(xm + 1, &buf[f]));
  for (PetscInt i = 0; i < xm; i++) x[i] = (xstart + i + 0.5) * 1e-5;
  PetscCall(FvOutputBeginRun(out, group, c_rate, nx, xstart, xm, x));
  for (PetscInt k = 0; k < nrec; k++) {
    FvRecord rec = {0, 0, 0, 0, 0, 0, 0};
    PetscReal s = (PetscReal)k / (nrec - 1);
    rec.time            = s * tend;
    rec.voltage         = 4.2 - 0.05 * c_rate - 0.9 * s - 0.3 * PetscPowReal(s, 8.0);
    rec.current_density = cur;
    rec.capacity        = cur * rec.time / 3600.0;
    if (k > 0) E += 0.5 * (Vprev + rec.voltage) * cur * (tend / (nrec - 1)) / 3600.0;
    rec.energy = E;
    Vprev      = rec.voltage;
    for (PetscInt f = 0; f < FV_NFIELDS; f++)
      for (PetscInt i = 0; i < xm; i++) buf[f][i] = FieldValue(f, xstart + i, k, run);
    PetscCall(FvOutputAppend(out, &rec, (const PetscReal *const *)buf));
    *cap    = rec.capacity;
    *energy = rec.energy;
  }
  PetscCall(FvOutputEndRun(out, "cut-off voltage reached", 1.5 + run));
  for (PetscInt f = 0; f < FV_NFIELDS; f++) PetscCall(PetscFree(buf[f]));
  PetscCall(PetscFree(x));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Synthetic(MPI_Comm comm, const char *prefix, PetscBool rank0_empty) {
  static const char  case_yaml[] = "name: synthetic\nprotocol:\n  - \"Discharge at 1C until 3.0 V\"\n";
  const PetscReal    rates[3]    = {0.5, 1.0, 2.0};
  const PetscInt     nrecs[3]    = {40, 25, 18};
  PetscReal          cap[3], en[3], c0, e0;
  char               path[PETSC_MAX_PATH_LEN], group[32];
  PetscInt           xstart, xm;
  FvOutput           out;
  PetscFunctionBeginUser;
  PetscCall(Decompose(comm, FV_NX, rank0_empty, &xstart, &xm));

  PetscCall(PetscSNPrintf(path, sizeof path, "%s_root.nc", prefix));
  PetscCall(FvOutputCreate(comm, path, &out));
  PetscCall(FvOutputSetRunInfo(out, "0.1.0-test", case_yaml, FV_I1C));
  PetscCall(WriteRun(out, NULL, 0, 1.0, 37, FV_NX, xstart, xm, &c0, &e0));
  PetscCall(FvOutputSetTermination(out, "cut-off voltage reached"));
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
  PetscCall(FvOutputDestroy(&out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Stream(MPI_Comm comm, const char *path, PetscInt nrec, PetscInt nx) {
  PetscMPIInt rank;
  PetscInt    xstart, xm;
  PetscReal  *x, *buf[FV_NFIELDS];
  FvOutput    out;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(Decompose(comm, nx, PETSC_FALSE, &xstart, &xm));
  PetscCall(PetscMalloc1(xm + 1, &x));
  for (PetscInt f = 0; f < FV_NFIELDS; f++) PetscCall(PetscMalloc1(xm + 1, &buf[f]));
  for (PetscInt i = 0; i < xm; i++) x[i] = (xstart + i + 0.5) * 1e-5;
  /* pids first, so the killer can reach every rank */
  PetscCall(PetscSynchronizedPrintf(comm, "pid %d\n", (int)getpid()));
  PetscCall(PetscSynchronizedFlush(comm, PETSC_STDOUT));
  PetscCall(FvOutputCreate(comm, path, &out));
  PetscCall(FvOutputSetRunInfo(out, "0.1.0-test", "name: stream\n", FV_I1C));
  PetscCall(FvOutputBeginRun(out, NULL, 1.0, nx, xstart, xm, x));
  for (PetscInt k = 0; k < nrec; k++) {
    FvRecord rec = {(PetscReal)k, 4.0 - 1e-4 * k, FV_I1C, FV_I1C * k / 3600.0, 4.0 * FV_I1C * k / 3600.0, 0, 0};
    for (PetscInt f = 0; f < FV_NFIELDS; f++)
      for (PetscInt i = 0; i < xm; i++) buf[f][i] = FieldValue(f, xstart + i, k, 0);
    PetscCall(FvOutputAppend(out, &rec, (const PetscReal *const *)buf));
    if (rank == 0) {
      PetscCall(PetscFPrintf(PETSC_COMM_SELF, PETSC_STDOUT, "appended %" PetscInt_FMT "\n", k + 1));
      fflush(PETSC_STDOUT);
    }
  }
  PetscCall(FvOutputEndRun(out, "all records written", 0.0));
  PetscCall(FvOutputSetTermination(out, "all records written"));
  PetscCall(FvOutputDestroy(&out));
  for (PetscInt f = 0; f < FV_NFIELDS; f++) PetscCall(PetscFree(buf[f]));
  PetscCall(PetscFree(x));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Misuse must give clear errors, not crashes: a file in a missing directory, an append
 * outside a run. Runs with a return-error handler so the errors come back as codes. */
static PetscErrorCode Misuse(MPI_Comm comm, const char *prefix) {
  FvOutput       out = NULL;
  PetscErrorCode ierr;
  char           path[PETSC_MAX_PATH_LEN];
  FvRecord       rec = {0, 0, 0, 0, 0, 0, 0};
  PetscFunctionBeginUser;
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = FvOutputCreate(comm, "/nonexistent-dir/for/fvcell/out.nc", &out);
  PetscCall(PetscPopErrorHandler());
  PetscCheck(ierr != 0 && out == NULL, comm, PETSC_ERR_PLIB, "FvOutputCreate in a missing directory did not fail");
  PetscCall(PetscSNPrintf(path, sizeof path, "%s_misuse.nc", prefix));
  PetscCall(FvOutputCreate(comm, path, &out));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = FvOutputAppend(out, &rec, NULL);
  PetscCall(PetscPopErrorHandler());
  PetscCheck(ierr != 0, comm, PETSC_ERR_PLIB, "FvOutputAppend outside a run did not fail");
  PetscCall(FvOutputDestroy(&out));
  PetscCheck(out == NULL, comm, PETSC_ERR_PLIB, "FvOutputDestroy did not zero the handle");
  PetscCall(FvOutputDestroy(&out)); /* destroying NULL is a no-op */
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char      mode[32] = "synthetic", prefix[PETSC_MAX_PATH_LEN] = "output_test", path[PETSC_MAX_PATH_LEN] = "stream.nc";
  PetscInt  nrec = 100000, nx = 50;
  PetscBool rank0_empty = PETSC_FALSE, issynth, isstream;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "FvOutput synthetic writer"));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-mode", mode, sizeof mode, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-prefix", prefix, sizeof prefix, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-o", path, sizeof path, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-nrec", &nrec, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-nx", &nx, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-rank0_empty", &rank0_empty, NULL));
  PetscCall(PetscStrcmp(mode, "synthetic", &issynth));
  PetscCall(PetscStrcmp(mode, "stream", &isstream));
  if (issynth) {
    PetscCall(Synthetic(PETSC_COMM_WORLD, prefix, rank0_empty));
    PetscCall(Misuse(PETSC_COMM_WORLD, prefix));
  } else if (isstream) PetscCall(Stream(PETSC_COMM_WORLD, path, nrec, nx));
  else SETERRQ(PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "unknown -mode %s (synthetic or stream)", mode);
  PetscCall(PetscFinalize());
  return 0;
}
