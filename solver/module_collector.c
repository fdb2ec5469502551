/* module_collector.c -- the cell-level rows: the positive collector comb and the operating mode.
 *
 * Owns: the FV_CUR unknowns (docs/model.md §12-§13). The positive collector is one equipotential
 * conductor: every cell of the last x column has its own collector current I_jk with i_s = I_jk
 * at its face (module_solid.c), and the collector potential Phi_jk = phi_s - I_jk h / (2
 * sigma_eff) equals its parent's along a comb that spans the collector (y first, then z along the
 * j = ny - 1 spine). The FV_CUR slots of the next-to-last column carry the running sums S_jk of
 * I w (w = the face's share of the area) down the same comb, so S at the root (ny - 1, nz - 1) is
 * the cell current density, which the root's row ties to the operating mode: current I = I_set,
 * voltage V = Phi - r_contact I = V_set, or power I V = P_set. Every coupling is between face
 * neighbours, so there is no global unknown and the Jacobian keeps the DMDA star stencil; in 1D
 * this is one chain with one sum. Other FV_CUR slots are identities. When a module consumes the
 * heat (docs/modules.md §5): the series contact resistance's heat (docs/thermal.md (T8)) in the
 * collector cells, R_c I_jk^2 each (in 1D R_c I^2; in 2D/3D the resistance spread over the
 * collector's area).
 */
#include "heat_profile.h"
#include "module.h"

PetscReal FvCollectorPotential(const FvProblem *p, const PetscScalar *yc, const FvCellProps *cp) {
  if (p->model.reg[FV_POS].metal) return yc[FV_PHIS]; /* a metal keeps its potential in FV_PHIS */
  return yc[FV_PHIS] - yc[FV_CUR] * 0.5 * p->mesh.h[p->mesh.M - 1] / cp->sigma_eff;
}

/* Its derivatives by PHIS and CUR. */
static void CollectorPotentialDeriv(const FvProblem *p, const FvCellProps *cp, PetscReal *dphis,
                                    PetscReal *dcur) {
  *dphis = 1;
  *dcur  = p->model.reg[FV_POS].metal ? 0 : -0.5 * p->mesh.h[p->mesh.M - 1] / cp->sigma_eff;
}

/* The heat row sees the collector current (the contact resistance's heat). */
static PetscErrorCode Couple(FvProblem *p, FvLayout *L, void *data) {
  (void)p;
  (void)data;
  PetscFunctionBeginUser;
  if (L->heat && L->heat_row >= 0) PetscCall(FvLayoutCoupleCell(L, L->heat_row, FV_CUR));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Residual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data) {
  const FvMesh *g    = &p->mesh;
  const PetscInt dof = p->model.dof, M = g->M, sumi = M >= 2 ? M - 2 : M - 1;
  const PetscInt i = c->i, j = c->j, k = c->k;
  const PetscScalar *y = c->y;
#define YG(i, j, k) (e->yl + FvMeshGhost(g, i, j, k) * dof)
  (void)data;
  PetscFunctionBeginUser;
  if (i == M - 1 && p->layout->heat) c->heat += FvHeatContact(p->model.r_contact, y[FV_CUR]);
  if (i == M - 1 && !FvMeshIsCombRoot(g, j, k)) {
    const PetscInt jp = j < g->ny - 1 ? j + 1 : j, kp = j < g->ny - 1 ? k : k + 1;
    f[FV_CUR] = FvCollectorPotential(p, y, c->cp) -
                FvCollectorPotential(p, YG(i, jp, kp), &p->props[FvMeshGhost(g, i, jp, kp)]);
  } else if (i == M - 1) {
    const PetscReal Itot = YG(sumi, j, k)[FV_CUR];
    const PetscReal V    = FvCollectorPotential(p, y, c->cp) - p->model.r_contact * Itot;
    switch (p->mode) {
    case FV_MODE_CURRENT:
      f[FV_CUR] = Itot - p->set_point;
      break;
    case FV_MODE_VOLTAGE:
      f[FV_CUR] = V - p->set_point;
      break;
    case FV_MODE_POWER:
      f[FV_CUR] = Itot * V - p->set_point;
      break;
    }
  } else if (i == sumi) {
    PetscReal S = 1.0 / (g->ny * g->nz) * YG(M - 1, j, k)[FV_CUR];
    if (j > 0) S += YG(i, j - 1, k)[FV_CUR];
    if (j == g->ny - 1 && k > 0) S += YG(i, j, k - 1)[FV_CUR];
    f[FV_CUR] = y[FV_CUR] - S;
  } else
    f[FV_CUR] = y[FV_CUR];
#undef YG
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Jacobian(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data) {
  const FvMesh *g    = &p->mesh;
  const FvModel *m   = &p->model;
  const PetscInt dof = m->dof, M = g->M, sumi = M >= 2 ? M - 2 : M - 1;
  const PetscInt i = c->i, j = c->j, k = c->k;
  const PetscScalar *y = c->y;
  const PetscReal w    = 1.0 / (g->ny * g->nz);
#define BC(row, col) (*FvBlockAt(b, row, col))
#define BN(row, nb, v) (*FvBlockNb(b, row, nb, v))
  (void)data;
  PetscFunctionBeginUser;
  if (i == M - 1 && c->dheat) c->dheat[FV_CUR] += 2 * m->r_contact * y[FV_CUR];
  if (i == M - 1 && !FvMeshIsCombRoot(g, j, k)) {
    const PetscBool alongy = (PetscBool)(j < g->ny - 1);
    const PetscInt jp = alongy ? j + 1 : j, kp = alongy ? k : k + 1;
    const PetscInt nb = alongy ? FV_NB_YP : FV_NB_ZP;
    PetscReal dp, dc;
    CollectorPotentialDeriv(p, c->cp, &dp, &dc);
    BC(FV_CUR, FV_PHIS) += dp;
    BC(FV_CUR, FV_CUR) += dc;
    CollectorPotentialDeriv(p, &p->props[FvMeshGhost(g, i, jp, kp)], &dp, &dc);
    BN(FV_CUR, nb, FV_PHIS) -= dp;
    BN(FV_CUR, nb, FV_CUR) -= dc;
  } else if (i == M - 1) {
    const PetscInt si    = sumi == i ? FV_NB_SELF : FV_NB_XM;
    const PetscReal Itot = e->yl[FvMeshGhost(g, sumi, j, k) * dof + FV_CUR];
    PetscReal dp, dc, V;
    CollectorPotentialDeriv(p, c->cp, &dp, &dc);
    V = y[FV_PHIS] + dc * y[FV_CUR] - m->r_contact * Itot;
    switch (p->mode) {
    case FV_MODE_CURRENT:
      BN(FV_CUR, si, FV_CUR) += 1;
      break;
    case FV_MODE_VOLTAGE:
      BC(FV_CUR, FV_PHIS) += dp;
      BC(FV_CUR, FV_CUR) += dc;
      BN(FV_CUR, si, FV_CUR) -= m->r_contact;
      break;
    case FV_MODE_POWER: /* Itot V */
      BC(FV_CUR, FV_PHIS) += Itot * dp;
      BC(FV_CUR, FV_CUR) += Itot * dc;
      BN(FV_CUR, si, FV_CUR) += V - Itot * m->r_contact;
      break;
    }
  } else if (i == sumi) {
    BC(FV_CUR, FV_CUR) += 1;
    BN(FV_CUR, FV_NB_XP, FV_CUR) -= w;
    if (j > 0) BN(FV_CUR, FV_NB_YM, FV_CUR) -= 1;
    if (j == g->ny - 1 && k > 0) BN(FV_CUR, FV_NB_ZM, FV_CUR) -= 1;
  } else
    BC(FV_CUR, FV_CUR) = 1;
#undef BC
#undef BN
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode AbsTol(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                             void *data) {
  (void)c;
  (void)data;
  v[FV_CUR] = rtol * p->model.one_c; /* the 1C current */
  return PETSC_SUCCESS;
}

/* the current of the set point in every collector cell and its running sums down the comb */
static PetscErrorCode Guess(FvProblem *p, const FvGuess *gs, const FvCell *c, PetscScalar *v,
                            void *data) {
  const FvMesh *g     = &p->mesh;
  const PetscInt sumi = g->M >= 2 ? g->M - 2 : g->M - 1;
  (void)data;
  v[FV_CUR] = 0;
  if (c->i == g->M - 1)
    v[FV_CUR] = gs->Icell;
  else if (c->i == sumi)
    v[FV_CUR] = gs->Icell *
                (c->j < g->ny - 1 ? (PetscReal)(c->j + 1) : (PetscReal)(c->k + 1) * g->ny) /
                (g->ny * g->nz);
  return PETSC_SUCCESS;
}

const FvModule FvModuleCollector = {.name     = "collector",
                                    .couple   = Couple,
                                    .residual = Residual,
                                    .jacobian = Jacobian,
                                    .abstol   = AbsTol,
                                    .guess    = Guess};
