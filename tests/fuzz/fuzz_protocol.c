/* fuzz_protocol.c -- libFuzzer harness of the protocol step parser (solver/protocol.h): the input
 * is a -protocol string ("Discharge at 1C until 3 V; Rest for 1 hour; ..."). */
#include "fuzz.h"
#include "protocol.h"

#define NSTEPS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static FvUnits units; /* made once: see fuzz.h */
  FvProtocolStep steps[NSTEPS];
  PetscInt n;
  PetscBool ok;
  char *text, why[1024], desc[512];
  FvFuzzInit();
  if (!units) FV_FUZZ_CALL(FvUnitsCreate(&units));
  text = FvFuzzString(data, size);
  FV_FUZZ_CALL(
      FvProtocolParseList(units, text, 24.1056, 2, NSTEPS, steps, &n, &ok, why, sizeof why));
  if (ok) /* what a parsed step says must be printable */
    for (PetscInt i = 0; i < n; i++)
      FvProtocolDescribe(&steps[i], desc, sizeof desc);
  free(text);
  return 0;
}
