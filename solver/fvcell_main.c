/* fvcell_main.c -- the `fvcell` command: run, check, materials.
 *
 *   fvcell run [CASE.yaml] [-o FILE.nc] [-key value ...] [PETSc options]
 *   fvcell check CASE.yaml [-key value ...]
 *   fvcell materials [-materials_dir DIR]
 *   fvcell sweep CASE.yaml [-o FILE.nc] [-key value ...]   (mpiexec -n P: members spread over ranks)
 * Case keys are overridden PETSc-style: positive.thickness is -positive_thickness "80 um".
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <petscsys.h>
#include "case.h"
#include "forms.h"
#include "materials.h"
#include "case_schema.h"
#include "run.h"
#include "sweep.h"

static const char help[] = "fvcell: finite-volume electrochemical cell simulator\n"
                           "  fvcell run [CASE.yaml] [-o FILE.nc] [-key value ...]\n"
                           "  fvcell check CASE.yaml [-key value ...]\n"
                           "  fvcell materials [-materials_dir DIR]\n"
                           "  fvcell schema   (every case key, as Markdown: docs/case-keys.md)\n"
                           "  fvcell sweep CASE.yaml [-o FILE.nc] [-key value ...] [-sweep_quiet]\n";

/* mkdir -p of the directory part of path (rank 0). */
static PetscErrorCode MakeParentDirs(MPI_Comm comm, const char *path) {
  PetscMPIInt rank;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    char buf[FV_PATH_LEN];
    PetscCall(PetscStrncpy(buf, path, sizeof buf));
    for (char *p = buf + 1; *p; p++) {
      if (*p != '/') continue;
      *p = 0;
      if (mkdir(buf, 0777) && errno != EEXIST)
        SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot create directory %s: %s", buf, strerror(errno));
      *p = '/';
    }
  }
  PetscCallMPI(MPI_Barrier(comm));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* `fvcell materials`: the closed forms, then the material files (solver/materials.h).
 * *all_ok is false when a material file is broken (it is listed with its message). */
static PetscErrorCode ListMaterials(MPI_Comm comm, PetscBool *all_ok) {
  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(comm, "closed-form material functions (use as {form: NAME}):\n"));
  for (const char *const *n = FvFormNames(); *n; n++) PetscCall(PetscPrintf(comm, "  %-28s %s\n", *n, FvFormDescription(*n)));
  PetscCall(FvMaterialsView(comm, all_ok));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* `fvcell sweep`: the case's sweep section over the ranks, one summary file (solver/sweep.h).
 * *code: 0 done (failed members are results), 1 bad input, 2 no case file. */
static PetscErrorCode RunSweep(MPI_Comm comm, const char *casefile, PetscInt *code) {
  FvSweep sw;
  PetscErrorCode ierr;
  char outpath[FV_PATH_LEN], line[FV_PATH_LEN + 512];
  PetscInt nmem, nok;
  PetscReal wall;
  PetscMPIInt size;
  PetscBool set;
  PetscFunctionBeginUser;
  *code = 0;
  if (!casefile) {
    PetscCall(PetscPrintf(comm, "fvcell sweep: a case file is needed\n%s", help));
    *code = 2;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  ierr = FvSweepCreate(comm, casefile, &sw);
  if (ierr == PETSC_ERR_USER) {
    *code = 1;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(ierr);
  PetscCall(FvSweepSetFromOptions(sw));
  {
    const char *slash = strrchr(casefile, '/'), *base = slash ? slash + 1 : casefile, *dot = strrchr(base, '.');
    PetscCall(PetscSNPrintf(outpath, sizeof outpath, "out/%.*s_sweep.nc", (int)(dot && dot != base ? dot - base : (long)strlen(base)), base));
  }
  PetscCall(PetscOptionsGetString(NULL, NULL, "-o", outpath, sizeof outpath, &set));
  PetscCall(MakeParentDirs(comm, outpath));
  PetscCall(FvSweepRun(sw));
  PetscCall(FvSweepWrite(sw, outpath));
  PetscCall(FvSweepGetCounts(sw, &nmem, &nok, &wall));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  snprintf(line, sizeof line, "sweep: %d members on %d rank%s in %.3g s (%.3g members/s), %d member-rate runs ok; wrote %s\n", (int)nmem,
           (int)size, size > 1 ? "s" : "", (double)wall, (double)(nmem / wall), (int)nok, outpath);
  PetscCall(PetscPrintf(comm, "%s", line));
  PetscCall(FvSweepDestroy(&sw));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  MPI_Comm    comm;
  const char *cmd = argc > 1 ? argv[1] : "run";
  const char *casefile = (argc > 2 && argv[2][0] != '-') ? argv[2] : NULL;
  FvCase      c;
  char        outpath[FV_PATH_LEN];
  PetscBool   set;

  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  comm = PETSC_COMM_WORLD;
  /* `fvcell run ... | head` should end quietly, as Unix tools do: PETSc's handler would turn the
   * broken pipe into an error report */
  signal(SIGPIPE, SIG_DFL);
  if (argc > 1 && argv[1][0] == '-') cmd = "run"; /* `fvcell -o x.nc` runs the default case */
  if (!strcmp(cmd, "schema")) { /* the case-key reference, generated from the schema table */
    PetscCall(FvCaseSchemaView(comm));
    PetscCall(PetscFinalize());
    return 0;
  }
  if (!strcmp(cmd, "materials")) {
    PetscBool all_ok;
    PetscCall(ListMaterials(comm, &all_ok));
    PetscCall(PetscFinalize());
    return all_ok ? 0 : 1;
  }
  if (!strcmp(cmd, "sweep")) {
    PetscInt code;
    PetscCall(RunSweep(comm, casefile, &code));
    PetscCall(PetscFinalize());
    return (int)code;
  }
  if (strcmp(cmd, "run") && strcmp(cmd, "check")) {
    PetscCall(PetscPrintf(comm, "fvcell: unknown command '%s'\n%s", cmd, help));
    PetscCall(PetscFinalize());
    return 2;
  }
  if (!strcmp(cmd, "check") && !casefile) {
    PetscCall(PetscPrintf(comm, "fvcell check: a case file is needed\n%s", help));
    PetscCall(PetscFinalize());
    return 2;
  }
  {
    PetscErrorCode ierr = casefile ? FvCaseLoad(comm, casefile, &c) : FvCaseLoadDefault(comm, &c);
    if (ierr) { /* the loader printed file, line, key, value and what was expected */
      PetscCall(PetscFinalize());
      return 1;
    }
  }
  if (!strcmp(cmd, "check")) {
    PetscCall(FvCaseView(comm, &c));
  } else {
    PetscCall(PetscSNPrintf(outpath, sizeof outpath, "out/%s.nc", c.name));
    PetscCall(PetscOptionsGetString(NULL, NULL, "-o", outpath, sizeof outpath, &set));
    PetscCall(MakeParentDirs(comm, outpath));
    PetscCall(FvRunCase(comm, &c, outpath, NULL));
  }
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscFinalize());
  return 0;
}
