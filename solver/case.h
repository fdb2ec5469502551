/* case.h -- loading the validated case: everything a run needs, in SI units.
 *
 * Owns: loading an FvCase (models/cell_params.h) from a YAML case file (units converted once
 * with UDUNITS-2, every key validated against the schema, solver/case_schema.h), explicit
 * overrides (`-positive_thickness "80 um"`), the built-in default case, and printing the
 * resolved case (`fvcell check`).  Downstream code (models, meshes, solver) reads FvCase and
 * never sees YAML or units.
 */
#pragma once
#include <petscsys.h>
#include "cell_params.h"

/* Where a load takes its overrides (`-positive_thickness "80 um"`, -rates 0.5,1,2) from.  Overrides
 * are an explicit input: a load sees only the options named here.  extra is looked up first (a
 * sweep member's swept values, a test's overrides); command_line adds the command line's options
 * (PETSc's default database, as `fvcell run` and `fvcell check` are given them). */
typedef struct {
  PetscBool command_line;
  PetscOptions extra; /* NULL: none */
} FvCaseOverrides;

/* How a load ended; the one-line message says the rest.  Callers branch on this, never on the
 * message text. */
typedef enum {
  FV_CASE_OK = 0,
  FV_CASE_INVALID,          /* a bad file, key or value (the message names file, key and value) */
  FV_CASE_UNKNOWN_OVERRIDE, /* an override names no key of this case */
  FV_CASE_LIMIT             /* a value beyond a documented limit of fvcell (docs/limits.md) */
} FvCaseOutcome;

/* Load and validate CASE file with the overrides ov (NULL: none).  On a user error returns
 * PETSC_ERR_USER without a traceback, *outcome (may be NULL) says which kind and the one-line
 * message "file:line: key: value: expected ..." goes to msg (when msg is NULL it is printed on
 * rank 0's stderr). */
PetscErrorCode FvCaseLoadWith(MPI_Comm comm, const char *path, const FvCaseOverrides *ov, FvCase *c,
                              FvCaseOutcome *outcome, char *msg, size_t len);
/* The command line's entry point: FvCaseLoadWith with the command line's options, message printed.
 */
PetscErrorCode FvCaseLoad(MPI_Comm comm, const char *path, FvCase *c);
/* As FvCaseLoad, but a user error is not printed: its one-line message goes to msg. */
PetscErrorCode FvCaseLoadQuiet(MPI_Comm comm, const char *path, FvCase *c, char *msg, size_t len);
/* The built-in default case (the DUALFOIL reference cell with its rate list). */
PetscErrorCode FvCaseLoadDefault(MPI_Comm comm, FvCase *c);
/* Print the resolved case in SI (rank 0). */
PetscErrorCode FvCaseView(MPI_Comm comm, const FvCase *c);
PetscErrorCode FvCaseDestroy(FvCase *c);
