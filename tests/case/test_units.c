/* test_units.c -- quantity strings with units converted to SI (solver/units.c).
 *
 * A table of strings -> expected SI values (battery spellings, fractional exponents of the
 * kinetic rate constants, mAh/g), and strings that must be refused with a reason.
 */
#include <math.h>
#include <string.h>
#include <petscsys.h>
#include "units.h"

typedef struct {
  const char *text, *si;
  double expect;
} Good;

typedef struct {
  const char *text, *si, *why; /* why: a fragment of the reason */
} Bad;

static const Good good[] = {
    {"100 um", "m", 1e-4},
    {"100um", "m", 1e-4},
    {"60 µm", "m", 6e-5},
    {"2.41 mA/cm2", "A/m2", 24.1},
    {"2.41056 mA/cm2", "A/m2", 24.1056},
    {"1000 mol/m3", "mol/m3", 1000},
    {"1 mol/L", "mol/m3", 1000},
    {"1 M", "mol/m3", 1000},
    {"500 mM", "mol/m3", 500},
    {"298 K", "K", 298},
    {"25 degC", "K", 298.15},
    {"372 mAh/g", "A s/kg", 1339200},
    {"274 mAh/g", "C/kg", 986400},
    {"1 Ah", "C", 3600},
    {"3 mAh/cm2", "C/m2", 108000},
    {"1 mA.h/cm^2", "C/m2", 36000},
    {"1 Wh", "J", 3600},
    {"1 µAh", "C", 0.0036},
    {"2 kWh", "J", 7.2e6},
    {"1e-3 ohm m2", "ohm m2", 1e-3},
    {"10 Ohm cm2", "ohm m2", 1e-3},
    {"10 S/m", "S/m", 10},
    {"2 mS/cm", "S/m", 0.2},
    {"3.9e-14 m2/s", "m2/s", 3.9e-14},
    {"3.9e-10 cm^2/s", "m2/s", 3.9e-14},
    {"1800 kg/m3", "kg/m3", 1800},
    {"1.8 g/cm3", "kg/m3", 1800},
    {"96487 C/mol", "C/mol", 96487},
    {"8.314 J/mol/K", "J/mol/K", 8.314},
    {"37480 J/mol", "J/mol", 37480},
    {"37.48 kJ/mol", "J/mol", 37480},
    {"3.0 V", "V", 3.0},
    {"100 mV", "V", 0.1},
    {"10 h", "s", 36000},
    {"3 m²", "m2", 3},
    {"2 s⁻¹", "s-1", 2},
    {"0.3", "1", 0.3},
    {"30 %", "1", 0.3},
    {"-1.5e2", "1", -150},
    /* fractional exponents: DUALFOIL's k and PyBaMM's m_ref */
    {"1e-5 m^2.5 mol^-0.5 s^-1", "m^2.5 mol^-0.5 s^-1", 1e-5},
    {"3e-11 m^2.5 mol^-0.5 s^-1", "m^2.5 mol^-0.5 s^-1", 3e-11},
    {"1 cm^2.5 mol^-0.5 s^-1", "m^2.5 mol^-0.5 s^-1", 1e-5},
    {"1 m^2.5 mmol^-0.5 s^-1", "m^2.5 mol^-0.5 s^-1", 31.622776601683793},
    {"2e-5 A m^2.5 mol^-1.5", "A m^2.5 mol^-1.5", 2e-5},
    {"2 mA cm^2.5 mol^-1.5", "A m^2.5 mol^-1.5", 2e-8},
    {"2e-5 A/m2 (m3/mol)^1.5", "A m^2.5 mol^-1.5", 2e-5},
    {"2e-5 (A/m2)(m3/mol)**1.5", "A m^2.5 mol^-1.5", 2e-5},
    {"1 m^1.3 mol^-0.1 s^-1", "m^1.3 mol^-0.1 s^-1", 1},
};

static const Bad bad[] = {
    {"100", "m", "no unit"},
    {"100 mol", "m", "cannot be converted to m"},
    {"2.41 mA/cm2", "A", "cannot be converted"},
    {"abc", "m", "not a number"},
    {"nan m", "m", "not a number"},
    {"inf", "1", "not a number"},
    {"0x10 m", "m", "not a decimal"},
    {"5 xyz", "m", "unknown unit"},
    {"0.3 m", "1", "pure number"},
    {"1e-5 m^2.5 mol^-0.5 s^-1", "m/s", "cannot be converted"},
    {"1e-5 m^2 mol^-0.5 s^-1", "m^2.5 mol^-0.5 s^-1", "cannot be converted"},
    {"1 (m", "m", "unbalanced"},
    {"1 m^", "m", "unexpected character"},
    {"1 degC^0.5", "K^0.5", "pure scale"},
};

int main(int argc, char **argv) {
  FvUnits u;
  int fails = 0;
  PetscReal v, a, b;
  PetscBool ok;
  char why[512];

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(FvUnitsCreate(&u));
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
    PetscCall(FvUnitsConvert(u, good[i].text, good[i].si, &v, &ok, why, sizeof why));
    if (!ok || !(fabs(v - good[i].expect) <= 1e-12 * fabs(good[i].expect))) {
      fails++;
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL \"%s\" -> %s: got %.17g (%s), expected %.17g\n",
                            good[i].text, good[i].si, (double)v, ok ? "ok" : why, good[i].expect));
    }
  }
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    why[0] = 0;
    PetscCall(FvUnitsConvert(u, bad[i].text, bad[i].si, &v, &ok, why, sizeof why));
    if (ok || !strstr(why, bad[i].why)) {
      fails++;
      PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                            "FAIL \"%s\" -> %s: %s (%s), expected a refusal mentioning \"%s\"\n",
                            bad[i].text, bad[i].si, ok ? "accepted" : "refused", why, bad[i].why));
    }
  }
  /* decimal prefixes convert with one rounding: "80 um" is the double nearest 8e-5 */
  {
    static const Good exact[] = {{"80 um", "m", 80e-6},
                                 {"100 um", "m", 1e-4},
                                 {"25 um", "m", 2.5e-5},
                                 {"2.41056 mA/cm2", "A/m2", 24.1056},
                                 {"85.2 um", "m", 85.2e-6},
                                 {"5.86 um", "m", 5.86e-6},
                                 {"1e-5 cm^2.5 mol^-0.5 s^-1", "m^2.5 mol^-0.5 s^-1", 1e-10}};
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
      PetscCall(FvUnitsConvert(u, exact[i].text, exact[i].si, &v, &ok, why, sizeof why));
      if (!ok || v != exact[i].expect) {
        fails++;
        PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                              "FAIL exact \"%s\" -> %s: got %.17g, expected %.17g\n", exact[i].text,
                              exact[i].si, (double)v, exact[i].expect));
      }
    }
  }
  /* affine maps (used for table columns) */
  PetscCall(FvUnitsGetMap(u, "mol/L", "mol/m3", &a, &b, &ok, why, sizeof why));
  if (!ok || a != 1000 || b != 0) {
    fails++;
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL map mol/L -> mol/m3: %g %g (%s)\n", (double)a,
                          (double)b, ok ? "ok" : why));
  }
  PetscCall(FvUnitsGetMap(u, "degC", "K", &a, &b, &ok, why, sizeof why));
  if (!ok || a != 1 || fabs(b - 273.15) > 1e-12) {
    fails++;
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL map degC -> K: %g %g (%s)\n", (double)a,
                          (double)b, ok ? "ok" : why));
  }
  PetscCall(FvUnitsGetMap(u, "", "1", &a, &b, &ok, why, sizeof why));
  if (!ok || a != 1 || b != 0) {
    fails++;
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL map (none) -> 1\n"));
  }
  PetscCall(FvUnitsDestroy(&u));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %d failure(s) in %d conversions\n",
                        fails ? "FAILED" : "passed", fails,
                        (int)(sizeof good / sizeof good[0] + sizeof bad / sizeof bad[0] + 10)));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
