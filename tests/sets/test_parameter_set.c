/* test_parameter_set.c -- a named parameter set against its published check values.
 *
 *   test_parameter_set NAME OCV OCV_TOL RATE CAP CAP_TOL
 *
 * The set is found by name (case-insensitively, as -parameter_set finds it) and its case file
 * loaded.  Checks: the open-circuit voltage of the initial state, U_pos(sto_pos,0) -
 * U_neg(sto_neg,0) (0 for a metal negative), within OCV_TOL [V] of OCV; a constant-current
 * discharge at RATE x 1C reaches the lower cut-off with a capacity within CAP_TOL (relative) of CAP
 * [A h m-2].  The values and their sources are in tests/sets/CMakeLists.txt and
 * docs/parameter-sets.md.
 */
#include <stdlib.h>
#include "fvtest.h"
#include "parameter_set.h"

static double Ocp(const FvCase *c, const FvRegion *r) {
  FvProperty p;
  PetscReal U = NAN;
  if (r->metal) return 0;
  if (FvPropertyCopy(&r->ocp, &p) || FvPropertySetUp(&p)) return NAN;
  if (FvPropertyEval(&p, r->sto0, c->T, c->R, &U) != FV_PROP_OK) U = NAN;
  FvPropertyDestroy(&p);
  return U;
}

int main(int argc, char **argv) {
  const FvParameterSet *s;
  char path[FV_PATH_LEN], lower[64];
  FvCase c;
  FvRunResult res;
  double ocv_ref, ocv_tol, rate, cap_ref, cap_tol, ocv;
  int fails = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  if (argc < 7) {
    printf("usage: test_parameter_set NAME OCV OCV_TOL RATE CAP CAP_TOL\n");
    return 2;
  }
  ocv_ref = atof(argv[2]), ocv_tol = atof(argv[3]), rate = atof(argv[4]);
  cap_ref = atof(argv[5]), cap_tol = atof(argv[6]);
  snprintf(lower, sizeof lower, "%s", argv[1]);
  for (char *p = lower; *p; p++)
    *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
  s = FvParameterSetFind(lower);
  FV_CHECK(s != NULL, "no parameter set named %s", lower);
  if (!s) return 1;
  FV_CHECK(!strcmp(s->name, argv[1]), "%s found as %s", lower, s->name);
  PetscCall(FvParameterSetPath(s, path, sizeof path));
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, &c));
  ocv = Ocp(&c, &c.region[FV_POS]) - Ocp(&c, &c.region[FV_NEG]);
  printf("%s (%s): OCV of the initial state %.5f V, published %.5f V (%+.2f mV, limit %.1f mV)\n",
         s->name, path, ocv, ocv_ref, 1e3 * (ocv - ocv_ref), 1e3 * ocv_tol);
  FV_CHECK(fabs(ocv - ocv_ref) <= ocv_tol, "OCV %.5f V, expected %.5f V", ocv, ocv_ref);
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, rate, NULL, NULL, &res));
  printf("%s: %gC discharge: %s; %.4f A h/m2, published %.4f A h/m2 (%+.2f %%, limit %.1f %%)\n",
         s->name, rate, res.reason, (double)res.capacity, cap_ref,
         100 * (res.capacity / cap_ref - 1), 100 * cap_tol);
  FV_CHECK(res.ok, "the discharge failed: %s", res.reason);
  FV_CHECK(fabs(res.capacity / cap_ref - 1) <= cap_tol, "capacity %.5g A h/m2, expected %.5g",
           (double)res.capacity, cap_ref);
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
