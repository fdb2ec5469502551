/* integrator_impl.h -- what the integrator's own files share (not an interface of the library).
 *
 * Owns: the FvIntegrator object's fields, the macros that turn PETSc and IDA errors inside IDA's
 * callbacks into IDA's return codes, and the few functions integrator.c (IDA, options, steps)
 * and integrator_linear.c (the linear solvers inside IDA's Newton iteration) call in each other.
 */
#pragma once
#include <ida/ida.h>
#include <sunlinsol/sunlinsol_klu.h>
#include <sunmatrix/sunmatrix_sparse.h>
#include <petscksp.h>
#include "integrator.h"
#include "diagnose.h"
#include "linear_condensed.h"

/* The linear solver inside IDA's Newton iteration. */
typedef enum { FV_LINSOL_KLU = 0, FV_LINSOL_KSP } FvLinSol;
/* KLU's fill-reducing orderings, numbered as SUNLinSol_KLUSetOrdering takes them. */
typedef enum { FV_KLU_AMD = 0, FV_KLU_COLAMD } FvKluOrdering;

struct _p_FvIntegrator {
  FvProblem *p;
  SUNContext sun;
  void *ida;
  N_Vector yy, yp, id, atol;
  Vec Y, Yp, Id, Atol; /* the PETSc vectors behind them */
  PetscBool fast;      /* serial N_Vectors over the arrays of Y, Yp, ... (one rank) */
  Vec Yw, Ypw, Fw;     /* fast path: work Vecs placed over IDA's vectors in the callbacks */
  FvLinSol linsol;
  FvKluOrdering klu_ordering;
  SUNLinearSolver ls;  /* what IDA calls: the KSP wrapper or the KLU wrapper */
  SUNLinearSolver klu; /* SUNDIALS' KLU behind the KLU wrapper */
  SUNMatrix A;         /* its compressed-row copy of J */
  Mat J;
  MatFDColoring fdc;
  KSP ksp;
  FvCondensed cond;  /* 2D/3D: condensation + multigrid instead of LU (linear_condensed.h) */
  Vec y0, yp0, ypfd; /* state at the Jacobian evaluation */
  PetscReal t_fd, cj_fd;
  PetscBool fd_bad, check_jac, suppress_alg;
  /* -fvcell_error_test_currents false: IDA's local error test leaves out the particles' interface
   * currents J_f (Emask 0 there, 1 elsewhere; integrator.c, ErrorTestMask says why) */
  PetscBool test_currents;
  Vec Emask;
  N_Vector emask;
  PetscBool jac_fd; /* -fvcell_jacobian fd: MatFDColoring instead of FvProblemJacobian */
  /* physical stop names (solver/diagnose.h): limits, and the last residual and state of a
   * consistent initialisation (kept only while IDACalcIC runs) */
  FvDiagnoseLimits lim;
  PetscBool in_ic;
  Vec Fic, Yic;
  PetscReal rtol, v_low, v_high, i_low, t_stop, max_step, nlconv, dcj;
  PetscReal T_high; /* the hottest cell's temperature rising through it ends the step [K] */
  PetscReal T_low;  /* ... and falling through it (a rest's cool-down) [K] */
  PetscInt max_order;
  PetscInt njac, nlin, nfact; /* nfact: full KLU factorisations (the rest are refactorisations) */
  PetscBool klu_first;        /* the next KLU set-up analyses and factors afresh */
  PetscReal klu_rcond;        /* KLU's pivot-ratio estimate at the last full factorisation */
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

#define FV_IDA(call)                                                                               \
  do {                                                                                             \
    int f_ = (call);                                                                               \
    PetscCheck(f_ >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "%s failed: %s", #call,                    \
               IDAGetReturnFlagName(f_));                                                          \
  } while (0)

/* integrator.c: a PETSc Vec over an N_Vector (placed over its array on the fast path), its
 * release, and the Jacobian J = dF/dy + cj dF/dy' at (t, y, y') into ig->J (*bad: a law left
 * its domain). */
PetscErrorCode FvIgVecOf(FvIntegrator ig, N_Vector v, Vec w, Vec *out);
PetscErrorCode FvIgVecDone(FvIntegrator ig, Vec w);
PetscErrorCode FvIgFillJacobian(FvIntegrator ig, PetscReal t, N_Vector yy, N_Vector yp,
                                PetscReal cj, PetscBool *bad);
/* integrator_linear.c: IDA's linear solver, a PETSc KSP (any rank count) or SUNDIALS' KLU with
 * refactorisation (the one-rank fast path). */
PetscErrorCode FvIgCreateKSP(FvIntegrator ig);
PetscErrorCode FvIgCreateKLU(FvIntegrator ig);
