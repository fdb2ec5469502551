/* heat_profile.c -- the heat sources of a state (see heat_profile.h).
 *
 * The face currents are those of FvProblemResidual (docs/numerics.md §1, docs/model.md §9, §11):
 * harmonic half-cell resistances inside a region and across region boundaries for the ionic
 * current, the electronic current only within an electrode, the grounded negative collector over
 * the first half cell, the positive collector's current I over the last half cell, and a metal
 * interface's current with the electrolyte's face values extrapolated over half a cell. Each face's
 * heat (T3) goes to its two half cells in proportion to their resistances; a boundary face's heat
 * belongs to its one cell. Reaction heats (T4)-(T6) per family, (T7) at a metal face, (T8) in the
 * last cell. Summed over the cells they close the balance (T13) to the accuracy of the charge
 * balance of Y.
 */
#include "heat_profile.h"

/* The electrolyte state of a cell with its own properties at its temperature (as the residual
 * evaluates it). */
static int CellElectrolyte(const FvModel *m, const FvRegionModel *r, const FvCellProps *cp,
                           PetscReal c, PetscReal T, FvElectrolyteState *s) {
  FvRegionModel rc = *r;
  rc.eps_brugg     = cp->eps_brugg;
  rc.sigma_se_eff  = cp->sigma_se_eff;
  return FvElectrolyteEvalT(m, &rc, c, T, s);
}

/* An electrolyte's effective conductivity for the split of a face's heat. */
static PetscReal Kappa(const FvElectrolyteState *s) {
  return s->kappa_eff > 0 ? s->kappa_eff : 1.0;
}

PetscErrorCode FvProblemHeat(FvProblem *p, Vec Y, PetscReal T, FvReactionHeat form,
                             PetscReal *cellq, PetscReal total[FV_NHEAT], PetscBool *bad) {
  const FvModel *m   = &p->model;
  const FvMesh *g    = &p->mesh;
  const PetscInt dof = m->dof, M = g->M, xs = g->xs, xm = g->xm;
  const PetscScalar *yl;
  PetscReal *q, loc[FV_NHEAT];
  FvElectrolyteState *es;
  int err = 0;
  PetscFunctionBeginUser;
  PetscCheck(g->dim == 1, PetscObjectComm((PetscObject)g->da), PETSC_ERR_SUP,
             "the heat of a state is evaluated on 1D cells only (this problem is %" PetscInt_FMT
             "D)",
             g->dim);
  PetscCall(PetscCalloc1((size_t)xm * FV_NHEAT, &q));
  PetscCall(PetscMalloc1(g->gxm, &es));
  PetscCall(DMGlobalToLocal(g->da, Y, INSERT_VALUES, p->Yloc));
  PetscCall(VecGetArrayRead(p->Yloc, &yl));
#define YG(i) (yl + FvMeshGhost(g, i, 0, 0) * dof)
#define PR(i) (&p->props[FvMeshGhost(g, i, 0, 0)])
#define ES(i) (&es[(i)-g->gxs])
#define Q(i, t) (q[((i)-xs) * FV_NHEAT + (t)])
#define TC(i) (p->layout->T >= 0 ? YG(i)[p->layout->T] : T) /* the cell's temperature */
  for (PetscInt i = g->gxs; i < g->gxs + g->gxm; i++)
    err |= CellElectrolyte(m, &m->reg[g->region[i]], PR(i), YG(i)[FV_C], TC(i), ES(i));
  /* x faces xs .. xs + xm; face i lies between cells i - 1 and i: its heat per face area [W m-2]
   * is added to the owned half cells */
  for (PetscInt i = xs; i <= xs + xm && !err; i++) {
    const PetscBool hasL = (PetscBool)(i - 1 >= xs), hasR = (PetscBool)(i < xs + xm);
    if (i == 0 || i == M) { /* the collectors' faces and the metal interfaces */
      const PetscInt ic      = i == 0 ? 0 : M - 1;
      const PetscScalar *y   = YG(ic);
      const PetscInt gm      = i == 0 ? FV_NEG : FV_POS;
      const PetscReal h      = g->h[ic];
      const FvCellProps *cp  = PR(ic);
      const FvRegionModel *r = &m->reg[g->region[ic]];
      if ((i == 0 && !hasR) || (i == M && !hasL)) continue;
      if (m->reg[gm].metal) { /* the interface and the electrolyte's outer half cell */
        const PetscReal jn = y[FV_JN], ie = i == 0 ? jn : -jn;
        const PetscReal phim = i == 0 ? 0.0 : y[FV_PHIS];
        PetscReal cf, pf;
        FvElectrolyteBoundaryFace(m, h, ES(ic), y[FV_C], y[FV_PHIE], ie, i == 0 ? -1 : +1, &cf,
                                  &pf);
        Q(ic, FV_HEAT_INTERFACE) += FvHeatInterface(jn, phim, pf);
        Q(ic, FV_HEAT_OHMIC_ELECTROLYTE) +=
            i == 0 ? FvHeatFace(ie, pf, y[FV_PHIE]) : FvHeatFace(ie, y[FV_PHIE], pf);
      } else if (r->electrode) { /* the collector's half cell of the solid */
        const PetscReal rs = 0.5 * h / cp->sigma_eff;
        if (i == 0)
          Q(ic, FV_HEAT_OHMIC_SOLID) += FvHeatFace(-y[FV_PHIS] / rs, 0.0, y[FV_PHIS]);
        else
          Q(ic, FV_HEAT_OHMIC_SOLID) +=
              FvHeatFace(y[FV_CUR], y[FV_PHIS], y[FV_PHIS] - y[FV_CUR] * rs);
      }
      continue;
    }
    {
      const PetscInt gL = g->region[i - 1], gR = g->region[i];
      const PetscScalar *yL = YG(i - 1), *yR = YG(i);
      PetscReal N, ie, qf, qL, qR;
      FvElectrolyteFace(m, g->h[i - 1], g->h[i], ES(i - 1), ES(i), yL[FV_C], yR[FV_C], yL[FV_PHIE],
                        yR[FV_PHIE], &N, &ie);
      qf = FvHeatFace(ie, yL[FV_PHIE], yR[FV_PHIE]);
      FvHeatFaceSplit(qf, g->h[i - 1], Kappa(ES(i - 1)), g->h[i], Kappa(ES(i)), &qL, &qR);
      if (hasL) Q(i - 1, FV_HEAT_OHMIC_ELECTROLYTE) += qL;
      if (hasR) Q(i, FV_HEAT_OHMIC_ELECTROLYTE) += qR;
      if (gL == gR && m->reg[gL].electrode) {
        const PetscReal sL = PR(i - 1)->sigma_eff, sR = PR(i)->sigma_eff;
        const PetscReal rs = 0.5 * g->h[i - 1] / sL + 0.5 * g->h[i] / sR;
        qf = FvHeatFace(-(yR[FV_PHIS] - yL[FV_PHIS]) / rs, yL[FV_PHIS], yR[FV_PHIS]);
        FvHeatFaceSplit(qf, g->h[i - 1], sL, g->h[i], sR, &qL, &qR);
        if (hasL) Q(i - 1, FV_HEAT_OHMIC_SOLID) += qL;
        if (hasR) Q(i, FV_HEAT_OHMIC_SOLID) += qR;
      }
    }
  }
  /* reactions and the contact resistance, per cell */
  for (PetscInt i = xs; i < xs + xm && !err; i++) {
    const FvRegionModel *r = &m->reg[g->region[i]];
    const PetscScalar *y   = YG(i);
    if (r->electrode) {
      const FvRegionModel *rc = p->rcell[FvMeshGhost(g, i, 0, 0)]; /* with its fields */
      for (PetscInt fi = 0; fi < r->nfam; fi++) {
        const FvRegionModel *fm = &rc->fam[fi];
        const PetscInt C0       = FvIdxCs(m, fi);
        const PetscReal jf = y[FvIdxJn(m, fi)], avg = FvParticleAverage(fm, &y[C0]) / r->c_max;
        PetscReal cs_surf, qr[FV_NHEAT];
        err |= FvParticleSurfaceT(m, fm, TC(i), &y[C0], jf, &cs_surf);
        err |= FvHeatReaction(form, &r->ocp, &r->dUdT, m->R, TC(i), fm->a * jf, y[FV_PHIS],
                              y[FV_PHIE], cs_surf / r->c_max, avg, qr);
        /* per volume times width: the cell's share per electrode area, like the faces */
        Q(i, FV_HEAT_IRREVERSIBLE) += g->h[i] * qr[FV_HEAT_IRREVERSIBLE];
        Q(i, FV_HEAT_REVERSIBLE) += g->h[i] * qr[FV_HEAT_REVERSIBLE];
        Q(i, FV_HEAT_MIXING) += g->h[i] * qr[FV_HEAT_MIXING];
      }
    }
    if (i == M - 1) Q(i, FV_HEAT_CONTACT) += FvHeatContact(m->r_contact, y[FV_CUR]);
  }
  PetscCall(VecRestoreArrayRead(p->Yloc, &yl));
  /* per volume, the total, and the sums over the cell */
  for (PetscInt t = 0; t < FV_NHEAT; t++)
    loc[t] = 0;
  for (PetscInt i = xs; i < xs + xm; i++) {
    Q(i, FV_HEAT_TOTAL) = 0;
    for (PetscInt t = 0; t < FV_HEAT_TOTAL; t++) {
      Q(i, FV_HEAT_TOTAL) += Q(i, t);
      loc[t] += Q(i, t);
    }
    loc[FV_HEAT_TOTAL] += Q(i, FV_HEAT_TOTAL);
    if (cellq)
      for (PetscInt t = 0; t < FV_NHEAT; t++)
        cellq[(i - xs) * FV_NHEAT + t] = Q(i, t) / g->h[i];
  }
#undef TC
#undef YG
#undef PR
#undef ES
#undef Q
  PetscCall(MPIU_Allreduce(loc, total, FV_NHEAT, MPIU_REAL, MPI_SUM,
                           PetscObjectComm((PetscObject)g->da)));
  {
    int gerr = 0;
    PetscCallMPI(
        MPI_Allreduce(&err, &gerr, 1, MPI_INT, MPI_MAX, PetscObjectComm((PetscObject)g->da)));
    *bad = gerr ? PETSC_TRUE : PETSC_FALSE;
  }
  PetscCall(PetscFree(q));
  PetscCall(PetscFree(es));
  PetscFunctionReturn(PETSC_SUCCESS);
}

void FvCellHeatFace(const FvProblem *p, const FvEval *e, FvCell *c, const FvBlock *b, int fi,
                    PetscInt qi, PetscInt col, PetscReal XL, PetscReal XR, const PetscReal *dXL,
                    const PetscReal *dXR) {
  const FvFaceData *f = c->face[fi];
  const PetscInt dof  = p->model.dof;
  /* the cell is the right cell of its lower faces (even fi) and the left one of its upper faces;
   * the other cell is block neighbour fi + 1 (FV_NB_XM = 1, ...) */
  const int own        = fi % 2 == 0 ? 1 : 0;
  const PetscInt nb[2] = {own ? fi + 1 : FV_NB_SELF, own ? FV_NB_SELF : fi + 1};
  const PetscReal wgt  = fi < 2 ? 1.0 : (fi < 4 ? c->h / p->mesh.dy : c->h / p->mesh.dz);
  PetscReal phiL, phiR, i, q, qs[2];
  if (!f || f->side) return;
  phiL = e->yl[f->L * dof + col];
  phiR = e->yl[f->R * dof + col];
  i    = f->q[qi];
  q    = FvHeatFace(i, phiL, phiR);
  FvHeatFaceSplit(q, f->hL, XL, f->hR, XR, &qs[0], &qs[1]);
  c->heat += wgt * qs[own];
  if (!b || !c->dheat) return;
  {
    /* share = q w, w = r_own/(rL + rR), r = h/X: d share = w dq + q (dw/dr_s)(dr_s/dX_s) dX_s */
    const PetscInt nfc = b->nfc, fc = p->fcol[col];
    const PetscReal rL = f->hL / XL, rR = f->hR / XR, S = rL + rR;
    const PetscBool reg   = (PetscBool)(S > 0 && PetscIsNormalReal(S));
    const PetscReal w     = reg ? (own ? rR : rL) / S : (q != 0 ? qs[own] / q : 0);
    const PetscReal dw[2] = {reg ? (own ? -rR : rR) / (S * S) : 0,
                             reg ? (own ? rL : -rL) / (S * S) : 0};
    for (int s = 0; s < 2; s++) {
      const PetscReal *di = f->dq + (qi * 2 + s) * nfc, *dX = s ? dXR : dXL;
      const PetscReal X = s ? XR : XL, hs = s ? f->hR : f->hL;
      for (PetscInt v = 0; v < nfc; v++) {
        /* q = -i (phiR - phiL) */
        PetscReal d = -di[v] * (phiR - phiL);
        if (v == fc) d += s ? -i : i;
        d *= w;
        if (dX && dX[v] != 0) d += q * dw[s] * (-hs / (X * X)) * dX[v];
        if (d != 0) c->dheat[FvBlockCol(b, nb[s], b->fslot[v])] += wgt * d;
      }
    }
  }
}
