/* problem.c -- assembles the P2D/P3D residual over the DMDA (see problem.h).
 *
 * Finite volumes, cell-centred; each equation is integrated over its control volume, so the
 * sum of the salt rows telescopes to the interface sources and the charge rows to zero:
 * conservation is exact up to the nonlinear solve (docs/numerics.md §1, §11).
 * Boundary conditions (docs/model.md §11): ions blocked at both collectors and at the in-plane
 * edges (y, z); phi_s = 0 at the negative collector face; no electronic current into the
 * separator. The positive collector is one equipotential conductor: every cell of the
 * last x column has its own collector current I_jk (its FV_CUR) with i_s = I_jk at its face,
 * and the collector potential Phi_jk = phi_s - I_jk h / (2 sigma_eff) equals its parent's along a
 * comb that spans the collector (y first, then z along the j = ny - 1 spine). The FV_CUR slots
 * of the next-to-last column carry the running sums S_jk of I w (w = the face's share of the
 * area) down the same comb, so S at the root (ny - 1, nz - 1) is the cell current density, which
 * the root's row ties to the operating mode (current, voltage or power). Every coupling is
 * between face neighbours, so the Jacobian keeps the DMDA star stencil; in 1D it is the former
 * chain with one sum. Other FV_CUR slots are identities. In 2D and 3D the y and z faces carry
 * the same electrolyte and electronic fluxes as the x faces; rows are divided by dy dz, so they
 * reduce exactly to the 1D rows when nothing varies in-plane.
 * A metal electrode (Li, Na, K, Mg foil) is a planar interface at x = 0 or x = L instead of a
 * porous region: the boundary cell's interface-current unknown (FV_JN, unused in separator
 * cells) is the metal's anodic current density, with the Butler-Volmer equation (U = 0) as its
 * row; the electrolyte face carries that current and the matching cation flux (docs/model.md §9).
 * A metal positive keeps its potential in the last cell's FV_PHIS slot, with the row
 * I + j = 0 (the metal passes the interface current to the collector).
 */
#include <math.h>
#include "problem.h"
#include "field.h"

static const char *RegionName(PetscInt g) {
  return g == FV_NEG ? "negative" : g == FV_SEP ? "separator" : "positive";
}

/* Per-cell properties of the ghosted box from the case's fields. Fields are functions of
 * position (meshes/field.h), so every rank computes its ghosts itself and any decomposition sees
 * the same values. */
static PetscErrorCode SampleProps(const FvCase *c, FvProblem *p) {
  const FvMesh *g  = &p->mesh;
  const FvModel *m = &p->model;
  const PetscInt n = FvMeshNGhost(g);
  PetscReal *lo, *hi, *val, *out;
  PetscInt *cell;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc5(3 * n, &lo, 3 * n, &hi, FV_NPFIELDS * n, &val, n, &out, n, &cell));
  for (PetscInt k = g->gzs; k < g->gzs + g->gzm; k++)
    for (PetscInt j = g->gys; j < g->gys + g->gym; j++)
      for (PetscInt i = g->gxs; i < g->gxs + g->gxm; i++) {
        const PetscInt q = FvMeshGhost(g, i, j, k);
        lo[3 * q] = g->xf[i], hi[3 * q] = g->xf[i + 1];
        lo[3 * q + 1] = j * g->dy, hi[3 * q + 1] = (j + 1) * g->dy;
        lo[3 * q + 2] = k * g->dz, hi[3 * q + 2] = (k + 1) * g->dz;
        for (PetscInt f = 0; f < FV_NPFIELDS; f++)
          val[FV_NPFIELDS * q + f] = NAN;
      }
  for (PetscInt rg = 0; rg < FV_NREGIONS; rg++) {
    const PetscReal dlo[3] = {g->xf[g->first[rg]], 0, 0};
    const PetscReal dhi[3] = {g->xf[g->first[rg + 1]], g->Ly, g->Lz};
    for (PetscInt f = 0; f < FV_NPFIELDS; f++) {
      const FvFieldSpec *s = &c->region[rg].field[f];
      PetscInt nc          = 0;
      char what[128];
      if (s->kind == FV_FIELDSPEC_NONE) continue;
      p->has_fields = PETSC_TRUE;
      /* the cells of this region in the ghosted box, packed */
      for (PetscInt q = 0; q < n; q++) {
        const PetscInt i = g->gxs + q % g->gxm;
        if (g->region[i] != rg) continue;
        cell[nc++] = q;
      }
      if (!nc) continue;
      {
        PetscReal *plo, *phi;
        PetscCall(PetscMalloc2(3 * nc, &plo, 3 * nc, &phi));
        for (PetscInt a = 0; a < nc; a++)
          for (PetscInt d = 0; d < 3; d++)
            plo[3 * a + d] = lo[3 * cell[a] + d], phi[3 * a + d] = hi[3 * cell[a] + d];
        snprintf(what, sizeof what, "%s.fields.%s", RegionName(rg),
                 f == FV_PF_EPS
                     ? (m->reg[rg].solid ? "solid_electrolyte_fraction" : "porosity")
                     : (f == FV_PF_RADIUS ? "particle_radius" : "electronic_conductivity"));
        PetscCall(FvFieldSample(s, what, g->dim, PETSC_FALSE, dlo, dhi, nc, plo, phi, out));
        for (PetscInt a = 0; a < nc; a++)
          val[FV_NPFIELDS * cell[a] + f] = out[a];
        PetscCall(PetscFree2(plo, phi));
      }
    }
  }
  for (PetscInt q = 0; q < n; q++) {
    const PetscInt i = g->gxs + q % g->gxm;
    FvModelCellProps(m, g->region[i], p->has_fields ? &val[FV_NPFIELDS * q] : NULL, &p->props[q]);
  }
  /* the contact map of a metal electrode over its face (x = 0 or x = L) */
  for (PetscInt rg = 0; rg < FV_NREGIONS; rg += 2) {
    const FvFieldSpec *s   = &c->region[rg].contact_map;
    const PetscInt i       = rg == FV_NEG ? 0 : g->M - 1;
    const PetscReal xi     = rg == FV_NEG ? 0 : g->L;
    const PetscReal dlo[3] = {xi, 0, 0}, dhi[3] = {xi, g->Ly, g->Lz};
    PetscInt nc = 0;
    char what[128];
    if (!m->reg[rg].metal || s->kind == FV_FIELDSPEC_NONE) continue;
    p->has_fields = PETSC_TRUE;
    if (i < g->gxs || i >= g->gxs + g->gxm) continue;
    for (PetscInt k = g->gzs; k < g->gzs + g->gzm; k++)
      for (PetscInt j = g->gys; j < g->gys + g->gym; j++) {
        const PetscInt q = FvMeshGhost(g, i, j, k);
        lo[3 * nc] = hi[3 * nc] = xi;
        lo[3 * nc + 1] = j * g->dy, hi[3 * nc + 1] = (j + 1) * g->dy;
        lo[3 * nc + 2] = k * g->dz, hi[3 * nc + 2] = (k + 1) * g->dz;
        cell[nc++] = q;
      }
    snprintf(what, sizeof what, "%s.contact_map", RegionName(rg));
    PetscCall(FvFieldSample(s, what, g->dim, PETSC_TRUE, dlo, dhi, nc, lo, hi, out));
    for (PetscInt a = 0; a < nc; a++)
      p->props[cell[a]].contact = PetscMin(PetscMax(out[a], 0.0), 1.0);
  }
  PetscCall(PetscFree5(lo, hi, val, out, cell));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemCreate(MPI_Comm comm, const FvCase *c, FvProblem *p) {
  PetscInt dof, *dfill, *ofill;
  PetscBool fv_dense = PETSC_FALSE;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(p, sizeof *p));
  PetscCall(FvModelCreate(c, &p->model));
  PetscOptionsBegin(comm, "fvcell_", "fvcell problem assembly", NULL);
  PetscCall(PetscOptionsBool("-dense_stencil",
                             "couple every unknown of a cell to every other (dense blocks) instead "
                             "of the sparse block fill",
                             NULL, fv_dense, &fv_dense, NULL));
  PetscOptionsEnd();
  dof = p->model.dof;
  /* Coupling. Within a cell: the non-particle unknowns see each other and the outer shell
   * (FvParticleSurface); the shells are tridiagonal (finite volumes) or a dense block (spectral,
   * every node in every row) and see the interface current j_n. Across a face only c, phi_e, phi_s
   * (fluxes) and I (the chain). Particles stay local and sparse, which keeps the Jacobian colouring
   * small: with the assembled-pattern colouring of integrator.c, 14-17 colours instead of dof + 8
   * (bench/results.md: 10/5/10 cells with 50 shells went from 283 to 71 ms of solve). */
  PetscCall(PetscCalloc1(dof * dof, &dfill));
  PetscCall(PetscCalloc1(dof * dof, &ofill));
  for (PetscInt r = 0; r < dof; r++)
    dfill[r * dof + r] = 1;
  for (PetscInt r = 0; r <= FV_JN; r++)
    for (PetscInt s = 0; s <= FV_JN; s++)
      dfill[r * dof + s] = 1;
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegionModel *rg = &p->model.reg[g];
    if (!rg->electrode) continue;
    for (PetscInt f = 0; f < rg->nfam; f++) {
      const PetscInt jn = FvIdxJn(&p->model, f), c0 = FvIdxCs(&p->model, f);
      const PetscInt last = c0 + rg->nshells - 1;
      if (rg->contact.kind != FV_CONTACT_NONE) {
        /* the contact fraction depends on the family's mean stoichiometry and f_p: the family
         * block is dense; c, phi_e, phi_s see the family only through its current J_f, and
         * every row of the block may see c, phi_e, phi_s, I */
        for (PetscInt a = 0; a < FV_JN; a++) {
          dfill[a * dof + jn] = 1;
          for (PetscInt b = jn; b <= FvIdxFp(&p->model, f); b++)
            dfill[b * dof + a] = 1;
        }
        for (PetscInt a = jn; a <= FvIdxFp(&p->model, f); a++)
          for (PetscInt b = jn; b <= FvIdxFp(&p->model, f); b++)
            dfill[a * dof + b] = 1;
        continue;
      }
      for (PetscInt a = 0; a < FV_JN; a++)
        dfill[a * dof + jn] = dfill[jn * dof + a] = 1;
      for (PetscInt a = 0; a < FV_JN; a++)
        dfill[a * dof + last] = 1;
      dfill[jn * dof + last] = 1;
      for (PetscInt k = c0; k <= last; k++) {
        if (rg->pdisc == FV_PARTICLE_SPECTRAL) /* collocation couples every node: dense block */
          for (PetscInt l = c0; l <= last; l++)
            dfill[k * dof + l] = 1;
        if (k > c0) dfill[k * dof + k - 1] = 1;
        if (k < last) dfill[k * dof + k + 1] = 1;
        dfill[k * dof + jn] = 1;
      }
    }
  }
  for (PetscInt r = FV_C; r <= FV_CUR; r++)
    for (PetscInt s = FV_C; s <= FV_CUR; s++)
      ofill[r * dof + s] = 1;
  PetscCall(FvMeshCreate(comm, c, dof, fv_dense ? NULL : dfill, fv_dense ? NULL : ofill, &p->mesh));
  PetscCall(PetscFree(ofill));
  if (fv_dense) PetscCall(PetscFree(dfill));
  p->dfill = dfill; /* the analytic Jacobian inserts within this pattern */
  PetscCall(DMCreateLocalVector(p->mesh.da, &p->Yloc));
  {
    const FvMesh *g = &p->mesh;
    PetscCall(PetscMalloc3((g->xm + 1) * g->ym * g->zm, &p->fx, g->xm * (g->ym + 1) * g->zm, &p->fy,
                           g->xm * g->ym * (g->zm + 1), &p->fz));
    PetscCall(PetscMalloc(FvMeshNGhost(g) * sizeof(FvElectrolyteState), &p->es));
    PetscCall(PetscMalloc1(FvMeshNGhost(g), &p->props));
    PetscCall(
        PetscMalloc2(p->model.nfam, &p->famc, p->model.nfam * (2 * p->model.nr + 1), &p->scratch));
  }
  PetscCall(SampleProps(c, p));
  p->mode      = FV_MODE_CURRENT;
  p->set_point = c->one_c;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemDestroy(FvProblem *p) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree3(p->fx, p->fy, p->fz));
  PetscCall(PetscFree(p->es));
  PetscCall(PetscFree(p->props));
  PetscCall(PetscFree2(p->famc, p->scratch));
  PetscCall(PetscFree(p->dfill));
  PetscCall(FvProblemJacobianWorkDestroy(p));
  PetscCall(VecDestroy(&p->Yloc));
  PetscCall(FvMeshDestroy(&p->mesh));
  PetscCall(FvModelDestroy(&p->model));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Potential of the positive collector at a cell of the last x column: the cell's phi_s less the
 * drop over its outer half (a metal positive keeps its potential in FV_PHIS). */
static PetscReal CollectorPotential(const FvProblem *p, const PetscScalar *yc,
                                    const FvCellProps *cp) {
  if (p->model.reg[FV_POS].metal) return yc[FV_PHIS];
  return yc[FV_PHIS] - yc[FV_CUR] * 0.5 * p->mesh.h[p->mesh.M - 1] / cp->sigma_eff;
}

/* The electrolyte state of a cell with its own properties. */
static int EvalElectrolyte(const FvModel *m, const FvRegionModel *r, const FvCellProps *cp,
                           PetscReal c, FvElectrolyteState *s) {
  FvRegionModel rc = *r;
  rc.eps_brugg     = cp->eps_brugg;
  rc.sigma_se_eff  = cp->sigma_se_eff;
  return FvElectrolyteEval(m, &rc, c, s);
}

PetscErrorCode FvProblemResidual(FvProblem *p, PetscReal t, Vec Y, Vec Yp, Vec F, PetscBool *bad) {
  const FvModel *m   = &p->model;
  const FvMesh *g    = &p->mesh;
  const PetscInt dof = m->dof, M = g->M, sumi = M >= 2 ? M - 2 : M - 1;
  const PetscInt xs = g->xs, ys = g->ys, zs = g->zs, xm = g->xm, ym = g->ym, zm = g->zm;
  const PetscReal w = 1.0 / (g->ny * g->nz), zF = m->zplus * m->nuplus * m->F;
  FvElectrolyteState *es = (FvElectrolyteState *)p->es;
  const PetscScalar *yl, *ypa;
  PetscScalar *fa;
  int err = 0;
  (void)t;
  PetscFunctionBeginUser;
  p->nres++;
  PetscCall(DMGlobalToLocal(g->da, Y, INSERT_VALUES, p->Yloc));
  PetscCall(VecGetArrayRead(p->Yloc, &yl));
  PetscCall(VecGetArrayRead(Yp, &ypa));
  PetscCall(VecGetArray(F, &fa));
#define YG(i, j, k) (yl + FvMeshGhost(g, i, j, k) * dof)
#define PR(i, j, k) (&p->props[FvMeshGhost(g, i, j, k)])
#define ES(i, j, k) (&es[FvMeshGhost(g, i, j, k)])

  /* electrolyte states of the owned cells and the face-neighbour ghosts (the star stencil leaves
   * the box's corner ghosts unset) */
  for (PetscInt k = g->gzs; k < g->gzs + g->gzm; k++)
    for (PetscInt j = g->gys; j < g->gys + g->gym; j++)
      for (PetscInt i = g->gxs; i < g->gxs + g->gxm; i++) {
        const int out =
            (i < xs || i >= xs + xm) + (j < ys || j >= ys + ym) + (k < zs || k >= zs + zm);
        if (out > 1) continue;
        err |=
            EvalElectrolyte(m, &m->reg[g->region[i]], PR(i, j, k), YG(i, j, k)[FV_C], ES(i, j, k));
      }
  if (err) goto done;

  /* x faces xs .. xs + xm of each owned (j, k); face i lies between cells i - 1 and i */
  for (PetscInt k = zs; k < zs + zm; k++)
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i <= xs + xm; i++) {
        FvFace *fc = &p->fx[((k - zs) * ym + (j - ys)) * (xm + 1) + (i - xs)];
        if (i == 0 && m->reg[FV_NEG].metal) { /* metal | electrolyte: the anodic current enters */
          fc->ie = YG(0, j, k)[FV_JN];
          fc->N  = fc->ie / zF;
          fc->is = 0;
        } else if (i == 0) { /* phi_s = 0 at x = 0 */
          fc->N = fc->ie = 0;
          fc->is         = -YG(0, j, k)[FV_PHIS] / (0.5 * g->h[0] / PR(0, j, k)->sigma_eff);
        } else if (i == M && m->reg[FV_POS].metal) { /* electrolyte | metal: the current leaves */
          fc->ie = -YG(M - 1, j, k)[FV_JN];
          fc->N  = fc->ie / zF;
          fc->is = 0;
        } else if (i == M) {
          fc->N = fc->ie = 0;
          fc->is         = YG(M - 1, j, k)[FV_CUR];
        } else {
          const PetscInt gL = g->region[i - 1], gR = g->region[i];
          const PetscScalar *yL = YG(i - 1, j, k), *yR = YG(i, j, k);
          FvElectrolyteFace(m, g->h[i - 1], g->h[i], ES(i - 1, j, k), ES(i, j, k), yL[FV_C],
                            yR[FV_C], yL[FV_PHIE], yR[FV_PHIE], &fc->N, &fc->ie);
          if (gL == gR && m->reg[gL].electrode) {
            const PetscReal rs = 0.5 * g->h[i - 1] / PR(i - 1, j, k)->sigma_eff +
                                 0.5 * g->h[i] / PR(i, j, k)->sigma_eff;
            fc->is = -(yR[FV_PHIS] - yL[FV_PHIS]) / rs;
          } else
            fc->is = 0;
        }
      }
  /* y faces (2D, 3D): between (i, j - 1, k) and (i, j, k); the edges j = 0, ny are insulated */
  if (g->dim >= 2)
    for (PetscInt k = zs; k < zs + zm; k++)
      for (PetscInt j = ys; j <= ys + ym; j++)
        for (PetscInt i = xs; i < xs + xm; i++) {
          FvFace *fc             = &p->fy[((k - zs) * (ym + 1) + (j - ys)) * xm + (i - xs)];
          const FvRegionModel *r = &m->reg[g->region[i]];
          if (j == 0 || j == g->ny) {
            fc->N = fc->ie = fc->is = 0;
            continue;
          }
          {
            const PetscScalar *yL = YG(i, j - 1, k), *yR = YG(i, j, k);
            FvElectrolyteFace(m, g->dy, g->dy, ES(i, j - 1, k), ES(i, j, k), yL[FV_C], yR[FV_C],
                              yL[FV_PHIE], yR[FV_PHIE], &fc->N, &fc->ie);
            fc->is = r->electrode ? -(yR[FV_PHIS] - yL[FV_PHIS]) /
                                        (0.5 * g->dy / PR(i, j - 1, k)->sigma_eff +
                                         0.5 * g->dy / PR(i, j, k)->sigma_eff)
                                  : 0;
          }
        }
  /* z faces (3D) */
  if (g->dim >= 3)
    for (PetscInt k = zs; k <= zs + zm; k++)
      for (PetscInt j = ys; j < ys + ym; j++)
        for (PetscInt i = xs; i < xs + xm; i++) {
          FvFace *fc             = &p->fz[((k - zs) * ym + (j - ys)) * xm + (i - xs)];
          const FvRegionModel *r = &m->reg[g->region[i]];
          if (k == 0 || k == g->nz) {
            fc->N = fc->ie = fc->is = 0;
            continue;
          }
          {
            const PetscScalar *yL = YG(i, j, k - 1), *yR = YG(i, j, k);
            FvElectrolyteFace(m, g->dz, g->dz, ES(i, j, k - 1), ES(i, j, k), yL[FV_C], yR[FV_C],
                              yL[FV_PHIE], yR[FV_PHIE], &fc->N, &fc->ie);
            fc->is = r->electrode ? -(yR[FV_PHIS] - yL[FV_PHIS]) /
                                        (0.5 * g->dz / PR(i, j, k - 1)->sigma_eff +
                                         0.5 * g->dz / PR(i, j, k)->sigma_eff)
                                  : 0;
          }
        }

  for (PetscInt k = zs; k < zs + zm; k++)
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i < xs + xm; i++) {
        const FvRegionModel *r = &m->reg[g->region[i]];
        const FvCellProps *cp  = PR(i, j, k);
        const PetscInt q       = FvMeshOwned(g, i, j, k);
        const PetscScalar *y = YG(i, j, k), *yp = ypa + q * dof;
        PetscScalar *f   = fa + q * dof;
        const FvFace *xl = &p->fx[((k - zs) * ym + (j - ys)) * (xm + 1) + (i - xs)], *xr = xl + 1;
        const PetscReal h = g->h[i], jn = y[FV_JN];
        PetscReal src  = 0; /* reaction current in the cell [A m-2] */
        PetscReal divN = xr->N - xl->N, divie = xr->ie - xl->ie, divis = xr->is - xl->is;
        FvRegionModel rc;
        FvRegionForCell(r, cp, &rc, p->famc, p->scratch);
        if (g->dim >= 2) { /* in-plane faces, per unit of the cell's x-face area */
          const FvFace *yl0 = &p->fy[((k - zs) * (ym + 1) + (j - ys)) * xm + (i - xs)];
          const FvFace *yr0 = yl0 + xm;
          divN += h / g->dy * (yr0->N - yl0->N);
          divie += h / g->dy * (yr0->ie - yl0->ie);
          divis += h / g->dy * (yr0->is - yl0->is);
        }
        if (g->dim >= 3) {
          const FvFace *zl0 = &p->fz[((k - zs) * ym + (j - ys)) * xm + (i - xs)];
          const FvFace *zr0 = zl0 + xm * ym;
          divN += h / g->dz * (zr0->N - zl0->N);
          divie += h / g->dz * (zr0->ie - zl0->ie);
          divis += h / g->dz * (zr0->is - zl0->is);
        }
        /* particle families: every slot has a row; unused slots are identities */
        for (PetscInt fi = 0; fi < m->nfam; fi++) {
          const PetscInt J = FvIdxJn(m, fi), C0 = FvIdxCs(m, fi), P = FvIdxFp(m, fi);
          if (r->electrode && fi < r->nfam) {
            const FvRegionModel *fm = &rc.fam[fi];
            const PetscReal jf = y[J], fp = m->contact ? y[P] : 1.0;
            const PetscReal theta = FvParticleAverage(fm, &y[C0]) / r->c_max;
            PetscReal fcon, cs_surf;
            err |= FvContactFraction(&r->contact, m->T, m->R, fm->f0, fp, theta, &fcon);
            /* jf: current per particle area, spread over the particle's surface (p2d.h) */
            err |= FvParticleSurface(m, fm, &y[C0], jf, &cs_surf);
            err |= FvKineticsResidualContact(m, fm, fcon, y[FV_C], cs_surf, y[FV_PHIS], y[FV_PHIE],
                                             jf, &f[J]);
            err |= FvParticleResidual(m, fm, &y[C0], &yp[C0], jf, &f[C0]);
            for (PetscInt sh = r->nshells; sh < m->nr; sh++)
              f[C0 + sh] = y[C0 + sh];
            if (m->contact) {
              if (r->contact.kind != FV_CONTACT_NONE) {
                const PetscReal theta_t = FvParticleAverage(fm, &yp[C0]) / r->c_max;
                err |= FvContactResidual(&r->contact, m->T, m->R, fp, yp[P], theta, theta_t, &f[P]);
              } else
                f[P] = fp - 1.0;
            }
            src += fm->a * jf * h;
          } else {
            f[J] = y[J];
            for (PetscInt sh = 0; sh < m->nr; sh++)
              f[C0 + sh] = y[C0 + sh];
            if (m->contact) f[P] = y[P];
          }
        }
        if (r->solid) /* single-ion conductor: its mobile-ion concentration does not change */
          f[FV_C] = rc.eps_e * h * yp[FV_C];
        else
          f[FV_C] = rc.eps_e * h * yp[FV_C] + divN - src / zF;
        f[FV_PHIE] = divie - src;
        /* the collector: sums in the next-to-last column, equipotential or mode in the last */
        if (i == M - 1 && !FvMeshIsCombRoot(g, j, k)) {
          const PetscInt jp = j < g->ny - 1 ? j + 1 : j, kp = j < g->ny - 1 ? k : k + 1;
          f[FV_CUR] =
              CollectorPotential(p, y, cp) - CollectorPotential(p, YG(i, jp, kp), PR(i, jp, kp));
        } else if (i == M - 1) {
          const PetscReal Itot = YG(sumi, j, k)[FV_CUR];
          const PetscReal V    = CollectorPotential(p, y, cp) - m->r_contact * Itot;
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
          PetscReal S = w * YG(M - 1, j, k)[FV_CUR];
          if (j > 0) S += YG(i, j - 1, k)[FV_CUR];
          if (j == g->ny - 1 && k > 0) S += YG(i, j, k - 1)[FV_CUR];
          f[FV_CUR] = y[FV_CUR] - S;
        } else
          f[FV_CUR] = y[FV_CUR];
        if (r->electrode) {
          f[FV_PHIS] = divis + src;
        } else {
          f[FV_PHIS] = y[FV_PHIS];
          if (i == 0 && m->reg[FV_NEG].metal) { /* negative metal at x = 0, grounded */
            PetscReal cf, pf;
            FvElectrolyteBoundaryFace(m, h, ES(i, j, k), y[FV_C], y[FV_PHIE], jn, -1, &cf, &pf);
            err |= FvMetalKineticsResidualContact(m, &m->reg[FV_NEG], cp->contact, cf, 0.0, pf, jn,
                                                  &f[FV_JN]);
          }
          if (i == M - 1 && m->reg[FV_POS].metal) { /* positive metal at x = L */
            PetscReal cf, pf;
            FvElectrolyteBoundaryFace(m, h, ES(i, j, k), y[FV_C], y[FV_PHIE], -jn, +1, &cf, &pf);
            err |= FvMetalKineticsResidualContact(m, &m->reg[FV_POS], cp->contact, cf, y[FV_PHIS],
                                                  pf, jn, &f[FV_JN]);
            f[FV_PHIS] = y[FV_CUR] + jn;
          }
        }
      }
done:
  PetscCall(VecRestoreArrayRead(p->Yloc, &yl));
  PetscCall(VecRestoreArrayRead(Yp, &ypa));
  PetscCall(VecRestoreArray(F, &fa));
  *bad = err ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(PETSC_SUCCESS);
}
#undef YG
#undef PR
#undef ES

/* Loop over the owned box with v the cell's dof in array a. */
#define FV_FOR_OWNED(g, i, j, k)                                                                   \
  for (PetscInt k = (g)->zs; k < (g)->zs + (g)->zm; k++)                                           \
    for (PetscInt j = (g)->ys; j < (g)->ys + (g)->ym; j++)                                         \
      for (PetscInt i = (g)->xs; i < (g)->xs + (g)->xm; i++)

PetscErrorCode FvProblemSetId(FvProblem *p, Vec id) {
  PetscScalar *a;
  const FvMesh *g = &p->mesh;
  PetscFunctionBeginUser;
  PetscCall(VecGetArray(id, &a));
  FV_FOR_OWNED(g, i, j, k) {
    const FvRegionModel *r = &p->model.reg[g->region[i]];
    PetscScalar *v         = a + FvMeshOwned(g, i, j, k) * p->model.dof;
    for (PetscInt d = 0; d < p->model.dof; d++)
      v[d] = 0;
    v[FV_C] = 1;
    if (r->electrode)
      for (PetscInt fi = 0; fi < r->nfam; fi++) {
        for (PetscInt s = 0; s < r->nshells; s++)
          v[FvIdxCs(&p->model, fi) + s] = 1;
        if (r->contact.kind != FV_CONTACT_NONE) v[FvIdxFp(&p->model, fi)] = 1;
      }
  }
  PetscCall(VecRestoreArray(id, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemSetAbsTol(FvProblem *p, PetscReal rtol, Vec atol) {
  PetscScalar *a;
  const FvModel *m = &p->model;
  const FvMesh *g  = &p->mesh;
  PetscFunctionBeginUser;
  PetscCall(VecGetArray(atol, &a));
  FV_FOR_OWNED(g, i, j, k) {
    const FvRegionModel *r = &m->reg[g->region[i]];
    PetscScalar *v         = a + FvMeshOwned(g, i, j, k) * m->dof;
    (void)j;
    (void)k;
    /* scales: concentration c0, potentials 1 V, current 1C, interface current 1C/(a L) */
    v[FV_C]    = rtol * m->c0;
    v[FV_PHIE] = rtol;
    v[FV_PHIS] = rtol;
    v[FV_CUR]  = rtol * m->one_c;
    for (PetscInt fi = 0; fi < m->nfam; fi++) {
      v[FvIdxJn(m, fi)] =
          r->electrode ? rtol * m->one_c / (r->a * g->h[i] * g->M) : rtol * m->one_c;
      for (PetscInt s = 0; s < m->nr; s++)
        v[FvIdxCs(m, fi) + s] = rtol * (r->electrode ? r->c_max : 1.0);
      if (m->contact) v[FvIdxFp(m, fi)] = rtol; /* f_p is of order one */
    }
  }
  PetscCall(VecRestoreArray(atol, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemInitialState(FvProblem *p, Vec Y) {
  PetscScalar *a;
  const FvModel *m = &p->model;
  const FvMesh *g  = &p->mesh;
  PetscFunctionBeginUser;
  PetscCall(VecGetArray(Y, &a));
  FV_FOR_OWNED(g, i, j, k) {
    const FvRegionModel *r = &m->reg[g->region[i]];
    PetscScalar *v         = a + FvMeshOwned(g, i, j, k) * m->dof;
    for (PetscInt d = 0; d < m->dof; d++)
      v[d] = 0;
    v[FV_C] = r->solid ? r->c_ion : m->c0;
    if (r->electrode)
      for (PetscInt fi = 0; fi < r->nfam; fi++) {
        for (PetscInt s = 0; s < r->nshells; s++)
          v[FvIdxCs(m, fi) + s] = r->sto0 * r->c_max;
        if (m->contact) v[FvIdxFp(m, fi)] = 1; /* full permanent contact at fabrication */
      }
  }
  PetscCall(VecRestoreArray(Y, &a));
  PetscCall(FvProblemGuessAlgebraic(p, Y));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Guess: open-circuit potentials of the mean particle states, phi_e so that the negative is at
 * equilibrium, the current spread uniformly over each electrode and the collector. IDACalcIC
 * corrects it. */
PetscErrorCode FvProblemGuessAlgebraic(FvProblem *p, Vec Y) {
  PetscScalar *a;
  const FvModel *m         = &p->model;
  const FvMesh *g          = &p->mesh;
  const PetscInt sumi      = g->M >= 2 ? g->M - 2 : g->M - 1;
  PetscReal U[FV_NREGIONS] = {0, 0, 0}, loc[4] = {0, 0, 0, 0}, glob[4], Iguess, V;
  PetscFunctionBeginUser;
  PetscCall(VecGetArray(Y, &a));
  /* mean surface stoichiometry of each electrode (outer shell), volume-weighted */
  FV_FOR_OWNED(g, i, j, k) {
    const PetscInt rg      = g->region[i];
    const FvRegionModel *r = &m->reg[rg];
    const PetscScalar *v   = a + FvMeshOwned(g, i, j, k) * m->dof;
    if (!r->electrode) continue;
    for (PetscInt fi = 0; fi < r->nfam; fi++)
      loc[rg == FV_NEG ? 0 : 2] +=
          v[FvIdxCs(m, fi) + r->nshells - 1] * g->h[i] * r->fam[fi].eps_am / r->eps_am;
    loc[rg == FV_NEG ? 1 : 3] += g->h[i];
  }
  PetscCall(MPIU_Allreduce(loc, glob, 4, MPIU_REAL, MPI_SUM, PetscObjectComm((PetscObject)g->da)));
  for (PetscInt rg = 0; rg < FV_NREGIONS; rg += 2) {
    const FvRegionModel *r = &m->reg[rg];
    if (!r->electrode) continue; /* a metal is at U = 0 */
    {
      const PetscReal cs = glob[rg == FV_NEG ? 0 : 2] / glob[rg == FV_NEG ? 1 : 3];
      (void)FvOpenCircuit(m, r, PetscMin(PetscMax(cs, 1e-6 * r->c_max), (1 - 1e-6) * r->c_max),
                          &U[rg]);
    }
  }
  V = U[FV_POS] - U[FV_NEG];
  switch (p->mode) {
  case FV_MODE_CURRENT:
    Iguess = p->set_point;
    break;
  case FV_MODE_VOLTAGE:
    Iguess = 0;
    break;
  default:
    Iguess = p->set_point / V;
    break;
  }
  FV_FOR_OWNED(g, i, j, k) {
    const PetscInt rg      = g->region[i];
    const FvRegionModel *r = &m->reg[rg];
    PetscScalar *v         = a + FvMeshOwned(g, i, j, k) * m->dof;
    v[FV_PHIE]             = -U[FV_NEG];
    v[FV_PHIS]             = rg == FV_NEG ? 0 : (rg == FV_POS ? V : 0);
    /* collector currents and their running sums down the comb (file comment) */
    v[FV_CUR] = 0;
    if (i == g->M - 1)
      v[FV_CUR] = Iguess;
    else if (i == sumi)
      v[FV_CUR] = Iguess * (j < g->ny - 1 ? (PetscReal)(j + 1) : (PetscReal)(k + 1) * g->ny) /
                  (g->ny * g->nz);
    if (r->electrode) { /* uniform reaction over the particle area */
      for (PetscInt fi = 0; fi < r->nfam; fi++)
        v[FvIdxJn(m, fi)] = (rg == FV_NEG ? 1 : -1) * Iguess / (r->a * g->Lreg[rg]);
    } else
      v[FV_JN] = 0;
    if (i == 0 && m->reg[FV_NEG].metal) v[FV_JN] = Iguess;
    if (i == g->M - 1 && m->reg[FV_POS].metal) v[FV_JN] = -Iguess, v[FV_PHIS] = V;
  }
  PetscCall(VecRestoreArray(Y, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemVoltage(FvProblem *p, Vec Y, PetscReal *V, PetscReal *Icell) {
  const FvMesh *g  = &p->mesh;
  const PetscInt M = g->M, sumi = M >= 2 ? M - 2 : M - 1, jr = g->ny - 1, kr = g->nz - 1;
  PetscReal loc[2] = {0, 0}, glob[2];
  const PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(Y, &a));
  if (jr >= g->ys && jr < g->ys + g->ym && kr >= g->zs && kr < g->zs + g->zm) {
    if (M - 1 >= g->xs && M - 1 < g->xs + g->xm) {
      const PetscInt q = FvMeshOwned(g, M - 1, jr, kr);
      /* the root's props: the owned cell is inside the ghosted box */
      loc[0] =
          CollectorPotential(p, a + q * p->model.dof, &p->props[FvMeshGhost(g, M - 1, jr, kr)]);
    }
    if (sumi >= g->xs && sumi < g->xs + g->xm)
      loc[1] = a[FvMeshOwned(g, sumi, jr, kr) * p->model.dof + FV_CUR];
  }
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscCall(MPIU_Allreduce(loc, glob, 2, MPIU_REAL, MPI_SUM, PetscObjectComm((PetscObject)g->da)));
  *V = glob[0] - p->model.r_contact * glob[1];
  if (Icell) *Icell = glob[1];
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemInventory(FvProblem *p, Vec Y, PetscReal *n_e, PetscReal *n_s) {
  const FvMesh *g   = &p->mesh;
  const PetscReal w = 1.0 / (g->ny * g->nz); /* a cell's share of the cell area */
  PetscReal loc[2]  = {0, 0}, glob[2];
  const PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(Y, &a));
  FV_FOR_OWNED(g, i, j, k) {
    const FvRegionModel *r = &p->model.reg[g->region[i]];
    const PetscScalar *v   = a + FvMeshOwned(g, i, j, k) * p->model.dof;
    FvRegionModel rc;
    FvRegionForCell(r, &p->props[FvMeshGhost(g, i, j, k)], &rc, p->famc, p->scratch);
    /* salt moles times nu+ = cation moles: the working ion in solution */
    loc[0] += w * rc.eps_e * g->h[i] * v[FV_C] * p->model.nuplus;
    if (r->electrode)
      for (PetscInt fi = 0; fi < r->nfam; fi++)
        loc[1] += w * rc.fam[fi].eps_am * g->h[i] *
                  FvParticleAverage(&rc.fam[fi], &v[FvIdxCs(&p->model, fi)]);
  }
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscCall(MPIU_Allreduce(loc, glob, 2, MPIU_REAL, MPI_SUM, PetscObjectComm((PetscObject)g->da)));
  *n_e = glob[0];
  *n_s = glob[1];
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemFields(FvProblem *p, Vec Y, PetscReal *fields[]) {
  const FvMesh *g  = &p->mesh;
  const FvModel *m = &p->model;
  const PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(Y, &a));
  FV_FOR_OWNED(g, i, j, k) {
    const FvRegionModel *r = &m->reg[g->region[i]];
    const PetscInt q       = FvMeshOwned(g, i, j, k);
    const PetscScalar *v   = a + q * m->dof;
    FvRegionModel rc;
    FvRegionForCell(r, &p->props[FvMeshGhost(g, i, j, k)], &rc, p->famc, p->scratch);
    fields[FV_FIELD_CE][q]   = v[FV_C];
    fields[FV_FIELD_PHIE][q] = v[FV_PHIE];
    for (PetscInt fi = 0; m->nfam > 1 && fi < PetscMin(m->nfam, FV_MAX_OUT_FAMILIES); fi++)
      fields[FV_NFIELDS + fi][q] = NAN;
    if (r->electrode) {
      /* volume-weighted over the families; contact area-weighted */
      PetscReal surf = 0, avg = 0, area = 0;
      for (PetscInt fi = 0; fi < r->nfam; fi++) {
        const FvRegionModel *fm = &rc.fam[fi];
        const PetscInt C0       = FvIdxCs(m, fi);
        const PetscReal wf      = r->fam[fi].eps_am / r->eps_am,
                        fp      = m->contact ? v[FvIdxFp(m, fi)] : 1.0;
        const PetscReal mean    = FvParticleAverage(fm, &v[C0]);
        PetscReal cs_surf = NAN, fc = NAN;
        (void)FvContactFraction(&r->contact, m->T, m->R, fm->f0, fp, mean / r->c_max, &fc);
        (void)FvParticleSurface(m, fm, &v[C0], v[FvIdxJn(m, fi)], &cs_surf);
        surf += wf * cs_surf;
        avg += wf * mean;
        area += fm->a * fc;
        if (m->nfam > 1 && fi < FV_MAX_OUT_FAMILIES) fields[FV_NFIELDS + fi][q] = fc;
      }
      fields[FV_FIELD_PHIS][q]    = v[FV_PHIS];
      fields[FV_FIELD_CSSURF][q]  = surf;
      fields[FV_FIELD_CSAVG][q]   = avg;
      fields[FV_FIELD_CONTACT][q] = rc.a > 0 ? area / rc.a : NAN;
      fields[FV_FIELD_AREA][q]    = area;
    } else {
      fields[FV_FIELD_PHIS][q] = fields[FV_FIELD_CSSURF][q] = fields[FV_FIELD_CSAVG][q] = NAN;
      fields[FV_FIELD_CONTACT][q] = fields[FV_FIELD_AREA][q] = NAN;
    }
  }
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemStaticFields(FvProblem *p, PetscReal *fields[]) {
  const FvMesh *g = &p->mesh;
  PetscFunctionBeginUser;
  FV_FOR_OWNED(g, i, j, k) {
    const FvRegionModel *r       = &p->model.reg[g->region[i]];
    const FvCellProps *cp        = &p->props[FvMeshGhost(g, i, j, k)];
    const PetscInt q             = FvMeshOwned(g, i, j, k);
    fields[FV_STATIC_EPS][q]     = cp->eps_e;
    fields[FV_STATIC_EPS_AM][q]  = r->electrode ? r->eps_am * cp->am_scale : NAN;
    fields[FV_STATIC_RADIUS][q]  = r->electrode ? r->R * cp->r_scale : NAN;
    fields[FV_STATIC_SIGMA_S][q] = r->electrode ? cp->sigma_eff : NAN;
    fields[FV_STATIC_SIGMA_E][q] = r->solid ? cp->sigma_se_eff : NAN;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemInterfaceMap(FvProblem *p, PetscReal *vals, PetscBool *has) {
  const FvMesh *g = &p->mesh;
  PetscFunctionBeginUser;
  *has = (PetscBool)(g->xs == 0 && p->model.reg[FV_NEG].metal);
  if (!*has) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      vals[(k - g->zs) * g->ym + (j - g->ys)] = p->props[FvMeshGhost(g, 0, j, k)].contact;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemInterfaceCurrent(FvProblem *p, Vec Y, PetscReal *vals, PetscBool *has) {
  const FvMesh *g = &p->mesh;
  const PetscScalar *a;
  PetscFunctionBeginUser;
  *has = (PetscBool)(g->xs == 0 && p->model.reg[FV_NEG].metal);
  if (!*has) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(VecGetArrayRead(Y, &a));
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      vals[(k - g->zs) * g->ym + (j - g->ys)] = a[FvMeshOwned(g, 0, j, k) * p->model.dof + FV_JN];
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}
