/* integrator_linear.c -- the linear solvers inside IDA's Newton iteration (see integrator.c).
 *
 * Owns: the two SUNLinearSolvers the integrator hands to IDA and their set-up:
 * - the KSP wrapper (any number of ranks): a PETSc KSP (LU with KLU, UMFPACK or MUMPS, or the
 *   condensed multigrid solver of linear_condensed.h on 2D/3D meshes), set up when IDA wants a
 *   fresh Jacobian (see LSSetATimes for how);
 * - the KLU wrapper (the one-rank fast path): SUNDIALS' KLU on a compressed-row copy of J, whose
 *   symbolic analysis and pivot order are reused by klu_refactor (see KLUInitialize).
 */
#include "integrator_impl.h"

static int JacobianSetup(realtype t, N_Vector yy, N_Vector yp, N_Vector rr, realtype cj,
                         void *ctx) {
  FvIntegrator ig = (FvIntegrator)ctx;
  PetscBool bad;
  (void)rr;
  FV_CB(ig, FvIgFillJacobian(ig, t, yy, yp, cj, &bad));
  if (bad) return 1;
  FV_CB(ig, KSPSetOperators(ig->ksp, ig->J, ig->J));
  FV_CB(ig, KSPSetUp(ig->ksp));
  return 0;
}

/* The compressed rows of ig->J into the SUNMatrix A. IDA zeroes A (pattern included) before
 * every call, so the row pointers and column indices are copied with the values. */
static PetscErrorCode CopyToSparse(FvIntegrator ig, SUNMatrix A) {
  const PetscInt *ia, *ja;
  const PetscScalar *a;
  PetscInt n;
  PetscBool done;
  sunindextype *ip = SM_INDEXPTRS_S(A), *iv = SM_INDEXVALS_S(A);
  PetscFunctionBeginUser;
  PetscCall(MatGetRowIJ(ig->J, 0, PETSC_FALSE, PETSC_FALSE, &n, &ia, &ja, &done));
  PetscCheck(done && n == SM_ROWS_S(A) && ia[n] == SM_NNZ_S(A), PETSC_COMM_SELF, PETSC_ERR_PLIB,
             "the Jacobian's pattern changed (%" PetscInt_FMT " rows, %" PetscInt_FMT
             " nonzeros; expected %ld, %ld)",
             n, ia[n], (long)SM_ROWS_S(A), (long)SM_NNZ_S(A));
  for (PetscInt i = 0; i <= n; i++)
    ip[i] = ia[i];
  for (PetscInt k = 0; k < ia[n]; k++)
    iv[k] = ja[k];
  PetscCall(MatSeqAIJGetArrayRead(ig->J, &a));
  PetscCall(PetscArraycpy(SM_DATA_S(A), a, ia[n]));
  PetscCall(MatSeqAIJRestoreArrayRead(ig->J, &a));
  PetscCall(MatRestoreRowIJ(ig->J, 0, PETSC_FALSE, PETSC_FALSE, &n, &ia, &ja, &done));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Fast path: IDA's matrix-based interface calls this when its heuristics want a fresh J. */
static int JacobianSparse(realtype t, realtype cj, N_Vector yy, N_Vector yp, N_Vector rr,
                          SUNMatrix A, void *ctx, N_Vector t1, N_Vector t2, N_Vector t3) {
  FvIntegrator ig = (FvIntegrator)ctx;
  PetscBool bad;
  (void)rr, (void)t1, (void)t2, (void)t3;
  FV_CB(ig, FvIgFillJacobian(ig, t, yy, yp, cj, &bad));
  if (bad) return 1;
  FV_CB(ig, CopyToSparse(ig, A));
  return 0;
}

/* IDA zeroes the matrix before each Jacobian; CopyToSparse rewrites all of it, and the library's
 * own zeroing loop is an unoptimised pass over the pattern (serial_vector.h says why). */
static int SparseZero(SUNMatrix A) {
  (void)A;
  return 0;
}

/* The KLU wrapper: a direct solver whose content is the integrator, around SUNDIALS' KLU
 * (ig->klu), whose first set-up analyses the pattern and factors with pivoting. Later set-ups
 * call klu_refactor here, with the first factorisation's pivot order: SUNDIALS' own set-up
 * follows each refactorisation with KLU's cheap reciprocal-pivot-ratio estimate and, when that
 * is below eps^(2/3), with a condition estimate and a full factorisation; on these DAE Jacobians
 * (rows scaled by cj, concentrations next to potentials) the ratio is always that small
 * (measured on the DUALFOIL cell: a condition estimate and a full factorisation at nearly every
 * set-up). Here the ratio is compared with the one of the last full factorisation instead: a
 * drop by 1e3 (a pivot that became small) or a failed refactorisation gets a full factorisation
 * with fresh pivots. */
static int KLUInitialize(SUNLinearSolver S) {
  FvIntegrator ig = (FvIntegrator)S->content;
  ig->klu_first   = PETSC_TRUE;
  return SUNLinSolInitialize(ig->klu);
}

static int KLUFactor(FvIntegrator ig, SUNMatrix A) {
  sun_klu_common *common = SUNLinSol_KLUGetCommon(ig->klu);
  int r;
  if (SUNLinSol_KLUReInit(ig->klu, A, SM_NNZ_S(A), SUNKLU_REINIT_PARTIAL)) return -1;
  r = SUNLinSolSetup(ig->klu, A); /* analysis and factorisation with pivoting */
  if (r) return r;
  if (!sun_klu_rcond(SUNLinSol_KLUGetSymbolic(ig->klu), SUNLinSol_KLUGetNumeric(ig->klu), common))
    return SUNLS_PACKAGE_FAIL_REC;
  ig->klu_rcond = common->rcond;
  ig->klu_first = PETSC_FALSE;
  ig->nfact++;
  return 0;
}

static int KLUSetup(SUNLinearSolver S, SUNMatrix A) {
  FvIntegrator ig            = (FvIntegrator)S->content;
  sun_klu_common *common     = SUNLinSol_KLUGetCommon(ig->klu);
  sun_klu_symbolic *symbolic = SUNLinSol_KLUGetSymbolic(ig->klu);
  sun_klu_numeric *numeric   = SUNLinSol_KLUGetNumeric(ig->klu);
  if (ig->klu_first || !symbolic || !numeric) return KLUFactor(ig, A);
  if (!sun_klu_refactor(SM_INDEXPTRS_S(A), SM_INDEXVALS_S(A), SM_DATA_S(A), symbolic, numeric,
                        common) ||
      !sun_klu_rcond(symbolic, numeric, common) || !(common->rcond > 1e-3 * ig->klu_rcond))
    return KLUFactor(ig, A);
  return 0;
}

static int KLUSolve(SUNLinearSolver S, SUNMatrix A, N_Vector x, N_Vector b, realtype tol) {
  FvIntegrator ig = (FvIntegrator)S->content;
  ig->nlin++;
  return SUNLinSolSolve(ig->klu, A, x, b, tol);
}

static SUNLinearSolver_Type KLUGetType(SUNLinearSolver S) {
  (void)S;
  return SUNLINEARSOLVER_DIRECT;
}

static SUNLinearSolver_ID KLUGetID(SUNLinearSolver S) {
  (void)S;
  return SUNLINEARSOLVER_KLU;
}

static sunindextype KLULastFlag(SUNLinearSolver S) {
  return SUNLinSolLastFlag(((FvIntegrator)S->content)->klu);
}

/* The KSP wrapper (PETSc path; see LSSetATimes). */
static int LSSetup(SUNLinearSolver S, SUNMatrix A) {
  FvIntegrator ig = (FvIntegrator)S->content;
  (void)A;
  return ig->pset ? ig->pset(ig->pdata) : -1;
}

static int LSSolve(SUNLinearSolver S, SUNMatrix A, N_Vector x, N_Vector b, realtype tol) {
  FvIntegrator ig = (FvIntegrator)S->content;
  KSPConvergedReason why;
  Vec B = NULL, X = NULL;
  PetscErrorCode e;
  (void)A, (void)tol;
  FV_CB(ig, FvIgVecOf(ig, b, ig->Fw, &B));
  FV_CB(ig, FvIgVecOf(ig, x, ig->Yw, &X));
  /* release the vectors before passing an error on: the run reports it after more residuals
   * (e.g. a misspelt multigrid level option found at the first solve, cli.h) */
  e = KSPSolve(ig->ksp, B, X);
  FV_CB(ig, FvIgVecDone(ig, ig->Fw));
  FV_CB(ig, FvIgVecDone(ig, ig->Yw));
  FV_CB(ig, e);
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

/* The PETSc KSP behind the KSP wrapper. */
PetscErrorCode FvIgCreateKSP(FvIntegrator ig) {
  PetscMPIInt size;
  PetscBool cond;
  PC pc;
  PetscFunctionBeginUser;
  PetscCall(KSPCreate(ig->comm, &ig->ksp));
  PetscCall(KSPSetOptionsPrefix(ig->ksp, "fvcell_"));
  PetscCall(KSPSetType(ig->ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ig->ksp, &pc));
  PetscCall(PCSetType(pc, PCLU));
  /* 2D/3D: the condensed solver where it was measured to win (linear_condensed.c,
   * docs/p3d-solvers.md), else LU */
  PetscCallMPI(MPI_Comm_size(ig->comm, &size));
  PetscCall(FvCondensedGetUse(ig->cond, &cond));
  if (cond) PetscCall(FvCondensedSetUpKSP(ig->cond, ig->ksp));
  /* PETSc's own LU does not pivot and meets zero pivots on this DAE Jacobian (measured on the
   * DUALFOIL cell: every other factorisation failed); KLU, UMFPACK and MUMPS pivot. KLU was the
   * fastest serial choice in 1D (1C DUALFOIL: KLU 0.11 s, UMFPACK 0.12 s, SuperLU 0.18 s, MUMPS
   * 0.30 s). On 2D/3D grids the fill of the factors grows faster with KLU's ordering than with
   * UMFPACK's (bench/results_p3d.md, 3D composite, 2 min at C/2: 8 x 8 columns 12.6 s vs 6.3 s,
   * 12 x 12 129.7 s vs 25.8 s), so P3D runs on one rank use UMFPACK. */
  else
    PetscCall(PCFactorSetMatSolverType(
        pc, size > 1 ? MATSOLVERMUMPS : (ig->p->mesh.dim > 1 ? MATSOLVERUMFPACK : MATSOLVERKLU)));
  PetscCall(KSPSetFromOptions(ig->ksp));
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
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* SUNDIALS' KLU on a compressed-row copy of J, behind the KLU wrapper, under IDA's matrix-based
 * interface (IDA's own heuristics decide when to re-evaluate J). */
PetscErrorCode FvIgCreateKLU(FvIntegrator ig) {
  MatInfo info;
  PetscInt n;
  PetscFunctionBeginUser;
  PetscCall(MatGetSize(ig->J, &n, NULL));
  PetscCall(MatGetInfo(ig->J, MAT_LOCAL, &info));
  ig->A = SUNSparseMatrix(n, n, (sunindextype)info.nz_used, CSR_MAT, ig->sun);
  PetscCheck(ig->A, ig->comm, PETSC_ERR_LIB, "SUNSparseMatrix failed");
  ig->A->ops->zero = SparseZero;
  ig->klu          = SUNLinSol_KLU(ig->yy, ig->A, ig->sun);
  PetscCheck(ig->klu, ig->comm, PETSC_ERR_LIB, "SUNLinSol_KLU failed");
  PetscCheck(!SUNLinSol_KLUSetOrdering(ig->klu, (int)ig->klu_ordering), ig->comm, PETSC_ERR_LIB,
             "SUNLinSol_KLUSetOrdering failed");
  ig->ls = SUNLinSolNewEmpty(ig->sun);
  PetscCheck(ig->ls, ig->comm, PETSC_ERR_LIB, "SUNLinSolNewEmpty failed");
  ig->ls->content         = ig;
  ig->ls->ops->gettype    = KLUGetType;
  ig->ls->ops->getid      = KLUGetID;
  ig->ls->ops->initialize = KLUInitialize;
  ig->ls->ops->setup      = KLUSetup;
  ig->ls->ops->solve      = KLUSolve;
  ig->ls->ops->lastflag   = KLULastFlag;
  ig->ls->ops->free       = LSFree;
  FV_IDA(IDASetLinearSolver(ig->ida, ig->ls, ig->A));
  FV_IDA(IDASetJacFn(ig->ida, JacobianSparse));
  PetscFunctionReturn(PETSC_SUCCESS);
}
