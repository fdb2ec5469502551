/* test_bpx_import.c -- import a published BPX example and hold the case to the file's own numbers.
 *
 *   test_bpx_import CELL.json OUT/CASE.yaml
 *
 * 1. The conversions (docs/bpx.md): 1C from the nominal capacity, the Bruggeman exponent from the
 *    transport efficiency, the active fraction from the surface area, the rate constant, the
 *    initial stoichiometries at state of charge 1.
 * 2. Every expression of the file against its sampled table, as the loaded case evaluates it,
 *    at 2000 points between the table points: relative error <= 1e-4 (plus 1e-4 of the median
 *    magnitude, for functions through zero).
 * 3. A 1C discharge: the capacity delivered to the lower cut-off (x electrode area x pairs) within
 *    5 % of the nominal cell capacity; when the file has a "1C discharge" validation series, the
 *    voltage between 200 s and 3400 s within 30 mV of it (RMS within 15 mV), the time at which the
 *    voltage crosses the series' last point within 2 %, and the open-circuit voltage at t = 0
 *    within 10 mV of the series' first value (the rest voltage: the same at C/20 and 1C).
 */
#include <jansson.h>
#include "fvtest.h"
#include "bpx.h"
#include "expression.h"

#define NREC 100000
typedef struct {
  PetscInt n;
  PetscReal t[NREC], v[NREC], ocv0;
} Ctx;

static PetscErrorCode Observe(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  Ctx *c = (Ctx *)vctx;
  PetscFunctionBeginUser;
  if (c->n == 0) { /* the initial state: the open-circuit voltage of the initial stoichiometries */
    PetscReal cn, cp, Un, Up;
    PetscCall(FvTestMeanConcentrations(p, Y, &cn, &cp));
    FvOpenCircuit(&p->model, &p->model.reg[FV_NEG], cn, &Un);
    FvOpenCircuit(&p->model, &p->model.reg[FV_POS], cp, &Up);
    c->ocv0 = Up - Un;
  }
  if (c->n < NREC) c->t[c->n] = rec->time, c->v[c->n++] = rec->voltage;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static double Interp(const Ctx *c, double t) {
  for (PetscInt k = 1; k < c->n; k++)
    if (c->t[k] >= t) {
      double w = (t - c->t[k - 1]) / (c->t[k] - c->t[k - 1]);
      return c->v[k - 1] + w * (c->v[k] - c->v[k - 1]);
    }
  return NAN;
}

static double Num(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  return v ? json_number_value(v) : NAN;
}

/* Max relative error of property p against expression text over [a, b]. */
static double ExprError(const char *text, const FvProperty *p0, double a, double b, double R) {
  FvExpr e;
  FvProperty pp, *p = &pp;
  char why[256];
  double worst = 0, med = 0;
  if (FvExprParse(text, &e, why, sizeof why) || !e) return INFINITY;
  if (FvPropertyCopy(p0, p) || FvPropertySetUp(p)) return INFINITY;
  for (int i = 0; i <= 100; i++)
    med += fabs(FvExprEval(e, a + (b - a) * i / 100.0)) / 101;
  for (int i = 0; i < 2000; i++) {
    double x = a + (b - a) * (i + 0.37) / 2000, f = FvExprEval(e, x), y;
    if (!isfinite(f)) continue;
    if (FvPropertyEval(p, x, p->Tref, R, &y) != FV_PROP_OK || !isfinite(y)) return INFINITY;
    worst = fmax(worst, fabs(y - f) / (fabs(f) + 1e-4 * med));
  }
  FvExprDestroy(&e);
  FvPropertyDestroy(p);
  return worst;
}

int main(int argc, char **argv) {
  FvCase c;
  FvRunResult res;
  static Ctx ctx;
  PetscBool ok;
  int fails = 0;
  json_error_t jerr;
  json_t *root, *par, *cell, *neg, *pos, *ely, *sep, *state;
  double ce0, Qnom, area, npairs;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  if (argc < 3) {
    printf("usage: test_bpx_import CELL.json OUT/CASE.yaml\n");
    return 2;
  }
  PetscCall(FvBpxImport(PETSC_COMM_WORLD, argv[1], argv[2], &ok));
  FV_CHECK(ok, "import of %s failed", argv[1]);
  if (!ok) return 1;
  root   = json_load_file(argv[1], 0, &jerr);
  par    = json_object_get(root, "Parameterisation");
  cell   = json_object_get(par, "Cell");
  ely    = json_object_get(par, "Electrolyte");
  neg    = json_object_get(par, "Negative electrode");
  pos    = json_object_get(par, "Positive electrode");
  sep    = json_object_get(par, "Separator");
  state  = json_object_get(root, "State");
  ce0    = json_object_get(ely, "Initial concentration [mol.m-3]")
               ? Num(ely, "Initial concentration [mol.m-3]")
               : Num(json_object_get(state, "Initial conditions"),
                     "Initial electrolyte concentration [mol.m-3]");
  Qnom   = Num(cell, "Nominal cell capacity [A.h]");
  area   = Num(cell, "Electrode area [m2]");
  npairs = Num(cell, "Number of electrode pairs connected in parallel to make a cell");
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, argv[2], &c));

  /* 1. conversions */
  FV_CLOSE(c.one_c, Qnom * 3600 / (area * npairs) / 3600, 1e-12);
  FV_CLOSE(c.electrolyte.c0, ce0, 1e-12);
  {
    json_t *el[2]  = {neg, pos};
    const int g[2] = {FV_NEG, FV_POS};
    for (int i = 0; i < 2; i++) {
      const FvRegion *r = &c.region[g[i]];
      double eps = Num(el[i], "Porosity"), tau = Num(el[i], "Transport efficiency");
      double cmax = Num(el[i], "Maximum concentration [mol.m-3]"), k0;
      double smin = Num(el[i], "Minimum stoichiometry"), smax = Num(el[i], "Maximum stoichiometry");
      FvPropertyEval(&r->k0, 0.5, c.T, c.R, &k0);
      FV_CLOSE(pow(r->porosity, r->brugg_e), tau, 1e-12);
      FV_CLOSE(r->eps_am,
               Num(el[i], "Surface area per unit volume [m-1]") *
                   Num(el[i], "Particle radius [m]") / 3,
               1e-12);
      FV_CLOSE(r->porosity, eps, 1e-12);
      FV_CLOSE(r->c_max, cmax, 1e-12);
      FV_CLOSE(r->thickness, Num(el[i], "Thickness [m]"), 1e-12);
      FV_CLOSE(r->sigma, Num(el[i], "Conductivity [S.m-1]"), 1e-12);
      FV_CHECK(r->brugg_s == 0, "bruggeman_solid %g, expected 0", (double)r->brugg_s);
      /* j0 = F k sqrt(c_e/c_e0 sto (1 - sto)) = F k0 c_e^0.5 c_s^0.5 (c_max - c_s)^0.5 */
      FV_CLOSE(k0, Num(el[i], "Reaction rate constant [mol.m-2.s-1]") / (cmax * sqrt(ce0)), 1e-12);
      FV_CLOSE(r->sto0, i == 0 ? smax : smin, 1e-12);
    }
    FV_CLOSE(pow(c.region[FV_SEP].porosity, c.region[FV_SEP].brugg_e),
             Num(sep, "Transport efficiency"), 1e-12);
  }

  /* 2. expressions vs their tables */
  {
    struct {
      json_t *o;
      const char *key;
      const FvProperty *p;
      double b;
    } f[] = {{ely, "Conductivity [S.m-1]", &c.electrolyte.kappa, 4 * ce0},
             {ely, "Diffusivity [m2.s-1]", &c.electrolyte.D, 4 * ce0},
             {neg, "OCP [V]", &c.region[FV_NEG].ocp, 1},
             {pos, "OCP [V]", &c.region[FV_POS].ocp, 1},
             {neg, "Diffusivity [m2.s-1]", &c.region[FV_NEG].Ds, 1},
             {pos, "Diffusivity [m2.s-1]", &c.region[FV_POS].Ds, 1}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
      json_t *v = json_object_get(f[i].o, f[i].key);
      double err;
      if (!json_is_string(v)) continue;
      err = ExprError(json_string_value(v), f[i].p, 0, f[i].b, c.R);
      printf("%-24s %-22s sampled table vs expression: max relative error %.2e\n", f[i].p->name,
             f[i].key, err);
      FV_CHECK(err <= 1e-4, "%s: table differs from the expression by %g (relative)", f[i].p->name,
               err);
    }
  }

  /* 3. a 1C discharge against the nominal capacity and the published series */
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, 1.0, Observe, &ctx, &res));
  {
    double Q = res.capacity * area * npairs; /* A h */
    printf(
        "1C discharge: %s; %.4f A h/m2 = %.4f A h (nominal %.4g A h, %+.2f %%), OCV(t=0) %.4f V\n",
        res.reason, (double)res.capacity, Q, Qnom, 100 * (Q / Qnom - 1), (double)ctx.ocv0);
    FV_CHECK(res.ok, "discharge failed: %s", res.reason);
    FV_CHECK(fabs(Q / Qnom - 1) <= 0.05, "1C capacity %g A h, nominal %g A h", Q, Qnom);
  }
  {
    json_t *val = json_object_get(json_object_get(root, "Validation"), "1C discharge");
    if (val) {
      json_t *jt = json_object_get(val, "Time [s]"), *jv = json_object_get(val, "Voltage [V]");
      size_t n     = json_array_size(jt);
      double worst = 0, ss = 0, tlast = json_number_value(json_array_get(jt, n - 1)),
             vlast = json_number_value(json_array_get(jv, n - 1)), tcross = NAN;
      int m = 0;
      for (size_t i = 0; i < n; i++) {
        double t = json_number_value(json_array_get(jt, i)),
               v = json_number_value(json_array_get(jv, i)), d;
        if (t < 200 || t > 3400) continue;
        d     = Interp(&ctx, t) - v;
        worst = fmax(worst, fabs(d));
        ss += d * d, m++;
      }
      for (PetscInt k = 1; k < ctx.n; k++)
        if (ctx.v[k] <= vlast) {
          tcross = ctx.t[k - 1] +
                   (ctx.t[k] - ctx.t[k - 1]) * (ctx.v[k - 1] - vlast) / (ctx.v[k - 1] - ctx.v[k]);
          break;
        }
      printf("vs the published 1C series (%d points, 200-3400 s): max |dV| %.1f mV, RMS %.1f mV; V "
             "= %.4f V at %.0f s "
             "(published %.0f s); OCV(t=0) %.4f V vs published V(0) %.4f V\n",
             m, 1e3 * worst, 1e3 * sqrt(ss / m), vlast, tcross, tlast, (double)ctx.ocv0,
             json_number_value(json_array_get(jv, 0)));
      FV_CHECK(worst <= 0.030, "voltage departs from the published series by %g V", worst);
      FV_CHECK(sqrt(ss / m) <= 0.015, "RMS deviation from the published series %g V", sqrt(ss / m));
      FV_CHECK(fabs(tcross / tlast - 1) <= 0.02, "reaches %g V at %g s, published %g s", vlast,
               tcross, tlast);
      FV_CHECK(fabs(ctx.ocv0 - json_number_value(json_array_get(jv, 0))) <= 0.010, "OCV(t=0) %g V",
               (double)ctx.ocv0);
    }
  }
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  json_decref(root);
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
