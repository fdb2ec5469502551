/* module_contact.c -- the contact law of the particles with the electrolyte (ASSB composites).
 *
 * Owns: the permanent-contact unknown f_p of each particle family where some electrode has a
 * contact law (models/contact.h; docs/model.md §8): its row (the law's loss rate driven by the
 * family's mean stoichiometry and its rate, FvContactResidual), f_p = 1 in an electrode without a
 * law, identities elsewhere, and the matrix pattern of a family with a law (its block is dense:
 * the contact fraction enters the kinetics row through f_p and the mean stoichiometry). The
 * fraction itself is used by the particle module's kinetics row.
 */
#include "module.h"

typedef struct {
  PetscReal *wavg, *e; /* mean-stoichiometry weights of the shells */
} Work;

/* A family with a law: its block (j_n .. f_p) is dense; c, phi_e, phi_s, I see it through j_n;
 * every row of the block may see c, phi_e, phi_s, I. */
static PetscErrorCode Layout(FvProblem *p, FvLayout *L, void **data) {
  const FvModel *m = &p->model;
  Work *w;
  PetscFunctionBeginUser;
  if (!m->contact) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegionModel *rg = &m->reg[g];
    if (!rg->electrode || rg->contact.kind == FV_CONTACT_NONE) continue;
    for (PetscInt f = 0; f < rg->nfam; f++) {
      const PetscInt jn = FvIdxJn(m, f), fp = FvIdxFp(m, f);
      for (PetscInt a = 0; a < FV_JN; a++) {
        PetscCall(FvLayoutCoupleCell(L, a, jn));
        for (PetscInt b = jn; b <= fp; b++)
          PetscCall(FvLayoutCoupleCell(L, b, a));
      }
      for (PetscInt a = jn; a <= fp; a++)
        for (PetscInt b = jn; b <= fp; b++)
          PetscCall(FvLayoutCoupleCell(L, a, b));
    }
  }
  PetscCall(PetscNew(&w));
  PetscCall(PetscMalloc2(m->nr, &w->wavg, m->nr, &w->e));
  *data = w;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Destroy(FvProblem *p, void *data) {
  Work *w = data;
  (void)p;
  PetscFunctionBeginUser;
  if (!w) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscFree2(w->wavg, w->e));
  PetscCall(PetscFree(w));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Residual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data) {
  const FvModel *m       = &p->model;
  const FvRegionModel *r = c->r;
  const PetscScalar *y = c->y, *yp = c->yp;
  (void)data;
  PetscFunctionBeginUser;
  if (!m->contact) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt fi = 0; fi < m->nfam; fi++) {
    const PetscInt C0 = FvIdxCs(m, fi), P = FvIdxFp(m, fi);
    if (r->electrode && fi < r->nfam) {
      if (r->contact.kind != FV_CONTACT_NONE) {
        const FvRegionModel *fm = &c->rc->fam[fi];
        const PetscReal theta   = FvParticleAverage(fm, &y[C0]) / r->c_max;
        const PetscReal theta_t = FvParticleAverage(fm, &yp[C0]) / r->c_max;
        e->err |= FvContactResidual(&r->contact, FvTemperature(p, y), m->R, y[P], yp[P], theta,
                                    theta_t, &f[P]);
      } else
        f[P] = y[P] - 1.0;
    } else
      f[P] = y[P];
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Jacobian(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data) {
  const FvModel *m       = &p->model;
  const FvRegionModel *r = c->r;
  const PetscScalar *y = c->y, *yp = c->yp;
  Work *wk = data;
  PetscFunctionBeginUser;
  if (!m->contact) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt fi = 0; fi < m->nfam; fi++) {
    const PetscInt C0 = FvIdxCs(m, fi), P = FvIdxFp(m, fi);
    if (r->electrode && fi < r->nfam && r->contact.kind != FV_CONTACT_NONE) {
      const FvRegionModel *fm = &c->rc->fam[fi];
      const PetscInt n        = r->nshells;
      PetscReal theta, theta_t, res, dc[4];
      for (PetscInt l = 0; l < n; l++)
        wk->e[l] = 0;
      for (PetscInt l = 0; l < n; l++) {
        wk->e[l]    = 1;
        wk->wavg[l] = FvParticleAverage(fm, wk->e) / r->c_max;
        wk->e[l]    = 0;
      }
      theta   = FvParticleAverage(fm, &y[C0]) / r->c_max;
      theta_t = FvParticleAverage(fm, &yp[C0]) / r->c_max;
      /* at the cell's T; the law depends on T only through dV/V, which has no activation energy */
      e->err |= FvContactResidualJacobian(&r->contact, FvTemperature(p, y), m->R, y[P], yp[P],
                                          theta, theta_t, &res, dc);
      *FvBlockAt(b, P, P) += dc[0] + e->cj * dc[1];
      for (PetscInt l = 0; l < n; l++)
        *FvBlockAt(b, P, C0 + l) += (dc[2] + e->cj * dc[3]) * wk->wavg[l];
    } else
      *FvBlockAt(b, P, P) = 1;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SetId(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  (void)data;
  if (c->r->electrode && c->r->contact.kind != FV_CONTACT_NONE)
    for (PetscInt fi = 0; fi < c->r->nfam; fi++)
      v[FvIdxFp(&p->model, fi)] = 1;
  return PETSC_SUCCESS;
}

static PetscErrorCode AbsTol(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                             void *data) {
  (void)c;
  (void)data;
  if (p->model.contact)
    for (PetscInt fi = 0; fi < p->model.nfam; fi++)
      v[FvIdxFp(&p->model, fi)] = rtol; /* f_p is of order one */
  return PETSC_SUCCESS;
}

static PetscErrorCode Initial(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  (void)data;
  if (c->r->electrode && p->model.contact)
    for (PetscInt fi = 0; fi < c->r->nfam; fi++)
      v[FvIdxFp(&p->model, fi)] = 1; /* full permanent contact at fabrication */
  return PETSC_SUCCESS;
}

const FvModule FvModuleContact = {.name     = "contact",
                                  .layout   = Layout,
                                  .destroy  = Destroy,
                                  .residual = Residual,
                                  .jacobian = Jacobian,
                                  .set_id   = SetId,
                                  .abstol   = AbsTol,
                                  .initial  = Initial};
