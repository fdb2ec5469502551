/* problem_jacobian.c -- the analytic Jacobian dF/dy + cj dF/dy' of FvProblemResidual.
 *
 * Owns: FvProblemJacobian. It follows the residual of problem.c term by term: every face flux
 * carries its derivatives with respect to the unknowns of its two cells, every pointwise law its
 * own (models/: FvElectrolyteEvalDeriv, FvElectrolyteFaceJacobian,
 * FvElectrolyteBoundaryFaceJacobian, FvKineticsJacobianContact, FvMetalKineticsJacobianContact,
 * FvParticleJacobian, FvContactFractionDeriv, FvContactResidualJacobian; property derivatives
 * through FvPropertyEvalDeriv), chained here. Each owned cell fills a dense local block (its own
 * dof and the C, PHIE, PHIS, CUR, JN columns of its face neighbours) that is then inserted row by
 * row into the matrix preallocated by DMCreateMatrix with the dfill/ofill of FvProblemCreate;
 * entries outside that pattern must be zero, and a nonzero one is an error (a coupling the
 * pattern misses), never dropped silently.
 */
#include <math.h>
#include "problem.h"

/* Local block: neighbour slots and the unknowns of a neighbour a face flux may depend on. */
enum { NB_C = 0, NB_XM, NB_XP, NB_YM, NB_YP, NB_ZM, NB_ZP, NB_N };
#define NFV (FV_JN + 1) /* C, PHIE, PHIS, CUR, JN */

/* Derivatives of a face's fluxes with respect to the NFV unknowns of its left (0) and right (1)
 * cells. */
typedef struct {
  PetscReal N[2][NFV], ie[2][NFV], is[2][NFV];
} FvFaceJac;

struct _p_FvJacWork {
  FvElectrolyteState *ds;      /* d/dc of the electrolyte states on the ghosted box */
  FvFaceJac *jx, *jy, *jz;     /* as p->fx, fy, fz */
  PetscReal *B;                /* dof rows x W columns */
  PetscInt W;                  /* dof + (NB_N - 1) NFV */
  PetscReal *dres, *dres_djn;  /* particle block of one family */
  PetscReal *dsurf, *wavg, *e; /* surface and mean-stoichiometry weights */
  MatStencil *cols;
  PetscScalar *vals;
};

PetscErrorCode FvProblemJacobianWorkDestroy(FvProblem *p) {
  struct _p_FvJacWork *w = p->jw;
  PetscFunctionBeginUser;
  if (!w) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscFree4(w->ds, w->jx, w->jy, w->jz));
  PetscCall(PetscFree(w->B));
  PetscCall(PetscFree5(w->dres, w->dres_djn, w->dsurf, w->wavg, w->e));
  PetscCall(PetscFree2(w->cols, w->vals));
  PetscCall(PetscFree(p->jw));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode WorkCreate(FvProblem *p) {
  const FvMesh *g    = &p->mesh;
  const PetscInt dof = p->model.dof, nr = p->model.nr;
  struct _p_FvJacWork *w;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&w));
  w->W = dof + (NB_N - 1) * NFV;
  PetscCall(PetscMalloc4(FvMeshNGhost(g), &w->ds, (g->xm + 1) * g->ym * g->zm, &w->jx,
                         g->xm * (g->ym + 1) * g->zm, &w->jy, g->xm * g->ym * (g->zm + 1), &w->jz));
  PetscCall(PetscMalloc1(dof * w->W, &w->B));
  PetscCall(
      PetscMalloc5(nr * nr, &w->dres, nr, &w->dres_djn, nr, &w->dsurf, nr, &w->wavg, nr, &w->e));
  PetscCall(PetscMalloc2(w->W, &w->cols, w->W, &w->vals));
  p->jw = w;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The electrolyte state of a cell with its own properties, and its derivative. */
static int EvalElectrolyteDeriv(const FvModel *m, const FvRegionModel *r, const FvCellProps *cp,
                                PetscReal c, FvElectrolyteState *s, FvElectrolyteState *ds) {
  FvRegionModel rc = *r;
  rc.eps_brugg     = cp->eps_brugg;
  rc.sigma_se_eff  = cp->sigma_se_eff;
  return FvElectrolyteEvalDeriv(m, &rc, c, s, ds);
}

/* Collector potential (problem.c's CollectorPotential) and its derivatives by PHIS and CUR. */
static void CollectorPotentialDeriv(const FvProblem *p, const FvCellProps *cp, PetscReal *dphis,
                                    PetscReal *dcur) {
  *dphis = 1;
  *dcur  = p->model.reg[FV_POS].metal ? 0 : -0.5 * p->mesh.h[p->mesh.M - 1] / cp->sigma_eff;
}

/* An interior face through FvElectrolyteFaceJacobian: L and R are the ghosted indices. */
static void FaceJac(const FvModel *m, PetscReal hL, PetscReal hR, const FvElectrolyteState *es,
                    const FvElectrolyteState *ds, PetscInt L, PetscInt R, const PetscScalar *yL,
                    const PetscScalar *yR, FvFaceJac *fj) {
  PetscReal N, ie, dN[4], die[4];
  FvElectrolyteFaceJacobian(m, hL, hR, &es[L], &es[R], &ds[L], &ds[R], yL[FV_C], yR[FV_C],
                            yL[FV_PHIE], yR[FV_PHIE], &N, &ie, dN, die);
  fj->N[0][FV_C]     = dN[0];
  fj->N[1][FV_C]     = dN[1];
  fj->N[0][FV_PHIE]  = dN[2];
  fj->N[1][FV_PHIE]  = dN[3];
  fj->ie[0][FV_C]    = die[0];
  fj->ie[1][FV_C]    = die[1];
  fj->ie[0][FV_PHIE] = die[2];
  fj->ie[1][FV_PHIE] = die[3];
}

/* Column of neighbour slot nb, unknown v (< NFV) in the local block; the cell's own unknowns are
 * columns 0 .. dof - 1. */
static inline PetscInt Col(PetscInt dof, PetscInt nb, PetscInt v) {
  return nb == NB_C ? v : dof + (nb - 1) * NFV + v;
}

/* Row `row` += coef times the flux derivatives of face fj (which q = N, ie or is) whose left
 * cell is slot L and right cell slot R. */
static void AddFace(PetscReal *B, PetscInt W, PetscInt dof, PetscInt row, const FvFaceJac *fj,
                    int which, PetscInt L, PetscInt R, PetscReal coef) {
  const PetscReal(*d)[NFV] = which == 0 ? fj->N : (which == 1 ? fj->ie : fj->is);
  for (PetscInt v = 0; v < NFV; v++) {
    B[row * W + Col(dof, L, v)] += coef * d[0][v];
    B[row * W + Col(dof, R, v)] += coef * d[1][v];
  }
}

PetscErrorCode FvProblemJacobian(FvProblem *p, PetscReal t, Vec Y, Vec Yp, PetscReal cj, Mat J,
                                 PetscBool *bad) {
  const FvModel *m   = &p->model;
  const FvMesh *g    = &p->mesh;
  const PetscInt dof = m->dof, M = g->M, sumi = M >= 2 ? M - 2 : M - 1;
  const PetscInt xs = g->xs, ys = g->ys, zs = g->zs, xm = g->xm, ym = g->ym, zm = g->zm;
  const PetscReal w = 1.0 / (g->ny * g->nz), zF = m->zplus * m->nuplus * m->F;
  FvElectrolyteState *es = (FvElectrolyteState *)p->es, *ds;
  struct _p_FvJacWork *wk;
  const PetscScalar *yl, *ypa;
  PetscInt W, outside = 0;
  PetscReal *B;
  int err = 0;
  (void)t;
  PetscFunctionBeginUser;
  if (!p->jw) PetscCall(WorkCreate(p));
  wk = p->jw;
  W  = wk->W;
  B  = wk->B;
  ds = wk->ds;
  PetscCall(DMGlobalToLocal(g->da, Y, INSERT_VALUES, p->Yloc));
  PetscCall(VecGetArrayRead(p->Yloc, &yl));
  PetscCall(VecGetArrayRead(Yp, &ypa));
  PetscCall(MatZeroEntries(J));
#define GI(i, j, k) FvMeshGhost(g, i, j, k)
#define YG(i, j, k) (yl + FvMeshGhost(g, i, j, k) * dof)
#define PR(i, j, k) (&p->props[FvMeshGhost(g, i, j, k)])

  for (PetscInt k = g->gzs; k < g->gzs + g->gzm; k++)
    for (PetscInt j = g->gys; j < g->gys + g->gym; j++)
      for (PetscInt i = g->gxs; i < g->gxs + g->gxm; i++) {
        const int out =
            (i < xs || i >= xs + xm) + (j < ys || j >= ys + ym) + (k < zs || k >= zs + zm);
        if (out > 1) continue;
        err |= EvalElectrolyteDeriv(m, &m->reg[g->region[i]], PR(i, j, k), YG(i, j, k)[FV_C],
                                    &es[GI(i, j, k)], &ds[GI(i, j, k)]);
      }
  if (err) goto done;

  /* face flux derivatives, as the face loops of FvProblemResidual */
  for (PetscInt k = zs; k < zs + zm; k++)
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i <= xs + xm; i++) {
        FvFaceJac *fj = &wk->jx[((k - zs) * ym + (j - ys)) * (xm + 1) + (i - xs)];
        PetscCall(PetscMemzero(fj, sizeof *fj));
        if (i == 0 && m->reg[FV_NEG].metal) { /* ie = j of cell 0, carried by the cation */
          fj->ie[1][FV_JN] = 1;
          fj->N[1][FV_JN]  = 1 / zF;
        } else if (i == 0) {
          fj->is[1][FV_PHIS] = -1 / (0.5 * g->h[0] / PR(0, j, k)->sigma_eff);
        } else if (i == M && m->reg[FV_POS].metal) {
          fj->ie[0][FV_JN] = -1;
          fj->N[0][FV_JN]  = -1 / zF;
        } else if (i == M) {
          fj->is[0][FV_CUR] = 1;
        } else {
          const PetscInt gL = g->region[i - 1], gR = g->region[i];
          FaceJac(m, g->h[i - 1], g->h[i], es, ds, GI(i - 1, j, k), GI(i, j, k), YG(i - 1, j, k),
                  YG(i, j, k), fj);
          if (gL == gR && m->reg[gL].electrode) {
            const PetscReal rs = 0.5 * g->h[i - 1] / PR(i - 1, j, k)->sigma_eff +
                                 0.5 * g->h[i] / PR(i, j, k)->sigma_eff;
            fj->is[0][FV_PHIS] = 1 / rs;
            fj->is[1][FV_PHIS] = -1 / rs;
          }
        }
      }
  if (g->dim >= 2)
    for (PetscInt k = zs; k < zs + zm; k++)
      for (PetscInt j = ys; j <= ys + ym; j++)
        for (PetscInt i = xs; i < xs + xm; i++) {
          FvFaceJac *fj = &wk->jy[((k - zs) * (ym + 1) + (j - ys)) * xm + (i - xs)];
          PetscCall(PetscMemzero(fj, sizeof *fj));
          if (j == 0 || j == g->ny) continue;
          FaceJac(m, g->dy, g->dy, es, ds, GI(i, j - 1, k), GI(i, j, k), YG(i, j - 1, k),
                  YG(i, j, k), fj);
          if (m->reg[g->region[i]].electrode) {
            const PetscReal rs =
                0.5 * g->dy / PR(i, j - 1, k)->sigma_eff + 0.5 * g->dy / PR(i, j, k)->sigma_eff;
            fj->is[0][FV_PHIS] = 1 / rs;
            fj->is[1][FV_PHIS] = -1 / rs;
          }
        }
  if (g->dim >= 3)
    for (PetscInt k = zs; k <= zs + zm; k++)
      for (PetscInt j = ys; j < ys + ym; j++)
        for (PetscInt i = xs; i < xs + xm; i++) {
          FvFaceJac *fj = &wk->jz[((k - zs) * ym + (j - ys)) * xm + (i - xs)];
          PetscCall(PetscMemzero(fj, sizeof *fj));
          if (k == 0 || k == g->nz) continue;
          FaceJac(m, g->dz, g->dz, es, ds, GI(i, j, k - 1), GI(i, j, k), YG(i, j, k - 1),
                  YG(i, j, k), fj);
          if (m->reg[g->region[i]].electrode) {
            const PetscReal rs =
                0.5 * g->dz / PR(i, j, k - 1)->sigma_eff + 0.5 * g->dz / PR(i, j, k)->sigma_eff;
            fj->is[0][FV_PHIS] = 1 / rs;
            fj->is[1][FV_PHIS] = -1 / rs;
          }
        }

  for (PetscInt k = zs; k < zs + zm; k++)
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i < xs + xm; i++) {
        const FvRegionModel *r = &m->reg[g->region[i]];
        const FvCellProps *cp  = PR(i, j, k);
        const PetscInt q       = FvMeshOwned(g, i, j, k);
        const PetscScalar *y = YG(i, j, k), *yp = ypa + q * dof;
        const FvFaceJac *xl = &wk->jx[((k - zs) * ym + (j - ys)) * (xm + 1) + (i - xs)],
                        *xr = xl + 1;
        const PetscReal h = g->h[i], jn = y[FV_JN];
        FvRegionModel rc;
#define BC(row, col) B[(row)*W + (col)]
        PetscCall(PetscArrayzero(B, dof * W));
        FvRegionForCell(r, cp, &rc, p->famc, p->scratch);
        /* divergences: + right face, - left face; in-plane faces per unit of x-face area */
        for (int which = 0; which < 3; which++) {
          const PetscInt row = which == 0 ? FV_C : (which == 1 ? FV_PHIE : FV_PHIS);
          if (which == 0 && r->solid) continue;
          if (which == 2 && !r->electrode) continue;
          AddFace(B, W, dof, row, xr, which, NB_C, NB_XP, 1.0);
          AddFace(B, W, dof, row, xl, which, NB_XM, NB_C, -1.0);
          if (g->dim >= 2) {
            const FvFaceJac *yl0 = &wk->jy[((k - zs) * (ym + 1) + (j - ys)) * xm + (i - xs)];
            AddFace(B, W, dof, row, yl0 + xm, which, NB_C, NB_YP, h / g->dy);
            AddFace(B, W, dof, row, yl0, which, NB_YM, NB_C, -h / g->dy);
          }
          if (g->dim >= 3) {
            const FvFaceJac *zl0 = &wk->jz[((k - zs) * ym + (j - ys)) * xm + (i - xs)];
            AddFace(B, W, dof, row, zl0 + xm * ym, which, NB_C, NB_ZP, h / g->dz);
            AddFace(B, W, dof, row, zl0, which, NB_ZM, NB_C, -h / g->dz);
          }
        }
        BC(FV_C, FV_C) += cj * rc.eps_e * h;
        /* particle families */
        for (PetscInt fi = 0; fi < m->nfam; fi++) {
          const PetscInt Jf = FvIdxJn(m, fi), C0 = FvIdxCs(m, fi), P = FvIdxFp(m, fi);
          if (r->electrode && fi < r->nfam) {
            const FvRegionModel *fm = &rc.fam[fi];
            const PetscInt n        = r->nshells;
            const PetscReal jf = y[Jf], fp = m->contact ? y[P] : 1.0;
            const PetscBool law = (PetscBool)(r->contact.kind != FV_CONTACT_NONE);
            PetscReal theta = 0, theta_t = 0, fcon, dfc_dfp = 0, dfc_dth = 0, cs_surf, dsurf_djn,
                      res, dk[6];
            /* the mean stoichiometry is linear in the shells: its weights */
            for (PetscInt l = 0; l < n; l++)
              wk->e[l] = 0;
            for (PetscInt l = 0; law && l < n; l++) {
              wk->e[l]    = 1;
              wk->wavg[l] = FvParticleAverage(fm, wk->e) / r->c_max;
              wk->e[l]    = 0;
            }
            theta = FvParticleAverage(fm, &y[C0]) / r->c_max;
            err |= FvContactFractionDeriv(&r->contact, m->T, m->R, fm->f0, fp, theta, &fcon,
                                          &dfc_dfp, &dfc_dth);
            err |= FvParticleSurface(m, fm, &y[C0], jf, &cs_surf);
            err |= FvParticleJacobian(m, fm, &y[C0], jf, cj, wk->dres, wk->dres_djn, wk->dsurf,
                                      &dsurf_djn);
            err |= FvKineticsJacobianContact(m, fm, fcon, y[FV_C], cs_surf, y[FV_PHIS], y[FV_PHIE],
                                             jf, &res, dk);
            if (err) goto done;
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
            if (m->contact) {
              if (law) {
                PetscReal dc[4];
                theta_t = FvParticleAverage(fm, &yp[C0]) / r->c_max;
                err |= FvContactResidualJacobian(&r->contact, m->T, m->R, fp, yp[P], theta, theta_t,
                                                 &res, dc);
                BC(P, P) += dc[0] + cj * dc[1];
                for (PetscInt l = 0; l < n; l++)
                  BC(P, C0 + l) += (dc[2] + cj * dc[3]) * wk->wavg[l];
              } else
                BC(P, P) = 1;
            }
            /* the reaction source a_f J_f h in the salt, charge and solid rows */
            if (!r->solid) BC(FV_C, Jf) -= fm->a * h / zF;
            BC(FV_PHIE, Jf) -= fm->a * h;
            BC(FV_PHIS, Jf) += fm->a * h;
          } else {
            BC(Jf, Jf) = 1;
            for (PetscInt sh = 0; sh < m->nr; sh++)
              BC(C0 + sh, C0 + sh) = 1;
            if (m->contact) BC(P, P) = 1;
          }
        }
        /* the collector comb and the operating mode */
        if (i == M - 1 && !FvMeshIsCombRoot(g, j, k)) {
          const PetscBool alongy = (PetscBool)(j < g->ny - 1);
          const PetscInt jp = alongy ? j + 1 : j, kp = alongy ? k : k + 1;
          const PetscInt nb = alongy ? NB_YP : NB_ZP;
          PetscReal dp, dc;
          CollectorPotentialDeriv(p, cp, &dp, &dc);
          BC(FV_CUR, FV_PHIS) += dp;
          BC(FV_CUR, FV_CUR) += dc;
          CollectorPotentialDeriv(p, PR(i, jp, kp), &dp, &dc);
          BC(FV_CUR, Col(dof, nb, FV_PHIS)) -= dp;
          BC(FV_CUR, Col(dof, nb, FV_CUR)) -= dc;
        } else if (i == M - 1) {
          const PetscInt si    = sumi == i ? NB_C : NB_XM;
          const PetscReal Itot = YG(sumi, j, k)[FV_CUR];
          PetscReal dp, dc, V;
          CollectorPotentialDeriv(p, cp, &dp, &dc);
          V = y[FV_PHIS] + dc * y[FV_CUR] - m->r_contact * Itot;
          switch (p->mode) {
          case FV_MODE_CURRENT:
            BC(FV_CUR, Col(dof, si, FV_CUR)) += 1;
            break;
          case FV_MODE_VOLTAGE:
            BC(FV_CUR, FV_PHIS) += dp;
            BC(FV_CUR, FV_CUR) += dc;
            BC(FV_CUR, Col(dof, si, FV_CUR)) -= m->r_contact;
            break;
          case FV_MODE_POWER: /* Itot V */
            BC(FV_CUR, FV_PHIS) += Itot * dp;
            BC(FV_CUR, FV_CUR) += Itot * dc;
            BC(FV_CUR, Col(dof, si, FV_CUR)) += V - Itot * m->r_contact;
            break;
          }
        } else if (i == sumi) {
          BC(FV_CUR, FV_CUR) += 1;
          BC(FV_CUR, Col(dof, NB_XP, FV_CUR)) -= w;
          if (j > 0) BC(FV_CUR, Col(dof, NB_YM, FV_CUR)) -= 1;
          if (j == g->ny - 1 && k > 0) BC(FV_CUR, Col(dof, NB_ZM, FV_CUR)) -= 1;
        } else
          BC(FV_CUR, FV_CUR) = 1;
        if (!r->electrode) {
          BC(FV_PHIS, FV_PHIS) = 1;
          if (i == 0 && m->reg[FV_NEG].metal) { /* negative metal at x = 0, grounded */
            PetscReal cf, pf, dcf[3], dpf[3], res, d[4];
            FvElectrolyteBoundaryFaceJacobian(m, h, &es[GI(i, j, k)], &ds[GI(i, j, k)], y[FV_C],
                                              y[FV_PHIE], jn, -1, &cf, &pf, dcf, dpf);
            err |= FvMetalKineticsJacobianContact(m, &m->reg[FV_NEG], cp->contact, cf, 0.0, pf, jn,
                                                  &res, d);
            for (PetscInt c = 0; c < W; c++)
              BC(FV_JN, c) = 0;
            BC(FV_JN, FV_C)    = d[0] * dcf[0] + d[2] * dpf[0];
            BC(FV_JN, FV_PHIE) = d[2] * dpf[1];
            BC(FV_JN, FV_JN)   = d[3] + d[0] * dcf[2] + d[2] * dpf[2];
          }
          if (i == M - 1 && m->reg[FV_POS].metal) { /* positive metal at x = L, i = -jn */
            PetscReal cf, pf, dcf[3], dpf[3], res, d[4];
            FvElectrolyteBoundaryFaceJacobian(m, h, &es[GI(i, j, k)], &ds[GI(i, j, k)], y[FV_C],
                                              y[FV_PHIE], -jn, +1, &cf, &pf, dcf, dpf);
            err |= FvMetalKineticsJacobianContact(m, &m->reg[FV_POS], cp->contact, cf, y[FV_PHIS],
                                                  pf, jn, &res, d);
            for (PetscInt c = 0; c < W; c++)
              BC(FV_JN, c) = 0;
            BC(FV_JN, FV_C)    = d[0] * dcf[0] + d[2] * dpf[0];
            BC(FV_JN, FV_PHIE) = d[2] * dpf[1];
            BC(FV_JN, FV_PHIS) = d[1];
            BC(FV_JN, FV_JN)   = d[3] - d[0] * dcf[2] - d[2] * dpf[2];
            for (PetscInt c = 0; c < W; c++)
              BC(FV_PHIS, c) = 0;
            BC(FV_PHIS, FV_CUR) = 1;
            BC(FV_PHIS, FV_JN)  = 1;
          }
        }
        if (err) goto done;
#undef BC
        /* insert the block's rows: the cell's pattern and its existing face neighbours */
        {
          const PetscBool has[NB_N]   = {PETSC_TRUE,
                                         (PetscBool)(i > 0),
                                         (PetscBool)(i < M - 1),
                                         (PetscBool)(g->dim >= 2 && j > 0),
                                         (PetscBool)(g->dim >= 2 && j < g->ny - 1),
                                         (PetscBool)(g->dim >= 3 && k > 0),
                                         (PetscBool)(g->dim >= 3 && k < g->nz - 1)};
          const PetscInt off[NB_N][3] = {{0, 0, 0}, {-1, 0, 0}, {1, 0, 0}, {0, -1, 0},
                                         {0, 1, 0}, {0, 0, -1}, {0, 0, 1}};
          for (PetscInt row = 0; row < dof; row++) {
            const PetscReal *b = B + row * W;
            MatStencil rs      = {.k = k, .j = j, .i = i, .c = row};
            PetscInt nc        = 0;
            for (PetscInt c = 0; c < dof; c++) {
              if (!p->dfill || p->dfill[row * dof + c]) {
                wk->cols[nc]   = (MatStencil){.k = k, .j = j, .i = i, .c = c};
                wk->vals[nc++] = b[c];
              } else if (b[c] != 0)
                outside++;
            }
            for (PetscInt nb = 1; nb < NB_N; nb++)
              for (PetscInt v = 0; v < NFV; v++) {
                const PetscReal val = b[Col(dof, nb, v)];
                if (has[nb] && (!p->dfill || (row <= FV_CUR && v <= FV_CUR))) {
                  wk->cols[nc] = (MatStencil){
                      .k = k + off[nb][2], .j = j + off[nb][1], .i = i + off[nb][0], .c = v};
                  wk->vals[nc++] = val;
                } else if (val != 0)
                  outside++;
              }
            PetscCall(MatSetValuesStencil(J, 1, &rs, nc, wk->cols, wk->vals, INSERT_VALUES));
          }
        }
      }
done:
#undef GI
#undef YG
#undef PR
  PetscCall(VecRestoreArrayRead(p->Yloc, &yl));
  PetscCall(VecRestoreArrayRead(Yp, &ypa));
  PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  PetscCheck(!outside, PETSC_COMM_SELF, PETSC_ERR_PLIB,
             "analytic Jacobian: %" PetscInt_FMT
             " nonzero entries fall outside the preallocated pattern (a coupling dfill/ofill of "
             "FvProblemCreate misses)",
             outside);
  *bad = err ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(PETSC_SUCCESS);
}
