/* fuzz_units.c -- libFuzzer harness of the unit parser (solver/units.h): the first byte picks the
 * SI unit wanted, the rest is the quantity text ("100 um", "2.41 mA/cm2", ...). */
#include "fuzz.h"
#include "units.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static FvUnits units; /* made once: see fuzz.h */
  static const char *const si[] = {"m",     "mol/m3", "S/m",  "A/m2", "1", "m^2.5 mol^-0.5 s^-1",
                                   "J/mol", "K",      "C/m2", "s"};
  char *text, why[512];
  PetscReal v, scale, offset;
  PetscBool ok;
  if (size < 1) return 0;
  FvFuzzInit();
  if (!units) FV_FUZZ_CALL(FvUnitsCreate(&units));
  text = FvFuzzString(data + 1, size - 1);
  FV_FUZZ_CALL(FvUnitsConvert(units, text, si[data[0] % 10], &v, &ok, why, sizeof why));
  FV_FUZZ_CALL(FvUnitsGetMap(units, text, si[data[0] % 10], &scale, &offset, &ok, why, sizeof why));
  free(text);
  return 0;
}
