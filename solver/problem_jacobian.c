/* problem_jacobian.c -- the analytic Jacobian dF/dy + cj dF/dy' of FvProblemResidual.
 *
 * Owns: FvProblemJacobian, the same loop over the registered modules (module.h) as the residual
 * of problem.c: each module's face hook fills its face quantities' derivatives with respect to
 * the face columns of the face's two cells, and each module's jacobian hook (next to its residual
 * hook, in its own file) adds its rows' derivatives to a dense local block of the cell (its own
 * dof and the face columns of its six face neighbours). The block is then inserted row by row
 * into the matrix preallocated by DMCreateMatrix with the dfill/ofill the modules declared;
 * entries outside that pattern must be zero, and a nonzero one is an error (a coupling the
 * declarations miss), never dropped silently.
 */
#include <math.h>
#include "module.h"

struct _p_FvJacWork {
  PetscReal *B;     /* dof rows x W columns */
  PetscInt W;       /* dof + (FV_NB_N - 1) nfc */
  PetscReal *dheat; /* the cell's heat term derivative (W) */
  MatStencil *cols;
  PetscScalar *vals;
};

PetscErrorCode FvProblemJacobianWorkDestroy(FvProblem *p) {
  struct _p_FvJacWork *w = p->jw;
  PetscFunctionBeginUser;
  if (!w) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscFree2(w->B, w->dheat));
  PetscCall(PetscFree2(w->cols, w->vals));
  PetscCall(PetscFree(p->jw));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode WorkCreate(FvProblem *p) {
  const PetscInt dof = p->model.dof;
  struct _p_FvJacWork *w;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&w));
  w->W = dof + (FV_NB_N - 1) * p->layout->nfc;
  PetscCall(PetscMalloc2(dof * w->W, &w->B, w->W, &w->dheat));
  PetscCall(PetscMalloc2(w->W, &w->cols, w->W, &w->vals));
  p->jw = w;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Insert the block of cell c: the cell's pattern and its existing face neighbours; *outside
 * counts nonzero entries the pattern lacks. */
static PetscErrorCode InsertBlock(FvProblem *p, const FvCell *c, const FvBlock *b, Mat J,
                                  PetscInt *outside) {
  const FvMesh *g         = &p->mesh;
  struct _p_FvJacWork *wk = p->jw;
  const PetscInt dof = b->dof, i = c->i, j = c->j, k = c->k;
  const PetscBool has[FV_NB_N]   = {PETSC_TRUE,
                                    (PetscBool)(i > 0),
                                    (PetscBool)(i < g->M - 1),
                                    (PetscBool)(g->dim >= 2 && j > 0),
                                    (PetscBool)(g->dim >= 2 && j < g->ny - 1),
                                    (PetscBool)(g->dim >= 3 && k > 0),
                                    (PetscBool)(g->dim >= 3 && k < g->nz - 1)};
  const PetscInt off[FV_NB_N][3] = {{0, 0, 0}, {-1, 0, 0}, {1, 0, 0}, {0, -1, 0},
                                    {0, 1, 0}, {0, 0, -1}, {0, 0, 1}};
  PetscFunctionBeginUser;
  for (PetscInt row = 0; row < dof; row++) {
    const PetscReal *br = b->B + row * b->W;
    MatStencil rs       = {.k = k, .j = j, .i = i, .c = row};
    PetscInt nc         = 0;
    for (PetscInt col = 0; col < dof; col++) {
      if (!p->dfill || p->dfill[row * dof + col]) {
        wk->cols[nc]   = (MatStencil){.k = k, .j = j, .i = i, .c = col};
        wk->vals[nc++] = br[col];
      } else if (br[col] != 0)
        (*outside)++;
    }
    for (PetscInt nb = 1; nb < FV_NB_N; nb++)
      for (PetscInt v = 0; v < b->nfc; v++) {
        const PetscInt u    = b->fslot[v];
        const PetscReal val = br[FvBlockCol(b, nb, u)];
        if (has[nb] && (!p->ofill || p->ofill[row * dof + u])) {
          wk->cols[nc] =
              (MatStencil){.k = k + off[nb][2], .j = j + off[nb][1], .i = i + off[nb][0], .c = u};
          wk->vals[nc++] = val;
        } else if (val != 0)
          (*outside)++;
      }
    PetscCall(MatSetValuesStencil(J, 1, &rs, nc, wk->cols, wk->vals, INSERT_VALUES));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemJacobian(FvProblem *p, PetscReal t, Vec Y, Vec Yp, PetscReal cj, Mat J,
                                 PetscBool *bad) {
  const FvMesh *g = &p->mesh;
  FvEval e        = {.t = t, .jac = PETSC_TRUE, .cj = cj, .err = 0};
  struct _p_FvJacWork *wk;
  FvBlock b;
  PetscInt outside = 0;
  PetscFunctionBeginUser;
  if (!p->jw) PetscCall(WorkCreate(p));
  wk      = p->jw;
  b.B     = wk->B;
  b.W     = wk->W;
  b.dof   = p->model.dof;
  b.nfc   = p->layout->nfc;
  b.fcol  = p->fcol;
  b.fslot = p->layout->fc_slot;
  PetscCall(FvProblemStateGet(p, Y, &e.yl));
  PetscCall(VecGetArrayRead(Yp, &e.ypa));
  PetscCall(MatZeroEntries(J));
  for (PetscInt mi = 0; mi < p->nmod; mi++)
    if (p->mod[mi]->prepare) PetscCall(p->mod[mi]->prepare(p, &e, p->mdata[mi]));
  if (e.err) goto done;
  PetscCall(FvProblemPassFaces(p, &e));
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        FvCell c;
        PetscCall(FvProblemPassCell(p, &e, i, j, k, &c));
        PetscCall(PetscArrayzero(b.B, b.dof * b.W));
        if (p->layout->heat) {
          PetscCall(PetscArrayzero(wk->dheat, b.W));
          c.dheat = wk->dheat;
        }
        for (PetscInt mi = 0; mi < p->nmod && !e.err; mi++)
          if (p->mod[mi]->jacobian) PetscCall(p->mod[mi]->jacobian(p, &e, &c, &b, p->mdata[mi]));
        if (e.err) goto done;
        PetscCall(InsertBlock(p, &c, &b, J, &outside));
      }
done:
  PetscCall(FvProblemStateRestore(p, Y, &e.yl));
  PetscCall(VecRestoreArrayRead(Yp, &e.ypa));
  PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  PetscCheck(!outside, PETSC_COMM_SELF, PETSC_ERR_PLIB,
             "analytic Jacobian: %" PetscInt_FMT
             " nonzero entries fall outside the preallocated pattern (a coupling the modules' "
             "layout declarations miss)",
             outside);
  *bad = e.err ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(PETSC_SUCCESS);
}
