/* module_electrolyte.c -- electrolyte transport: the salt balance and the ionic charge balance.
 *
 * Owns: the rows of c and phi_e (docs/model.md §2-§4): storage eps h dc/dt plus the divergence
 * of the salt flux N, and the divergence of the ionic current i_e; the face fluxes N and i_e of
 * interior faces (FvElectrolyteFace, harmonic averaging across a material jump; Doyle, Fuller &
 * Newman, J. Electrochem. Soc. 140, 1526 (1993), eqs. 1-3); the electrolyte state of every cell
 * of the ghosted box (p->es, and d/dc in Jacobian passes, p->ds), which the metal interfaces
 * read; a solid electrolyte's constant mobile-ion concentration. The reaction source of these
 * rows is added by the particle module; the metal interfaces set the boundary faces they touch.
 * Boundary faces otherwise block both ions (docs/model.md §11). When a module consumes the heat
 * (docs/modules.md §5): each cell's share of the ohmic heat of its interior faces (docs/thermal.md
 * (T1), (T3): i_e of eq. (3), so the diffusion potential's heat is in it), split by the half-cell
 * resistances h/kappa_eff, and its derivatives.
 */
#include "heat_profile.h"
#include "module.h"

/* rc: the region as the cell sees it (p->rcell: its eps^b and solid sigma_eff are the cell's), at
 * the cell's temperature T; with dT also the d/dT of the state (T an unknown) */
static inline int CellElectrolyte(const FvModel *m, const FvRegionModel *rc, PetscReal c,
                                  PetscReal T, PetscBool dT, FvElectrolyteState *s,
                                  FvElectrolyteState *ds) {
  return ds ? FvElectrolyteEvalDerivT(m, rc, c, T, dT, s, ds) : FvElectrolyteEvalT(m, rc, c, T, s);
}

/* With a temperature unknown: the salt and charge rows see T of the cell and of its face
 * neighbours (the face fluxes' coefficients); with a heat row, the ohmic heat sees c, phi_e (and T)
 * of the cell and its face neighbours. */
static PetscErrorCode Couple(FvProblem *p, FvLayout *L, void *data) {
  (void)p;
  (void)data;
  PetscFunctionBeginUser;
  if (L->T >= 0)
    for (PetscInt row = FV_C; row <= FV_PHIE; row++) {
      PetscCall(FvLayoutCoupleCell(L, row, L->T));
      PetscCall(FvLayoutCoupleFace(L, row, L->T));
    }
  if (L->heat && L->heat_row >= 0) {
    const PetscInt cols[3] = {FV_C, FV_PHIE, L->T};
    for (PetscInt a = 0; a < (L->T >= 0 ? 3 : 2); a++) {
      PetscCall(FvLayoutCoupleCell(L, L->heat_row, cols[a]));
      PetscCall(FvLayoutCoupleFace(L, L->heat_row, cols[a]));
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The states of the owned cells and the face-neighbour ghosts (the star stencil leaves the box's
 * corner ghosts unset). */
static PetscErrorCode Prepare(FvProblem *p, FvEval *e, void *data) {
  const FvModel *m       = &p->model;
  const FvMesh *g        = &p->mesh;
  FvElectrolyteState *es = (FvElectrolyteState *)p->es, *ds = (FvElectrolyteState *)p->ds;
  const PetscInt iT = p->layout->T; /* the temperature's slot, once per pass (-1: none) */
  (void)data;
  PetscFunctionBeginUser;
  for (PetscInt k = g->gzs; k < g->gzs + g->gzm; k++)
    for (PetscInt j = g->gys; j < g->gys + g->gym; j++)
      for (PetscInt i = g->gxs; i < g->gxs + g->gxm; i++) {
        const int out = (i < g->xs || i >= g->xs + g->xm) + (j < g->ys || j >= g->ys + g->ym) +
                        (k < g->zs || k >= g->zs + g->zm);
        const PetscInt q  = FvMeshGhost(g, i, j, k);
        const PetscReal T = iT >= 0 ? e->yl[q * m->dof + iT] : m->T;
        if (out > 1) continue;
        e->err |= CellElectrolyte(m, p->rcell[q], e->yl[q * m->dof + FV_C], T, iT >= 0, &es[q],
                                  e->jac ? &ds[q] : NULL);
      }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Face(FvProblem *p, FvEval *e, FvFaceData *f, void *data) {
  const FvModel *m             = &p->model;
  const FvElectrolyteState *es = (const FvElectrolyteState *)p->es;
  const FvElectrolyteState *ds = (const FvElectrolyteState *)p->ds;
  const PetscScalar *yL, *yR;
  (void)data;
  PetscFunctionBeginUser;
  if (f->side) PetscFunctionReturn(PETSC_SUCCESS); /* blocked, or a metal's (module_metal.c) */
  yL = e->yl + f->L * m->dof;
  yR = e->yl + f->R * m->dof;
  if (!e->jac)
    FvElectrolyteFace(m, f->hL, f->hR, &es[f->L], &es[f->R], yL[FV_C], yR[FV_C], yL[FV_PHIE],
                      yR[FV_PHIE], &f->q[FV_FQ_N], &f->q[FV_FQ_IE]);
  else {
    const PetscInt nfc = p->layout->nfc, cc = p->fcol[FV_C], ce = p->fcol[FV_PHIE];
    PetscReal dN[4], die[4];
    PetscReal *dNL = f->dq + (FV_FQ_N * 2) * nfc, *dNR = dNL + nfc;
    PetscReal *dIL = f->dq + (FV_FQ_IE * 2) * nfc, *dIR = dIL + nfc;
    FvElectrolyteFaceJacobian(m, f->hL, f->hR, &es[f->L], &es[f->R], &ds[f->L], &ds[f->R], yL[FV_C],
                              yR[FV_C], yL[FV_PHIE], yR[FV_PHIE], &f->q[FV_FQ_N], &f->q[FV_FQ_IE],
                              dN, die);
    dNL[cc] = dN[0], dNR[cc] = dN[1], dNL[ce] = dN[2], dNR[ce] = dN[3];
    dIL[cc] = die[0], dIR[cc] = die[1], dIL[ce] = die[2], dIR[ce] = die[3];
    if (p->layout->T >= 0) { /* the coefficients at the cells' T, nu R T_f/F at the face's */
      const PetscInt ct = p->fcol[p->layout->T];
      FvElectrolyteFaceTemperatureDeriv(m, f->hL, f->hR, &es[f->L], &es[f->R], yL[FV_C], yR[FV_C],
                                        f->q[FV_FQ_IE], dN, die);
      dNL[ct] = dN[0], dNR[ct] = dN[1], dIL[ct] = die[0], dIR[ct] = die[1];
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The cell's share of the ohmic heat of its interior faces (b: and its derivatives). */
static void Heat(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b) {
  const FvElectrolyteState *es    = (const FvElectrolyteState *)p->es;
  const FvElectrolyteState *ds    = (const FvElectrolyteState *)p->ds;
  const PetscInt cc               = p->fcol[FV_C];
  const PetscInt ct               = p->layout->T >= 0 ? p->fcol[p->layout->T] : -1;
  PetscReal dXL[FV_MAX_FACE_COLS] = {0}, dXR[FV_MAX_FACE_COLS] = {0};
  for (int fi = 0; fi < 2 * p->mesh.dim; fi++) {
    const FvFaceData *f = c->face[fi];
    if (!f || f->side) continue;
    if (b) dXL[cc] = ds[f->L].kappa_eff, dXR[cc] = ds[f->R].kappa_eff;
    if (b && ct >= 0) dXL[ct] = es[f->L].dT_kappa_eff, dXR[ct] = es[f->R].dT_kappa_eff;
    FvCellHeatFace(p, e, c, b, fi, FV_FQ_IE, FV_PHIE, es[f->L].kappa_eff, es[f->R].kappa_eff,
                   b ? dXL : NULL, b ? dXR : NULL);
  }
}

static PetscErrorCode Residual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data) {
  (void)data;
  PetscFunctionBeginUser;
  if (p->layout->heat) Heat(p, e, c, NULL);
  if (c->r->solid) /* single-ion conductor: its mobile-ion concentration does not change */
    f[FV_C] = c->rc->eps_e * c->h * c->yp[FV_C];
  else
    f[FV_C] = c->rc->eps_e * c->h * c->yp[FV_C] + FvCellDivergence(p, c, FV_FQ_N);
  f[FV_PHIE] = FvCellDivergence(p, c, FV_FQ_IE);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Jacobian(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data) {
  (void)data;
  PetscFunctionBeginUser;
  if (!c->r->solid) FvCellDivergenceJacobian(p, c, b, FV_C, FV_FQ_N, 1.0);
  FvCellDivergenceJacobian(p, c, b, FV_PHIE, FV_FQ_IE, 1.0);
  *FvBlockAt(b, FV_C, FV_C) += e->cj * c->rc->eps_e * c->h;
  if (p->layout->heat) Heat(p, e, c, b);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SetId(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  (void)p;
  (void)c;
  (void)data;
  v[FV_C] = 1;
  return PETSC_SUCCESS;
}

/* scales: concentration c0, potential 1 V */
static PetscErrorCode AbsTol(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                             void *data) {
  (void)c;
  (void)data;
  v[FV_C]    = rtol * p->model.c0;
  v[FV_PHIE] = rtol;
  return PETSC_SUCCESS;
}

static PetscErrorCode Initial(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  (void)data;
  v[FV_C] = c->r->solid ? c->r->c_ion : p->model.c0;
  return PETSC_SUCCESS;
}

/* phi_e so that the negative is at equilibrium */
static PetscErrorCode Guess(FvProblem *p, const FvGuess *gs, const FvCell *c, PetscScalar *v,
                            void *data) {
  (void)p;
  (void)c;
  (void)data;
  v[FV_PHIE] = -gs->U[FV_NEG];
  return PETSC_SUCCESS;
}

static PetscErrorCode Fields(FvProblem *p, const FvCell *c, PetscReal *fields[], void *data) {
  (void)p;
  (void)data;
  fields[FV_FIELD_CE][c->q]   = c->y[FV_C];
  fields[FV_FIELD_PHIE][c->q] = c->y[FV_PHIE];
  return PETSC_SUCCESS;
}

const FvModule FvModuleElectrolyte = {.name     = "electrolyte",
                                      .couple   = Couple,
                                      .prepare  = Prepare,
                                      .face     = Face,
                                      .residual = Residual,
                                      .jacobian = Jacobian,
                                      .set_id   = SetId,
                                      .abstol   = AbsTol,
                                      .initial  = Initial,
                                      .guess    = Guess,
                                      .fields   = Fields};
