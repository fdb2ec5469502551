/* fuzz_expression.c -- libFuzzer harness of the BPX expression parser (solver/expression.h): the
 * input is an expression in x; a parsed one is evaluated at a few points. */
#include "fuzz.h"
#include "expression.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FvExpr e;
  char *text, why[512];
  FvFuzzInit();
  text = FvFuzzString(data, size);
  FV_FUZZ_CALL(FvExprParse(text, &e, why, sizeof why));
  if (e) {
    volatile double sum = 0;
    for (int i = 0; i <= 4; i++)
      sum += FvExprEval(e, i / 4.0);
    (void)sum;
    FV_FUZZ_CALL(FvExprDestroy(&e));
  }
  free(text);
  return 0;
}
