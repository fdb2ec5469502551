/* example_module.c -- the worked example of docs/modules.md, compiled and checked.
 *
 * A passive scalar u in every cell: it diffuses between face neighbours with diffusivity D_u and
 * relaxes at rate k towards the local potential difference phi_s - phi_e in electrode cells (and
 * towards 0 elsewhere):
 *   h du/dt + div(-D_u grad u) = k h (phi_s - phi_e - u)   (electrode), k h (0 - u) (otherwise).
 * It has no physical meaning; it exercises every part of the interface a new physics module uses:
 * an appended per-cell unknown, a face quantity with its coupling across faces, reading other
 * modules' unknowns (phi_s, phi_e) and their Jacobian entries, id, tolerance, initial state.
 * test_jacobian -example_module runs it after the registered modules and checks its Jacobian.
 */
#include "module.h"
#include "example_module.h"

#define D_U 1e-6 /* m2 s-1; large enough that its rows are not negligible against the matrix */
#define K_U 10.0 /* s-1 */

typedef struct {
  PetscInt u;  /* the slot of u in a cell */
  PetscInt fq; /* the face quantity: the flux of u */
} Example;

static PetscErrorCode Layout(FvProblem *p, FvLayout *L, void **data) {
  Example *x;
  (void)p;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&x));
  PetscCall(FvLayoutAddSlots(L, "u", 1, &x->u));
  PetscCall(FvLayoutAddFaceQuantity(L, "u_flux", &x->fq));
  PetscCall(FvLayoutCoupleFace(L, x->u, x->u));    /* the flux sees the neighbour's u */
  PetscCall(FvLayoutCoupleCell(L, x->u, FV_PHIS)); /* the source reads phi_s and phi_e */
  PetscCall(FvLayoutCoupleCell(L, x->u, FV_PHIE));
  *data = x;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Destroy(FvProblem *p, void *data) {
  (void)p;
  PetscFunctionBeginUser;
  PetscCall(PetscFree(data));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* flux = -D_u (u_R - u_L) / (distance of the centres); boundary faces are closed */
static PetscErrorCode Face(FvProblem *p, FvEval *e, FvFaceData *f, void *data) {
  const Example *x   = data;
  const PetscInt dof = p->model.dof, nfc = p->layout->nfc, cu = p->fcol[x->u];
  const PetscReal dx = 0.5 * (f->hL + f->hR);
  PetscFunctionBeginUser;
  if (f->side) PetscFunctionReturn(PETSC_SUCCESS);
  f->q[x->fq] = -D_U * (e->yl[f->R * dof + x->u] - e->yl[f->L * dof + x->u]) / dx;
  if (e->jac) {
    f->dq[(x->fq * 2 + 0) * nfc + cu] = D_U / dx;  /* d flux / d u_L */
    f->dq[(x->fq * 2 + 1) * nfc + cu] = -D_U / dx; /* d flux / d u_R */
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Residual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data) {
  const Example *x      = data;
  const PetscScalar *y  = c->y;
  const PetscReal drive = c->r->electrode ? y[FV_PHIS] - y[FV_PHIE] : 0;
  (void)e;
  PetscFunctionBeginUser;
  f[x->u] = c->h * c->yp[x->u] + FvCellDivergence(p, c, x->fq) - K_U * c->h * (drive - y[x->u]);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* the same rows differentiated: dF/dy + cj dF/dy' */
static PetscErrorCode Jacobian(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data) {
  const Example *x = data;
  PetscFunctionBeginUser;
  *FvBlockAt(b, x->u, x->u) += e->cj * c->h + K_U * c->h;
  FvCellDivergenceJacobian(p, c, b, x->u, x->fq, 1.0);
  if (c->r->electrode) {
    *FvBlockAt(b, x->u, FV_PHIS) -= K_U * c->h;
    *FvBlockAt(b, x->u, FV_PHIE) += K_U * c->h;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SetId(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  (void)p;
  (void)c;
  v[((const Example *)data)->u] = 1; /* differential */
  return PETSC_SUCCESS;
}

static PetscErrorCode AbsTol(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                             void *data) {
  (void)p;
  (void)c;
  v[((const Example *)data)->u] = rtol; /* u is of order 1 V */
  return PETSC_SUCCESS;
}

const FvModule FvModuleExample = {.name     = "example",
                                  .layout   = Layout,
                                  .destroy  = Destroy,
                                  .face     = Face,
                                  .residual = Residual,
                                  .jacobian = Jacobian,
                                  .set_id   = SetId,
                                  .abstol   = AbsTol};
