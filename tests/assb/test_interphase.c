/* test_interphase.c -- the CAM | SE interphase (models/interphase.h, solver/module_interphase.c).
 *
 * Runs on cases/assb/koerver2017.yaml (NCM-811 | beta-Li3PS4 | In as Li, its fitted growth law) on
 * a coarser mesh (-positive_cells 8, -separator_cells 3, 6 shells), changed in memory for each
 * check. One check per invocation:
 *   -check conservation  over a C/10 charge to 4.3 V and a C/10 discharge, at every record: the
 *                        charge delivered equals F times the lithium the particles took up minus
 *                        the charge the film consumed (sum a h q_int), to 1e-9 of the charge
 *                        passed; at the end, charge = discharge + film + lithium not returned;
 *                        the film consumed a share of the first charge (the law is active)
 *   -check zero_growth   reference_current_density 0: the first cycle's charge and discharge
 *                        and the end voltage are those of the case without an interphase: section
 *                        to 1e-5 (solver tolerance; the film's unknowns stay 0)
 *   -check self_limit    both limitations (the case's logarithmic law, and the parabolic one in
 *                        memory): pointwise, j_sd falls as the film's resistance R grows, j_sd R
 *                        tends to k_R/(2 beta) (parabolic) and j_sd exp(R/R_t) is the rate of a
 *                        fresh interface (logarithmic); in a run (a C/10 charge to 4.3 V and a
 *                        10 h hold at 4.3 V) the film's growth rate falls at every interval as it
 *                        thickens, by at least a quarter over the hold, and R^2 grows linearly in
 *                        time at the end of the parabolic law's hold (within 10 %)
 */
#include <stdlib.h>
#include <string.h>
#include "fvtest.h"
#include "assb_run.h"
#include "module.h"

static int fails = 0;

static PetscErrorCode LoadKoerver(FvCase *c) {
  char path[FV_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsSetValue(NULL, "-positive_cells", "8"));
  PetscCall(PetscOptionsSetValue(NULL, "-separator_cells", "3"));
  PetscCall(PetscOptionsSetValue(NULL, "-positive_particle_shells", "6"));
  snprintf(path, sizeof path, "%s/cases/assb/koerver2017.yaml", FVCELL_SOURCE_DIR);
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, c));
  PetscCheck(c->region[FV_POS].interphase.enabled, PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: expected an interphase: section in the positive electrode", path);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Run the steps text (";"-separated) ncycles times. */
static PetscErrorCode Run(FvCase *c, const char *text, FvObserver obs, void *ctx,
                          FvRunResult *res) {
  PetscFunctionBeginUser;
  PetscCall(AssbRunText(PETSC_COMM_WORLD, c, text, 0.1, 1, obs, ctx, res));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The film's consumed charge sum_cells sum_f a_f h q_f [C m-2] and the largest R_int [ohm m2]
 * of state Y (serial). */
static PetscErrorCode FilmState(FvProblem *p, Vec Y, PetscReal *Qf, PetscReal *Rmax) {
  const FvModel *m = &p->model;
  const FvMesh *g  = &p->mesh;
  const PetscInt R = FvLayoutFindSlot(p->layout, "R_int"), q = FvLayoutFindSlot(p->layout, "q_int");
  const PetscScalar *y;
  PetscFunctionBeginUser;
  *Qf = *Rmax = 0;
  if (R < 0) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(VecGetArrayRead(Y, &y));
  for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
    const FvRegionModel *r = &m->reg[g->region[i]];
    const PetscScalar *v   = &y[FvMeshOwned(g, i, g->ys, g->zs) * m->dof];
    if (!r->electrode) continue;
    for (PetscInt fi = 0; fi < r->nfam; fi++) {
      *Qf += r->fam[fi].a * g->h[i] * v[q + fi];
      *Rmax = PetscMax(*Rmax, v[R + fi]);
    }
  }
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- conservation -------------------------------------------------------------------------- */
typedef struct {
  PetscBool first;
  PetscReal np0, worst, passed, Qf, dnp;
} ConsCtx;

static PetscErrorCode ObserveCons(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  ConsCtx *o = vctx;
  PetscReal ne, np, Qf, Rm;
  const PetscReal F = p->model.F;
  PetscFunctionBeginUser;
  PetscCall(FvProblemInventory(p, Y, &ne, &np));
  PetscCall(FilmState(p, Y, &Qf, &Rm));
  if (o->first) o->np0 = np, o->first = PETSC_FALSE;
  /* delivered [C m-2] = F (lithium the particles took up) - charge the film consumed */
  o->worst  = PetscMax(o->worst, PetscAbsReal(rec->capacity * 3600 - (F * (np - o->np0) - Qf)));
  o->passed = PetscMax(o->passed, PetscAbsReal(rec->capacity * 3600));
  o->Qf     = Qf;
  o->dnp    = np - o->np0;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckConservation(void) {
  FvCase c;
  FvRunResult res;
  ConsCtx o = {PETSC_TRUE, 0, 0, 0, 0, 0};
  PetscReal qc, qd, rel, film;
  PetscFunctionBeginUser;
  PetscCall(LoadKoerver(&c));
  PetscCall(
      Run(&c, "Charge at C/10 until 4.3 V; Discharge at C/10 until 2.6 V", ObserveCons, &o, &res));
  qc = res.cycle_charge[0] * 3600, qd = res.cycle_discharge[0] * 3600; /* [C m-2] */
  rel  = o.worst / o.passed;
  film = o.Qf / qc;
  printf("conservation (%s): charge %.6g C/m2, discharge %.6g C/m2, film %.6g C/m2 (%.1f %% of "
         "the charge), lithium not returned %.6g C/m2; worst |delivered - (F dn_particles - "
         "film)| over the records %.3e of the charge passed (limit 1e-9); at the end charge - "
         "(discharge + film + not returned) = %.3e C/m2\n",
         res.reason, (double)qc, (double)qd, (double)o.Qf, (double)(100 * film),
         (double)(-c.F * o.dnp), (double)rel, (double)(qc - (qd + o.Qf - c.F * o.dnp)));
  FV_CHECK(res.ok, "%s", res.reason);
  FV_CHECK(rel < 1e-9, "charge not conserved: %g", (double)rel);
  FV_CHECK(PetscAbsReal(qc - (qd + o.Qf - c.F * o.dnp)) < 1e-9 * qc,
           "charge != discharge + film + lithium not returned");
  FV_CHECK(film > 0.05, "the film consumed only %g of the first charge", (double)film);
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- zero growth --------------------------------------------------------------------------- */
static PetscErrorCode CheckZeroGrowth(void) {
  FvCase c;
  FvRunResult a, b;
  const char *text = "Charge at C/10 until 4.3 V; Discharge at C/10 until 2.6 V";
  PetscReal dc, dd, dv;
  PetscFunctionBeginUser;
  PetscCall(LoadKoerver(&c));
  c.region[FV_POS].interphase.i_ref = 0;
  PetscCall(Run(&c, text, NULL, NULL, &a));
  c.region[FV_POS].interphase.enabled = PETSC_FALSE;
  PetscCall(Run(&c, text, NULL, NULL, &b));
  dc = PetscAbsReal(a.cycle_charge[0] / b.cycle_charge[0] - 1);
  dd = PetscAbsReal(a.cycle_discharge[0] / b.cycle_discharge[0] - 1);
  dv = PetscAbsReal(a.v_end - b.v_end);
  printf("zero growth: charge %.8g vs %.8g A h/m2 (%.2e), discharge %.8g vs %.8g (%.2e), end "
         "voltage %.8g vs %.8g V; %" PetscInt_FMT " vs %" PetscInt_FMT " steps\n",
         (double)a.cycle_charge[0], (double)b.cycle_charge[0], (double)dc,
         (double)a.cycle_discharge[0], (double)b.cycle_discharge[0], (double)dd, (double)a.v_end,
         (double)b.v_end, a.nsteps, b.nsteps);
  FV_CHECK(a.ok && b.ok, "%s / %s", a.reason, b.reason);
  FV_CHECK(dc < 1e-5 && dd < 1e-5 && dv < 1e-5, "zero growth differs from no interphase");
  PetscCall(FvRunResultReset(&a));
  PetscCall(FvRunResultReset(&b));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- self-limiting growth ------------------------------------------------------------------ */
#define MAXREC 4096
typedef struct {
  PetscInt n;
  PetscReal t[MAXREC], R[MAXREC];
} HoldCtx;

static PetscErrorCode ObserveHold(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  HoldCtx *o = vctx;
  PetscReal Qf, Rm;
  PetscFunctionBeginUser;
  if (rec->step_index != 1 || rec->step_start || o->n >= MAXREC) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(FilmState(p, Y, &Qf, &Rm));
  o->t[o->n] = rec->time, o->R[o->n] = Rm, o->n++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* g(R), linear in t when the film limits its growth at a fixed potential: R^2 (parabolic),
 * exp(R/R_t) (logarithmic) */
static PetscReal Linearised(const FvInterphaseLaw *law, PetscReal R) {
  return law->limit == FV_INTERPHASE_LOGARITHMIC ? PetscExpReal(R / law->R_t) : R * R;
}

/* One limitation: pointwise and in a run (C/10 charge to 4.3 V and a 10 h hold at 4.3 V). */
static PetscErrorCode SelfLimit(FvCase *c, const char *name) {
  FvRunResult res;
  HoldCtx *o;
  const FvInterphaseLaw *law = &c->region[FV_POS].interphase;
  const PetscBool lg         = (PetscBool)(law->limit == FV_INTERPHASE_LOGARITHMIC);
  const PetscReal frt = c->F / (c->R * c->T), dphi = 4.25;
  PetscReal jprev = PETSC_INFINITY, lim, jl = 0, rate_prev = PETSC_INFINITY, jk;
  PetscReal rate_first = -1, rate_last = 0;
  PetscInt nup = 0, k0, k1, k2;
  PetscFunctionBeginUser;
  /* pointwise: decreasing in R; j R -> k_R/(2 beta) (parabolic), j exp(R/R_t) = j(R = 0) */
  FV_CHECK(!FvInterphaseCurrent(law, frt, dphi, 0, &jk, NULL, NULL), "R = 0 outside");
  lim = lg ? jk : law->k_R / (2 * law->beta);
  for (PetscReal R = 1e-4; R <= (lg ? 30 * law->R_t : 1e3); R *= lg ? 1.5 : 10) {
    PetscReal j;
    FV_CHECK(!FvInterphaseCurrent(law, frt, dphi, R, &j, NULL, NULL), "R = %g outside", (double)R);
    if (j >= jprev) nup++;
    jprev = j, jl = lg ? j * PetscExpReal(R / law->R_t) : j * R;
  }
  printf("self-limit %s, pointwise: %s at the largest R %.6g, expected %.6g\n", name,
         lg ? "j_sd exp(R/R_t)" : "j_sd R", (double)jl, (double)lim);
  FV_CHECK(nup == 0, "j_sd not decreasing in R");
  FV_CHECK(PetscAbsReal(jl / lim - 1) < 1e-3, "not the limit of the law");
  /* a run: the film's growth rate falls as it thickens during a hold at 4.3 V */
  PetscCall(PetscNew(&o));
  PetscCall(Run(c, "Charge at C/10 until 4.3 V; Hold at 4.3 V for 10 h", ObserveHold, o, &res));
  FV_CHECK(res.ok && o->n > 20, "%s (%" PetscInt_FMT " records)", res.reason, o->n);
  nup = 0;
  for (PetscInt k = 1; k < o->n; k++) {
    const PetscReal dt = o->t[k] - o->t[k - 1];
    if (dt < 60) continue; /* rates over at least a minute */
    {
      const PetscReal rate = (o->R[k] - o->R[k - 1]) / dt;
      if (rate > rate_prev * (1 + 1e-3)) nup++;
      if (rate_first < 0) rate_first = rate;
      rate_prev = rate_last = rate;
    }
  }
  /* g(R) against t over the last two quarters of the hold: equal slopes */
  k0 = o->n / 2, k1 = (3 * o->n) / 4, k2 = o->n - 1;
  {
    const PetscReal g0 = Linearised(law, o->R[k0]), g1 = Linearised(law, o->R[k1]);
    const PetscReal g2 = Linearised(law, o->R[k2]);
    const PetscReal s1 = (g1 - g0) / (o->t[k1] - o->t[k0]), s2 = (g2 - g1) / (o->t[k2] - o->t[k1]);
    printf(
        "self-limit %s, hold at 4.3 V: R_int %.4g -> %.4g ohm m2 over %.3g h, growth rate "
        "rose in %" PetscInt_FMT " of %" PetscInt_FMT " intervals (%.3g -> %.3g ohm m2/s); d%s/dt "
        "%.4g then %.4g\n",
        name, (double)o->R[0], (double)o->R[k2], (double)((o->t[k2] - o->t[0]) / 3600), nup, o->n,
        (double)rate_first, (double)rate_last, lg ? "exp(R/R_t)" : "(R^2)", (double)s1, (double)s2);
    FV_CHECK(o->R[k2] > o->R[0], "no growth in the hold");
    FV_CHECK(nup == 0, "the growth rate rose as the film thickened");
    /* parabolic: transport-limited, whatever the potential; the logarithmic law's rate follows
     * the potential, which rises as the intercalation current decays in the hold */
    if (!lg)
      FV_CHECK(PetscAbsReal(s2 / s1 - 1) < 0.1, "R^2 not linear in t at the end of the hold");
    FV_CHECK(s2 < s1 * 2, "g(R) accelerates");
    FV_CHECK(rate_last < 0.75 * rate_first,
             "the growth rate fell by less than a quarter in the hold: %g -> %g",
             (double)rate_first, (double)rate_last);
  }
  PetscCall(PetscFree(o));
  PetscCall(FvRunResultReset(&res));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Both limitations on the case's kinetics: the case's own law, and the other with the parameter
 * the other's fit gave (in memory). */
static PetscErrorCode CheckSelfLimit(void) {
  FvCase c;
  FvInterphaseLaw *law;
  PetscFunctionBeginUser;
  PetscCall(LoadKoerver(&c));
  law = &c.region[FV_POS].interphase;
  for (int k = 0; k < 2; k++) {
    PetscCall(SelfLimit(&c, law->limit == FV_INTERPHASE_LOGARITHMIC ? "logarithmic" : "parabolic"));
    if (law->limit == FV_INTERPHASE_LOGARITHMIC) {
      law->limit = FV_INTERPHASE_PARABOLIC;
      law->k_R   = 4e-5; /* ohm2 m4/s: the parabolic law's fit (docs/assb.md s7) */
    } else {
      law->limit = FV_INTERPHASE_LOGARITHMIC;
      law->R_t   = 0.1; /* ohm m2 */
    }
  }
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char check[64] = "";
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscOptionsBegin(PETSC_COMM_WORLD, NULL, "test_interphase: the CAM | SE interphase", NULL);
  PetscCall(PetscOptionsString("-check", "conservation, zero_growth or self_limit", NULL, check,
                               check, sizeof check, NULL));
  PetscOptionsEnd();
  if (!strcmp(check, "conservation"))
    PetscCall(CheckConservation());
  else if (!strcmp(check, "zero_growth"))
    PetscCall(CheckZeroGrowth());
  else if (!strcmp(check, "self_limit"))
    PetscCall(CheckSelfLimit());
  else {
    printf("unknown -check '%s'\n", check);
    fails++;
  }
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
