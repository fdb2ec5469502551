/* test_assb_thermal.c -- the thermal data of the solid-state materials and the heat capacity of the
 * ASSB thermal cases (docs/thermal.md s5, s7).
 *
 *  -check data      the thermal keys of the material files are read in SI: Li6PS5Cl's heat
 *                   capacity, written "1.208 J/g/K", is 1208 J/kg/K and lithium's conductivity,
 *                   written "0.848 W/cm/K", is 84.8 W/m/K (unit conversion at the edge); Li3PS4's,
 *                   NMC 811's and carbon's values as written; NMC 811's entropic coefficient table
 *                   (O'Regan et al. 2022) equals the published two-Gaussian fit at its nodes (to
 * its 7 printed digits) and at the narrow peak between nodes (Steffen interpolation, to 1 % of the
 * peak), with the fit's signs: positive (endothermic discharge) at theta = 0.28, negative near 0.8.
 *  -check capacity  m c_p of cases/reference/assb_thermal_25C.yaml from the stack (T14), against
 *                   every layer's mass and specific heat by hand: the composite's mass from its
 *                   weight fractions and densities, the separator's Li3PS4, the lithium foil and
 *                   the two collector foils (to 1e-12); the 60 C case has the same layers.
 */
#include "fvtest.h"
#include "materials.h"
#include "thermal.h"

static const FvMaterialProperty *Prop(const FvMaterial *m, const char *key) {
  for (PetscInt i = 0; i < m->nprops; i++)
    if (!strcmp(m->props[i].key, key)) return &m->props[i];
  return NULL;
}

/* NMC 811 dU/dT [V/K] of O'Regan et al. 2022 (the fit in mV/K, PyBaMM ORegan2022) */
static double OReganNMC(double x) {
  return (0.04006 * exp(-(x - 0.2828) * (x - 0.2828) / 0.0009855) -
          0.06656 * exp(-(x - 0.8032) * (x - 0.8032) / 0.02179)) /
         1000;
}

/* A material's constant (a quantity) in SI, -1 when missing. */
static PetscErrorCode ValueOf(const char *name, const char *key, double *v) {
  FvMaterial *m;
  PetscBool ok;
  char msg[FV_MAT_MSG_LEN];
  const FvMaterialProperty *mp;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&m));
  PetscCall(FvMaterialLoad(PETSC_COMM_WORLD, name, m, &ok, msg, sizeof msg));
  *v = -1;
  if (!ok) printf("FAIL: material %s: %s\n", name, msg);
  mp = ok ? Prop(m, key) : NULL;
  if (mp && mp->prop.kind == FV_PROP_CONST) *v = (double)mp->prop.value;
  if (ok) PetscCall(FvMaterialDestroy(m));
  PetscCall(PetscFree(m));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckData(int *nfail) {
  int fails = 0;
  const struct {
    const char *name, *key;
    double si;
  } want[] = {
      {"li6ps5cl", "heat_capacity", 1208},             /* written "1.208 J/g/K" */
      {"li6ps5cl", "thermal_conductivity", 0.5},       /* W/m/K */
      {"li3ps4", "heat_capacity", 1108},               /* J/kg/K */
      {"li3ps4", "thermal_conductivity", 0.5},         /* W/m/K */
      {"lithium_metal", "heat_capacity", 3582},        /* J/kg/K */
      {"lithium_metal", "thermal_conductivity", 84.8}, /* written "0.848 W/cm/K" */
      {"nmc811_chen2020", "heat_capacity", 991},       /* J/kg/K */
      {"carbon_black", "heat_capacity", 709},          /* J/kg/K */
  };
  FvMaterial *m;
  PetscBool ok;
  char msg[FV_MAT_MSG_LEN];
  const FvMaterialProperty *mp;
  PetscFunctionBeginUser;
  for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
    double v = -1;
    PetscCall(ValueOf(want[k].name, want[k].key, &v));
    printf("  %s.%s = %.12g (SI)\n", want[k].name, want[k].key, v);
    FV_CHECK(fabs(v - want[k].si) <= 1e-12 * want[k].si, "%s.%s = %.17g, expected %.17g",
             want[k].name, want[k].key, v, want[k].si);
  }
  PetscCall(PetscNew(&m));
  PetscCall(FvMaterialLoad(PETSC_COMM_WORLD, "nmc811_chen2020", m, &ok, msg, sizeof msg));
  FV_CHECK(ok, "%s", msg);
  mp = ok ? Prop(m, "entropic_coefficient") : NULL;
  FV_CHECK(mp && mp->prop.kind == FV_PROP_TABLE, "nmc811 entropic_coefficient is a table");
  if (mp && mp->prop.kind == FV_PROP_TABLE) {
    double worst_node = 0, worst_peak = 0, v;
    PetscReal r;
    PetscCall(FvPropertySetUp((FvProperty *)&mp->prop));
    for (int i = 0; i <= 200; i++) { /* the nodes, every 0.005 */
      const double x = 0.005 * i;
      FV_CHECK(FvPropertyEval(&mp->prop, x, 298.15, 8.314, &r) == FV_PROP_OK, "eval at %g", x);
      worst_node = fmax(worst_node, fabs((double)r - OReganNMC(x)));
    }
    for (int i = 0; i <= 100; i++) { /* across the peak at 0.2828 (width 0.031) */
      const double x = 0.25 + 0.0007 * i;
      FvPropertyEval(&mp->prop, x, 298.15, 8.314, &r);
      worst_peak = fmax(worst_peak, fabs((double)r - OReganNMC(x)));
    }
    printf("  nmc811 dU/dT table vs O'Regan 2022's fit: nodes %.3e V/K, across the peak %.3e V/K "
           "(%.2f %% of its 4.006e-5 V/K)\n",
           worst_node, worst_peak, 100 * worst_peak / 4.006e-5);
    /* 7 printed digits: half a unit of the 7th of the largest value */
    FV_CHECK(worst_node <= 5e-7 * 6.656e-5, "nodes: %g V/K", worst_node);
    FV_CHECK(worst_peak <= 0.01 * 4.006e-5, "peak: %g V/K", worst_peak);
    FvPropertyEval(&mp->prop, 0.2828, 298.15, 8.314, &r);
    v = (double)r;
    FV_CHECK(v > 3.9e-5, "dU/dT(0.2828) = %g V/K: expected the positive peak 4.0e-5", v);
    FvPropertyEval(&mp->prop, 0.8032, 298.15, 8.314, &r);
    FV_CHECK((double)r < -6.6e-5, "dU/dT(0.8032) = %g V/K: expected -6.656e-5", (double)r);
  }
  if (ok) PetscCall(FvMaterialDestroy(m));
  PetscCall(PetscFree(m));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckCapacity(int *nfail) {
  int fails = 0;
  /* the composite: 80/14/6 wt% NMC 811 (4778 kg/m3) / Li3PS4 (1870) / carbon (2000), porosity
   * 0.10, 50 um: its solid density is 1 / sum(w_i / rho_i) */
  const double rho_solid      = 1.0 / (0.80 / 4778 + 0.14 / 1870 + 0.06 / 2000);
  const double m[FV_NLAYERS]  = {10e-6 * 8954, 13.8e-6 * 534, 20e-6 * 0.95 * 1870,
                                 50e-6 * 0.90 * rho_solid, 15e-6 * 2707};
  const double cp[FV_NLAYERS] = {385, 3582, 1108, 990, 897};
  const char *names[2]        = {"assb_thermal_25C", "assb_thermal_60C"};
  PetscFunctionBeginUser;
  for (int n = 0; n < 2; n++) {
    FvCase c;
    FvThermalStack ts;
    double want = 0;
    PetscCall(FvTestLoadReference(names[n], &c));
    FV_CHECK(c.thermal.model == FV_THERMAL_LUMPED, "%s: model %d", names[n], (int)c.thermal.model);
    FV_CLOSE(c.thermal.T_amb, n ? 333.15 : 298.15, 0);
    FV_CLOSE(c.T, n ? 333.15 : 298.15, 0);
    FV_CLOSE(c.thermal.h * c.thermal.cooling_ratio, 20.0, 0);
    PetscCall(FvThermalStackCompute(&c, &ts));
    FV_CHECK(ts.known, "%s: %s", names[n], ts.missing);
    for (int k = 0; k < FV_NLAYERS; k++) {
      FV_CLOSE(ts.mass[k], m[k], 1e-12);
      FV_CLOSE(ts.cp[k], cp[k], 0);
      want += m[k] * cp[k];
    }
    FV_CLOSE(ts.heat_capacity, want, 1e-12);
    printf("%s: m c_p = %.9f J/m2/K (by hand %.9f), time constant m c_p / (h A/A) = %.2f s\n",
           names[n], (double)ts.heat_capacity, want,
           (double)(ts.heat_capacity / (c.thermal.h * c.thermal.cooling_ratio)));
    PetscCall(FvCaseDestroy(&c));
  }
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char check[64] = "";
  int fails      = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-check", check, sizeof check, NULL));
  PetscCall(PetscOptionsClearValue(NULL, "-check"));
  if (!strcmp(check, "data"))
    PetscCall(CheckData(&fails));
  else if (!strcmp(check, "capacity"))
    PetscCall(CheckCapacity(&fails));
  else
    FV_CHECK(0, "unknown -check '%s'", check);
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
