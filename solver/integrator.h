/* integrator.h -- SUNDIALS IDA for an FvProblem.
 *
 * Owns: IDA set-up, the Newton linear solve, consistent initialisation (IDACalcIC), voltage and
 * current limits by IDA root finding, and counters. The Jacobian dF/dy + cj dF/dy' is assembled
 * into the DMDA's PETSc matrix (MatFDColoring). Two paths: on one rank by default the fast path
 * (serial N_Vectors over the PETSc vectors' arrays with compiled kernels, and in 1D SUNDIALS'
 * KLU refactoring with its first pivot order under IDA's matrix-based interface); otherwise
 * NVECTOR_PETSC and a PETSc KSP (KLU/UMFPACK on one rank, MUMPS in parallel, any KSP/PC by
 * options). Options (docs/solver.md): -fvcell_rtol, -fvcell_max_step, -fvcell_suppress_alg,
 * -fvcell_max_order, -fvcell_nonlin_conv_coef, -fvcell_delta_cj, -fvcell_fast_path,
 * -fvcell_linear_solver, -fvcell_klu_ordering, -fvcell_check_jacobian, -fvcell_ida_messages,
 * -fvcell_dmda_coloring, -fvcell_ksp_*, -fvcell_pc_*, -fvcell_mat_fd_*.
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
  FV_STEP_DEPLETED,        /* the salt concentration fell through the depletion limit somewhere */
  FV_STEP_ROOT_TEMPERATURE /* the hottest control volume warmed to the temperature limit */
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
/* The temperature limit watched by root finding: the hottest control volume's temperature rising
 * to T_high [K] (PETSC_INFINITY: none; thermal models, docs/thermal.md §6). */
PetscErrorCode FvIntegratorSetTemperatureLimit(FvIntegrator ig, PetscReal T_high);
/* The hottest control volume's temperature falling to T_low [K] ends the step
 * (PETSC_NINFINITY: none; a rest's cool-down, docs/thermal.md §11). */
PetscErrorCode FvIntegratorSetTemperatureFloor(FvIntegrator ig, PetscReal T_low);
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
