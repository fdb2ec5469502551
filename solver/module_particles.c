/* module_particles.c -- the particles and their reaction: Butler-Volmer kinetics with a film.
 *
 * Owns: per particle family f, the interface-current row (J_f - f_c i_BV(eta), eta with the film
 * drop R_film J_f / f_c; docs/model.md §6-§7), the particle rows (models/particle.c: spectral or
 * finite-volume shells; docs/particles.md), identity rows for the family slots a cell does not
 * use, and the reaction source sum_f a_f J_f h that it adds to the salt (/ z+ nu+ F), ionic (-)
 * and electronic (+) rows (Doyle, Fuller & Newman 1993, eqs. 4-6). The contact fraction f_c comes
 * from the contact law's state f_p (module_contact.c) and the family's mean stoichiometry. Also
 * the particle output fields: surface and mean concentration, contact fraction, active area.
 * When a module consumes the heat (docs/modules.md §5): the reaction heats of each family
 * (docs/thermal.md (T4)-(T6): irreversible with the film drop, reversible, and the Rao-Newman
 * term in that form), h sum_f a_f J_f (phi_s - phi_e - U + T dU/dT) with U at the surface or the
 * particle average, and their derivatives.
 */
#include <math.h>
#include "heat_profile.h"
#include "module.h"

typedef struct {
  PetscReal *dres, *dres_djn;  /* particle block of one family */
  PetscReal *dsurf, *wavg, *e; /* surface and mean-stoichiometry weights */
  PetscReal *dres_dT, *tw;     /* d/dT of the particle rows, and its work (3 nr) */
  PetscInt rint; /* slot group "R_int" (module_interphase.c): a resistance per contacting area in
                    series with the film, family f at rint + f; -1 without an interphase */
} Work;

/* The interphase's series resistance enters eta as a shift of phi_s by R_int J/f_c (setup: the
 * interphase module declares its slot after this module's layout). */
static PetscErrorCode Setup(FvProblem *p, void *data) {
  ((Work *)data)->rint = FvLayoutFindSlot(p->layout, "R_int");
  return PETSC_SUCCESS;
}
static inline PetscReal InterphaseDrop(const Work *w, const PetscScalar *y, PetscInt fi,
                                       PetscReal J, PetscReal fc) {
  return w->rint >= 0 && fc > 0 ? y[w->rint + fi] * J / fc : 0.0;
}

/* Within a cell: the family's j_n sees c, phi_e, phi_s, I and the outer unknown; they see j_n
 * and the outer unknown (FvParticleSurface); the shells are tridiagonal (finite volumes) or dense
 * (spectral, every node in every row) and see j_n. A family with a contact law is declared by
 * module_contact.c (its block is dense). */
static PetscErrorCode Layout(FvProblem *p, FvLayout *L, void **data) {
  const FvModel *m  = &p->model;
  const PetscInt nr = m->nr;
  Work *w;
  PetscFunctionBeginUser;
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegionModel *rg = &m->reg[g];
    if (!rg->electrode || rg->contact.kind != FV_CONTACT_NONE) continue;
    for (PetscInt f = 0; f < rg->nfam; f++) {
      const PetscInt jn = FvIdxJn(m, f), c0 = FvIdxCs(m, f), last = c0 + rg->nshells - 1;
      for (PetscInt a = 0; a < FV_JN; a++) {
        PetscCall(FvLayoutCoupleCell(L, a, jn));
        PetscCall(FvLayoutCoupleCell(L, jn, a));
        PetscCall(FvLayoutCoupleCell(L, a, last));
      }
      PetscCall(FvLayoutCoupleCell(L, jn, last));
      for (PetscInt k = c0; k <= last; k++) {
        if (rg->pdisc == FV_PARTICLE_SPECTRAL)
          for (PetscInt l = c0; l <= last; l++)
            PetscCall(FvLayoutCoupleCell(L, k, l));
        if (k > c0) PetscCall(FvLayoutCoupleCell(L, k, k - 1));
        if (k < last) PetscCall(FvLayoutCoupleCell(L, k, k + 1));
        PetscCall(FvLayoutCoupleCell(L, k, jn));
      }
    }
  }
  PetscCall(PetscNew(&w));
  PetscCall(
      PetscMalloc5(nr * nr, &w->dres, nr, &w->dres_djn, nr, &w->dsurf, nr, &w->wavg, nr, &w->e));
  PetscCall(PetscMalloc2(nr, &w->dres_dT, 3 * nr, &w->tw));
  *data = w;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* With a temperature unknown: the kinetics row (F/RT, k0, U(T), the film) and the particle rows
 * (D_s) see the cell's T. With a heat row: the reaction heats see each family's j_n, its shells
 * (surface and average stoichiometry), phi_s and phi_e (and T through the surface value). */
static PetscErrorCode Couple(FvProblem *p, FvLayout *L, void *data) {
  const FvModel *m = &p->model;
  (void)data;
  PetscFunctionBeginUser;
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegionModel *rg = &m->reg[g];
    if (!rg->electrode) continue;
    for (PetscInt f = 0; f < rg->nfam; f++) {
      const PetscInt jn = FvIdxJn(m, f), c0 = FvIdxCs(m, f), last = c0 + rg->nshells - 1;
      for (PetscInt k = jn; L->T >= 0 && k <= last; k++)
        PetscCall(FvLayoutCoupleCell(L, k, L->T));
      if (!L->heat || L->heat_row < 0) continue;
      for (PetscInt k = jn; k <= last; k++)
        PetscCall(FvLayoutCoupleCell(L, L->heat_row, k));
      PetscCall(FvLayoutCoupleCell(L, L->heat_row, FV_PHIS));
      PetscCall(FvLayoutCoupleCell(L, L->heat_row, FV_PHIE));
      if (L->T >= 0) PetscCall(FvLayoutCoupleCell(L, L->heat_row, L->T));
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Destroy(FvProblem *p, void *data) {
  Work *w = data;
  (void)p;
  PetscFunctionBeginUser;
  PetscCall(PetscFree5(w->dres, w->dres_djn, w->dsurf, w->wavg, w->e));
  PetscCall(PetscFree2(w->dres_dT, w->tw));
  PetscCall(PetscFree(w));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Residual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data) {
  const FvModel *m       = &p->model;
  const FvRegionModel *r = c->r;
  const PetscScalar *y = c->y, *yp = c->yp;
  const PetscReal zF = m->zplus * m->nuplus * m->F, T = FvTemperature(p, y);
  const PetscBool heat = p->layout->heat; /* read once: the stores to f may alias the layout */
  PetscReal src        = 0;               /* reaction current in the cell [A m-2] */
  PetscFunctionBeginUser;
  for (PetscInt fi = 0; fi < m->nfam; fi++) {
    const PetscInt J = FvIdxJn(m, fi), C0 = FvIdxCs(m, fi), P = FvIdxFp(m, fi);
    if (r->electrode && fi < r->nfam) {
      const FvRegionModel *fm = &c->rc->fam[fi];
      const PetscReal jf = y[J], fp = m->contact ? y[P] : 1.0;
      const PetscReal theta = FvParticleAverage(fm, &y[C0]) / r->c_max;
      PetscReal fcon, cs_surf;
      e->err |= FvContactFraction(&r->contact, T, m->R, fm->f0, fp, theta, &fcon);
      /* jf: current per particle area, spread over the particle's surface (p2d.h); all at the
       * cell's temperature; the interphase's drop shifts phi_s */
      e->err |= FvParticleSurfaceT(m, fm, T, &y[C0], jf, &cs_surf);
      e->err |= FvKineticsResidualContactT(m, fm, T, fcon, y[FV_C], cs_surf,
                                           y[FV_PHIS] - InterphaseDrop(data, y, fi, jf, fcon),
                                           y[FV_PHIE], jf, &f[J]);
      e->err |= FvParticleResidualT(m, fm, T, &y[C0], &yp[C0], jf, &f[C0]);
      for (PetscInt sh = r->nshells; sh < m->nr; sh++)
        f[C0 + sh] = y[C0 + sh];
      src += fm->a * jf * c->h;
      if (heat) { /* (T4)-(T6) */
        PetscReal qr[FV_NHEAT];
        e->err |= FvHeatReaction(m->heat_form, &r->ocp, &r->dUdT, m->R, T, fm->a * jf, y[FV_PHIS],
                                 y[FV_PHIE], cs_surf / r->c_max, theta, qr);
        c->heat += c->h * (qr[FV_HEAT_IRREVERSIBLE] + qr[FV_HEAT_REVERSIBLE] + qr[FV_HEAT_MIXING]);
      }
    } else {
      f[J] = y[J];
      for (PetscInt sh = 0; sh < m->nr; sh++)
        f[C0 + sh] = y[C0 + sh];
    }
  }
  if (r->electrode) {
    if (!r->solid) f[FV_C] -= src / zF;
    f[FV_PHIE] -= src;
    f[FV_PHIS] += src;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Jacobian(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data) {
  const FvModel *m       = &p->model;
  const FvRegionModel *r = c->r;
  const PetscScalar *y   = c->y;
  const PetscReal zF = m->zplus * m->nuplus * m->F, h = c->h, cj = e->cj;
  const PetscReal T = FvTemperature(p, y);
  const PetscInt iT = p->layout->T;
  Work *wk          = data;
#define BC(row, col) (*FvBlockAt(b, row, col))
  PetscFunctionBeginUser;
  for (PetscInt fi = 0; fi < m->nfam; fi++) {
    const PetscInt Jf = FvIdxJn(m, fi), C0 = FvIdxCs(m, fi), P = FvIdxFp(m, fi);
    if (r->electrode && fi < r->nfam) {
      const FvRegionModel *fm = &c->rc->fam[fi];
      const PetscInt n        = r->nshells;
      const PetscReal jf = y[Jf], fp = m->contact ? y[P] : 1.0;
      const PetscBool law = (PetscBool)(r->contact.kind != FV_CONTACT_NONE);
      PetscReal theta, fcon, dfc_dfp = 0, dfc_dth = 0, cs_surf, dsurf_djn, res, dk[7], dsurf_dT = 0;
      /* the mean stoichiometry is linear in the shells: its weights */
      for (PetscInt l = 0; l < n; l++)
        wk->e[l] = 0;
      for (PetscInt l = 0; (law || p->layout->heat) && l < n; l++) {
        wk->e[l]    = 1;
        wk->wavg[l] = FvParticleAverage(fm, wk->e) / r->c_max;
        wk->e[l]    = 0;
      }
      theta = FvParticleAverage(fm, &y[C0]) / r->c_max;
      e->err |= FvContactFractionDeriv(&r->contact, T, m->R, fm->f0, fp, theta, &fcon, &dfc_dfp,
                                       &dfc_dth);
      e->err |= FvParticleSurfaceT(m, fm, T, &y[C0], jf, &cs_surf);
      e->err |= FvParticleJacobianT(m, fm, T, &y[C0], jf, cj, wk->dres, wk->dres_djn, wk->dsurf,
                                    &dsurf_djn);
      e->err |= FvKineticsJacobianContactT(m, fm, T, fcon, y[FV_C], cs_surf,
                                           y[FV_PHIS] - InterphaseDrop(wk, y, fi, jf, fcon),
                                           y[FV_PHIE], jf, &res, dk);
      if (iT >= 0)
        e->err |= FvParticleTemperatureDeriv(m, fm, T, &y[C0], jf, wk->tw, wk->dres_dT, &dsurf_dT);
      if (e->err) PetscFunctionReturn(PETSC_SUCCESS);
      if (wk->rint >= 0 && fcon > 0) { /* phi_s - R_int J/f_c: chained to J, f_c and R_int */
        const PetscReal Ri = y[wk->rint + fi];
        dk[0] += dk[3] * Ri * jf / (fcon * fcon);
        dk[5] -= dk[3] * Ri / fcon;
        BC(Jf, wk->rint + fi) -= dk[3] * jf / fcon;
      }
      if (iT >= 0) { /* T: the kinetics at T (with the surface value's D_s), the particle rows */
        BC(Jf, iT) += dk[6] + dk[2] * dsurf_dT;
        for (PetscInt a = 0; a < n; a++)
          BC(C0 + a, iT) += wk->dres_dT[a];
      }
      /* kinetics row: (fc, c, cs_surf, phis, phie, J) chained through c_surf and f_c */
      BC(Jf, FV_C) += dk[1];
      BC(Jf, FV_PHIS) += dk[3];
      BC(Jf, FV_PHIE) += dk[4];
      BC(Jf, Jf) += dk[5] + dk[2] * dsurf_djn;
      for (PetscInt l = 0; l < n; l++)
        BC(Jf, C0 + l) += dk[2] * wk->dsurf[l] + (law ? dk[0] * dfc_dth * wk->wavg[l] : 0);
      if (m->contact) BC(Jf, P) += dk[0] * dfc_dfp;
      /* shells */
      for (PetscInt a = 0; a < n; a++) {
        for (PetscInt l = 0; l < n; l++)
          BC(C0 + a, C0 + l) += wk->dres[a * n + l];
        BC(C0 + a, Jf) += wk->dres_djn[a];
      }
      for (PetscInt sh = n; sh < m->nr; sh++)
        BC(C0 + sh, C0 + sh) = 1;
      /* the reaction source a_f J_f h in the salt, charge and solid rows */
      if (!r->solid) BC(FV_C, Jf) -= fm->a * h / zF;
      BC(FV_PHIE, Jf) -= fm->a * h;
      BC(FV_PHIS, Jf) += fm->a * h;
      if (c->dheat) { /* the reaction heat: (aJ, phis, phie, sto_surf, sto_avg, T) chained */
        PetscReal q, dq[6];
        e->err |= FvHeatReactionDeriv(m->heat_form, &r->ocp, &r->dUdT, m->R, T, fm->a * jf,
                                      y[FV_PHIS], y[FV_PHIE], cs_surf / r->c_max, theta, &q, dq);
        c->dheat[Jf] += h * (dq[0] * fm->a + dq[3] * dsurf_djn / r->c_max);
        c->dheat[FV_PHIS] += h * dq[1];
        c->dheat[FV_PHIE] += h * dq[2];
        for (PetscInt l = 0; l < n; l++)
          c->dheat[C0 + l] += h * (dq[3] * wk->dsurf[l] / r->c_max + dq[4] * wk->wavg[l]);
        if (iT >= 0) c->dheat[iT] += h * (dq[5] + dq[3] * dsurf_dT / r->c_max);
      }
    } else {
      BC(Jf, Jf) = 1;
      for (PetscInt sh = 0; sh < m->nr; sh++)
        BC(C0 + sh, C0 + sh) = 1;
    }
  }
#undef BC
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SetId(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  (void)data;
  if (c->r->electrode)
    for (PetscInt fi = 0; fi < c->r->nfam; fi++)
      for (PetscInt s = 0; s < c->r->nshells; s++)
        v[FvIdxCs(&p->model, fi) + s] = 1;
  return PETSC_SUCCESS;
}

/* scales: interface current 1C/(a L), particle concentration c_max */
static PetscErrorCode AbsTol(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                             void *data) {
  const FvModel *m       = &p->model;
  const FvRegionModel *r = c->r;
  (void)data;
  for (PetscInt fi = 0; fi < m->nfam; fi++) {
    v[FvIdxJn(m, fi)] =
        r->electrode ? rtol * m->one_c / (r->a * p->mesh.h[c->i] * p->mesh.M) : rtol * m->one_c;
    for (PetscInt s = 0; s < m->nr; s++)
      v[FvIdxCs(m, fi) + s] = rtol * (r->electrode ? r->c_max : 1.0);
  }
  return PETSC_SUCCESS;
}

static PetscErrorCode Initial(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  const FvRegionModel *r = c->r;
  (void)data;
  if (r->electrode)
    for (PetscInt fi = 0; fi < r->nfam; fi++)
      for (PetscInt s = 0; s < r->nshells; s++)
        v[FvIdxCs(&p->model, fi) + s] = r->sto0 * r->c_max;
  return PETSC_SUCCESS;
}

/* a uniform reaction over the particle area */
static PetscErrorCode Guess(FvProblem *p, const FvGuess *gs, const FvCell *c, PetscScalar *v,
                            void *data) {
  const FvRegionModel *r = c->r;
  const PetscInt rg      = p->mesh.region[c->i];
  (void)data;
  if (r->electrode) {
    for (PetscInt fi = 0; fi < r->nfam; fi++)
      v[FvIdxJn(&p->model, fi)] = (rg == FV_NEG ? 1 : -1) * gs->Icell / (r->a * p->mesh.Lreg[rg]);
  } else
    v[FV_JN] = 0;
  return PETSC_SUCCESS;
}

/* volume-weighted over the families; contact area-weighted */
static PetscErrorCode Fields(FvProblem *p, const FvCell *c, PetscReal *fields[], void *data) {
  const FvModel *m       = &p->model;
  const FvRegionModel *r = c->r;
  const PetscScalar *v   = c->y;
  const PetscInt q       = c->q;
  (void)data;
  for (PetscInt fi = 0; m->nfam > 1 && fi < PetscMin(m->nfam, FV_MAX_OUT_FAMILIES); fi++)
    fields[FV_NFIELDS + fi][q] = NAN;
  if (r->electrode) {
    PetscReal surf = 0, avg = 0, area = 0;
    for (PetscInt fi = 0; fi < r->nfam; fi++) {
      const FvRegionModel *fm = &c->rc->fam[fi];
      const PetscInt C0       = FvIdxCs(m, fi);
      const PetscReal wf = r->fam[fi].eps_am / r->eps_am, fp = m->contact ? v[FvIdxFp(m, fi)] : 1.0;
      const PetscReal mean = FvParticleAverage(fm, &v[C0]);
      PetscReal cs_surf = NAN, fc = NAN;
      (void)FvContactFraction(&r->contact, FvTemperature(p, v), m->R, fm->f0, fp, mean / r->c_max,
                              &fc);
      (void)FvParticleSurfaceT(m, fm, FvTemperature(p, v), &v[C0], v[FvIdxJn(m, fi)], &cs_surf);
      surf += wf * cs_surf;
      avg += wf * mean;
      area += fm->a * fc;
      if (m->nfam > 1 && fi < FV_MAX_OUT_FAMILIES) fields[FV_NFIELDS + fi][q] = fc;
    }
    fields[FV_FIELD_CSSURF][q]  = surf;
    fields[FV_FIELD_CSAVG][q]   = avg;
    fields[FV_FIELD_CONTACT][q] = c->rc->a > 0 ? area / c->rc->a : NAN;
    fields[FV_FIELD_AREA][q]    = area;
  } else {
    fields[FV_FIELD_CSSURF][q] = fields[FV_FIELD_CSAVG][q] = NAN;
    fields[FV_FIELD_CONTACT][q] = fields[FV_FIELD_AREA][q] = NAN;
  }
  return PETSC_SUCCESS;
}

const FvModule FvModuleParticles = {.name     = "particles",
                                    .layout   = Layout,
                                    .couple   = Couple,
                                    .setup    = Setup,
                                    .destroy  = Destroy,
                                    .residual = Residual,
                                    .jacobian = Jacobian,
                                    .set_id   = SetId,
                                    .abstol   = AbsTol,
                                    .initial  = Initial,
                                    .guess    = Guess,
                                    .fields   = Fields};
