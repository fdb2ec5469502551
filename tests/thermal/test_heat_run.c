/* test_heat_run.c -- the heat of real discharges (solver/heat_profile.c, docs/thermal.md §3).
 *
 * A cell (-case, default reference/dualfoil_thermal: cases/NAME.yaml) discharged isothermally (its
 * thermal model set to isothermal: the temperature is not yet an unknown) at -rate C to its
 * cut-off. At every recorded state:
 *   - the summed heat terms close the discrete balance (T13) with the state's own charge-balance
 *     residuals: Q = -I V - sum h a J (U - T dU/dT) + sum (phi_e f_phie + phi_s f_phis), to 1e-9
 *     of I V (round-off against the terms), for both reaction-heat forms;
 *   - the Rao-Newman total equals I (U_p - U_n) - I V with the reaction-weighted particle-average
 *     OCPs (the energy statement; dU/dT = 0 in this cell);
 *   - the heat the modules produce inside a residual pass (FvCell.heat, read by a recording
 *     consumer module) equals FvProblemHeat's heat of every cell to 1e-12 of the largest cell's,
 *     for both forms.
 * Over the discharge (trapezoid in time) it reports the integrals of both forms and, for the
 * closing note, the one-way temperature estimate of the case's lumped model driven by this
 * isothermal heat (m c_p dT/dt = Q - h (T - T_amb)): the temperature feedback on the
 * electrochemistry is not in it.  That estimate is printed, not asserted.
 */
#include "fvtest.h"
#include "heat_profile.h"
#include "module.h"
#include "thermal.h"
#include <stdio.h>

typedef struct {
  const FvCase *c;
  PetscReal mcp, hA;
  PetscBool first;
  PetscReal t, Q[2], T[2], Tmax[2], intQ[2], worst[2], worst_raw, worst_rn, worst_pass;
  PetscInt n;
  FvProblem pass; /* the same problem with a consumer of the heat (Recorder) */
  PetscBool has_pass;
} Ctx;

/* A consumer of the in-pass heat (docs/modules.md §5): it owns no unknowns and records c->heat of
 * every owned cell [W m-2]. */
typedef struct {
  PetscReal *heat;
} Recorder;
static PetscErrorCode RecorderLayout(FvProblem *p, FvLayout *L, void **data) {
  Recorder *r;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&r));
  L->heat = PETSC_TRUE;
  *data   = r;
  (void)p;
  PetscFunctionReturn(PETSC_SUCCESS);
}
static PetscErrorCode RecorderSetUp(FvProblem *p, void *data) {
  Recorder *r = data;
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc1(p->mesh.xm * p->mesh.ym * p->mesh.zm, &r->heat));
  PetscFunctionReturn(PETSC_SUCCESS);
}
static PetscErrorCode RecorderDestroy(FvProblem *p, void *data) {
  Recorder *r = data;
  (void)p;
  PetscFunctionBeginUser;
  PetscCall(PetscFree(r->heat));
  PetscCall(PetscFree(r));
  PetscFunctionReturn(PETSC_SUCCESS);
}
static PetscErrorCode RecorderResidual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f,
                                       void *data) {
  Recorder *r = data;
  (void)p, (void)e, (void)f;
  r->heat[c->q] = c->heat;
  return PETSC_SUCCESS;
}
static const FvModule Recorder_ = {.name     = "heat_recorder",
                                   .layout   = RecorderLayout,
                                   .setup    = RecorderSetUp,
                                   .destroy  = RecorderDestroy,
                                   .residual = RecorderResidual};

/* The in-pass heat of state Y against FvProblemHeat's per cell, form `form`: the worst difference
 * over the cells relative to the largest |heat| of a cell. */
static PetscErrorCode PassHeat(Ctx *x, FvProblem *p, Vec Y, FvReactionHeat form, PetscReal *worst) {
  FvProblem *pp   = &x->pass;
  const FvMesh *g = &p->mesh;
  Recorder *rec;
  Vec F, Yp;
  PetscBool bad;
  PetscReal *cellq, big = 0, diff = 0;
  PetscFunctionBeginUser;
  if (!x->has_pass) {
    const FvModule *extra[1] = {&Recorder_};
    PetscCall(FvProblemCreateWith(PETSC_COMM_WORLD, x->c, extra, 1, pp));
    x->has_pass = PETSC_TRUE;
  }
  rec                 = (Recorder *)pp->mdata[pp->nmod - 1];
  pp->model.heat_form = form;
  PetscCall(VecDuplicate(Y, &F));
  PetscCall(VecDuplicate(Y, &Yp));
  PetscCall(VecSet(Yp, 0));
  PetscCall(FvProblemResidual(pp, 0, Y, Yp, F, &bad));
  PetscCall(PetscMalloc1(g->xm * FV_NHEAT, &cellq));
  {
    PetscReal tot[FV_NHEAT];
    PetscCall(FvProblemHeat(p, Y, p->model.T, form, cellq, tot, &bad));
  }
  for (PetscInt q = 0; q < g->xm; q++) {
    const PetscReal h = g->h[g->xs + q], ref = cellq[q * FV_NHEAT + FV_HEAT_TOTAL];
    big  = PetscMax(big, PetscAbsReal(ref));
    diff = PetscMax(diff, PetscAbsReal(rec->heat[q] / h - ref));
  }
  *worst = big > 0 ? diff / big : diff;
  PetscCall(PetscFree(cellq));
  PetscCall(VecDestroy(&F));
  PetscCall(VecDestroy(&Yp));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* sum over the cells of h a J U at the surface (local) or the particle average (rao_newman) and
 * of the charge-balance residuals weighted by the potentials */
static PetscErrorCode Sums(FvProblem *p, Vec Y, PetscReal su[2], PetscReal *sres, PetscReal Up[2],
                           PetscReal In[2]) {
  const FvModel *m = &p->model;
  const FvMesh *g  = &p->mesh;
  Vec F, Yp;
  PetscBool bad;
  const PetscScalar **v, **f;
  PetscReal loc[8] = {0, 0, 0, 0, 0, 0, 0, 0}, glob[8];
  PetscFunctionBeginUser;
  PetscCall(VecDuplicate(Y, &F));
  PetscCall(VecDuplicate(Y, &Yp));
  PetscCall(VecSet(Yp, 0));
  PetscCall(FvProblemResidual(p, 0, Y, Yp, F, &bad)); /* the charge rows hold no y' */
  PetscCall(DMDAVecGetArrayDOFRead(g->da, Y, (void *)&v));
  PetscCall(DMDAVecGetArrayDOFRead(g->da, F, (void *)&f));
  for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
    const FvRegionModel *r = &m->reg[g->region[i]];
    const PetscReal h      = g->h[i];
    loc[2] += v[i][FV_PHIE] * f[i][FV_PHIE];
    if (r->electrode) loc[2] += v[i][FV_PHIS] * f[i][FV_PHIS];
    if (!r->electrode) continue;
    for (PetscInt fi = 0; fi < r->nfam; fi++) {
      const FvRegionModel *fm = &r->fam[fi];
      const PetscInt C0       = FvIdxCs(m, fi);
      const PetscReal aJ      = fm->a * v[i][FvIdxJn(m, fi)];
      PetscReal cs, Us, Ua;
      FvParticleSurface(m, fm, &v[i][C0], v[i][FvIdxJn(m, fi)], &cs);
      FvPropertyEval(&r->ocp, cs / r->c_max, m->T, m->R, &Us);
      FvPropertyEval(&r->ocp, FvParticleAverage(fm, &v[i][C0]) / r->c_max, m->T, m->R, &Ua);
      loc[0] += h * aJ * Us;
      loc[1] += h * aJ * Ua;
      loc[g->region[i] == FV_NEG ? 3 : 4] += h * aJ * Ua;
      loc[g->region[i] == FV_NEG ? 5 : 6] += h * aJ;
    }
  }
  PetscCall(DMDAVecRestoreArrayDOFRead(g->da, Y, (void *)&v));
  PetscCall(DMDAVecRestoreArrayDOFRead(g->da, F, (void *)&f));
  PetscCall(MPIU_Allreduce(loc, glob, 8, MPIU_REAL, MPI_SUM, PETSC_COMM_WORLD));
  su[0] = glob[0];
  su[1] = glob[1];
  *sres = glob[2];
  Up[0] = glob[3], Up[1] = glob[4], In[0] = glob[5], In[1] = glob[6];
  PetscCall(VecDestroy(&F));
  PetscCall(VecDestroy(&Yp));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Observe(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  Ctx *x                       = (Ctx *)vctx;
  const FvReactionHeat form[2] = {FV_REACTION_HEAT_LOCAL, FV_REACTION_HEAT_RAO_NEWMAN};
  PetscReal su[2] = {0, 0}, sres = 0, Ua[2] = {0, 0}, In[2] = {0, 0}, Q[2];
  const PetscReal Ic = rec->current_density, V = rec->voltage, T = p->model.T;
  PetscFunctionBeginUser;
  PetscCall(Sums(p, Y, su, &sres, Ua, In));
  for (int k = 0; k < 2; k++) {
    PetscReal tot[FV_NHEAT], expect;
    PetscBool bad;
    PetscReal wp = 0;
    PetscCall(FvProblemHeat(p, Y, T, form[k], NULL, tot, &bad));
    PetscCall(PassHeat(x, p, Y, form[k], &wp));
    x->worst_pass = PetscMax(x->worst_pass, wp);
    Q[k]          = tot[FV_HEAT_TOTAL];
    expect        = -Ic * V - su[k] + sres; /* dU/dT = 0 in this cell */
    x->worst[k]   = PetscMax(x->worst[k], PetscAbsReal(Q[k] - expect) / PetscAbsReal(Ic * V));
    if (k == 0) x->worst_raw = PetscMax(x->worst_raw, PetscAbsReal(sres) / PetscAbsReal(Ic * V));
  }
  /* Rao-Newman: I (U_p - U_n) - I V with the reaction-weighted particle averages (the positive's
   * reaction current is -I, the negative's +I, to the charge balance) */
  if (PetscAbsReal(In[0]) > 0 && PetscAbsReal(In[1]) > 0) {
    const PetscReal Ubar = Ic * (Ua[1] / In[1] - Ua[0] / In[0]) - Ic * V;
    x->worst_rn = PetscMax(x->worst_rn, PetscAbsReal(Q[1] - sres - Ubar) / PetscAbsReal(Ic * V));
  }
  if (x->first) {
    x->first = PETSC_FALSE;
    for (int k = 0; k < 2; k++)
      x->T[k] = x->Tmax[k] = x->c->thermal.T_amb;
  } else {
    const PetscReal dt = rec->time - x->t;
    for (int k = 0; k < 2; k++) {
      const PetscReal Qm = 0.5 * (Q[k] + x->Q[k]);
      x->intQ[k] += dt * Qm;
      /* trapezoid, implicit in the cooling */
      x->T[k] = (x->T[k] * (x->mcp / dt - 0.5 * x->hA) + Qm + x->hA * x->c->thermal.T_amb) /
                (x->mcp / dt + 0.5 * x->hA);
      x->Tmax[k] = PetscMax(x->Tmax[k], x->T[k]);
    }
  }
  x->t    = rec->time;
  x->Q[0] = Q[0], x->Q[1] = Q[1];
  x->n++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  FvCase c;
  FvRunResult res;
  FvThermalStack ts;
  Ctx x;
  PetscReal rate = 1.0, h = -1;
  char name[FV_NAME_LEN] = "reference/dualfoil_thermal", path[FV_PATH_LEN];
  int fails              = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-rate", &rate, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-htc", &h, NULL));
  PetscCall(PetscOptionsClearValue(NULL, "-rate"));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", name, sizeof name, NULL));
  PetscCall(PetscOptionsClearValue(NULL, "-htc"));
  PetscCall(PetscOptionsClearValue(NULL, "-case"));
  snprintf(path, sizeof path, "%s/cases/%s.yaml", FVCELL_SOURCE_DIR, name);
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, &c));
  if (h >= 0) c.thermal.h = h;
  PetscCall(FvThermalStackCompute(&c, &ts));
  if (!(ts.heat_capacity > 0)) ts.heat_capacity = 1000; /* an isothermal case: any m c_p */
  c.thermal.model = FV_THERMAL_ISOTHERMAL;              /* one-way: the electrochemistry at T_0 */
  PetscCall(PetscMemzero(&x, sizeof x));
  x.c     = &c;
  x.first = PETSC_TRUE;
  x.mcp   = ts.heat_capacity;
  x.hA    = c.thermal.h * c.thermal.cooling_ratio;
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, rate, Observe, &x, &res));
  printf("%s, %gC isothermal discharge: %s (%" PetscInt_FMT " records, %.1f s)\n", name,
         (double)rate, res.reason, x.n, (double)res.t_end);
  printf("  discrete balance (T13) with the state's charge residuals: worst %.3e (local), %.3e "
         "(rao_newman) of I V; the residual term itself up to %.3e of I V\n",
         (double)x.worst[0], (double)x.worst[1], (double)x.worst_raw);
  printf("  rao_newman total vs I (U_p - U_n) - I V (particle averages): worst %.3e of I V\n",
         (double)x.worst_rn);
  printf("  in-pass heat (FvCell.heat) vs FvProblemHeat per cell: worst %.3e of the largest\n",
         (double)x.worst_pass);
  printf("  heat over the discharge: local %.6g J/m2, rao_newman %.6g J/m2 (difference %.4g %%); "
         "electrical energy delivered %.6g J/m2\n",
         (double)x.intQ[0], (double)x.intQ[1], (double)(100 * (x.intQ[1] - x.intQ[0]) / x.intQ[1]),
         (double)(res.energy * 3600));
  printf("  one-way lumped estimate (m c_p %.2f J/m2/K, h A/A_el %.3g W/m2/K, T_amb %.2f K): "
         "max T - T_amb %.3f K (local), %.3f K (rao_newman); at the end %.3f / %.3f K\n",
         (double)x.mcp, (double)x.hA, (double)c.thermal.T_amb,
         (double)(x.Tmax[0] - c.thermal.T_amb), (double)(x.Tmax[1] - c.thermal.T_amb),
         (double)(x.T[0] - c.thermal.T_amb), (double)(x.T[1] - c.thermal.T_amb));
  FV_CHECK(res.ok, "the discharge did not end on its cut-off: %s", res.reason);
  FV_CHECK(x.worst[0] < 1e-9 && x.worst[1] < 1e-9, "balance %g %g", (double)x.worst[0],
           (double)x.worst[1]);
  FV_CHECK(x.worst_rn < 1e-9, "rao_newman vs I (U_p - U_n) - I V: %g", (double)x.worst_rn);
  FV_CHECK(x.n > 0 && x.worst_pass < 1e-12, "in-pass heat vs FvProblemHeat: %g",
           (double)x.worst_pass);
  FV_CHECK(x.intQ[1] > x.intQ[0] && x.intQ[0] > 0,
           "on discharge the Rao-Newman heat exceeds the local one (q_mix > 0): %g, %g",
           (double)x.intQ[1], (double)x.intQ[0]);
  PetscCall(FvRunResultReset(&res));
  if (x.has_pass) PetscCall(FvProblemDestroy(&x.pass));
  PetscCall(FvCaseDestroy(&c));
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
