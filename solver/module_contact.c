/* module_contact.c -- the contact law of the particles with the electrolyte (ASSB composites).
 *
 * Owns: the permanent-contact unknown f_p of each particle family where some electrode has a
 * contact law (models/contact.h; docs/model.md §8): its row (the law's loss rate driven by the
 * family's mean stoichiometry and its rate, FvContactResidual), f_p = 1 in an electrode without a
 * law, identities elsewhere, and the matrix pattern of a family with a law (its block is dense:
 * the contact fraction enters the kinetics row through f_p and the mean stoichiometry). The
 * fraction itself is used by the particle module's kinetics row.
 * Recovery by pressure: where a law has a recoverable part, one more unknown per family, the
 * recoverable pool f_r (slot "contact_rec", fed by that share of the loss), and the re-press of a
 * protocol's pressure step (FvContactSetStackPressure, module_contact.h).
 */
#include "module.h"
#include "module_contact.h"

typedef struct {
  FvShellWeights sw; /* mean-stoichiometry weights of the shells */
  PetscInt rec;      /* first f_r unknown (family f at rec + f); -1: no law recovers */
} Work;

PetscErrorCode FvShellWeightsCreate(const FvModel *m, FvShellWeights *s) {
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc2(m->nr, &s->w, m->nr, &s->e));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvShellWeightsDestroy(FvShellWeights *s) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree2(s->w, s->e));
  PetscFunctionReturn(PETSC_SUCCESS);
}

void FvShellWeightsCompute(FvShellWeights *s, const FvRegionModel *fm, PetscInt n,
                           PetscReal c_max) {
  for (PetscInt l = 0; l < n; l++)
    s->e[l] = 0;
  for (PetscInt l = 0; l < n; l++) { /* theta is linear in the shells: its weights one by one */
    s->e[l] = 1;
    s->w[l] = FvParticleAverage(fm, s->e) / c_max;
    s->e[l] = 0;
  }
}

/* The region's law has a recoverable pool. */
static PetscBool Recovers(const FvRegionModel *r) {
  return (PetscBool)(r->electrode && r->contact.kind != FV_CONTACT_NONE && r->contact.phi_rec > 0);
}

/* A family with a law: its block (j_n .. f_p) is dense; c, phi_e, phi_s, I see it through j_n;
 * every row of the block may see c, phi_e, phi_s, I. */
static PetscErrorCode Layout(FvProblem *p, FvLayout *L, void **data) {
  const FvModel *m = &p->model;
  Work *w;
  PetscFunctionBeginUser;
  PetscInt rec = -1;
  if (!m->contact) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt g = 0; g < FV_NREGIONS; g++)
    if (Recovers(&m->reg[g]) && rec < 0)
      PetscCall(FvLayoutAddSlots(L, "contact_rec", m->nfam, &rec));
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
      if (rec >= 0) /* f_r: the loss rate of f_p, from f_p and the shells */
        for (PetscInt b = jn; b <= fp; b++)
          PetscCall(FvLayoutCoupleCell(L, rec + f, b));
    }
  }
  PetscCall(PetscNew(&w));
  PetscCall(FvShellWeightsCreate(m, &w->sw));
  w->rec = rec;
  *data  = w;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Destroy(FvProblem *p, void *data) {
  Work *w = data;
  (void)p;
  PetscFunctionBeginUser;
  if (!w) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(FvShellWeightsDestroy(&w->sw));
  PetscCall(PetscFree(w));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Residual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data) {
  const FvModel *m       = &p->model;
  const FvRegionModel *r = c->r;
  const PetscScalar *y = c->y, *yp = c->yp;
  const Work *wk = data;
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
    if (wk && wk->rec >= 0) { /* the pool gains the recoverable share of the loss f_p_t + f[P] */
      const PetscInt Q = wk->rec + fi;
      if (fi < r->nfam && Recovers(r))
        f[Q] = yp[Q] - r->contact.phi_rec * (f[P] - yp[P]);
      else
        f[Q] = y[Q];
    }
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
      FvShellWeightsCompute(&wk->sw, fm, n, r->c_max);
      theta   = FvParticleAverage(fm, &y[C0]) / r->c_max;
      theta_t = FvParticleAverage(fm, &yp[C0]) / r->c_max;
      /* at the cell's T; the law depends on T only through dV/V, which has no activation energy */
      e->err |= FvContactResidualJacobian(&r->contact, FvTemperature(p, y), m->R, y[P], yp[P],
                                          theta, theta_t, &res, dc);
      *FvBlockAt(b, P, P) += dc[0] + e->cj * dc[1];
      for (PetscInt l = 0; l < n; l++)
        *FvBlockAt(b, P, C0 + l) += (dc[2] + e->cj * dc[3]) * wk->sw.w[l];
      if (wk->rec >= 0 && Recovers(r)) { /* f_r: the loss (the f_p row without f_p_t) */
        const PetscInt Q    = wk->rec + fi;
        const PetscReal phi = r->contact.phi_rec;
        *FvBlockAt(b, Q, Q) += e->cj;
        *FvBlockAt(b, Q, P) -= phi * dc[0];
        for (PetscInt l = 0; l < n; l++)
          *FvBlockAt(b, Q, C0 + l) -= phi * (dc[2] + e->cj * dc[3]) * wk->sw.w[l];
      } else if (wk->rec >= 0)
        *FvBlockAt(b, wk->rec + fi, wk->rec + fi) = 1;
    } else {
      *FvBlockAt(b, P, P) = 1;
      if (wk->rec >= 0) *FvBlockAt(b, wk->rec + fi, wk->rec + fi) = 1;
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SetId(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  const Work *wk = data;
  if (c->r->electrode && c->r->contact.kind != FV_CONTACT_NONE)
    for (PetscInt fi = 0; fi < c->r->nfam; fi++) {
      v[FvIdxFp(&p->model, fi)] = 1;
      if (wk && wk->rec >= 0 && Recovers(c->r)) v[wk->rec + fi] = 1;
    }
  return PETSC_SUCCESS;
}

static PetscErrorCode AbsTol(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                             void *data) {
  const Work *wk = data;
  (void)c;
  if (p->model.contact)
    for (PetscInt fi = 0; fi < p->model.nfam; fi++) {
      v[FvIdxFp(&p->model, fi)] = rtol; /* f_p and f_r are of order one */
      if (wk && wk->rec >= 0) v[wk->rec + fi] = rtol;
    }
  return PETSC_SUCCESS;
}

static PetscErrorCode Initial(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  (void)data;
  if (c->r->electrode && p->model.contact)
    for (PetscInt fi = 0; fi < c->r->nfam; fi++)
      v[FvIdxFp(&p->model, fi)] = 1; /* full permanent contact at fabrication */
  return PETSC_SUCCESS;
}

/* The contact module's data in p (NULL when it has none). */
static Work *ModuleWork(FvProblem *p) {
  for (PetscInt i = 0; i < p->nmod; i++)
    if (p->mod[i] == &FvModuleContact) return p->mdata[i];
  return NULL;
}

PetscErrorCode FvContactSetStackPressure(FvProblem *p, Vec Y, PetscReal pressure) {
  FvModel *m      = &p->model;
  const FvMesh *g = &p->mesh;
  const Work *wk;
  PetscScalar *a;
  PetscReal p_old[FV_NREGIONS];
  PetscFunctionBeginUser;
  PetscCheck(pressure >= 0 && !PetscIsInfOrNanReal(pressure), PETSC_COMM_SELF,
             PETSC_ERR_ARG_OUTOFRANGE, "stack pressure %g Pa: expected a pressure >= 0",
             (double)pressure);
  if (!m->contact) PetscFunctionReturn(PETSC_SUCCESS);
  /* every copy of each law: the regions, their families and the cells' region copies */
  for (PetscInt r = 0; r < FV_NREGIONS; r++) {
    FvRegionModel *rg = &m->reg[r];
    p_old[r]          = rg->contact.pressure;
    if (rg->contact.kind == FV_CONTACT_NONE) continue;
    FvContactSetPressure(&rg->contact, pressure);
    for (PetscInt f = 0; f < rg->nfam; f++)
      FvContactSetPressure(&rg->fam[f].contact, pressure);
  }
  for (PetscInt q = 0; q < FvMeshNGhost(g); q++) {
    FvRegionModel *rc = (FvRegionModel *)p->rcell[q];
    if (rc->contact.kind == FV_CONTACT_NONE) continue;
    FvContactSetPressure(&rc->contact, pressure);
    for (PetscInt f = 0; f < rc->nfam; f++)
      FvContactSetPressure(&rc->fam[f].contact, pressure);
  }
  /* the re-press: a share of each family's recoverable pool returns to f_p */
  wk = ModuleWork(p);
  if (!Y || !wk || wk->rec < 0) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(VecGetArray(Y, &a));
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        const FvRegionModel *r = &m->reg[g->region[i]];
        PetscScalar *v         = a + FvMeshOwned(g, i, j, k) * m->dof;
        if (!Recovers(r)) continue;
        for (PetscInt fi = 0; fi < r->nfam; fi++)
          FvContactRepress(&r->contact, p_old[g->region[i]], pressure, &v[FvIdxFp(m, fi)],
                           &v[wk->rec + fi]);
      }
  PetscCall(VecRestoreArray(Y, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

const FvModule FvModuleContact = {.name     = "contact",
                                  .layout   = Layout,
                                  .destroy  = Destroy,
                                  .residual = Residual,
                                  .jacobian = Jacobian,
                                  .set_id   = SetId,
                                  .abstol   = AbsTol,
                                  .initial  = Initial};
