/* test_tprops.c -- temperature as an argument of the properties, and the isothermal path unchanged
 * (docs/thermal.md "Temperature dependence").
 *
 *   -check arrhenius:  each property's temperature factor as the modules evaluate it, against
 *                      hand-computed Arrhenius factors exp(Ea/R (1/298.15 - 1/T)) (R = 8.314) at
 *                      318.15 and 333.15 K: the liquid's kappa_eff and D_eff (FvElectrolyteEvalT),
 *                      a solid electrolyte's effective conductivity, the particle's D_s (the
 *                      diffusive rows of FvParticleResidualT), k0 and F/RT in Butler-Volmer, and
 *                      the film resistance, which falls (1/A) as T rises;
 *   -check isothermal: the 1C discharges of dualfoil and li_metal_nmc_xu2019 give every recorded
 *                      time and voltage bit for bit as before temperature became an argument (a
 *                      hash of the records, the end time and the energy, recorded from the build
 *                      without it);
 *   -check passive:    computing the heat in the pass (a consumer module with no unknowns) leaves
 *                      every residual entry bit for bit unchanged (at the rest state with its
 *                      guessed potentials and y' = 1e-3).
 */
#include <stdint.h>
#include <string.h>
#include "fvtest.h"
#include "module.h"
#include "run.h"

#define TREF 298.15
#define RGAS 8.314
static const PetscReal Tcheck[2] = {318.15, 333.15};
/* exp(Ea/R (1/298.15 - 1/T)) at 318.15 and 333.15 K for Ea = 20, 30, 35 kJ/mol, and the film's
 * exp(-20000/R (1/298.15 - 1/T)), computed by hand (Python, math.exp) */
static const PetscReal A20[2]   = {1.66064263010415, 2.33414065990289};
static const PetscReal A30[2]   = {2.1400024652832, 3.56607551807764};
static const PetscReal A35[2]   = {2.42931213324314, 4.40780417466785};
static const PetscReal Afilm[2] = {0.602176520024228, 0.42842319538772};

static void SetArrhenius(FvProperty *p, PetscReal Ea) {
  p->Ea   = Ea;
  p->Tref = TREF;
}

static PetscErrorCode LoadCase(const char *name, FvCase *c) {
  char path[FV_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(path, sizeof path, "%s/cases/%s.yaml", FVCELL_SOURCE_DIR, name));
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Butler-Volmer residual with J = 0 written out by hand: -i0 A(T) [exp(a_a n F eta/(R T)) -
 * exp(-a_c n F eta/(R T))], i0 = n F k0 c^a_a (c_max - c_s)^a_a c_s^a_c at the reference */
static PetscReal HandBV(const FvModel *m, const FvRegionModel *r, PetscReal A, PetscReal T,
                        PetscReal k0, PetscReal c, PetscReal cs, PetscReal eta, PetscReal J,
                        PetscReal Rf) {
  const PetscReal ce = r->ce_ref > 0 ? c / r->ce_ref : c;
  const PetscReal i0 = r->n * m->F * k0 * A * pow(ce, r->alpha_a) * pow(r->c_max - cs, r->alpha_a) *
                       pow(cs, r->alpha_c);
  const PetscReal e = eta - Rf * J, nf = r->n * m->F / (m->R * T);
  return J - i0 * (exp(r->alpha_a * nf * e) - exp(-r->alpha_c * nf * e));
}

static PetscErrorCode CheckArrhenius(int *nfail) {
  int fails = 0;
  FvCase c, cs;
  FvModel m, ms;
  PetscFunctionBeginUser;
  /* a liquid cell: kappa 20, D 30, D_s 35 kJ/mol, k0 30 kJ/mol, film -20 kJ/mol */
  PetscCall(LoadCase("reference/dualfoil", &c));
  c.T = TREF, c.R = RGAS;
  SetArrhenius(&c.electrolyte.kappa, 20000);
  SetArrhenius(&c.electrolyte.D, 30000);
  SetArrhenius(&c.region[FV_NEG].Ds, 35000);
  SetArrhenius(&c.region[FV_NEG].k0, 30000);
  c.region[FV_NEG].dUdT.kind   = FV_PROP_UNSET; /* no entropic shift: U(T) = U */
  c.region[FV_NEG].R_film      = 2e-3;
  c.region[FV_NEG].R_film_Ea   = 20000;
  c.region[FV_NEG].R_film_Tref = TREF;
  PetscCall(FvModelCreate(&c, &m));
  /* a solid electrolyte: sigma 30 kJ/mol */
  PetscCall(LoadCase("assb_nmc811_lps_li", &cs));
  cs.T = TREF, cs.R = RGAS;
  SetArrhenius(&cs.region[FV_SEP].se.sigma, 30000);
  PetscCall(FvModelCreate(&cs, &ms));
  {
    const FvRegionModel *rs = &m.reg[FV_SEP], *rn = &m.reg[FV_NEG], *fm = &rn->fam[0];
    const PetscReal ce = 1000, csurf = 0.5 * rn->c_max, eta = 0.012, J = 3.0;
    const PetscInt N = fm->nshells;
    PetscReal cs_[64], zero[64], res0[64], res1[64], U, k0;
    FvElectrolyteState s0, s1, se0, se1;
    FV_CHECK(N <= 64, "%d shells", (int)N);
    PetscCheck(N <= 64, PETSC_COMM_SELF, PETSC_ERR_SUP, "too many shells for the check");
    for (PetscInt k = 0; k < N; k++)
      cs_[k] = (0.3 + 0.4 * k / (N - 1.0)) * rn->c_max, zero[k] = 0;
    FV_CHECK(FvElectrolyteEvalT(&m, rs, ce, TREF, &s0) == 0, "liquid at Tref");
    FV_CHECK(FvElectrolyteEvalT(&ms, &ms.reg[FV_SEP], ms.reg[FV_SEP].c_ion, TREF, &se0) == 0,
             "solid at Tref");
    FV_CHECK(FvParticleResidualT(&m, fm, TREF, cs_, zero, 0.0, res0) == 0, "particle at Tref");
    FV_CHECK(FvOpenCircuit(&m, rn, csurf, &U) == 0, "U");
    FV_CHECK(FvPropertyEval(&rn->k0, csurf / rn->c_max, TREF, m.R, &k0) == 0, "k0");
    for (int t = 0; t < 2; t++) {
      const PetscReal T = Tcheck[t];
      PetscReal res, hand;
      FV_CHECK(FvElectrolyteEvalT(&m, rs, ce, T, &s1) == 0, "liquid at %g K", (double)T);
      FV_CLOSE(s1.kappa_eff / s0.kappa_eff, A20[t], 1e-13);
      FV_CLOSE(s1.D_eff / s0.D_eff, A30[t], 1e-13);
      FV_CHECK(FvElectrolyteEvalT(&ms, &ms.reg[FV_SEP], ms.reg[FV_SEP].c_ion, T, &se1) == 0,
               "solid at %g K", (double)T);
      FV_CLOSE(se1.kappa_eff / se0.kappa_eff, A30[t], 1e-13);
      /* the particle's rows with no storage and no surface flux are its diffusive terms ~ D_s */
      FV_CHECK(FvParticleResidualT(&m, fm, T, cs_, zero, 0.0, res1) == 0, "particle");
      for (PetscInt k = 0; k < N; k++)
        if (PetscAbsReal(res0[k]) > 1e-12 * PetscAbsReal(res0[0]) + 1e-300)
          FV_CLOSE(res1[k] / res0[k], A35[t], 1e-12);
      /* k0's factor and F/RT (J = 0: no film drop), then the film at J != 0 */
      FV_CHECK(FvKineticsResidualContactT(&m, fm, T, 1.0, ce, csurf, U + eta, 0.0, 0.0, &res) == 0,
               "BV");
      hand = HandBV(&m, rn, A30[t], T, k0, ce, csurf, eta, 0.0, 0.0);
      FV_CLOSE(res, hand, 1e-12);
      FV_CHECK(FvKineticsResidualContactT(&m, fm, T, 1.0, ce, csurf, U + eta, 0.0, J, &res) == 0,
               "BV with film");
      hand = HandBV(&m, rn, A30[t], T, k0, ce, csurf, eta, J, 2e-3 * Afilm[t]);
      FV_CLOSE(res, hand, 1e-12);
      printf("  T = %.2f K: kappa x %.12f, D x %.12f, SE sigma x %.12f, D_s x %.12f, k0 x %.12f, "
             "R_film x %.12f\n",
             (double)T, (double)(s1.kappa_eff / s0.kappa_eff), (double)(s1.D_eff / s0.D_eff),
             (double)(se1.kappa_eff / se0.kappa_eff), (double)(res1[0] / res0[0]), (double)A30[t],
             (double)Afilm[t]);
    }
  }
  PetscCall(FvModelDestroy(&m));
  PetscCall(FvModelDestroy(&ms));
  PetscCall(FvCaseDestroy(&c));
  PetscCall(FvCaseDestroy(&cs));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

typedef struct {
  uint64_t h;
  PetscInt n;
} Hash;

static PetscErrorCode Record(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  Hash *x           = ctx;
  const double v[2] = {(double)rec->voltage, (double)rec->time};
  (void)p, (void)Y;
  for (int a = 0; a < 2; a++) {
    uint64_t u;
    memcpy(&u, &v[a], sizeof u);
    x->h = (x->h ^ u) * 1099511628211ULL; /* FNV-1a over the bits */
  }
  x->n++;
  return PETSC_SUCCESS;
}

static PetscErrorCode CheckIsothermal(int *nfail) {
  /* recorded with the build before temperature became an argument (commit a34ed51) */
  const struct {
    const char *name;
    PetscInt n;
    uint64_t hash;
    double t_end, energy;
  } ref[2] = {
      {"reference/dualfoil", 983, 0xfdffb165d958a176ULL, 3379.1897358095312, 84.506265480713793},
      {"li_metal_nmc_xu2019", 208, 0x02746b2b4752ac43ULL, 5511.5282183983218, 90.859633436400685}};
  int fails = 0;
  PetscFunctionBeginUser;
  for (int k = 0; k < 2; k++) {
    FvCase c;
    FvRunResult r;
    Hash x = {1469598103934665603ULL, 0};
    PetscCall(LoadCase(ref[k].name, &c));
    PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, 1.0, Record, &x, &r));
    printf("  %s 1C: %d records, hash %016llx, end %.17g s, %.17g W h/m2\n", ref[k].name, (int)x.n,
           (unsigned long long)x.h, (double)r.t_end, (double)r.energy);
    FV_CHECK(x.n == ref[k].n && x.h == ref[k].hash, "%s: records differ from the isothermal build",
             ref[k].name);
    FV_CHECK((double)r.t_end == ref[k].t_end && (double)r.energy == ref[k].energy,
             "%s: end %.17g, energy %.17g", ref[k].name, (double)r.t_end, (double)r.energy);
    PetscCall(FvRunResultReset(&r));
    PetscCall(FvCaseDestroy(&c));
  }
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* a consumer of the heat with no unknowns */
static PetscErrorCode HeatLayout(FvProblem *p, FvLayout *L, void **data) {
  (void)p, (void)data;
  L->heat = PETSC_TRUE;
  return PETSC_SUCCESS;
}
static const FvModule HeatConsumer = {.name = "heat_consumer", .layout = HeatLayout};

static PetscErrorCode CheckPassive(int *nfail) {
  const char *names[3] = {"reference/dualfoil", "li_metal_nmc_xu2019", "assb_nmc811_lps_li"};
  int fails            = 0;
  PetscFunctionBeginUser;
  for (int k = 0; k < 3; k++) {
    FvCase c;
    FvProblem p0, p1;
    const FvModule *extra[1] = {&HeatConsumer};
    Vec Y, Yp, F0, F1;
    PetscBool bad0, bad1, eq;
    PetscCall(LoadCase(names[k], &c));
    PetscCall(FvProblemCreate(PETSC_COMM_WORLD, &c, &p0));
    PetscCall(FvProblemCreateWith(PETSC_COMM_WORLD, &c, extra, 1, &p1));
    PetscCall(DMCreateGlobalVector(p0.mesh.da, &Y));
    PetscCall(VecDuplicate(Y, &Yp));
    PetscCall(VecDuplicate(Y, &F0));
    PetscCall(VecDuplicate(Y, &F1));
    PetscCall(FvProblemInitialState(&p0, Y));
    PetscCall(FvProblemGuessAlgebraic(&p0, Y));
    PetscCall(VecSet(Yp, 1e-3));
    PetscCall(FvProblemResidual(&p0, 0, Y, Yp, F0, &bad0));
    PetscCall(FvProblemResidual(&p1, 0, Y, Yp, F1, &bad1));
    PetscCall(VecEqual(F0, F1, &eq));
    printf("  %s: residual with the heat computed %s\n", names[k], eq ? "identical" : "DIFFERS");
    FV_CHECK(bad0 == bad1 && eq, "%s: the heat's computation changed the residual", names[k]);
    PetscCall(VecDestroy(&Y));
    PetscCall(VecDestroy(&Yp));
    PetscCall(VecDestroy(&F0));
    PetscCall(VecDestroy(&F1));
    PetscCall(FvProblemDestroy(&p0));
    PetscCall(FvProblemDestroy(&p1));
    PetscCall(FvCaseDestroy(&c));
  }
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char check[64] = "";
  int fails      = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscOptionsBegin(PETSC_COMM_WORLD, NULL, "test_tprops", NULL);
  PetscCall(PetscOptionsString("-check", "arrhenius, isothermal or passive", NULL, check, check,
                               sizeof check, NULL));
  PetscOptionsEnd();
  if (!strcmp(check, "arrhenius"))
    PetscCall(CheckArrhenius(&fails));
  else if (!strcmp(check, "isothermal"))
    PetscCall(CheckIsothermal(&fails));
  else if (!strcmp(check, "passive"))
    PetscCall(CheckPassive(&fails));
  else {
    printf("unknown -check '%s'\n", check);
    fails++;
  }
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
