/* linear_condensed.c -- static condensation + multigrid on the field unknowns (see
 * linear_condensed.h and docs/p3d-solvers.md).
 *
 * Layout (docs/model.md §1, meshes/dmda_cell.h): a rank owns whole cells, dof unknowns each,
 * interleaved; the first nfield of a cell (c, phi_e, phi_s, I) couple to face neighbours, the
 * rest (interface currents, particle shells, contact fractions) only within the cell
 * (docs/numerics.md §3, §8). For every owned cell the set-up reads the cell's rows of the Newton
 * matrix, factors the local block A_ll (dense LU with partial pivoting: the interface-current
 * rows need pivoting), keeps Z = A_ll^-1 A_lf and A_fl, and adds -A_fl Z to the cell's diagonal
 * block of S = A_ff. A coupling of a local unknown outside its cell is an error (the layout
 * this solver relies on changed).
 * One application of the preconditioner to r = (r_f, r_l) is the block LU solve
 *   w_l = A_ll^-1 r_l,  S x_f ~= r_f - A_fl w_l (inner KSP),  x_l = w_l - Z x_f,
 * exact but for the inner solve, so the outer Krylov iterations count the inner solver's
 * weakness only. The inner solver's preconditioner eliminates the collector comb
 * (linear_comb.h) and applies a field split to the rest, or (the fallback, and on request)
 * applies the field split to S and then solves the last x columns exactly (the layer).
 */
#include "linear_condensed.h"
#include "p2d.h"
#include "dmda_cell.h"
#include "cli.h"
#include "linear_comb.h"

/* c, phi_e, phi_s, I: the field unknowns of docs/model.md §1 */
#define FV_NFIELD_SLOTS (FV_CUR + 1)

typedef enum { FV_P3D_AUTO = 0, FV_P3D_DIRECT, FV_P3D_CONDENSED } FvP3dSolver;
static const char *const FvP3dSolverNames[] = {"auto",        "direct",  "condensed",
                                               "FvP3dSolver", "FV_P3D_", NULL};
typedef enum { FV_AMG_HYPRE = 0, FV_AMG_GAMG } FvAmg;
typedef enum { FV_COLLECTOR_ELIMINATE = 0, FV_COLLECTOR_LAYER } FvCollector;
static const char *const FvCollectorNames[] = {"eliminate", "layer", "FvCollector", "FV_COLLECTOR_",
                                               NULL};
static const char *const FvAmgNames[]       = {"hypre", "gamg", "FvAmg", "FV_AMG_", NULL};

struct _p_FvCondensed {
  MPI_Comm comm;
  const FvMesh *mesh;
  PetscInt dim, ncells, dof, nf, nl; /* nl = dof - nf local unknowns a cell */
  FvCollector collector; /* how the collector comb is solved: eliminated or in the layer */
  /* eliminated (linear_comb.h): comb, and fksp (prefix fvcell_condensed_fields_: FGMRES and the
   * field split on the comb-free operator) for the border z = A^-1 u; one application of its PC
   * is the field solve of every application. legacy: the layer preconditioner below, taken
   * instead when the model's comb rows are not eliminable (a metal positive electrode) */
  FvComb comb;
  KSP fksp;
  PC legacy;
  PetscMPIInt size; /* ranks of comm, read once at creation */
  PetscInt layer;   /* x columns next to the positive collector solved exactly */
  /* the layer solve (LayerSetUp): every rank that owns layer cells gathers the whole layer's
   * rows of S (Sl, sequential) and right-hand side (lr, through lsct) and solves it with lksp;
   * it keeps the solution of its own cells, from loff on in lx */
  PetscBool lsolve;           /* this rank owns layer cells */
  PetscInt nlay, loff, *lidx; /* owned layer unknowns, their offset in the layer, their rows in S */
  IS lis; /* the layer's rows of S gathered on this rank (empty if it owns none) */
  Mat Sl;
  Vec lr, lx;
  VecScatter lsct;
  KSP lksp;               /* prefix fvcell_condensed_layer_, on PETSC_COMM_SELF */
  PetscBool reuse_interp; /* -fvcell_condensed_reuse_interpolation */
  FvP3dSolver kind;
  FvAmg amg;
  PetscReal rtol;
  PetscInt max_it, min_cells;
  PetscBool use;
  PetscBool cross; /* unknowns after the fields couple across cells: not condensable */
  /* set-up state, per owned cell c: lu (nl x nl, column major), piv, Z (nl x nf), Afl (nf x nl) */
  PetscInt ncell;
  PetscScalar *lu, *Z, *Afl;
  PetscInt *piv;
  /* A_ll is block diagonal up to a permutation (one block per particle family: its interface
   * current, shells and contact fraction); Blocks() finds the blocks from the pattern, and lu
   * keeps their factors only (lusz a cell: 300 instead of 900 entries for the composite) */
  PetscInt nb, *bofs, *perm, *lofs, lusz;
  PetscScalar *full, *tmp; /* a cell's dense A_ll (nl x nl) and one block's vector, scratch */
  IS isf;                  /* the field rows of the full matrix */
  Mat S;                   /* the condensed operator */
  Vec gf, xf;              /* its right-hand side and solution */
  KSP inner;               /* prefix fvcell_condensed_ */
  PetscInt its;            /* inner iterations, summed */
  PetscInt napply, maxits; /* applications and the most inner iterations of one */
  PetscInt nsolve, nouter, maxouter, nsetup; /* outer solves and their iterations */
  PetscBool view;                            /* -fvcell_condensed_view */
  PC fs;                                     /* the field split (NULL without one) */
};

/* In-place LU with partial pivoting of the n x n column-major a (Golub & Van Loan, Matrix
 * Computations, 4th ed., Alg. 3.4.1); the blocks are ~30 x 30, so a plain loop is as fast as
 * LAPACK here and keeps the library's link line. Returns the 1-based column of a zero pivot, or
 * 0. */
static PetscInt LUFactor(PetscInt n, PetscScalar *a, PetscInt *piv) {
  for (PetscInt k = 0; k < n; k++) {
    PetscInt p    = k;
    PetscReal big = PetscAbsScalar(a[k * n + k]);
    for (PetscInt i = k + 1; i < n; i++)
      if (PetscAbsScalar(a[k * n + i]) > big) {
        p   = i;
        big = PetscAbsScalar(a[k * n + i]);
      }
    piv[k] = p;
    if (big == 0) return k + 1;
    if (p != k)
      for (PetscInt j = 0; j < n; j++) {
        const PetscScalar t = a[j * n + k];
        a[j * n + k]        = a[j * n + p];
        a[j * n + p]        = t;
      }
    for (PetscInt i = k + 1; i < n; i++)
      a[k * n + i] /= a[k * n + k];
    for (PetscInt j = k + 1; j < n; j++) {
      const PetscScalar akj = a[j * n + k];
      if (akj != 0)
        for (PetscInt i = k + 1; i < n; i++)
          a[j * n + i] -= a[k * n + i] * akj;
    }
  }
  return 0;
}

/* b = A^-1 b with LUFactor's factors. */
static void LUSolve(PetscInt n, const PetscScalar *a, const PetscInt *piv, PetscScalar *b) {
  for (PetscInt k = 0; k < n; k++) {
    if (piv[k] != k) {
      const PetscScalar t = b[k];
      b[k]                = b[piv[k]];
      b[piv[k]]           = t;
    }
    for (PetscInt i = k + 1; i < n; i++)
      b[i] -= a[k * n + i] * b[k];
  }
  for (PetscInt k = n - 1; k >= 0; k--) {
    b[k] /= a[k * n + k];
    for (PetscInt i = 0; i < k; i++)
      b[i] -= a[k * n + i] * b[k];
  }
}

/* v = A_ll^-1 v (v in the cell's local order) with the block factors a of one cell. */
static void BlockSolve(const struct _p_FvCondensed *cs, const PetscScalar *a, const PetscInt *piv,
                       PetscScalar *v, PetscScalar *tmp) {
  for (PetscInt b = 0; b < cs->nb; b++) {
    const PetscInt n = cs->bofs[b + 1] - cs->bofs[b], *p = cs->perm + cs->bofs[b];
    for (PetscInt i = 0; i < n; i++)
      tmp[i] = v[p[i]];
    LUSolve(n, a + cs->lofs[b], piv + cs->bofs[b], tmp);
    for (PetscInt i = 0; i < n; i++)
      v[p[i]] = tmp[i];
  }
}

PetscErrorCode FvCondensedCreate(MPI_Comm comm, const FvMesh *mesh, PetscInt dof, PetscInt nfield,
                                 FvCondensed *out) {
  FvCondensed cs;
  PetscFunctionBeginUser;
  PetscCheck(nfield > 0 && nfield <= dof, comm, PETSC_ERR_ARG_OUTOFRANGE,
             "FvCondensedCreate: %" PetscInt_FMT " field unknowns of %" PetscInt_FMT, nfield, dof);
  PetscCall(PetscNew(&cs));
  cs->comm = comm;
  PetscCallMPI(MPI_Comm_size(comm, &cs->size));
  cs->mesh   = mesh;
  cs->dim    = mesh->dim;
  cs->ncells = mesh->M * mesh->ny * mesh->nz;
  cs->layer  = 2;
  /* the comb eliminated (linear_comb.h): 9.5 / 9.4 / 9.6 Krylov iterations a solve at N = 8 / 16
   * / 32 against 10.7 / 13.2 / 17.0 with the layer solve (docs/p3d-solvers.md, "The collector") */
  cs->collector = FV_COLLECTOR_ELIMINATE;
  cs->dof       = dof;
  cs->nf        = nfield;
  cs->nl        = dof - nfield;
  cs->kind      = FV_P3D_AUTO;
  cs->amg = FV_AMG_GAMG; /* less CPU than BoomerAMG a solve at N = 8, 12 (docs/p3d-solvers.md) */
  /* The Krylov tolerance: IDA's Newton iteration takes the solve as exact, but its convergence
   * (contraction) only needs the linear error well below its own tolerance. On the 3D composite
   * at 261k unknowns 1e-4, 1e-5, 1e-6 and 1e-8 gave the same steps, residuals and Jacobians and
   * voltages within 1e-12 V, with 11.0, 13.1, 15.5 and 19.6 iterations a solve
   * (docs/p3d-solvers.md); 1e-5 keeps a factor 10 from the loosest value measured. */
  cs->rtol   = 1e-5;
  cs->max_it = 200;
  /* the hierarchy of the first Jacobian serves the later ones: same iterations, and a rebuild
   * cost 3x the set-up time on 2 ranks (bench/results_p3d.md) */
  cs->reuse_interp = PETSC_TRUE;
  /* one rank: LU (UMFPACK) needs less CPU up to 30 x 8 x 8 cells, the condensed solver 2x less at
   * 30 x 12 x 12 and the gap grows with the size (bench/results_p3d.md) */
  cs->min_cells = 3000;
  *out          = cs;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCondensedSetCrossCellLocals(FvCondensed cs, PetscBool cross) {
  PetscFunctionBeginUser;
  cs->cross = cross;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCondensedSetFromOptions(FvCondensed cs) {
  PetscFunctionBeginUser;
  PetscOptionsBegin(cs->comm, "fvcell_", "fvcell 2D/3D linear solver", NULL);
  PetscCall(PetscOptionsEnum(
      "-p3d_solver",
      "2D/3D linear solver: auto (condensed on several ranks or from -fvcell_condensed_min_cells "
      "cells, direct otherwise), direct (LU: UMFPACK on 1 rank, MUMPS on several), condensed "
      "(FGMRES, particles eliminated per cell, multigrid on the fields)",
      NULL, FvP3dSolverNames, (PetscEnum)cs->kind, (PetscEnum *)&cs->kind, NULL));
  PetscCall(PetscOptionsEnum("-condensed_amg",
                             "multigrid of the condensed solver's field operator (the default "
                             "inner PC; -fvcell_condensed_pc_type overrides)",
                             NULL, FvAmgNames, (PetscEnum)cs->amg, (PetscEnum *)&cs->amg, NULL));
  PetscCall(PetscOptionsReal("-condensed_rtol",
                             "relative residual tolerance of the condensed solver's FGMRES "
                             "(IDA takes the solve as exact)",
                             NULL, cs->rtol, &cs->rtol, NULL));
  PetscCall(PetscOptionsInt("-condensed_max_it",
                            "most FGMRES iterations a linear solve (then IDA retries)", NULL,
                            cs->max_it, &cs->max_it, NULL));
  PetscCall(PetscOptionsInt("-condensed_min_cells",
                            "auto: one-rank 2D/3D meshes with at least this many control volumes "
                            "use the condensed solver",
                            NULL, cs->min_cells, &cs->min_cells, NULL));
  PetscCall(PetscOptionsEnum(
      "-condensed_collector",
      "the positive collector's comb in the condensed solver: eliminate (a boundary condition at "
      "one unknown potential, multigrid sees it) or layer (an exact solve of the last x columns "
      "after every multigrid sweep; also taken when the comb cannot be eliminated)",
      NULL, FvCollectorNames, (PetscEnum)cs->collector, (PetscEnum *)&cs->collector, NULL));
  PetscCall(PetscOptionsInt("-condensed_layer",
                            "x columns next to the positive collector (its comb lives in the last "
                            "two) solved exactly after every multigrid sweep of the condensed "
                            "solver (0: none)",
                            NULL, cs->layer, &cs->layer, NULL));
  PetscCall(PetscOptionsBool("-condensed_reuse_interpolation",
                             "GAMG of the condensed solver: keep the multigrid hierarchy's "
                             "prolongators across Jacobians (recompute the coarse operators only)",
                             NULL, cs->reuse_interp, &cs->reuse_interp, NULL));
  PetscCall(PetscOptionsBool("-condensed_view",
                             "print the condensed solver's iteration counts at the end of a run",
                             NULL, cs->view, &cs->view, NULL));
  PetscOptionsEnd();
  if (!(PetscIsNormalReal(cs->rtol) && cs->rtol > 0 && cs->rtol < 1)) {
    PetscCall(PetscFPrintf(cs->comm, PETSC_STDERR,
                           "fvcell: -fvcell_condensed_rtol %g: expected a number in (0, 1)\n",
                           (double)cs->rtol));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
  if (cs->max_it < 1 || cs->min_cells < 0 || cs->layer < 0) {
    PetscCall(PetscFPrintf(cs->comm, PETSC_STDERR,
                           "fvcell: -fvcell_condensed_max_it %" PetscInt_FMT
                           ", -fvcell_condensed_min_cells %" PetscInt_FMT
                           ", -fvcell_condensed_layer %" PetscInt_FMT
                           ": expected max_it >= 1, min_cells >= 0, layer >= 0\n",
                           cs->max_it, cs->min_cells, cs->layer));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
  switch (cs->kind) {
  case FV_P3D_DIRECT:
    cs->use = PETSC_FALSE;
    break;
  case FV_P3D_CONDENSED:
    if (cs->cross) { /* before any solve, on every rank alike */
      PetscCall(PetscFPrintf(cs->comm, PETSC_STDERR,
                             "fvcell: -fvcell_p3d_solver condensed: this model's temperature "
                             "couples neighbouring cells outside the condensed solver's fields; "
                             "use -fvcell_p3d_solver direct (or auto) with a thermal model\n"));
      PetscFunctionReturn(PETSC_ERR_USER);
    }
    cs->use = PETSC_TRUE;
    break;
  case FV_P3D_AUTO: /* measured in bench/results_p3d.md; a thermal model's unknowns couple across
                     * cells and cannot be condensed: direct */
    cs->use = (PetscBool)(cs->dim > 1 && cs->nl > 0 && !cs->cross &&
                          (cs->size > 1 || cs->ncells >= cs->min_cells));
    break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCondensedGetUse(FvCondensed cs, PetscBool *use) {
  PetscFunctionBeginUser;
  *use = cs->use;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCondensedGetInnerIterations(FvCondensed cs, PetscInt *its) {
  PetscFunctionBeginUser;
  *its = cs->its;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The blocks of A_ll: connected components of the pattern of the local unknowns' couplings, over
 * all owned cells (the stored pattern, zeros included: a later Jacobian cannot add entries). */
static PetscErrorCode Blocks(FvCondensed cs, Mat P, PetscInt rstart) {
  const PetscInt nf = cs->nf, nl = cs->nl, dof = cs->dof;
  PetscInt *root, *comp;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc2(nl, &root, nl, &comp));
  for (PetscInt k = 0; k < nl; k++)
    root[k] = k;
  for (PetscInt c = 0; c < cs->ncell; c++)
    for (PetscInt s = nf; s < dof; s++) {
      PetscInt ncols;
      const PetscInt *cols;
      PetscCall(MatGetRow(P, rstart + c * dof + s, &ncols, &cols, NULL));
      for (PetscInt e = 0; e < ncols; e++) {
        PetscInt t = cols[e] - rstart - c * dof, a = s - nf, b;
        if (t < nf || t >= dof) continue;
        b = t - nf;
        while (root[a] != a)
          a = root[a];
        while (root[b] != b)
          b = root[b];
        if (a != b) root[PetscMax(a, b)] = PetscMin(a, b);
      }
      PetscCall(MatRestoreRow(P, rstart + c * dof + s, &ncols, &cols, NULL));
    }
  cs->nb = 0;
  for (PetscInt k = 0; k < nl; k++) { /* component number of each unknown, in order of its root */
    PetscInt a = k;
    while (root[a] != a)
      a = root[a];
    comp[k] = a == k ? cs->nb++ : comp[a];
  }
  PetscCall(PetscMalloc3(cs->nb + 1, &cs->bofs, nl, &cs->perm, cs->nb + 1, &cs->lofs));
  PetscCall(PetscMalloc2(nl * nl, &cs->full, nl, &cs->tmp));
  cs->bofs[0] = cs->lofs[0] = 0;
  for (PetscInt b = 0, n = 0; b < cs->nb; b++) {
    PetscInt sz = 0;
    for (PetscInt k = 0; k < nl; k++)
      if (comp[k] == b) cs->perm[n++] = k, sz++;
    cs->bofs[b + 1] = cs->bofs[b] + sz;
    cs->lofs[b + 1] = cs->lofs[b] + sz * sz;
  }
  cs->lusz = cs->lofs[cs->nb];
  PetscCall(PetscFree2(root, comp));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* First set-up: per-cell storage, the field index set, S's pattern and the inner KSP. */
static PetscErrorCode Allocate(FvCondensed cs, Mat P) {
  PetscInt rstart, rend, *idx;
  const PetscInt nf = cs->nf, nl = cs->nl, dof = cs->dof;
  PetscFunctionBeginUser;
  PetscCall(MatGetOwnershipRange(P, &rstart, &rend));
  PetscCheck((rend - rstart) % dof == 0 && rstart % dof == 0, cs->comm, PETSC_ERR_ARG_SIZ,
             "condensed solver: rows %" PetscInt_FMT "-%" PetscInt_FMT
             " of this rank are not whole cells of %" PetscInt_FMT " unknowns",
             rstart, rend, dof);
  cs->ncell = (rend - rstart) / dof;
  PetscCall(Blocks(cs, P, rstart));
  PetscCall(PetscMalloc4(cs->ncell * cs->lusz, &cs->lu, cs->ncell * nl * nf, &cs->Z,
                         cs->ncell * nf * nl, &cs->Afl, cs->ncell * nl, &cs->piv));
  PetscCall(PetscMalloc1(cs->ncell * nf, &idx));
  for (PetscInt c = 0; c < cs->ncell; c++)
    for (PetscInt s = 0; s < nf; s++)
      idx[c * nf + s] = rstart + c * dof + s;
  PetscCall(ISCreateGeneral(cs->comm, cs->ncell * nf, idx, PETSC_OWN_POINTER, &cs->isf));
  PetscCall(ISSetBlockSize(cs->isf, nf));
  PetscCall(MatCreateSubMatrix(P, cs->isf, cs->isf, MAT_INITIAL_MATRIX, &cs->S));
  PetscCall(MatSetBlockSize(cs->S, nf));
  PetscCall(MatCreateVecs(cs->S, &cs->xf, &cs->gf));
  PetscCall(KSPSetOperators(cs->inner, cs->S, cs->S));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The cell's rows of P into lu (A_ll), Z (A_lf, to be overwritten) and Afl. */
static PetscErrorCode ReadCell(FvCondensed cs, Mat P, PetscInt base, PetscScalar *lu,
                               PetscScalar *Z, PetscScalar *Afl) {
  const PetscInt nf = cs->nf, nl = cs->nl, dof = cs->dof;
  PetscFunctionBeginUser;
  PetscCall(PetscArrayzero(lu, nl * nl));
  PetscCall(PetscArrayzero(Z, nl * nf));
  PetscCall(PetscArrayzero(Afl, nf * nl));
  for (PetscInt s = 0; s < dof; s++) {
    PetscInt ncols;
    const PetscInt *cols;
    const PetscScalar *vals;
    PetscCall(MatGetRow(P, base + s, &ncols, &cols, &vals));
    for (PetscInt e = 0; e < ncols; e++) {
      const PetscInt t = cols[e] - base;
      if (t < 0 || t >= dof) { /* another cell: only field-field couplings may cross */
        PetscCheck(s < nf && cols[e] % dof < nf, cs->comm, PETSC_ERR_SUP,
                   "condensed solver: unknown %" PetscInt_FMT
                   " of a cell couples to unknown %" PetscInt_FMT
                   " of another cell; only the first %" PetscInt_FMT
                   " may (-fvcell_p3d_solver direct)",
                   s, cols[e] % dof, nf);
        continue;
      }
      if (s >= nf && t >= nf)
        lu[(t - nf) * nl + (s - nf)] = vals[e];
      else if (s >= nf)
        Z[t * nl + (s - nf)] = vals[e];
      else if (t >= nf)
        Afl[(t - nf) * nf + s] = vals[e];
    }
    PetscCall(MatRestoreRow(P, base + s, &ncols, &cols, &vals));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CondensedSetUp(PC pc) {
  FvCondensed cs;
  Mat A, P;
  PetscInt rstart, sstart;
  PetscFunctionBeginUser;
  PetscCall(PCShellGetContext(pc, &cs));
  PetscCall(PCGetOperators(pc, &A, &P));
  if (!cs->S)
    PetscCall(Allocate(cs, P));
  else
    PetscCall(MatCreateSubMatrix(P, cs->isf, cs->isf, MAT_REUSE_MATRIX, &cs->S));
  PetscCall(MatGetOwnershipRange(P, &rstart, NULL));
  PetscCall(MatGetOwnershipRange(cs->S, &sstart, NULL));
  for (PetscInt c = 0; c < cs->ncell; c++) {
    PetscScalar *lu = cs->lu + c * cs->lusz, *Z = cs->Z + c * cs->nl * cs->nf;
    PetscScalar *Afl = cs->Afl + c * cs->nf * cs->nl, C[64], *Cw = C;
    PetscInt rows[8], *rw = rows;
    PetscCall(ReadCell(cs, P, rstart + c * cs->dof, cs->full, Z, Afl));
    for (PetscInt b = 0; b < cs->nb; b++) { /* copy out and factor every block */
      const PetscInt n = cs->bofs[b + 1] - cs->bofs[b], *p = cs->perm + cs->bofs[b];
      PetscScalar *a = lu + cs->lofs[b];
      PetscInt zero;
      for (PetscInt j = 0; j < n; j++)
        for (PetscInt i = 0; i < n; i++)
          a[j * n + i] = cs->full[p[j] * cs->nl + p[i]];
      zero = LUFactor(n, a, cs->piv + c * cs->nl + cs->bofs[b]);
      PetscCheck(!zero, cs->comm, PETSC_ERR_MAT_LU_ZRPVT,
                 "condensed solver: the local block of cell %" PetscInt_FMT
                 " is singular (zero pivot in its unknown %" PetscInt_FMT ")",
                 rstart / cs->dof + c, cs->nf + p[zero - 1]);
    }
    for (PetscInt t = 0; t < cs->nf; t++)
      BlockSolve(cs, lu, cs->piv + c * cs->nl, Z + t * cs->nl, cs->tmp);
    if (cs->nf > 8) PetscCall(PetscMalloc2(cs->nf * cs->nf, &Cw, cs->nf, &rw));
    for (PetscInt s = 0; s < cs->nf; s++) {
      rw[s] = sstart + c * cs->nf + s;
      for (PetscInt t = 0; t < cs->nf; t++) { /* C = -A_fl Z, row major for MatSetValues */
        PetscScalar v = 0;
        for (PetscInt k = 0; k < cs->nl; k++)
          v += Afl[k * cs->nf + s] * Z[t * cs->nl + k];
        Cw[s * cs->nf + t] = -v;
      }
    }
    PetscCall(MatSetValues(cs->S, cs->nf, rw, cs->nf, rw, Cw, ADD_VALUES));
    if (cs->nf > 8) PetscCall(PetscFree2(Cw, rw));
  }
  PetscCall(MatAssemblyBegin(cs->S, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(cs->S, MAT_FINAL_ASSEMBLY));
  PetscCall(KSPSetUp(cs->inner));
  if (!cs->nsetup) {
    /* the first time, set the multigrid up now (PCFIELDSPLIT would at its first application):
     * its levels exist then and have read their options, which the command line's check left to
     * this point (cli.h); a misspelt one ends the run here, before any solve */
    if (cs->fs) {
      KSP *sub;
      PetscInt n;
      PetscCall(PCSetUp(cs->fs));
      PetscCall(PCFieldSplitGetSubKSP(cs->fs, &n, &sub));
      PetscCall(KSPSetUp(sub[0]));
      PetscCall(PetscFree(sub));
    }
    PetscCall(FvCliCheckDeferredOptions(cs->comm));
  }
  cs->nsetup++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* After every outer solve: count its iterations. */
static PetscErrorCode CondensedPostSolve(PC pc, KSP ksp, Vec b, Vec x) {
  FvCondensed cs;
  PetscInt its;
  PetscFunctionBeginUser;
  (void)b, (void)x;
  PetscCall(PCShellGetContext(pc, &cs));
  PetscCall(KSPGetIterationNumber(ksp, &its));
  cs->nsolve++;
  cs->nouter += its;
  cs->maxouter = PetscMax(cs->maxouter, its);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* x = M^-1 r: eliminate the local unknowns cell by cell, solve S approximately, back-substitute. */
static PetscErrorCode CondensedApply(PC pc, Vec r, Vec x) {
  FvCondensed cs;
  const PetscScalar *ra, *xfa;
  PetscScalar *xa, *ga;
  PetscInt its;
  KSPConvergedReason why;
  PetscFunctionBeginUser;
  PetscCall(PCShellGetContext(pc, &cs));
  PetscCall(VecGetArrayRead(r, &ra));
  PetscCall(VecGetArray(x, &xa));
  PetscCall(VecGetArray(cs->gf, &ga));
  for (PetscInt c = 0; c < cs->ncell; c++) {
    const PetscScalar *rc = ra + c * cs->dof, *Afl = cs->Afl + c * cs->nf * cs->nl;
    PetscScalar *wl = xa + c * cs->dof + cs->nf; /* w_l in x's local slots */
    PetscCall(PetscArraycpy(wl, rc + cs->nf, cs->nl));
    BlockSolve(cs, cs->lu + c * cs->lusz, cs->piv + c * cs->nl, wl, cs->tmp);
    for (PetscInt s = 0; s < cs->nf; s++) {
      PetscScalar v = rc[s];
      for (PetscInt k = 0; k < cs->nl; k++)
        v -= Afl[k * cs->nf + s] * wl[k];
      ga[c * cs->nf + s] = v;
    }
  }
  PetscCall(VecRestoreArray(cs->gf, &ga));
  PetscCall(VecRestoreArrayRead(r, &ra));
  PetscCall(KSPSolve(cs->inner, cs->gf, cs->xf));
  PetscCall(KSPGetIterationNumber(cs->inner, &its));
  PetscCall(KSPGetConvergedReason(cs->inner, &why));
  cs->its += its;
  cs->napply++;
  cs->maxits = PetscMax(cs->maxits, its);
  if (why < 0) PetscCall(PCSetFailedReason(pc, PC_SUBPC_ERROR));
  PetscCall(VecGetArrayRead(cs->xf, &xfa));
  for (PetscInt c = 0; c < cs->ncell; c++) {
    const PetscScalar *Z = cs->Z + c * cs->nl * cs->nf, *xc = xfa + c * cs->nf;
    PetscScalar *xcell = xa + c * cs->dof;
    for (PetscInt s = 0; s < cs->nf; s++)
      xcell[s] = xc[s];
    for (PetscInt t = 0; t < cs->nf; t++)
      for (PetscInt k = 0; k < cs->nl; k++)
        xcell[cs->nf + k] -= Z[t * cs->nl + k] * xc[t];
  }
  PetscCall(VecRestoreArrayRead(cs->xf, &xfa));
  PetscCall(VecRestoreArray(x, &xa));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The collector layer (a PCSHELL after the field split, PCCOMPOSITE multiplicative): the field
 * unknowns of the last cs->layer x columns by LU. The comb (docs/model.md §13) ties phi_s of the
 * last column to one equipotential through unknowns that multigrid cannot see (a saddle point);
 * the layer is a 2D problem (layer x ny x nz cells), cheap to factor. Only the ranks that own
 * layer cells take part: each gathers the whole layer (one scatter of the right-hand side an
 * application, built once) and keeps its own cells' part of the solution, so no result travels
 * back, and with the usual cut across x (the layer on one rank) nothing travels at all. The
 * rank's rows are found once; a new Jacobian re-reads the values only (MAT_REUSE_MATRIX). */
static PetscErrorCode LayerSetUp(PC pc) {
  FvCondensed cs;
  Mat A, P;
  PetscFunctionBeginUser;
  PetscCall(PCShellGetContext(pc, &cs));
  PetscCall(PCGetOperators(pc, &A, &P));
  if (!cs->Sl) {
    const FvMesh *g = cs->mesh;
    PetscInt n      = 0, nall, sstart, *idx;
    IS isown, isall;
    Vec r;
    Mat *sub;
    PetscCall(MatGetOwnershipRange(P, &sstart, NULL));
    PetscCall(PetscMalloc1(FvMeshNOwned(g) * cs->nf, &idx));
    for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
      for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
        for (PetscInt i = PetscMax(g->xs, g->M - cs->layer); i < g->xs + g->xm; i++)
          for (PetscInt s = 0; s < cs->nf; s++)
            idx[n++] = sstart + FvMeshOwned(g, i, j, k) * cs->nf + s;
    PetscCall(ISCreateGeneral(cs->comm, n, idx, PETSC_COPY_VALUES, &isown));
    PetscCall(ISAllGather(isown, &isall)); /* rank order: sorted, this rank's part at loff */
    PetscCall(ISDestroy(&isown));
    cs->loff = 0;
    PetscCallMPI(MPI_Exscan(&n, &cs->loff, 1, MPIU_INT, MPI_SUM, cs->comm));
    if (!n) cs->loff = 0; /* MPI_Exscan leaves rank 0's result undefined */
    for (PetscInt k = 0; k < n; k++)
      idx[k] -= sstart;
    cs->nlay   = n;
    cs->lidx   = idx;
    cs->lsolve = (PetscBool)(n > 0);
    if (!cs->lsolve) { /* takes part in the collective calls with an empty layer */
      PetscCall(ISDestroy(&isall));
      PetscCall(ISCreateGeneral(PETSC_COMM_SELF, 0, NULL, PETSC_COPY_VALUES, &isall));
    }
    PetscCall(ISGetLocalSize(isall, &nall));
    PetscCall(MatCreateSubMatrices(P, 1, &isall, &isall, MAT_INITIAL_MATRIX, &sub));
    cs->Sl = sub[0];
    PetscCall(PetscFree(sub));
    PetscCall(VecCreateSeq(PETSC_COMM_SELF, nall, &cs->lr));
    PetscCall(VecDuplicate(cs->lr, &cs->lx));
    PetscCall(MatCreateVecs(P, &r, NULL));
    PetscCall(VecScatterCreate(r, isall, cs->lr, NULL, &cs->lsct));
    PetscCall(VecDestroy(&r));
    cs->lis = isall;
  } else {
    Mat *sub = &cs->Sl;
    PetscCall(MatCreateSubMatrices(P, 1, &cs->lis, &cs->lis, MAT_REUSE_MATRIX, &sub));
  }
  if (cs->lsolve) {
    PetscCall(KSPSetOperators(cs->lksp, cs->Sl, cs->Sl));
    PetscCall(KSPSetUp(cs->lksp));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode LayerApply(PC pc, Vec r, Vec x) {
  FvCondensed cs;
  PetscFunctionBeginUser;
  PetscCall(PCShellGetContext(pc, &cs));
  PetscCall(VecSet(x, 0));
  PetscCall(VecScatterBegin(cs->lsct, r, cs->lr, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(cs->lsct, r, cs->lr, INSERT_VALUES, SCATTER_FORWARD));
  if (cs->lsolve) {
    const PetscScalar *la;
    PetscScalar *xa;
    KSPConvergedReason why;
    PetscCall(KSPSolve(cs->lksp, cs->lr, cs->lx));
    PetscCall(KSPGetConvergedReason(cs->lksp, &why));
    if (why < 0) PetscCall(PCSetFailedReason(pc, PC_SUBPC_ERROR));
    PetscCall(VecGetArrayRead(cs->lx, &la));
    PetscCall(VecGetArray(x, &xa));
    for (PetscInt k = 0; k < cs->nlay; k++)
      xa[cs->lidx[k]] = la[cs->loff + k];
    PetscCall(VecRestoreArray(x, &xa));
    PetscCall(VecRestoreArrayRead(cs->lx, &la));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The field split: the potentials (elliptic) by algebraic multigrid, the concentration (mass
 * dominated) by ILU, the FV_CUR slots by point Jacobi when they are identities (the comb
 * eliminated, or left to the layer solve) or else by LU (the comb is a tree). Its options carry
 * the prefix fvcell_condensed_fields_ on either way of solving the comb. */
static PetscErrorCode FieldSplitSetUp(FvCondensed cs, PC ipc, PetscBool diagonal_i) {
  const PetscInt pot[2] = {FV_PHIE, FV_PHIS}, con[1] = {FV_C}, cur[1] = {FV_CUR};
  KSP *sub;
  PC spc;
  PetscInt nsplit;
  PetscFunctionBeginUser;
  PetscCall(PCSetOptionsPrefix(ipc, "fvcell_condensed_fields_"));
  PetscCall(PCSetType(ipc, PCFIELDSPLIT));
  cs->fs = ipc;
  PetscCall(PCFieldSplitSetBlockSize(ipc, cs->nf));
  PetscCall(PCFieldSplitSetFields(ipc, "p", 2, pot, pot));
  PetscCall(PCFieldSplitSetFields(ipc, "c", 1, con, con));
  PetscCall(PCFieldSplitSetFields(ipc, "i", 1, cur, cur));
  PetscCall(PCFieldSplitSetType(ipc, PC_COMPOSITE_MULTIPLICATIVE));
  PetscCall(PCFieldSplitGetSubKSP(ipc, &nsplit, &sub));
  PetscCall(KSPGetPC(sub[0], &spc));
  if (cs->amg == FV_AMG_HYPRE) {
    PetscCall(PCSetType(spc, PCHYPRE));
    PetscCall(PCHYPRESetType(spc, "boomeramg"));
  } else {
    PetscCall(PCSetType(spc, PCGAMG));
    /* a new Jacobian keeps the aggregates and prolongators of the first and recomputes the
     * Galerkin coarse operators only: the pattern of S never changes */
    PetscCall(PCGAMGSetReuseInterpolation(spc, cs->reuse_interp));
  }
  PetscCall(KSPGetPC(sub[1], &spc));
  PetscCall(PCSetType(spc, PCBJACOBI)); /* ILU(0) a rank */
  PetscCall(KSPGetPC(sub[2], &spc));
  if (diagonal_i)
    PetscCall(PCSetType(spc, PCJACOBI));
  else {
    PetscCall(PCSetType(spc, PCLU));
    PetscCall(PCFactorSetMatSolverType(spc, cs->size > 1 ? MATSOLVERMUMPS : MATSOLVERUMFPACK));
  }
  /* read the splits' options now (PCFIELDSPLIT would at its set-up), so that -help lists them
   * and the command line's check of unused options accepts them */
  for (PetscInt i = 0; i < nsplit; i++)
    PetscCall(KSPSetFromOptions(sub[i]));
  PetscCall(PetscFree(sub));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The layer preconditioner of S: the field split, then the exact solve of the last layer x
 * columns (PCCOMPOSITE, multiplicative); without a layer the field split alone. */
static PetscErrorCode LayerPCBuild(FvCondensed cs, PC ipc) {
  PC fs, lay, lpc;
  PetscFunctionBeginUser;
  if (cs->layer == 0) {
    PetscCall(FieldSplitSetUp(cs, ipc, PETSC_FALSE));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(PCSetType(ipc, PCCOMPOSITE));
  PetscCall(PCCompositeSetType(ipc, PC_COMPOSITE_MULTIPLICATIVE));
  PetscCall(PCCompositeAddPCType(ipc, PCFIELDSPLIT));
  PetscCall(PCCompositeAddPCType(ipc, PCSHELL));
  PetscCall(PCCompositeGetPC(ipc, 0, &fs));
  PetscCall(FieldSplitSetUp(cs, fs, PETSC_TRUE)); /* the layer solve handles the comb exactly */
  PetscCall(PCCompositeGetPC(ipc, 1, &lay));
  PetscCall(PCShellSetContext(lay, cs));
  PetscCall(PCShellSetName(lay, "fvcell collector layer: LU of the last x columns"));
  PetscCall(PCShellSetSetUp(lay, LayerSetUp));
  PetscCall(PCShellSetApply(lay, LayerApply));
  PetscCall(KSPCreate(PETSC_COMM_SELF, &cs->lksp)); /* LayerSetUp says why */
  PetscCall(KSPSetOptionsPrefix(cs->lksp, "fvcell_condensed_layer_"));
  PetscCall(KSPSetType(cs->lksp, KSPPREONLY));
  PetscCall(KSPGetPC(cs->lksp, &lpc));
  PetscCall(PCSetType(lpc, PCLU));
  PetscCall(PCFactorSetMatSolverType(lpc, MATSOLVERUMFPACK));
  PetscCall(KSPSetFromOptions(cs->lksp));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The comb eliminated (a PCSHELL on S): set-up reads the comb and builds the comb-free operator,
 * sets up the field split on it and solves for the border; a model whose comb rows are not
 * eliminable gets the layer preconditioner instead, decided at the first set-up. */
static PetscErrorCode CombSetUp(PC pc) {
  FvCondensed cs;
  PetscBool ok;
  Mat A;
  PetscFunctionBeginUser;
  PetscCall(PCShellGetContext(pc, &cs));
  if (!cs->legacy) {
    PetscCall(FvCombSetUp(cs->comb, cs->S, &ok));
    PetscCheck(ok || !cs->nsetup, cs->comm, PETSC_ERR_PLIB,
               "condensed solver: the collector comb's rows changed form after the first Jacobian");
    if (!ok) {
      PetscCall(PCCreate(cs->comm, &cs->legacy));
      PetscCall(LayerPCBuild(cs, cs->legacy));
    }
  }
  if (cs->legacy) {
    PetscCall(PCSetOperators(cs->legacy, cs->S, cs->S));
    PetscCall(PCSetUp(cs->legacy));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(FvCombGetOperator(cs->comb, &A));
  PetscCall(KSPSetOperators(cs->fksp, A, A));
  PetscCall(KSPSetUp(cs->fksp));
  PetscCall(FvCombSetUpBorder(cs->comb, cs->fksp));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CombApply(PC pc, Vec r, Vec x) {
  FvCondensed cs;
  PC fpc;
  PetscFunctionBeginUser;
  PetscCall(PCShellGetContext(pc, &cs));
  if (cs->legacy) {
    PetscCall(PCApply(cs->legacy, r, x));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(KSPGetPC(cs->fksp, &fpc));
  PetscCall(FvCombApply(cs->comb, fpc, r, x));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCondensedSetUpKSP(FvCondensed cs, KSP ksp) {
  PC pc, ipc;
  PetscFunctionBeginUser;
  /* the outer KSP applies the condensation once: the Krylov method runs on S (4 unknowns a cell
   * instead of dof), which keeps its vectors and orthogonalisation small */
  PetscCall(KSPSetType(ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCSetType(pc, PCSHELL));
  PetscCall(PCShellSetContext(pc, cs));
  PetscCall(
      PCShellSetName(pc, "fvcell condensation: per-cell LU of the local unknowns, Krylov on S"));
  PetscCall(PCShellSetSetUp(pc, CondensedSetUp));
  PetscCall(PCShellSetApply(pc, CondensedApply));
  PetscCall(PCShellSetPostSolve(pc, CondensedPostSolve));
  PetscCall(KSPCreate(cs->comm, &cs->inner));
  PetscCall(KSPSetOptionsPrefix(cs->inner, "fvcell_condensed_"));
  PetscCall(KSPSetType(cs->inner, KSPFGMRES));
  PetscCall(KSPSetTolerances(cs->inner, cs->rtol, 1e-50, PETSC_DEFAULT, cs->max_it));
  PetscCall(KSPGetPC(cs->inner, &ipc));
  if (cs->nf == FV_NFIELD_SLOTS && cs->collector == FV_COLLECTOR_ELIMINATE && cs->dim > 1) {
    PC fpc;
    PetscCall(PCSetType(ipc, PCSHELL));
    PetscCall(PCShellSetContext(ipc, cs));
    PetscCall(PCShellSetName(ipc, "fvcell collector comb eliminated: field split on the comb-free "
                                  "operator, Schur complement of the collector potential"));
    PetscCall(PCShellSetSetUp(ipc, CombSetUp));
    PetscCall(PCShellSetApply(ipc, CombApply));
    PetscCall(FvCombCreate(cs->comm, cs->mesh, cs->nf, &cs->comb));
    /* the border z = A^-1 u once a Jacobian, to 1e-6: the same Krylov iterations as 1e-10 at
     * 30 x 16 x 16 cells (9.42 against 9.41 a solve) and half the border's cost; 1e-4 gave 11.6 */
    PetscCall(KSPCreate(cs->comm, &cs->fksp));
    PetscCall(KSPSetOptionsPrefix(cs->fksp, "fvcell_condensed_fields_"));
    PetscCall(KSPSetType(cs->fksp, KSPFGMRES));
    PetscCall(KSPSetTolerances(cs->fksp, 1e-6, 1e-50, PETSC_DEFAULT, cs->max_it));
    PetscCall(KSPGetPC(cs->fksp, &fpc));
    PetscCall(FieldSplitSetUp(cs, fpc, PETSC_TRUE));
    PetscCall(KSPSetFromOptions(cs->fksp));
  } else if (cs->nf == FV_NFIELD_SLOTS)
    PetscCall(LayerPCBuild(cs, ipc));
  else if (cs->amg == FV_AMG_HYPRE) {
    PetscCall(PCSetType(ipc, PCHYPRE));
    PetscCall(PCHYPRESetType(ipc, "boomeramg"));
  } else
    PetscCall(PCSetType(ipc, PCGAMG));
  PetscCall(KSPSetFromOptions(cs->inner));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCondensedDestroy(FvCondensed *pcs) {
  FvCondensed cs = *pcs;
  PetscFunctionBeginUser;
  if (!cs) PetscFunctionReturn(PETSC_SUCCESS);
  if (cs->view && cs->napply > 0)
    PetscCall(PetscPrintf(
        cs->comm,
        "condensed solver: %" PetscInt_FMT " linear solves (%" PetscInt_FMT
        " outer iterations), %" PetscInt_FMT " condensations, %" PetscInt_FMT
        " Krylov iterations on S (%.2f a solve, at most %" PetscInt_FMT "), %" PetscInt_FMT
        " set-ups; %" PetscInt_FMT " local blocks a cell (%" PetscInt_FMT " of %" PetscInt_FMT
        " entries stored); the collector comb %s\n",
        cs->nsolve, cs->nouter, cs->napply, cs->its, (double)cs->its / (double)cs->napply,
        cs->maxits, cs->nsetup, cs->nb, cs->lusz, cs->nl * cs->nl,
        cs->comb && !cs->legacy ? "eliminated" : "in the layer solve"));
  PetscCall(KSPDestroy(&cs->inner));
  PetscCall(KSPDestroy(&cs->fksp));
  PetscCall(PCDestroy(&cs->legacy));
  PetscCall(FvCombDestroy(&cs->comb));
  PetscCall(KSPDestroy(&cs->lksp));
  PetscCall(MatDestroy(&cs->Sl));
  PetscCall(ISDestroy(&cs->lis));
  PetscCall(VecDestroy(&cs->lr));
  PetscCall(VecDestroy(&cs->lx));
  PetscCall(VecScatterDestroy(&cs->lsct));
  PetscCall(PetscFree(cs->lidx));
  PetscCall(MatDestroy(&cs->S));
  PetscCall(VecDestroy(&cs->gf));
  PetscCall(VecDestroy(&cs->xf));
  PetscCall(ISDestroy(&cs->isf));
  PetscCall(PetscFree4(cs->lu, cs->Z, cs->Afl, cs->piv));
  PetscCall(PetscFree3(cs->bofs, cs->perm, cs->lofs));
  PetscCall(PetscFree2(cs->full, cs->tmp));
  PetscCall(PetscFree(*pcs));
  PetscFunctionReturn(PETSC_SUCCESS);
}
