/* cli.h -- the command line's contract: exit statuses, fvcell's own options, unknown options.
 *
 * Owns: the exit status of every `fvcell` command (FvExitStatus, documented in docs/cli.md), the
 * mapping of the error codes of one-line user-facing failures to them, the table of fvcell's own
 * command-line options (names and help, for suggestions), and the check that every option given
 * on the command line was used by something: an option nothing consumed is a one-line error that
 * names it and the nearest known option (Damerau-Levenshtein distance over fvcell's options, the
 * keys of the resolved case and PETSc's common options).
 */
#pragma once
#include <petscsys.h>

/* Exit statuses of `fvcell` (docs/cli.md). */
typedef enum {
  FV_EXIT_OK          = 0, /* success */
  FV_EXIT_BAD_INPUT   = 1, /* bad case file, option or command line: nothing was run */
  FV_EXIT_SOLVER_STOP = 2, /* a run stopped early (its solve failed): the file holds what was
                              computed, with status "solver stop: <reason>" */
  FV_EXIT_IO       = 3,    /* an output path could not be written (or is taken by another run) */
  FV_EXIT_INTERNAL = 4     /* anything else (a PETSc error with its traceback) */
} FvExitStatus;

/* Error codes of failures whose one line was already printed (no traceback): PETSC_ERR_USER for
 * bad input, FV_ERR_IO for an output path or file that cannot be written. */
#define FV_ERR_IO PETSC_ERR_FILE_WRITE

/* Pass a user-facing failure up unchanged (its message is printed: no traceback); any other
 * error goes through PetscCall. */
#define FvCallUser(call)                                                                           \
  do {                                                                                             \
    PetscErrorCode fv_e_ = (call);                                                                 \
    if (fv_e_ == PETSC_ERR_USER || fv_e_ == FV_ERR_IO) PetscFunctionReturn(fv_e_);                 \
    PetscCall(fv_e_);                                                                              \
  } while (0)

/* The exit status of an error code returned by a command (0 -> FV_EXIT_OK). */
FvExitStatus FvExitStatusFromError(PetscErrorCode ierr);

/* Every option of the command line must have been used. Call when everything that reads options
 * has read them (for `fvcell run`: the case loaded, the first run's problem and integrator
 * created). case_yaml (may be NULL): the resolved case, whose keys count as used and as
 * suggestions. Prints one line to stderr for the first unused option and returns PETSC_ERR_USER. */
PetscErrorCode FvCliCheckOptions(MPI_Comm comm, const char *case_yaml);
/* The options FvCliCheckOptions passes over because PETSc reads them only when a solver is set up
 * (the multigrid levels under -fvcell_condensed_*: ..._mg_levels_*, ..._mg_coarse_*). A solver
 * calls this after its first set-up: an option of that kind nothing used is a one-line error
 * (PETSC_ERR_USER) as above. */
PetscErrorCode FvCliCheckDeferredOptions(MPI_Comm comm);
/* The option of fvcell, of the case (case_yaml may be NULL) or of PETSc nearest to name (with
 * its leading '-'), or NULL when nothing is close. */
PetscErrorCode FvCliNearestOption(const char *name, const char *case_yaml, char *buf, size_t len,
                                  PetscBool *found);
