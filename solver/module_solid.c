/* module_solid.c -- electronic conduction in the solid phase of the electrodes.
 *
 * Owns: the phi_s row, div i_s (+ the reaction source the particle module adds) in electrode
 * cells and an identity elsewhere (docs/model.md §5), and the face current i_s = -sigma_eff
 * grad phi_s with the conductivities of the two half cells in series; its boundary conditions
 * (docs/model.md §11): phi_s = 0 at the negative collector through the half cell next to it, the
 * collector current I of the last cell (module_collector.c) through the positive collector face,
 * no electronic current into the separator or into a metal electrode's face. When a module
 * consumes the heat (docs/modules.md §5): the ohmic heat of the solid (docs/thermal.md (T2), (T3))
 * of each cell's faces, split by the half-cell resistances h/sigma_eff, and the two collectors'
 * half cells (the grounded negative's, the positive's carrying I), with their derivatives.
 */
#include <math.h>
#include "heat_profile.h"
#include "module.h"

/* d i_s/d phi_s of the left and right cells of a face with series resistance rs */
static void SetFace(FvFaceData *f, PetscInt nfc, PetscInt col, PetscReal dL, PetscReal dR) {
  f->dq[(FV_FQ_IS * 2 + 0) * nfc + col] = dL;
  f->dq[(FV_FQ_IS * 2 + 1) * nfc + col] = dR;
}

static PetscErrorCode Face(FvProblem *p, FvEval *e, FvFaceData *f, void *data) {
  const FvModel *m   = &p->model;
  const FvMesh *g    = &p->mesh;
  const PetscInt dof = m->dof, nfc = p->layout->nfc, cs = p->fcol[FV_PHIS];
  const PetscScalar *y = e->yl;
  (void)data;
  PetscFunctionBeginUser;
  if (f->dir == 0 && f->side == -1) {
    if (!m->reg[FV_NEG].metal) { /* phi_s = 0 at x = 0 */
      const PetscReal rs = 0.5 * g->h[0] / p->props[f->R].sigma_eff;
      f->q[FV_FQ_IS]     = -y[f->R * dof + FV_PHIS] / rs;
      if (e->jac) SetFace(f, nfc, cs, 0, -1 / rs);
    }
  } else if (f->dir == 0 && f->side == 1) {
    if (!m->reg[FV_POS].metal) { /* the collector current leaves */
      f->q[FV_FQ_IS] = y[f->L * dof + FV_CUR];
      if (e->jac) f->dq[(FV_FQ_IS * 2 + 0) * nfc + p->fcol[FV_CUR]] = 1;
    }
  } else if (!f->side) {
    /* x: both cells in the same electrode; y, z: the column's region */
    const PetscBool conducts = f->dir == 0 ? (PetscBool)(g->region[f->i - 1] == g->region[f->i] &&
                                                         m->reg[g->region[f->i]].electrode)
                                           : m->reg[g->region[f->i]].electrode;
    if (conducts) {
      const PetscReal rs =
          0.5 * f->hL / p->props[f->L].sigma_eff + 0.5 * f->hR / p->props[f->R].sigma_eff;
      f->q[FV_FQ_IS] = -(y[f->R * dof + FV_PHIS] - y[f->L * dof + FV_PHIS]) / rs;
      if (e->jac) SetFace(f, nfc, cs, 1 / rs, -1 / rs);
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The cell's share of the ohmic heat of the solid (b: and its derivatives). Interior faces carry
 * i_s only within an electrode (Face); the collector faces are half cells of width h/2. */
static void Heat(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b) {
  const FvModel *m = &p->model;
  const FvMesh *g  = &p->mesh;
  if (!c->r->electrode) return;
  for (int fi = 0; fi < 2 * g->dim; fi++) {
    const FvFaceData *f = c->face[fi];
    if (!f || f->side) continue;
    if (f->dir == 0 && g->region[f->i - 1] != g->region[f->i]) continue; /* no i_s */
    FvCellHeatFace(p, e, c, b, fi, FV_FQ_IS, FV_PHIS, p->props[f->L].sigma_eff,
                   p->props[f->R].sigma_eff, NULL, NULL);
  }
  if (c->i == 0 && !m->reg[FV_NEG].metal) { /* phi_s = 0 at x = 0: (phi_s)^2 / r */
    const PetscReal rs = 0.5 * c->h / c->cp->sigma_eff, ps = c->y[FV_PHIS];
    c->heat += FvHeatFace(-ps / rs, 0.0, ps);
    if (b && c->dheat) c->dheat[FV_PHIS] += 2 * ps / rs;
  }
  if (c->i == g->M - 1 && !m->reg[FV_POS].metal) { /* I leaves through the last half cell: I^2 r */
    const PetscReal rs = 0.5 * c->h / c->cp->sigma_eff, cur = c->y[FV_CUR], ps = c->y[FV_PHIS];
    c->heat += FvHeatFace(cur, ps, ps - cur * rs);
    if (b && c->dheat) c->dheat[FV_CUR] += 2 * cur * rs;
  }
}

/* The heat row sees phi_s of the cell and its face neighbours and the collector current. (The
 * electronic conductivity does not depend on T.) */
static PetscErrorCode Couple(FvProblem *p, FvLayout *L, void *data) {
  (void)p;
  (void)data;
  PetscFunctionBeginUser;
  if (L->heat && L->heat_row >= 0) {
    PetscCall(FvLayoutCoupleCell(L, L->heat_row, FV_PHIS));
    PetscCall(FvLayoutCoupleCell(L, L->heat_row, FV_CUR));
    PetscCall(FvLayoutCoupleFace(L, L->heat_row, FV_PHIS));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Residual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data) {
  (void)data;
  PetscFunctionBeginUser;
  if (p->layout->heat) Heat(p, e, c, NULL);
  if (c->r->electrode)
    f[FV_PHIS] = FvCellDivergence(p, c, FV_FQ_IS);
  else
    f[FV_PHIS] = c->y[FV_PHIS];
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Jacobian(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data) {
  (void)data;
  PetscFunctionBeginUser;
  if (c->r->electrode)
    FvCellDivergenceJacobian(p, c, b, FV_PHIS, FV_FQ_IS, 1.0);
  else
    *FvBlockAt(b, FV_PHIS, FV_PHIS) = 1;
  if (p->layout->heat) Heat(p, e, c, b);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode AbsTol(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                             void *data) {
  (void)p;
  (void)c;
  (void)data;
  v[FV_PHIS] = rtol; /* 1 V */
  return PETSC_SUCCESS;
}

/* 0 in the negative, the open-circuit voltage in the positive */
static PetscErrorCode Guess(FvProblem *p, const FvGuess *gs, const FvCell *c, PetscScalar *v,
                            void *data) {
  const PetscInt rg = p->mesh.region[c->i];
  (void)data;
  v[FV_PHIS] = rg == FV_NEG ? 0 : (rg == FV_POS ? gs->V : 0);
  return PETSC_SUCCESS;
}

static PetscErrorCode Fields(FvProblem *p, const FvCell *c, PetscReal *fields[], void *data) {
  (void)p;
  (void)data;
  fields[FV_FIELD_PHIS][c->q] = c->r->electrode ? c->y[FV_PHIS] : NAN;
  return PETSC_SUCCESS;
}

const FvModule FvModuleSolid = {.name     = "solid",
                                .couple   = Couple,
                                .face     = Face,
                                .residual = Residual,
                                .jacobian = Jacobian,
                                .abstol   = AbsTol,
                                .guess    = Guess,
                                .fields   = Fields};
