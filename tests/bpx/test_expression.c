/* test_expression.c -- the BPX expression parser follows Python's semantics, refuses bad strings
 * with a position, and survives hostile input (deep nesting, long strings). */
#include <stdlib.h>
#include "fvtest.h"
#include "expression.h"

static double Ev(const char *s, double x, int *okp) {
  FvExpr e;
  char why[256];
  double v;
  if (FvExprParse(s, &e, why, sizeof why) || !e) {
    printf("refused \"%s\": %s\n", s, why);
    *okp = 0;
    return NAN;
  }
  v = FvExprEval(e, x);
  FvExprDestroy(&e);
  *okp = 1;
  return v;
}

int main(int argc, char **argv) {
  int fails = 0, ok;
  struct {
    const char *s;
    double x, want;
  } good[] = {
      {"1 + 2 * 3", 0, 7},
      {"-x ** 2", 3, -9},      /* ** binds tighter than unary minus */
      {"2 ** 3 ** 2", 0, 512}, /* right-associative */
      {"2 ** -1", 0, 0.5},     /* unary minus on the exponent */
      {"(-x) ** 2", 3, 9},
      {"10 / 4 / 5", 0, 0.5}, /* left-associative */
      {"8 - 3 - 2", 0, 3},
      {"1e-3 * x", 2000, 2},
      {"1.5E+2 + .5", 0, 150.5},
      {"exp(0) + log(1) + sqrt(4) + tanh(0) + cosh(0) + abs(-3) + log10(100)", 0, 9},
      {"- - x", 2, 2},
      {" ( ( x ) ) ", 4, 4},
      /* a published BPX function (the About:Energy NMC pouch cell, Nyman 2008 conductivity) */
      {"0.1297 * (x / 1000) ** 3 - 2.51 * (x / 1000) ** 1.5 + 3.329 * (x / 1000)", 1000, 0.9487},
      {"(-0.1112 * x + 0.02914 + 0.3561 * exp(-((x - 0.08309) ** 2) / 0.004616)) / 1000", 0.08309,
       (-0.1112 * 0.08309 + 0.02914 + 0.3561) / 1000},
  };
  const char *bad[] = {"",  "x +",   "2 ** ", "(x",        "x)",  "foo(x)", "exp x",
                       "y", "x ^ 2", "1..2",  "exp(x, 2)", "3 x", "x // 2", "import os"};
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
    double v = Ev(good[i].s, good[i].x, &ok);
    FV_CHECK(ok && fabs(v - good[i].want) <= 1e-12 * fmax(1, fabs(good[i].want)),
             "\"%s\" at x = %g: %.17g, expected %.17g", good[i].s, good[i].x, v, good[i].want);
  }
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    FvExpr e;
    char why[256] = "";
    PetscCall(FvExprParse(bad[i], &e, why, sizeof why));
    FV_CHECK(!e && (strstr(why, "at character") || strstr(why, "at the end")),
             "\"%s\" accepted or no position: %s", bad[i], why);
    if (e) PetscCall(FvExprDestroy(&e));
  }
  { /* hostile: 100000 nested parentheses and a string over the length limit are refused cleanly */
    size_t n = 100000;
    char *s  = malloc(2 * n + 2);
    FvExpr e;
    char why[256];
    for (size_t i = 0; i < n; i++)
      s[i] = '(', s[n + 1 + i] = ')';
    s[n]         = 'x';
    s[2 * n + 1] = 0;
    PetscCall(FvExprParse(s, &e, why, sizeof why));
    FV_CHECK(!e, "100000 nested parentheses accepted");
    printf("deep nesting: %s\n", why);
    memset(s, '(', 500), strcpy(s + 500, "x");
    for (int i = 0; i < 500; i++)
      strcat(s, ")");
    PetscCall(FvExprParse(s, &e, why, sizeof why));
    FV_CHECK(!e, "500 nested parentheses accepted (limit 200 levels)");
    free(s);
  }
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
