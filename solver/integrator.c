/* integrator.c -- IDA for an FvProblem (see integrator.h).
 *
 * Two paths share the callbacks below:
 * - the parallel (and general) path: NVECTOR_PETSC over the DMDA's vectors and a custom
 *   SUNLinearSolver around a PETSc KSP (LU with KLU, UMFPACK or MUMPS, or a Krylov method with any
 *   PETSc preconditioner for large meshes); IDA calls its set-up when it wants a fresh Jacobian
 *   (see LSSetATimes for how);
 * - the one-rank fast path (the default on one rank): serial N_Vectors over the same PETSc
 *   vectors' arrays with the project's compiled kernels (serial_vector.h), and, in 1D, IDA's
 *   matrix-based linear solver interface with SUNDIALS' KLU on a compressed-row SUNMatrix: KLU
 *   analyses the pattern and chooses its pivots once and later Jacobians only refactor
 *   (klu_refactor), which PETSc's KLU interface does not do. The callbacks see PETSc Vecs on
 *   both paths: on the fast path a work Vec is placed over the N_Vector's array.
 * The Jacobian J = dF/dy + cj dF/dy' is assembled into the DMDA's PETSc matrix on both paths
 * (MatFDColoring); the fast path copies its compressed rows into the SUNMatrix.
 * Measured reason for not using IDA's SPGMR with this matrix as the preconditioner (the first
 * design): SPGMR's difference-quotient J v stalled the Newton iteration on the DUALFOIL cell
 * (a linear convergence failure on every other step, steps stuck near 1e-5 s) although the
 * coloured Jacobian matched a difference quotient to 1e-3; the direct solve has no such issue.
 */
#include <stdio.h>
#include <nvector/nvector_petsc.h>
#include "integrator_impl.h"
#include "diagnose.h"
#include "serial_vector.h"

/* Names of the -fvcell_linear_solver and -fvcell_klu_ordering choices (integrator_impl.h). */
static const char *const FvLinSolNames[]      = {"klu", "ksp", "FvLinSol", "FV_LINSOL_", NULL};
static const char *const FvKluOrderingNames[] = {"amd", "colamd", "FvKluOrdering", "FV_KLU_", NULL};

static void IdaMessage(int code, const char *module, const char *function, char *msg, void *data);

/* IDA's failure flags in words (its own messages are long and get cut in the output). */
static const char *FlagWords(int flag) {
  switch (flag) {
  case IDA_CONV_FAIL:
    return "the Newton iteration did not converge at the smallest step (IDA_CONV_FAIL)";
  case IDA_ERR_FAIL:
    return "the local error test failed at the smallest step (IDA_ERR_FAIL)";
  case IDA_REP_RES_ERR:
    return "the state left the physical domain at every try (IDA_REP_RES_ERR)";
  case IDA_FIRST_RES_FAIL:
    return "the first residual was outside the physical domain (IDA_FIRST_RES_FAIL)";
  case IDA_NO_RECOVERY:
    return "the residual could not recover after the initialisation (IDA_NO_RECOVERY)";
  case IDA_LINESEARCH_FAIL:
    return "the line search of the initialisation failed (IDA_LINESEARCH_FAIL)";
  case IDA_CONSTR_FAIL:
    return "a constraint could not be met (IDA_CONSTR_FAIL)";
  case IDA_TOO_MUCH_WORK:
    return "too many internal steps (IDA_TOO_MUCH_WORK)";
  case IDA_LSETUP_FAIL:
  case IDA_LSOLVE_FAIL:
    return "the linear solver failed (IDA_LSETUP_FAIL/IDA_LSOLVE_FAIL)";
  default:
    return IDAGetReturnFlagName(flag);
  }
}

/* The PETSc Vec over an N_Vector: the vector itself on the PETSc path, the work Vec w placed
 * over its array on the fast path (undone by VecDone). */
PetscErrorCode FvIgVecOf(FvIntegrator ig, N_Vector v, Vec w, Vec *out) {
  PetscFunctionBeginUser;
  if (ig->fast) {
    PetscCall(VecPlaceArray(w, NV_DATA_S(v)));
    *out = w;
  } else
    *out = N_VGetVector_Petsc(v);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvIgVecDone(FvIntegrator ig, Vec w) {
  PetscFunctionBeginUser;
  if (ig->fast) PetscCall(VecResetArray(w));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* An N_Vector over a PETSc Vec of the problem's layout: a serial one over its array on the fast
 * path (the Vec must outlive it and keep its array), NVECTOR_PETSC otherwise. */
static PetscErrorCode NVectorOf(FvIntegrator ig, Vec X, N_Vector *v) {
  PetscFunctionBeginUser;
  if (ig->fast) {
    PetscScalar *a;
    PetscInt n;
    PetscCall(VecGetLocalSize(X, &n));
    PetscCall(VecGetArray(X, &a));
    PetscCall(FvSerialVectorMake(ig->sun, n, a, v));
    PetscCall(VecRestoreArray(X, &a));
  } else {
    *v = N_VMake_Petsc(X, ig->sun);
    PetscCheck(*v, ig->comm, PETSC_ERR_LIB, "N_VMake_Petsc failed");
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* X's array was written behind PETSc's back (through a serial N_Vector): a write access tells
 * PETSc, so that no cached norm survives. */
static PetscErrorCode Touched(Vec X) {
  PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayWrite(X, &a));
  PetscCall(VecRestoreArrayWrite(X, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* After IDA wrote into yy, yp (fast path). */
static PetscErrorCode StateChanged(FvIntegrator ig) {
  PetscFunctionBeginUser;
  if (ig->fast) {
    PetscCall(Touched(ig->Y));
    PetscCall(Touched(ig->Yp));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode ResidualVec(FvIntegrator ig, PetscReal t, N_Vector yy, N_Vector yp,
                                  N_Vector rr, PetscBool *bad) {
  Vec Y = NULL, Yp = NULL, F = NULL;
  PetscFunctionBeginUser;
  PetscCall(FvIgVecOf(ig, yy, ig->Yw, &Y));
  PetscCall(FvIgVecOf(ig, yp, ig->Ypw, &Yp));
  PetscCall(FvIgVecOf(ig, rr, ig->Fw, &F));
  PetscCall(FvProblemResidual(ig->p, t, Y, Yp, F, bad));
  PetscCall(FvIgVecDone(ig, ig->Yw));
  PetscCall(FvIgVecDone(ig, ig->Ypw));
  PetscCall(FvIgVecDone(ig, ig->Fw));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static int Residual(realtype t, N_Vector yy, N_Vector yp, N_Vector rr, void *ctx) {
  FvIntegrator ig = (FvIntegrator)ctx;
  PetscBool bad;
  FV_CB(ig, ResidualVec(ig, t, yy, yp, rr, &bad));
  if (ig->in_ic) { /* the last iterate of the initialisation, to name what failed */
    Vec F = NULL, Y = NULL;
    FV_CB(ig, FvIgVecOf(ig, rr, ig->Fw, &F));
    FV_CB(ig, VecCopy(F, ig->Fic));
    FV_CB(ig, FvIgVecDone(ig, ig->Fw));
    FV_CB(ig, FvIgVecOf(ig, yy, ig->Yw, &Y));
    FV_CB(ig, VecCopy(Y, ig->Yic));
    FV_CB(ig, FvIgVecDone(ig, ig->Yw));
  }
  return bad ? 1 : 0;
}

/* G(y) = F(t, y, y'_0 + cj (y - y_0)): its Jacobian is dF/dy + cj dF/dy'. */
static PetscErrorCode FDFunction(void *sctx, Vec y, Vec f, void *ctx) {
  FvIntegrator ig = (FvIntegrator)ctx;
  PetscBool bad;
  (void)sctx;
  PetscFunctionBeginUser;
  PetscCall(VecWAXPY(ig->ypfd, -1.0, ig->y0, y));
  PetscCall(VecAYPX(ig->ypfd, ig->cj_fd, ig->yp0));
  PetscCall(FvProblemResidual(ig->p, ig->t_fd, y, ig->ypfd, f, &bad));
  if (bad) ig->fd_bad = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Debug aid (-fvcell_check_jacobian): compare J v with a difference quotient of G. */
static PetscErrorCode CheckJacobian(FvIntegrator ig) {
  Vec v, Jv, g0, g1, y1;
  PetscRandom rnd;
  PetscReal nj, nd, eps = 1e-7;
  PetscInt imax;
  PetscReal vmax;
  PetscFunctionBeginUser;
  PetscCall(VecDuplicate(ig->Y, &v));
  PetscCall(VecDuplicate(ig->Y, &Jv));
  PetscCall(VecDuplicate(ig->Y, &g0));
  PetscCall(VecDuplicate(ig->Y, &g1));
  PetscCall(VecDuplicate(ig->Y, &y1));
  PetscCall(PetscRandomCreate(ig->comm, &rnd));
  PetscCall(VecSetRandom(v, rnd));
  PetscCall(VecPointwiseMult(v, v, ig->Atol)); /* perturb on the tolerance scale */
  PetscCall(MatMult(ig->J, v, Jv));
  PetscCall(FDFunction(NULL, ig->y0, g0, ig));
  PetscCall(VecWAXPY(y1, eps, v, ig->y0));
  PetscCall(FDFunction(NULL, y1, g1, ig));
  PetscCall(VecAXPY(g1, -1.0, g0));
  PetscCall(VecScale(g1, 1.0 / eps));
  PetscCall(VecNorm(Jv, NORM_INFINITY, &nj));
  PetscCall(VecAXPY(g1, -1.0, Jv));
  PetscCall(VecNorm(g1, NORM_INFINITY, &nd));
  PetscCall(VecAbs(g1));
  PetscCall(VecMax(g1, &imax, &vmax));
  PetscCall(PetscPrintf(ig->comm,
                        "jacobian check: |Jv| = %g, |Jv - DQ| = %g at %" PetscInt_FMT
                        " (cell %" PetscInt_FMT ", dof %" PetscInt_FMT ")\n",
                        (double)nj, (double)nd, imax, imax / ig->p->model.dof,
                        imax % ig->p->model.dof));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(VecDestroy(&v));
  PetscCall(VecDestroy(&Jv));
  PetscCall(VecDestroy(&g0));
  PetscCall(VecDestroy(&g1));
  PetscCall(VecDestroy(&y1));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* J = dF/dy + cj dF/dy' at (t, y, y') into ig->J; *bad when a perturbed state left the
 * physical domain. */
PetscErrorCode FvIgFillJacobian(FvIntegrator ig, PetscReal t, N_Vector yy, N_Vector yp,
                                PetscReal cj, PetscBool *bad) {
  Vec Y = NULL, Yp = NULL;
  PetscFunctionBeginUser;
  ig->t_fd   = t;
  ig->cj_fd  = cj;
  ig->fd_bad = PETSC_FALSE;
  PetscCall(FvIgVecOf(ig, yy, ig->Yw, &Y));
  PetscCall(FvIgVecOf(ig, yp, ig->Ypw, &Yp));
  PetscCall(VecCopy(Y, ig->y0));
  PetscCall(VecCopy(Yp, ig->yp0));
  PetscCall(FvIgVecDone(ig, ig->Yw));
  PetscCall(FvIgVecDone(ig, ig->Ypw));
  if (ig->jac_fd)
    PetscCall(MatFDColoringApply(ig->J, ig->fdc, ig->y0, NULL));
  else
    PetscCall(FvProblemJacobian(ig->p, t, ig->y0, ig->yp0, cj, ig->J, &ig->fd_bad));
  *bad = ig->fd_bad;
  if (*bad) PetscFunctionReturn(PETSC_SUCCESS);
  if (ig->check_jac) PetscCall(CheckJacobian(ig));
  ig->njac++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* PETSc path: IDA calls this through the preconditioner set-up wrapper that LSSetup invokes. */
/* The roots: V falling through v_low, V rising through v_high, |I| falling through i_low, c_e
 * falling through the depletion limit, the hottest cell's T rising through T_high or falling
 * through T_low. */
#define FV_ROOT_T (3 + FV_DIAGNOSE_NMARGINS)
#define FV_NROOTS (FV_ROOT_T + 1)
static int Roots(realtype t, N_Vector yy, N_Vector yp, realtype *g, void *ctx) {
  FvIntegrator ig = (FvIntegrator)ctx;
  PetscReal V, Ic;
  Vec Y = NULL;
  (void)t, (void)yp;
  FV_CB(ig, FvIgVecOf(ig, yy, ig->Yw, &Y));
  FV_CB(ig, FvProblemVoltage(ig->p, Y, &V, &Ic));
  /* the electrolyte running out of salt: an end like a cut-off (the cell cannot carry the
   * current any further), located as a root instead of as a failed Newton iteration */
  FV_CB(ig, FvDiagnoseMargins(ig->p, Y, &ig->lim, &g[3]));
  FV_CB(ig, FvProblemMaxTemperature(ig->p, Y, &g[FV_ROOT_T]));
  FV_CB(ig, FvIgVecDone(ig, ig->Yw));
  /* one root for the window (T_low, T_high): positive inside, zero at either edge */
  g[FV_ROOT_T] = PetscMin(ig->T_high - g[FV_ROOT_T], g[FV_ROOT_T] - ig->T_low);
  g[0]         = V - ig->v_low;
  g[1]         = ig->v_high - V;
  g[2]         = PetscAbsReal(Ic) - ig->i_low;
  return 0;
}

/* A bad option value: one line on stderr (rank 0) naming the option, the value and what was
 * expected, and PETSC_ERR_USER without a traceback (as the case loader does). The line is
 * formatted by the C library: PETSc's printf writes 1e-06 as "1e-06." and -1 as "-1.". */
#define FV_CHECK_OPTION(ig, cond, ...)                                                             \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      char m_[256];                                                                                \
      snprintf(m_, sizeof m_, __VA_ARGS__);                                                        \
      PetscCall(PetscFPrintf((ig)->comm, PETSC_STDERR, "%s\n", m_));                               \
      PetscFunctionReturn(PETSC_ERR_USER);                                                         \
    }                                                                                              \
  } while (0)

static PetscErrorCode SetFromOptions(FvIntegrator ig, PetscBool *dmda_coloring) {
  PetscMPIInt size;
  PetscBool set;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(ig->comm, &size));
  ig->rtol      = 1e-6;
  ig->max_step  = 0;
  ig->max_order = 5;
  ig->nlconv    = 0.33; /* IDA's defaults */
  ig->dcj       = 0.25;
  ig->fast      = (PetscBool)(size == 1);
  ig->linsol    = FV_LINSOL_KSP;
  /* measured on 2D/3D only (ErrorTestMask): 1D keeps IDA's full test and its validated curves */
  ig->test_currents = (PetscBool)(ig->p->mesh.dim < 2);
  PetscOptionsBegin(ig->comm, "fvcell_", "fvcell time integration (IDA)", NULL);
  PetscCall(PetscOptionsReal("-rtol", "relative tolerance (finite, > 0)", NULL, ig->rtol, &ig->rtol,
                             NULL));
  PetscCall(PetscOptionsReal("-depletion_fraction",
                             "a step ends when the salt concentration falls below this fraction of "
                             "its initial value anywhere (electrolyte depletion)",
                             NULL, ig->lim.depleted, &ig->lim.depleted, NULL));
  PetscCall(PetscOptionsReal("-surface_margin",
                             "a failed step is ascribed to a particle surface whose stoichiometry "
                             "is within this margin of 0 or 1",
                             NULL, ig->lim.surface, &ig->lim.surface, NULL));
  PetscCall(PetscOptionsReal("-max_step", "largest time step [s] (finite, >= 0; 0: no limit)", NULL,
                             ig->max_step, &ig->max_step, NULL));
  PetscCall(PetscOptionsBool("-suppress_alg",
                             "leave algebraic unknowns out of the local error test", NULL,
                             ig->suppress_alg, &ig->suppress_alg, NULL));
  PetscCall(PetscOptionsBool("-error_test_currents",
                             "keep the particles' interface currents (algebraic) in IDA's local "
                             "error test (default: yes on 1D meshes, no on 2D/3D)",
                             NULL, ig->test_currents, &ig->test_currents, NULL));
  PetscCall(PetscOptionsInt("-max_order", "largest BDF order IDA may use (1-5)", NULL,
                            ig->max_order, &ig->max_order, NULL));
  PetscCall(PetscOptionsReal("-nonlin_conv_coef",
                             "IDA's Newton convergence test coefficient (IDASetNonlinConvCoef)",
                             NULL, ig->nlconv, &ig->nlconv, NULL));
  PetscCall(PetscOptionsReal(
      "-delta_cj", "relative change of cj = alpha/h that makes IDA evaluate a new Jacobian", NULL,
      ig->dcj, &ig->dcj, NULL));
  PetscCall(
      PetscOptionsBool("-fast_path",
                       "one rank: serial vectors with compiled kernels and SUNDIALS' KLU with "
                       "refactorisation (1D), instead of PETSc vectors and a PETSc KSP",
                       NULL, ig->fast, &ig->fast, NULL));
  ig->linsol = ig->fast && ig->p->mesh.dim == 1 ? FV_LINSOL_KLU : FV_LINSOL_KSP;
  PetscCall(
      PetscOptionsEnum("-linear_solver",
                       "klu: SUNDIALS' KLU, refactoring with the first pivot order (one rank, "
                       "with -fvcell_fast_path); ksp: a PETSc KSP (-fvcell_ksp_*, -fvcell_pc_*)",
                       NULL, FvLinSolNames, (PetscEnum)ig->linsol, (PetscEnum *)&ig->linsol, &set));
  PetscCall(PetscOptionsEnum("-klu_ordering", "fill-reducing ordering of -fvcell_linear_solver klu",
                             NULL, FvKluOrderingNames, (PetscEnum)ig->klu_ordering,
                             (PetscEnum *)&ig->klu_ordering, NULL));
  {
    const char *kinds[] = {"analytic", "fd"};
    PetscInt kind       = ig->jac_fd ? 1 : 0;
    PetscCall(PetscOptionsEList("-jacobian",
                                "Newton matrix: analytic (FvProblemJacobian) or fd (colouring)",
                                NULL, kinds, 2, kinds[kind], &kind, NULL));
    ig->jac_fd = (PetscBool)(kind == 1);
  }
  PetscCall(PetscOptionsBool("-check_jacobian",
                             "compare the coloured Jacobian with a difference quotient", NULL,
                             ig->check_jac, &ig->check_jac, NULL));
  PetscCall(PetscOptionsBool("-ida_messages", "print IDA's warnings and errors as they come", NULL,
                             ig->ida_messages, &ig->ida_messages, NULL));
  PetscCall(PetscOptionsBool("-dmda_coloring",
                             "colour the Jacobian by the DMDA stencil instead of its assembled "
                             "pattern",
                             NULL, *dmda_coloring, dmda_coloring, NULL));
  PetscOptionsEnd();
  FV_CHECK_OPTION(ig, PetscIsNormalReal(ig->rtol) && ig->rtol > 0,
                  "fvcell: -fvcell_rtol %g: expected a finite number > 0", (double)ig->rtol);
  FV_CHECK_OPTION(ig, !PetscIsInfOrNanReal(ig->max_step) && ig->max_step >= 0,
                  "fvcell: -fvcell_max_step %g: expected a finite time step [s] >= 0 (0: no "
                  "limit)",
                  (double)ig->max_step);
  FV_CHECK_OPTION(ig, ig->max_order >= 1 && ig->max_order <= 5,
                  "fvcell: -fvcell_max_order %d: expected 1 to 5", (int)ig->max_order);
  FV_CHECK_OPTION(ig, PetscIsNormalReal(ig->nlconv) && ig->nlconv > 0,
                  "fvcell: -fvcell_nonlin_conv_coef %g: expected a finite number > 0",
                  (double)ig->nlconv);
  FV_CHECK_OPTION(ig, PetscIsNormalReal(ig->dcj) && ig->dcj > 0,
                  "fvcell: -fvcell_delta_cj %g: expected a finite number > 0", (double)ig->dcj);
  FV_CHECK_OPTION(ig, !ig->fast || size == 1,
                  "fvcell: -fvcell_fast_path: the fast path runs on one rank (%d ranks here)",
                  (int)size);
  FV_CHECK_OPTION(ig, ig->linsol != FV_LINSOL_KLU || ig->fast,
                  "fvcell: -fvcell_linear_solver klu: needs the one-rank fast path "
                  "(-fvcell_fast_path)");
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The particles' interface currents J_f out of IDA's local error test (the Newton iteration still
 * converges them: IDA's convergence test is unmasked). J_f is algebraic (index 1): the
 * Butler-Volmer row fixes it from c_s, phi_e and phi_s at every step, so its error follows theirs
 * and the particle concentrations, which integrate it, stay in the test, as do the potentials and
 * the voltage. What IDA's estimate (the predictor-corrector difference) sees in J_f is how smooth
 * its trajectory is: a tabulated OCP with Steffen's C1 interpolation has a second derivative that
 * jumps at every table point, and each of the thousands of particles of a heterogeneous 2D/3D mesh
 * crosses them at its own time. On the 3D composite at C/2 J_f made 99 % of the estimated error
 * and limited the step to ~2-4 s (bench/results_p3d.md, "Step count"); without it the same
 * discharge takes ~6x fewer steps and its voltage is closer to an rtol 1e-8 reference.
 * IDA's mask is its id vector with suppressalg; IDACalcIC needs the true id (CalcIC swaps). */
static PetscErrorCode ErrorTestMask(FvIntegrator ig) {
  const FvModel *m = &ig->p->model;
  const FvMesh *g  = &ig->p->mesh;
  PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecDuplicate(ig->Y, &ig->Emask));
  PetscCall(VecSet(ig->Emask, 1.0));
  PetscCall(VecGetArray(ig->Emask, &a));
  for (PetscInt c = 0; c < FvMeshNOwned(g); c++)
    for (PetscInt f = 0; f < m->nfam; f++)
      a[c * m->dof + FvIdxJn(m, f)] = 0;
  PetscCall(VecRestoreArray(ig->Emask, &a));
  PetscCall(NVectorOf(ig, ig->Emask, &ig->emask));
  FV_IDA(IDASetId(ig->ida, ig->emask));
  FV_IDA(IDASetSuppressAlg(ig->ida, SUNTRUE));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvIntegratorCreate(FvProblem *p, FvIntegrator *out) {
  FvIntegrator ig;
  ISColoring iscol;
  PetscBool dmda = PETSC_FALSE;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&ig));
  ig->p      = p;
  ig->comm   = PetscObjectComm((PetscObject)p->mesh.da);
  ig->v_low  = PETSC_NINFINITY;
  ig->v_high = PETSC_INFINITY;
  ig->i_low  = PETSC_NINFINITY;
  ig->T_high = PETSC_INFINITY;
  ig->T_low  = PETSC_NINFINITY;
  ig->t_stop = PETSC_INFINITY;
  /* c_e at 1e-3 of its initial value is past any useful discharge and before the logarithms of
   * the diffusion potential and the exchange current stop the Newton iteration; a surface within
   * 1e-3 of 0 or 1 is where OCP fits diverge */
  ig->lim.depleted = 1e-3;
  ig->lim.surface  = 1e-3;
  ierr             = SetFromOptions(ig, &dmda);
  if (!ierr) {
    PetscCall(FvCondensedCreate(ig->comm, &p->mesh, p->model.dof, FV_CUR + 1, &ig->cond));
    PetscCall(FvCondensedSetCrossCellLocals(ig->cond, p->face_locals)); /* a thermal model */
    ierr = FvCondensedSetFromOptions(ig->cond);
  }
  if (ierr == PETSC_ERR_USER) {
    PetscCall(FvCondensedDestroy(&ig->cond));
    PetscCall(PetscFree(ig));
    PetscFunctionReturn(ierr); /* the message said it all */
  }
  PetscCall(ierr);

  PetscCheck(!SUNContext_Create((void *)&ig->comm, &ig->sun), ig->comm, PETSC_ERR_LIB,
             "SUNContext_Create failed");
  PetscCall(DMCreateGlobalVector(p->mesh.da, &ig->Y));
  PetscCall(VecDuplicate(ig->Y, &ig->Yp));
  PetscCall(VecDuplicate(ig->Y, &ig->Id));
  PetscCall(VecDuplicate(ig->Y, &ig->Atol));
  PetscCall(VecDuplicate(ig->Y, &ig->y0));
  PetscCall(VecDuplicate(ig->Y, &ig->yp0));
  PetscCall(VecDuplicate(ig->Y, &ig->ypfd));
  PetscCall(VecDuplicate(ig->Y, &ig->Fic));
  PetscCall(VecDuplicate(ig->Y, &ig->Yic));
  if (ig->fast) {
    PetscCall(VecDuplicate(ig->Y, &ig->Yw));
    PetscCall(VecDuplicate(ig->Y, &ig->Ypw));
    PetscCall(VecDuplicate(ig->Y, &ig->Fw));
  }
  PetscCall(NVectorOf(ig, ig->Y, &ig->yy));
  PetscCall(NVectorOf(ig, ig->Yp, &ig->yp));
  PetscCall(NVectorOf(ig, ig->Id, &ig->id));
  PetscCall(NVectorOf(ig, ig->Atol, &ig->atol));
  PetscCall(FvProblemSetId(p, ig->Id));
  PetscCall(FvProblemSetAbsTol(p, ig->rtol, ig->Atol));
  PetscCall(FvProblemInitialState(p, ig->Y));

  /* The Newton matrix on the DMDA stencil (block fills keep particles local): assembled by
   * FvProblemJacobian, or with -fvcell_jacobian fd by colouring */
  PetscCall(DMSetMatType(p->mesh.da, MATAIJ));
  PetscCall(DMCreateMatrix(p->mesh.da, &ig->J));
  if (ig->jac_fd) {
    /* Colour the assembled pattern: the DMDA colouring gives every dof of a cell its own colour
     * and ignores the sparse block fill (problem.c); in 3D it also colours the whole 27-point box,
     * 27 dof colours instead of the star's 7. Smallest-last is sequential; in parallel the greedy
     * distance-2 colouring works on the distributed matrix (P3D 4x4 composite: 50 colours
     * serial). -fvcell_dmda_coloring forces the DMDA colouring. */
    PetscMPIInt nproc;
    PetscCallMPI(MPI_Comm_size(ig->comm, &nproc));
    if (!dmda && (nproc == 1 || p->mesh.dim > 1)) {
      MatColoring mcol;
      PetscCall(MatColoringCreate(ig->J, &mcol));
      PetscCall(MatColoringSetType(mcol, nproc == 1 ? MATCOLORINGSL : MATCOLORINGGREEDY));
      PetscCall(MatColoringSetDistance(mcol, 2));
      PetscCall(MatColoringApply(mcol, &iscol));
      PetscCall(MatColoringDestroy(&mcol));
    } else
      PetscCall(DMCreateColoring(p->mesh.da, IS_COLORING_GLOBAL, &iscol));
    PetscCall(MatFDColoringCreate(ig->J, iscol, &ig->fdc));
    PetscCall(
        MatFDColoringSetFunction(ig->fdc, (PetscErrorCode(*)(void))(void (*)(void))FDFunction, ig));
    PetscCall(PetscObjectSetOptionsPrefix((PetscObject)ig->fdc, "fvcell_"));
    PetscCall(MatFDColoringSetFromOptions(ig->fdc));
    PetscCall(MatFDColoringSetUp(ig->J, iscol, ig->fdc));
    PetscCall(ISColoringDestroy(&iscol));
  }

  ig->ida = IDACreate(ig->sun);
  PetscCheck(ig->ida, ig->comm, PETSC_ERR_LIB, "IDACreate failed");
  N_VConst(0.0, ig->yp);
  FV_IDA(IDAInit(ig->ida, Residual, 0.0, ig->yy, ig->yp));
  FV_IDA(IDASetUserData(ig->ida, ig));
  /* IDA prints every recoverable failure (a consistent initialisation that current
   * continuation then rescues); keep the message for the failure reason instead */
  FV_IDA(IDASetErrHandlerFn(ig->ida, IdaMessage, ig));
  FV_IDA(IDASVtolerances(ig->ida, ig->rtol, ig->atol));
  FV_IDA(IDASetId(ig->ida, ig->id));
  if (ig->suppress_alg)
    FV_IDA(IDASetSuppressAlg(ig->ida, SUNTRUE));
  else if (!ig->test_currents)
    PetscCall(ErrorTestMask(ig));
  FV_IDA(IDARootInit(ig->ida, FV_NROOTS, Roots));
  {
    int dir[FV_NROOTS] = {-1, -1, -1, -1, -1}; /* every g falls through zero (Roots) */
    FV_IDA(IDASetRootDirection(ig->ida, dir));
  }
  if (ig->linsol == FV_LINSOL_KLU)
    PetscCall(FvIgCreateKLU(ig));
  else
    PetscCall(FvIgCreateKSP(ig));
  FV_IDA(IDASetMaxNumSteps(ig->ida, 100000));
  FV_IDA(IDASetMaxNumItersIC(ig->ida, 50));
  FV_IDA(IDASetMaxNumJacsIC(ig->ida, 20));
  FV_IDA(IDASetMaxOrd(ig->ida, (int)ig->max_order));
  FV_IDA(IDASetNonlinConvCoef(ig->ida, ig->nlconv));
  FV_IDA(IDASetDeltaCjLSetup(ig->ida, ig->dcj));
  if (ig->max_step > 0) FV_IDA(IDASetMaxStep(ig->ida, ig->max_step));
  *out = ig;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvIntegratorDestroy(FvIntegrator *pig) {
  FvIntegrator ig = *pig;
  PetscFunctionBeginUser;
  if (!ig) PetscFunctionReturn(PETSC_SUCCESS);
  IDAFree(&ig->ida);
  SUNLinSolFree(ig->ls);
  if (ig->klu) SUNLinSolFree(ig->klu);
  if (ig->A) SUNMatDestroy(ig->A);
  N_VDestroy(ig->yy);
  N_VDestroy(ig->yp);
  N_VDestroy(ig->id);
  if (ig->emask) N_VDestroy(ig->emask);
  PetscCall(VecDestroy(&ig->Emask));
  N_VDestroy(ig->atol);
  PetscCall(VecDestroy(&ig->Y));
  PetscCall(VecDestroy(&ig->Yp));
  PetscCall(VecDestroy(&ig->Id));
  PetscCall(VecDestroy(&ig->Atol));
  PetscCall(VecDestroy(&ig->y0));
  PetscCall(VecDestroy(&ig->yp0));
  PetscCall(VecDestroy(&ig->ypfd));
  PetscCall(VecDestroy(&ig->Fic));
  PetscCall(VecDestroy(&ig->Yic));
  PetscCall(VecDestroy(&ig->Yw));
  PetscCall(VecDestroy(&ig->Ypw));
  PetscCall(VecDestroy(&ig->Fw));
  PetscCall(MatDestroy(&ig->J));
  PetscCall(MatFDColoringDestroy(&ig->fdc));
  PetscCall(KSPDestroy(&ig->ksp));
  PetscCall(FvCondensedDestroy(&ig->cond));
  SUNContext_Free(&ig->sun);
  PetscCall(PetscFree(ig));
  *pig = NULL;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvIntegratorSetLimits(FvIntegrator ig, PetscReal v_low, PetscReal v_high,
                                     PetscReal i_low, PetscReal t_stop) {
  PetscFunctionBeginUser;
  ig->v_low  = v_low;
  ig->v_high = v_high;
  ig->i_low  = i_low;
  ig->t_stop = t_stop;
  FV_IDA(IDASetStopTime(ig->ida, t_stop < PETSC_INFINITY ? t_stop : 1e30));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvIntegratorSetTemperatureLimit(FvIntegrator ig, PetscReal T_high) {
  PetscFunctionBeginUser;
  ig->T_high = T_high;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvIntegratorSetTemperatureFloor(FvIntegrator ig, PetscReal T_low) {
  PetscFunctionBeginUser;
  ig->T_low = T_low;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A failed solve is ascribed to a fold of a Butler-Volmer row (FvDiagnoseInterfaceFold) when the
 * row's derivative in its own current is below this (1 without feedback, 0 at the fold) */
#define FV_FOLD_MARGIN 0.1

/* IDACalcIC from the state in ig->Y (algebraic unknowns as guessed); returns IDA's flag. */
static PetscErrorCode CalcIC(FvIntegrator ig, PetscReal t0, int *flag) {
  long nst = 0;
  PetscFunctionBeginUser;
  FV_IDA(IDAGetNumSteps(ig->ida, &nst));
  ig->nst_done += nst;
  PetscCall(VecZeroEntries(ig->Yp));
  FV_IDA(IDAReInit(ig->ida, t0, ig->yy, ig->yp));
  ig->perr  = 0;
  ig->in_ic = PETSC_TRUE;
  if (ig->emask) { /* IDACalcIC reads id as which unknowns are algebraic */
    FV_IDA(IDASetId(ig->ida, ig->id));
    FV_IDA(IDASetSuppressAlg(ig->ida, SUNFALSE));
  }
  *flag = IDACalcIC(ig->ida, IDA_YA_YDP_INIT, t0 + 1e-6);
  if (ig->emask) {
    FV_IDA(IDASetId(ig->ida, ig->emask));
    FV_IDA(IDASetSuppressAlg(ig->ida, SUNTRUE));
  }
  ig->in_ic = PETSC_FALSE;
  PetscCall(ig->perr);
  if (*flag >= 0) FV_IDA(IDAGetConsistentIC(ig->ida, ig->yy, ig->yp));
  PetscCall(StateChanged(ig));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Continuation of the set point from `from` to `target` in 4, 16, then 64 stages, each stage's
 * consistent initialisation starting from the last one's solution and the first from Ysave (its
 * algebraic unknowns re-guessed at the first stage's set point when `guess`). A ramp from rest
 * that meets the step's cut-off ends the step there (*beyond): the set current cannot be drawn
 * inside the window (e.g. a composite whose electrolyte network does not percolate), which is an
 * answer, not a solver failure. A ramp from another set point is judged by its last stage only
 * (the run driver checks the state a step starts in). */
static PetscErrorCode Ramp(FvIntegrator ig, PetscReal t0, Vec Ysave, PetscReal from,
                           PetscReal target, PetscBool guess, int *flag, FvStepStatus *beyond) {
  PetscFunctionBeginUser;
  for (PetscInt stages = 4; *flag < 0 && !*beyond && stages <= 64; stages *= 4) {
    PetscCall(VecCopy(Ysave, ig->Y));
    for (PetscInt k = 1; k <= stages; k++) {
      PetscReal V, Ic;
      ig->p->set_point = from + (target - from) * k / stages;
      if (guess && k == 1) PetscCall(FvProblemGuessAlgebraic(ig->p, ig->Y));
      PetscCall(CalcIC(ig, t0, flag));
      if (*flag < 0) break;
      if (from != 0) continue;
      PetscCall(FvProblemVoltage(ig->p, ig->Y, &V, &Ic));
      if ((Ic > 0 && V <= ig->v_low) || (Ic < 0 && V >= ig->v_high)) {
        *beyond = Ic > 0 ? FV_STEP_ROOT_LOW : FV_STEP_ROOT_HIGH;
        break;
      }
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvIntegratorReset(FvIntegrator ig, PetscReal t0, Vec Y, FvStepStatus *st,
                                 char *reason, size_t len) {
  int flag = 0;
  Vec Ysave;
  PetscReal target    = ig->p->set_point;
  FvStepStatus beyond = FV_STEP_OK; /* the cut-off met while ramping the current */
  PetscFunctionBeginUser;
  if (Y != ig->Y) PetscCall(VecCopy(Y, ig->Y));
  PetscCall(VecDuplicate(ig->Y, &Ysave));
  PetscCall(VecCopy(ig->Y, Ysave));
  ig->idamsg[0] = 0;
  PetscCall(CalcIC(ig, t0, &flag));
  /* A hard start (high rate, cold cell) can defeat the Newton iteration from the open-circuit
   * guess: approach the set point by continuation, each stage starting from the last solution. */
  if (flag < 0 && ig->p->mode != FV_MODE_VOLTAGE) {
    PetscReal V0, I0, from;
    PetscCall(FvProblemVoltage(ig->p, Ysave, &V0, &I0));
    from = ig->p->mode == FV_MODE_POWER ? V0 * I0 : I0;
    PetscCall(Ramp(ig, t0, Ysave, 0, target, PETSC_FALSE, &flag, &beyond));
    /* A switch from a consistent state at another set point (a rest after a step that ended at
     * its start, from the staged state at a high current) can defeat it from both ends: continue
     * from the state's own set point to the new one. */
    if (flag < 0 && !beyond && from != target)
      PetscCall(Ramp(ig, t0, Ysave, from, target, PETSC_FALSE, &flag, &beyond));
    /* The algebraic unknowns of Ysave belong to the full set point (the initial guess spreads
     * it uniformly): a first stage started from them can fail where one started from the
     * open-circuit guess at its own, smaller current passes (a 3D composite at 20C). */
    if (flag < 0 && !beyond) PetscCall(Ramp(ig, t0, Ysave, 0, target, PETSC_TRUE, &flag, &beyond));
  }
  ig->p->set_point = target;
  PetscCall(VecDestroy(&Ysave));
  *st       = beyond ? beyond : FV_STEP_OK;
  reason[0] = 0;
  if (flag < 0 && !beyond && ig->p->mode != FV_MODE_VOLTAGE) {
    /* an electrode with no room left for this current: the state of the cell, not a solver
     * failure (a pristine, fully lithiated cathode asked to discharge) */
    char none[256];
    PetscCall(FvDiagnoseNoCapacity(ig->p, ig->Y, target, ig->lim.surface, none, sizeof none));
    if (none[0]) {
      *st = FV_STEP_FAIL;
      snprintf(reason, len, "%s (at t = %g s)", none, (double)t0);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
  }
  if (flag < 0 && !beyond) {
    char row[256], phys[256] = {0};
    FvDiagnosis d;
    Vec W;
    /* a failure is ascribed to a limit the state is close to, not only one it has passed */
    const FvDiagnoseLimits near = {PetscMax(ig->lim.depleted, 0.05),
                                   PetscMax(ig->lim.surface, 0.01)};
    /* name the equation furthest from satisfied at the last iterate, on the error-weight scale
     * 1/(rtol |y| + atol), and any physical limit the iterate has reached */
    PetscCall(VecDuplicate(ig->Yic, &W));
    PetscCall(VecCopy(ig->Yic, W));
    PetscCall(VecAbs(W));
    PetscCall(VecAYPX(W, ig->rtol, ig->Atol));
    PetscCall(VecReciprocal(W));
    PetscCall(FvDiagnoseResidual(ig->p, ig->Fic, W, row, sizeof row));
    PetscCall(VecDestroy(&W));
    PetscCall(FvDiagnoseDomain(ig->p, ig->Yic, phys + 2, sizeof phys - 2));
    if (!phys[2]) {
      /* a folded Butler-Volmer row names both the equation and why: nothing to add */
      PetscCall(FvDiagnoseInterfaceFold(ig->p, t0, ig->Yic, ig->Yp, ig->J, FV_FOLD_MARGIN, phys,
                                        sizeof phys));
      if (phys[0]) {
        *st = FV_STEP_FAIL;
        snprintf(reason, len, "initialisation failed at t = %g s: %s", (double)t0, phys);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
    }
    if (!phys[2]) {
      PetscCall(FvDiagnoseState(ig->p, ig->Yic, &near, &d));
      if (d.cause != FV_STOP_NONE) FvDiagnosisText(&d, phys + 2, sizeof phys - 2);
    }
    *st = FV_STEP_FAIL;
    /* the physical limit first: it is the more useful half when the text gets cut */
    snprintf(reason, len, "initialisation failed at t = %g s: %s%sworst equation: %s; %s",
             (double)t0, phys[2] ? phys + 2 : "", phys[2] ? "; " : "", row, FlagWords(flag));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static void IdaMessage(int code, const char *module, const char *function, char *msg, void *data) {
  FvIntegrator ig = (FvIntegrator)data;
  snprintf(ig->idamsg, sizeof ig->idamsg, "%s", msg);
  if (ig->ida_messages) fprintf(stderr, "[%s %s %d] %s\n", module, function, code, msg);
}

PetscErrorCode FvIntegratorStep(FvIntegrator ig, PetscReal *t, FvStepStatus *st, char *reason,
                                size_t len) {
  realtype tret;
  int flag;
  PetscFunctionBeginUser;
  ig->perr      = 0;
  ig->idamsg[0] = 0;
  flag = IDASolve(ig->ida, ig->t_stop < PETSC_INFINITY ? ig->t_stop : 1e30, &tret, ig->yy, ig->yp,
                  IDA_ONE_STEP);
  PetscCall(ig->perr);
  PetscCall(StateChanged(ig));
  *t        = tret;
  *st       = FV_STEP_OK;
  reason[0] = 0;
  if (flag < 0) {
    /* once more from the last good state: a fresh consistent initialisation and IDA's small
     * first step often pass where the step-size history had run the Newton iteration aground
     * (a rest after a hard discharge, a switch at a sharp front) */
    FvStepStatus rst;
    char rmsg[256];
    const int flag0 = flag;
    Vec Ylast, Yplast; /* the last good state: a failed retry leaves a ramp's guess in ig->Y */
    PetscCall(VecDuplicate(ig->Y, &Ylast));
    PetscCall(VecDuplicate(ig->Yp, &Yplast));
    PetscCall(VecCopy(ig->Y, Ylast));
    PetscCall(VecCopy(ig->Yp, Yplast));
    PetscCall(FvIntegratorReset(ig, tret, ig->Y, &rst, rmsg, sizeof rmsg));
    if (rst != FV_STEP_OK) { /* diagnose (and leave) the state the step failed from */
      PetscCall(VecCopy(Ylast, ig->Y));
      PetscCall(VecCopy(Yplast, ig->Yp));
      PetscCall(StateChanged(ig));
    }
    PetscCall(VecDestroy(&Ylast));
    PetscCall(VecDestroy(&Yplast));
    if (rst == FV_STEP_OK) {
      ig->perr = 0;
      flag     = IDASolve(ig->ida, ig->t_stop < PETSC_INFINITY ? ig->t_stop : 1e30, &tret, ig->yy,
                          ig->yp, IDA_ONE_STEP);
      PetscCall(ig->perr);
      PetscCall(StateChanged(ig));
      *t = tret;
    }
    if (rst != FV_STEP_OK || flag < 0) {
      FvDiagnosis d;
      char phys[256];
      const FvDiagnoseLimits near = {PetscMax(ig->lim.depleted, 0.05),
                                     PetscMax(ig->lim.surface, 0.01)};
      const FvDiagnoseLimits dep  = {10 * ig->lim.depleted, ig->lim.surface};
      if (flag >= 0) flag = flag0;
      *st = FV_STEP_FAIL;
      PetscCall(FvDiagnoseDomain(ig->p, ig->Y, phys, sizeof phys));
      /* the salt within 10x of the depletion limit: the front is too steep for the solver to
       * follow it down to the limit (the predictor overshoots below zero), but the cell has
       * stopped carrying the current all the same -- the step ends as depleted, and the next
       * one starts from the last good state */
      PetscCall(FvDiagnoseState(ig->p, ig->Y, &dep, &d));
      if (!phys[0] && d.cause == FV_STOP_ELECTROLYTE_DEPLETED) {
        FvDiagnosisText(&d, phys, sizeof phys);
        *st = FV_STEP_DEPLETED;
        snprintf(reason, len, "%s at t = %.10g s (the solve could not follow it further down)",
                 phys, (double)tret);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      PetscCall(FvDiagnoseState(ig->p, ig->Y, &near, &d));
      if (!phys[0]) {
        /* the fold explains the Newton failure: IDA's code would only repeat it */
        PetscCall(FvDiagnoseInterfaceFold(ig->p, tret, ig->Y, ig->Yp, ig->J, FV_FOLD_MARGIN, phys,
                                          sizeof phys));
        if (phys[0]) {
          snprintf(reason, len, "%s at t = %.10g s", phys, (double)tret);
          PetscFunctionReturn(PETSC_SUCCESS);
        }
      }
      if (phys[0])
        snprintf(reason, len, "%s at t = %.10g s; %s", phys, (double)tret, FlagWords(flag));
      else if (d.cause != FV_STOP_NONE) {
        FvDiagnosisText(&d, phys, sizeof phys);
        snprintf(reason, len, "%s at t = %.10g s; %s", phys, (double)tret, FlagWords(flag));
      } else
        snprintf(reason, len, "solver failure at t = %.10g s, no physical limit near: %s",
                 (double)tret, FlagWords(flag));
      PetscFunctionReturn(PETSC_SUCCESS);
    }
  }
  if (flag == IDA_ROOT_RETURN) {
    int found[FV_NROOTS] = {0, 0, 0, 0, 0};
    FV_IDA(IDAGetRootInfo(ig->ida, found));
    if (found[FV_ROOT_T]) {
      *st = FV_STEP_ROOT_TEMPERATURE;
      snprintf(reason, len, "temperature %g K at t = %.10g s",
               (double)(isfinite(ig->T_high) ? ig->T_high : ig->T_low), (double)tret);
    } else if (found[3]) {
      FvDiagnosis d;
      *st = FV_STEP_DEPLETED;
      PetscCall(FvDiagnoseState(ig->p, ig->Y, &ig->lim, &d));
      if (d.cause == FV_STOP_ELECTROLYTE_DEPLETED) {
        char phys[256];
        FvDiagnosisText(&d, phys, sizeof phys);
        snprintf(reason, len, "%s at t = %.10g s", phys, (double)tret);
      } else
        snprintf(reason, len, "electrolyte depleted at t = %.10g s", (double)tret);
    } else if (found[0]) {
      *st = FV_STEP_ROOT_LOW;
      snprintf(reason, len, "voltage cut-off %g V at t = %.10g s", (double)ig->v_low, (double)tret);
    } else if (found[1]) {
      *st = FV_STEP_ROOT_HIGH;
      snprintf(reason, len, "voltage cut-off %g V at t = %.10g s", (double)ig->v_high,
               (double)tret);
    } else {
      *st = FV_STEP_ROOT_CURRENT;
      snprintf(reason, len, "current below %g A/m2 at t = %.10g s", (double)ig->i_low,
               (double)tret);
    }
  } else if (flag == IDA_TSTOP_RETURN) {
    *st = FV_STEP_TSTOP;
    snprintf(reason, len, "time limit at t = %.10g s", (double)tret);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvIntegratorInterpolate(FvIntegrator ig, PetscReal t, Vec Y) {
  N_Vector y;
  int flag;
  PetscFunctionBeginUser;
  PetscCall(NVectorOf(ig, Y, &y));
  flag = IDAGetDky(ig->ida, t, 0, y);
  N_VDestroy(y);
  PetscCall(Touched(Y));
  PetscCheck(flag >= 0, ig->comm, PETSC_ERR_LIB, "IDAGetDky at t = %g failed: %s", (double)t,
             IDAGetReturnFlagName(flag));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvIntegratorGetState(FvIntegrator ig, Vec *Y) {
  PetscFunctionBeginUser;
  *Y = ig->Y;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Debug aid: print integrator statistics and the unknown with the largest weighted local error. */
PetscErrorCode FvIntegratorViewDiagnostics(FvIntegrator ig) {
  long netf = 0, nncf = 0, nni = 0, nlcf = 0;
  realtype h = 0;
  N_Vector w, e;
  Vec W, E;
  PetscReal mx;
  PetscInt imx;
  PetscFunctionBeginUser;
  IDAGetNumErrTestFails(ig->ida, &netf);
  IDAGetNumNonlinSolvConvFails(ig->ida, &nncf);
  IDAGetNumNonlinSolvIters(ig->ida, &nni);
  IDAGetNumLinConvFails(ig->ida, &nlcf);
  IDAGetLastStep(ig->ida, &h);
  {
    long nli = 0, npe = 0, nps = 0, njtv = 0;
    IDAGetNumLinIters(ig->ida, &nli);
    IDAGetNumPrecEvals(ig->ida, &npe);
    IDAGetNumPrecSolves(ig->ida, &nps);
    IDAGetNumJtimesEvals(ig->ida, &njtv);
    PetscCall(PetscPrintf(ig->comm,
                          "IDA: lin iters %ld, prec evals %ld, prec solves %ld, jtimes %ld\n", nli,
                          npe, nps, njtv));
  }
  PetscCall(VecDuplicate(ig->Y, &W));
  PetscCall(VecDuplicate(ig->Y, &E));
  PetscCall(NVectorOf(ig, W, &w));
  PetscCall(NVectorOf(ig, E, &e));
  IDAGetErrWeights(ig->ida, w);
  IDAGetEstLocalErrors(ig->ida, e);
  PetscCall(Touched(W));
  PetscCall(Touched(E));
  PetscCall(VecPointwiseMult(E, E, W));
  PetscCall(VecAbs(E));
  PetscCall(VecMax(E, &imx, &mx));
  PetscCall(PetscPrintf(ig->comm,
                        "IDA: h %g, err-test fails %ld, nonlin fails %ld, nonlin iters %ld, lin "
                        "conv fails %ld, worst weighted error %g at index %" PetscInt_FMT
                        " (cell %" PetscInt_FMT ", dof %" PetscInt_FMT ")\n",
                        (double)h, netf, nncf, nni, nlcf, (double)mx, imx, imx / ig->p->model.dof,
                        imx % ig->p->model.dof));
  N_VDestroy(w);
  N_VDestroy(e);
  PetscCall(VecDestroy(&W));
  PetscCall(VecDestroy(&E));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvIntegratorGetStats(FvIntegrator ig, PetscInt *nsteps, PetscInt *nres,
                                    PetscInt *njac, PetscInt *nlin) {
  long ns = 0, nl = 0;
  PetscFunctionBeginUser;
  FV_IDA(IDAGetNumSteps(ig->ida, &ns));
  FV_IDA(IDAGetNumLinIters(ig->ida, &nl));
  if (nsteps) *nsteps = (PetscInt)(ns + ig->nst_done);
  if (nres) *nres = ig->p->nres;
  if (njac) *njac = ig->njac;
  (void)nl;
  if (nlin) *nlin = ig->nlin;
  PetscFunctionReturn(PETSC_SUCCESS);
}
