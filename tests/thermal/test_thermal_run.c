/* test_thermal_run.c -- the thermal module (solver/module_thermal.c) in the running solver.
 *
 * The cell is cases/reference/marquis2019_lumped (PyBaMM's layers, every layer's rho, c_p and
 * lambda), with a heat source under the test's control: -fvcell_thermal_source q [W m-3] in every
 * control volume, during a rest from the uniform initial state (no current: the electrochemistry
 * releases no heat, so q is the only heat and Q = q L, L the electrode stack's thickness).
 *   -check source_lumped    adiabatic lumped: m c_p (T - T_0) = Q t at every record, to 1e-9 of
 *                           the rise (BDF integrates a linear T(t) exactly: Newton tolerance)
 *   -check source_resolved  adiabatic x_resolved: sum_i C_i (T_i - T_0) = Q t (the face fluxes
 *                           telescope; the collectors' capacity joins the boundary cells), 1e-9
 *   -check cooling          lumped with the case's cooling from 1 K above the ambient: T(t)
 *                           against the exponential of (T11), to 1e-4 of the change (run with
 *                           -fvcell_rtol 1e-8: IDA weighs T's error by rtol |T| ~ rtol x 300 K,
 *                           so at the default 1e-6 the error is ~1e-3 K, 0.14 % of this change)
 *   -check infinite_lambda  x_resolved with every conductivity x 1e6 and both faces cooled
 *                           against lumped with cooling_area_ratio 2: the C-weighted mean
 *                           temperature follows the lumped exponential to 1e-4 of the change at
 *                           every record, ends within 1e-4 of the lumped run's rise, and the
 *                           x-resolved cell is uniform to 1e-6 K
 *   -check steady           the steady x_resolved profile of a uniform source through the
 *                           module's own residual and Jacobian (the T rows: conduction, boundary
 *                           layers) against the analytic piecewise-quadratic profile with the
 *                           collectors and the convective faces in series, on 1x, 2x, 4x the
 *                           case's mesh: observed order 2 (within 0.1)
 *   -check protocol         lumped with a source: a step's temperature end and the safety limit
 *                           (thermal.maximum_temperature) found by the integrator's root at the
 *                           analytic crossing time to 1e-4 (IDA's T error ~1e-5 K at rtol 1e-8
 *                           over a slope of 0.1 K/s), the limit stops the run; a rest at an
 *                           ambient 10 K above follows the exponential to 1e-4 of the step
 *   -check balance_lumped   a coupled 2C discharge of the cell (its local heat with PyBaMM's
 *   -check balance_resolved entropic coefficients, h = 10 W/m2/K): at every record the heat the
 *                           module consumed (lumped: the running sum Q; x_resolved: from its rows
 *                           at T' = 0) equals the state's heat evaluated outside the pass
 *                           (FvProblemHeat, whose terms close (T12)/(T13): the electrical energy
 *                           not delivered plus the reversible heat) -- to 1e-12 of max I V for
 *                           x_resolved (round-off) and 1e-6 for lumped (Q is an algebraic
 *                           unknown: Newton's tolerance); and over the discharge the stored plus
 *                           the rejected heat equals int Q dt to 1e-4 (both integrals by the
 *                           trapezoid over IDA's steps, whose error this bounds)
 *   -check grammar          the step grammar's ambients and temperature ends (K, degC, °C) and
 *                           its refusals
 *   -check isothermal       the isothermal layout has no T slot and the module adds nothing; a
 *                           lumped cell of huge heat capacity (1e12 J/m2/K: T stays within 1e-8 K)
 *                           discharges as the isothermal one to 1e-6 in time and capacity
 */
#include "fvtest.h"
#include "module.h"
#include "thermal.h"
#include "heat_profile.h"
#include <stdio.h>

#define MAX_REC 4096
typedef struct {
  PetscInt n;
  PetscReal t[MAX_REC], Tmean[MAX_REC], Tmin[MAX_REC], Tmax[MAX_REC], CT[MAX_REC];
  PetscReal C[1024]; /* x_resolved: the capacity of each cell [J m-2 K-1] */
} Trace;

/* capacities of the x_resolved cells, as the module forms them (docs/thermal.md §4) */
static PetscErrorCode Capacities(const FvCase *c, const FvMesh *g, PetscReal *C, PetscReal *sum) {
  FvThermalStack ts;
  PetscFunctionBeginUser;
  PetscCall(FvThermalStackCompute(c, &ts));
  *sum = 0;
  for (PetscInt i = 0; i < g->M; i++) {
    const PetscInt ly = FV_LAYER_NEG + g->region[i];
    C[i]              = ts.mass[ly] * ts.cp[ly] / ts.thickness[ly] * g->h[i];
    if (i == 0) C[i] += ts.mass[FV_LAYER_NEG_CC] * ts.cp[FV_LAYER_NEG_CC];
    if (i == g->M - 1) C[i] += ts.mass[FV_LAYER_POS_CC] * ts.cp[FV_LAYER_POS_CC];
    *sum += C[i];
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Observe(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  Trace *tr         = ctx;
  const FvMesh *g   = &p->mesh;
  const PetscInt iT = p->layout->T, dof = p->model.dof;
  PetscReal s = 0, cs = 0, lo = INFINITY, hi = -INFINITY;
  const PetscScalar *a;
  PetscFunctionBeginUser;
  if (tr->n >= MAX_REC || iT < 0) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(VecGetArrayRead(Y, &a));
  for (PetscInt i = 0; i < g->M; i++) {
    const PetscReal T = a[i * dof + iT];
    s += T * g->h[i];
    cs += tr->C[i] * T;
    lo = PetscMin(lo, T);
    hi = PetscMax(hi, T);
  }
  PetscCall(VecRestoreArrayRead(Y, &a));
  tr->t[tr->n]     = rec->time;
  tr->Tmean[tr->n] = s / g->L;
  tr->CT[tr->n]    = cs;
  tr->Tmin[tr->n]  = lo;
  tr->Tmax[tr->n]  = hi;
  tr->n++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A rest of `duration` seconds with the verification source q (0: none), at the ambient
 * temperature `ambient` (0: the case's) and ending at the temperature T_end (0: none). */
static PetscErrorCode RestAt(const FvCase *c, PetscReal q, PetscReal duration, PetscReal ambient,
                             PetscReal T_end, Trace *tr, FvRunResult *res) {
  FvProtocolStep st;
  char buf[64];
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&st, sizeof st));
  st.ambient = ambient;
  if (T_end > 0) st.end[st.nend].kind = FV_END_TEMPERATURE, st.end[st.nend++].value = T_end;
  snprintf(st.text, sizeof st.text, "Rest for %g s", (double)duration);
  st.kind              = FV_STEP_REST;
  st.control           = FV_CTRL_CURRENT;
  st.end[st.nend].kind = FV_END_TIME, st.end[st.nend++].value = duration;
  snprintf(buf, sizeof buf, "%.17g", (double)q);
  PetscCall(PetscOptionsSetValue(NULL, "-fvcell_thermal_source", buf));
  tr->n = 0;
  PetscCall(FvRunSteps(PETSC_COMM_WORLD, c, 1.0, &st, 1, 1, Observe, tr, res));
  PetscCall(PetscOptionsClearValue(NULL, "-fvcell_thermal_source"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Rest(const FvCase *c, PetscReal q, PetscReal duration, Trace *tr,
                           FvRunResult *res) {
  PetscFunctionBeginUser;
  PetscCall(RestAt(c, q, duration, 0, 0, tr, res));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscReal StackThickness(const FvCase *c) {
  PetscReal L = 0;
  for (PetscInt rg = 0; rg < FV_NREGIONS; rg++)
    L += c->region[rg].thickness;
  return L;
}

/* the mesh of case c (to know M, h and the regions) */
static PetscErrorCode MeshOf(const FvCase *c, FvProblem *p) {
  PetscFunctionBeginUser;
  PetscCall(FvProblemCreate(PETSC_COMM_WORLD, c, p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckSource(FvCase *c, FvThermalModel model, int *fails_) {
  int fails         = 0;
  const PetscReal q = 1e4, dur = 600, L = StackThickness(c);
  FvProblem p;
  FvRunResult res;
  Trace *tr;
  PetscReal Csum, worst = 0, rise;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&tr));
  c->thermal.model = model;
  c->thermal.h     = 0; /* adiabatic */
  PetscCall(MeshOf(c, &p));
  PetscCall(Capacities(c, &p.mesh, tr->C, &Csum));
  if (model == FV_THERMAL_LUMPED) {
    FvThermalStack ts;
    PetscCall(FvThermalStackCompute(c, &ts));
    FV_CLOSE(Csum, ts.heat_capacity, 1e-12); /* the x-resolved capacities sum to (T14) */
  }
  PetscCall(FvProblemDestroy(&p));
  PetscCall(Rest(c, q, dur, tr, &res));
  FV_CHECK(res.ok && tr->n > 2, "the rest did not run: %s", res.reason);
  for (PetscInt r = 0; r < tr->n; r++) {
    const PetscReal stored =
        model == FV_THERMAL_LUMPED ? Csum * (tr->Tmean[r] - c->T) : tr->CT[r] - Csum * c->T;
    worst = PetscMax(worst, PetscAbsReal(stored - q * L * tr->t[r]));
  }
  rise = q * L * dur / Csum;
  printf("%s adiabatic, q = %g W/m3 for %g s: rise %.6f K (Q t / m c_p %.6f K), %" PetscInt_FMT
         " records, worst |stored - Q t| %.3e of Q t_end\n",
         model == FV_THERMAL_LUMPED ? "lumped" : "x_resolved", (double)q, (double)dur,
         (double)(tr->Tmean[tr->n - 1] - c->T), (double)rise, tr->n,
         (double)(worst / (q * L * dur)));
  FV_CHECK(worst <= 1e-9 * q * L * dur, "energy balance %g of Q t",
           (double)(worst / (q * L * dur)));
  FV_CLOSE(tr->Tmean[tr->n - 1] - c->T, rise, model == FV_THERMAL_LUMPED ? 1e-9 : 1e-2);
  PetscCall(FvRunResultReset(&res));
  PetscCall(PetscFree(tr));
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckCooling(FvCase *c, int *fails_) {
  int fails         = 0;
  const PetscReal q = 1e4, dur = 300, L = StackThickness(c);
  FvThermalStack ts;
  FvRunResult res;
  Trace *tr;
  PetscReal worst = 0, hA, tau, Tinf;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&tr));
  c->thermal.model = FV_THERMAL_LUMPED;
  c->T             = c->thermal.T_amb + 1.0; /* starts 1 K above the ambient */
  PetscCall(FvThermalStackCompute(c, &ts));
  hA   = c->thermal.h * c->thermal.cooling_ratio;
  tau  = ts.heat_capacity / hA;
  Tinf = c->thermal.T_amb + q * L / hA;
  PetscCall(Rest(c, q, dur, tr, &res));
  for (PetscInt r = 0; r < tr->n; r++) {
    const PetscReal Ta = Tinf + (c->T - Tinf) * PetscExpReal(-tr->t[r] / tau);
    worst              = PetscMax(worst, PetscAbsReal(tr->Tmean[r] - Ta));
  }
  printf("lumped, cooled (h A/A_el %g W/m2/K, tau %.3f s), q = %g W/m3: T_end - T_amb %.6f K "
         "(analytic %.6f K), worst |T - T_exact| %.3e K over %" PetscInt_FMT " records\n",
         (double)hA, (double)tau, (double)q, (double)(tr->Tmean[tr->n - 1] - c->thermal.T_amb),
         (double)(Tinf - c->thermal.T_amb + (c->T - Tinf) * PetscExpReal(-dur / tau)),
         (double)worst, tr->n);
  FV_CHECK(res.ok, "the rest did not run: %s", res.reason);
  FV_CHECK(worst <= 1e-4 * PetscAbsReal(c->T - Tinf), "worst %g K against a change of %g K",
           (double)worst, (double)PetscAbsReal(c->T - Tinf));
  PetscCall(FvRunResultReset(&res));
  PetscCall(PetscFree(tr));
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A coupled discharge: the heat the module consumed against the heat of the state evaluated
 * outside the pass (FvProblemHeat, whose terms close (T12)-(T13): the electrical energy not
 * delivered plus the reversible heat), and the stored plus the rejected heat against its integral.
 */
typedef struct {
  FvCase *c;
  PetscReal C[1024], Csum, G[2], hA; /* x_resolved capacities and face conductances; lumped hA */
  PetscBool first;
  PetscReal t, Q, out, T0;
  PetscReal intQ, intOut, worst, IVmax, stored;
  PetscInt n;
} Balance;

static PetscErrorCode ObserveBalance(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  Balance *b        = ctx;
  const FvMesh *g   = &p->mesh;
  const PetscInt iT = p->layout->T, dof = p->model.dof, M = g->M;
  PetscReal total[FV_NHEAT], Qm, out = 0, stored = 0, Tmean = 0;
  PetscBool bad;
  const PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(Y, &a));
  for (PetscInt i = 0; i < M; i++)
    Tmean += g->h[i] * a[i * dof + iT] / g->L;
  if (b->c->thermal.model == FV_THERMAL_LUMPED) {
    const PetscInt iQ = FvLayoutFindSlot(p->layout, "Q");
    const PetscReal T = a[(M - 1) * dof + iT];
    Qm                = a[(M - 1) * dof + iQ]; /* the running sum: the heat the module consumed */
    out               = b->hA * (T - p->ambient);
    stored            = b->Csum * T;
  } else {
    Vec F, Yp;
    const PetscScalar *f;
    PetscCall(VecDuplicate(Y, &F));
    PetscCall(VecDuplicate(Y, &Yp));
    PetscCall(VecSet(Yp, 0));
    PetscCall(FvProblemResidual(p, rec->time, Y, Yp, F, &bad));
    PetscCall(VecGetArrayRead(F, &f));
    /* rows with T' = 0: div q - heat; their sum is the flux out of both faces minus the heat */
    out = b->G[0] * (a[iT] - p->ambient) + b->G[1] * (a[(M - 1) * dof + iT] - p->ambient);
    Qm  = out;
    for (PetscInt i = 0; i < M; i++) {
      Qm -= f[i * dof + iT];
      stored += b->C[i] * a[i * dof + iT];
    }
    PetscCall(VecRestoreArrayRead(F, &f));
    PetscCall(VecDestroy(&F));
    PetscCall(VecDestroy(&Yp));
  }
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscCall(FvProblemHeat(p, Y, Tmean, b->c->thermal.reaction_heat, NULL, total, &bad));
  b->IVmax = PetscMax(b->IVmax, PetscAbsReal(rec->current_density * rec->voltage));
  b->worst = PetscMax(b->worst, PetscAbsReal(Qm - total[FV_HEAT_TOTAL]));
  if (b->first) {
    b->first = PETSC_FALSE;
    b->T0    = stored;
  } else {
    b->intQ += 0.5 * (rec->time - b->t) * (Qm + b->Q);
    b->intOut += 0.5 * (rec->time - b->t) * (out + b->out);
  }
  b->stored = stored - b->T0;
  b->t = rec->time, b->Q = Qm, b->out = out;
  b->n++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckBalance(FvCase *c, FvThermalModel model, int *fails_) {
  int fails = 0;
  FvProblem p;
  FvRunResult res;
  Balance *b;
  PetscReal rel;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&b));
  c->thermal.model = model;
  b->c             = c;
  b->first         = PETSC_TRUE;
  b->hA            = c->thermal.h * c->thermal.cooling_ratio;
  PetscCall(FvProblemCreate(PETSC_COMM_WORLD, c, &p));
  PetscCall(Capacities(c, &p.mesh, b->C, &b->Csum));
  if (model == FV_THERMAL_X_RESOLVED) {
    FvThermalStack ts;
    const FvMesh *g = &p.mesh;
    PetscCall(FvThermalStackCompute(c, &ts));
    b->G[0] = 1.0 / (0.5 * g->h[0] / ts.lambda[FV_LAYER_NEG] +
                     ts.thickness[FV_LAYER_NEG_CC] / ts.lambda[FV_LAYER_NEG_CC] + 1 / c->thermal.h);
    b->G[1] = 1.0 / (0.5 * g->h[g->M - 1] / ts.lambda[FV_LAYER_POS] +
                     ts.thickness[FV_LAYER_POS_CC] / ts.lambda[FV_LAYER_POS_CC] + 1 / c->thermal.h);
  }
  PetscCall(FvProblemDestroy(&p));
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, c, 2.0, ObserveBalance, b, &res));
  rel = PetscAbsReal(b->stored + b->intOut - b->intQ) / b->intQ;
  printf("%s, 2C discharge (%s heat): %" PetscInt_FMT " records, t_end %.2f s; heat consumed by "
         "the module vs FvProblemHeat: worst %.3e of max I V; int Q dt %.6g J/m2, stored %.6g "
         "J/m2, rejected %.6g J/m2: balance %.3e of int Q dt\n",
         model == FV_THERMAL_LUMPED ? "lumped" : "x_resolved",
         c->thermal.reaction_heat == FV_REACTION_HEAT_LOCAL ? "local" : "rao_newman", b->n,
         (double)res.t_end, (double)(b->worst / b->IVmax), (double)b->intQ, (double)b->stored,
         (double)b->intOut, (double)rel);
  FV_CHECK(res.ok, "%s", res.reason);
  FV_CHECK(b->worst <= (model == FV_THERMAL_LUMPED ? 1e-6 : 1e-12) * b->IVmax,
           "heat consumed vs FvProblemHeat: %g of I V", (double)(b->worst / b->IVmax));
  FV_CHECK(rel <= 1e-4, "energy balance %g", (double)rel);
  PetscCall(FvRunResultReset(&res));
  PetscCall(PetscFree(b));
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The protocol's temperatures on the lumped cell: an end "until T*" and the safety limit located
 * by the integrator's root at the analytic time of the exponential, and an ambient step. */
static PetscErrorCode CheckProtocol(FvCase *c, int *fails_) {
  int fails         = 0;
  const PetscReal q = 3e5, L = StackThickness(c), Tstar = c->thermal.T_amb + 1.0;
  FvThermalStack ts;
  FvRunResult res;
  Trace *tr;
  PetscReal hA, tau, Tinf, tstar, Tend;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&tr));
  c->thermal.model = FV_THERMAL_LUMPED;
  c->T             = c->thermal.T_amb;
  PetscCall(FvThermalStackCompute(c, &ts));
  hA    = c->thermal.h * c->thermal.cooling_ratio;
  tau   = ts.heat_capacity / hA;
  Tinf  = c->thermal.T_amb + q * L / hA;
  tstar = -tau * PetscLogReal((Tstar - Tinf) / (c->T - Tinf));
  /* the step's own end */
  PetscCall(RestAt(c, q, 600, 0, Tstar, tr, &res));
  printf("until %.2f K: ended at t = %.8f s (analytic %.8f s): %s\n", (double)Tstar,
         (double)res.t_end, (double)tstar, res.reason);
  FV_CHECK(res.ok && res.end == FV_STEP_END_TEMPERATURE, "%s", res.reason);
  FV_CLOSE(res.t_end, tstar, 1e-4);
  FV_CLOSE(tr->Tmean[tr->n - 1], Tstar, 1e-9);
  PetscCall(FvRunResultReset(&res));
  /* the safety limit: the run stops there */
  c->thermal.T_max = Tstar;
  PetscCall(RestAt(c, q, 600, 0, 0, tr, &res));
  printf("thermal.maximum_temperature %.2f K: t = %.8f s: %s\n", (double)Tstar, (double)res.t_end,
         res.reason);
  FV_CHECK(!res.ok && res.end == FV_STEP_END_TEMPERATURE_LIMIT, "%s", res.reason);
  FV_CLOSE(res.t_end, tstar, 1e-4);
  PetscCall(FvRunResultReset(&res));
  c->thermal.T_max = 0;
  /* an ambient 10 K above: the cell follows it with the time constant */
  PetscCall(RestAt(c, 0, 100, c->thermal.T_amb + 10, 0, tr, &res));
  Tend = c->thermal.T_amb + 10 * (1 - PetscExpReal(-100 / tau));
  printf("rest at T_amb + 10 K for 100 s: T = %.8f K (analytic %.8f K)\n",
         (double)tr->Tmean[tr->n - 1], (double)Tend);
  FV_CHECK(res.ok, "%s", res.reason);
  FV_CHECK(PetscAbsReal(tr->Tmean[tr->n - 1] - Tend) < 1e-4 * 10, "T %g, expected %g",
           (double)tr->Tmean[tr->n - 1], (double)Tend);
  PetscCall(FvRunResultReset(&res));
  PetscCall(PetscFree(tr));
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckInfiniteLambda(FvCase *c, int *fails_) {
  int fails         = 0;
  const PetscReal q = 1e4, dur = 300, L = StackThickness(c);
  FvProblem p;
  FvRunResult res;
  Trace *lu, *xr;
  PetscReal Csum, worst = 0, spread = 0, change = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&lu));
  PetscCall(PetscNew(&xr));
  c->T = c->thermal.T_amb + 1.0;
  /* lumped, both faces cooled */
  c->thermal.model         = FV_THERMAL_LUMPED;
  c->thermal.cooling_ratio = 2;
  PetscCall(Rest(c, q, dur, lu, &res));
  FV_CHECK(res.ok, "lumped: %s", res.reason);
  PetscCall(FvRunResultReset(&res));
  /* x_resolved, every layer 1e6 times as conductive, convective faces at both collectors */
  c->thermal.model = FV_THERMAL_X_RESOLVED;
  c->thermal.face  = FV_THERMAL_FACE_CONVECTIVE;
  for (PetscInt k = 0; k < FV_NLAYERS; k++)
    c->thermal.layer[k].conductivity *= 1e6;
  PetscCall(MeshOf(c, &p));
  PetscCall(Capacities(c, &p.mesh, xr->C, &Csum));
  PetscCall(FvProblemDestroy(&p));
  PetscCall(Rest(c, q, dur, xr, &res));
  FV_CHECK(res.ok, "x_resolved: %s", res.reason);
  PetscCall(FvRunResultReset(&res));
  {
    /* x_resolved's C-weighted mean at its own records against the lumped exponential (T11) */
    const PetscReal hA = c->thermal.h * 2, tau = Csum / hA, Tinf = c->thermal.T_amb + q * L / hA;
    for (PetscInt r = 0; r < xr->n; r++) {
      const PetscReal Ta = Tinf + (c->T - Tinf) * PetscExpReal(-xr->t[r] / tau);
      worst              = PetscMax(worst, PetscAbsReal(xr->CT[r] / Csum - Ta));
      change             = PetscMax(change, PetscAbsReal(Ta - c->T));
    }
    FV_CLOSE(xr->CT[xr->n - 1] / Csum - c->thermal.T_amb, lu->Tmean[lu->n - 1] - c->thermal.T_amb,
             1e-4);
  }
  for (PetscInt r = 0; r < xr->n; r++)
    spread = PetscMax(spread, xr->Tmax[r] - xr->Tmin[r]);
  printf("lambda x 1e6: x_resolved mean vs the lumped model's exponential, worst %.3e K against "
         "a change of %.4f K; spread across the x_resolved cell %.3e K\n",
         (double)worst, (double)change, (double)spread);
  FV_CHECK(worst <= 1e-4 * change, "x_resolved vs lumped: %g K", (double)worst);
  FV_CHECK(spread <= 1e-6, "spread %g K", (double)spread);
  PetscCall(PetscFree(lu));
  PetscCall(PetscFree(xr));
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The analytic steady profile at x of a uniform source q through the layers (edges xe, lambda
 * lam) with conductances G0, GL [W m-2 K-1] from the faces x = 0, L to T_amb (docs/thermal.md §4;
 * flux F(x) = F0 + q x, T continuous). */
typedef struct {
  PetscReal xe[FV_NREGIONS + 1], lam[FV_NREGIONS], G0, GL, q, Ta, F0, T0;
} Analytic;

static PetscReal AnalyticIntegral(const Analytic *a, PetscReal x, PetscReal *B) {
  /* int_0^x (F0 + q s)/lambda ds, and *B = int_0^x 1/lambda */
  PetscReal In = 0;
  *B           = 0;
  for (PetscInt k = 0; k < FV_NREGIONS; k++) {
    const PetscReal lo = a->xe[k], hi = PetscMin(a->xe[k + 1], x);
    if (hi <= lo) break;
    In += (0.5 * a->q * (hi * hi - lo * lo)) / a->lam[k];
    *B += (hi - lo) / a->lam[k];
  }
  return In;
}

static void AnalyticSolve(Analytic *a) {
  PetscReal B, Aq = AnalyticIntegral(a, a->xe[FV_NREGIONS], &B); /* with F0 = 0 */
  const PetscReal L = a->xe[FV_NREGIONS];
  a->F0             = -(a->q * L + a->GL * Aq) / (1 + a->GL / a->G0 + a->GL * B);
  a->T0             = a->Ta - a->F0 / a->G0;
}

static PetscReal AnalyticT(const Analytic *a, PetscReal x) {
  PetscReal B, In = AnalyticIntegral(a, x, &B);
  return a->T0 - (a->F0 * B + In);
}

/* one mesh: the module's T rows solved for the steady state; returns max |T_i - T(x_i)| */
static PetscErrorCode SteadyError(FvCase *c, PetscInt scale, const PetscInt base[], PetscReal q,
                                  PetscReal *err) {
  FvProblem p;
  Vec Y, Yp, F0, F1;
  Mat J;
  PetscBool bad;
  FvThermalStack ts;
  Analytic a;
  PetscInt M, dof, iT;
  PetscReal *lo, *di, *up, *rhs;
  PetscScalar *y;
  const PetscScalar *f0, *f1;
  PetscFunctionBeginUser;
  for (PetscInt rg = 0; rg < FV_NREGIONS; rg++)
    c->region[rg].ncells = base[rg] * scale;
  PetscCall(FvProblemCreate(PETSC_COMM_WORLD, c, &p));
  M = p.mesh.M, dof = p.model.dof, iT = p.layout->T;
  PetscCall(DMCreateGlobalVector(p.mesh.da, &Y));
  PetscCall(VecDuplicate(Y, &Yp));
  PetscCall(VecDuplicate(Y, &F0));
  PetscCall(VecDuplicate(Y, &F1));
  PetscCall(DMCreateMatrix(p.mesh.da, &J));
  PetscCall(FvProblemInitialState(&p, Y));
  PetscCall(VecGetArray(Y, &y));
  for (PetscInt i = 0; i < M; i++)
    y[i * dof + iT] = c->thermal.T_amb;
  PetscCall(VecRestoreArray(Y, &y));
  PetscCall(VecSet(Yp, 0));
  PetscCall(FvProblemJacobian(&p, 0, Y, Yp, 0, J, &bad));
  PetscCall(FvProblemResidual(&p, 0, Y, Yp, F0, &bad));
  PetscCall(FvProblemDestroy(&p));
  {
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", (double)q);
    PetscCall(PetscOptionsSetValue(NULL, "-fvcell_thermal_source", buf));
    PetscCall(FvProblemCreate(PETSC_COMM_WORLD, c, &p));
    PetscCall(PetscOptionsClearValue(NULL, "-fvcell_thermal_source"));
  }
  PetscCall(FvProblemResidual(&p, 0, Y, Yp, F1, &bad));
  /* the T rows are tridiagonal in 1D: A dT = -(F1 - F0) (the source's part of the residual) */
  PetscCall(PetscMalloc4(M, &lo, M, &di, M, &up, M, &rhs));
  PetscCall(VecGetArrayRead(F0, &f0));
  PetscCall(VecGetArrayRead(F1, &f1));
  for (PetscInt i = 0; i < M; i++) {
    const PetscInt row = i * dof + iT;
    PetscInt cols[3]   = {(i - 1) * dof + iT, row, (i + 1) * dof + iT};
    PetscScalar v[3]   = {0, 0, 0};
    PetscCall(MatGetValues(J, 1, &row, i == 0 ? 2 : (i == M - 1 ? 2 : 3), i == 0 ? cols + 1 : cols,
                           i == 0 ? v + 1 : v));
    lo[i]  = v[0];
    di[i]  = v[1];
    up[i]  = v[2];
    rhs[i] = -(f1[row] - f0[row]);
  }
  PetscCall(VecRestoreArrayRead(F0, &f0));
  PetscCall(VecRestoreArrayRead(F1, &f1));
  for (PetscInt i = 1; i < M; i++) { /* Thomas */
    const PetscReal m = lo[i] / di[i - 1];
    di[i] -= m * up[i - 1];
    rhs[i] -= m * rhs[i - 1];
  }
  rhs[M - 1] /= di[M - 1];
  for (PetscInt i = M - 2; i >= 0; i--)
    rhs[i] = (rhs[i] - up[i] * rhs[i + 1]) / di[i];
  /* the analytic profile: the layers of the mesh, the collectors in series with the faces */
  PetscCall(FvThermalStackCompute(c, &ts));
  a.q  = q;
  a.Ta = c->thermal.T_amb;
  for (PetscInt rg = 0; rg <= FV_NREGIONS; rg++)
    a.xe[rg] = p.mesh.xf[p.mesh.first[rg]];
  for (PetscInt rg = 0; rg < FV_NREGIONS; rg++)
    a.lam[rg] = ts.lambda[FV_LAYER_NEG + rg];
  a.G0 = 1.0 / (ts.thickness[FV_LAYER_NEG_CC] / ts.lambda[FV_LAYER_NEG_CC] + 1.0 / c->thermal.h);
  a.GL = 1.0 / (ts.thickness[FV_LAYER_POS_CC] / ts.lambda[FV_LAYER_POS_CC] + 1.0 / c->thermal.h);
  AnalyticSolve(&a);
  *err = 0;
  for (PetscInt i = 0; i < M; i++)
    *err = PetscMax(*err, PetscAbsReal(rhs[i] - (AnalyticT(&a, p.mesh.xc[i]) - a.Ta)));
  printf("  %" PetscInt_FMT " cells: T_max - T_amb %.6e K (analytic at the centre), max error "
         "%.4e K\n",
         M, (double)(AnalyticT(&a, 0.5 * a.xe[FV_NREGIONS]) - a.Ta), (double)*err);
  PetscCall(PetscFree4(lo, di, up, rhs));
  PetscCall(MatDestroy(&J));
  PetscCall(VecDestroy(&Y));
  PetscCall(VecDestroy(&Yp));
  PetscCall(VecDestroy(&F0));
  PetscCall(VecDestroy(&F1));
  PetscCall(FvProblemDestroy(&p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckSteady(FvCase *c, int *fails_) {
  int fails = 0;
  PetscInt base[FV_NREGIONS];
  PetscReal e[3];
  PetscFunctionBeginUser;
  c->thermal.model = FV_THERMAL_X_RESOLVED;
  c->thermal.face  = FV_THERMAL_FACE_CONVECTIVE;
  c->thermal.h     = 1e4; /* strongly cooled faces: the layers' resistances dominate the rise */
  for (PetscInt rg = 0; rg < FV_NREGIONS; rg++)
    base[rg] = c->region[rg].ncells;
  printf("steady x_resolved profile, q = 1e8 W/m3, h = %g W/m2/K:\n", (double)c->thermal.h);
  for (PetscInt s = 0; s < 3; s++)
    PetscCall(SteadyError(c, 1 << s, base, 1e8, &e[s]));
  {
    const PetscReal o1 = PetscLog2Real(e[0] / e[1]), o2 = PetscLog2Real(e[1] / e[2]);
    printf("  observed order %.4f, %.4f\n", (double)o1, (double)o2);
    FV_CHECK(PetscAbsReal(o2 - 2) < 0.1, "observed order %g", (double)o2);
    FV_CHECK(e[2] < 1e-3 * (1e8 * 1e-8), "error %g K", (double)e[2]);
  }
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The protocol grammar's temperatures (solver/protocol.c): ambients and ends in K, degC and °C,
 * and the refusals. */
static PetscErrorCode CheckGrammar(int *fails_) {
  int fails = 0;
  FvUnits u;
  FvProtocolStep st;
  PetscBool ok;
  char why[512];
  static const struct {
    const char *text;
    PetscReal ambient, T_end; /* expected (0: none); ambient < 0: refused, why contains `bad` */
    const char *bad;
  } cases[] = {
      {"Rest at 45 °C for 1 hour", 318.15, 0, NULL},
      {"Rest at 318.15 K for 10 minutes", 318.15, 0, NULL},
      {"Discharge at 1C until 3.0 V or until 60 degC", 0, 333.15, NULL},
      {"Discharge at 2C at 0 degC until 2.5 V or until 45 °C", 273.15, 318.15, NULL},
      {"Charge at C/3 at 298 K until 4.2 V", 298, 0, NULL},
      {"Hold at 4.2 V at 40 degC until C/50", 313.15, 0, NULL},
      {"Rest at 3 V for 1 hour", -1, 0, "sets the ambient temperature"},
      {"Rest for 1 hour or until 30 degC", 0, 303.15, NULL},
      {"Rest until 30 degC", 0, 303.15, NULL},
      {"Rest at 25 degC until 30 degC", 298.15, 303.15, NULL},
      {"Rest until 3 V", -1, 0, "a rest needs \"for <duration>\" or \"until <temperature>\""},
      {"Rest for 3 V", -1, 0, "a rest ends only after a duration"},
      {"Discharge at 1C until 3 V or for 60 degC", -1, 0, "\"for\" takes a duration"},
      {"Discharge at 1C at until 3 V", -1, 0, "expected an ambient temperature"},
  };
  PetscFunctionBeginUser;
  PetscCall(FvUnitsCreate(&u));
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    PetscReal T_end = 0;
    PetscCall(FvProtocolParseStep(u, cases[k].text, 24.0, 1.0, &st, &ok, why, sizeof why));
    if (cases[k].ambient < 0) {
      FV_CHECK(!ok && strstr(why, cases[k].bad), "\"%s\": accepted or wrong message: %s",
               cases[k].text, why);
      continue;
    }
    FV_CHECK(ok, "\"%s\" refused: %s", cases[k].text, why);
    for (PetscInt e = 0; e < st.nend; e++)
      if (st.end[e].kind == FV_END_TEMPERATURE) T_end = st.end[e].value;
    FV_CHECK(PetscAbsReal(st.ambient - cases[k].ambient) < 1e-9 &&
                 PetscAbsReal(T_end - cases[k].T_end) < 1e-9,
             "\"%s\": ambient %g K, end %g K; expected %g K, %g K", cases[k].text,
             (double)st.ambient, (double)T_end, (double)cases[k].ambient, (double)cases[k].T_end);
  }
  printf("%zu protocol steps with temperatures parsed or refused as expected\n",
         sizeof cases / sizeof cases[0]);
  PetscCall(FvUnitsDestroy(&u));
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckIsothermal(FvCase *c, int *fails_) {
  int fails = 0;
  FvProblem p;
  FvRunResult r0, r1;
  PetscFunctionBeginUser;
  c->thermal.model = FV_THERMAL_ISOTHERMAL;
  PetscCall(FvProblemCreate(PETSC_COMM_WORLD, c, &p));
  FV_CHECK(p.layout->T < 0 && FvLayoutFindSlot(p.layout, "Q") < 0 && !p.layout->heat,
           "an isothermal problem has thermal unknowns (T %" PetscInt_FMT ")", p.layout->T);
  FV_CHECK(p.model.dof == 4 + p.model.nfam * p.model.fstride, "dof %" PetscInt_FMT, p.model.dof);
  PetscCall(FvProblemDestroy(&p));
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, c, 1.0, NULL, NULL, &r0));
  c->thermal.model         = FV_THERMAL_LUMPED;
  c->thermal.heat_capacity = 1e12;
  c->T                     = c->thermal.T_amb;
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, c, 1.0, NULL, NULL, &r1));
  printf("isothermal 1C: %.6f s, %.8f A h/m2; lumped with m c_p = 1e12 J/m2/K: %.6f s, "
         "%.8f A h/m2\n",
         (double)r0.t_end, (double)r0.capacity, (double)r1.t_end, (double)r1.capacity);
  FV_CHECK(r0.ok && r1.ok, "%s / %s", r0.reason, r1.reason);
  FV_CLOSE(r1.t_end, r0.t_end, 1e-6);
  FV_CLOSE(r1.capacity, r0.capacity, 1e-6);
  PetscCall(FvRunResultReset(&r0));
  PetscCall(FvRunResultReset(&r1));
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  FvCase c;
  char check[64] = "";
  int fails      = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-check", check, sizeof check, NULL));
  PetscCall(PetscOptionsClearValue(NULL, "-check"));
  PetscCall(FvTestLoadReference("marquis2019_lumped", &c));
  if (!strcmp(check, "source_lumped"))
    PetscCall(CheckSource(&c, FV_THERMAL_LUMPED, &fails));
  else if (!strcmp(check, "source_resolved"))
    PetscCall(CheckSource(&c, FV_THERMAL_X_RESOLVED, &fails));
  else if (!strcmp(check, "cooling"))
    PetscCall(CheckCooling(&c, &fails));
  else if (!strcmp(check, "balance_lumped"))
    PetscCall(CheckBalance(&c, FV_THERMAL_LUMPED, &fails));
  else if (!strcmp(check, "balance_resolved"))
    PetscCall(CheckBalance(&c, FV_THERMAL_X_RESOLVED, &fails));
  else if (!strcmp(check, "grammar"))
    PetscCall(CheckGrammar(&fails));
  else if (!strcmp(check, "protocol"))
    PetscCall(CheckProtocol(&c, &fails));
  else if (!strcmp(check, "infinite_lambda"))
    PetscCall(CheckInfiniteLambda(&c, &fails));
  else if (!strcmp(check, "steady"))
    PetscCall(CheckSteady(&c, &fails));
  else if (!strcmp(check, "isothermal"))
    PetscCall(CheckIsothermal(&c, &fails));
  else
    FV_CHECK(0, "unknown -check '%s'", check);
  PetscCall(FvCaseDestroy(&c));
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
