/* calibrate_assb.c -- fits the percolation laws of a composite cathode's ionic (solid-electrolyte)
 * and electronic (active-material) networks to measured effective conductivities against
 * composition, and checks a case that uses them (docs/assb.md §1; run by scripts/calibrate-assb).
 *
 * Data: a CSV of phi_ncm, phi_se, sigma_ion_eff, tau2_ion, sigma_el_eff (S/cm) with the bulk ionic
 * conductivity in a "# bulk_ionic_conductivity_S_per_cm:" comment (cases/assb/data/
 * minnmann2021_table_s2.csv: Minnmann et al., J. Electrochem. Soc. 168, 040537 (2021), Table S2).
 * Law (models/percolation.h, the function the model runs): sigma ((phi - phi_c)/(1 - phi_c))^mu.
 *   ionic:      sigma = sigma_0 fixed (measured bulk); fitted phi_c, mu of phi_SE
 *   electronic: fitted ln sigma, phi_c, mu of phi_NCM (no carbon: the active material conducts)
 * Fit: nonlinear least squares on ln sigma_eff (equivalently on ln tau2 for the ionic network), GSL
 * multifit_nlinear (Levenberg-Marquardt with a trust region) from a grid of starts; standard
 * errors from the Jacobian at the optimum, s^2 (J^T J)^-1 with s^2 = SSR/(n - p), and the
 * parameters' correlation.
 * Options: -data CSV, -o LAW.yaml (write the law file with its provenance), -factor F with -check
 * (fail unless every composition is within a factor F of the table), -case CASE.yaml (load the
 * case once per table composition, overriding positive.composition.active, and fail unless the
 * model's sigma_eff of both networks agrees with the fit to 1e-3 and with the table within F).
 * -contact CASE.yaml with -contact_data CSV (cycle, relative capacity): the contact law's
 * irreversibility k_irr of the case's positive electrode fitted (GSL's Brent minimiser on ln k_irr)
 * so that the discharge capacity relative to cycle 1, run with the case's own protocol, matches the
 * data in the least-squares sense of ln(Q_n/Q_1); reports the fit, the misfit at each point and the
 * profile of the objective (docs/assb.md s4).
 */
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>
#include "case.h"
#include "p2d.h"
#include "percolation.h"
#include "protocol.h"
#include "run.h"
#include "units.h"
#include "assb_csv.h"
#include "assb_run.h"

#define MAXROWS 32

typedef struct {
  PetscInt n;
  PetscReal phi_ncm[MAXROWS], phi_se[MAXROWS], sig_ion[MAXROWS], tau2[MAXROWS], sig_el[MAXROWS];
  PetscReal sigma0; /* bulk ionic conductivity [S m-1] */
} Table;

/* One network's fit: ln sigma_eff(phi) = ln sigma + mu ln((phi - phi_c)/(1 - phi_c)). Parameters
 * (phi_c, mu) with ln sigma fixed, or (ln sigma, phi_c, mu). */
typedef struct {
  PetscInt n, p;
  const PetscReal *phi;
  PetscReal y[MAXROWS]; /* ln of the measured sigma_eff [S m-1] */
  PetscReal lnsig_fixed;
  /* result */
  PetscReal lnsig, phi_c, mu, se[3], corr, ssr;
  PetscInt dof;
} Fit;

static void Unpack(const Fit *F, const gsl_vector *x, PetscReal *lnsig, PetscReal *phic,
                   PetscReal *mu) {
  const PetscInt o = F->p == 3;
  *lnsig           = o ? gsl_vector_get(x, 0) : F->lnsig_fixed;
  *phic            = gsl_vector_get(x, o);
  *mu              = gsl_vector_get(x, o + 1);
}

/* Residuals ln sigma_model - ln sigma_data; below the threshold the model does not conduct: a
 * residual of 1e-12 sigma (the step is then rejected by the trust region). */
static int Residual(const gsl_vector *x, void *ctx, gsl_vector *f) {
  const Fit *F = (const Fit *)ctx;
  PetscReal lnsig, phic, mu, lr;
  Unpack(F, x, &lnsig, &phic, &mu);
  for (PetscInt i = 0; i < F->n; i++) {
    if (FvPercolationLogRatio(F->phi[i], phic, mu, &lr, NULL, NULL)) lr = PetscLogReal(1e-12);
    gsl_vector_set(f, (size_t)i, lnsig + lr - F->y[i]);
  }
  return GSL_SUCCESS;
}

static int Jacobian(const gsl_vector *x, void *ctx, gsl_matrix *J) {
  const Fit *F     = (const Fit *)ctx;
  const PetscInt o = F->p == 3;
  PetscReal lnsig, phic, mu, dc = 0, dm = 0;
  Unpack(F, x, &lnsig, &phic, &mu);
  for (PetscInt i = 0; i < F->n; i++) {
    if (FvPercolationLogRatio(F->phi[i], phic, mu, NULL, &dc, &dm)) dc = dm = 0;
    if (o) gsl_matrix_set(J, (size_t)i, 0, 1.0);
    gsl_matrix_set(J, (size_t)i, (size_t)o, dc);
    gsl_matrix_set(J, (size_t)i, (size_t)o + 1, dm);
  }
  return GSL_SUCCESS;
}

/* Least squares from one start, or (covar given) the covariance (J^T J)^-1 at x0 without
 * iterating; *ssr = +inf when the solver fails. */
static PetscErrorCode Solve(Fit *F, const PetscReal x0[3], PetscReal xout[3], PetscReal *ssr,
                            gsl_matrix *covar) {
  gsl_multifit_nlinear_fdf fdf;
  gsl_multifit_nlinear_parameters prm = gsl_multifit_nlinear_default_parameters();
  gsl_multifit_nlinear_workspace *w;
  gsl_vector_view xv = gsl_vector_view_array((double *)x0, (size_t)F->p);
  int info, st;
  double chi;
  PetscFunctionBeginUser;
  fdf.f      = Residual;
  fdf.df     = Jacobian;
  fdf.fvv    = NULL;
  fdf.n      = (size_t)F->n;
  fdf.p      = (size_t)F->p;
  fdf.params = F;
  w          = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &prm, fdf.n, fdf.p);
  PetscCheck(w, PETSC_COMM_SELF, PETSC_ERR_MEM, "gsl_multifit_nlinear_alloc failed");
  st   = gsl_multifit_nlinear_init(&xv.vector, &fdf, w);
  *ssr = PETSC_INFINITY;
  if (!st && !covar)
    st = gsl_multifit_nlinear_driver(200, 1e-12, 1e-12, 1e-12, NULL, NULL, &info, w);
  /* with covar: no iterations, the statistics at x0 (the optimum of the starts) */
  if (!st) {
    const gsl_vector *x = gsl_multifit_nlinear_position(w);
    (void)gsl_blas_ddot(gsl_multifit_nlinear_residual(w), gsl_multifit_nlinear_residual(w), &chi);
    *ssr = chi;
    for (PetscInt k = 0; k < F->p; k++)
      xout[k] = gsl_vector_get(x, (size_t)k);
    if (covar) (void)gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, covar);
  }
  gsl_multifit_nlinear_free(w);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Best of a grid of starts over phi_c in [0, min phi) and mu in [1, 4]; then its statistics. */
static PetscErrorCode FitNetwork(Fit *F) {
  PetscReal phimin = PETSC_MAX_REAL, best = PETSC_INFINITY, xb[3] = {0}, x[3], ssr;
  gsl_matrix *covar = gsl_matrix_alloc((size_t)F->p, (size_t)F->p);
  gsl_vector_view xv;
  const PetscInt o = F->p == 3;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < F->n; i++)
    phimin = PetscMin(phimin, F->phi[i]);
  for (PetscInt a = 0; a < 10; a++)
    for (PetscInt b = 0; b < 7; b++) {
      PetscReal x0[3];
      const PetscReal phic = 0.95 * phimin * a / 10.0, mu = 1 + 0.5 * b;
      PetscReal lnmax = -PETSC_MAX_REAL; /* ln sigma start: the largest measured value */
      for (PetscInt i = 0; i < F->n; i++)
        lnmax = PetscMax(lnmax, F->y[i]);
      if (o) x0[0] = lnmax;
      x0[o] = phic, x0[o + 1] = mu;
      PetscCall(Solve(F, x0, x, &ssr, NULL));
      if (ssr < best) {
        best = ssr;
        for (PetscInt k = 0; k < F->p; k++)
          xb[k] = x[k];
      }
    }
  PetscCheck(best < PETSC_INFINITY, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED,
             "calibrate_assb: no start of the least-squares fit converged");
  PetscCall(Solve(F, xb, x, &ssr, covar)); /* covariance at the optimum */
  xv = gsl_vector_view_array(x, (size_t)F->p);
  Unpack(F, &xv.vector, &F->lnsig, &F->phi_c, &F->mu);
  F->ssr = ssr;
  F->dof = F->n - F->p;
  {
    const PetscReal s2 = F->dof > 0 ? ssr / F->dof : 0;
    for (PetscInt k = 0; k < 3; k++)
      F->se[k] = 0;
    for (PetscInt k = 0; k < F->p; k++)
      F->se[k + (o ? 0 : 1)] = PetscSqrtReal(s2 * gsl_matrix_get(covar, (size_t)k, (size_t)k));
    F->corr = gsl_matrix_get(covar, (size_t)o, (size_t)o + 1) /
              PetscSqrtReal(gsl_matrix_get(covar, (size_t)o, (size_t)o) *
                            gsl_matrix_get(covar, (size_t)o + 1, (size_t)o + 1));
  }
  gsl_matrix_free(covar);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscReal Model(const Fit *F, PetscReal phi) {
  return FvPercolationConductivity(PetscExpReal(F->lnsig), phi, F->phi_c, F->mu);
}

static PetscErrorCode ReadTable(const char *path, Table *T) {
  AssbCsv *t;
  double s0;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(T, sizeof *T));
  PetscCall(PetscNew(&t));
  PetscCall(AssbCsvRead(path, 5, "phi_ncm,phi_se,sigma_ion,tau2,sigma_el", t));
  PetscCall(AssbCsvComment(path, "bulk_ionic_conductivity_S_per_cm", &s0));
  T->sigma0 = 100 * s0;
  PetscCheck(t->n <= MAXROWS, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: more than %d rows",
             path, MAXROWS);
  for (PetscInt i = 0; i < t->n; i++) {
    const double *v = t->v[i];
    PetscCheck(!PetscIsNanReal(v[0] + v[1] + v[2] + v[3] + v[4]), PETSC_COMM_SELF,
               PETSC_ERR_FILE_UNEXPECTED,
               "%s: row \"%.60s\": expected five numbers phi_ncm,phi_se,sigma_ion,tau2,sigma_el",
               path, t->line[i]);
    T->phi_ncm[T->n] = v[0], T->phi_se[T->n] = v[1];
    T->sig_ion[T->n] = 100 * v[2], T->tau2[T->n] = v[3], T->sig_el[T->n] = 100 * v[4]; /* S/m */
    T->n++;
  }
  PetscCall(PetscFree(t));
  PetscCheck(T->sigma0 > 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED,
             "%s: expected a \"# bulk_ionic_conductivity_S_per_cm: VALUE\" line (> 0)", path);
  PetscCheck(T->n >= 4, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED,
             "%s: expected at least 4 compositions for 3 parameters, found %" PetscInt_FMT, path,
             T->n);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The report (stdout) and, with a path, the law file: the same numbers with their provenance. */
static PetscErrorCode Report(FILE *fp, const char *data, const Table *T, const Fit *ion,
                             const Fit *el, PetscReal *worst) {
  const PetscReal t_ion = gsl_cdf_tdist_Pinv(0.975, (double)ion->dof),
                  t_el  = gsl_cdf_tdist_Pinv(0.975, (double)el->dof);
  PetscFunctionBeginUser;
  *worst = 1;
  fprintf(fp,
          "# Percolation laws of an NCM622 (about 3 um) + Li6PS5Cl composite cathode, fitted to\n"
          "# Minnmann et al., J. Electrochem. Soc. 168, 040537 (2021), doi:10.1149/1945-7111/"
          "abf8d7, Table S2.\n"
          "# Written by scripts/calibrate-assb (tests/assb/calibrate_assb.c); do not edit: rerun "
          "it.\n"
          "# Law (models/percolation.h): sigma_eff = sigma ((phi - phi_c)/(1 - phi_c))^mu.\n"
          "# Fit: least squares on ln sigma_eff, GSL multifit_nlinear (trust-region "
          "Levenberg-Marquardt)\n"
          "# from 70 starts; standard errors s^2 (J^T J)^-1 at the optimum, s^2 = SSR/(n - p); "
          "ci95 = estimate +- t(0.975, n - p) x standard error.\n");
  fprintf(fp, "name: minnmann2021_percolation\ndata: %s\ncompositions: %" PetscInt_FMT "\n", data,
          T->n);
  fprintf(fp,
          "ionic:  # solid_electrolyte: {effective_conductivity: percolation, ...} of phi_SE\n"
          "  conductivity: \"%.4g S/m\"  # fixed: the measured bulk Li6PS5Cl value (Table S2)\n"
          "  percolation_threshold: %.5f  # standard error %.2g, ci95 [%.4f, %.4f]\n"
          "  percolation_exponent: %.5f  # standard error %.2g, ci95 [%.4f, %.4f]\n"
          "  correlation_threshold_exponent: %.3f\n"
          "  residual_sum_of_squares_ln: %.4g  # n - p = %" PetscInt_FMT "\n",
          (double)T->sigma0, (double)ion->phi_c, (double)ion->se[1],
          (double)(ion->phi_c - t_ion * ion->se[1]), (double)(ion->phi_c + t_ion * ion->se[1]),
          (double)ion->mu, (double)ion->se[2], (double)(ion->mu - t_ion * ion->se[2]),
          (double)(ion->mu + t_ion * ion->se[2]), (double)ion->corr, (double)ion->ssr, ion->dof);
  fprintf(fp,
          "electronic:  # positive: {conductivity, electronic_percolation_threshold, "
          "electronic_percolation_exponent} of phi_NCM\n"
          "  conductivity: \"%.5g S/m\"  # fitted bulk sigma of the network; standard error of ln "
          "sigma %.2g\n"
          "  electronic_percolation_threshold: %.5f  # standard error %.2g, ci95 [%.4f, %.4f]\n"
          "  electronic_percolation_exponent: %.5f  # standard error %.2g, ci95 [%.4f, %.4f]\n"
          "  correlation_threshold_exponent: %.3f\n"
          "  residual_sum_of_squares_ln: %.4g  # n - p = %" PetscInt_FMT "\n",
          (double)PetscExpReal(el->lnsig), (double)el->se[0], (double)el->phi_c, (double)el->se[1],
          (double)(el->phi_c - t_el * el->se[1]), (double)(el->phi_c + t_el * el->se[1]),
          (double)el->mu, (double)el->se[2], (double)(el->mu - t_el * el->se[2]),
          (double)(el->mu + t_el * el->se[2]), (double)el->corr, (double)el->ssr, el->dof);
  fprintf(fp, "# the fit against the table (S/cm); ratio = model / measured\n"
              "table:\n");
  for (PetscInt i = 0; i < T->n; i++) {
    const PetscReal si = Model(ion, T->phi_se[i]), se = Model(el, T->phi_ncm[i]);
    const PetscReal ri = si / T->sig_ion[i], re = se / T->sig_el[i];
    *worst = PetscMax(*worst, PetscMax(PetscMax(ri, 1 / ri), PetscMax(re, 1 / re)));
    fprintf(fp,
            "  - {phi_ncm: %.2f, phi_se: %.2f, sigma_ion: %.3g, model_ion: %.3g, ratio_ion: %.3f, "
            "tau2: %.3g, model_tau2: %.3g, sigma_el: %.3g, model_el: %.3g, ratio_el: %.3f}\n",
            (double)T->phi_ncm[i], (double)T->phi_se[i], (double)(T->sig_ion[i] / 100),
            (double)(si / 100), (double)ri, (double)T->tau2[i],
            (double)(T->phi_se[i] * T->sigma0 / si), (double)(T->sig_el[i] / 100),
            (double)(se / 100), (double)re);
  }
  fprintf(fp, "worst_factor: %.3f  # max over compositions and networks of max(ratio, 1/ratio)\n",
          (double)*worst);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The case's model at each table composition: sigma_eff of both networks against the fit and the
 * table. Returns the number of failures. */
static PetscErrorCode CheckCase(const char *path, const Table *T, const Fit *ion, const Fit *el,
                                PetscReal factor, PetscInt *nfail) {
  PetscFunctionBeginUser;
  *nfail = 0;
  for (PetscInt i = 0; i < T->n; i++) {
    FvCase c;
    FvModel m;
    FvCaseOverrides ov = {PETSC_FALSE, NULL};
    char val[64], msg[1024];
    FvCaseOutcome out;
    PetscErrorCode ierr;
    PetscReal si, se, fi, fe;
    /* the active share of the solids by volume: phi_NCM / (1 - porosity) in percent */
    PetscCall(PetscOptionsCreate(&ov.extra));
    snprintf(val, sizeof val, "%.10g",
             (double)(100 * T->phi_ncm[i] / (T->phi_ncm[i] + T->phi_se[i])));
    PetscCall(PetscOptionsSetValue(ov.extra, "-positive_composition_active", val));
    ierr = FvCaseLoadWith(PETSC_COMM_SELF, path, &ov, &c, &out, msg, sizeof msg);
    PetscCall(PetscOptionsDestroy(&ov.extra));
    PetscCheck(!ierr, PETSC_COMM_SELF, PETSC_ERR_USER, "%s", msg);
    PetscCall(FvModelCreate(&c, &m));
    si = m.reg[FV_POS].sigma_se_eff, se = m.reg[FV_POS].sigma_eff;
    fi = si / T->sig_ion[i], fe = se / T->sig_el[i];
    {
      const PetscReal di = si / Model(ion, c.region[FV_POS].eps_se) - 1,
                      de = se / Model(el, c.region[FV_POS].eps_am) - 1;
      const PetscBool ok =
          (PetscBool)(PetscAbsReal(di) < 1e-3 && PetscAbsReal(de) < 1e-3 &&
                      PetscMax(fi, 1 / fi) <= factor && PetscMax(fe, 1 / fe) <= factor);
      printf("case %s at phi_am %.4f phi_se %.4f: sigma_ion %.3g S/cm (table x %.3f, fit %+.1e), "
             "sigma_el %.3g S/cm (table x %.3f, fit %+.1e)%s\n",
             path, (double)c.region[FV_POS].eps_am, (double)c.region[FV_POS].eps_se,
             (double)(si / 100), (double)fi, (double)di, (double)(se / 100), (double)fe, (double)de,
             ok ? "" : "  FAIL");
      if (!ok) (*nfail)++;
    }
    PetscCall(FvModelDestroy(&m));
    PetscCall(FvCaseDestroy(&c));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- contact-law irreversibility against relative capacity per cycle ---------------------- */
typedef struct {
  const char *path, *opts; /* the case and overrides of it ("-positive_cells 4 ...") */
  PetscInt n, cycles[MAXROWS], ncyc;
  PetscReal target[MAXROWS], model[MAXROWS];
  PetscInt nevals;
  double evk[64], evf[64]; /* every evaluation: k_irr and the objective (the profile) */
} ContactFit;

static PetscErrorCode ReadCycleTable(const char *path, ContactFit *C) {
  AssbCsv *t;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&t));
  PetscCall(AssbCsvRead(path, 2, "cycle,relative capacity", t));
  PetscCheck(t->n <= MAXROWS, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: more than %d rows",
             path, MAXROWS);
  C->n = 0, C->ncyc = 0;
  for (PetscInt i = 0; i < t->n; i++) {
    const double cyc = t->v[i][0], v = t->v[i][1];
    PetscCheck(cyc > 1 && cyc == (int)cyc && v > 0 && v <= 1, PETSC_COMM_SELF,
               PETSC_ERR_FILE_UNEXPECTED,
               "%s: row \"%.60s\": expected a cycle > 1 and a relative capacity in (0, 1]", path,
               t->line[i]);
    C->cycles[C->n] = (PetscInt)cyc, C->target[C->n] = v, C->n++;
    C->ncyc = PetscMax(C->ncyc, (PetscInt)cyc);
  }
  PetscCall(PetscFree(t));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Run the case's protocol for ncyc cycles with k_irr; *q: discharge capacity per cycle relative to
 * cycle 1 at the table's cycles (NaN when the run stopped before). */
static PetscErrorCode RunContact(ContactFit *C, PetscReal kirr, PetscInt ncyc, PetscReal *q1,
                                 PetscReal *qlast) {
  FvCase c;
  FvRunResult res;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&res, sizeof res));
  PetscCall(AssbLoadCase(PETSC_COMM_SELF, C->path, C->opts, &c));
  PetscCheck(c.region[FV_POS].contact.enabled && c.nprotocol > 0, PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: expected a positive electrode with a contact: section and a protocol", C->path);
  c.region[FV_POS].contact.k_irr = kirr;
  PetscCall(AssbRunProtocol(PETSC_COMM_SELF, &c, 0, ncyc, NULL, NULL, &res));
  for (PetscInt i = 0; i < C->n; i++)
    C->model[i] = C->cycles[i] <= res.ncycles && res.cycle_discharge[0] > 0
                      ? res.cycle_discharge[C->cycles[i] - 1] / res.cycle_discharge[0]
                      : NAN;
  if (q1) *q1 = res.ncycles > 0 ? res.cycle_discharge[0] : NAN;
  if (qlast)
    *qlast = res.ncycles >= ncyc && res.cycle_discharge[0] > 0
                 ? res.cycle_discharge[ncyc - 1] / res.cycle_discharge[0]
                 : NAN;
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Sum of squares of ln(model/target) at the table's cycles; a stopped run counts as 1e3. */
static double ContactObjective(double lnk, void *ctx) {
  ContactFit *C = (ContactFit *)ctx;
  double ss     = 0;
  if (RunContact(C, PetscExpReal(lnk), C->ncyc, NULL, NULL)) {
    printf("  k_irr %.5g: the run failed (objective 1e3)\n", exp(lnk));
    return 1e3;
  }
  for (PetscInt i = 0; i < C->n; i++) {
    const PetscReal r = PetscLogReal(C->model[i] / C->target[i]);
    ss += PetscIsNanReal(r) ? 1e3 : r * r;
  }
  if (C->nevals < 64) C->evk[C->nevals] = exp(lnk), C->evf[C->nevals] = ss;
  C->nevals++;
  printf("  k_irr %.5g: objective %.5g (", exp(lnk), ss);
  for (PetscInt i = 0; i < C->n; i++)
    printf("%scycle %" PetscInt_FMT " %.3f vs %.3f", i ? ", " : "", C->cycles[i],
           (double)C->model[i], (double)C->target[i]);
  printf(")\n");
  fflush(stdout);
  return ss;
}

/* The fit; with truth > 0 (a self-test) the data are the model's own relative capacity at cycle
 * max_cycle with k_irr = truth instead of the file's. *kfit: the fitted k_irr. */
static PetscErrorCode FitContact(const char *cpath, const char *copts, const char *dpath,
                                 PetscReal klo, PetscReal khi, PetscInt check_cycles,
                                 PetscInt max_cycle, PetscReal truth, const char *out,
                                 PetscReal *kfit) {
  ContactFit C;
  gsl_function F;
  gsl_min_fminimizer *m;
  double a = PetscLogReal(klo), b = PetscLogReal(khi), x = 0.5 * (a + b), fa, fb, fx;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&C, sizeof C));
  C.path = cpath, C.opts = copts;
  if (truth > 0) { /* synthetic data: the model at k_irr = truth */
    C.n = 1, C.cycles[0] = C.ncyc = PetscMax(max_cycle, 2);
    PetscCall(RunContact(&C, truth, C.ncyc, NULL, NULL));
    C.target[0] = C.model[0];
    printf("self-test: data = the model's cycle %" PetscInt_FMT " / cycle 1 = %.5f at k_irr = %g\n",
           C.ncyc, (double)C.target[0], (double)truth);
  } else
    PetscCall(ReadCycleTable(dpath, &C));
  if (max_cycle > 0 && truth <= 0) { /* only the rows up to max_cycle (shorter runs) */
    PetscInt k = 0;
    for (PetscInt i = 0; i < C.n; i++)
      if (C.cycles[i] <= max_cycle) C.cycles[k] = C.cycles[i], C.target[k++] = C.target[i];
    C.n    = k;
    C.ncyc = 0;
    for (PetscInt i = 0; i < C.n; i++)
      C.ncyc = PetscMax(C.ncyc, C.cycles[i]);
    PetscCheck(C.n > 0, PETSC_COMM_SELF, PETSC_ERR_USER, "%s: no row up to cycle %" PetscInt_FMT,
               dpath, max_cycle);
  }
  F.function = ContactObjective;
  F.params   = &C;
  printf("contact law of %s: k_irr against %s (%" PetscInt_FMT " cycles a run)\n", cpath, dpath,
         C.ncyc);
  /* a bracketing interior point from a coarse profile of ln k_irr over [a, b] (also reported) */
  {
    enum { NP = 3 };
    double fp[NP], best = PETSC_MAX_REAL;
    for (int i = 0; i < NP; i++) {
      const double t = a + (b - a) * i / (NP - 1.0);
      fp[i]          = ContactObjective(t, &C);
      if (fp[i] < best) best = fp[i], x = t;
    }
    fa = fp[0], fb = fp[NP - 1], fx = best;
  }
  if (fx < fa && fx < fb) {
    int it = 0, st;
    m      = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    PetscCheck(m, PETSC_COMM_SELF, PETSC_ERR_MEM, "gsl_min_fminimizer_alloc failed");
    (void)gsl_min_fminimizer_set_with_values(m, &F, x, fx, a, fa, b, fb);
    do {
      st = gsl_min_fminimizer_iterate(m);
      if (st) break;
      a = gsl_min_fminimizer_x_lower(m), b = gsl_min_fminimizer_x_upper(m);
      st = gsl_min_test_interval(a, b, 0.05, 0.0); /* ln k_irr to 0.05: k_irr to 5 % */
    } while (st == GSL_CONTINUE && ++it < 20);
    x  = gsl_min_fminimizer_x_minimum(m);
    fx = gsl_min_fminimizer_f_minimum(m);
    gsl_min_fminimizer_free(m);
  } else
    printf("  the minimum is at an end of [%g, %g]: no interior optimum\n", (double)klo,
           (double)khi);
  {
    PetscReal q1, qlast;
    const PetscReal k = PetscExpReal(x);
    *kfit             = k;
    PetscCall(RunContact(&C, k, PetscMax(C.ncyc, check_cycles), &q1, &qlast));
    printf("fitted k_irr = %.4g (objective %.4g, %" PetscInt_FMT
           " runs); cycle-1 discharge %.4g A h/m2",
           (double)k, fx, C.nevals + 1, (double)q1);
    if (check_cycles > C.ncyc)
      printf("; cycle %" PetscInt_FMT " / cycle 1 = %.3f", check_cycles, (double)qlast);
    printf("\n");
    for (PetscInt i = 0; i < C.n; i++)
      printf("  cycle %" PetscInt_FMT ": model %.3f, data %.3f\n", C.cycles[i], (double)C.model[i],
             (double)C.target[i]);
    if (out && out[0]) { /* the law file: value, data, method, the profile it came from */
      FILE *fp = fopen(out, "w");
      PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s: cannot write the law file", out);
      fprintf(fp, "# Contact-law irreversibility k_irr (models/contact.h, docs/model.md eq. (23)) "
                  "fitted by\n# scripts/calibrate-assb (tests/assb/calibrate_assb.c -contact); "
                  "do not edit: rerun it.\n# Method: GSL Brent minimiser on ln k_irr of "
                  "sum ln(Q_n/Q_1 model / data)^2 over the data's cycles,\n# each evaluation a run "
                  "of the case's own protocol; the profile below is every evaluation.\n");
      fprintf(fp, "name: contact_irreversibility\ncase: %s\ndata: %s\n",
              strstr(cpath, "cases/") ? strstr(cpath, "cases/") : cpath,
              strstr(dpath, "cases/") ? strstr(dpath, "cases/") : dpath);
      if (copts && copts[0]) /* the runs' overrides (a coarser mesh: the fit's surrogate) */
        fprintf(fp, "surrogate: \"%s\"\n", copts);
      fprintf(fp,
              "cycles_fitted: %" PetscInt_FMT "\nirreversibility: %.4g  # k_irr\nobjective: "
              "%.4g\nfit:\n",
              C.ncyc, (double)k, fx);
      for (PetscInt i = 0; i < C.n; i++)
        fprintf(fp, "  - {cycle: %" PetscInt_FMT ", model: %.3f, data: %.3f}\n", C.cycles[i],
                (double)C.model[i], (double)C.target[i]);
      fprintf(fp, "profile:  # k_irr: objective\n");
      for (PetscInt i = 0; i < PetscMin(C.nevals, 64); i++)
        fprintf(fp, "  - [%.5g, %.4g]\n", C.evk[i], C.evf[i]);
      fclose(fp);
      printf("wrote %s\n", out);
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char data[PETSC_MAX_PATH_LEN] = "", out[PETSC_MAX_PATH_LEN] = "", cpath[PETSC_MAX_PATH_LEN] = "";
  char contact[PETSC_MAX_PATH_LEN] = "", cdata[PETSC_MAX_PATH_LEN] = "", copts[512] = "";
  PetscBool check = PETSC_FALSE, has_out, has_case, has_contact;
  PetscReal klo = 1e-3, khi = 10;
  PetscInt check_cycles = 0, max_cycle = 0;
  PetscReal truth = 0, kfit = 0;
  PetscReal factor = 2, worst;
  PetscInt nfail   = 0;
  Table T;
  Fit ion, el;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  snprintf(data, sizeof data, "%s/cases/assb/data/minnmann2021_table_s2.csv", FVCELL_SOURCE_DIR);
  PetscOptionsBegin(PETSC_COMM_WORLD, NULL, "calibrate_assb: percolation-law calibration", NULL);
  PetscCall(PetscOptionsString("-data", "the conductivity table (CSV)", NULL, data, data,
                               sizeof data, NULL));
  PetscCall(PetscOptionsString("-o", "write the fitted laws to this law file", NULL, out, out,
                               sizeof out, &has_out));
  PetscCall(PetscOptionsBool("-check", "fail unless every composition is within -factor", NULL,
                             check, &check, NULL));
  PetscCall(PetscOptionsReal("-factor", "the target: model/table within this factor", NULL, factor,
                             &factor, NULL));
  PetscCall(PetscOptionsString("-case", "a case to check at every table composition", NULL, cpath,
                               cpath, sizeof cpath, &has_case));
  PetscCall(PetscOptionsString("-contact", "fit the contact law's k_irr of this case instead", NULL,
                               contact, contact, sizeof contact, &has_contact));
  PetscCall(PetscOptionsString("-contact_options",
                               "overrides of the case for the fit's runs (start with a space)",
                               NULL, copts, copts, sizeof copts, NULL));
  PetscCall(PetscOptionsString("-contact_data", "relative capacity per cycle (CSV)", NULL, cdata,
                               cdata, sizeof cdata, NULL));
  PetscCall(PetscOptionsReal("-contact_kirr_min", "lower end of the k_irr search", NULL, klo, &klo,
                             NULL));
  PetscCall(PetscOptionsReal("-contact_kirr_max", "upper end of the k_irr search", NULL, khi, &khi,
                             NULL));
  PetscCall(PetscOptionsInt("-contact_check_cycles",
                            "also report the relative capacity at this cycle with the fit", NULL,
                            check_cycles, &check_cycles, NULL));
  PetscCall(PetscOptionsInt("-contact_max_cycle", "fit only the data up to this cycle", NULL,
                            max_cycle, &max_cycle, NULL));
  PetscCall(PetscOptionsReal(
      "-contact_selftest", "fit synthetic data made with this k_irr; fail unless recovered to 5 %",
      NULL, truth, &truth, NULL));
  PetscOptionsEnd();
  if (has_contact && contact[0]) {
    PetscBool bad;
    PetscCheck(
        (cdata[0] || truth > 0) && klo > 0 && khi > klo, PETSC_COMM_SELF, PETSC_ERR_USER,
        "-contact needs -contact_data CSV (or -contact_selftest K) and 0 < -contact_kirr_min "
        "< -contact_kirr_max");
    PetscCall(
        FitContact(contact, copts, cdata, klo, khi, check_cycles, max_cycle, truth, out, &kfit));
    bad = (PetscBool)(truth > 0 && !(PetscAbsReal(kfit / truth - 1) <= 0.05));
    if (truth > 0)
      printf("%s: fitted k_irr %.4g against the truth %.4g\n", bad ? "FAIL" : "ok", (double)kfit,
             (double)truth);
    PetscCall(PetscFinalize());
    return bad ? 1 : 0;
  }

  PetscCall(ReadTable(data, &T));
  PetscCall(PetscMemzero(&ion, sizeof ion));
  PetscCall(PetscMemzero(&el, sizeof el));
  ion.n = el.n = T.n;
  ion.p = 2, el.p = 3;
  ion.phi = T.phi_se, el.phi = T.phi_ncm;
  ion.lnsig_fixed = PetscLogReal(T.sigma0);
  for (PetscInt i = 0; i < T.n; i++) {
    ion.y[i] = PetscLogReal(T.sig_ion[i]);
    el.y[i]  = PetscLogReal(T.sig_el[i]);
  }
  PetscCall(FitNetwork(&ion));
  PetscCall(FitNetwork(&el));
  PetscCall(Report(stdout, data, &T, &ion, &el, &worst));
  if (has_out && out[0]) {
    FILE *fp        = fopen(out, "w");
    const char *rel = strstr(data, "cases/assb/"); /* the law file names the data in the tree */
    PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s: cannot write the law file", out);
    PetscCall(Report(fp, rel ? rel : data, &T, &ion, &el, &worst));
    fclose(fp);
    printf("wrote %s\n", out);
  }
  if (check && worst > factor) {
    printf("FAIL: worst factor %.3f > %.3g\n", (double)worst, (double)factor);
    nfail++;
  }
  if (has_case && cpath[0]) {
    PetscInt nc;
    PetscCall(CheckCase(cpath, &T, &ion, &el, factor, &nc));
    nfail += nc;
  }
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
