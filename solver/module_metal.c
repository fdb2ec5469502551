/* module_metal.c -- metal | electrolyte interfaces (Li, Na, K, Mg foil electrodes).
 *
 * Owns: a metal electrode is a planar interface at x = 0 or x = L instead of a porous region
 * (docs/model.md §9). The boundary cell's interface-current unknown (FV_JN, unused in separator
 * cells) is the metal's anodic current density j, with the Butler-Volmer equation (U = 0, over
 * the contacting fraction of the face, with its film) as its row; the electrolyte face carries
 * that current and the matching cation flux N = i_e/(z+ nu+ F); the face values of c and phi_e
 * are extrapolated over half a cell with the known gradients (FvElectrolyteBoundaryFace). A metal
 * negative is grounded; a metal positive keeps its potential in the last cell's FV_PHIS slot,
 * whose row I + j = 0 passes the interface current to the collector. These rows replace the
 * identities the particle and solid modules wrote in those cells. When a module consumes the
 * heat (docs/modules.md §5): the interface's heat j (phi_M - phi_e,face) (docs/thermal.md (T7)) and
 * the electrolyte's outer half cell (T3), whose sum is j (phi_M - phi_e) of the cell, and its
 * derivatives.
 */
#include "heat_profile.h"
#include "module.h"

/* With a temperature unknown the metal's row sees T (F/RT, the film, the electrolyte's face
 * values); the heat row sees j, phi_e and phi_s (a metal positive's potential). */
static PetscErrorCode Couple(FvProblem *p, FvLayout *L, void *data) {
  const FvModel *m = &p->model;
  (void)data;
  PetscFunctionBeginUser;
  if (!m->reg[FV_NEG].metal && !m->reg[FV_POS].metal) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->T >= 0) PetscCall(FvLayoutCoupleCell(L, FV_JN, L->T));
  if (L->heat && L->heat_row >= 0)
    for (PetscInt col = FV_PHIE; col <= FV_JN; col++)
      if (col != FV_CUR) PetscCall(FvLayoutCoupleCell(L, L->heat_row, col));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Face(FvProblem *p, FvEval *e, FvFaceData *f, void *data) {
  const FvModel *m   = &p->model;
  const PetscReal zF = m->zplus * m->nuplus * m->F;
  const PetscInt nfc = p->layout->nfc, cjn = p->fcol[FV_JN];
  (void)data;
  PetscFunctionBeginUser;
  if (f->dir != 0 || !f->side) PetscFunctionReturn(PETSC_SUCCESS);
  if (f->side == -1 && m->reg[FV_NEG].metal) { /* metal | electrolyte: the anodic current enters */
    f->q[FV_FQ_IE] = e->yl[f->R * m->dof + FV_JN];
    f->q[FV_FQ_N]  = f->q[FV_FQ_IE] / zF;
    if (e->jac) {
      f->dq[(FV_FQ_IE * 2 + 1) * nfc + cjn] = 1;
      f->dq[(FV_FQ_N * 2 + 1) * nfc + cjn]  = 1 / zF;
    }
  } else if (f->side == 1 && m->reg[FV_POS].metal) { /* electrolyte | metal: the current leaves */
    f->q[FV_FQ_IE] = -e->yl[f->L * m->dof + FV_JN];
    f->q[FV_FQ_N]  = f->q[FV_FQ_IE] / zF;
    if (e->jac) {
      f->dq[(FV_FQ_IE * 2 + 0) * nfc + cjn] = -1;
      f->dq[(FV_FQ_N * 2 + 0) * nfc + cjn]  = -1 / zF;
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Residual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data) {
  const FvModel *m             = &p->model;
  const FvElectrolyteState *es = (const FvElectrolyteState *)p->es;
  const PetscScalar *y         = c->y;
  const PetscReal jn           = y[FV_JN];
  (void)data;
  PetscFunctionBeginUser;
  if (c->r->electrode) PetscFunctionReturn(PETSC_SUCCESS);
  if (c->i == 0 && m->reg[FV_NEG].metal) { /* negative metal at x = 0, grounded */
    PetscReal cf, pf;
    FvElectrolyteBoundaryFace(m, c->h, &es[c->gq], y[FV_C], y[FV_PHIE], jn, -1, &cf, &pf);
    e->err |= FvMetalKineticsResidualContactT(m, &m->reg[FV_NEG], FvTemperature(p, y),
                                              c->cp->contact, cf, 0.0, pf, jn, &f[FV_JN]);
    if (p->layout->heat) c->heat += FvHeatInterface(jn, 0.0, pf) + FvHeatFace(jn, pf, y[FV_PHIE]);
  }
  if (c->i == p->mesh.M - 1 && m->reg[FV_POS].metal) { /* positive metal at x = L */
    PetscReal cf, pf;
    FvElectrolyteBoundaryFace(m, c->h, &es[c->gq], y[FV_C], y[FV_PHIE], -jn, +1, &cf, &pf);
    e->err |= FvMetalKineticsResidualContactT(m, &m->reg[FV_POS], FvTemperature(p, y),
                                              c->cp->contact, cf, y[FV_PHIS], pf, jn, &f[FV_JN]);
    f[FV_PHIS] = y[FV_CUR] + jn;
    if (p->layout->heat)
      c->heat += FvHeatInterface(jn, y[FV_PHIS], pf) + FvHeatFace(-jn, y[FV_PHIE], pf);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Jacobian(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data) {
  const FvModel *m             = &p->model;
  const FvElectrolyteState *es = (const FvElectrolyteState *)p->es;
  const FvElectrolyteState *ds = (const FvElectrolyteState *)p->ds;
  const PetscScalar *y         = c->y;
  const PetscReal jn = y[FV_JN], T = FvTemperature(p, y);
  const PetscInt iT = p->layout->T;
#define BC(row, col) (*FvBlockAt(b, row, col))
  (void)data;
  PetscFunctionBeginUser;
  if (c->r->electrode) PetscFunctionReturn(PETSC_SUCCESS);
  if (c->i == 0 && m->reg[FV_NEG].metal) {
    PetscReal cf, pf, dcf[3], dpf[3], res, d[5];
    FvElectrolyteBoundaryFaceJacobian(m, c->h, &es[c->gq], &ds[c->gq], y[FV_C], y[FV_PHIE], jn, -1,
                                      &cf, &pf, dcf, dpf);
    e->err |= FvMetalKineticsJacobianContactT(m, &m->reg[FV_NEG], T, c->cp->contact, cf, 0.0, pf,
                                              jn, &res, d);
    FvBlockRowClear(b, FV_JN);
    BC(FV_JN, FV_C)    = d[0] * dcf[0] + d[2] * dpf[0];
    BC(FV_JN, FV_PHIE) = d[2] * dpf[1];
    BC(FV_JN, FV_JN)   = d[3] + d[0] * dcf[2] + d[2] * dpf[2];
    if (iT >= 0) { /* F/RT and the film at T, and the face values through the state at T */
      PetscReal dcT, dpT;
      FvElectrolyteBoundaryFaceTemperatureDeriv(m, c->h, &es[c->gq], y[FV_C], jn, -1, &dcT, &dpT);
      BC(FV_JN, iT) = d[4] + d[0] * dcT + d[2] * dpT;
    }
    if (c->dheat) { /* the face value cancels: the heat is -j phi_e */
      c->dheat[FV_JN] += -y[FV_PHIE];
      c->dheat[FV_PHIE] += -jn;
    }
  }
  if (c->i == p->mesh.M - 1 && m->reg[FV_POS].metal) { /* i = -jn */
    PetscReal cf, pf, dcf[3], dpf[3], res, d[5];
    FvElectrolyteBoundaryFaceJacobian(m, c->h, &es[c->gq], &ds[c->gq], y[FV_C], y[FV_PHIE], -jn, +1,
                                      &cf, &pf, dcf, dpf);
    e->err |= FvMetalKineticsJacobianContactT(m, &m->reg[FV_POS], T, c->cp->contact, cf, y[FV_PHIS],
                                              pf, jn, &res, d);
    FvBlockRowClear(b, FV_JN);
    BC(FV_JN, FV_C)    = d[0] * dcf[0] + d[2] * dpf[0];
    BC(FV_JN, FV_PHIE) = d[2] * dpf[1];
    BC(FV_JN, FV_PHIS) = d[1];
    BC(FV_JN, FV_JN)   = d[3] - d[0] * dcf[2] - d[2] * dpf[2];
    if (iT >= 0) {
      PetscReal dcT, dpT;
      FvElectrolyteBoundaryFaceTemperatureDeriv(m, c->h, &es[c->gq], y[FV_C], -jn, +1, &dcT, &dpT);
      BC(FV_JN, iT) = d[4] + d[0] * dcT + d[2] * dpT;
    }
    FvBlockRowClear(b, FV_PHIS);
    BC(FV_PHIS, FV_CUR) = 1;
    BC(FV_PHIS, FV_JN)  = 1;
    if (c->dheat) { /* j (phi_M - phi_e) */
      c->dheat[FV_JN] += y[FV_PHIS] - y[FV_PHIE];
      c->dheat[FV_PHIS] += jn;
      c->dheat[FV_PHIE] += -jn;
    }
  }
#undef BC
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* the interface carries the set-point current; a metal positive sits at the cell voltage */
static PetscErrorCode Guess(FvProblem *p, const FvGuess *gs, const FvCell *c, PetscScalar *v,
                            void *data) {
  const FvModel *m = &p->model;
  (void)data;
  if (c->i == 0 && m->reg[FV_NEG].metal) v[FV_JN] = gs->Icell;
  if (c->i == p->mesh.M - 1 && m->reg[FV_POS].metal) v[FV_JN] = -gs->Icell, v[FV_PHIS] = gs->V;
  return PETSC_SUCCESS;
}

const FvModule FvModuleMetal = {.name     = "metal",
                                .couple   = Couple,
                                .face     = Face,
                                .residual = Residual,
                                .jacobian = Jacobian,
                                .guess    = Guess};
