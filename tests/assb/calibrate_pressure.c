/* calibrate_pressure.c -- fits the contact law's pressure and size parameters to published cells
 * (docs/assb.md s8-s9; run by `scripts/calibrate-assb pressure` and `scripts/calibrate-assb shi`).
 *
 * -size CSV (d50_um, inactive_fraction): the size-isolation law x(R) = x_max (1 - exp(-(R/R_c)^m))
 *   of models/contact.h with m fixed (-size_exponent, 3) fitted to Strauss et al. 2018's inactive
 *   CAM against particle size (R = d50/2): least squares on x, GSL's Brent minimiser on ln R_c with
 *   x_max solved in closed form at each R_c (the problem is linear in x_max); the profile over R_c
 *   is reported and written.
 * -shi CASE.yaml with -shi_data CSV: Shi et al. 2020's collapse at about 2 MPa and its recovery
 *   after the 300 MPa re-press (cases/assb/shi2020.yaml): the irreversibility k_irr to the cycle at
 *   which the discharge capacity first falls below the data's threshold, then the recoverable
 *   share phi_rec to the capacity after the re-press, each by GSL's Brent minimiser on the log of
 *   the parameter from a profile that brackets it. The two are fitted one after the other because
 *   phi_rec does not act before the re-press (the pool f_r of eq. (P1) does not feed back on f_p),
 *   so the collapse depends on k_irr alone. Each evaluation is the case's whole protocol run with
 *   -shi_options (a coarser mesh: the fit's surrogate, checked against the full case at the
 *   optimum in docs/assb.md s8). The recovery pressure p_rec is fixed: with one recovery point it
 *   is not identifiable apart from phi_rec (only phi_rec R(298 MPa) enters).
 * -o LAW.yaml: the law file with the values, the data, the method and the profile.
 */
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include "case.h"
#include "contact.h"
#include "assb_csv.h"
#include "assb_run.h"

#define MAXROWS 32

typedef struct {
  PetscInt n;
  double x[MAXROWS], y[MAXROWS];
  PetscInt nevals;
  double evx[64], evy[64];
} Rows;

static PetscErrorCode ReadRows(const char *path, Rows *T) {
  AssbCsv *t;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&t));
  PetscCall(AssbCsvRead(path, 2, "a positive first column and a fraction in [0, 1]", t));
  PetscCheck(t->n <= MAXROWS, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: more than %d rows",
             path, MAXROWS);
  T->n = 0;
  for (PetscInt i = 0; i < t->n; i++) {
    const double a = t->v[i][0], b = t->v[i][1];
    PetscCheck(a > 0 && b >= 0 && b <= 1, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED,
               "%s: row \"%.60s\": expected a positive first column and a fraction in [0, 1]", path,
               t->line[i]);
    T->x[T->n] = a, T->y[T->n] = b, T->n++;
  }
  PetscCall(PetscFree(t));
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

/* ---- Shi 2020: the collapse at about 2 MPa and the recovery by the re-press --------------- */
#define SHI_MAXCYC 128
#define SHI_MAXEV 64
typedef struct {
  const char *cpath, *dpath, *opts; /* case, data, overrides of the surrogate runs */
  AssbCsv *T;
  PetscInt i_below, i_rec, ncyc; /* rows of the two fitted targets; cycles a run */
  PetscReal k, phi;              /* the other parameter while one is fitted */
  PetscReal q[SHI_MAXCYC];       /* the last run's discharge capacity per cycle [mAh/g] */
  PetscInt nevals;
  double ev[SHI_MAXEV][4]; /* every run: k_irr, phi_rec, collapse cycle, recovered capacity */
} ShiFit;

/* The (interpolated) cycle at which the capacity first falls below q_lim, among cycles 1..n;
 * past n (no collapse) n + q_n/q_lim, which keeps growing with the capacity left. */
static PetscReal ShiCollapse(const PetscReal *q, PetscInt n, PetscReal q_lim) {
  if (n < 1) return NAN;
  if (q[0] < q_lim) return 1;
  for (PetscInt i = 1; i < n; i++)
    if (q[i] < q_lim) return i + (q[i - 1] - q_lim) / (q[i - 1] - q[i]);
  return n + q[n - 1] / q_lim;
}

/* One run of the case's protocol with k_irr k and phi_rec phi; *nc, *qr: the collapse cycle and
 * the capacity after the re-press (NaN where the run stopped before). */
static PetscErrorCode ShiRun(ShiFit *S, PetscReal k, PetscReal phi, PetscReal *nc, PetscReal *qr) {
  FvCase c;
  FvRunResult res;
  const PetscInt nb = (PetscInt)S->T->v[S->i_rec][1] - 1; /* cycles before the re-press */
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&res, sizeof res));
  PetscCall(AssbLoadCase(PETSC_COMM_SELF, S->cpath, S->opts, &c));
  PetscCheck(c.region[FV_POS].contact.enabled && c.region[FV_POS].contact.phi_rec > 0,
             PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: expected a positive electrode with a contact: section with a "
             "recoverable_fraction > 0",
             S->cpath);
  c.region[FV_POS].contact.k_irr   = k;
  c.region[FV_POS].contact.phi_rec = phi;
  PetscCall(AssbRunProtocol(PETSC_COMM_SELF, &c, 0, S->ncyc, NULL, NULL, &res));
  for (PetscInt i = 0; i < S->ncyc; i++)
    S->q[i] = AssbCycleDischarge(&c, &res, i + 1);
  *nc = res.ncycles >= nb ? ShiCollapse(S->q, nb, S->T->v[S->i_below][2]) : NAN;
  *qr = S->q[nb];
  if (S->nevals < SHI_MAXEV) {
    double *e = S->ev[S->nevals];
    e[0] = k, e[1] = phi, e[2] = *nc, e[3] = *qr;
  }
  S->nevals++;
  printf("  k_irr %.5g, phi_rec %.5g: cycle 1 %.1f, collapse below %g mAh/g at cycle %.2f, "
         "after the re-press %.1f mAh/g%s\n",
         (double)k, (double)phi, (double)S->q[0], S->T->v[S->i_below][2], (double)*nc, (double)*qr,
         res.ok ? "" : " (the run stopped)");
  fflush(stdout);
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ((collapse cycle - target) / tolerance)^2 at k_irr = exp(lnk) */
static double ShiCollapseObjective(double lnk, void *ctx) {
  ShiFit *S = ctx;
  PetscReal nc, qr, r;
  if (ShiRun(S, PetscExpReal(lnk), S->phi, &nc, &qr)) return 1e6;
  r = (nc - S->T->v[S->i_below][1]) / S->T->v[S->i_below][3];
  return PetscIsNanReal(r) ? 1e6 : r * r;
}

/* ((recovered capacity - target) / tolerance)^2 at phi_rec = exp(lnphi) */
static double ShiRecoveryObjective(double lnphi, void *ctx) {
  ShiFit *S = ctx;
  PetscReal nc, qr, r;
  if (ShiRun(S, S->k, PetscExpReal(lnphi), &nc, &qr)) return 1e6;
  r = (qr - S->T->v[S->i_rec][2]) / S->T->v[S->i_rec][3];
  return PetscIsNanReal(r) ? 1e6 : r * r;
}

/* Minimise f over ln p in [ln lo, ln hi]: a profile of np points, then Brent between the best
 * interior point's neighbours (the best end when no interior point is lower). *x: ln p. */
static PetscErrorCode ShiMinimise(double (*f)(double, void *), ShiFit *S, double lo, double hi,
                                  PetscInt np, double *x) {
  double a = log(lo), b = log(hi), fv[16], xv[16];
  PetscInt best = 0;
  PetscFunctionBeginUser;
  PetscCheck(np >= 3 && np <= 16 && lo > 0 && hi > lo, PETSC_COMM_SELF, PETSC_ERR_USER,
             "the profile: expected 3 to 16 points over 0 < lo < hi");
  for (PetscInt i = 0; i < np; i++) {
    xv[i] = a + (b - a) * i / (np - 1.0);
    fv[i] = f(xv[i], S);
    if (fv[i] < fv[best]) best = i;
  }
  *x = xv[best];
  if (best > 0 && best < np - 1 && fv[best] > 1e-12) {
    gsl_function F         = {f, S};
    gsl_min_fminimizer *mz = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    int it                 = 0, st;
    if (!gsl_min_fminimizer_set_with_values(mz, &F, xv[best], fv[best], xv[best - 1], fv[best - 1],
                                            xv[best + 1], fv[best + 1])) {
      do {
        st = gsl_min_fminimizer_iterate(mz);
        if (st) break;
        st = gsl_min_test_interval(gsl_min_fminimizer_x_lower(mz), gsl_min_fminimizer_x_upper(mz),
                                   0.005, 0.0);
      } while (st == GSL_CONTINUE && ++it < 20 && gsl_min_fminimizer_f_minimum(mz) > 1e-6);
      *x = gsl_min_fminimizer_x_minimum(mz);
    }
    gsl_min_fminimizer_free(mz);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode FitShi(const char *cpath, const char *dpath, const char *opts,
                             const PetscReal krange[2], const PetscReal prange[2], PetscInt np,
                             const char *out) {
  ShiFit S;
  double lnk, lnphi;
  PetscReal nc, qr, nc_k[2], qr_p[2], q_fit[SHI_MAXCYC];
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&S, sizeof S));
  S.cpath = cpath, S.dpath = dpath, S.opts = opts, S.i_below = S.i_rec = -1;
  PetscCall(PetscNew(&S.T));
  PetscCall(AssbCsvRead(dpath, 4, "quantity,cycle,capacity_mAh_per_g,tolerance", S.T));
  for (PetscInt i = 0; i < S.T->n; i++) {
    const double *v = S.T->v[i];
    PetscCheck(v[1] >= 1 && v[1] < SHI_MAXCYC && v[2] >= 0 && v[3] > 0 &&
                   (!strcmp(S.T->word[i], "discharge") || !strcmp(S.T->word[i], "below") ||
                    !strcmp(S.T->word[i], "recovered")),
               PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED,
               "%s: row \"%.60s\": expected discharge, below or recovered, a cycle in [1, %d), a "
               "capacity >= 0 and a tolerance > 0",
               dpath, S.T->line[i], SHI_MAXCYC);
    if (!strcmp(S.T->word[i], "below")) S.i_below = i;
    if (!strcmp(S.T->word[i], "recovered")) S.i_rec = i;
  }
  PetscCheck(S.i_below >= 0 && S.i_rec >= 0 && S.T->v[S.i_below][1] < S.T->v[S.i_rec][1],
             PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED,
             "%s: expected a below row and a later recovered row", dpath);
  S.ncyc = (PetscInt)S.T->v[S.i_rec][1];
  printf("Shi 2020 contact law of %s against %s (%" PetscInt_FMT
         " cycles a run, overrides \"%s\")\n",
         cpath, dpath, S.ncyc, opts);
  /* 1. k_irr to the collapse (phi_rec does not act before the re-press) */
  S.phi = 0.5 * (prange[0] + prange[1]);
  PetscCall(ShiMinimise(ShiCollapseObjective, &S, krange[0], krange[1], np, &lnk));
  S.k = exp(lnk);
  /* 2. phi_rec to the recovery at that k_irr */
  PetscCall(ShiMinimise(ShiRecoveryObjective, &S, prange[0], prange[1], np, &lnphi));
  S.phi = exp(lnphi);
  /* the fit and its sensitivity (each parameter x 1.1) */
  PetscCall(ShiRun(&S, S.k, S.phi, &nc, &qr));
  PetscCall(PetscArraycpy(q_fit, S.q, S.ncyc));
  PetscCall(ShiRun(&S, 1.1 * S.k, S.phi, &nc_k[0], &nc_k[1]));
  PetscCall(ShiRun(&S, S.k, 1.1 * S.phi, &qr_p[0], &qr_p[1]));
  printf("fit: k_irr = %.4g, phi_rec = %.4g: collapse at cycle %.2f (data %g +- %g), after the "
         "re-press %.1f mAh/g (data %g +- %g)\n",
         (double)S.k, (double)S.phi, (double)nc, S.T->v[S.i_below][1], S.T->v[S.i_below][3],
         (double)qr, S.T->v[S.i_rec][2], S.T->v[S.i_rec][3]);
  printf("sensitivity: d(collapse cycle)/d ln k_irr = %.3g, d(recovered)/d ln phi_rec = %.3g "
         "mAh/g\n",
         (double)((nc_k[0] - nc) / log(1.1)), (double)((qr_p[1] - qr) / log(1.1)));
  for (PetscInt i = 0; i < S.T->n; i++)
    if (!strcmp(S.T->word[i], "discharge"))
      printf("  cycle %g: model %.1f, data %g mAh/g (not fitted)\n", S.T->v[i][1],
             (double)q_fit[(PetscInt)S.T->v[i][1] - 1], S.T->v[i][2]);
  if (out && out[0]) {
    FILE *fp = fopen(out, "w");
    PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s: cannot write the law file", out);
    fprintf(
        fp,
        "# Contact loss at about 2 MPa and its recovery by the 300 MPa re-press (models/"
        "contact.h,\n# docs/assb.md s8) for %s, fitted by scripts/calibrate-assb shi\n"
        "# (tests/assb/calibrate_pressure.c -shi); do not edit: rerun it.\n"
        "# Method: k_irr to the cycle at which the discharge capacity first falls below the "
        "threshold\n# (interpolated between cycles), then phi_rec to the capacity after the "
        "re-press at that k_irr,\n# each by GSL's Brent minimiser on its log from a %" PetscInt_FMT
        "-point profile; phi_rec does not act before\n# the re-press, so the two are fitted in "
        "turn. Every run is the case's whole protocol with the\n# overrides below (the fit's "
        "surrogate; the full case at these values: docs/assb.md s8).\n",
        Rel(cpath), np);
    fprintf(fp, "name: contact_pressure_recovery\ncase: %s\ndata: %s\nsurrogate: \"%s\"\n",
            Rel(cpath), Rel(dpath), opts);
    fprintf(fp, "irreversibility: %.4g        # k_irr\nrecoverable_fraction: %.4g  # phi_rec\n",
            (double)S.k, (double)S.phi);
    fprintf(fp, "recovery_pressure: \"1.9 GPa\"  # fixed: hardness of Li2S-P2S5 glass (McGrogan "
                "et al. 2017, P(r)); not identifiable apart from phi_rec\n");
    fprintf(fp, "fit:\n  collapse_cycle: {model: %.2f, data: %g, tolerance: %g}\n", (double)nc,
            S.T->v[S.i_below][1], S.T->v[S.i_below][3]);
    fprintf(fp, "  recovered_capacity: {model: %.1f, data: %g, tolerance: %g}  # mAh/g\n",
            (double)qr, S.T->v[S.i_rec][2], S.T->v[S.i_rec][3]);
    for (PetscInt i = 0; i < S.T->n; i++)
      if (!strcmp(S.T->word[i], "discharge"))
        fprintf(fp, "  cycle_%g: {model: %.1f, data: %g}  # mAh/g, not fitted\n", S.T->v[i][1],
                (double)q_fit[(PetscInt)S.T->v[i][1] - 1], S.T->v[i][2]);
    fprintf(fp,
            "sensitivity:  # each parameter x 1.1\n  collapse_cycle_per_ln_k_irr: %.3g\n"
            "  recovered_capacity_per_ln_phi_rec: %.3g  # mAh/g\n",
            (double)((nc_k[0] - nc) / log(1.1)), (double)((qr_p[1] - qr) / log(1.1)));
    fprintf(fp, "discharge_capacity:  # mAh/g per cycle at the fit\n  [");
    for (PetscInt i = 0; i < S.ncyc; i++)
      fprintf(fp, "%s%.1f", i ? ", " : "", (double)q_fit[i]);
    fprintf(fp, "]\nprofile:  # every run: [k_irr, phi_rec, collapse cycle, recovered mAh/g]\n");
    for (PetscInt i = 0; i < PetscMin(S.nevals, SHI_MAXEV); i++)
      fprintf(fp, "  - [%.5g, %.5g, %.2f, %.1f]\n", S.ev[i][0], S.ev[i][1], S.ev[i][2], S.ev[i][3]);
    fclose(fp);
    printf("wrote %s\n", out);
  }
  PetscCall(PetscFree(S.T));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char size[PETSC_MAX_PATH_LEN] = "", out[PETSC_MAX_PATH_LEN] = "";
  char shi[PETSC_MAX_PATH_LEN] = "", shi_data[PETSC_MAX_PATH_LEN] = "", shi_opts[512] = "";
  PetscReal m = 3, krange[2] = {0.3, 0.8}, prange[2] = {0.005, 0.1};
  PetscInt np = 4, nk = 2, nph = 2;
  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscOptionsBegin(PETSC_COMM_WORLD, NULL, "calibrate_pressure: the size and pressure laws", NULL);
  PetscCall(PetscOptionsString("-size", "CSV of d50_um, inactive fraction: fit the size law", NULL,
                               size, size, sizeof size, NULL));
  PetscCall(PetscOptionsReal("-size_exponent", "the size law's Weibull exponent m (fixed)", NULL, m,
                             &m, NULL));
  PetscCall(PetscOptionsString("-shi", "fit k_irr and phi_rec of this case to Shi 2020", NULL, shi,
                               shi, sizeof shi, NULL));
  PetscCall(PetscOptionsString("-shi_data", "Shi 2020's capacities (CSV)", NULL, shi_data, shi_data,
                               sizeof shi_data, NULL));
  PetscCall(PetscOptionsString("-shi_options", "overrides of the case for the fit's runs", NULL,
                               shi_opts, shi_opts, sizeof shi_opts, NULL));
  PetscCall(
      PetscOptionsRealArray("-shi_kirr_range", "k_irr's profile: lo,hi", NULL, krange, &nk, NULL));
  PetscCall(PetscOptionsRealArray("-shi_phi_range", "phi_rec's profile: lo,hi", NULL, prange, &nph,
                                  NULL));
  PetscCall(PetscOptionsInt("-shi_profile_points", "points of each profile (3 to 16)", NULL, np,
                            &np, NULL));
  PetscCall(PetscOptionsString("-o", "write the law file here", NULL, out, out, sizeof out, NULL));
  PetscOptionsEnd();
  gsl_set_error_handler_off();
  if (size[0]) PetscCall(FitSize(size, m, out));
  if (shi[0]) {
    PetscCheck(shi_data[0], PETSC_COMM_WORLD, PETSC_ERR_USER, "-shi needs -shi_data CSV");
    PetscCall(FitShi(shi, shi_data, shi_opts, krange, prange, np, out));
  }
  if (!size[0] && !shi[0])
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "expected -size CSV or -shi CASE\n"));
  PetscCall(PetscFinalize());
  return 0;
}
