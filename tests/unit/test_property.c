/* test_property.c -- FvProperty (models/property.c): constants, forms, tables (Steffen and
 * linear), range handling, extrapolation, scale, Arrhenius factor, set-up errors, copy/destroy
 * and description. Prints every comparison; exits non-zero on any failure.
 * Run with -malloc_debug -malloc_dump (or under valgrind) to check that nothing leaks.
 */
#include <math.h>
#include <string.h>
#include <petscsys.h>
#include "property.h"

typedef struct {
  int checks, failures;
} Tally;

static void Check(Tally *t, const char *what, double got, double want, double tol) {
  const int ok = isnan(want) ? isnan(got) : fabs(got - want) <= tol;
  t->checks++;
  if (!ok) t->failures++;
  printf("%-4s %-60s got %.15g want %.15g (tol %.1e)\n", ok ? "ok" : "FAIL", what, got, want, tol);
}

static void CheckTrue(Tally *t, const char *what, int cond) {
  t->checks++;
  if (!cond) t->failures++;
  printf("%-4s %s\n", cond ? "ok" : "FAIL", what);
}

/* Evaluate and check both the value and the return code. */
static void CheckEval(Tally *t, const char *what, const FvProperty *p, double x, double T, double R,
                      double want, double tol, int wantrc) {
  PetscReal v = -12345.0;
  int rc      = FvPropertyEval(p, x, T, R, &v);
  char buf[200];

  snprintf(buf, sizeof(buf), "%s: rc %d (want %d)", what, rc, wantrc);
  CheckTrue(t, buf, rc == wantrc);
  Check(t, what, v, want, tol);
}

/* Error capture: the message of the first (initial) error, for checking what the user sees. */
static PetscErrorCode Capture(MPI_Comm comm, int line, const char *fun, const char *file,
                              PetscErrorCode n, PetscErrorType p, const char *mess, void *ctx) {
  (void)comm;
  (void)line;
  (void)fun;
  (void)file;
  if (p == PETSC_ERROR_INITIAL && mess) {
    strncpy((char *)ctx, mess, 1023);
    ((char *)ctx)[1023] = 0;
  }
  return n;
}

/* SetUp must fail and its message must contain every string in `must` (NULL-terminated). */
static void ExpectSetUpError(Tally *t, const char *what, FvProperty *p, const char *const *must) {
  char msg[1024] = "";
  PetscErrorCode ierr;
  char buf[1400];
  int ok;

  PetscPushErrorHandler(Capture, msg);
  ierr = FvPropertySetUp(p);
  PetscPopErrorHandler();
  ok = ierr != 0;
  for (const char *const *m = must; *m; m++)
    ok = ok && strstr(msg, *m) != NULL;
  snprintf(buf, sizeof(buf), "%s: SetUp fails with a message naming it: \"%s\"", what, msg);
  CheckTrue(t, buf, ok);
}

/* A table property with PetscMalloc'd copies of x, y (the property owns them). */
static PetscErrorCode MakeTable(FvProperty *p, const char *name, PetscInt n, const double *x,
                                const double *y, FvInterp interp, PetscBool extrapolate) {
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(p, sizeof(*p)));
  p->kind = FV_PROP_TABLE;
  p->arg  = FV_ARG_STO;
  PetscCall(PetscStrncpy(p->name, name, sizeof(p->name)));
  PetscCall(PetscStrncpy(p->source, "tests/unit/test_property.c", sizeof(p->source)));
  p->scale       = 1.0;
  p->n           = n;
  p->interp      = interp;
  p->extrapolate = extrapolate;
  PetscCall(PetscMalloc1(n, &p->x));
  PetscCall(PetscMalloc1(n, &p->y));
  for (PetscInt i = 0; i < n; i++) {
    p->x[i] = x[i];
    p->y[i] = y[i];
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode TestConstantAndForm(Tally *t) {
  FvProperty p;
  const double R = 8.314, Tref = 298.0, T = 308.0;
  /* exp(Ea/R (1/Tref - 1/T)) with Ea/R = 4000 K (DUALFOIL li-ion-ebar.in), Tref 298, T 308;
   * computed independently: exp(4000 * 10 / (298 * 308)) */
  const double arr = 1.5462084995297296;

  PetscFunctionBeginUser;
  printf("-- constants and forms, scale, Arrhenius\n");
  PetscCall(FvPropertySetConstant(&p, "separator.tplus", 0.4));
  PetscCall(FvPropertySetUp(&p));
  CheckEval(t, "constant 0.4 at any x", &p, 123.0, 298.0, R, 0.4, 0, FV_PROP_OK);
  p.scale = 2.5;
  CheckEval(t, "constant 0.4 with scale 2.5", &p, 0.0, 298.0, R, 1.0, 1e-15, FV_PROP_OK);
  p.scale = 1.0;
  p.Ea    = 4000.0 * R;
  p.Tref  = Tref;
  PetscCall(FvPropertySetUp(&p));
  CheckEval(t, "constant with Ea at T = Tref: factor exactly 1", &p, 0.0, Tref, R, 0.4, 0,
            FV_PROP_OK);
  CheckEval(t, "constant with Ea/R = 4000 K at T = 308 K", &p, 0.0, T, R, 0.4 * arr, 1e-14,
            FV_PROP_OK);
  {
    PetscReal v;
    CheckTrue(t, "constant with Ea at T = 0: out of range",
              FvPropertyEval(&p, 0.0, 0.0, R, &v) == FV_PROP_OUT_OF_RANGE);
  }
  PetscCall(FvPropertyDestroy(&p));
  CheckTrue(t, "Destroy leaves the property unset",
            p.kind == FV_PROP_UNSET && !p.x && !p.y && !p.table);

  /* form with scale and Arrhenius: kappa(1000) = 1.104600 (dualfoil-lco-graphite.md section 6) */
  PetscCall(PetscMemzero(&p, sizeof(p)));
  p.kind = FV_PROP_FORM;
  p.arg  = FV_ARG_CONC;
  PetscCall(PetscStrncpy(p.name, "electrolyte.kappa", sizeof(p.name)));
  PetscCall(PetscStrncpy(p.form, "dualfoil_lipf6_conductivity", sizeof(p.form)));
  p.scale = 1.0;
  PetscCall(FvPropertySetUp(&p));
  CheckTrue(t, "SetUp resolves the form", p.fn == FvFormLookup("dualfoil_lipf6_conductivity"));
  CheckEval(t, "form kappa(1000)", &p, 1000.0, 298.0, R, 1.104600, 5e-7, FV_PROP_OK);
  CheckEval(t, "form kappa(-1): out of range", &p, -1.0, 298.0, R, 0.0911, 1e-15,
            FV_PROP_OUT_OF_RANGE);
  p.scale = 0.5;
  p.Ea    = 4000.0 * R;
  p.Tref  = Tref;
  PetscCall(FvPropertySetUp(&p));
  CheckEval(t, "form kappa(1000) x 0.5 at T = Tref", &p, 1000.0, Tref, R, 0.5 * 1.104600, 5e-7,
            FV_PROP_OK);
  CheckEval(t, "form kappa(1000) x 0.5 x Arrhenius at 308 K", &p, 1000.0, T, R,
            0.5 * 1.104600 * arr, 1e-6, FV_PROP_OK);

  /* form set-up errors */
  {
    const char *must[] = {"electrolyte.kappa", "no_such_form", "dualfoil_lipf6_conductivity", NULL};
    PetscCall(PetscStrncpy(p.form, "no_such_form", sizeof(p.form)));
    ExpectSetUpError(t, "unknown form", &p, must);
  }
  {
    const char *must[] = {"electrolyte.kappa", "Tref", NULL};
    PetscCall(PetscStrncpy(p.form, "dualfoil_lipf6_conductivity", sizeof(p.form)));
    p.Tref = 0;
    ExpectSetUpError(t, "Ea without Tref", &p, must);
    p.Tref = Tref;
  }
  {
    const char *must[] = {"electrolyte.kappa", "scale", NULL};
    p.scale            = 0;
    ExpectSetUpError(t, "scale 0 (not given)", &p, must);
  }
  PetscCall(FvPropertyDestroy(&p));
  {
    const char *must[] = {"negative.ocp", "not set", NULL};
    PetscCall(PetscStrncpy(p.name, "negative.ocp", sizeof(p.name)));
    ExpectSetUpError(t, "unset property", &p, must);
    PetscReal v;
    CheckTrue(t, "Eval of an unset property: out of range",
              FvPropertyEval(&p, 0.5, 298, R, &v) == FV_PROP_OUT_OF_RANGE);
  }
  PetscCall(FvPropertyDestroy(&p));
  PetscCall(FvPropertyDestroy(&p)); /* twice: still fine */
  PetscCall(FvPropertyDestroy(NULL));
  CheckTrue(t, "Destroy twice and Destroy(NULL) are safe", 1);
  PetscFunctionReturn(0);
}

/* Steffen: exact at nodes, monotone between monotone data (no overshoot even where a cubic
 * spline would), linear for 2 points. */
static PetscErrorCode TestSteffen(Tally *t) {
  /* Increasing with a sharp step: a natural cubic spline overshoots around x = 2..3. */
  const double x[] = {0.0, 1.0, 2.0, 3.0, 4.0, 5.0};
  const double y[] = {0.0, 0.1, 0.15, 1.0, 1.05, 2.0};
  /* Decreasing, OCP-like, unequal spacing */
  const double xd[] = {0.0, 0.05, 0.1, 0.5, 0.9, 0.95, 1.0};
  const double yd[] = {4.7, 4.6, 4.3, 3.9, 3.88, 3.5, 0.5};
  FvProperty p;
  int mono = 1, inside = 1;
  char what[120];

  PetscFunctionBeginUser;
  printf("-- Steffen tables\n");
  PetscCall(MakeTable(&p, "test.steffen", 6, x, y, FV_INTERP_STEFFEN, PETSC_FALSE));
  PetscCall(FvPropertySetUp(&p));
  for (int i = 0; i < 6; i++) {
    snprintf(what, sizeof(what), "Steffen exact at node x = %g", x[i]);
    CheckEval(t, what, &p, x[i], 298, 8.314, y[i], 1e-15, FV_PROP_OK);
  }
  {
    PetscReal prev = -INFINITY;
    for (int k = 0; k <= 5000; k++) {
      const double xx = 5.0 * k / 5000.0;
      PetscReal v;
      const int i = xx >= 5.0 ? 4 : (int)floor(xx);
      FvPropertyEval(&p, xx, 298, 8.314, &v);
      if (v < prev) mono = 0;
      if (v < y[i] - 1e-15 || v > y[i + 1] + 1e-15) inside = 0;
      prev = v;
    }
  }
  CheckTrue(t, "Steffen non-decreasing on 5001 points between increasing data", mono);
  CheckTrue(t, "Steffen stays within [y_i, y_i+1] on every interval (no overshoot)", inside);
  PetscCall(FvPropertyDestroy(&p));

  PetscCall(MakeTable(&p, "test.steffen_decreasing", 7, xd, yd, FV_INTERP_STEFFEN, PETSC_FALSE));
  PetscCall(FvPropertySetUp(&p));
  mono = inside = 1;
  {
    PetscReal prev = INFINITY;
    for (int k = 0; k <= 10000; k++) {
      const double xx = k / 10000.0;
      PetscReal v;
      int i = 0;
      while (i < 5 && xx > xd[i + 1])
        i++;
      FvPropertyEval(&p, xx, 298, 8.314, &v);
      if (v > prev) mono = 0;
      if (v > yd[i] + 1e-15 || v < yd[i + 1] - 1e-15) inside = 0;
      prev = v;
    }
  }
  CheckTrue(t, "Steffen non-increasing between decreasing, unequally spaced data", mono);
  CheckTrue(t, "Steffen stays within the data on every interval", inside);
  for (int i = 0; i < 7; i++) {
    snprintf(what, sizeof(what), "Steffen (decreasing) exact at node x = %g", xd[i]);
    CheckEval(t, what, &p, xd[i], 298, 8.314, yd[i], 1e-15, FV_PROP_OK);
  }
  PetscCall(FvPropertyDestroy(&p));

  /* two points: falls back to linear */
  PetscCall(MakeTable(&p, "test.steffen2", 2, x, y + 2, FV_INTERP_STEFFEN, PETSC_FALSE));
  PetscCall(FvPropertySetUp(&p));
  CheckEval(t, "Steffen with 2 points is linear: midpoint", &p, 0.5, 298, 8.314, 0.5 * (0.15 + 1.0),
            1e-15, FV_PROP_OK);
  CheckEval(t, "Steffen with 2 points is linear: x = 0.25", &p, 0.25, 298, 8.314,
            0.15 + 0.25 * 0.85, 1e-15, FV_PROP_OK);
  PetscCall(FvPropertyDestroy(&p));
  PetscFunctionReturn(0);
}

static PetscErrorCode TestLinearRangeExtrapolation(Tally *t) {
  /* Chayambuka2022 sigma_e.csv (pybamm-sets.md section 3.6): 5 points */
  const double x[] = {150, 500, 1000, 1500, 2000};
  const double y[] = {0.404, 0.72, 0.883, 0.861, 0.76};
  FvProperty p, q;
  char what[1024];
  const double R = 8.314462618;

  PetscFunctionBeginUser;
  printf("-- linear tables, range, extrapolation, scale, Arrhenius\n");
  PetscCall(MakeTable(&p, "electrolyte.kappa", 5, x, y, FV_INTERP_LINEAR, PETSC_FALSE));
  p.arg = FV_ARG_CONC;
  PetscCall(FvPropertySetUp(&p));
  for (int i = 0; i < 5; i++) {
    snprintf(what, sizeof(what), "linear exact at node %g", x[i]);
    CheckEval(t, what, &p, x[i], 298.15, R, y[i], 1e-15, FV_PROP_OK);
  }
  for (int i = 0; i < 4; i++) {
    snprintf(what, sizeof(what), "linear midpoint %g", 0.5 * (x[i] + x[i + 1]));
    CheckEval(t, what, &p, 0.5 * (x[i] + x[i + 1]), 298.15, R, 0.5 * (y[i] + y[i + 1]), 1e-15,
              FV_PROP_OK);
  }
  CheckEval(t, "below range, no extrapolation: flag and first value", &p, 100.0, 298.15, R, 0.404,
            0, FV_PROP_OUT_OF_RANGE);
  CheckEval(t, "above range, no extrapolation: flag and last value", &p, 2500.0, 298.15, R, 0.76, 0,
            FV_PROP_OUT_OF_RANGE);
  CheckEval(t, "NaN argument: flag", &p, NAN, 298.15, R, NAN, INFINITY, FV_PROP_OUT_OF_RANGE);

  p.extrapolate = PETSC_TRUE;
  CheckEval(t, "extrapolated below from the first segment at c = 0", &p, 0.0, 298.15, R,
            0.404 - 150.0 * (0.72 - 0.404) / 350.0, 1e-15, FV_PROP_OK);
  CheckEval(t, "extrapolated above from the last segment at c = 2500", &p, 2500.0, 298.15, R,
            0.76 + 500.0 * (0.76 - 0.861) / 500.0, 1e-15, FV_PROP_OK);

  /* scale and Arrhenius on a table: Ea = 30000 J/mol, Tref 298.15 K, T 318.15 K;
   * factor exp(30000/R (1/298.15 - 1/318.15)) = 2.139911877858744 (computed independently) */
  p.scale = 2.0;
  p.Ea    = 30000.0;
  p.Tref  = 298.15;
  PetscCall(FvPropertySetUp(&p));
  CheckEval(t, "table x 2 at T = Tref", &p, 1000.0, 298.15, R, 2 * 0.883, 1e-15, FV_PROP_OK);
  CheckEval(t, "table x 2 x Arrhenius at 318.15 K", &p, 1000.0, 318.15, R,
            2 * 0.883 * 2.139911877858744, 1e-13, FV_PROP_OK);
  p.extrapolate = PETSC_FALSE;
  CheckEval(t, "out of range value is scaled too", &p, 3000.0, 298.15, R, 2 * 0.76, 1e-15,
            FV_PROP_OUT_OF_RANGE);

  /* deep copy: the copy survives the original */
  PetscCall(FvPropertyCopy(&p, &q));
  CheckTrue(t, "copy has its own x, y and table",
            q.x != p.x && q.y != p.y && q.table && q.table != p.table);
  PetscCall(FvPropertyDestroy(&p));
  CheckEval(t, "copy evaluates after the original is destroyed (midpoint 1250)", &q, 1250.0, 298.15,
            R, 2 * 0.5 * (0.883 + 0.861), 1e-15, FV_PROP_OK);
  CheckEval(t, "copy keeps the range flag", &q, 3000.0, 298.15, R, 2 * 0.76, 1e-15,
            FV_PROP_OUT_OF_RANGE);
  {
    char buf[512];
    PetscCall(FvPropertyDescribe(&q, buf, sizeof(buf)));
    snprintf(what, sizeof(what), "describe table: \"%.200s\"", buf);
    CheckTrue(t, what,
              strstr(buf, "electrolyte.kappa") && strstr(buf, "5 points") &&
                  strstr(buf, "test_property.c") && strstr(buf, "linear") &&
                  strstr(buf, "Arrhenius"));
    PetscCall(FvPropertyDescribe(&q, buf, 12)); /* truncation is not an error */
    snprintf(what, sizeof(what), "describe truncates to the buffer: \"%s\"", buf);
    CheckTrue(t, what, strlen(buf) == 11);
  }
  /* SetUp twice rebuilds without leaking */
  PetscCall(FvPropertySetUp(&q));
  PetscCall(FvPropertySetUp(&q));
  CheckEval(t, "SetUp twice still evaluates", &q, 1000.0, 298.15, R, 2 * 0.883, 1e-15, FV_PROP_OK);
  PetscCall(FvPropertyDestroy(&q));

  /* copy of a form property and of an unset one */
  PetscCall(PetscMemzero(&p, sizeof(p)));
  p.kind  = FV_PROP_FORM;
  p.scale = 1;
  PetscCall(PetscStrncpy(p.name, "positive.ocp", sizeof(p.name)));
  PetscCall(PetscStrncpy(p.form, "dualfoil_lco_ocp", sizeof(p.form)));
  PetscCall(FvPropertySetUp(&p));
  PetscCall(FvPropertyCopy(&p, &q));
  CheckEval(t, "copied form U_p(0.5) (dualfoil page section 5)", &q, 0.5, 298, 8.314, 4.241652,
            5e-7, FV_PROP_OK);
  {
    char buf[256];
    PetscCall(FvPropertyDescribe(&q, buf, sizeof(buf)));
    snprintf(what, sizeof(what), "describe form: \"%s\"", buf);
    CheckTrue(t, what, strstr(buf, "positive.ocp") && strstr(buf, "dualfoil_lco_ocp"));
  }
  PetscCall(FvPropertyDestroy(&p));
  PetscCall(FvPropertyDestroy(&q));
  PetscCall(FvPropertyCopy(&p, &q));
  CheckTrue(t, "copy of an unset property is unset", q.kind == FV_PROP_UNSET && !q.x && !q.table);
  PetscCall(FvPropertyDestroy(&q));
  PetscFunctionReturn(0);
}

static PetscErrorCode TestTableErrors(Tally *t) {
  const double x[]  = {0.0, 0.5, 0.5, 1.0};
  const double y[]  = {1.0, 2.0, 3.0, 4.0};
  const double yn[] = {1.0, NAN, 3.0, 4.0};
  FvProperty p;

  PetscFunctionBeginUser;
  printf("-- table set-up errors\n");
  {
    const char *must[] = {"negative.ocp", "tests/unit/test_property.c", "strictly increasing",
                          NULL};
    PetscCall(MakeTable(&p, "negative.ocp", 4, x, y, FV_INTERP_STEFFEN, PETSC_FALSE));
    ExpectSetUpError(t, "repeated x", &p, must);
    PetscCall(FvPropertyDestroy(&p));
  }
  {
    const double xd[]  = {0.0, 0.6, 0.5, 1.0};
    const char *must[] = {"negative.ocp", "tests/unit/test_property.c", "strictly increasing",
                          NULL};
    PetscCall(MakeTable(&p, "negative.ocp", 4, xd, y, FV_INTERP_LINEAR, PETSC_FALSE));
    ExpectSetUpError(t, "decreasing x", &p, must);
    PetscCall(FvPropertyDestroy(&p));
  }
  {
    const char *must[] = {"positive.ocp", "tests/unit/test_property.c", "at least 2", NULL};
    PetscCall(MakeTable(&p, "positive.ocp", 1, x, y, FV_INTERP_LINEAR, PETSC_FALSE));
    ExpectSetUpError(t, "one point", &p, must);
    PetscCall(FvPropertyDestroy(&p));
  }
  {
    const double x4[]  = {0.0, 0.25, 0.5, 1.0};
    const char *must[] = {"positive.ocp", "tests/unit/test_property.c", "non-finite", NULL};
    PetscCall(MakeTable(&p, "positive.ocp", 4, x4, yn, FV_INTERP_STEFFEN, PETSC_FALSE));
    ExpectSetUpError(t, "NaN in y", &p, must);
    PetscCall(FvPropertyDestroy(&p));
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv) {
  Tally t = {0, 0};

  PetscCall(PetscInitialize(&argc, &argv, NULL, "unit test of FvProperty"));
  PetscCall(TestConstantAndForm(&t));
  PetscCall(TestSteffen(&t));
  PetscCall(TestLinearRangeExtrapolation(&t));
  PetscCall(TestTableErrors(&t));
  printf("%d checks, %d failures\n", t.checks, t.failures);
  PetscCall(PetscFinalize());
  return t.failures ? 1 : 0;
}
