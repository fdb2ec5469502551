/* run.h -- running a case: one discharge per C-rate, into one NetCDF file.
 *
 * Owns: the loop over a case's rates, building the problem and integrator for each run,
 * delivered capacity and energy, and handing every recorded state to an observer (the NetCDF
 * writer, or a test). Nothing here parses files.
 */
#pragma once
#include "case.h"
#include "problem.h"
#include "output.h"

typedef struct {
  PetscReal c_rate;
  PetscReal capacity;     /* delivered [A h m-2] */
  PetscReal energy;       /* delivered [W h m-2] */
  PetscReal t_end;        /* [s] */
  PetscReal v_end;        /* [V] */
  PetscReal solve_time;   /* wall seconds of the time integration alone */
  PetscInt  nsteps, nres, njac, nlin; /* integrator counters */
  PetscBool ok;           /* ended on a cut-off (not a solver failure) */
  char      reason[256];
} FvRunResult;

/* Called with each recorded state: the initial one, every internal step, the final one. */
typedef PetscErrorCode (*FvObserver)(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx);

/* One constant-current discharge at c_rate x 1C from the case's initial state to the lower
 * cut-off. observe may be NULL. */
PetscErrorCode FvRunDischarge(MPI_Comm comm, const FvCase *c, PetscReal c_rate, FvObserver observe, void *ctx,
                              FvRunResult *res);
/* Run every rate of the case and write outpath (collective). results may be NULL,
 * else holds at least max(1, c->nrates) entries. */
PetscErrorCode FvRunCase(MPI_Comm comm, const FvCase *c, const char *outpath, FvRunResult *results);
