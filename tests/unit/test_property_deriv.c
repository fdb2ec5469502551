/* test_property_deriv.c -- FvPropertyEvalDeriv and the hand-derived form derivatives (forms.c)
 * against central differences.
 *
 * Every registered form is differentiated at 49 points of its domain (stoichiometry 0.02 .. 0.98
 * for OCPs, concentration 50 .. 4850 mol m-3 for electrolyte properties) and compared with a
 * Richardson-extrapolated central difference (steps h and h/2, h = 1e-4 of the argument's scale):
 * |f' - f'_fd| <= 1e-7 |f'_fd| + 1e-10 |f| / x_scale. The value the derivative routine returns
 * must be the form's own value and flag, bit for bit. Tables: the Steffen and linear interpolants
 * inside (the interpolant's own slope), linear extrapolation outside (the end segment's slope),
 * clamped ends (slope 0, out-of-range flag), a constant (0); scale and Arrhenius factors multiply
 * the derivative as they multiply the value.
 */
#include <math.h>
#include <string.h>
#include <petscsys.h>
#include "property.h"

typedef struct {
  int checks, failures;
} Tally;

static void Check(Tally *t, const char *what, int ok, double got, double want) {
  t->checks++;
  if (!ok) {
    t->failures++;
    printf("FAIL %-58s got %.12g want %.12g\n", what, got, want);
  }
}

/* Richardson-extrapolated central difference of a property at x. */
static double CentralDiff(const FvProperty *p, double x, double h, double T, double R) {
  PetscReal a, b, c, d;
  (void)FvPropertyEval(p, x + h, T, R, &a);
  (void)FvPropertyEval(p, x - h, T, R, &b);
  (void)FvPropertyEval(p, x + h / 2, T, R, &c);
  (void)FvPropertyEval(p, x - h / 2, T, R, &d);
  return (4 * (c - d) / h - (a - b) / (2 * h)) / 3;
}

static PetscErrorCode TestForms(Tally *t) {
  const double T = 298.15, R = 8.314462618;
  PetscFunctionBeginUser;
  for (const char *const *name = FvFormNames(); *name; name++) {
    const PetscBool sto = (PetscBool)(strstr(*name, "ocp") != NULL);
    const double xs     = sto ? 1.0 : 1000.0;
    FvFormFn fn         = FvFormLookup(*name);
    FvFormDerivFn dfn   = FvFormDerivLookup(*name);
    FvProperty p;
    double worst = 0;
    int nbad     = 0;
    char what[160];
    snprintf(what, sizeof what, "%s has a derivative", *name);
    Check(t, what, dfn != NULL, 0, 0);
    if (!dfn) continue;
    PetscCall(PetscMemzero(&p, sizeof p));
    p.kind  = FV_PROP_FORM;
    p.arg   = sto ? FV_ARG_STO : FV_ARG_CONC;
    p.scale = 1.0;
    PetscCall(PetscStrncpy(p.form, *name, sizeof p.form));
    PetscCall(FvPropertySetUp(&p));
    for (int k = 0; k < 49; k++) {
      const double x = sto ? 0.02 + 0.02 * k : 50.0 + 100.0 * k;
      PetscReal v0, v1, d;
      const int rc0 = fn(x, T, &v0), rc1 = dfn(x, T, &v1, &d);
      const double fd  = CentralDiff(&p, x, 1e-4 * xs, T, R);
      const double err = fabs(d - fd), tol = 1e-7 * fabs(fd) + 1e-10 * fabs(v0) / xs;
      worst = fmax(worst, err / (fabs(fd) + 1e-300));
      if (v0 != v1 || rc0 != rc1 || !(err <= tol)) {
        nbad++;
        snprintf(what, sizeof what, "%s at x = %g (value %g/%g, flag %d/%d)", *name, x, v0, v1, rc0,
                 rc1);
        Check(t, what, 0, d, fd);
      } else
        t->checks++;
    }
    printf("%-4s %-32s 49 points, worst relative difference %.2e\n", nbad ? "FAIL" : "ok", *name,
           worst);
    PetscCall(FvPropertyDestroy(&p));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode MakeTable(FvProperty *p, PetscInt n, const double *x, const double *y,
                                FvInterp interp, PetscBool extrapolate) {
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(p, sizeof(*p)));
  p->kind = FV_PROP_TABLE;
  p->arg  = FV_ARG_STO;
  PetscCall(PetscStrncpy(p->name, "test.table", sizeof(p->name)));
  p->scale       = 1.0;
  p->n           = n;
  p->interp      = interp;
  p->extrapolate = extrapolate;
  PetscCall(PetscMalloc1(n, &p->x));
  PetscCall(PetscMalloc1(n, &p->y));
  for (PetscInt i = 0; i < n; i++)
    p->x[i] = x[i], p->y[i] = y[i];
  PetscCall(FvPropertySetUp(p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode TestTables(Tally *t) {
  const double x[] = {0.0, 0.1, 0.3, 0.45, 0.7, 0.9, 1.0};
  const double y[] = {4.2, 4.0, 3.9, 3.85, 3.7, 3.6, 3.0};
  const double T = 298.15, R = 8.314462618;
  FvProperty p;
  PetscReal v, d, v0;
  char what[160];
  PetscFunctionBeginUser;
  for (int interp = 0; interp < 2; interp++) {
    const char *iname = interp ? "linear" : "Steffen";
    PetscCall(MakeTable(&p, 7, x, y, interp ? FV_INTERP_LINEAR : FV_INTERP_STEFFEN, PETSC_TRUE));
    /* inside, away from the knots (a central difference across a knot of a C1 interpolant is
     * only first-order accurate) */
    for (int k = 0; k < 40; k++) {
      const double xx = 0.0125 + 0.025 * k;
      int nearknot    = 0;
      for (int i = 0; i < 7; i++)
        nearknot |= fabs(xx - x[i]) < 1e-3;
      if (nearknot) continue;
      (void)FvPropertyEvalDeriv(&p, xx, T, R, &v, &d);
      (void)FvPropertyEval(&p, xx, T, R, &v0);
      {
        const double fd = CentralDiff(&p, xx, 1e-5, T, R);
        snprintf(what, sizeof what, "%s table slope at %g", iname, xx);
        Check(t, what, fabs(d - fd) <= 1e-7 * fabs(fd) + 1e-9 && v == v0, d, fd);
      }
    }
    /* linear extrapolation: the end segments' slopes */
    (void)FvPropertyEvalDeriv(&p, -0.05, T, R, &v, &d);
    snprintf(what, sizeof what, "%s table, extrapolated below: slope of the first segment", iname);
    Check(t, what, fabs(d - (y[1] - y[0]) / (x[1] - x[0])) < 1e-12, d, (y[1] - y[0]) / 0.1);
    (void)FvPropertyEvalDeriv(&p, 1.05, T, R, &v, &d);
    snprintf(what, sizeof what, "%s table, extrapolated above: slope of the last segment", iname);
    Check(t, what, fabs(d - (y[6] - y[5]) / (x[6] - x[5])) < 1e-12, d, (y[6] - y[5]) / 0.1);
    /* clamped (no extrapolation): constant outside, slope 0, flagged */
    p.extrapolate = PETSC_FALSE;
    snprintf(what, sizeof what, "%s table, clamped above: slope 0, out of range", iname);
    Check(t, what, FvPropertyEvalDeriv(&p, 1.05, T, R, &v, &d) == FV_PROP_OUT_OF_RANGE && d == 0, d,
          0);
    /* scale and Arrhenius multiply the slope */
    p.extrapolate = PETSC_TRUE;
    {
      PetscReal d1;
      (void)FvPropertyEvalDeriv(&p, 0.55, T, R, &v, &d1);
      p.scale = 2.0;
      p.Ea    = 30e3;
      p.Tref  = 298.15;
      (void)FvPropertyEvalDeriv(&p, 0.55, 320.0, R, &v, &d);
      snprintf(what, sizeof what, "%s table, scale 2 and Arrhenius at 320 K", iname);
      Check(t, what,
            fabs(d - 2.0 * d1 * exp(30e3 / R * (1 / 298.15 - 1 / 320.0))) <= 1e-14 * fabs(d), d,
            2.0 * d1 * exp(30e3 / R * (1 / 298.15 - 1 / 320.0)));
    }
    PetscCall(FvPropertyDestroy(&p));
  }
  PetscCall(FvPropertySetConstant(&p, "test.constant", 0.38));
  PetscCall(FvPropertySetUp(&p));
  Check(t, "constant: value and slope 0",
        FvPropertyEvalDeriv(&p, 1234.0, T, R, &v, &d) == FV_PROP_OK && v == 0.38 && d == 0, d, 0);
  PetscCall(FvPropertyDestroy(&p));
  printf("%-4s tables (Steffen, linear; inside, extrapolated, clamped; scale, Arrhenius) and "
         "constants\n",
         t->failures ? "FAIL" : "ok");
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  Tally t = {0, 0};
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(TestForms(&t));
  PetscCall(TestTables(&t));
  printf("%d checks, %d failures\n%s\n", t.checks, t.failures, t.failures ? "FAIL" : "PASS");
  PetscCall(PetscFinalize());
  return t.failures ? 1 : 0;
}
