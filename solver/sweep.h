/* sweep.h -- design studies: a case's `sweep:` section run as a product grid.
 *
 * Owns: the members of a sweep (one value of every swept key; the case's rate list is one more
 * dimension), applying a member as command-line overrides of the case keys and loading it, running
 * one constant-current discharge per rate from the case's initial state on PETSC_COMM_SELF, the
 * energy accounting of each member (energy.h), the dynamic distribution of members over the ranks
 * (a shared counter on rank 0: MPI_Fetch_and_op, so a fast rank takes more members), gathering the
 * results on rank 0 and the summary NetCDF, written as members finish.  A member that fails
 * (invalid geometry, solver failure) records NaN, its status and reason; the sweep goes on.
 */
#pragma once
#include "case.h"
#include "energy.h"
#include "output_file.h"

typedef enum {
  FV_SWEEP_OK      = 0,
  FV_SWEEP_INVALID = 1,
  FV_SWEEP_FAILED  = 2,
  FV_SWEEP_NOT_RUN = 3
} FvSweepStatus;
#define FV_SWEEP_REASON 256

typedef struct _p_FvSweep *FvSweep;

/* Load CASE (collective on comm) and prepare its grid; a case without a sweep section is one
 * member. */
PetscErrorCode FvSweepCreate(MPI_Comm comm, const char *casefile, FvSweep *sw);
/* -sweep_quiet: no line per member */
PetscErrorCode FvSweepSetFromOptions(FvSweep sw);
/* Read the run options, create the base case's problem and integrator once and check that every
 * command-line option was used (cli.h); PETSC_ERR_USER after one line when not. */
PetscErrorCode FvSweepCheckSetup(FvSweep sw);
/* Run every member (collective) into the summary NetCDF at path: checked first
 * (output_file.h), written by rank 0 as PATH.part while the members run -- each member's entries
 * as soon as it finished on any rank, flushed to disk -- and renamed to PATH at the end. A killed
 * sweep leaves PATH.part with every member that had reached rank 0 and status "incomplete"; the
 * others read status "not run" and NaN. */
PetscErrorCode FvSweepRun(FvSweep sw, const char *path);
PetscErrorCode FvSweepDestroy(FvSweep *sw);
/* Counts after FvSweepRun: members, members x rates that succeeded, wall time of the run [s]. */
PetscErrorCode FvSweepGetCounts(FvSweep sw, PetscInt *nmembers, PetscInt *nok, PetscReal *wall);
