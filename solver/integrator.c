/* integrator.c -- IDA over PETSc (see integrator.h).
 *
 * The linear solver is a custom SUNLinearSolver: the Jacobian lives in a distributed PETSc
 * matrix (MatFDColoring on the DMDA stencil) and is solved by a PETSc KSP (LU, MUMPS,
 * SuperLU_dist, or a Krylov method with any PETSc preconditioner for large meshes). IDA calls
 * its set-up when it wants a fresh Jacobian (see LSSetATimes for how).
 * Measured reason for not using IDA's SPGMR with this matrix as the preconditioner (the first
 * design): SPGMR's difference-quotient J v stalled the Newton iteration on the DUALFOIL cell
 * (a linear convergence failure on every other step, steps stuck near 1e-5 s) although the
 * coloured Jacobian matched a difference quotient to 1e-3; the direct solve has no such issue.
 */
#include <stdio.h>
#include <ida/ida.h>
#include <nvector/nvector_petsc.h>
#include <petscksp.h>
#include "integrator.h"

struct _p_FvIntegrator {
  FvProblem *p;
  SUNContext sun;
  void *ida;
  N_Vector yy, yp, id, atol;
  Vec Y, Yp, Id, Atol; /* the PETSc vectors behind them */
  SUNLinearSolver ls;
  Mat J;
  MatFDColoring fdc;
  KSP ksp;
  Vec y0, yp0, ypfd; /* state at the Jacobian evaluation */
  PetscReal t_fd, cj_fd;
  PetscBool fd_bad, check_jac, suppress_alg;
  PetscBool jac_fd; /* -fvcell_jacobian fd: MatFDColoring instead of FvProblemJacobian */
  PetscReal rtol, v_low, v_high, i_low, t_stop, max_step;
  PetscInt njac, nlin;
  long nst_done; /* IDA steps of earlier protocol steps (IDAReInit resets IDA's count) */
  PetscErrorCode perr;
  char idamsg[256];       /* IDA's last error message (kept for failure reasons, not printed) */
  PetscBool ida_messages; /* -fvcell_ida_messages: print IDA's messages as they come */
  void *pdata;            /* IDA's preconditioner set-up wrapper and its data */
  SUNPSetupFn pset;       /* a PETSc error inside an IDA callback */
  MPI_Comm comm;
};

/* In an IDA callback: a PETSc error becomes IDA's unrecoverable -1 and is reported after. */
#define FV_CB(ig, call)                                                                            \
  do {                                                                                             \
    PetscErrorCode e_ = (call);                                                                    \
    if (e_) {                                                                                      \
      (ig)->perr = e_;                                                                             \
      return -1;                                                                                   \
    }                                                                                              \
  } while (0)

static void IdaMessage(int code, const char *module, const char *function, char *msg, void *data);

static int Residual(realtype t, N_Vector yy, N_Vector yp, N_Vector rr, void *ctx) {
  FvIntegrator ig = (FvIntegrator)ctx;
  PetscBool bad;
  FV_CB(ig, FvProblemResidual(ig->p, t, N_VGetVector_Petsc(yy), N_VGetVector_Petsc(yp),
                              N_VGetVector_Petsc(rr), &bad));
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

/* The Jacobian J = dF/dy + cj dF/dy' at IDA's current (t, y, y', cj): IDA calls this through
 * the preconditioner set-up wrapper that LSSetup invokes. */
static int JacobianSetup(realtype t, N_Vector yy, N_Vector yp, N_Vector rr, realtype cj,
                         void *ctx) {
  FvIntegrator ig = (FvIntegrator)ctx;
  (void)rr;
  ig->t_fd   = t;
  ig->cj_fd  = cj;
  ig->fd_bad = PETSC_FALSE;
  FV_CB(ig, VecCopy(N_VGetVector_Petsc(yy), ig->y0));
  FV_CB(ig, VecCopy(N_VGetVector_Petsc(yp), ig->yp0));
  if (ig->jac_fd)
    FV_CB(ig, MatFDColoringApply(ig->J, ig->fdc, ig->y0, NULL));
  else
    FV_CB(ig, FvProblemJacobian(ig->p, t, ig->y0, ig->yp0, cj, ig->J, &ig->fd_bad));
  if (ig->fd_bad) return 1;
  if (ig->check_jac) FV_CB(ig, CheckJacobian(ig));
  FV_CB(ig, KSPSetOperators(ig->ksp, ig->J, ig->J));
  FV_CB(ig, KSPSetUp(ig->ksp));
  ig->njac++;
  return 0;
}

static int LSSetup(SUNLinearSolver S, SUNMatrix A) {
  FvIntegrator ig = (FvIntegrator)S->content;
  (void)A;
  return ig->pset ? ig->pset(ig->pdata) : -1;
}

static int LSSolve(SUNLinearSolver S, SUNMatrix A, N_Vector x, N_Vector b, realtype tol) {
  FvIntegrator ig = (FvIntegrator)S->content;
  KSPConvergedReason why;
  (void)A, (void)tol;
  FV_CB(ig, KSPSolve(ig->ksp, N_VGetVector_Petsc(b), N_VGetVector_Petsc(x)));
  FV_CB(ig, KSPGetConvergedReason(ig->ksp, &why));
  ig->nlin++;
  return why < 0 ? SUNLS_PACKAGE_FAIL_REC : SUNLS_SUCCESS;
}

/* SUNDIALS 6.4's IDA never calls set-up on a MATRIX_EMBEDDED solver, and calls it on an
 * ITERATIVE one only when a preconditioner set-up is registered. So this solver declares itself
 * ITERATIVE (its "iteration" is one exact solve), registers the Jacobian set-up as IDA's
 * preconditioner set-up and ignores IDA's J v product: IDA calls LSSetup exactly when it wants
 * a fresh Jacobian (first step, a large change of cj, a convergence failure), and LSSetup
 * calls IDA's wrapper, which calls JacobianSetup with (t, y, y', cj). */
static int LSSetATimes(SUNLinearSolver S, void *A_data, SUNATimesFn ATimes) {
  (void)S, (void)A_data, (void)ATimes;
  return SUNLS_SUCCESS;
}
static int LSNumIters(SUNLinearSolver S) {
  (void)S;
  return 1;
}
/* After an exact solve the linear residual is zero to round-off. */
static N_Vector LSResid(SUNLinearSolver S) {
  return ((FvIntegrator)S->content)->atol;
}
static realtype LSResNorm(SUNLinearSolver S) {
  (void)S;
  return 0;
}
static int LSSetPreconditioner(SUNLinearSolver S, void *P, SUNPSetupFn Pset, SUNPSolveFn Psol) {
  FvIntegrator ig = (FvIntegrator)S->content;
  (void)Psol;
  ig->pdata = P;
  ig->pset  = Pset;
  return SUNLS_SUCCESS;
}

static SUNLinearSolver_Type LSGetType(SUNLinearSolver S) {
  (void)S;
  return SUNLINEARSOLVER_ITERATIVE;
}
static SUNLinearSolver_ID LSGetID(SUNLinearSolver S) {
  (void)S;
  return SUNLINEARSOLVER_CUSTOM;
}
static int LSFree(SUNLinearSolver S) {
  S->content = NULL;
  SUNLinSolFreeEmpty(S);
  return 0;
}

static int Roots(realtype t, N_Vector yy, N_Vector yp, realtype *g, void *ctx) {
  FvIntegrator ig = (FvIntegrator)ctx;
  PetscReal V, Ic;
  (void)t, (void)yp;
  FV_CB(ig, FvProblemVoltage(ig->p, N_VGetVector_Petsc(yy), &V, &Ic));
  g[0] = V - ig->v_low;
  g[1] = ig->v_high - V;
  g[2] = PetscAbsReal(Ic) - ig->i_low;
  return 0;
}

#define FV_IDA(call)                                                                               \
  do {                                                                                             \
    int f_ = (call);                                                                               \
    PetscCheck(f_ >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "%s failed: %s", #call,                    \
               IDAGetReturnFlagName(f_));                                                          \
  } while (0)

PetscErrorCode FvIntegratorCreate(FvProblem *p, FvIntegrator *out) {
  FvIntegrator ig;
  ISColoring iscol;
  PetscMPIInt size;
  PC pc;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&ig));
  ig->p        = p;
  ig->comm     = PetscObjectComm((PetscObject)p->mesh.da);
  ig->rtol     = 1e-6;
  ig->max_step = 0;
  ig->v_low    = PETSC_NINFINITY;
  ig->v_high   = PETSC_INFINITY;
  ig->i_low    = PETSC_NINFINITY;
  ig->t_stop   = PETSC_INFINITY;
  PetscOptionsBegin(ig->comm, "fvcell_", "fvcell time integration (IDA)", NULL);
  PetscCall(PetscOptionsReal("-rtol", "relative tolerance", NULL, ig->rtol, &ig->rtol, NULL));
  PetscCall(PetscOptionsReal("-max_step", "largest time step [s] (0: no limit)", NULL, ig->max_step,
                             &ig->max_step, NULL));
  PetscCall(PetscOptionsBool("-suppress_alg",
                             "leave algebraic unknowns out of the local error test", NULL,
                             ig->suppress_alg, &ig->suppress_alg, NULL));
  PetscCall(PetscOptionsBool("-check_jacobian",
                             "compare the coloured Jacobian with a difference quotient", NULL,
                             ig->check_jac, &ig->check_jac, NULL));
  {
    const char *kinds[] = {"analytic", "fd"};
    PetscInt kind       = 0;
    PetscCall(PetscOptionsEList("-jacobian",
                                "Newton matrix: analytic (FvProblemJacobian) or fd (colouring)",
                                NULL, kinds, 2, kinds[0], &kind, NULL));
    ig->jac_fd = (PetscBool)(kind == 1);
  }
  PetscOptionsEnd();

  PetscCheck(!SUNContext_Create((void *)&ig->comm, &ig->sun), ig->comm, PETSC_ERR_LIB,
             "SUNContext_Create failed");
  PetscCall(DMCreateGlobalVector(p->mesh.da, &ig->Y));
  PetscCall(VecDuplicate(ig->Y, &ig->Yp));
  PetscCall(VecDuplicate(ig->Y, &ig->Id));
  PetscCall(VecDuplicate(ig->Y, &ig->Atol));
  PetscCall(VecDuplicate(ig->Y, &ig->y0));
  PetscCall(VecDuplicate(ig->Y, &ig->yp0));
  PetscCall(VecDuplicate(ig->Y, &ig->ypfd));
  ig->yy   = N_VMake_Petsc(ig->Y, ig->sun);
  ig->yp   = N_VMake_Petsc(ig->Yp, ig->sun);
  ig->id   = N_VMake_Petsc(ig->Id, ig->sun);
  ig->atol = N_VMake_Petsc(ig->Atol, ig->sun);
  PetscCall(FvProblemSetId(p, ig->Id));
  PetscCall(FvProblemSetAbsTol(p, ig->rtol, ig->Atol));
  PetscCall(FvProblemInitialState(p, ig->Y));

  /* Jacobian by colouring on the DMDA stencil (block fills keep particles local) */
  PetscCall(DMSetMatType(p->mesh.da, MATAIJ));
  PetscCall(DMCreateMatrix(p->mesh.da, &ig->J));
  if (ig->jac_fd) {
    /* Colour the assembled pattern: the DMDA colouring gives every dof of a cell its own colour
     * and ignores the sparse block fill (problem.c); in 3D it also colours the whole 27-point box,
     * 27 dof colours instead of the star's 7. Smallest-last is sequential; in parallel the greedy
     * distance-2 colouring works on the distributed matrix (P3D 4x4 composite: 50 colours
     * serial). -fvcell_dmda_coloring forces the DMDA colouring. */
    PetscBool dmda = PETSC_FALSE;
    PetscMPIInt nproc;
    PetscCallMPI(MPI_Comm_size(ig->comm, &nproc));
    PetscCall(PetscOptionsGetBool(NULL, NULL, "-fvcell_dmda_coloring", &dmda, NULL));
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

  PetscCall(KSPCreate(ig->comm, &ig->ksp));
  PetscCall(KSPSetOptionsPrefix(ig->ksp, "fvcell_"));
  PetscCall(KSPSetType(ig->ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ig->ksp, &pc));
  PetscCall(PCSetType(pc, PCLU));
  PetscCallMPI(MPI_Comm_size(ig->comm, &size));
  /* PETSc's own LU does not pivot and meets zero pivots on this DAE Jacobian (measured on the
   * DUALFOIL cell: every other factorisation failed); KLU, UMFPACK and MUMPS pivot. KLU was the
   * fastest serial choice in 1D (1C DUALFOIL: KLU 0.11 s, UMFPACK 0.12 s, SuperLU 0.18 s, MUMPS
   * 0.30 s). On 2D/3D grids the fill of the factors grows faster with KLU's ordering than with
   * UMFPACK's (bench/results_p3d.md, 3D composite, 2 min at C/2: 8 x 8 columns 12.6 s vs 6.3 s,
   * 12 x 12 129.7 s vs 25.8 s), so P3D runs on one rank use UMFPACK. */
  PetscCall(PCFactorSetMatSolverType(
      pc, size > 1 ? MATSOLVERMUMPS : (p->mesh.dim > 1 ? MATSOLVERUMFPACK : MATSOLVERKLU)));
  PetscCall(KSPSetFromOptions(ig->ksp));

  ig->ida = IDACreate(ig->sun);
  PetscCheck(ig->ida, ig->comm, PETSC_ERR_LIB, "IDACreate failed");
  N_VConst(0.0, ig->yp);
  FV_IDA(IDAInit(ig->ida, Residual, 0.0, ig->yy, ig->yp));
  FV_IDA(IDASetUserData(ig->ida, ig));
  /* IDA prints every recoverable failure (a consistent initialisation that current
   * continuation then rescues); keep the message for the failure reason instead */
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-fvcell_ida_messages", &ig->ida_messages, NULL));
  FV_IDA(IDASetErrHandlerFn(ig->ida, IdaMessage, ig));
  FV_IDA(IDASVtolerances(ig->ida, ig->rtol, ig->atol));
  FV_IDA(IDASetId(ig->ida, ig->id));
  if (ig->suppress_alg) FV_IDA(IDASetSuppressAlg(ig->ida, SUNTRUE));
  FV_IDA(IDARootInit(ig->ida, 3, Roots));
  {
    int dir[3] = {
        -1, -1,
        -1}; /* V falling through v_low, V rising through v_high, |I| falling through i_low */
    FV_IDA(IDASetRootDirection(ig->ida, dir));
  }
  ig->ls = SUNLinSolNewEmpty(ig->sun);
  PetscCheck(ig->ls, ig->comm, PETSC_ERR_LIB, "SUNLinSolNewEmpty failed");
  ig->ls->content                = ig;
  ig->ls->ops->gettype           = LSGetType;
  ig->ls->ops->getid             = LSGetID;
  ig->ls->ops->setup             = LSSetup;
  ig->ls->ops->solve             = LSSolve;
  ig->ls->ops->free              = LSFree;
  ig->ls->ops->setpreconditioner = LSSetPreconditioner;
  ig->ls->ops->setatimes         = LSSetATimes;
  ig->ls->ops->numiters          = LSNumIters;
  ig->ls->ops->resid             = LSResid;
  ig->ls->ops->resnorm           = LSResNorm;
  FV_IDA(IDASetLinearSolver(ig->ida, ig->ls, NULL));
  FV_IDA(IDASetPreconditioner(ig->ida, JacobianSetup, NULL));
  FV_IDA(IDASetMaxNumSteps(ig->ida, 100000));
  FV_IDA(IDASetMaxNumItersIC(ig->ida, 50));
  FV_IDA(IDASetMaxNumJacsIC(ig->ida, 20));
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
  N_VDestroy(ig->yy);
  N_VDestroy(ig->yp);
  N_VDestroy(ig->id);
  N_VDestroy(ig->atol);
  PetscCall(VecDestroy(&ig->Y));
  PetscCall(VecDestroy(&ig->Yp));
  PetscCall(VecDestroy(&ig->Id));
  PetscCall(VecDestroy(&ig->Atol));
  PetscCall(VecDestroy(&ig->y0));
  PetscCall(VecDestroy(&ig->yp0));
  PetscCall(VecDestroy(&ig->ypfd));
  PetscCall(MatDestroy(&ig->J));
  PetscCall(MatFDColoringDestroy(&ig->fdc));
  PetscCall(KSPDestroy(&ig->ksp));
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

/* IDACalcIC from the state in ig->Y (algebraic unknowns as guessed); returns IDA's flag. */
static PetscErrorCode CalcIC(FvIntegrator ig, PetscReal t0, int *flag) {
  long nst = 0;
  PetscFunctionBeginUser;
  FV_IDA(IDAGetNumSteps(ig->ida, &nst));
  ig->nst_done += nst;
  PetscCall(VecZeroEntries(ig->Yp));
  FV_IDA(IDAReInit(ig->ida, t0, ig->yy, ig->yp));
  ig->perr = 0;
  *flag    = IDACalcIC(ig->ida, IDA_YA_YDP_INIT, t0 + 1e-6);
  PetscCall(ig->perr);
  if (*flag >= 0) FV_IDA(IDAGetConsistentIC(ig->ida, ig->yy, ig->yp));
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
  /* A stage whose voltage is already beyond the step's cut-off ends the step there: the set
   * current cannot be drawn inside the window (e.g. a composite whose electrolyte network does
   * not percolate), which is an answer, not a solver failure. */
  for (PetscInt stages = 4; flag < 0 && !beyond && ig->p->mode != FV_MODE_VOLTAGE && stages <= 64;
       stages *= 4) {
    PetscCall(VecCopy(Ysave, ig->Y));
    for (PetscInt k = 1; k <= stages; k++) {
      PetscReal V, Ic;
      ig->p->set_point = target * k / stages;
      PetscCall(CalcIC(ig, t0, &flag));
      if (flag < 0) break;
      PetscCall(FvProblemVoltage(ig->p, ig->Y, &V, &Ic));
      if ((Ic > 0 && V <= ig->v_low) || (Ic < 0 && V >= ig->v_high)) {
        beyond = Ic > 0 ? FV_STEP_ROOT_LOW : FV_STEP_ROOT_HIGH;
        break;
      }
    }
  }
  ig->p->set_point = target;
  PetscCall(VecDestroy(&Ysave));
  *st       = beyond ? beyond : FV_STEP_OK;
  reason[0] = 0;
  if (flag < 0 && !beyond) {
    *st = FV_STEP_FAIL;
    snprintf(reason, len, "consistent initialisation failed at t = %g s (%s: %s)", (double)t0,
             IDAGetReturnFlagName(flag), ig->idamsg);
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
  *t        = tret;
  *st       = FV_STEP_OK;
  reason[0] = 0;
  if (flag < 0) {
    *st = FV_STEP_FAIL;
    snprintf(reason, len, "solver failure at t = %.10g s: %s (%s)", (double)tret,
             IDAGetReturnFlagName(flag), ig->idamsg);
  } else if (flag == IDA_ROOT_RETURN) {
    int found[3] = {0, 0, 0};
    FV_IDA(IDAGetRootInfo(ig->ida, found));
    if (found[0]) {
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
  N_Vector y = N_VMake_Petsc(Y, ig->sun);
  int flag;
  PetscFunctionBeginUser;
  flag = IDAGetDky(ig->ida, t, 0, y);
  N_VDestroy(y);
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
  w = N_VMake_Petsc(W, ig->sun);
  e = N_VMake_Petsc(E, ig->sun);
  IDAGetErrWeights(ig->ida, w);
  IDAGetEstLocalErrors(ig->ida, e);
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
