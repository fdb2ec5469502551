/* calibrate_pressure.c -- fits the contact law's size parameters to published cells
 * (docs/assb.md §9; run by `scripts/calibrate-assb pressure`).
 *
 * -size CSV (d50_um, inactive_fraction): the size-isolation law x(R) = x_max (1 - exp(-(R/R_c)^m))
 *   of models/contact.h with m fixed (-size_exponent, 3) fitted to Strauss et al. 2018's inactive
 *   CAM against particle size (R = d50/2): least squares on x, GSL's Brent minimiser on ln R_c with
 *   x_max solved in closed form at each R_c (the problem is linear in x_max); the profile over R_c
 *   is reported and written.
 * Shi et al. 2020's collapse and recovery (k_irr, phi_rec of cases/assb/shi2020.yaml) are not
 * fitted here: a cycle surrogate of the contact law (every connected family swinging over the
 * window) gave a staircase the P2D model does not show, and a 51-cycle P2D run per evaluation takes
 *   minutes; docs/assb.md §8 lists the full-model runs the case's values come from.
 * -o LAW.yaml: the law file with the values, the data, the method and the profile.
 */
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include "case.h"
#include "contact.h"

#define MAXROWS 32

typedef struct {
  PetscInt n;
  double x[MAXROWS], y[MAXROWS];
  PetscInt nevals;
  double evx[64], evy[64];
} Rows;

static PetscErrorCode ReadRows(const char *path, Rows *T) {
  FILE *fp;
  char line[512];
  PetscBool header = PETSC_FALSE;
  PetscFunctionBeginUser;
  fp = fopen(path, "r");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s: cannot open the data table", path);
  T->n = 0;
  while (fgets(line, sizeof line, fp)) {
    double a, b;
    if (line[0] == '#' || line[0] == '\n') continue;
    if (!header) {
      header = PETSC_TRUE;
      continue;
    }
    PetscCheck(sscanf(line, "%lf,%lf", &a, &b) == 2 && a > 0 && b >= 0 && b <= 1, PETSC_COMM_SELF,
               PETSC_ERR_FILE_UNEXPECTED,
               "%s: row \"%.60s\": expected a positive first column and a fraction in [0, 1]", path,
               line);
    PetscCheck(T->n < MAXROWS, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: more than %d rows",
               path, MAXROWS);
    T->x[T->n] = a, T->y[T->n] = b, T->n++;
  }
  fclose(fp);
  PetscCheck(T->n > 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: no rows", path);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static const char *Rel(const char *path) {
  return strstr(path, "cases/") ? strstr(path, "cases/") : path;
}

/* ---- size-dependent isolation -------------------------------------------------------------- */
typedef struct {
  Rows T;
  double m, xmax, ssr;
} SizeFit;

/* Least squares in x_max at fixed R_c (closed form); returns the SSR. */
static double SizeObjective(double lnrc, void *ctx) {
  SizeFit *S = ctx;
  double sy = 0, ss = 0, ssr = 0;
  for (PetscInt i = 0; i < S->T.n; i++) {
    const double s = -expm1(-pow(0.5 * S->T.x[i] / exp(lnrc), S->m));
    sy += s * S->T.y[i], ss += s * s;
  }
  S->xmax = ss > 0 ? PetscMin(sy / ss, 0.999) : 0;
  for (PetscInt i = 0; i < S->T.n; i++) {
    const FvSizeIsolation law = {S->xmax, exp(lnrc) * 1e-6, S->m};
    const double r            = FvContactSizeIsolated(&law, 0.5 * S->T.x[i] * 1e-6) - S->T.y[i];
    ssr += r * r;
  }
  if (S->T.nevals < 64) S->T.evx[S->T.nevals] = exp(lnrc), S->T.evy[S->T.nevals] = ssr;
  S->T.nevals++;
  return ssr;
}

static PetscErrorCode FitSize(const char *dpath, double m, const char *out) {
  SizeFit S;
  gsl_function F = {SizeObjective, NULL};
  double a = log(0.5), b = log(20.0), x = 0, fx = 1e300, fa, fb;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&S, sizeof S));
  PetscCall(ReadRows(dpath, &S.T));
  S.m      = m;
  F.params = &S;
  fa       = SizeObjective(a, &S);
  fb       = SizeObjective(b, &S);
  for (int i = 1; i < 12; i++) { /* a profile over ln R_c brackets the minimum */
    const double t = a + (b - a) * i / 12.0, f = SizeObjective(t, &S);
    if (f < fx) fx = f, x = t;
  }
  {
    gsl_min_fminimizer *mz = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    int it                 = 0, st;
    PetscCheck(mz, PETSC_COMM_SELF, PETSC_ERR_MEM, "gsl_min_fminimizer_alloc failed");
    PetscCheck(fx < fa && fx < fb, PETSC_COMM_SELF, PETSC_ERR_USER,
               "%s: the size law's optimum is at an end of R_c in [0.5, 20] um", dpath);
    (void)gsl_min_fminimizer_set_with_values(mz, &F, x, fx, a, fa, b, fb);
    do {
      st = gsl_min_fminimizer_iterate(mz);
      if (st) break;
      st = gsl_min_test_interval(gsl_min_fminimizer_x_lower(mz), gsl_min_fminimizer_x_upper(mz),
                                 1e-6, 0.0);
    } while (st == GSL_CONTINUE && ++it < 100);
    x = gsl_min_fminimizer_x_minimum(mz);
    gsl_min_fminimizer_free(mz);
  }
  fx = SizeObjective(x, &S);
  printf("size isolation (m = %g fixed) against %s: x_max = %.4f, R_c = %.4g um, SSR %.3g\n", m,
         dpath, S.xmax, exp(x), fx);
  for (PetscInt i = 0; i < S.T.n; i++) {
    const FvSizeIsolation law = {S.xmax, exp(x) * 1e-6, m};
    printf("  d50 %5.2f um: model %.3f, data %.3f\n", S.T.x[i],
           (double)FvContactSizeIsolated(&law, 0.5 * S.T.x[i] * 1e-6), S.T.y[i]);
  }
  if (out && out[0]) {
    FILE *fp = fopen(out, "w");
    PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s: cannot write the law file", out);
    fprintf(fp,
            "# Size-dependent isolation x(R) = x_max (1 - exp(-(R/R_c)^m)) (models/contact.h, "
            "docs/assb.md s9)\n# fitted by scripts/calibrate-assb pressure "
            "(tests/assb/calibrate_pressure.c -size); do not edit: rerun it.\n# Method: least "
            "squares on x at R = d50/2, m fixed; x_max in closed form at each R_c, GSL Brent on "
            "ln R_c;\n# the profile below is every evaluation (R_c [um]: SSR at the best x_max "
            "there).\n");
    fprintf(fp, "name: size_isolation\ndata: %s\nsize_isolation_exponent: %g  # fixed\n",
            Rel(dpath), m);
    fprintf(fp,
            "size_isolation_fraction: %.4f  # x_max\nsize_isolation_radius: \"%.3g um\"  # R_c\n",
            S.xmax, exp(x));
    fprintf(fp, "ssr: %.3g\nfit:\n", fx);
    for (PetscInt i = 0; i < S.T.n; i++) {
      const FvSizeIsolation law = {S.xmax, exp(x) * 1e-6, m};
      fprintf(fp, "  - {d50_um: %g, model: %.3f, data: %.3f}\n", S.T.x[i],
              (double)FvContactSizeIsolated(&law, 0.5 * S.T.x[i] * 1e-6), S.T.y[i]);
    }
    fprintf(fp, "profile:  # R_c [um]: SSR\n");
    for (PetscInt i = 0; i < PetscMin(S.T.nevals, 64); i++)
      fprintf(fp, "  - [%.4g, %.4g]\n", S.T.evx[i], S.T.evy[i]);
    fclose(fp);
    printf("wrote %s\n", out);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char size[PETSC_MAX_PATH_LEN] = "", out[PETSC_MAX_PATH_LEN] = "";
  PetscReal m = 3;
  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscOptionsBegin(PETSC_COMM_WORLD, NULL, "calibrate_pressure: the size-isolation law", NULL);
  PetscCall(PetscOptionsString("-size", "CSV of d50_um, inactive fraction: fit the size law", NULL,
                               size, size, sizeof size, NULL));
  PetscCall(PetscOptionsReal("-size_exponent", "the size law's Weibull exponent m (fixed)", NULL, m,
                             &m, NULL));
  PetscCall(PetscOptionsString("-o", "write the law file here", NULL, out, out, sizeof out, NULL));
  PetscOptionsEnd();
  gsl_set_error_handler_off();
  if (size[0]) PetscCall(FitSize(size, m, out));
  if (!size[0]) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "expected -size CSV\n"));
  PetscCall(PetscFinalize());
  return 0;
}
