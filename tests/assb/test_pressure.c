/* test_pressure.c -- the stack pressure as a protocol quantity and the recovery of lost contact
 * (models/contact.h, solver/module_contact.h; docs/assb.md §8). One check per invocation:
 *   -check grammar  "Set pressure to 300 MPa [in cycle n]" parses with units into Pa; wrong forms
 *                   (no unit, not a pressure, negative, bad cycle) are refused with a reason
 *   -check law      R = 1 - exp(-dp/p_rec): 0 without a rise or without a recoverable share, in
 *                   [0, 1), successive rises compose; a re-press moves R f_r from f_r to f_p
 *   -check repress  the reference cell (coarse mesh) with a recoverable share cycled at 2 MPa and
 *                   re-pressed at 300 MPa at the start of cycle 3: the contact f_p jumps up by
 *                   exactly R f_r there and never by more than the lost part; f_p + f_r <= 1 and
 *                   f_r >= 0 at every record; with the re-press at the cycling pressure nothing
 *                   returns
 *   -check size     x(R) = x_max (1 - exp(-(R/R_c)^m)): 0 without x_max, rising with R, below
 *                   x_max, x_max (R/R_c)^m for small R; cases/assb/strauss2018.yaml at d50 15.6 um
 *                   (coarse): the model gives the case's family an isolated twin of share x(R)
 *                   with f_0 = 0, which keeps its fabricated stoichiometry through a C/10 charge
 *                   while the connected share charges
 */
#include <stdlib.h>
#include <string.h>
#include "fvtest.h"
#include "assb_run.h"
#include "module.h"

static int fails = 0;

/* ---- grammar ------------------------------------------------------------------------------- */
static PetscErrorCode CheckGrammar(void) {
  static const struct {
    const char *text;
    PetscBool ok;
    double pa;
    PetscInt cycle;
    const char *why; /* a fragment of the refusal */
  } cases[] = {
      {"Set pressure to 300 MPa", PETSC_TRUE, 300e6, 0, NULL},
      {"set Pressure TO 2 MPa in cycle 51", PETSC_TRUE, 2e6, 51, NULL},
      {"Set pressure to 3 bar", PETSC_TRUE, 3e5, 0, NULL},
      {"Set pressure to 0 Pa", PETSC_TRUE, 0, 0, NULL},
      {"Set pressure to 300", PETSC_FALSE, 0, 0, "has no unit"},
      {"Set pressure to 3 V", PETSC_FALSE, 0, 0, "is not a pressure"},
      {"Set pressure to -1 MPa", PETSC_FALSE, 0, 0, ">= 0"},
      {"Set pressure 300 MPa", PETSC_FALSE, 0, 0, "expected \"to\""},
      {"Set temperature to 300 K", PETSC_FALSE, 0, 0, "Set pressure to"},
      {"Set pressure to 300 MPa in cycle 0", PETSC_FALSE, 0, 0, "in cycle <n>"},
      {"Set pressure to 300 MPa in cycle 2.5", PETSC_FALSE, 0, 0, "in cycle <n>"},
      {"Set pressure to 300 MPa in 3", PETSC_FALSE, 0, 0, "in cycle <n>"},
  };
  FvUnits u;
  PetscFunctionBeginUser;
  PetscCall(FvUnitsCreate(&u));
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    FvProtocolStep s;
    PetscBool ok;
    char why[512], desc[256];
    PetscCall(FvProtocolParseStep(u, cases[i].text, 7.5, 1, &s, &ok, why, sizeof why));
    printf("%-40s -> %s\n", cases[i].text, ok ? FvProtocolDescribe(&s, desc, sizeof desc) : why);
    FV_CHECK(ok == cases[i].ok, "\"%s\": parsed %d, expected %d (%s)", cases[i].text, (int)ok,
             (int)cases[i].ok, why);
    if (ok && cases[i].ok) {
      FV_CHECK(s.kind == FV_STEP_PRESSURE && s.nend == 0, "\"%s\": not a pressure step",
               cases[i].text);
      FV_CHECK(PetscAbsReal(s.value - cases[i].pa) <= 1e-9 * cases[i].pa, "\"%s\": %g Pa, not %g",
               cases[i].text, (double)s.value, cases[i].pa);
      FV_CHECK(s.cycle == cases[i].cycle, "\"%s\": cycle %d, not %d", cases[i].text, (int)s.cycle,
               (int)cases[i].cycle);
    }
    if (!ok && cases[i].why)
      FV_CHECK(strstr(why, cases[i].why) != NULL, "\"%s\": the reason \"%s\" lacks \"%s\"",
               cases[i].text, why, cases[i].why);
  }
  { /* in a list, beside the other steps */
    FvProtocolStep st[4];
    PetscInt n;
    PetscBool ok;
    char why[512];
    PetscCall(FvProtocolParseList(u, "Set pressure to 300 MPa in cycle 2; Charge at 1C until 4.2 V",
                                  7.5, 1, 4, st, &n, &ok, why, sizeof why));
    FV_CHECK(ok && n == 2 && st[0].kind == FV_STEP_PRESSURE && st[1].kind == FV_STEP_CHARGE,
             "list: %s", why);
  }
  PetscCall(FvUnitsDestroy(&u));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- law ----------------------------------------------------------------------------------- */
static PetscErrorCode CheckLaw(void) {
  FvContactLaw law;
  PetscReal fp = 0.3, fr = 0.4, R, Rab, Rbc, Rac;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&law, sizeof law));
  law.kind    = FV_CONTACT_GAP;
  law.phi_rec = 0.6;
  law.p_rec   = 100e6;
  FV_CHECK(FvContactRecoveredShare(&law, 2e6, 2e6) == 0, "recovery without a rise");
  FV_CHECK(FvContactRecoveredShare(&law, 300e6, 2e6) == 0, "recovery on a release");
  R = FvContactRecoveredShare(&law, 2e6, 300e6);
  FV_CLOSE(R, 1 - PetscExpReal(-2.98), 1e-14);
  FV_CHECK(FvContactRecoveredShare(&law, 0, 1e9) < 1, "recovery share not below 1");
  FV_CHECK(FvContactRecoveredShare(&law, 0, 1e15) <= 1, "recovery share above 1");
  Rab = FvContactRecoveredShare(&law, 2e6, 10e6);
  Rbc = FvContactRecoveredShare(&law, 10e6, 300e6);
  Rac = FvContactRecoveredShare(&law, 2e6, 300e6);
  FV_CLOSE(1 - (1 - Rab) * (1 - Rbc), Rac, 1e-12);
  FvContactRepress(&law, 2e6, 300e6, &fp, &fr);
  FV_CLOSE(fp, 0.3 + R * 0.4, 1e-14);
  FV_CLOSE(fp + fr, 0.7, 1e-14);
  FV_CHECK(fr >= 0, "pool negative after a re-press: %g", (double)fr);
  law.phi_rec = 0;
  FV_CHECK(FvContactRecoveredShare(&law, 2e6, 300e6) == 0, "recovery without a recoverable part");
  law.phi_rec = 0.6;
  law.kind    = FV_CONTACT_NONE;
  FV_CHECK(FvContactRecoveredShare(&law, 2e6, 300e6) == 0, "recovery without a contact law");
  law.kind = FV_CONTACT_GAP;
  FvContactSetPressure(&law, 50e6);
  FV_CHECK(law.pressure == 50e6, "pressure not set");
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- repress ------------------------------------------------------------------------------- */
typedef struct {
  PetscInt rec;                 /* first f_r unknown */
  PetscInt ncycle_seen;         /* records seen */
  PetscReal fp_last, fr_last;   /* sums over the positive's families and cells at the last record */
  PetscReal fp_jump, fr_before; /* at the first record of cycle 3 */
  PetscReal worst_sum, worst_neg; /* max (f_p + f_r - 1), max (-f_r) */
  PetscReal fp_min;               /* min f_p */
  PetscInt cyc_last;
} RepressCtx;

static PetscErrorCode ObserveRepress(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  RepressCtx *o    = vctx;
  const FvModel *m = &p->model;
  const FvMesh *g  = &p->mesh;
  const PetscScalar *a;
  PetscReal sfp = 0, sfr = 0;
  PetscFunctionBeginUser;
  if (o->rec < 0) o->rec = FvLayoutFindSlot(p->layout, "contact_rec");
  PetscCall(VecGetArrayRead(Y, &a));
  for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
    const FvRegionModel *r = &m->reg[g->region[i]];
    const PetscScalar *v   = a + FvMeshOwned(g, i, 0, 0) * m->dof;
    if (!r->electrode || r->contact.kind == FV_CONTACT_NONE) continue;
    for (PetscInt f = 0; f < r->nfam; f++) {
      const PetscReal fp = v[FvIdxFp(m, f)], fr = o->rec >= 0 ? v[o->rec + f] : 0;
      sfp += fp;
      sfr += fr;
      o->worst_sum = PetscMax(o->worst_sum, fp + fr - 1);
      o->worst_neg = PetscMax(o->worst_neg, -fr);
      o->fp_min    = PetscMin(o->fp_min, fp);
    }
  }
  PetscCall(VecRestoreArrayRead(Y, &a));
  if (rec->cycle_index == 2 && o->cyc_last == 1) { /* the first record after the re-press */
    o->fp_jump   = sfp - o->fp_last;
    o->fr_before = o->fr_last;
  }
  o->cyc_last = rec->cycle_index;
  o->fp_last  = sfp;
  o->fr_last  = sfr;
  o->ncycle_seen++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode RepressRun(PetscReal p_press, RepressCtx *o, PetscReal *R) {
  FvCase c;
  FvRunResult res;
  char text[512];
  FvContact *ct = NULL;
  PetscFunctionBeginUser;
  {
    char path[FV_PATH_LEN];
    PetscCall(PetscOptionsSetValue(NULL, "-positive_cells", "8"));
    PetscCall(PetscOptionsSetValue(NULL, "-separator_cells", "4"));
    PetscCall(PetscOptionsSetValue(NULL, "-positive_particle_shells", "6"));
    snprintf(path, sizeof path, "%s/cases/assb_nmc811_lps_li.yaml", FVCELL_SOURCE_DIR);
    PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, &c));
  }
  ct               = &c.region[FV_POS].contact;
  c.stack_pressure = 2e6;
  ct->k_irr        = 1.0; /* a visible loss in two cycles */
  ct->phi_rec      = 0.6;
  ct->p_rec        = 100e6;
  snprintf(
      text, sizeof text,
      "Set pressure to %g Pa in cycle 3; Set pressure to 2 MPa in cycle 3; Charge at C/2 until "
      "%g V; Discharge at C/2 until %g V",
      (double)p_press, (double)c.v_max, (double)c.v_min);
  o->rec = -1, o->cyc_last = -1, o->fp_min = PETSC_MAX_REAL;
  PetscCall(AssbRunText(PETSC_COMM_WORLD, &c, text, 1, 3, ObserveRepress, o, &res));
  FV_CHECK(res.ok, "re-press at %g MPa: %s", (double)(p_press / 1e6), res.reason);
  *R = 1 - PetscExpReal(-(p_press - 2e6) / ct->p_rec);
  printf("re-press at %g MPa: f_p sum jumps by %.6g with the pool %.6g before (R = %.6f); cycle "
         "discharge %.5f / %.5f / %.5f A h/m2; min f_p %.5f; max f_p + f_r - 1 = %.2e, max -f_r "
         "= %.2e\n",
         (double)(p_press / 1e6), (double)o->fp_jump, (double)o->fr_before, (double)*R,
         (double)res.cycle_discharge[0], (double)res.cycle_discharge[1],
         (double)res.cycle_discharge[2], (double)o->fp_min, (double)o->worst_sum,
         (double)o->worst_neg);
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckRepress(void) {
  RepressCtx o = {0}, q = {0};
  PetscReal R, R0;
  PetscFunctionBeginUser;
  PetscCall(RepressRun(300e6, &o, &R));
  FV_CHECK(o.fr_before > 1e-3, "no recoverable loss accumulated in two cycles (%g)",
           (double)o.fr_before);
  FV_CHECK(o.fp_jump > 0, "the contact does not jump up at the re-press (%g)", (double)o.fp_jump);
  FV_CHECK(o.fp_jump <= o.fr_before * (1 + 1e-9), "recovered %g, more than the pool %g",
           (double)o.fp_jump, (double)o.fr_before);
  FV_CHECK(PetscAbsReal(o.fp_jump - R * o.fr_before) <= 1e-6 * o.fr_before,
           "recovered %g, expected R f_r = %g", (double)o.fp_jump, (double)(R * o.fr_before));
  FV_CHECK(o.worst_sum <= 1e-9, "f_p + f_r exceeds 1 by %g", (double)o.worst_sum);
  FV_CHECK(o.worst_neg <= 1e-9, "f_r negative: %g", (double)-o.worst_neg);
  PetscCall(RepressRun(2e6, &q, &R0));
  FV_CHECK(PetscAbsReal(q.fp_jump) <= 1e-9 * q.fp_last,
           "a 're-press' at the cycling pressure "
           "moved f_p by %g",
           (double)q.fp_jump);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- size ---------------------------------------------------------------------------------- */
typedef struct {
  PetscReal th_iso_min, th_iso_max, th_act_min; /* mean stoichiometry of the twin and the active */
} SizeCtx;

static PetscErrorCode ObserveSize(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  SizeCtx *o       = vctx;
  const FvModel *m = &p->model;
  const FvMesh *g  = &p->mesh;
  const PetscScalar *a;
  (void)rec;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(Y, &a));
  for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
    const FvRegionModel *r = &m->reg[g->region[i]];
    const PetscScalar *v   = a + FvMeshOwned(g, i, 0, 0) * m->dof;
    if (!r->electrode || r->nfam != 2) continue;
    {
      const PetscReal ta = FvParticleAverage(&r->fam[0], &v[FvIdxCs(m, 0)]) / r->c_max;
      const PetscReal ti = FvParticleAverage(&r->fam[1], &v[FvIdxCs(m, 1)]) / r->c_max;
      o->th_act_min      = PetscMin(o->th_act_min, ta);
      o->th_iso_min      = PetscMin(o->th_iso_min, ti);
      o->th_iso_max      = PetscMax(o->th_iso_max, ti);
    }
  }
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckSize(void) {
  FvSizeIsolation law = {0.3, 3.5e-6, 3};
  PetscReal prev      = 0;
  PetscFunctionBeginUser;
  for (int k = 1; k <= 40; k++) {
    const PetscReal R = 0.5e-6 * k, x = FvContactSizeIsolated(&law, R);
    FV_CHECK((k <= 12 ? x > prev : x >= prev) && x <= law.x_max,
             "x(%g um) = %g: not rising up to x_max", R * 1e6, x);
    prev = x;
  }
  FV_CLOSE(FvContactSizeIsolated(&law, 1e-8), 0.3 * PetscPowReal(1e-8 / 3.5e-6, 3), 1e-5);
  FV_CLOSE(FvContactSizeIsolated(&law, 1e-3), 0.3, 1e-12);
  law.x_max = 0;
  FV_CHECK(FvContactSizeIsolated(&law, 8e-6) == 0, "isolation without x_max");
  { /* the model: the isolated twin of the Strauss case at d50 15.6 um */
    FvCase c;
    FvProblem p;
    FvRunResult res;
    FvProtocolStep st;
    FvUnits u;
    PetscBool ok;
    char why[512], path[FV_PATH_LEN];
    SizeCtx o = {PETSC_MAX_REAL, PETSC_MIN_REAL, PETSC_MAX_REAL};
    PetscReal x;
    PetscCall(PetscOptionsSetValue(NULL, "-positive_cells", "6"));
    PetscCall(PetscOptionsSetValue(NULL, "-separator_cells", "3"));
    PetscCall(PetscOptionsSetValue(NULL, "-positive_particle_shells", "6"));
    PetscCall(PetscOptionsSetValue(NULL, "-positive_particle_radius", "7.8 um"));
    snprintf(path, sizeof path, "%s/cases/assb/strauss2018.yaml", FVCELL_SOURCE_DIR);
    PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, &c));
    {
      const FvContact *ct      = &c.region[FV_POS].contact;
      const FvSizeIsolation sl = {ct->iso_xmax, ct->iso_radius, ct->iso_exponent};
      x                        = FvContactSizeIsolated(&sl, 7.8e-6);
    }
    PetscCall(FvProblemCreate(PETSC_COMM_WORLD, &c, &p));
    {
      const FvRegionModel *r = &p.model.reg[FV_POS];
      FV_CHECK(r->nfam == 2, "%d families, expected the case's and its isolated twin",
               (int)r->nfam);
      if (r->nfam == 2) {
        FV_CLOSE(r->fam[1].eps_am / r->eps_am, x, 1e-12);
        FV_CHECK(r->fam[1].f0 == 0 && r->fam[0].f0 > 0, "twin f0 %g, family f0 %g",
                 (double)r->fam[1].f0, (double)r->fam[0].f0);
      }
      printf("strauss2018 at d50 15.6 um: isolated share x = %.4f (the twin's eps_am share %.4f)\n",
             (double)x, (double)(r->nfam == 2 ? r->fam[1].eps_am / r->eps_am : -1));
    }
    PetscCall(FvProblemDestroy(&p));
    PetscCall(FvUnitsCreate(&u));
    PetscCall(FvProtocolParseStep(u, "Charge at C/10 until 4.4 V", c.one_c, 1, &st, &ok, why,
                                  sizeof why));
    PetscCall(FvUnitsDestroy(&u));
    PetscCheck(ok, PETSC_COMM_SELF, PETSC_ERR_PLIB, "%s", why);
    PetscCall(FvRunSteps(PETSC_COMM_WORLD, &c, 1, &st, 1, 1, ObserveSize, &o, &res));
    FV_CHECK(res.ok, "charge: %s", res.reason);
    printf("C/10 charge: connected family down to theta %.4f; isolated twin in [%.6f, %.6f]\n",
           (double)o.th_act_min, (double)o.th_iso_min, (double)o.th_iso_max);
    FV_CHECK(o.th_act_min < 0.5, "the connected family did not charge (theta %g)",
             (double)o.th_act_min);
    FV_CHECK(o.th_iso_max - o.th_iso_min < 1e-6, "the isolated twin moved: [%g, %g]",
             (double)o.th_iso_min, (double)o.th_iso_max);
    PetscCall(FvRunResultReset(&res));
    PetscCall(FvCaseDestroy(&c));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char check[64] = "";
  PetscBool set;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-check", check, sizeof check, &set));
  if (!strcmp(check, "grammar"))
    PetscCall(CheckGrammar());
  else if (!strcmp(check, "law"))
    PetscCall(CheckLaw());
  else if (!strcmp(check, "repress"))
    PetscCall(CheckRepress());
  else if (!strcmp(check, "size"))
    PetscCall(CheckSize());
  else {
    printf("unknown -check '%s'\n", check);
    fails++;
  }
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
