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
#include "module.h"
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

/* The layout of models/p2d.h (c, phi_e, phi_s, I, the particle families at their fixed
 * indices) and the couplings every cell has: the core unknowns see each other and the diagonal;
 * across a face the fluxes couple c, phi_e, phi_s and the collector chain I. The modules add
 * their own (particles, contact law, a thermal module's slots). */
static PetscErrorCode LayoutBase(const FvModel *m, FvLayout *L) {
  PetscFunctionBeginUser;
  L->heat_row = -1;
  PetscCall(FvLayoutAddSlots(L, "c", 1, NULL));
  PetscCall(FvLayoutAddSlots(L, "phi_e", 1, NULL));
  PetscCall(FvLayoutAddSlots(L, "phi_s", 1, NULL));
  PetscCall(FvLayoutAddSlots(L, "I", 1, NULL));
  PetscCall(FvLayoutAddSlots(L, "family", m->nfam * m->fstride, NULL));
  PetscCheck(L->dof == m->dof, PETSC_COMM_SELF, PETSC_ERR_PLIB,
             "layout: %" PetscInt_FMT " unknowns per cell, the model has %" PetscInt_FMT, L->dof,
             m->dof);
  for (PetscInt r = FV_C; r <= FV_JN; r++)
    for (PetscInt s = FV_C; s <= FV_JN; s++)
      PetscCall(FvLayoutCoupleCell(L, r, s));
  for (PetscInt r = FV_C; r <= FV_CUR; r++)
    for (PetscInt s = FV_C; s <= FV_CUR; s++)
      PetscCall(FvLayoutCoupleFace(L, r, s));
  /* the metal faces carry the boundary cell's interface current */
  PetscCall(FvLayoutFaceColumn(L, FV_JN));
  PetscCall(FvLayoutAddFaceQuantity(L, "N", NULL));
  PetscCall(FvLayoutAddFaceQuantity(L, "i_e", NULL));
  PetscCall(FvLayoutAddFaceQuantity(L, "i_s", NULL));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The faces of the owned box along each axis with their cells, widths and boundary side. */
static PetscErrorCode FacesCreate(FvProblem *p) {
  const FvMesh *g   = &p->mesh;
  const FvLayout *L = p->layout;
  const PetscInt nx = (g->xm + 1) * g->ym * g->zm, ny = g->xm * (g->ym + 1) * g->zm,
                 nz = g->xm * g->ym * (g->zm + 1), nt = nx + ny + nz, nd = L->nq * 2 * L->nfc;
  FvFaceData *f;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(nt, &f));
  PetscCall(PetscCalloc2(nt * L->nq, &p->fq, nt * nd, &p->fdq));
  p->faces[0] = f, p->faces[1] = f + nx, p->faces[2] = f + nx + ny;
  p->nfaces[0] = nx, p->nfaces[1] = ny, p->nfaces[2] = nz;
  for (PetscInt a = 0; a < nt; a++)
    f[a].q = p->fq + a * L->nq, f[a].dq = p->fdq + a * nd;
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i <= g->xs + g->xm; i++) {
        FvFaceData *x = &p->faces[0][((k - g->zs) * g->ym + (j - g->ys)) * (g->xm + 1) + i - g->xs];
        x->dir = 0, x->i = i, x->j = j, x->k = k;
        x->L    = i > 0 ? FvMeshGhost(g, i - 1, j, k) : -1;
        x->R    = i < g->M ? FvMeshGhost(g, i, j, k) : -1;
        x->hL   = i > 0 ? g->h[i - 1] : 0;
        x->hR   = i < g->M ? g->h[i] : 0;
        x->side = i == 0 ? -1 : (i == g->M ? 1 : 0);
      }
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j <= g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        FvFaceData *y = &p->faces[1][((k - g->zs) * (g->ym + 1) + (j - g->ys)) * g->xm + i - g->xs];
        y->dir = 1, y->i = i, y->j = j, y->k = k;
        y->L  = j > 0 ? FvMeshGhost(g, i, j - 1, k) : -1;
        y->R  = j < g->ny ? FvMeshGhost(g, i, j, k) : -1;
        y->hL = y->hR = g->dy;
        y->side       = j == 0 ? -1 : (j == g->ny ? 1 : 0);
      }
  for (PetscInt k = g->zs; k <= g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        FvFaceData *z = &p->faces[2][((k - g->zs) * g->ym + (j - g->ys)) * g->xm + i - g->xs];
        z->dir = 2, z->i = i, z->j = j, z->k = k;
        z->L  = k > 0 ? FvMeshGhost(g, i, j, k - 1) : -1;
        z->R  = k < g->nz ? FvMeshGhost(g, i, j, k) : -1;
        z->hL = z->hR = g->dz;
        z->side       = k == 0 ? -1 : (k == g->nz ? 1 : 0);
      }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The region copies every cell of the ghosted box sees (FvRegionForCell), once: the residual used
 * to build one per cell and call (about a tenth of a solve's instructions). Without fields all
 * cells of a region have the same properties and share one copy. */
static PetscErrorCode CellRegions(FvProblem *p) {
  const FvMesh *g  = &p->mesh;
  const PetscInt n = FvMeshNGhost(g), nf = p->model.nfam, ns = nf * (2 * p->model.nr + 1);
  const PetscInt nc = p->has_fields ? n : FV_NREGIONS;
  PetscBool *built;
  PetscFunctionBeginUser;
  PetscCall(
      PetscMalloc3(n, &p->rcell, nc * (1 + nf), &p->rstore, PetscMax(nc * ns, 1), &p->rscratch));
  PetscCall(PetscCalloc1(nc, &built));
  for (PetscInt k = g->gzs; k < g->gzs + g->gzm; k++)
    for (PetscInt j = g->gys; j < g->gys + g->gym; j++)
      for (PetscInt i = g->gxs; i < g->gxs + g->gxm; i++) {
        const PetscInt q   = FvMeshGhost(g, i, j, k);
        const PetscInt key = p->has_fields ? q : g->region[i];
        FvRegionModel *rc  = &p->rstore[key * (1 + nf)];
        if (!built[key])
          FvRegionForCell(&p->model.reg[g->region[i]], &p->props[q], rc, rc + 1,
                          p->rscratch + key * ns);
        built[key]  = PETSC_TRUE;
        p->rcell[q] = rc;
      }
  PetscCall(PetscFree(built));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemCreate(MPI_Comm comm, const FvCase *c, FvProblem *p) {
  PetscFunctionBeginUser;
  PetscCall(FvProblemCreateWith(comm, c, NULL, 0, p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemCreateWith(MPI_Comm comm, const FvCase *c, const FvModule *const extra[],
                                   PetscInt nextra, FvProblem *p) {
  PetscInt dof;
  PetscBool fv_dense = PETSC_FALSE;
  FvLayout *L;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(p, sizeof *p));
  PetscCall(FvModelCreate(c, &p->model));
  PetscOptionsBegin(comm, "fvcell_", "fvcell problem assembly", NULL);
  PetscCall(PetscOptionsBool("-dense_stencil",
                             "couple every unknown of a cell to every other (dense blocks) instead "
                             "of the sparse block fill",
                             NULL, fv_dense, &fv_dense, NULL));
  PetscOptionsEnd();
  /* The layout and the matrix pattern: the P2D base, then every module's declarations.
   * Particles stay local and sparse, which keeps the Jacobian small (and the colouring of
   * -fvcell_jacobian fd at 14-17 colours instead of dof + 8; bench/results.md). */
  PetscCheck(FvNModules + nextra <= FV_MAX_MODULES, comm, PETSC_ERR_SUP,
             "more modules than FV_MAX_MODULES");
  for (PetscInt mi = 0; mi < FvNModules; mi++)
    p->mod[p->nmod++] = FvModules[mi];
  for (PetscInt mi = 0; mi < nextra; mi++)
    p->mod[p->nmod++] = extra[mi];
  PetscCall(PetscNew(&p->layout));
  L = p->layout;
  PetscCall(LayoutBase(&p->model, L));
  p->kase    = c;
  p->ambient = c->thermal.T_amb;
  for (PetscInt mi = 0; mi < p->nmod; mi++)
    if (p->mod[mi]->layout) PetscCall(p->mod[mi]->layout(p, L, &p->mdata[mi]));
  dof = p->model.dof = L->dof;
  L->T               = FvLayoutFindSlot(L, "T");
  for (PetscInt mi = 0; mi < p->nmod; mi++) /* couplings to slots of later modules (T) */
    if (p->mod[mi]->couple) PetscCall(p->mod[mi]->couple(p, L, p->mdata[mi]));
  PetscCall(PetscCalloc1(dof * dof, &p->dfill));
  PetscCall(PetscCalloc1(dof * dof, &p->ofill));
  PetscCall(PetscMalloc1(dof, &p->fcol));
  for (PetscInt r = 0; r < dof; r++)
    p->dfill[r * dof + r] = 1;
  for (PetscInt a = 0; a < L->ncell; a++)
    p->dfill[L->cell[2 * a] * dof + L->cell[2 * a + 1]] = 1;
  for (PetscInt a = 0; a < L->nface; a++) {
    p->ofill[L->face[2 * a] * dof + L->face[2 * a + 1]] = 1;
    if (L->face[2 * a] > FV_CUR || L->face[2 * a + 1] > FV_CUR) p->face_locals = PETSC_TRUE;
  }
  for (PetscInt v = 0; v < dof; v++)
    p->fcol[v] = FvLayoutFaceCol(L, v);
  PetscCall(
      FvMeshCreate(comm, c, dof, fv_dense ? NULL : p->dfill, fv_dense ? NULL : p->ofill, &p->mesh));
  if (fv_dense) { /* the analytic Jacobian inserts within this pattern: all of it */
    PetscCall(PetscFree(p->dfill));
    PetscCall(PetscFree(p->ofill));
  }
  PetscCall(DMCreateLocalVector(p->mesh.da, &p->Yloc));
  PetscCall(FacesCreate(p));
  {
    const FvMesh *g = &p->mesh;
    PetscCall(PetscMalloc(FvMeshNGhost(g) * sizeof(FvElectrolyteState), &p->es));
    PetscCall(PetscMalloc(FvMeshNGhost(g) * sizeof(FvElectrolyteState), &p->ds));
    PetscCall(PetscMalloc1(FvMeshNGhost(g), &p->props));
  }
  PetscCall(SampleProps(c, p));
  PetscCall(CellRegions(p));
  p->mode      = FV_MODE_CURRENT;
  p->set_point = c->one_c;
  for (PetscInt mi = 0; mi < p->nmod; mi++)
    if (p->mod[mi]->setup) PetscCall(p->mod[mi]->setup(p, p->mdata[mi]));
  p->kase = NULL;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemDestroy(FvProblem *p) {
  PetscFunctionBeginUser;
  for (PetscInt mi = 0; p->layout && mi < p->nmod; mi++)
    if (p->mod[mi]->destroy) PetscCall(p->mod[mi]->destroy(p, p->mdata[mi]));
  if (p->faces[0]) PetscCall(PetscFree(p->faces[0]));
  PetscCall(PetscFree2(p->fq, p->fdq));
  PetscCall(PetscFree(p->es));
  PetscCall(PetscFree(p->ds));
  PetscCall(PetscFree(p->props));
  PetscCall(PetscFree3(p->rcell, p->rstore, p->rscratch));
  PetscCall(PetscFree(p->dfill));
  PetscCall(PetscFree(p->ofill));
  PetscCall(PetscFree(p->fcol));
  if (p->layout) {
    PetscCall(PetscFree(p->layout->cell));
    PetscCall(PetscFree(p->layout->face));
  }
  PetscCall(PetscFree(p->layout));
  PetscCall(FvProblemJacobianWorkDestroy(p));
  PetscCall(VecDestroy(&p->Yloc));
  PetscCall(FvMeshDestroy(&p->mesh));
  PetscCall(FvModelDestroy(&p->model));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The faces of the owned cell c (module.h FvCell.face order). */
static inline void CellFaces(const FvProblem *p, FvCell *c) {
  const FvMesh *g   = &p->mesh;
  const PetscInt xs = g->xs, ys = g->ys, zs = g->zs, xm = g->xm, ym = g->ym;
  const FvFaceData *xl = &p->faces[0][((c->k - zs) * ym + (c->j - ys)) * (xm + 1) + (c->i - xs)];
  c->face[0] = xl, c->face[1] = xl + 1;
  if (g->dim >= 2) {
    const FvFaceData *yl = &p->faces[1][((c->k - zs) * (ym + 1) + (c->j - ys)) * xm + (c->i - xs)];
    c->face[2] = yl, c->face[3] = yl + xm;
  }
  if (g->dim >= 3) {
    const FvFaceData *zl = &p->faces[2][((c->k - zs) * ym + (c->j - ys)) * xm + (c->i - xs)];
    c->face[4] = zl, c->face[5] = zl + xm * ym;
  }
}

PetscErrorCode FvProblemPassFaces(FvProblem *p, FvEval *e) {
  const FvLayout *L = p->layout;
  const PetscInt nd = L->nq * 2 * L->nfc;
  PetscFunctionBeginUser;
  for (PetscInt d = 0; d < p->mesh.dim; d++)
    for (PetscInt a = 0; a < p->nfaces[d]; a++) {
      FvFaceData *f = &p->faces[d][a];
      PetscCall(PetscArrayzero(f->q, L->nq));
      if (e->jac) PetscCall(PetscArrayzero(f->dq, nd));
      for (PetscInt mi = 0; mi < p->nmod; mi++)
        if (p->mod[mi]->face) PetscCall(p->mod[mi]->face(p, e, f, p->mdata[mi]));
    }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemPassCell(FvProblem *p, FvEval *e, PetscInt i, PetscInt j, PetscInt k,
                                 FvCell *c) {
  const PetscInt dof = p->model.dof;
  PetscFunctionBeginUser;
  FvCellInit(p, i, j, k, c);
  c->y  = e->yl + c->gq * dof;
  c->yp = e->ypa + c->q * dof;
  CellFaces(p, c);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The state over the ghosted box. When the ghosted box is the owned box (one rank: a DMDA has no
 * ghosts at non-periodic boundaries) the global vector already is that array, and the scatter
 * into Yloc (7 % of a residual on the 1D DUALFOIL cell) is skipped. */
static PetscBool NoGhosts(const FvMesh *g) {
  return (PetscBool)(g->gxm == g->xm && g->gym == g->ym && g->gzm == g->zm);
}

PetscErrorCode FvProblemStateGet(FvProblem *p, Vec Y, const PetscScalar **yl) {
  PetscFunctionBeginUser;
  if (NoGhosts(&p->mesh))
    PetscCall(VecGetArrayRead(Y, yl));
  else {
    PetscCall(DMGlobalToLocal(p->mesh.da, Y, INSERT_VALUES, p->Yloc));
    PetscCall(VecGetArrayRead(p->Yloc, yl));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemStateRestore(FvProblem *p, Vec Y, const PetscScalar **yl) {
  PetscFunctionBeginUser;
  PetscCall(VecRestoreArrayRead(NoGhosts(&p->mesh) ? Y : p->Yloc, yl));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemResidual(FvProblem *p, PetscReal t, Vec Y, Vec Yp, Vec F, PetscBool *bad) {
  const FvMesh *g    = &p->mesh;
  const PetscInt dof = p->model.dof;
  FvEval e           = {.t = t, .jac = PETSC_FALSE, .cj = 0, .err = 0};
  PetscScalar *fa;
  PetscFunctionBeginUser;
  p->nres++;
  PetscCall(FvProblemStateGet(p, Y, &e.yl));
  PetscCall(VecGetArrayRead(Yp, &e.ypa));
  PetscCall(VecGetArray(F, &fa));
  for (PetscInt mi = 0; mi < p->nmod; mi++)
    if (p->mod[mi]->prepare) PetscCall(p->mod[mi]->prepare(p, &e, p->mdata[mi]));
  if (e.err) goto done;
  PetscCall(FvProblemPassFaces(p, &e));
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        FvCell c;
        PetscScalar *f;
        PetscCall(FvProblemPassCell(p, &e, i, j, k, &c));
        f = fa + c.q * dof;
        PetscCall(PetscArrayzero(f, dof));
        for (PetscInt mi = 0; mi < p->nmod; mi++)
          if (p->mod[mi]->residual) PetscCall(p->mod[mi]->residual(p, &e, &c, f, p->mdata[mi]));
      }
done:
  PetscCall(FvProblemStateRestore(p, Y, &e.yl));
  PetscCall(VecRestoreArrayRead(Yp, &e.ypa));
  PetscCall(VecRestoreArray(F, &fa));
  *bad = e.err ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

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
    FvCell c;
    PetscScalar *v = a + FvMeshOwned(g, i, j, k) * p->model.dof;
    FvCellInit(p, i, j, k, &c);
    PetscCall(PetscArrayzero(v, p->model.dof));
    for (PetscInt mi = 0; mi < p->nmod; mi++)
      if (p->mod[mi]->set_id) PetscCall(p->mod[mi]->set_id(p, &c, v, p->mdata[mi]));
  }
  PetscCall(VecRestoreArray(id, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemSetAbsTol(FvProblem *p, PetscReal rtol, Vec atol) {
  PetscScalar *a;
  const FvMesh *g = &p->mesh;
  PetscFunctionBeginUser;
  PetscCall(VecGetArray(atol, &a));
  FV_FOR_OWNED(g, i, j, k) {
    FvCell c;
    PetscScalar *v = a + FvMeshOwned(g, i, j, k) * p->model.dof;
    FvCellInit(p, i, j, k, &c);
    for (PetscInt mi = 0; mi < p->nmod; mi++)
      if (p->mod[mi]->abstol) PetscCall(p->mod[mi]->abstol(p, &c, rtol, v, p->mdata[mi]));
  }
  PetscCall(VecRestoreArray(atol, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemInitialState(FvProblem *p, Vec Y) {
  PetscScalar *a;
  const FvMesh *g = &p->mesh;
  PetscFunctionBeginUser;
  PetscCall(VecGetArray(Y, &a));
  FV_FOR_OWNED(g, i, j, k) {
    FvCell c;
    PetscScalar *v = a + FvMeshOwned(g, i, j, k) * p->model.dof;
    FvCellInit(p, i, j, k, &c);
    PetscCall(PetscArrayzero(v, p->model.dof));
    for (PetscInt mi = 0; mi < p->nmod; mi++)
      if (p->mod[mi]->initial) PetscCall(p->mod[mi]->initial(p, &c, v, p->mdata[mi]));
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
  PetscReal U[FV_NREGIONS] = {0, 0, 0}, loc[4] = {0, 0, 0, 0}, glob[4];
  FvGuess gs;
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
  gs.V = U[FV_POS] - U[FV_NEG];
  for (PetscInt rg = 0; rg < FV_NREGIONS; rg++)
    gs.U[rg] = U[rg];
  switch (p->mode) {
  case FV_MODE_CURRENT:
    gs.Icell = p->set_point;
    break;
  case FV_MODE_VOLTAGE:
    gs.Icell = 0;
    break;
  default:
    gs.Icell = p->set_point / gs.V;
    break;
  }
  FV_FOR_OWNED(g, i, j, k) {
    FvCell c;
    PetscScalar *v = a + FvMeshOwned(g, i, j, k) * m->dof;
    FvCellInit(p, i, j, k, &c);
    for (PetscInt mi = 0; mi < p->nmod; mi++)
      if (p->mod[mi]->guess) PetscCall(p->mod[mi]->guess(p, &gs, &c, v, p->mdata[mi]));
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
          FvCollectorPotential(p, a + q * p->model.dof, &p->props[FvMeshGhost(g, M - 1, jr, kr)]);
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

PetscErrorCode FvProblemMaxTemperature(FvProblem *p, Vec Y, PetscReal *Tmax) {
  const FvMesh *g   = &p->mesh;
  const PetscInt iT = p->layout->T;
  PetscReal loc     = PETSC_NINFINITY;
  const PetscScalar *a;
  PetscFunctionBeginUser;
  *Tmax = p->model.T;
  if (iT < 0) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(VecGetArrayRead(Y, &a));
  FV_FOR_OWNED(g, i, j, k) loc = PetscMax(loc, a[FvMeshOwned(g, i, j, k) * p->model.dof + iT]);
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscCall(
      MPIU_Allreduce(&loc, Tmax, 1, MPIU_REAL, MPIU_MAX, PetscObjectComm((PetscObject)g->da)));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemTemperatureField(FvProblem *p, Vec Y, PetscReal *T) {
  const FvMesh *g   = &p->mesh;
  const PetscInt iT = p->layout->T;
  const PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(Y, &a));
  FV_FOR_OWNED(g, i, j, k) {
    const PetscInt q = FvMeshOwned(g, i, j, k);
    T[q]             = iT >= 0 ? a[q * p->model.dof + iT] : p->model.T;
  }
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemMeanTemperature(FvProblem *p, Vec Y, PetscReal *Tmean) {
  const FvMesh *g   = &p->mesh;
  const PetscInt iT = p->layout->T;
  PetscReal loc[2]  = {0, 0}, glob[2];
  const PetscScalar *a;
  PetscFunctionBeginUser;
  *Tmean = p->model.T;
  if (iT < 0) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(VecGetArrayRead(Y, &a));
  FV_FOR_OWNED(g, i, j, k) {
    loc[0] += g->h[i] * a[FvMeshOwned(g, i, j, k) * p->model.dof + iT];
    loc[1] += g->h[i];
  }
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscCall(MPIU_Allreduce(loc, glob, 2, MPIU_REAL, MPI_SUM, PetscObjectComm((PetscObject)g->da)));
  *Tmean = glob[0] / glob[1];
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
    const FvRegionModel *r  = &p->model.reg[g->region[i]];
    const PetscScalar *v    = a + FvMeshOwned(g, i, j, k) * p->model.dof;
    const FvRegionModel *rc = p->rcell[FvMeshGhost(g, i, j, k)];
    /* salt moles times nu+ = cation moles: the working ion in solution */
    loc[0] += w * rc->eps_e * g->h[i] * v[FV_C] * p->model.nuplus;
    if (r->electrode)
      for (PetscInt fi = 0; fi < r->nfam; fi++)
        loc[1] += w * rc->fam[fi].eps_am * g->h[i] *
                  FvParticleAverage(&rc->fam[fi], &v[FvIdxCs(&p->model, fi)]);
  }
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscCall(MPIU_Allreduce(loc, glob, 2, MPIU_REAL, MPI_SUM, PetscObjectComm((PetscObject)g->da)));
  *n_e = glob[0];
  *n_s = glob[1];
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemFields(FvProblem *p, Vec Y, PetscReal *fields[]) {
  const FvMesh *g = &p->mesh;
  const PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(Y, &a));
  FV_FOR_OWNED(g, i, j, k) {
    FvCell c;
    FvCellInit(p, i, j, k, &c);
    c.y = a + c.q * p->model.dof;
    for (PetscInt mi = 0; mi < p->nmod; mi++)
      if (p->mod[mi]->fields) PetscCall(p->mod[mi]->fields(p, &c, fields, p->mdata[mi]));
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
