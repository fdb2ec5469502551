/* module_interphase.c -- the resistive interphase at the active | solid-electrolyte interface.
 *
 * Owns: per particle family f of an electrode with an interphase: section, the film resistance
 * R_f [ohm m2 per contacting area] (slot group "R_int") and the charge its growth consumed q_f
 * [C per m2 of particle surface] (slot group "q_int"), both differential (models/interphase.h;
 * docs/assb.md §7):
 *   dR_f/dt = beta j_sd(phi_s - phi_e, R_f),   dq_f/dt = f_c j_sd
 * with f_c the family's contact fraction (module_contact.c's law; f_0 without one), and the side
 * current a_f f_c j_sd h that it adds to the electronic (+) and ionic (-) charge rows (and the salt
 * row of a liquid, / z+ nu+ F), as the particle module adds the intercalation current: the
 * oxidation passes charge through the cell without storing lithium in the particles. The particle
 * module reads R_f (slot "R_int") as a resistance in series with the film of its Butler-Volmer row.
 * Identities elsewhere (R = 0: no extra resistance). Output fields: the interphase resistance and
 * the connected share of the active material (families whose contact fraction is above zero).
 * The side reaction's driving force is taken at the cell's temperature of the case (isothermal).
 */
#include "module.h"
#include "module_contact.h"

typedef struct {
  PetscInt R, q;     /* first slot of each group (family f at R + f, q + f) */
  FvShellWeights sw; /* mean-stoichiometry weights of the shells (module_contact.h) */
} Work;

static PetscBool HasLaw(const FvRegionModel *r) {
  return (PetscBool)(r->electrode && r->interphase.enabled);
}

/* Rows R_f: phi_s, phi_e, R_f. Rows q_f: those and the family's shells and f_p (through f_c).
 * The charge rows (c, phi_e, phi_s) see the same; the family's j_n row sees R_f. */
static PetscErrorCode Layout(FvProblem *p, FvLayout *L, void **data) {
  const FvModel *m = &p->model;
  PetscBool any    = PETSC_FALSE;
  Work *w;
  PetscFunctionBeginUser;
  *data = NULL;
  for (PetscInt g = 0; g < FV_NREGIONS; g++)
    any = (PetscBool)(any || HasLaw(&m->reg[g]));
  if (!any) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscNew(&w));
  PetscCall(FvShellWeightsCreate(m, &w->sw));
  PetscCall(FvLayoutAddSlots(L, "R_int", m->nfam, &w->R));
  PetscCall(FvLayoutAddSlots(L, "q_int", m->nfam, &w->q));
  for (PetscInt f = 0; f < m->nfam; f++) {
    const PetscInt R = w->R + f, q = w->q + f, c0 = FvIdxCs(m, f), jn = FvIdxJn(m, f);
    const PetscInt rows[] = {R, q, FV_C, FV_PHIE, FV_PHIS};
    PetscCall(FvLayoutCoupleCell(L, jn, R));
    for (PetscInt a = 0; a < 5; a++) {
      PetscCall(FvLayoutCoupleCell(L, rows[a], FV_PHIS));
      PetscCall(FvLayoutCoupleCell(L, rows[a], FV_PHIE));
      PetscCall(FvLayoutCoupleCell(L, rows[a], R));
      if (rows[a] == R) continue;
      for (PetscInt l = 0; l < m->nr; l++)
        PetscCall(FvLayoutCoupleCell(L, rows[a], c0 + l));
      if (m->contact) PetscCall(FvLayoutCoupleCell(L, rows[a], FvIdxFp(m, f)));
    }
    PetscCall(FvLayoutCoupleCell(L, q, q));
  }
  *data = w;
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
  const Work *w          = data;
  const FvModel *m       = &p->model;
  const FvRegionModel *r = c->r;
  const PetscScalar *y = c->y, *yp = c->yp;
  PetscReal src = 0; /* side current in the cell [A m-2] */
  PetscFunctionBeginUser;
  if (!w) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt fi = 0; fi < m->nfam; fi++) {
    const PetscInt R = w->R + fi, q = w->q + fi;
    if (HasLaw(r) && fi < r->nfam) {
      const FvRegionModel *fm = &c->rc->fam[fi];
      const PetscReal fp      = m->contact ? y[FvIdxFp(m, fi)] : 1.0;
      const PetscReal theta   = FvParticleAverage(fm, &y[FvIdxCs(m, fi)]) / r->c_max;
      PetscReal fc, j;
      e->err |= FvContactFraction(&r->contact, m->T, m->R, fm->f0, fp, theta, &fc);
      e->err |= FvInterphaseCurrent(&r->interphase, m->FRT, y[FV_PHIS] - y[FV_PHIE], y[R], &j, NULL,
                                    NULL);
      f[R] = yp[R] - r->interphase.beta * j;
      f[q] = yp[q] - fc * j;
      src += fm->a * fc * j * c->h;
    } else {
      f[R] = y[R];
      f[q] = y[q];
    }
  }
  if (HasLaw(r)) {
    if (!r->solid) f[FV_C] -= src / (m->zplus * m->nuplus * m->F);
    f[FV_PHIE] -= src;
    f[FV_PHIS] += src;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Jacobian(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data) {
  Work *w                = data;
  const FvModel *m       = &p->model;
  const FvRegionModel *r = c->r;
  const PetscScalar *y   = c->y;
  const PetscReal zF     = m->zplus * m->nuplus * m->F;
#define BC(row, col) (*FvBlockAt(b, row, col))
  PetscFunctionBeginUser;
  if (!w) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt fi = 0; fi < m->nfam; fi++) {
    const PetscInt R = w->R + fi, q = w->q + fi, C0 = FvIdxCs(m, fi);
    if (HasLaw(r) && fi < r->nfam) {
      const FvRegionModel *fm = &c->rc->fam[fi];
      const PetscInt n = r->nshells, P = m->contact ? FvIdxFp(m, fi) : -1;
      const PetscReal fp    = m->contact ? y[P] : 1.0;
      const PetscReal theta = FvParticleAverage(fm, &y[C0]) / r->c_max;
      const PetscReal beta = r->interphase.beta, ah = fm->a * c->h;
      const PetscReal sc[3]  = {1.0, -1.0, r->solid ? 0.0 : -1.0 / zF}; /* phi_s, phi_e, c rows */
      const PetscInt srow[3] = {FV_PHIS, FV_PHIE, FV_C};
      PetscReal fc, dfc_dfp, dfc_dth, j, dj_dphi, dj_dR;
      e->err |= FvContactFractionDeriv(&r->contact, m->T, m->R, fm->f0, fp, theta, &fc, &dfc_dfp,
                                       &dfc_dth);
      e->err |= FvInterphaseCurrent(&r->interphase, m->FRT, y[FV_PHIS] - y[FV_PHIE], y[R], &j,
                                    &dj_dphi, &dj_dR);
      if (e->err) PetscFunctionReturn(PETSC_SUCCESS);
      FvShellWeightsCompute(&w->sw, fm, n, r->c_max);
      /* R row: R' - beta j */
      BC(R, R) += e->cj - beta * dj_dR;
      BC(R, FV_PHIS) -= beta * dj_dphi;
      BC(R, FV_PHIE) += beta * dj_dphi;
      /* q row: q' - fc j, and the charge rows +-(a h) fc j */
      BC(q, q) += e->cj;
      for (PetscInt k = -1; k < 3; k++) {
        const PetscInt row = k < 0 ? q : srow[k];
        const PetscReal s  = k < 0 ? -1.0 : sc[k] * ah; /* d row / d(fc j) */
        if (s == 0) continue;
        BC(row, FV_PHIS) += s * fc * dj_dphi;
        BC(row, FV_PHIE) -= s * fc * dj_dphi;
        BC(row, R) += s * fc * dj_dR;
        for (PetscInt l = 0; l < n; l++)
          BC(row, C0 + l) += s * dfc_dth * w->sw.w[l] * j;
        if (P >= 0) BC(row, P) += s * dfc_dfp * j;
      }
    } else {
      BC(R, R) = 1;
      BC(q, q) = 1;
    }
  }
#undef BC
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SetId(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  const Work *w = data;
  if (w && HasLaw(c->r))
    for (PetscInt fi = 0; fi < c->r->nfam; fi++)
      v[w->R + fi] = v[w->q + fi] = 1;
  (void)p;
  return PETSC_SUCCESS;
}

/* scales: the resistance 1e-3 ohm m2 (a fresh film; grown films are of order 0.1-1), the charge
 * one hour at 1C spread over the particle surface */
static PetscErrorCode AbsTol(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                             void *data) {
  const Work *w          = data;
  const FvModel *m       = &p->model;
  const FvRegionModel *r = c->r;
  if (!w) return PETSC_SUCCESS;
  for (PetscInt fi = 0; fi < m->nfam; fi++) {
    v[w->R + fi] = rtol * 1e-3;
    v[w->q + fi] =
        rtol * (HasLaw(r) ? m->one_c * 3600.0 / (r->a * p->mesh.Lreg[p->mesh.region[c->i]]) : 1.0);
  }
  return PETSC_SUCCESS;
}

static PetscErrorCode Initial(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  const Work *w = data;
  (void)p;
  if (w && HasLaw(c->r))
    for (PetscInt fi = 0; fi < c->r->nfam; fi++)
      v[w->R + fi] = c->r->interphase.R0;
  return PETSC_SUCCESS;
}

/* volume-weighted over the families; the connected share is that of families with f_c > 0 */
static PetscErrorCode Fields(FvProblem *p, const FvCell *c, PetscReal *fields[], void *data) {
  const Work *w            = data;
  const FvModel *m         = &p->model;
  const FvRegionModel *r   = c->r;
  const PetscScalar *v     = c->y;
  const PetscInt q         = c->q;
  fields[FV_FIELD_RINT][q] = fields[FV_FIELD_ACTIVE][q] = NAN;
  if (!r->electrode) return PETSC_SUCCESS;
  fields[FV_FIELD_RINT][q] = fields[FV_FIELD_ACTIVE][q] = 0;
  for (PetscInt fi = 0; fi < r->nfam; fi++) {
    const FvRegionModel *fm = &c->rc->fam[fi];
    const PetscReal wf = r->fam[fi].eps_am / r->eps_am, fp = m->contact ? v[FvIdxFp(m, fi)] : 1.0;
    PetscReal fc = 0;
    (void)FvContactFraction(&r->contact, m->T, m->R, fm->f0, fp,
                            FvParticleAverage(fm, &v[FvIdxCs(m, fi)]) / r->c_max, &fc);
    if (fc > 0) fields[FV_FIELD_ACTIVE][q] += wf;
    if (w && HasLaw(r)) fields[FV_FIELD_RINT][q] += wf * v[w->R + fi];
  }
  return PETSC_SUCCESS;
}

const FvModule FvModuleInterphase = {.name     = "interphase",
                                     .layout   = Layout,
                                     .destroy  = Destroy,
                                     .residual = Residual,
                                     .jacobian = Jacobian,
                                     .set_id   = SetId,
                                     .abstol   = AbsTol,
                                     .initial  = Initial,
                                     .fields   = Fields};
