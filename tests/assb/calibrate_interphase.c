/* calibrate_interphase.c -- fits the CAM | SE interphase growth law of a case's positive electrode
 * (models/interphase.h) to a first cycle measured at several discharge rates (docs/assb.md §7;
 * run by `scripts/calibrate-assb interphase`).
 *
 * Data: a CSV of quantity (charge or discharge), rate (C) and capacity (mA h per g of active
 * material) with a tolerance in a "# tolerance_mAh_per_g:" comment (cases/assb/data/
 * koerver2017_first_cycle.csv: Koerver et al., Chem. Mater. 29, 5574 (2017)). Each rate of the
 * data is one run of the case's own protocol (its {rate} set to that rate) from the pristine cell;
 * the model's first-cycle charge and discharge capacities per mass of active material are compared
 * with the data.
 * Fit: the three growth parameters ln i_ref, ln beta and ln k_R or ln R_t
 * (reference_current_density, resistance_per_charge, and parabolic_rate or tunnelling_resistance
 * by the case's limitation; reference_potential and transfer_coefficient stay the
 * case's: with a Tafel rate only i_ref exp(-alpha F U_ref/RT) is identifiable) minimise
 * sum ((model - data)/tolerance)^2 with GSL's Nelder-Mead simplex (multimin nmsimplex2) from the
 * case's values. Sensitivity: every parameter alone times 1/2 and 2 at the optimum (the objective
 * and every target), and d(target)/d ln(parameter) from those runs.
 * Options: -case CASE.yaml, -data CSV, -case_options "..." (overrides of the case, e.g. a coarser
 * mesh), -fit (fit; else evaluate the case as it is), -o LAW.yaml (write the fitted law with its
 * provenance), -max_evals N, -check (fail unless every target is within its tolerance),
 * -law LAW.yaml (fail unless the case's growth parameters are the law file's to 1e-4),
 * -fixed NAME,... (parameters held at the case's values; with one target, fit one parameter),
 * -profile_reference_current I1,I2,... (i_ref is not identified by the first cycle alone: for
 * each value the other two are fitted, and with -cycles N -cycles_target Q the discharge capacity
 * at cycle N of the case's protocol at -cycles_rate decides between them: the point with the least
 * first-cycle objective + ((Q_N - Q)/tolerance)^2 is the fit; the profile goes to the law file).
 */
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>
#include "case.h"
#include "module.h"
#include "p2d.h"
#include "protocol.h"
#include "run.h"
#include "units.h"
#include "assb_csv.h"
#include "assb_run.h"

#define MAXROWS 16
#define NPAR 3
#define MAXEVALS 400

/* the third parameter is the limitation's: parabolic_rate or tunnelling_resistance */
static const char *const par_keys[NPAR + 1] = {"reference_current_density", "resistance_per_charge",
                                               "parabolic_rate", "tunnelling_resistance"};
static const char *const par_units[NPAR + 1] = {"A/m2", "ohm m4/C", "ohm2 m4/s", "ohm m2"};

typedef struct {
  const char *path, *data, *copts;
  PetscInt n;
  PetscBool charge[MAXROWS];
  PetscReal rate[MAXROWS], target[MAXROWS], model[MAXROWS], tol;
  PetscReal r_cell; /* the interphase's cell-area resistance at the end of the first charge
                       [ohm m2] (the first rate's run) */
  PetscReal p0[NPAR];
  PetscBool free[NPAR]; /* the fitted parameters (the others stay at p0: -fixed, the profile) */
  /* the long-run target: the discharge capacity at cycle ncyc at cycling_rate [mA h g-1] */
  PetscInt ncyc;
  PetscReal cyc_rate, cyc_target, cyc_model;
  /* the profile over i_ref: i_ref, beta, third parameter, first-cycle objective, capacity at
   * cycle ncyc, total objective */
  PetscInt nprof;
  PetscReal prof[16][6];
  const char *par_key[NPAR], *par_unit[NPAR]; /* names and units of the parameters */
  PetscInt nevals;
  double ev[MAXEVALS][NPAR + 1]; /* every evaluation: parameters and objective */
} IpFit;

static PetscErrorCode ReadData(const char *path, IpFit *F) {
  AssbCsv *t;
  double tol;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&t));
  PetscCall(AssbCsvRead(path, 3, "charge or discharge, a rate > 0 and a capacity >= 0", t));
  PetscCall(AssbCsvComment(path, "tolerance_mAh_per_g", &tol));
  PetscCheck(t->n <= MAXROWS, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: more than %d rows",
             path, MAXROWS);
  F->n = 0, F->tol = PetscIsNanReal(tol) ? 0 : tol;
  for (PetscInt i = 0; i < t->n; i++) {
    const char *q  = t->word[i];
    const double r = t->v[i][1], v = t->v[i][2];
    PetscCheck((!strcmp(q, "charge") || !strcmp(q, "discharge")) && r > 0 && v >= 0,
               PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED,
               "%s: row \"%.60s\": expected charge or discharge, a rate > 0 and a capacity >= 0",
               path, t->line[i]);
    F->charge[F->n] = (PetscBool)!strcmp(q, "charge");
    F->rate[F->n] = r, F->target[F->n] = v, F->n++;
  }
  PetscCall(PetscFree(t));
  PetscCheck(F->n > 0 && F->tol > 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED,
             "%s: expected rows and a \"# tolerance_mAh_per_g: T\" comment", path);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode LoadCase(const IpFit *F, FvCase *c) {
  PetscFunctionBeginUser;
  PetscCall(AssbLoadCase(PETSC_COMM_SELF, F->path, F->copts, c));
  PetscCheck(c->region[FV_POS].interphase.enabled && c->nprotocol > 0 &&
                 c->region[FV_POS].rho_am > 0,
             PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: expected a composite positive electrode with an interphase: section, its active "
             "material's density and a protocol",
             F->path);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The interphase's resistance per cell area: the positive electrode's contacting surface in
 * parallel, 1 / sum_cells sum_f a_f f_c h / R_f (observer: the end of the first charge). */
static PetscErrorCode ObserveCharge(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  IpFit *F          = ctx;
  const FvModel *m  = &p->model;
  const FvMesh *g   = &p->mesh;
  const PetscInt R0 = FvLayoutFindSlot(p->layout, "R_int");
  const PetscScalar *y;
  PetscReal G = 0;
  PetscFunctionBeginUser;
  if (!(rec->step_end && rec->step_index == 0 && rec->cycle_index == 0) || R0 < 0)
    PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(VecGetArrayRead(Y, &y));
  for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
    const FvRegionModel *r = &m->reg[g->region[i]];
    const PetscScalar *v   = &y[FvMeshOwned(g, i, g->ys, g->zs) * m->dof];
    if (!r->electrode || !r->interphase.enabled) continue;
    for (PetscInt fi = 0; fi < r->nfam; fi++) {
      const FvRegionModel *fm = &p->rcell[FvMeshGhost(g, i, g->ys, g->zs)]->fam[fi];
      const PetscReal fp      = m->contact ? v[FvIdxFp(m, fi)] : 1.0;
      PetscReal fc            = 0;
      (void)FvContactFraction(&r->contact, m->T, m->R, fm->f0, fp,
                              FvParticleAverage(fm, &v[FvIdxCs(m, fi)]) / r->c_max, &fc);
      if (v[R0 + fi] > 0) G += fm->a * fc * g->h[i] / v[R0 + fi];
    }
  }
  PetscCall(VecRestoreArrayRead(Y, &y));
  F->r_cell = G > 0 ? 1 / G : 0;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Run every rate of the data with parameters par (NULL: the case's); F->model[i] in mA h g-1
 * (NaN where a run stopped before its protocol ended). */
static PetscErrorCode Evaluate(IpFit *F, const PetscReal *par) {
  FvCase c;
  PetscReal done[MAXROWS];
  PetscInt ndone = 0;
  PetscFunctionBeginUser;
  PetscCall(LoadCase(F, &c));
  if (par) {
    c.region[FV_POS].interphase.i_ref = par[0];
    c.region[FV_POS].interphase.beta  = par[1];
    if (c.region[FV_POS].interphase.limit == FV_INTERPHASE_LOGARITHMIC)
      c.region[FV_POS].interphase.R_t = par[2];
    else
      c.region[FV_POS].interphase.k_R = par[2];
  }
  F->r_cell = NAN;
  for (PetscInt i = 0; i < F->n; i++) {
    const PetscReal rate = F->rate[i];
    const PetscReal mass = AssbActiveLoading(&c); /* [kg m-2] */
    FvRunResult res;
    PetscBool seen = PETSC_FALSE;
    for (PetscInt k = 0; k < ndone; k++)
      seen = (PetscBool)(seen || done[k] == rate);
    if (seen) continue;
    done[ndone++] = rate;
    PetscCall(PetscMemzero(&res, sizeof res));
    PetscCall(
        AssbRunProtocol(PETSC_COMM_SELF, &c, rate, 1, ndone == 1 ? ObserveCharge : NULL, F, &res));
    for (PetscInt k = 0; k < F->n; k++)
      if (F->rate[k] == rate)
        F->model[k] =
            !res.ok || res.ncycles < 1
                ? NAN
                : PetscAbsReal(F->charge[k] ? res.cycle_charge[0] : res.cycle_discharge[0]) /
                      mass; /* A h kg-1 = mA h g-1 */
    PetscCall(FvRunResultReset(&res));
  }
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static double Objective(const IpFit *F) {
  double ss = 0;
  for (PetscInt i = 0; i < F->n; i++) {
    const double d = (F->model[i] - F->target[i]) / F->tol;
    ss += PetscIsNanReal(F->model[i]) ? 1e3 : d * d;
  }
  return ss;
}

static void PrintModel(const IpFit *F, const char *lead) {
  printf("%s", lead);
  for (PetscInt i = 0; i < F->n; i++)
    printf("%s%s %gC %.1f (%.0f)", i ? ", " : "", F->charge[i] ? "charge" : "discharge",
           (double)F->rate[i], (double)F->model[i], (double)F->target[i]);
  printf("; R_int per cell area after the first charge %.4g ohm cm2\n", (double)F->r_cell * 1e4);
}

/* The discharge capacity [mA h g-1] at cycle ncyc of the case's protocol at cyc_rate. */
static PetscErrorCode Cycling(IpFit *F, const PetscReal par[NPAR], PetscReal *q) {
  FvCase c;
  FvRunResult res;
  PetscFunctionBeginUser;
  PetscCall(LoadCase(F, &c));
  c.region[FV_POS].interphase.i_ref = par[0];
  c.region[FV_POS].interphase.beta  = par[1];
  if (c.region[FV_POS].interphase.limit == FV_INTERPHASE_LOGARITHMIC)
    c.region[FV_POS].interphase.R_t = par[2];
  else
    c.region[FV_POS].interphase.k_R = par[2];
  PetscCall(PetscMemzero(&res, sizeof res));
  PetscCall(AssbRunProtocol(PETSC_COMM_SELF, &c, F->cyc_rate, F->ncyc, NULL, NULL, &res));
  *q = AssbCycleDischarge(&c, &res, F->ncyc);
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static double FitObjective(const gsl_vector *x, void *ctx) {
  IpFit *F = ctx;
  PetscReal par[NPAR];
  double ss;
  for (int k = 0, i = 0; k < NPAR; k++)
    par[k] = F->free[k] ? PetscExpReal(gsl_vector_get(x, i++)) : F->p0[k];
  if (Evaluate(F, par)) return 1e4;
  ss = Objective(F);
  if (F->nevals < MAXEVALS) {
    for (int k = 0; k < NPAR; k++)
      F->ev[F->nevals][k] = par[k];
    F->ev[F->nevals][NPAR] = ss;
  }
  F->nevals++;
  printf("  eval %3" PetscInt_FMT ": i_ref %.4g, beta %.4g, %s %.4g: objective %.4g (", F->nevals,
         (double)par[0], (double)par[1], F->par_key[2], (double)par[2], ss);
  for (PetscInt i = 0; i < F->n; i++)
    printf("%s%.1f", i ? " " : "", (double)F->model[i]);
  printf(")\n");
  fflush(stdout);
  return ss;
}

/* One parameter at a time times 1/2 and 2 around p: the objective and every target. */
typedef struct {
  PetscReal obj[NPAR][2], q[NPAR][2][MAXROWS];
} Sens;

static PetscErrorCode Sensitivity(IpFit *F, const PetscReal p[NPAR], Sens *S) {
  PetscFunctionBeginUser;
  for (int k = 0; k < NPAR; k++)
    for (int s = 0; s < 2; s++) {
      PetscReal q[NPAR];
      for (int l = 0; l < NPAR; l++)
        q[l] = p[l];
      q[k] *= s ? 2.0 : 0.5;
      PetscCall(Evaluate(F, q));
      S->obj[k][s] = Objective(F);
      for (PetscInt i = 0; i < F->n; i++)
        S->q[k][s][i] = F->model[i];
      printf("  %s x %g: objective %.4g\n", F->par_key[k], s ? 2.0 : 0.5, (double)S->obj[k][s]);
    }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode WriteLaw(const char *out, IpFit *F, const PetscReal p[NPAR], double obj,
                               const Sens *S, PetscReal U_ref, PetscReal alpha) {
  FILE *fp = fopen(out, "w");
  PetscFunctionBeginUser;
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s: cannot write the law file", out);
  fprintf(fp,
          "# CAM | SE interphase growth law (models/interphase.h, docs/assb.md s7) fitted by\n"
          "# scripts/calibrate-assb interphase (tests/assb/calibrate_interphase.c); do not edit: "
          "rerun it.\n"
          "# Method: GSL Nelder-Mead simplex on (ln i_ref, ln beta, ln of the limitation's "
          "parameter) of sum ((model - "
          "data)/tolerance)^2,\n"
          "# each evaluation one first cycle of the case's protocol per rate of the data; "
          "reference_potential and\n"
          "# transfer_coefficient fixed (only i_ref exp(-alpha F U_ref/RT) is identifiable).\n"
          "# Sensitivity: each parameter alone x 1/2 and x 2 at the optimum; dQ/dln p from "
          "those two runs.\n");
  fprintf(fp, "name: interphase_growth\ncase: %s\ndata: %s\n", F->path, F->data);
  fprintf(fp, "reference_potential: \"%.4g V\"  # fixed\ntransfer_coefficient: %.4g  # fixed\n",
          (double)U_ref, (double)alpha);
  fprintf(fp, "limitation: %s\n", F->par_key[2][0] == 't' ? "logarithmic" : "parabolic");
  for (int k = 0; k < NPAR; k++)
    fprintf(fp, "%s: \"%.5g %s\"%s\n", F->par_key[k], (double)p[k], F->par_unit[k],
            F->free[k] || (k == 0 && F->nprof > 0) ? "" : "  # fixed: the case's value");
  fprintf(fp, "objective: %.5g\nevaluations: %" PetscInt_FMT "\n", obj, F->nevals);
  fprintf(fp, "interphase_resistance_after_first_charge: \"%.4g ohm cm2\"  # per cell area\n",
          (double)F->r_cell * 1e4);
  fprintf(fp, "fit:  # mA h per g of active material\n");
  for (PetscInt i = 0; i < F->n; i++)
    fprintf(fp, "  - {quantity: %s, rate: %g, model: %.1f, data: %g}\n",
            F->charge[i] ? "charge" : "discharge", (double)F->rate[i], (double)F->model[i],
            (double)F->target[i]);
  if (F->ncyc > 0)
    fprintf(fp, "cycling: {rate: %g, cycle: %" PetscInt_FMT ", model: %.1f, data: %g}\n",
            (double)F->cyc_rate, F->ncyc, (double)F->cyc_model, (double)F->cyc_target);
  if (F->nprof > 0) {
    fprintf(fp,
            "profile:  # i_ref fixed, the others fitted to the first cycle: [i_ref, beta, %s, "
            "first-cycle objective, capacity at cycle %" PetscInt_FMT ", total objective]\n",
            F->par_key[2], F->ncyc);
    for (PetscInt i = 0; i < F->nprof; i++)
      fprintf(fp, "  - [%.5g, %.5g, %.5g, %.4g, %.1f, %.4g]\n", (double)F->prof[i][0],
              (double)F->prof[i][1], (double)F->prof[i][2], (double)F->prof[i][3],
              (double)F->prof[i][4], (double)F->prof[i][5]);
  }
  fprintf(fp, "sensitivity:  # objective at x 1/2, x 2; dQ/dln p [mA h/g] per target\n");
  for (int k = 0; k < NPAR; k++) {
    fprintf(fp, "  %s: {objective: [%.4g, %.4g], dQ_dlnp: [", F->par_key[k], (double)S->obj[k][0],
            (double)S->obj[k][1]);
    for (PetscInt i = 0; i < F->n; i++)
      fprintf(fp, "%s%.1f", i ? ", " : "",
              (double)((S->q[k][1][i] - S->q[k][0][i]) / (2 * PetscLogReal(2.0))));
    fprintf(fp, "]}\n");
  }
  fclose(fp);
  printf("wrote %s\n", out);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Nelder-Mead from F->p0 over ln of the free parameters; p: the optimum. */
static PetscErrorCode Minimise(IpFit *F, PetscInt max_evals, PetscReal p[NPAR]) {
  const int n                           = (int)F->free[0] + (int)F->free[1] + (int)F->free[2];
  const gsl_multimin_fminimizer_type *T = gsl_multimin_fminimizer_nmsimplex2;
  gsl_multimin_fminimizer *s            = gsl_multimin_fminimizer_alloc(T, n);
  gsl_vector *x = gsl_vector_alloc(n), *step = gsl_vector_alloc(n);
  gsl_multimin_function fn = {FitObjective, (size_t)n, F};
  const PetscInt start     = F->nevals;
  int status               = GSL_CONTINUE;
  PetscFunctionBeginUser;
  for (int k = 0, i = 0; k < NPAR; k++)
    if (F->free[k]) {
      gsl_vector_set(x, i, PetscLogReal(F->p0[k]));
      gsl_vector_set(step, i++, PetscLogReal(2.0)); /* a factor 2 first */
    }
  gsl_multimin_fminimizer_set(s, &fn, x, step);
  while (status == GSL_CONTINUE && F->nevals - start < max_evals) {
    if (gsl_multimin_fminimizer_iterate(s)) break;
    status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), 0.02);
  }
  for (int k = 0, i = 0; k < NPAR; k++)
    p[k] = F->free[k] ? PetscExpReal(gsl_vector_get(s->x, i++)) : F->p0[k];
  printf("%s after %" PetscInt_FMT " evaluations: i_ref %.5g A/m2%s, beta %.5g ohm m4/C, %s %.5g "
         "%s\n",
         status == GSL_SUCCESS ? "converged (simplex size 0.02 in ln p)" : "stopped",
         F->nevals - start, (double)p[0], F->free[0] ? "" : " (fixed)", (double)p[1], F->par_key[2],
         (double)p[2], F->par_unit[2]);
  gsl_multimin_fminimizer_free(s);
  gsl_vector_free(x);
  gsl_vector_free(step);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The fit: with a profile list, for each i_ref of it the other two fitted to the first cycle and
 * the cycling run added to the objective; the best point is the fit. Then the sensitivity and
 * the law file. */
static PetscErrorCode Fit(IpFit *F, PetscInt max_evals, const PetscReal *iref, PetscInt ni,
                          const char *out) {
  PetscReal p[NPAR], best[NPAR], U_ref, alpha, bestobj = PETSC_INFINITY;
  Sens S;
  double obj;
  FvCase c;
  PetscFunctionBeginUser;
  PetscCall(LoadCase(F, &c));
  U_ref = c.region[FV_POS].interphase.U_ref, alpha = c.region[FV_POS].interphase.alpha;
  PetscCall(FvCaseDestroy(&c));
  if (ni == 0) {
    PetscCall(Minimise(F, max_evals, best));
    if (F->ncyc > 0) PetscCall(Cycling(F, best, &F->cyc_model));
  } else {
    F->free[0] = PETSC_FALSE;
    for (PetscInt i = 0; i < ni && i < 16; i++) {
      PetscReal *row = F->prof[F->nprof++], q = NAN;
      F->p0[0] = iref[i];
      PetscCall(Minimise(F, max_evals, p));
      PetscCall(Evaluate(F, p));
      obj = Objective(F);
      if (F->ncyc > 0) PetscCall(Cycling(F, p, &q));
      row[0] = p[0], row[1] = p[1], row[2] = p[2], row[3] = obj, row[4] = q;
      row[5] =
          obj +
          (F->ncyc > 0 ? (PetscIsNanReal(q) ? 1e3 : PetscSqr((q - F->cyc_target) / F->tol)) : 0);
      printf("profile: i_ref %.4g A/m2: first-cycle objective %.4g, cycle %" PetscInt_FMT
             " %.1f mA h/g (%.0f), total %.4g\n",
             (double)p[0], (double)obj, F->ncyc, (double)q, (double)F->cyc_target, (double)row[5]);
      fflush(stdout);
      if (row[5] < bestobj) {
        bestobj = row[5], F->cyc_model = q;
        for (int k = 0; k < NPAR; k++)
          best[k] = p[k];
      }
      F->p0[1] = p[1], F->p0[2] = p[2]; /* warm start of the next point */
    }
  }
  PetscCall(Sensitivity(F, best, &S));
  PetscCall(Evaluate(F, best));
  obj = Objective(F);
  PrintModel(F, "fit: ");
  if (F->ncyc > 0)
    printf("cycle %" PetscInt_FMT " at %gC: %.1f mA h/g (data %.0f)\n", F->ncyc,
           (double)F->cyc_rate, (double)F->cyc_model, (double)F->cyc_target);
  if (out[0]) PetscCall(WriteLaw(out, F, best, obj, &S, U_ref, alpha));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The law file's value of key (its number in SI, as written). */
static PetscErrorCode LawValue(const char *path, const char *key, PetscReal *v) {
  FILE *fp = fopen(path, "r");
  char line[512];
  size_t n = strlen(key);
  PetscFunctionBeginUser;
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s: cannot open the law file", path);
  *v = NAN;
  while (fgets(line, sizeof line, fp)) {
    double d;
    if (!strncmp(line, key, n) && line[n] == ':' && sscanf(line + n + 1, " \"%lf", &d) == 1) *v = d;
  }
  fclose(fp);
  PetscCheck(!PetscIsNanReal(*v), PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: no %s", path,
             key);
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  IpFit *F;
  char cpath[PETSC_MAX_PATH_LEN] = "", data[PETSC_MAX_PATH_LEN] = "", out[PETSC_MAX_PATH_LEN] = "";
  char law[PETSC_MAX_PATH_LEN] = "", copts[1024] = "";
  PetscBool fit = PETSC_FALSE, check = PETSC_FALSE;
  PetscInt max_evals = 60, nfail = 0, ni = 16, ncyc = 0;
  PetscReal iref[16], cyc_rate = 0.1, cyc_target = NAN;
  char *fixed[NPAR];
  PetscInt nfixed     = NPAR;
  PetscBool set_fixed = PETSC_FALSE, set_prof = PETSC_FALSE;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  gsl_set_error_handler_off();
  PetscOptionsBegin(PETSC_COMM_WORLD, NULL, "calibrate_interphase: interphase-law calibration",
                    NULL);
  PetscCall(PetscOptionsString("-case", "the case (a positive electrode with an interphase:)", NULL,
                               cpath, cpath, sizeof cpath, NULL));
  PetscCall(PetscOptionsString("-data", "first-cycle capacities against rate (CSV)", NULL, data,
                               data, sizeof data, NULL));
  PetscCall(PetscOptionsString("-case_options", "overrides of the case (\"-positive_cells 8\")",
                               NULL, copts, copts, sizeof copts, NULL));
  PetscCall(PetscOptionsBool("-fit", "fit the growth law (else evaluate the case as it is)", NULL,
                             fit, &fit, NULL));
  PetscCall(PetscOptionsString("-o", "write the fitted law to this law file", NULL, out, out,
                               sizeof out, NULL));
  PetscCall(PetscOptionsInt("-max_evals", "largest number of evaluations of the fit", NULL,
                            max_evals, &max_evals, NULL));
  PetscCall(PetscOptionsStringArray("-fixed",
                                    "parameters held at the case's values (reference_current_"
                                    "density, resistance_per_charge, parabolic_rate or "
                                    "tunnelling_resistance)",
                                    NULL, fixed, &nfixed, &set_fixed));
  PetscCall(PetscOptionsRealArray("-profile_reference_current",
                                  "fit over these fixed reference_current_density values [A/m2]",
                                  NULL, iref, &ni, &set_prof));
  PetscCall(PetscOptionsInt("-cycles", "with -fit: also run this many cycles (0: none)", NULL, ncyc,
                            &ncyc, NULL));
  PetscCall(PetscOptionsReal("-cycles_rate", "their rate (C)", NULL, cyc_rate, &cyc_rate, NULL));
  PetscCall(PetscOptionsReal("-cycles_target", "the discharge capacity at the last cycle [mA h/g]",
                             NULL, cyc_target, &cyc_target, NULL));
  PetscCall(PetscOptionsBool("-check", "fail unless every target is within the data's tolerance",
                             NULL, check, &check, NULL));
  PetscCall(PetscOptionsString("-law", "fail unless the case's growth parameters are this file's",
                               NULL, law, law, sizeof law, NULL));
  PetscOptionsEnd();
  if (!set_fixed) nfixed = 0;
  if (!set_prof) ni = 0;
  PetscCheck(cpath[0] && data[0], PETSC_COMM_WORLD, PETSC_ERR_USER,
             "calibrate_interphase needs -case CASE.yaml and -data CSV");
  PetscCall(PetscNew(&F));
  F->path = cpath, F->data = data, F->copts = copts;
  F->ncyc = ncyc, F->cyc_rate = cyc_rate, F->cyc_target = cyc_target;
  PetscCheck(ncyc == 0 || !PetscIsNanReal(cyc_target), PETSC_COMM_WORLD, PETSC_ERR_USER,
             "-cycles needs -cycles_target (mA h/g)");
  PetscCall(ReadData(data, F));
  {
    FvCase c;
    PetscCall(LoadCase(F, &c));
    F->p0[0] = c.region[FV_POS].interphase.i_ref;
    F->p0[1] = c.region[FV_POS].interphase.beta;
    for (int k = 0; k < NPAR; k++)
      F->par_key[k] = par_keys[k], F->par_unit[k] = par_units[k];
    F->p0[2] = c.region[FV_POS].interphase.k_R;
    if (c.region[FV_POS].interphase.limit == FV_INTERPHASE_LOGARITHMIC) {
      F->p0[2]      = c.region[FV_POS].interphase.R_t;
      F->par_key[2] = par_keys[3], F->par_unit[2] = par_units[3];
    }
    for (int k = 0; k < NPAR; k++) {
      F->free[k] = PETSC_TRUE;
      for (PetscInt i = 0; i < nfixed; i++)
        if (!strcmp(fixed[i], F->par_key[k])) F->free[k] = PETSC_FALSE;
    }
    for (PetscInt i = 0; i < nfixed; i++) {
      PetscBool known = PETSC_FALSE;
      for (int k = 0; k < NPAR; k++)
        known = (PetscBool)(known || !strcmp(fixed[i], F->par_key[k]));
      PetscCheck(known, PETSC_COMM_WORLD, PETSC_ERR_USER,
                 "-fixed %s: expected a parameter of the case's law (%s, %s, %s)", fixed[i],
                 F->par_key[0], F->par_key[1], F->par_key[2]);
      PetscCall(PetscFree(fixed[i]));
    }
    PetscCall(FvCaseDestroy(&c));
  }
  if (law[0]) {
    for (int k = 0; k < NPAR; k++) {
      PetscReal v;
      PetscCall(LawValue(law, F->par_key[k], &v));
      printf("%s: case %.5g, law file %.5g\n", F->par_key[k], (double)F->p0[k], (double)v);
      if (!(PetscAbsReal(F->p0[k] - v) <= 1e-4 * PetscAbsReal(v))) nfail++;
    }
  }
  if (fit)
    PetscCall(Fit(F, max_evals, iref, ni, out));
  else if (!law[0] || check) {
    PetscCall(Evaluate(F, NULL));
    PrintModel(F, "model (data): ");
  }
  if (check)
    for (PetscInt i = 0; i < F->n; i++)
      if (!(PetscAbsReal(F->model[i] - F->target[i]) <= F->tol)) {
        printf("FAIL: %s at %gC: %.1f mA h/g, data %g +- %g\n",
               F->charge[i] ? "charge" : "discharge", (double)F->rate[i], (double)F->model[i],
               (double)F->target[i], (double)F->tol);
        nfail++;
      }
  printf("%s\n", nfail ? "FAIL" : "PASS");
  PetscCall(PetscFree(F));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
