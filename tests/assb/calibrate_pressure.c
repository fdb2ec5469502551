/* calibrate_pressure.c -- fits the contact law's pressure and size parameters to published cells
 * (docs/assb.md §7-§8; run by `scripts/calibrate-assb pressure`).
 *
 * -size CSV (d50_um, inactive_fraction): the size-isolation law x(R) = x_max (1 - exp(-(R/R_c)^m))
 *   of models/contact.h with m fixed (-size_exponent, 3) fitted to Strauss et al. 2018's inactive
 *   CAM against particle size (R = d50/2): least squares on x, GSL's Brent minimiser on ln R_c with
 *   x_max solved in closed form at each R_c (the problem is linear in x_max); the profile over R_c
 *   is reported and written.
 * -shi CASE with -shi_data CSV (cycle, discharge capacity relative to cycle 1): the irreversibility
 *   k_irr and the recoverable share phi_rec of the case's positive electrode fitted to Shi et al.
 *   2020 (collapse at 2 MPa, recovery after the 300 MPa re-press of the case's protocol), each by
 *   GSL's Brent minimiser on sum ln(Q_n/Q_1 model / data)^2: k_irr on the rows before the re-press
 *   (phi_rec does not act there), then phi_rec on the rows after it. The model evaluated is the
 *   case's own contact law (the problem's FvContactLaw: dV/V, the accommodation at the pressure in
 *   force, isolation, families) driven through the published cycling at a rate slow enough that
 *   every connected particle swings over the stoichiometry window: per family, a charge lowers
 *   theta from its state to the window's lower end, integrating df_p = -k_irr f_p dg/e_c exactly
 *   (f_p exp(-k_irr (g - g_0)/e_c)) on a grid of theta, and stops where the family's contact
 *   fraction falls to the isolation switch's lower end (it is then stuck there: isolated); a
 *   discharge returns every connected family to the window's upper end; the discharge capacity is
 *   the sum of the families' shares times the theta they travelled. A re-press moves R f_r to f_p
 *   (FvContactRepress). This replaces a 51-cycle P2D run per evaluation (minutes each); the fitted
 *   values are then checked by the full model (`fvcell run cases/assb/shi2020.yaml`, docs/assb.md
 *   §7, where both are compared).
 * -o LAW.yaml: the law file with the values, the data, the method and the profile.
 */
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include "case.h"
#include "module.h"
#include "protocol.h"
#include "run.h"

#define MAXROWS 32
#define MAXFAM 16
#define NGRID 400

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
            "docs/assb.md s8)\n# fitted by scripts/calibrate-assb pressure "
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

/* ---- Shi 2020: collapse and recovery -------------------------------------------------------- */
typedef struct {
  FvContactLaw law; /* the case's positive law (the problem's copy) */
  PetscInt nfam;
  PetscReal w[MAXFAM], f0[MAXFAM];
  PetscReal th_lo, th_hi, th0, T, R;
  PetscReal p_cyc, p_press;
  PetscInt press_cycle, ncyc; /* the re-press before this cycle (1-based); cycles run */
  Rows data;
  PetscBool after; /* fitting the rows after the re-press (phi_rec), else before (k_irr) */
  PetscReal kirr, phirec;
  double model[MAXROWS];
} ShiFit;

/* The family's contact fraction f (before the isolation switch) at theta with permanent fp. */
static PetscReal Contact(ShiFit *S, PetscReal f0, PetscReal fp, PetscReal theta, PetscReal *g) {
  PetscReal dg;
  (void)FvContactGap(&S->law, S->T, S->R, theta, g, &dg);
  return f0 * fp * PetscExpReal(-*g / S->law.e_c);
}

/* Run the surrogate; Q[n] the discharge capacity of cycle n + 1 relative to cycle 1. */
static void ShiRun(ShiFit *S, PetscReal kirr, PetscReal phi, double *Q) {
  PetscReal fp[MAXFAM], fr[MAXFAM], th[MAXFAM], q1 = 0;
  const PetscReal flow = S->law.f_iso - S->law.iso_width; /* S = 0 at and below */
  for (PetscInt i = 0; i < S->nfam; i++)
    fp[i] = 1, fr[i] = 0, th[i] = S->th0;
  FvContactSetPressure(&S->law, S->p_cyc);
  for (PetscInt n = 1; n <= S->ncyc; n++) {
    PetscReal q = 0;
    if (n == S->press_cycle) {
      FvContactLaw l = S->law;
      l.phi_rec      = phi;
      for (PetscInt i = 0; i < S->nfam; i++)
        FvContactRepress(&l, S->p_cyc, S->p_press, &fp[i], &fr[i]);
    }
    for (PetscInt i = 0; i < S->nfam; i++) { /* charge: theta down to th_lo, stuck when isolated */
      PetscReal g0, g;
      if (!(Contact(S, S->f0[i], fp[i], th[i], &g0) > flow)) continue;
      for (int k = 1; k <= NGRID; k++) {
        const PetscReal t  = th[i] + (S->th_lo - th[i]) * k / NGRID;
        const PetscReal fo = fp[i];
        PetscReal fn, gn;
        (void)Contact(S, 1, 1, t, &gn);
        g  = gn;
        fn = fo * PetscExpReal(-kirr * PetscMax(g - g0, 0.0) / S->law.e_c);
        fr[i] += phi * (fo - fn);
        fp[i] = fn;
        g0    = PetscMax(g0, g);
        if (!(Contact(S, S->f0[i], fp[i], t, &g) > flow) || k == NGRID) {
          th[i] = t;
          break;
        }
      }
    }
    for (PetscInt i = 0; i < S->nfam; i++) { /* discharge: every connected family to th_hi */
      PetscReal g;
      if (!(Contact(S, S->f0[i], fp[i], th[i], &g) > flow)) continue;
      q += S->w[i] * (S->th_hi - th[i]);
      th[i] = S->th_hi;
    }
    if (n == 1) q1 = q;
    Q[n - 1] = q1 > 0 ? q / q1 : NAN;
  }
}

static double ShiObjective(double lnp, void *ctx) {
  ShiFit *S = ctx;
  double Q[512], ss = 0;
  const PetscReal k = S->after ? S->kirr : exp(lnp), phi = S->after ? exp(lnp) : 0;
  ShiRun(S, k, phi, Q);
  for (PetscInt i = 0; i < S->data.n; i++) {
    const PetscInt c = (PetscInt)S->data.x[i];
    if ((c >= S->press_cycle) != S->after) continue;
    S->model[i] = Q[c - 1];
    {
      const double r = log(PetscMax(Q[c - 1], 1e-3) / S->data.y[i]);
      ss += r * r;
    }
  }
  if (S->data.nevals < 64) S->data.evx[S->data.nevals] = exp(lnp), S->data.evy[S->data.nevals] = ss;
  S->data.nevals++;
  return ss;
}

static PetscErrorCode Brent(ShiFit *S, double a, double b, double *xbest, double *fbest) {
  gsl_function F = {ShiObjective, S};
  double x = a, fx = 1e300, fa = ShiObjective(a, S), fb = ShiObjective(b, S);
  PetscFunctionBeginUser;
  for (int i = 1; i < 16; i++) {
    const double t = a + (b - a) * i / 16.0, f = ShiObjective(t, S);
    if (f < fx) fx = f, x = t;
  }
  if (fx < fa && fx < fb) {
    gsl_min_fminimizer *mz = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    int it                 = 0, st;
    PetscCheck(mz, PETSC_COMM_SELF, PETSC_ERR_MEM, "gsl_min_fminimizer_alloc failed");
    (void)gsl_min_fminimizer_set_with_values(mz, &F, x, fx, a, fa, b, fb);
    do {
      st = gsl_min_fminimizer_iterate(mz);
      if (st) break;
      st = gsl_min_test_interval(gsl_min_fminimizer_x_lower(mz), gsl_min_fminimizer_x_upper(mz),
                                 1e-4, 0.0);
    } while (st == GSL_CONTINUE && ++it < 100);
    x = gsl_min_fminimizer_x_minimum(mz);
    gsl_min_fminimizer_free(mz);
  } else
    printf("  the minimum is at an end of [%g, %g]\n", exp(a), exp(b));
  *xbest = x;
  *fbest = ShiObjective(x, S);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode FitShi(const char *cpath, const char *dpath, const char *out) {
  FvCase c;
  FvProblem p;
  ShiFit *S;
  FvUnits u;
  double xk, fk, xp, fph, Q[512];
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&S));
  PetscCall(ReadRows(dpath, &S->data));
  PetscCall(FvCaseLoadWith(PETSC_COMM_SELF, cpath, NULL, &c, NULL, NULL, 0));
  PetscCheck(c.region[FV_POS].contact.enabled && c.nprotocol > 0, PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: expected a positive electrode with a contact: section and a protocol", cpath);
  PetscCall(FvProblemCreate(PETSC_COMM_SELF, &c, &p));
  {
    const FvRegionModel *r = &p.model.reg[FV_POS];
    PetscCheck(r->nfam <= MAXFAM, PETSC_COMM_SELF, PETSC_ERR_SUP, "more than %d families", MAXFAM);
    S->law  = r->contact;
    S->nfam = r->nfam;
    for (PetscInt i = 0; i < r->nfam; i++)
      S->w[i] = r->fam[i].eps_am / r->eps_am, S->f0[i] = r->fam[i].f0;
    S->T     = p.model.T;
    S->R     = p.model.R;
    S->th0   = r->sto0;
    S->th_lo = c.region[FV_POS].sto_window[0];
    S->th_hi = c.region[FV_POS].sto_window[1];
  }
  S->p_cyc = c.stack_pressure;
  S->ncyc  = c.cycles;
  PetscCall(FvUnitsCreate(&u));
  for (PetscInt i = 0; i < c.nprotocol; i++) { /* the re-press: the protocol's rise in pressure */
    FvProtocolStep st;
    PetscBool ok;
    char why[512];
    PetscCall(FvProtocolParseStepCell(u, c.protocol[i], c.one_c, c.rates[0], c.electrode_area, &st,
                                      &ok, why, sizeof why));
    PetscCheck(ok, PETSC_COMM_SELF, PETSC_ERR_USER, "%s: %s", cpath, why);
    if (st.kind == FV_STEP_PRESSURE && st.value > S->p_cyc && !S->press_cycle)
      S->press_cycle = st.cycle, S->p_press = st.value;
  }
  PetscCall(FvUnitsDestroy(&u));
  PetscCheck(S->press_cycle > 1 && S->ncyc >= S->press_cycle && S->ncyc <= 512, PETSC_COMM_SELF,
             PETSC_ERR_USER,
             "%s: expected a protocol with \"Set pressure to P in cycle n\" above the stack "
             "pressure and at least n cycles",
             cpath);
  printf("contact law of %s against %s: %" PetscInt_FMT " families, %g MPa, re-press at %g MPa "
         "before cycle %" PetscInt_FMT " (R = %.4f of the pool, p_rec %g MPa)\n",
         cpath, dpath, S->nfam, (double)(S->p_cyc / 1e6), (double)(S->p_press / 1e6),
         S->press_cycle,
         (double)FvContactRecoveredShare(
             &(FvContactLaw){.kind = FV_CONTACT_GAP, .phi_rec = 1, .p_rec = S->law.p_rec}, S->p_cyc,
             S->p_press),
         (double)(S->law.p_rec / 1e6));
  S->after = PETSC_FALSE;
  PetscCall(Brent(S, log(0.01), log(10.0), &xk, &fk));
  S->kirr        = exp(xk);
  S->data.nevals = PetscMin(S->data.nevals, 64);
  {
    const PetscInt nk = S->data.nevals;
    S->after          = PETSC_TRUE;
    PetscCall(Brent(S, log(1e-3), log(1.0), &xp, &fph));
    S->phirec = exp(xp);
    ShiRun(S, S->kirr, S->phirec, Q);
    printf("fitted k_irr = %.4g (objective %.3g), phi_rec = %.4g (objective %.3g)\n",
           (double)S->kirr, fk, (double)S->phirec, fph);
    for (PetscInt i = 0; i < S->data.n; i++)
      printf("  cycle %3d: surrogate %.3f, data %.3f\n", (int)S->data.x[i],
             Q[(PetscInt)S->data.x[i] - 1], S->data.y[i]);
    printf("  surrogate per cycle:");
    for (PetscInt n = 0; n < S->ncyc; n++)
      printf(" %.3f", Q[n]);
    printf("\n");
    if (out && out[0]) {
      FILE *fp = fopen(out, "w");
      PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s: cannot write the law file", out);
      fprintf(fp,
              "# Contact loss at low pressure and its recovery by a re-press (models/contact.h, "
              "docs/assb.md s7)\n# fitted by scripts/calibrate-assb pressure "
              "(tests/assb/calibrate_pressure.c -shi); do not edit: rerun it.\n# Method: GSL "
              "Brent on ln k_irr of sum ln(Q_n/Q_1 / data)^2 over the rows before the "
              "re-press,\n# then on ln phi_rec over the rows after it; Q_n from the contact law's "
              "cycle surrogate (see the tool);\n# recovery_pressure fixed (the case's). The "
              "profiles are every evaluation.\n");
      fprintf(fp, "name: contact_pressure_recovery\ncase: %s\ndata: %s\n", Rel(cpath), Rel(dpath));
      fprintf(fp, "irreversibility: %.4g  # k_irr\nrecoverable_fraction: %.4g  # phi_rec\n",
              (double)S->kirr, (double)S->phirec);
      fprintf(fp,
              "recovery_pressure: \"%g MPa\"  # fixed\nobjective_kirr: %.3g\nobjective_phi: %.3g\n",
              (double)(S->law.p_rec / 1e6), fk, fph);
      fprintf(fp, "fit:\n");
      for (PetscInt i = 0; i < S->data.n; i++)
        fprintf(fp, "  - {cycle: %d, surrogate: %.3f, data: %.3f}\n", (int)S->data.x[i],
                Q[(PetscInt)S->data.x[i] - 1], S->data.y[i]);
      fprintf(fp, "profile_kirr:  # k_irr: objective\n");
      for (PetscInt i = 0; i < nk; i++)
        fprintf(fp, "  - [%.5g, %.4g]\n", S->data.evx[i], S->data.evy[i]);
      fprintf(fp, "profile_phi:  # phi_rec: objective\n");
      for (PetscInt i = nk; i < PetscMin(S->data.nevals, 64); i++)
        fprintf(fp, "  - [%.5g, %.4g]\n", S->data.evx[i], S->data.evy[i]);
      fclose(fp);
      printf("wrote %s\n", out);
    }
  }
  PetscCall(FvProblemDestroy(&p));
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscFree(S));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char size[PETSC_MAX_PATH_LEN] = "", shi[PETSC_MAX_PATH_LEN] = "", sdata[PETSC_MAX_PATH_LEN] = "";
  char out[PETSC_MAX_PATH_LEN] = "";
  PetscReal m                  = 3;
  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscOptionsBegin(PETSC_COMM_WORLD, NULL, "calibrate_pressure: contact pressure and size laws",
                    NULL);
  PetscCall(PetscOptionsString("-size", "CSV of d50_um, inactive fraction: fit the size law", NULL,
                               size, size, sizeof size, NULL));
  PetscCall(PetscOptionsReal("-size_exponent", "the size law's Weibull exponent m (fixed)", NULL, m,
                             &m, NULL));
  PetscCall(PetscOptionsString("-shi", "case with a re-press protocol: fit k_irr and phi_rec", NULL,
                               shi, shi, sizeof shi, NULL));
  PetscCall(PetscOptionsString("-shi_data", "CSV of cycle, relative discharge capacity", NULL,
                               sdata, sdata, sizeof sdata, NULL));
  PetscCall(PetscOptionsString("-o", "write the law file here", NULL, out, out, sizeof out, NULL));
  PetscOptionsEnd();
  gsl_set_error_handler_off();
  if (size[0]) PetscCall(FitSize(size, m, out));
  if (shi[0]) PetscCall(FitShi(shi, sdata, out));
  if (!size[0] && !shi[0]) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "expected -size or -shi\n"));
  PetscCall(PetscFinalize());
  return 0;
}
