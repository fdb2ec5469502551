/* module_thermal.c -- the temperature as an unknown: the lumped and the x-resolved thermal models.
 *
 * Owns: the slot "T" (and, lumped, the running heat sum "Q"), their rows, the conductive heat flux
 * of every face (x-resolved), id, tolerances and the initial temperature
 * (docs/thermal.md §1, §4, §6). It consumes the heat the physics modules registered before it add
 * to FvCell.heat [W m-2 of electrode per cell] and c->dheat (docs/modules.md §5), so it is the last
 * line of the registry. Without a thermal model (isothermal, the default) it declares nothing and
 * every hook returns at once: the problem is the isothermal one, bit for bit.
 *
 * x_resolved, (T10) per control volume (unit x-face area):
 *     C_i dT_i/dt + (F_{i+1/2} - F_{i-1/2}) [+ in-plane faces] - heat_i = 0,
 * C_i = rho c_p h of the cell's layer; F the conductive flux of FvHeatConductionFace (half-cell
 * resistances in series). The collectors (and a metal electrode, which has no cells) are thin
 * boundary layers: their Biot number is tiny (25 um of copper: L/lambda = 6e-8 m2 K/W against
 * 1/h >= 1e-3), so their heat capacity joins the boundary cell's C and their resistance L/lambda
 * is in series with the half cell and with 1/h (convective face) or alone (face held at the
 * ambient). The y and z faces of a 2D/3D cell are insulated by default, or convective or held
 * at an ambient per face pair (thermal.y_boundary, z_boundary: docs/thermal.md §9), the boundary
 * half cell in series with 1/h as at the collectors.
 *
 * lumped, (T11) without a global unknown (the DMDA keeps its star stencil, like the collector
 * comb of module_collector.c): every cell carries T and the running sum Q_i = Q_{i-1} + heat_i
 * along x. In 2D/3D the last column's Q continues the sum across the columns down the collector
 * comb (y first, then z along the j = ny - 1 spine): Q_{M-1,jk} = w (Q_{M-2,jk} + heat_{M-1,jk})
 * + Q of its comb children, w = 1/(ny nz) the column's share of the electrode area, so Q at the
 * comb root is the cell's heat per electrode area. The T rows are T_i - T_{i+1} = 0 along x and
 * T - T_parent = 0 along the comb in the last column, except at the root, whose row is
 *     m c_p dT/dt = Q_root - h (A_cool/A) (T - T_amb)
 * with m c_p of (T14) (solver/thermal.c). So the temperature every module reads in its cell is the
 * one cell temperature, every coupling is between face neighbours (any rank layout), and in 1D
 * (w = 1, no comb) the rows are the chain of one column.
 */
#include "module.h"
#include "heat.h"
#include "thermal.h"

typedef struct {
  FvThermalModel model;
  PetscInt iT, iQ, qh; /* slots T, Q (lumped) and the heat-flux face quantity (x_resolved) */
  PetscReal T0;        /* initial temperature [K] (the ambient is p->ambient: per step) */
  PetscReal hA, mcp;   /* lumped: h A_cool/A [W m-2 K-1] and m c_p [J m-2 K-1] */
  PetscReal rhoc[FV_NREGIONS], lam[FV_NREGIONS]; /* x_resolved: per region [J m-3 K-1], [W/m/K] */
  PetscReal Cb[2];  /* heat capacity of the boundary layers at x = 0, L [J m-2 K-1] */
  PetscReal Rb[2];  /* their resistance beyond the boundary cell's face, to the ambient [m2 K/W]
                       (INFINITY: insulated) */
  PetscReal source; /* verification source in every cell [W m-3] (-fvcell_thermal_source) */
  /* x_resolved in 2D/3D, the y and z face pairs: the resistance beyond the boundary half cell
   * [m2 K/W] (INFINITY: insulated, 0: held) and the ambient (0: the step's) */
  PetscReal Re[2], Te[2];
  PetscReal *map; /* FvThermalHeatMap: the owned cells' heat [W m-2] while it runs (else NULL) */
} Thermal;

/* The boundary layer on side s (0: x = 0, 1: x = L): the collector and, when that electrode is a
 * metal foil (no cells), the foil. */
static void BoundaryLayers(const FvCase *cs, const FvThermalStack *ts, Thermal *t, PetscInt s) {
  const PetscInt cc = s ? FV_LAYER_POS_CC : FV_LAYER_NEG_CC, el = s ? FV_LAYER_POS : FV_LAYER_NEG;
  const PetscBool metal = (PetscBool)(cs->region[s ? FV_POS : FV_NEG].ncells == 0);
  PetscReal R = 0, C = 0;
  for (PetscInt k = 0; k < 2; k++) {
    const PetscInt ly = k ? el : cc;
    if (k && !metal) continue;
    C += ts->mass[ly] * ts->cp[ly];
    if (ts->thickness[ly] > 0) R += ts->thickness[ly] / ts->lambda[ly];
  }
  if (cs->thermal.face == FV_THERMAL_FACE_CONVECTIVE)
    R = cs->thermal.h > 0 ? R + 1.0 / cs->thermal.h : INFINITY;
  t->Cb[s] = C;
  t->Rb[s] = R;
}

static PetscErrorCode Layout(FvProblem *p, FvLayout *L, void **data) {
  const FvCase *cs = p->kase;
  FvThermalStack ts;
  Thermal *t;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&t));
  *data    = t;
  t->model = cs->thermal.model;
  if (t->model == FV_THERMAL_ISOTHERMAL) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(FvThermalStackCompute(cs, &ts));
  t->T0 = cs->T;
  PetscCall(FvLayoutAddSlots(L, "T", 1, &t->iT));
  L->heat = PETSC_TRUE;
  if (t->model == FV_THERMAL_LUMPED) {
    PetscCheck(ts.heat_capacity > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG,
               "%s: thermal.heat_capacity: not known: expected it given or %s",
               cs->path[0] ? cs->path : cs->name, ts.missing);
    t->mcp = ts.heat_capacity;
    t->hA  = cs->thermal.h * cs->thermal.cooling_ratio;
    PetscCall(FvLayoutAddSlots(L, "Q", 1, &t->iQ));
    /* T_i - T_{i+1}; the last cell's balance reads its Q; Q_i - Q_{i-1} - heat_i */
    PetscCall(FvLayoutCoupleFace(L, t->iT, t->iT));
    PetscCall(FvLayoutCoupleCell(L, t->iT, t->iQ));
    PetscCall(FvLayoutCoupleFace(L, t->iQ, t->iQ));
  } else {
    for (PetscInt rg = 0; rg < FV_NREGIONS; rg++) {
      const PetscInt ly = FV_LAYER_NEG + rg;
      t->rhoc[rg]       = ts.thickness[ly] > 0 ? ts.mass[ly] * ts.cp[ly] / ts.thickness[ly] : 0;
      t->lam[rg]        = ts.lambda[ly];
      PetscCheck(cs->region[rg].ncells == 0 || (t->rhoc[rg] > 0 && t->lam[rg] > 0), PETSC_COMM_SELF,
                 PETSC_ERR_ARG_WRONG,
                 "%s: thermal.%s: rho c_p = %g J/m3/K, conductivity = %g W/m/K: expected both "
                 "positive for model x_resolved (%s)",
                 cs->path[0] ? cs->path : cs->name, FvThermalLayerName(ly), (double)t->rhoc[rg],
                 (double)t->lam[rg], ts.missing[0] ? ts.missing : "density and specific_heat");
    }
    for (PetscInt s = 0; s < 2; s++)
      BoundaryLayers(cs, &ts, t, s);
    for (PetscInt a = 0; a < 2; a++) {
      const FvThermalEdge *ed = &cs->thermal.edge[a];
      t->Re[a]                = ed->kind == FV_THERMAL_EDGE_FIXED                     ? 0
                                : ed->kind == FV_THERMAL_EDGE_CONVECTIVE && ed->h > 0 ? 1.0 / ed->h
                                                                                      : INFINITY;
      t->Te[a]                = ed->T_amb;
    }
    PetscCall(FvLayoutAddFaceQuantity(L, "q_heat", &t->qh));
    PetscCall(FvLayoutCoupleFace(L, t->iT, t->iT));
  }
  /* the row that consumes the heat: the producers declare its couplings (and their own rows' to
   * T) in their couple hooks (docs/modules.md §3) */
  L->heat_row = t->model == FV_THERMAL_LUMPED ? t->iQ : t->iT;
  PetscCall(FvLayoutCoupleCell(L, L->heat_row, t->iT));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Setup(FvProblem *p, void *data) {
  Thermal *t = data;
  PetscFunctionBeginUser;
  if (t->model == FV_THERMAL_ISOTHERMAL) PetscFunctionReturn(PETSC_SUCCESS);
  PetscOptionsBegin(PetscObjectComm((PetscObject)p->mesh.da), "fvcell_", "fvcell thermal module",
                    NULL);
  PetscCall(PetscOptionsReal("-thermal_source",
                             "verification: a uniform heat source added to every control volume "
                             "[W m-3] (the heat of the physics modules is added to it)",
                             NULL, t->source, &t->source, NULL));
  PetscOptionsEnd();
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Destroy(FvProblem *p, void *data) {
  (void)p;
  PetscFunctionBeginUser;
  PetscCall(PetscFree(data));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Conductance [W m-2 K-1] from the boundary cell (width h, conductivity lam) to the ambient on
 * side s; 0 when the face is insulated. */
static PetscReal BoundaryConductance(const Thermal *t, PetscInt s, PetscReal h, PetscReal lam) {
  return isfinite(t->Rb[s]) ? 1.0 / (0.5 * h / lam + t->Rb[s]) : 0;
}

/* x_resolved: the conductive heat flux along the axis (T10). */
static PetscErrorCode Face(FvProblem *p, FvEval *e, FvFaceData *f, void *data) {
  const Thermal *t   = data;
  const FvMesh *g    = &p->mesh;
  const PetscInt dof = p->model.dof, nfc = p->layout->nfc;
  PetscInt cT;
  PetscFunctionBeginUser;
  if (t->model != FV_THERMAL_X_RESOLVED) PetscFunctionReturn(PETSC_SUCCESS);
  cT = p->fcol[t->iT];
  if (f->dir == 0 && f->side) {
    /* s: the layer's side; the face's only cell is its right one (dq index 1) at x = 0 */
    const PetscInt i = f->side < 0 ? 0 : g->M - 1, s = f->side < 0 ? 0 : 1, lr = 1 - s;
    const PetscInt q   = f->side < 0 ? f->R : f->L;
    const PetscReal G  = BoundaryConductance(t, s, g->h[i], t->lam[g->region[i]]);
    const PetscReal sg = f->side < 0 ? -1.0 : 1.0; /* the heat leaving is along -x at x = 0 */
    f->q[t->qh]        = sg * G * (e->yl[q * dof + t->iT] - p->ambient);
    if (e->jac) f->dq[(t->qh * 2 + lr) * nfc + cT] = sg * G;
  } else if (f->side == 0) {
    const PetscInt iL = f->dir == 0 ? f->i - 1 : f->i, iR = f->i;
    const PetscReal lL = t->lam[g->region[iL]], lR = t->lam[g->region[iR]];
    const PetscReal G = 1.0 / (0.5 * f->hL / lL + 0.5 * f->hR / lR);
    f->q[t->qh]       = FvHeatConductionFace(f->hL, lL, f->hR, lR, e->yl[f->L * dof + t->iT],
                                             e->yl[f->R * dof + t->iT]);
    if (e->jac) {
      f->dq[(t->qh * 2 + 0) * nfc + cT] = G;
      f->dq[(t->qh * 2 + 1) * nfc + cT] = -G;
    }
  } else if (isfinite(t->Re[f->dir - 1])) {
    /* a cooled or held y/z face: the boundary half cell in series with 1/h (or alone) */
    const PetscInt a = f->dir - 1, lr = f->side < 0 ? 1 : 0, q = f->side < 0 ? f->R : f->L;
    const PetscReal lam = t->lam[g->region[f->i]], hc = f->side < 0 ? f->hR : f->hL;
    const PetscReal G  = 1.0 / (0.5 * hc / lam + t->Re[a]);
    const PetscReal sg = f->side < 0 ? -1.0 : 1.0, Ta = t->Te[a] > 0 ? t->Te[a] : p->ambient;
    f->q[t->qh] = sg * G * (e->yl[q * dof + t->iT] - Ta);
    if (e->jac) f->dq[(t->qh * 2 + lr) * nfc + cT] = sg * G;
  } /* else an insulated y or z face: no flux */
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* x_resolved: the heat capacity per x-face area of a cell, its boundary layers included. */
static PetscReal CellCapacity(const FvProblem *p, const Thermal *t, const FvCell *c) {
  PetscReal C = t->rhoc[c->r - p->model.reg] * c->h;
  if (c->i == 0) C += t->Cb[0];
  if (c->i == p->mesh.M - 1) C += t->Cb[1];
  return C;
}

static PetscErrorCode Residual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data) {
  const Thermal *t   = data;
  const FvMesh *g    = &p->mesh;
  const PetscInt dof = p->model.dof;
  PetscReal heat;
  PetscFunctionBeginUser;
  if (t->model == FV_THERMAL_ISOTHERMAL) PetscFunctionReturn(PETSC_SUCCESS);
  heat = c->heat + t->source * c->h;
  if (t->map) t->map[c->q] = heat;
  if (t->model == FV_THERMAL_X_RESOLVED) {
    f[t->iT] = CellCapacity(p, t, c) * c->yp[t->iT] + FvCellDivergence(p, c, t->qh) - heat;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  {
    /* the last column weighs its column's sum by its share of the area and adds the comb's */
    const PetscInt i = c->i, j = c->j, k = c->k;
    const PetscReal w = i == g->M - 1 ? 1.0 / (g->ny * g->nz) : 1.0;
#define YG(i, j, k, v) e->yl[FvMeshGhost(g, i, j, k) * dof + (v)]
    f[t->iQ] = c->y[t->iQ] - w * heat;
    if (i > 0) f[t->iQ] -= w * YG(i - 1, j, k, t->iQ);
    if (i == g->M - 1 && j > 0) f[t->iQ] -= YG(i, j - 1, k, t->iQ);
    if (i == g->M - 1 && j == g->ny - 1 && k > 0) f[t->iQ] -= YG(i, j, k - 1, t->iQ);
    if (i < g->M - 1)
      f[t->iT] = c->y[t->iT] - YG(i + 1, j, k, t->iT);
    else if (!FvMeshIsCombRoot(g, j, k))
      f[t->iT] = c->y[t->iT] - (j < g->ny - 1 ? YG(i, j + 1, k, t->iT) : YG(i, j, k + 1, t->iT));
    else
      f[t->iT] = t->mcp * c->yp[t->iT] - c->y[t->iQ] + t->hA * (c->y[t->iT] - p->ambient);
#undef YG
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Jacobian(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data) {
  const Thermal *t = data;
  const FvMesh *g  = &p->mesh;
  PetscInt hrow;
  PetscReal w = 1.0; /* the heat's weight in its row (lumped: the last column's area share) */
  PetscFunctionBeginUser;
  if (t->model == FV_THERMAL_ISOTHERMAL) PetscFunctionReturn(PETSC_SUCCESS);
  if (t->model == FV_THERMAL_X_RESOLVED) {
    hrow = t->iT;
    *FvBlockAt(b, t->iT, t->iT) += e->cj * CellCapacity(p, t, c);
    FvCellDivergenceJacobian(p, c, b, t->iT, t->qh, 1.0);
  } else {
    const PetscInt i = c->i, j = c->j, k = c->k;
    hrow = t->iQ;
    if (i == g->M - 1) w = 1.0 / (g->ny * g->nz);
    *FvBlockAt(b, t->iQ, t->iQ) += 1;
    if (i > 0) *FvBlockNb(b, t->iQ, FV_NB_XM, t->iQ) -= w;
    if (i == g->M - 1 && j > 0) *FvBlockNb(b, t->iQ, FV_NB_YM, t->iQ) -= 1;
    if (i == g->M - 1 && j == g->ny - 1 && k > 0) *FvBlockNb(b, t->iQ, FV_NB_ZM, t->iQ) -= 1;
    if (i < g->M - 1 || !FvMeshIsCombRoot(g, j, k)) {
      *FvBlockAt(b, t->iT, t->iT) += 1;
      *FvBlockNb(b, t->iT, i < g->M - 1 ? FV_NB_XP : (j < g->ny - 1 ? FV_NB_YP : FV_NB_ZP),
                 t->iT) -= 1;
    } else {
      *FvBlockAt(b, t->iT, t->iT) += e->cj * t->mcp + t->hA;
      *FvBlockAt(b, t->iT, t->iQ) -= 1;
    }
  }
  for (PetscInt col = 0; col < b->W; col++)
    b->B[hrow * b->W + col] -= w * c->dheat[col];
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SetId(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  const Thermal *t = data;
  if (t->model == FV_THERMAL_X_RESOLVED ||
      (t->model == FV_THERMAL_LUMPED && c->i == p->mesh.M - 1 &&
       FvMeshIsCombRoot(&p->mesh, c->j, c->k)))
    v[t->iT] = 1;
  return PETSC_SUCCESS;
}

/* scales: 1 K; the heat sum, the 1C current times 1 V */
static PetscErrorCode AbsTol(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                             void *data) {
  const Thermal *t = data;
  (void)c;
  if (t->model == FV_THERMAL_ISOTHERMAL) return PETSC_SUCCESS;
  v[t->iT] = rtol;
  if (t->model == FV_THERMAL_LUMPED) v[t->iQ] = rtol * p->model.one_c;
  return PETSC_SUCCESS;
}

static PetscErrorCode Initial(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  const Thermal *t = data;
  (void)p;
  (void)c;
  if (t->model != FV_THERMAL_ISOTHERMAL) v[t->iT] = t->T0;
  return PETSC_SUCCESS;
}

PetscErrorCode FvThermalHeatMap(FvProblem *p, Vec Y, PetscReal *q, PetscReal *total,
                                PetscBool *bad) {
  const FvMesh *g = &p->mesh;
  Thermal *t      = NULL;
  Vec Yp, F;
  PetscReal loc = 0;
  PetscFunctionBeginUser;
  for (PetscInt mi = 0; mi < p->nmod; mi++)
    if (p->mod[mi] == &FvModuleThermal) t = p->mdata[mi];
  PetscCheck(t && t->model != FV_THERMAL_ISOTHERMAL, PetscObjectComm((PetscObject)g->da),
             PETSC_ERR_ARG_WRONG, "the heat map needs a thermal model (the heat is not computed)");
  PetscCall(VecDuplicate(Y, &Yp));
  PetscCall(VecDuplicate(Y, &F));
  PetscCall(VecZeroEntries(Yp));
  for (PetscInt o = 0; o < g->xm * g->ym * g->zm; o++) /* a pass cut short leaves NaN */
    q[o] = NAN;
  t->map = q;
  PetscCall(FvProblemResidual(p, 0, Y, Yp, F, bad));
  t->map = NULL;
  PetscCall(VecDestroy(&Yp));
  PetscCall(VecDestroy(&F));
  /* per electrode area: each column's share 1/(ny nz) of the cell's area; per volume: over h */
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        const PetscInt o = FvMeshOwned(g, i, j, k);
        loc += q[o] / (g->ny * g->nz);
        q[o] /= g->h[i];
      }
  PetscCall(
      MPIU_Allreduce(&loc, total, 1, MPIU_REAL, MPI_SUM, PetscObjectComm((PetscObject)g->da)));
  PetscFunctionReturn(PETSC_SUCCESS);
}

const FvModule FvModuleThermal = {.name     = "thermal",
                                  .layout   = Layout,
                                  .setup    = Setup,
                                  .destroy  = Destroy,
                                  .face     = Face,
                                  .residual = Residual,
                                  .jacobian = Jacobian,
                                  .set_id   = SetId,
                                  .abstol   = AbsTol,
                                  .initial  = Initial};
