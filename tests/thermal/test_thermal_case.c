/* test_thermal_case.c -- the thermal: section and the thermal layers (solver/case_thermal.c,
 * solver/thermal.c).
 *
 *  -check capacity    DUALFOIL's lumped heat capacity from the stack
 * (docs/cells/dualfoil-thermal.md s2: every part's mass by hand, m = 0.816565 kg/m2, m c_p =
 * 1633.13 J/m2/K) and Marquis2019's from PyBaMM's layers (sum rho c_p L = 498.164225 J/m2/K);
 *  -check isothermal  a case without thermal: is isothermal at its temperature, and its resolved
 *                     text has no thermal section and no entropic coefficient (cases resolve as
 *                     they did before the section existed), also with materials that give one;
 *  -check roundtrip   the resolved text of the thermal cases (lumped and an x_resolved override)
 *                     loads again to the same text and the same thermal data.
 */
#include <unistd.h>
#include "fvtest.h"
#include "thermal.h"

static PetscErrorCode CheckCapacity(int *nfail) {
  int fails = 0;
  FvCase c;
  FvThermalStack ts;
  /* page s2: thicknesses x densities (SI) */
  const double m[FV_NLAYERS] = {8954 * 25e-6, 100e-6 * (1324 * 0.3 + 1800 * 0.6 + 1800 * 0.1),
                                25e-6 * 1324, 100e-6 * (1324 * 0.3 + 5010 * 0.5 + 1800 * 0.2),
                                2707 * 25e-6};
  double msum                = 0;
  PetscFunctionBeginUser;
  PetscCall(FvTestLoadReference("dualfoil_thermal", &c));
  FV_CHECK(c.thermal.model == FV_THERMAL_LUMPED, "model %d", (int)c.thermal.model);
  FV_CHECK(c.thermal.reaction_heat == FV_REACTION_HEAT_RAO_NEWMAN, "reaction heat");
  FV_CLOSE(c.thermal.h, 1.0, 0);
  FV_CLOSE(c.thermal.T_amb, 298.0, 0);
  PetscCall(FvThermalStackCompute(&c, &ts));
  FV_CHECK(ts.known, "%s", ts.missing);
  for (int k = 0; k < FV_NLAYERS; k++) {
    FV_CLOSE(ts.mass[k], m[k], 1e-12);
    FV_CLOSE(ts.cp[k], 2000, 0);
    msum += ts.mass[k];
  }
  FV_CLOSE(msum, 0.816565, 1e-12);
  FV_CLOSE(ts.heat_capacity, 1633.13, 1e-12);
  printf("dualfoil_thermal: m = %.6f kg/m2, m c_p = %.6f J/m2/K (DUALFOIL prints 0.8166 kg/m2)\n",
         msum, (double)ts.heat_capacity);
  PetscCall(FvCaseDestroy(&c));
  PetscCall(FvTestLoadReference("marquis2019_lumped", &c));
  PetscCall(FvThermalStackCompute(&c, &ts));
  FV_CHECK(ts.known, "%s", ts.missing);
  FV_CLOSE(ts.heat_capacity,
           8954 * 385 * 25e-6 + 1657 * 700 * 100e-6 + 397 * 700 * 25e-6 + 3262 * 700 * 100e-6 +
               2707 * 897 * 25e-6,
           1e-12);
  FV_CLOSE(ts.heat_capacity, 498.164225, 1e-12);
  FV_CLOSE(ts.lambda[FV_LAYER_SEP], 0.16, 0);
  FV_CLOSE(c.thermal.h * c.thermal.cooling_ratio, 20.0642, 1e-12);
  printf("marquis2019_lumped: m c_p = %.6f J/m2/K, cooling h A/A_el = %.5g W/m2/K: time constant "
         "%.1f s\n",
         (double)ts.heat_capacity, (double)(c.thermal.h * c.thermal.cooling_ratio),
         (double)(ts.heat_capacity / (c.thermal.h * c.thermal.cooling_ratio)));
  PetscCall(FvCaseDestroy(&c));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckIsothermal(int *nfail) {
  int fails                    = 0;
  static const char *const n[] = {"dualfoil", "marquis2019", "chen2020"};
  FvCase c;
  PetscFunctionBeginUser;
  for (int i = 0; i < 3; i++) {
    PetscCall(FvTestLoadReference(n[i], &c));
    FV_CHECK(c.thermal.model == FV_THERMAL_ISOTHERMAL, "%s: model %d", n[i], (int)c.thermal.model);
    FV_CLOSE(c.thermal.T_amb, c.T, 0);
    FV_CHECK(!strstr(c.yaml_text, "thermal:"), "%s: the resolved case has a thermal section", n[i]);
    FV_CHECK(!strstr(c.yaml_text, "entropic"), "%s: the resolved case has an entropic coefficient",
             n[i]);
    printf("%s: isothermal at %g K; resolved text without thermal keys\n", n[i], (double)c.T);
    PetscCall(FvCaseDestroy(&c));
  }
  /* Marquis2019's materials carry entropic coefficients: they are loaded (for a thermal run) */
  PetscCall(FvTestLoadReference("marquis2019", &c));
  FV_CHECK(c.region[FV_NEG].dUdT.kind == FV_PROP_FORM && c.region[FV_POS].dUdT.kind == FV_PROP_FORM,
           "entropic forms from the materials");
  FV_CHECK(c.region[FV_SEP].dUdT.kind == FV_PROP_UNSET, "separator");
  PetscCall(FvCaseDestroy(&c));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Load case (with the override set opts, may be NULL), write its resolved text to a file, load that
 * and compare. */
static PetscErrorCode RoundTrip(const char *name, const char *opt, const char *val, int *nfail) {
  int fails = 0;
  FvCase a, b;
  char path[FV_PATH_LEN], tmp[FV_PATH_LEN], *ta, *tb;
  FILE *f;
  FvThermalStack sa, sb;
  PetscFunctionBeginUser;
  snprintf(path, sizeof path, "%s/cases/reference/%s.yaml", FVCELL_SOURCE_DIR, name);
  snprintf(tmp, sizeof tmp, "thermal_roundtrip_%s.yaml", name);
  if (opt) PetscCall(PetscOptionsSetValue(NULL, opt, val));
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, &a));
  if (opt) PetscCall(PetscOptionsClearValue(NULL, opt));
  f = fopen(tmp, "w");
  FV_CHECK(f != NULL, "cannot write %s", tmp);
  if (f) {
    fputs(a.yaml_text, f);
    fclose(f);
  }
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, tmp, &b));
  PetscCall(FvTestStripComments(a.yaml_text, &ta));
  PetscCall(FvTestStripComments(b.yaml_text, &tb));
  {
    /* the names differ (the file name is the default name): compare from constants: on */
    const char *pa = strstr(ta, "constants:"), *pb = strstr(tb, "constants:");
    FV_CHECK(pa && pb && !strcmp(pa, pb), "%s%s%s: resolved text changes on reload:\n%s\n---\n%s",
             name, opt ? " " : "", opt ? opt : "", ta, tb);
  }
  PetscCall(FvThermalStackCompute(&a, &sa));
  PetscCall(FvThermalStackCompute(&b, &sb));
  FV_CHECK(a.thermal.model == b.thermal.model && a.thermal.reaction_heat == b.thermal.reaction_heat,
           "model");
  FV_CLOSE(sb.heat_capacity, sa.heat_capacity, 1e-14);
  if (a.thermal.model == FV_THERMAL_X_RESOLVED) /* a lumped model uses no conductivity */
    for (int k = 0; k < FV_NLAYERS; k++)
      FV_CLOSE(sb.lambda[k], sa.lambda[k], 1e-14);
  printf("%s%s%s: heat capacity %.10g J/m2/K, the same after the round trip\n", name,
         opt ? " " : "", opt ? opt : "", (double)sb.heat_capacity);
  PetscCall(PetscFree(ta));
  PetscCall(PetscFree(tb));
  PetscCall(FvCaseDestroy(&a));
  PetscCall(FvCaseDestroy(&b));
  unlink(tmp);
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char check[64] = "capacity";
  int nfail      = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-check", check, sizeof check, NULL));
  PetscCall(PetscOptionsClearValue(NULL, "-check"));
  if (!strcmp(check, "capacity"))
    PetscCall(CheckCapacity(&nfail));
  else if (!strcmp(check, "isothermal"))
    PetscCall(CheckIsothermal(&nfail));
  else if (!strcmp(check, "roundtrip")) {
    PetscCall(RoundTrip("dualfoil_thermal", NULL, NULL, &nfail));
    PetscCall(RoundTrip("marquis2019_lumped", NULL, NULL, &nfail));
    PetscCall(RoundTrip("marquis2019_lumped", "-thermal_model", "x_resolved", &nfail));
  } else {
    printf("unknown -check %s\n", check);
    nfail++;
  }
  printf("%s: %s\n", check, nfail ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
