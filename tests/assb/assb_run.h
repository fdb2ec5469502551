/* assb_run.h -- running a published cell's own protocol for the ASSB tests and calibration tools.
 *
 * Owns: loading a case with command-line-style overrides (a coarser mesh, a parameter to try),
 * parsing its protocol at a rate, running it for a number of cycles without output, and the
 * per-cycle discharge capacity per mass of positive active material. Each tool used to repeat
 * this scaffolding.
 */
#pragma once
#include "case.h"
#include "run.h"

/* Load path with the overrides opts ("-positive_cells 4 ...", NULL or "" for none). */
PetscErrorCode AssbLoadCase(MPI_Comm comm, const char *path, const char *opts, FvCase *c);
/* Run the case's protocol at rate (C; 0: the case's first rate) for ncycles cycles (0: the
 * case's), observed by obs (may be NULL). res is FvRunSteps's; FvRunResultReset frees it. */
PetscErrorCode AssbRunProtocol(MPI_Comm comm, const FvCase *c, PetscReal rate, PetscInt ncycles,
                               FvObserver obs, void *ctx, FvRunResult *res);
/* The positive electrode's active mass per area [kg m-2] (0 if it has none). */
PetscReal AssbActiveLoading(const FvCase *c);
/* Discharge capacity of cycle n (1-based) [mA h g-1]; NaN beyond the run or without a loading. */
PetscReal AssbCycleDischarge(const FvCase *c, const FvRunResult *res, PetscInt n);
/* Run the steps text (";"-separated, as FvProtocolParseList reads it) at rate for ncycles
 * cycles, observed by obs (may be NULL); a text that does not parse is an error naming it. */
PetscErrorCode AssbRunText(MPI_Comm comm, const FvCase *c, const char *text, PetscReal rate,
                           PetscInt ncycles, FvObserver obs, void *ctx, FvRunResult *res);
