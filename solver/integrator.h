/* integrator.h -- SUNDIALS IDA over PETSc vectors for an FvProblem.
 *
 * Owns: IDA set-up on NVECTOR_PETSC, the Newton linear solve (IDA's Newton with the full
 * Jacobian dF/dy + cj dF/dy' from MatFDColoring on the DMDA stencil, solved by a PETSc KSP
 * through a custom SUNLinearSolver: KLU in serial, MUMPS in parallel by default, any KSP/PC by
 * options with prefix -fvcell_), consistent initialisation (IDACalcIC), voltage cut-offs by
 * IDA root finding, and counters. Options: -fvcell_rtol (1e-6), -fvcell_max_step [s],
 * -fvcell_maxl (5), -fvcell_ksp_*, -fvcell_pc_*, -fvcell_mat_fd_*.
 */
#pragma once
#include "problem.h"

typedef struct _p_FvIntegrator *FvIntegrator;

typedef enum {
  FV_STEP_OK = 0,
  FV_STEP_ROOT_LOW,
  FV_STEP_ROOT_HIGH,
  FV_STEP_ROOT_CURRENT,
  FV_STEP_TSTOP,
  FV_STEP_FAIL,
  FV_STEP_DEPLETED /* the salt concentration fell through the depletion limit somewhere */
} FvStepStatus;

PetscErrorCode FvIntegratorCreate(FvProblem *p, FvIntegrator *ig);
PetscErrorCode FvIntegratorDestroy(FvIntegrator *ig);
/* (Re)start from state Y at time t0 (after a change of mode or set point): consistent algebraic
 * unknowns and derivatives.
 * Returns a non-empty reason (and FV_STEP_FAIL) if consistent initialisation fails. */
PetscErrorCode FvIntegratorReset(FvIntegrator ig, PetscReal t0, Vec Y, FvStepStatus *st,
                                 char *reason, size_t len);
/* Limits watched by root finding: V falling to v_low, V rising to v_high, |I| falling to i_low
 * (+-PETSC_INFINITY for none), and the stop time. */
PetscErrorCode FvIntegratorSetLimits(FvIntegrator ig, PetscReal v_low, PetscReal v_high,
                                     PetscReal i_low, PetscReal t_stop);
/* One internal step; on a root or stop the state is at that exact time. */
PetscErrorCode FvIntegratorStep(FvIntegrator ig, PetscReal *t, FvStepStatus *st, char *reason,
                                size_t len);
/* The state at a time t within the last step, from IDA's interpolating polynomial. */
PetscErrorCode FvIntegratorInterpolate(FvIntegrator ig, PetscReal t, Vec Y);
/* Current state (owned by the integrator; do not destroy). */
PetscErrorCode FvIntegratorGetState(FvIntegrator ig, Vec *Y);
PetscErrorCode FvIntegratorViewDiagnostics(FvIntegrator ig);
PetscErrorCode FvIntegratorGetStats(FvIntegrator ig, PetscInt *nsteps, PetscInt *nres,
                                    PetscInt *njac, PetscInt *nlin);
