/* fvcell_main.c -- the `fvcell` command: a table of subcommands, help, version, exit statuses.
 *
 *   fvcell run [CASE.yaml] [-o FILE.nc] [-key value ...] [PETSc options]
 *   fvcell check CASE.yaml [-key value ...]
 *   fvcell sweep CASE.yaml [-o FILE.nc] [-key value ...]   (mpiexec -n P: members spread over
 * ranks)
 *   fvcell materials [-materials_dir DIR]
 *   fvcell import-bpx CELL.json -o CASE.yaml                (solver/bpx.h)
 *   fvcell parameter-sets                                   (run/check take -parameter_set NAME)
 *   fvcell help | --help | -h,  fvcell --version | -version
 * Case keys are overridden PETSc-style: positive.thickness is -positive_thickness "80 um".
 * A subcommand is one row of `commands` and one function; it returns a PETSc error code (a
 * user-facing failure prints its one line and returns PETSC_ERR_USER or FV_ERR_IO, cli.h) and
 * sets *status for outcomes that are no error (a solver stop). The exit statuses are in cli.h and
 * docs/cli.md.
 */
#define _POSIX_C_SOURCE 200809L /* setenv, mkdir */
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netcdf.h>
#include <sundials/sundials_config.h>
#include <petscsys.h>
#include "bpx.h"
#include "case.h"
#include "cli.h"
#include "forms.h"
#include "case_schema.h"
#include "materials.h"
#include "parameter_set.h"
#include "run.h"
#include "sweep.h"

typedef PetscErrorCode (*FvCommand)(MPI_Comm comm, const char *casefile, FvExitStatus *status);

static PetscErrorCode CmdRun(MPI_Comm, const char *, FvExitStatus *);
static PetscErrorCode CmdCheck(MPI_Comm, const char *, FvExitStatus *);
static PetscErrorCode CmdSweep(MPI_Comm, const char *, FvExitStatus *);
static PetscErrorCode CmdMaterials(MPI_Comm, const char *, FvExitStatus *);
static PetscErrorCode CmdImportBpx(MPI_Comm, const char *, FvExitStatus *);
static PetscErrorCode CmdParameterSets(MPI_Comm, const char *, FvExitStatus *);
static PetscErrorCode CmdSchema(MPI_Comm, const char *, FvExitStatus *);

static const struct {
  const char *name, *args, *what;
  FvCommand fn;
  PetscBool needs_case; /* a CASE.yaml argument is required */
} commands[] = {
    {"run", "[CASE.yaml] [-o FILE.nc] [-key value ...]",
     "run a case (the built-in DUALFOIL cell without CASE) into a NetCDF file", CmdRun,
     PETSC_FALSE},
    {"check", "CASE.yaml [-key value ...]", "validate a case and print it resolved, as YAML",
     CmdCheck, PETSC_TRUE},
    {"sweep", "CASE.yaml [-o FILE.nc] [-key value ...]",
     "run the case's sweep section (members over the MPI ranks) into a summary file", CmdSweep,
     PETSC_TRUE},
    {"materials", "[-materials_dir DIR]", "list the closed forms and the material library",
     CmdMaterials, PETSC_FALSE},
    {"import-bpx", "CELL.json -o CASE.yaml [-bpx_initial_soc S]",
     "convert a BPX parameter file into a case file and its tables", CmdImportBpx, PETSC_TRUE},
    {"parameter-sets", "",
     "list the published parameter sets (fvcell run|check -parameter_set NAME runs one)",
     CmdParameterSets, PETSC_FALSE},
    {"schema", "",
     "every case key with its unit, default and meaning, as Markdown (docs/case-keys.md)",
     CmdSchema, PETSC_FALSE},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void Usage(FILE *f) {
  fprintf(f, "fvcell %s: finite-volume electrochemical cell simulator\n\nusage:\n", FVCELL_VERSION);
  for (size_t i = 0; i < NCOMMANDS; i++)
    fprintf(f, "  fvcell %s %s\n      %s\n", commands[i].name, commands[i].args, commands[i].what);
  fprintf(f, "  fvcell help | --help | -h        this text\n"
             "  fvcell --version | -version      versions of fvcell and its libraries\n\n"
             "fvcell COMMAND -help lists the options of a command with their defaults; every case "
             "key is an\noption too (positive.thickness: -positive_thickness \"80 um\"), listed "
             "in docs/case-keys.md.\n"
             "exit status: 0 success, 1 bad input (case, option, command line), 2 a run stopped "
             "early\n(solver stop: the file holds what was computed), 3 an output file could not "
             "be written,\n4 internal error (docs/cli.md).\n");
}

static void Version(FILE *f) {
  int major, minor, sub;
  const char *nc = nc_inq_libvers(); /* "4.9.0 of <date> $" */
  (void)PetscGetVersionNumber(&major, &minor, &sub, NULL);
  fprintf(f, "fvcell %s (PETSc %d.%d.%d, SUNDIALS %s, NetCDF %.*s)\n", FVCELL_VERSION, major, minor,
          sub, SUNDIALS_VERSION, (int)strcspn(nc, " "), nc);
}

/* `fvcell sweep` / `fvcell run`: the default output path out/<name>.nc, or -o. */
static PetscErrorCode OutputPath(const char *name, const char *suffix, char *path, size_t len) {
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(path, len, "out/%s%s.nc", name, suffix));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-o", path, len, NULL));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The case of `run` and `check`: CASE.yaml, a published set by -parameter_set NAME (its shipped
 * case file, solver/parameter_set.h), or the built-in default. */
static PetscErrorCode LoadCase(MPI_Comm comm, const char *casefile, FvCase *c) {
  PetscErrorCode ierr;
  char setpath[PETSC_MAX_PATH_LEN];
  PetscBool given, ok;
  PetscFunctionBeginUser;
  PetscCall(FvParameterSetFromOptions(comm, setpath, sizeof setpath, &given, &ok));
  if (given && (!ok || casefile)) {
    if (ok)
      PetscCall(PetscFPrintf(
          comm, PETSC_STDERR,
          "command line: -parameter_set: give a case file or a parameter set, not both\n"));
    FvCallUser(PETSC_ERR_USER);
  }
  if (given) casefile = setpath;
  ierr = casefile ? FvCaseLoad(comm, casefile, c) : FvCaseLoadDefault(comm, c);
  FvCallUser(ierr); /* the loader printed file, line, key, value and what was expected */
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CmdRun(MPI_Comm comm, const char *casefile, FvExitStatus *status) {
  FvCase c;
  char outpath[PETSC_MAX_PATH_LEN];
  PetscBool stopped = PETSC_FALSE;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  FvCallUser(LoadCase(comm, casefile, &c));
  PetscCall(OutputPath(c.name, "", outpath, sizeof outpath));
  ierr = FvRunCase(comm, &c, outpath, NULL, &stopped);
  PetscCall(FvCaseDestroy(&c));
  FvCallUser(ierr);
  if (stopped) *status = FV_EXIT_SOLVER_STOP;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CmdCheck(MPI_Comm comm, const char *casefile, FvExitStatus *status) {
  FvCase c;
  PetscErrorCode ierr;
  PetscBool help;
  PetscFunctionBeginUser;
  (void)status;
  FvCallUser(LoadCase(comm, casefile, &c));
  ierr = FvRunCheckSetup(comm, &c);
  PetscCall(PetscOptionsHasHelp(NULL, &help));
  if (!ierr && !help) PetscCall(FvCaseView(comm, &c));
  PetscCall(FvCaseDestroy(&c));
  FvCallUser(ierr);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* `fvcell sweep`: the case's sweep section over the ranks, one summary file (solver/sweep.h). */
static PetscErrorCode CmdSweep(MPI_Comm comm, const char *casefile, FvExitStatus *status) {
  FvSweep sw;
  char outpath[PETSC_MAX_PATH_LEN], line[PETSC_MAX_PATH_LEN + 512], base[PETSC_MAX_PATH_LEN];
  PetscInt nmem, nok;
  PetscReal wall;
  PetscMPIInt size;
  PetscBool help;
  PetscFunctionBeginUser;
  (void)status;
  FvCallUser(FvSweepCreate(comm, casefile, &sw));
  PetscCall(FvSweepSetFromOptions(sw));
  { /* out/<case file name>_sweep.nc */
    const char *slash = strrchr(casefile, '/'), *b = slash ? slash + 1 : casefile;
    const char *dot = strrchr(b, '.');
    PetscCall(PetscSNPrintf(base, sizeof base, "%.*s",
                            (int)(dot && dot != b ? dot - b : (long)strlen(b)), b));
  }
  PetscCall(OutputPath(base, "_sweep", outpath, sizeof outpath));
  FvCallUser(FvSweepCheckSetup(sw));
  PetscCall(PetscOptionsHasHelp(NULL, &help));
  if (help) {
    PetscCall(FvSweepDestroy(&sw));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  FvCallUser(FvSweepRun(sw, outpath));
  PetscCall(FvSweepGetCounts(sw, &nmem, &nok, &wall));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  snprintf(line, sizeof line,
           "sweep: %d members on %d rank%s in %.3g s (%.3g members/s), %d member-rate runs ok; "
           "wrote %s\n",
           (int)nmem, (int)size, size > 1 ? "s" : "", (double)wall, (double)(nmem / wall), (int)nok,
           outpath);
  PetscCall(PetscPrintf(comm, "%s", line));
  PetscCall(FvSweepDestroy(&sw));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* `fvcell materials`: the closed forms, then the material files (models/materials/materials.h).
 * A broken material file is listed with its message and makes the status "bad input". */
static PetscErrorCode CmdMaterials(MPI_Comm comm, const char *casefile, FvExitStatus *status) {
  PetscBool all_ok;
  PetscFunctionBeginUser;
  (void)casefile;
  PetscCall(PetscPrintf(comm, "closed-form material functions (use as {form: NAME}):\n"));
  for (const char *const *n = FvFormNames(); *n; n++)
    PetscCall(PetscPrintf(comm, "  %-28s %s\n", *n, FvFormDescription(*n)));
  PetscCall(FvMaterialsView(comm, &all_ok));
  FvCallUser(FvCliCheckOptions(comm, NULL));
  if (!all_ok) *status = FV_EXIT_BAD_INPUT;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* `fvcell import-bpx CELL.json -o CASE.yaml`: a BPX file as a case (solver/bpx.h). */
static PetscErrorCode CmdImportBpx(MPI_Comm comm, const char *bpxfile, FvExitStatus *status) {
  char outpath[PETSC_MAX_PATH_LEN];
  PetscBool set, ok = PETSC_FALSE, help;
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsHasHelp(NULL, &help));
  if (help) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscOptionsGetString(NULL, NULL, "-o", outpath, sizeof outpath, &set));
  if (!set) {
    PetscCall(PetscFPrintf(comm, PETSC_STDERR,
                           "fvcell import-bpx: -o CASE.yaml is needed (fvcell import-bpx %s -o "
                           "CASE.yaml)\n",
                           bpxfile));
    FvCallUser(PETSC_ERR_USER);
  }
  PetscCall(FvBpxImport(comm, bpxfile, outpath, &ok));
  if (!ok) *status = FV_EXIT_BAD_INPUT;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* `fvcell parameter-sets`: the published sets shipped with fvcell. */
static PetscErrorCode CmdParameterSets(MPI_Comm comm, const char *casefile, FvExitStatus *status) {
  PetscFunctionBeginUser;
  (void)casefile, (void)status;
  PetscCall(FvParameterSetsView(comm));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* `fvcell schema`: the case-key reference, generated from the schema table (solver/case_schema.h).
 */
static PetscErrorCode CmdSchema(MPI_Comm comm, const char *casefile, FvExitStatus *status) {
  PetscFunctionBeginUser;
  (void)casefile, (void)status;
  PetscCall(FvCaseSchemaView(comm));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static int IsHelp(const char *a) {
  return !strcmp(a, "help") || !strcmp(a, "--help") || !strcmp(a, "-h") || !strcmp(a, "-help");
}
static int IsVersion(const char *a) {
  return !strcmp(a, "--version") || !strcmp(a, "-version") || !strcmp(a, "version");
}

/* fvcell's error handler, around PETSc's traceback handler.
 * - Bad input is one line without a traceback: a user-facing failure prints its line and returns
 *   PETSC_ERR_USER or FV_ERR_IO (cli.h), and the callers that pass it on with PetscCall print
 *   nothing more; a check raised with PETSC_ERR_USER prints its message as that line.
 * - An error raised on a communicator is raised by every rank of it (that is the argument's
 *   meaning). PETSc's handler prints it from the communicator's rank 0 and makes every other rank
 *   sleep 10 s and exit(0) without MPI_Finalize: mpiexec reports an improper exit, its teardown
 *   can crash or hang, and the exit status is lost. Here the other ranks return it without
 *   printing, and every rank reaches PetscFinalize.
 * The callers up the stack pass an error on as PETSC_ERROR_REPEAT on PETSC_COMM_SELF; they stay
 * quiet when the error was not printed from this rank. */
typedef struct {
  PetscBool quiet; /* the error being passed on needs no more lines from this rank */
} FvErrorQuiet;

static PetscErrorCode FvErrorHandler(MPI_Comm comm, int line, const char *fun, const char *file,
                                     PetscErrorCode n, PetscErrorType p, const char *mess,
                                     void *ctx) {
  FvErrorQuiet *q  = (FvErrorQuiet *)ctx;
  PetscMPIInt rank = 0;
  if (p == PETSC_ERROR_INITIAL) {
    if (comm != PETSC_COMM_SELF && MPI_Comm_rank(comm, &rank) != MPI_SUCCESS) rank = 0;
    q->quiet = (PetscBool)(rank > 0);
    if (!q->quiet && n == PETSC_ERR_USER) {
      if (mess) (void)PetscFPrintf(PETSC_COMM_SELF, PETSC_STDERR, "%s\n", mess);
      q->quiet = PETSC_TRUE;
    }
    if (q->quiet) return n;
  } else if (q->quiet || n == PETSC_ERR_USER || n == FV_ERR_IO)
    return n;
  return PetscTraceBackErrorHandler(comm, line, fun, file, n, p, mess, NULL);
}

int main(int argc, char **argv) {
  const char *cmd = "run", *casefile = NULL;
  size_t k;
  FvExitStatus status = FV_EXIT_OK;
  PetscErrorCode ierr;
  int casefile_given_by_set = 0;
  char session[256]  = ""; /* this process's Open MPI session directory, removed at the end */
  FvErrorQuiet quiet = {PETSC_FALSE};

  /* help and version before PETSc: they print and exit, whatever else is on the line */
  if (argc > 1 && IsHelp(argv[1])) {
    Usage(stdout);
    return FV_EXIT_OK;
  }
  if (argc > 1 && IsVersion(argv[1])) {
    Version(stdout);
    return FV_EXIT_OK;
  }
  /* `fvcell` alone or `fvcell -o x.nc` runs the default case */
  if (argc > 1 && argv[1][0] != '-') cmd = argv[1];
  if (argc > 2 && argv[1][0] != '-' && argv[2][0] != '-') casefile = argv[2];
  for (k = 0; k < NCOMMANDS && strcmp(commands[k].name, cmd); k++) {
  }
  if (k == NCOMMANDS) {
    fprintf(stderr,
            "fvcell: unknown command '%s' (commands: run, check, sweep, materials, "
            "import-bpx, parameter-sets, schema; fvcell --help)\n",
            cmd);
    return FV_EXIT_BAD_INPUT;
  }
  /* -parameter_set NAME stands for the case file of run and check */
  for (int i = 2; i < argc && commands[k].fn == CmdCheck; i++)
    if (!strcmp(argv[i], "-parameter_set")) casefile_given_by_set = 1;
  if (commands[k].needs_case && !casefile && !casefile_given_by_set) {
    fprintf(stderr, "fvcell %s: a case file is needed: fvcell %s %s\n", cmd, cmd, commands[k].args);
    return FV_EXIT_BAD_INPUT;
  }
  /* PETSc knows -help; --help and -h after a command mean the same */
  for (int i = 2; i < argc; i++)
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) argv[i] = (char *)"-help";

  /* Started without a launcher, Open MPI makes a singleton that forks an orted daemon (~0.3 s);
   * the isolated singleton skips it (nothing here spawns processes). A user's setting wins.
   * Every isolated singleton has the same job id, so they would all share one session directory
   * (TMPDIR/ompi.HOST.UID/jf.0/1): one process ending removes it while another is creating it
   * ("A call to mkdir was unable to create the desired directory"), and MPI-IO's shared-file-
   * pointer files of two runs writing outputs of the same name would collide there. Each process
   * gets a session tree of its own, which Open MPI empties at finalize and which is removed here.
   */
  if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMIX_RANK") && !getenv("PMI_RANK")) {
    setenv("OMPI_MCA_ess_singleton_isolated", "1", 0);
    if (!getenv("OMPI_MCA_orte_tmpdir_base")) {
      const char *tmp = getenv("TMPDIR");
      int n = snprintf(session, sizeof session, "%s/fvcell-%ld", tmp && *tmp ? tmp : "/tmp",
                       (long)getpid());
      if (n > 0 && (size_t)n < sizeof session && !mkdir(session, 0700))
        setenv("OMPI_MCA_orte_tmpdir_base", session, 1);
      else
        session[0] = 0;
    }
  }
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  /* `fvcell run ... | head` should end quietly, as Unix tools do: PETSc's handler would turn the
   * broken pipe into an error report */
  signal(SIGPIPE, SIG_DFL);
  PetscCall(PetscPushErrorHandler(FvErrorHandler, &quiet));
  ierr = commands[k].fn(PETSC_COMM_WORLD, casefile, &status);
  if (ierr) status = FvExitStatusFromError(ierr);
  /* Bad input and unwritable output are refused by every rank alike, and they all finalize. Any
   * other error may have struck one rank only while the others wait in a collective call:
   * PetscFinalize would hang them, so on several ranks the job ends here with its status. */
  if (status == FV_EXIT_INTERNAL) {
    PetscMPIInt size = 1;
    MPI_Comm_size(PETSC_COMM_WORLD, &size);
    if (size > 1) MPI_Abort(PETSC_COMM_WORLD, (int)status);
  }
  PetscCall(PetscPopErrorHandler());
  ierr = PetscFinalize();
  if (ierr && status == FV_EXIT_OK) status = FV_EXIT_INTERNAL;
  if (session[0]) rmdir(session);
  return (int)status;
}
