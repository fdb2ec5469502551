/* bpx.c -- BPX JSON to an fvcell case (see bpx.h; the mapping is documented in docs/bpx.md).
 *
 * Conventions of BPX (the BPX standard document and PyBaMM's BPX reader, which fvcell follows so
 * an imported cell gives PyBaMM's answers):
 *  - Exchange current j0 = F k sqrt((c_e/c_e0) (c_s/c_max) (1 - c_s/c_max)) with k the "Reaction
 *    rate constant [mol.m-2.s-1]" and c_e0 the initial electrolyte concentration; symmetric
 *    Butler-Volmer j = 2 j0 sinh(F eta / 2RT).  fvcell's j0 = m c_e^0.5 c_s^0.5 (c_max - c_s)^0.5
 *    (alpha_a = alpha_c = 0.5), so m = F k / (c_max sqrt(c_e0)).
 *  - "Transport efficiency" tau = eps^b: the Bruggeman exponent is b = ln(tau) / ln(eps), which
 *    keeps both the porosity and the effective transport of the file.
 *  - "Surface area per unit volume" a = 3 eps_s / R for spheres: eps_s = a R / 3.
 *  - The electrode "Conductivity" is already effective: bruggeman_solid 0.
 *  - Activation energies multiply by exp(E/R (1/T_ref - 1/T)), T_ref the "Reference temperature".
 *  - The thermodynamic factor is 1 (BPX has none; PyBaMM's reader uses 1).
 *  - 1C = nominal capacity / (electrode area x number of electrode pairs) / 1 h.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "bpx.h"
#include "case.h"
#include "edit_distance.h"
#include "expression.h"

#define BPX_F 96485.33212 /* C mol-1, CODATA 2018 (exact since 2019) */
#define BPX_R 8.314462618 /* J mol-1 K-1 */
#define BPX_MSG 2048
/* Adaptive sampling of an expression (docs/bpx.md): the midpoint of every table interval is
 * within BPX_SAMPLE_RTOL (|f| + median |f|) of the straight line through its ends. */
#define BPX_SAMPLE_INITIAL 129
#define BPX_SAMPLE_RTOL 1e-5
#define BPX_SAMPLE_MAX_DEPTH 22
#define BPX_SAMPLE_MAX_POINTS 50000
/* electrolyte functions of concentration are tabulated on [0, this x c_e0] and extrapolated */
#define BPX_CONC_RANGE 5.0

typedef struct {
  const char *json; /* the file, for messages */
  char dir[FV_PATH_LEN], stem[FV_PATH_LEN];
  FILE *out;
  int failed;
  char msg[BPX_MSG];
  double Tref, ce0, soc;
  int ntables;
} Imp;

static void Fail(Imp *im, const char *field, const char *value, const char *fmt, ...)
    PETSC_ATTRIBUTE_FORMAT(4, 5);
static void Fail(Imp *im, const char *field, const char *value, const char *fmt, ...) {
  char what[1024];
  va_list ap;
  if (im->failed) return;
  im->failed = 1;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  if (value)
    snprintf(im->msg, sizeof im->msg, "%s: %s: %.80s: expected %s", im->json, field, value, what);
  else
    snprintf(im->msg, sizeof im->msg, "%s: %s: expected %s", im->json, field, what);
}

/* Shortest decimal that reads back as v. */
static const char *G(char *buf, size_t n, double v) {
  if (v == floor(v) && fabs(v) < 1e15) { /* 17100, not 1.71e+04 */
    snprintf(buf, n, "%.0f", v);
    return buf;
  }
  for (int p = 1; p <= 17; p++) {
    snprintf(buf, n, "%.*g", p, v);
    if (strtod(buf, NULL) == v) break;
  }
  return buf;
}

/* A JSON value as short text, for messages. */
static void JText(json_t *v, char *buf, size_t n) {
  char *s;
  if (json_is_number(v)) {
    char b[32];
    snprintf(buf, n, "%s", G(b, sizeof b, json_number_value(v)));
    return;
  }
  s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
  snprintf(buf, n, "%s", s ? s : "(missing)");
  free(s);
}

/* Every key of obj must be one of known (NULL-terminated). */
static void CheckKeys(Imp *im, json_t *obj, const char *path, const char *const *known) {
  const char *key;
  json_t *v;
  if (im->failed) return;
  json_object_foreach(obj, key, v) {
    const char *best = NULL;
    size_t bestd     = FV_EDIT_FAR;
    int found        = 0;
    char field[512];
    for (const char *const *k = known; *k; k++) {
      const size_t d = FvEditDistance(key, *k, 0);
      if (!d) found = 1;
      if (d < bestd) bestd = d, best = *k;
    }
    if (found) continue;
    snprintf(field, sizeof field, "%s.%s", path, key);
    if (best && bestd <= 1 + strlen(key) / 4)
      Fail(im, field, NULL, "a BPX field (unknown field; did you mean \"%s\"?)", best);
    else
      Fail(im, field, NULL, "a BPX field of this section (unknown field)");
    return;
  }
}

/* An object member that must be a JSON object. */
static json_t *GetObject(Imp *im, json_t *obj, const char *path, const char *key, int required) {
  json_t *v = json_object_get(obj, key);
  char field[512], txt[128];
  if (im->failed) return NULL;
  snprintf(field, sizeof field, "%s%s%s", path, path[0] ? "." : "", key);
  if (!v) {
    if (required) Fail(im, field, NULL, "a section (missing)");
    return NULL;
  }
  if (!json_is_object(v)) {
    JText(v, txt, sizeof txt);
    Fail(im, field, txt, "a JSON object (a section of fields)");
    return NULL;
  }
  return v;
}

/* A number (a JSON number, or a string holding only a number) in [lo, hi]. */
static int GetNum(Imp *im, json_t *obj, const char *path, const char *key, int required, double lo,
                  double hi, const char *what, double *val) {
  json_t *v = json_object_get(obj, key);
  char field[512], txt[128];
  double x;
  if (im->failed) return 0;
  snprintf(field, sizeof field, "%s.%s", path, key);
  if (!v) {
    if (required) Fail(im, field, NULL, "%s (missing)", what);
    return 0;
  }
  JText(v, txt, sizeof txt);
  if (json_is_number(v))
    x = json_number_value(v);
  else if (json_is_string(v)) {
    char *end;
    const char *s = json_string_value(v);
    x             = strtod(s, &end);
    while (*end == ' ')
      end++;
    if (end == s || *end) {
      Fail(im, field, txt, "%s (a number)", what);
      return 0;
    }
  } else {
    Fail(im, field, txt, "%s (a number)", what);
    return 0;
  }
  if (!isfinite(x) || x < lo || x > hi) {
    Fail(im, field, txt, "%s", what);
    return 0;
  }
  *val = x;
  return 1;
}

/* text on one line (a YAML or CSV comment): line breaks become spaces */
static void OneLine(char *dst, size_t n, const char *src) {
  snprintf(dst, n, "%s", src);
  for (char *c = dst; *c; c++)
    if (*c == '\n' || *c == '\r') *c = ' ';
}

/* ---- tables ------------------------------------------------------------------------------- */

typedef struct {
  double *x, *y;
  int n, cap;
} Pts;

static void PtsAdd(Pts *p, double x, double y) {
  if (p->n < p->cap) p->x[p->n] = x, p->y[p->n++] = y;
}

typedef struct {
  FvExpr e;
  double atol;
  int bad;
  double badx;
} Sampler;

static double Tol(const Sampler *s, double f) {
  return BPX_SAMPLE_RTOL * fabs(f) + s->atol;
}

/* Append x0 (and the midpoint when refined no further) of [x0, x1], splitting the interval until
 * the midpoint lies on the chord within the tolerance. */
static void Refine(Sampler *s, Pts *p, double x0, double f0, double x1, double f1, int depth) {
  double xm = 0.5 * (x0 + x1), fm = FvExprEval(s->e, xm);
  if (s->bad) return;
  if (!isfinite(fm)) {
    s->bad = 1, s->badx = xm;
    return;
  }
  if (depth < BPX_SAMPLE_MAX_DEPTH && fabs(fm - 0.5 * (f0 + f1)) > Tol(s, fm)) {
    Refine(s, p, x0, f0, xm, fm, depth + 1);
    Refine(s, p, xm, fm, x1, f1, depth + 1);
    return;
  }
  PtsAdd(p, x0, f0);
  PtsAdd(p, xm, fm);
}

static int CmpAbs(const void *a, const void *b) {
  double x = fabs(*(const double *)a), y = fabs(*(const double *)b);
  return (x > y) - (x < y);
}

/* Sample expression e on [a, b] into p.  *open: an end was moved inwards because e is not finite
 * there (log(x) at 0): the table then needs extrapolation to reach it. */
static PetscErrorCode Sample(Imp *im, const char *field, const char *text, FvExpr e, double a,
                             double b, Pts *p, int *open) {
  Sampler s = {e, 0, 0, 0};
  double xs[BPX_SAMPLE_INITIAL], fs[BPX_SAMPLE_INITIAL], mags[BPX_SAMPLE_INITIAL];
  const double nudge = 1e-9 * (b - a);
  PetscFunctionBeginUser;
  *open = 0;
  if (!isfinite(FvExprEval(e, a))) a += nudge, *open = 1;
  if (!isfinite(FvExprEval(e, b))) b -= nudge, *open = 1;
  for (int i = 0; i < BPX_SAMPLE_INITIAL; i++) {
    xs[i] = i == BPX_SAMPLE_INITIAL - 1 ? b : a + (b - a) * i / (BPX_SAMPLE_INITIAL - 1);
    fs[i] = FvExprEval(e, xs[i]);
    if (!isfinite(fs[i])) {
      char msg[128];
      snprintf(msg, sizeof msg, "a function finite on [%g, %g] (it is %g at x = %g)", a, b, fs[i],
               xs[i]);
      Fail(im, field, text, "%s", msg);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    mags[i] = fs[i];
  }
  qsort(mags, BPX_SAMPLE_INITIAL, sizeof mags[0], CmpAbs);
  s.atol = BPX_SAMPLE_RTOL * fabs(mags[BPX_SAMPLE_INITIAL / 2]);
  if (s.atol == 0) s.atol = 1e-300;
  p->n   = 0;
  p->cap = BPX_SAMPLE_MAX_POINTS;
  PetscCall(PetscMalloc2(p->cap, &p->x, p->cap, &p->y));
  for (int i = 0; i + 1 < BPX_SAMPLE_INITIAL && !s.bad; i++)
    Refine(&s, p, xs[i], fs[i], xs[i + 1], fs[i + 1], 0);
  PtsAdd(p, xs[BPX_SAMPLE_INITIAL - 1], fs[BPX_SAMPLE_INITIAL - 1]);
  if (s.bad)
    Fail(im, field, text, "a function finite on [%g, %g] (it is not at x = %g)", a, b, s.badx);
  else if (p->n >= p->cap)
    Fail(im, field, text, "a function a table of %d points can follow to %g relative error",
         BPX_SAMPLE_MAX_POINTS, BPX_SAMPLE_RTOL);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Write a two-column CSV (x, y in SI) next to the case; name is its file name. */
static PetscErrorCode WriteCsv(Imp *im, const char *name, const char *header, const Pts *p,
                               const char *xname, const char *yname) {
  char path[2 * FV_PATH_LEN], b1[32], b2[32];
  FILE *f;
  PetscFunctionBeginUser;
  snprintf(path, sizeof path, "%s%s", im->dir, name);
  f = fopen(path, "w");
  if (!f) {
    Fail(im, "output", path, "a writable file (%s)", strerror(errno));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  fprintf(f, "%s%s,%s\n", header, xname, yname);
  for (int i = 0; i < p->n; i++)
    fprintf(f, "%s,%s\n", G(b1, sizeof b1, p->x[i]), G(b2, sizeof b2, p->y[i]));
  if (fclose(f)) Fail(im, "output", path, "a writable file (%s)", strerror(errno));
  im->ntables++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

typedef enum { ARG_STO, ARG_CONC } Arg;

/* A string holding only a number ("3.3e-14"): BPX allows constants written as strings. */
static int IsNumber(const char *s) {
  char *end;
  strtod(s, &end);
  while (*end == ' ')
    end++;
  return end != s && !*end;
}

/* Write `key: VALUE` for a BPX FloatFunctionTable: a constant, an expression in x (sampled) or a
 * table {"x": [...], "y": [...]}.  tname: the CSV name part ("negative_ocp"); unit: the SI unit
 * of y; ea_key: the BPX activation energy field in the same object (or NULL). */
static PetscErrorCode Prop(Imp *im, json_t *obj, const char *path, const char *bkey, int indent,
                           const char *key, const char *tname, const char *unit, Arg arg,
                           const char *interp_table, const char *ea_key, double lo, double hi) {
  json_t *v = json_object_get(obj, bkey);
  char field[512], txt[256], b1[32], b2[32], arr[160] = "", csv[FV_PATH_LEN + 64];
  double Ea = 0, val;
  int hasEa = 0;
  PetscFunctionBeginUser;
  if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
  snprintf(field, sizeof field, "%s.%s", path, bkey);
  if (ea_key)
    hasEa = GetNum(im, obj, path, ea_key, 0, -1e7, 1e7, "an activation energy in J/mol", &Ea);
  if (hasEa)
    snprintf(arr, sizeof arr, ", activation_energy: \"%s J/mol\", reference_temperature: \"%s K\"",
             G(b1, sizeof b1, Ea), G(b2, sizeof b2, im->Tref));
  if (!v) {
    Fail(im, field, NULL,
         "a number, an expression in x or a table {\"x\": [...], \"y\": [...]} "
         "(missing)");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  JText(v, txt, sizeof txt);
  if (json_is_number(v) || (json_is_string(v) && IsNumber(json_string_value(v)))) {
    val = json_is_number(v) ? json_number_value(v) : strtod(json_string_value(v), NULL);
    if (!isfinite(val) || val < lo || val > hi) {
      Fail(im, field, txt, "a value in [%g, %g] %s", lo, hi, unit);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (hasEa)
      fprintf(im->out, "%*s%s: {value: \"%s %s\"%s}   # %s%s%s\n", indent, "", key,
              G(b1, sizeof b1, val), unit, arr, bkey, ea_key ? ", " : "", ea_key ? ea_key : "");
    else
      fprintf(im->out, "%*s%s: \"%s %s\"   # %s\n", indent, "", key, G(b1, sizeof b1, val), unit,
              bkey);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  snprintf(csv, sizeof csv, "%s_%s.csv", im->stem, tname);
  if (json_is_string(v)) { /* an expression in x */
    const char *text = json_string_value(v);
    char why[512], header[2 * FV_EXPR_MAX_LEN + 1024], line[FV_EXPR_MAX_LEN + 1];
    FvExpr e;
    Pts p    = {NULL, NULL, 0, 0};
    int open = 0;
    double a = 0, b = arg == ARG_STO ? 1 : BPX_CONC_RANGE * im->ce0;
    PetscCall(FvExprParse(text, &e, why, sizeof why));
    if (!e) {
      Fail(im, field, txt,
           "an expression in x (Python syntax, e.g. \"2.5e-10 * exp(-x / 1000)\"): %s", why);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    OneLine(line, sizeof line, text);
    PetscCall(Sample(im, field, txt, e, a, b, &p, &open));
    PetscCall(FvExprDestroy(&e));
    if (!im->failed) {
      for (int i = 0; i < p.n && !im->failed; i++)
        if (p.y[i] < lo || p.y[i] > hi)
          Fail(im, field, txt, "values in [%g, %g] %s (it is %g at x = %g)", lo, hi, unit, p.y[i],
               p.x[i]);
    }
    if (!im->failed) {
      snprintf(header, sizeof header,
               "# BPX %s = %s\n# sampled by fvcell import-bpx: %d points, midpoints within %g "
               "relative of the chord\n",
               field, line, p.n, BPX_SAMPLE_RTOL);
      PetscCall(
          WriteCsv(im, csv, header, &p, arg == ARG_STO ? "sto" : "concentration_mol_m3", unit));
    }
    PetscCall(PetscFree2(p.x, p.y));
    if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
    fprintf(im->out, "%*s# %s: \"%s\"\n", indent, "", bkey, line);
    fprintf(im->out, "%*s%s: {table: %s, x: %s, interpolation: steffen%s%s}\n", indent, "", key,
            csv, arg == ARG_STO ? "sto" : "concentration",
            arg == ARG_CONC || open ? ", extrapolate: true" : "", arr);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (json_is_object(v)) { /* {"x": [...], "y": [...]} */
    json_t *jx = json_object_get(v, "x"), *jy = json_object_get(v, "y");
    static const char *const tkeys[] = {"x", "y", NULL};
    Pts p                            = {NULL, NULL, 0, 0};
    char header[1024];
    CheckKeys(im, v, field, tkeys);
    if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
    if (!json_is_array(jx) || !json_is_array(jy) || json_array_size(jx) != json_array_size(jy) ||
        json_array_size(jx) < 2) {
      Fail(im, field, txt,
           "a table {\"x\": [...], \"y\": [...]} of two arrays of the same length >= 2");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    p.cap = (int)json_array_size(jx);
    PetscCall(PetscMalloc2(p.cap, &p.x, p.cap, &p.y));
    for (int i = 0; i < p.cap && !im->failed; i++) {
      json_t *xi = json_array_get(jx, (size_t)i), *yi = json_array_get(jy, (size_t)i);
      if (!json_is_number(xi) || !json_is_number(yi) || !isfinite(json_number_value(xi)) ||
          !isfinite(json_number_value(yi)))
        Fail(im, field, txt, "numbers in x and y (point %d is not)", i + 1);
      else if (i && !(json_number_value(xi) > p.x[i - 1]))
        Fail(im, field, txt, "x increasing strictly (point %d: x = %g after %g)", i + 1,
             json_number_value(xi), p.x[i - 1]);
      else if (json_number_value(yi) < lo || json_number_value(yi) > hi)
        Fail(im, field, txt, "y values in [%g, %g] %s (point %d is %g)", lo, hi, unit, i + 1,
             json_number_value(yi));
      else
        PtsAdd(&p, json_number_value(xi), json_number_value(yi));
    }
    if (!im->failed) {
      snprintf(header, sizeof header, "# BPX %s, the table as given\n", field);
      PetscCall(
          WriteCsv(im, csv, header, &p, arg == ARG_STO ? "sto" : "concentration_mol_m3", unit));
    }
    PetscCall(PetscFree2(p.x, p.y));
    if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
    /* PyBaMM's BPX reader interpolates tables linearly and extrapolates linearly */
    fprintf(im->out, "%*s%s: {table: %s, x: %s, interpolation: %s, extrapolate: true%s}   # %s\n",
            indent, "", key, csv, arg == ARG_STO ? "sto" : "concentration", interp_table, arr,
            bkey);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  Fail(im, field, txt, "a number, an expression in x or a table {\"x\": [...], \"y\": [...]}");
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A field fvcell's isothermal model does not use: kept as a comment. */
static void Note(Imp *im, json_t *obj, const char *bkey, int indent, const char *why) {
  json_t *v = json_object_get(obj, bkey);
  char txt[256];
  if (!v || im->failed) return;
  JText(v, txt, sizeof txt);
  fprintf(im->out, "%*s# not used (%s): %s = %s\n", indent, "", why, bkey, txt);
}

/* ---- sections ----------------------------------------------------------------------------- */

static const char *const cell_keys[] = {
    "Initial temperature [K]",
    "Ambient temperature [K]",
    "Reference temperature [K]",
    "Lower voltage cut-off [V]",
    "Upper voltage cut-off [V]",
    "Nominal cell capacity [A.h]",
    "Specific heat capacity [J.K-1.kg-1]",
    "Thermal conductivity [W.m-1.K-1]",
    "Density [kg.m-3]",
    "Electrode area [m2]",
    "Number of electrode pairs connected in parallel to make a cell",
    "External surface area [m2]",
    "Volume [m3]",
    NULL};
static const char *const electrolyte_keys[] = {"Initial concentration [mol.m-3]",
                                               "Cation transference number",
                                               "Conductivity [S.m-1]",
                                               "Diffusivity [m2.s-1]",
                                               "Conductivity activation energy [J.mol-1]",
                                               "Diffusivity activation energy [J.mol-1]",
                                               NULL};
static const char *const electrode_keys[]   = {
      "Particle radius [m]", "Thickness [m]", "Diffusivity [m2.s-1]", "OCP [V]",
      "Entropic change coefficient [V.K-1]", "Conductivity [S.m-1]",
      "Surface area per unit volume [m-1]", "Porosity", "Transport efficiency",
      "Reaction rate constant [mol.m-2.s-1]", "Minimum stoichiometry", "Maximum stoichiometry",
      "Maximum concentration [mol.m-3]", "Diffusivity activation energy [J.mol-1]",
      "Reaction rate constant activation energy [J.mol-1]",
      /* refused with a reason below */
      "Particle", "OCP (delithiation) [V]", "OCP (lithiation) [V]", "OCP hysteresis decay constant",
      NULL};
static const char *const separator_keys[] = {"Thickness [m]", "Porosity", "Transport efficiency",
                                             NULL};

/* Bruggeman exponent from porosity and transport efficiency. */
static void Bruggeman(Imp *im, json_t *obj, const char *path, int indent, double *eps) {
  double tau, b;
  char b1[32], b2[32], b3[32], field[512];
  if (!GetNum(im, obj, path, "Porosity", 1, 1e-9, 1, "a porosity in (0, 1]", eps)) return;
  if (!GetNum(im, obj, path, "Transport efficiency", 1, 1e-12, 1,
              "a transport efficiency in (0, 1]", &tau))
    return;
  fprintf(im->out, "%*sporosity: %s   # Porosity\n", indent, "", G(b1, sizeof b1, *eps));
  if (*eps >= 1) { /* no matrix: the efficiency must be 1 too */
    b = 1.5;
    if (tau < 1) {
      snprintf(field, sizeof field, "%s.Transport efficiency", path);
      Fail(im, field, G(b1, sizeof b1, tau), "1 when the porosity is 1");
      return;
    }
  } else
    b = log(tau) / log(*eps);
  fprintf(im->out, "%*sbruggeman: %s   # ln(Transport efficiency %s) / ln(Porosity %s)\n", indent,
          "", G(b1, sizeof b1, b), G(b2, sizeof b2, tau), G(b3, sizeof b3, *eps));
}

static PetscErrorCode Electrode(Imp *im, json_t *root, const char *name, int neg) {
  char path[128], b1[32], b2[32], b3[32], b4[32];
  json_t *e;
  double L, R, a, sigma, cmax, smin, smax, k, eps, sto;
  PetscFunctionBeginUser;
  snprintf(path, sizeof path, "Parameterisation.%s", name);
  e = GetObject(im, root, "Parameterisation", name, 1);
  if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
  CheckKeys(im, e, path, electrode_keys);
  if (json_object_get(e, "Particle")) {
    Fail(im, path, "{\"Particle\": ...}",
         "a single active material (blended electrodes are not supported by fvcell)");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  {
    const char *hyst[] = {"OCP (delithiation) [V]", "OCP (lithiation) [V]",
                          "OCP hysteresis decay constant"};
    for (int i = 0; i < 3; i++)
      if (json_object_get(e, hyst[i])) {
        char field[256];
        snprintf(field, sizeof field, "%s.%s", path, hyst[i]);
        Fail(im, field, NULL, "no OCP hysteresis (fvcell has a single OCP per material)");
        PetscFunctionReturn(PETSC_SUCCESS);
      }
  }
  GetNum(im, e, path, "Thickness [m]", 1, 1e-9, 1, "a thickness in m, in (0, 1]", &L);
  GetNum(im, e, path, "Particle radius [m]", 1, 1e-10, 1e-2, "a particle radius in m", &R);
  GetNum(im, e, path, "Surface area per unit volume [m-1]", 1, 1, 1e12,
         "a specific surface area in m-1", &a);
  GetNum(im, e, path, "Conductivity [S.m-1]", 1, 1e-12, 1e9, "a positive conductivity in S/m",
         &sigma);
  GetNum(im, e, path, "Maximum concentration [mol.m-3]", 1, 1, 1e7,
         "a positive concentration in mol/m3", &cmax);
  GetNum(im, e, path, "Minimum stoichiometry", 1, 0, 1, "a stoichiometry in [0, 1]", &smin);
  GetNum(im, e, path, "Maximum stoichiometry", 1, 0, 1, "a stoichiometry in [0, 1]", &smax);
  GetNum(im, e, path, "Reaction rate constant [mol.m-2.s-1]", 1, 1e-30, 1e6,
         "a positive rate constant in mol/m2/s", &k);
  if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!(smin < smax)) {
    char field[256];
    snprintf(field, sizeof field, "%s.Maximum stoichiometry", path);
    Fail(im, field, G(b1, sizeof b1, smax), "a value above the Minimum stoichiometry %s",
         G(b2, sizeof b2, smin));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* SOC 1 = the negative at its maximum, the positive at its minimum stoichiometry */
  sto = neg ? smax - (1 - im->soc) * (smax - smin) : smin + (1 - im->soc) * (smax - smin);
  fprintf(im->out, "%s:\n", neg ? "negative" : "positive");
  fprintf(im->out, "  thickness: \"%s m\"   # Thickness [m]\n", G(b1, sizeof b1, L));
  fprintf(im->out, "  cells: %d\n", FV_BPX_CELLS_ELECTRODE);
  Bruggeman(im, e, path, 2, &eps);
  if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
  {
    double es = a * R / 3;
    if (!(es > 0 && es + eps <= 1 + 1e-12)) {
      char field[256];
      snprintf(field, sizeof field, "%s.Surface area per unit volume [m-1]", path);
      Fail(im, field, G(b1, sizeof b1, a),
           "a R / 3 + Porosity <= 1 (the active fraction a R / 3 is %g, the porosity %g)", es, eps);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    fprintf(im->out,
            "  active_fraction: %s   # Surface area per unit volume %s m-1 x Particle radius / 3\n",
            G(b1, sizeof b1, PetscMin(es, 1 - eps)), G(b2, sizeof b2, a));
  }
  fprintf(im->out, "  conductivity: \"%s S/m\"   # Conductivity [S.m-1] (effective)\n",
          G(b1, sizeof b1, sigma));
  fprintf(im->out, "  bruggeman_solid: 0   # BPX gives the effective conductivity\n");
  fprintf(im->out, "  particle_radius: \"%s m\"   # Particle radius [m]\n", G(b1, sizeof b1, R));
  fprintf(im->out, "  particle_shells: %d\n", FV_BPX_SHELLS);
  fprintf(im->out, "  max_concentration: \"%s mol/m3\"   # Maximum concentration [mol.m-3]\n",
          G(b1, sizeof b1, cmax));
  fprintf(im->out,
          "  initial_stoichiometry: %s   # state of charge %s between Minimum stoichiometry %s "
          "and Maximum stoichiometry %s\n",
          G(b1, sizeof b1, sto), G(b2, sizeof b2, im->soc), G(b3, sizeof b3, smin),
          G(b4, sizeof b4, smax));
  PetscCall(Prop(im, e, path, "OCP [V]", 2, "ocp", neg ? "negative_ocp" : "positive_ocp", "V",
                 ARG_STO, "steffen", NULL, -HUGE_VAL, HUGE_VAL));
  PetscCall(Prop(im, e, path, "Diffusivity [m2.s-1]", 2, "diffusivity",
                 neg ? "negative_diffusivity" : "positive_diffusivity", "m2/s", ARG_STO, "linear",
                 "Diffusivity activation energy [J.mol-1]", 1e-30, 1));
  if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
  {
    double Ea = 0, m = BPX_F * k / (cmax * sqrt(im->ce0));
    int hasEa = GetNum(im, e, path, "Reaction rate constant activation energy [J.mol-1]", 0, -1e7,
                       1e7, "an activation energy in J/mol", &Ea);
    fprintf(im->out, "  kinetics:\n");
    fprintf(im->out,
            "    # Reaction rate constant %s mol/m2/s: j0 = F k sqrt(c_e/c_e0 sto (1 - sto)) = m "
            "sqrt(c_e c_s (c_max - c_s))\n",
            G(b1, sizeof b1, k));
    fprintf(im->out,
            "    exchange_current_coefficient: \"%s A m^2.5 mol^-1.5\"   # m = F k / (c_max "
            "sqrt(c_e0))\n",
            G(b1, sizeof b1, m));
    fprintf(im->out, "    alpha_a: 0.5\n    alpha_c: 0.5   # symmetric Butler-Volmer\n");
    if (hasEa)
      fprintf(im->out,
              "    activation_energy: \"%s J/mol\"   # Reaction rate constant activation energy\n"
              "    reference_temperature: \"%s K\"   # Reference temperature [K]\n",
              G(b1, sizeof b1, Ea), G(b2, sizeof b2, im->Tref));
  }
  if (json_object_get(e, "Entropic change coefficient [V.K-1]")) {
    json_t *v = json_object_get(e, "Entropic change coefficient [V.K-1]");
    char line[1024];
    if (json_is_string(v))
      OneLine(line, sizeof line, json_string_value(v));
    else
      JText(v, line, sizeof line);
    fprintf(im->out, "  # not used (isothermal model): Entropic change coefficient [V.K-1] = %s\n",
            line);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The Validation section: each experiment as a CSV next to the case. */
static PetscErrorCode Validation(Imp *im, json_t *val) {
  const char *name;
  json_t *x;
  static const char *const keys[] = {"Time [s]", "Current [A]", "Voltage [V]", "Temperature [K]",
                                     NULL};
  PetscFunctionBeginUser;
  json_object_foreach(val, name, x) {
    char path[512], csv[FV_PATH_LEN + 300], file[2 * FV_PATH_LEN + 300], slug[256];
    size_t n = 0;
    json_t *col[4];
    FILE *f;
    snprintf(path, sizeof path, "Validation.%s", name);
    if (!json_is_object(x)) {
      Fail(im, path, NULL, "an experiment {\"Time [s]\": [...], ...}");
      break;
    }
    CheckKeys(im, x, path, keys);
    for (int j = 0; j < 4 && !im->failed; j++) {
      col[j] = json_object_get(x, keys[j]);
      if (!col[j] && j < 3) {
        Fail(im, path, NULL, "the column %s (missing)", keys[j]);
        break;
      }
      if (col[j] && (!json_is_array(col[j]) || (j && json_array_size(col[j]) != n))) {
        Fail(im, path, keys[j], "an array as long as Time [s]");
        break;
      }
      if (!j) n = json_array_size(col[j]);
    }
    if (im->failed) break;
    {
      size_t k = 0;
      for (const char *c = name; *c && k + 1 < sizeof slug; c++)
        slug[k++] =
            (char)((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')
                       ? *c
                       : '_');
      slug[k] = 0;
    }
    snprintf(csv, sizeof csv, "%s_validation_%s.csv", im->stem, slug);
    snprintf(file, sizeof file, "%s%s", im->dir, csv);
    f = fopen(file, "w");
    if (!f) {
      Fail(im, "output", file, "a writable file (%s)", strerror(errno));
      break;
    }
    OneLine(slug, sizeof slug, name);
    fprintf(f, "# BPX Validation \"%s\" (cell current A, negative on discharge)\n", slug);
    fprintf(f, "time_s,current_A,voltage_V%s\n", col[3] ? ",temperature_K" : "");
    for (size_t i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        char b[32];
        if (!col[j]) continue;
        fprintf(f, "%s%s", j ? "," : "",
                G(b, sizeof b, json_number_value(json_array_get(col[j], i))));
      }
      fprintf(f, "\n");
    }
    fclose(f);
    fprintf(im->out, "# Validation \"%s\": %d points in %s\n", slug, (int)n, csv);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Import(Imp *im, json_t *root, const char *yaml_path) {
  static const char *const top_keys[] = {"Header", "Parameterisation", "State", "Validation", NULL};
  static const char *const head_keys[] = {"BPX",        "Title", "Description",
                                          "References", "Model", NULL};
  static const char *const par_keys[]  = {
       "Cell",         "Electrolyte", "Negative electrode", "Positive electrode", "Separator",
       "User-defined", NULL};
  static const char *const state_keys[] = {"Initial conditions", "Thermal state", "Degradation",
                                           NULL};
  static const char *const ic_keys[]    = {"Initial state-of-charge",
                                           "Initial temperature [K]",
                                           "Initial electrolyte concentration [mol.m-3]",
                                           "Initial hysteresis state: Positive electrode",
                                           "Initial hysteresis state: Negative electrode",
                                           NULL};
  json_t *head, *par, *cell, *ely, *sep, *state, *ic = NULL, *v;
  double version = 0, T = 0, Vlo, Vhi, Q, A, npairs = 1, eps, L;
  char b1[32], b2[32], b3[32], txt[256];
  const char *model = "DFN";
  PetscFunctionBeginUser;
  if (!json_is_object(root)) {
    Fail(im, "(top level)", NULL, "a JSON object with Header and Parameterisation");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  CheckKeys(im, root, "(top level)", top_keys);
  head = GetObject(im, root, "", "Header", 1);
  par  = GetObject(im, root, "", "Parameterisation", 1);
  if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
  CheckKeys(im, head, "Header", head_keys);
  CheckKeys(im, par, "Parameterisation", par_keys);
  v = json_object_get(head, "BPX");
  if (json_is_string(v)) /* "1.0.0" (1.x) or 0.1 (0.x): the major.minor is enough */
    version = strtod(json_string_value(v), NULL);
  else
    GetNum(im, head, "Header", "BPX", 1, 0, 1e9, "a BPX version 0.x or 1.x", &version);
  if (!im->failed && !(version >= 0 && version < 2)) {
    JText(json_object_get(head, "BPX"), txt, sizeof txt);
    Fail(im, "Header.BPX", txt, "a BPX version 0.x or 1.x");
  }
  v = json_object_get(head, "Model");
  if (v && !im->failed) {
    if (!json_is_string(v) ||
        (strcmp(json_string_value(v), "DFN") && strcmp(json_string_value(v), "SPMe") &&
         strcmp(json_string_value(v), "SPM"))) {
      JText(v, txt, sizeof txt);
      Fail(im, "Header.Model", txt,
           "DFN, SPMe or SPM (a Partial parameterisation does not describe a whole cell)");
    } else
      model = json_string_value(v);
  }
  state = GetObject(im, root, "", "State", 0);
  if (state) {
    CheckKeys(im, state, "State", state_keys);
    ic = GetObject(im, state, "State", "Initial conditions", 0);
    if (ic) CheckKeys(im, ic, "State.Initial conditions", ic_keys);
    if (json_object_get(state, "Degradation") && !im->failed) {
      JText(json_object_get(state, "Degradation"), txt, sizeof txt);
      Fail(im, "State.Degradation", txt, "no degradation state (fvcell starts from a fresh cell)");
    }
  }
  cell = GetObject(im, par, "Parameterisation", "Cell", 1);
  ely  = GetObject(im, par, "Parameterisation", "Electrolyte", 1);
  sep  = GetObject(im, par, "Parameterisation", "Separator", 1);
  if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
  CheckKeys(im, cell, "Parameterisation.Cell", cell_keys);
  CheckKeys(im, ely, "Parameterisation.Electrolyte", electrolyte_keys);
  CheckKeys(im, sep, "Parameterisation.Separator", separator_keys);
  /* the initial state: BPX 1.x keeps it in State, 0.x in Cell and Electrolyte */
  if (!(ic && GetNum(im, ic, "State.Initial conditions", "Initial temperature [K]", 0, 1, 2000,
                     "a temperature in K", &T)))
    GetNum(im, cell, "Parameterisation.Cell", "Initial temperature [K]", 1, 1, 2000,
           "a temperature in K (here or in State.Initial conditions)", &T);
  if (!(ic &&
        GetNum(im, ic, "State.Initial conditions", "Initial electrolyte concentration [mol.m-3]", 0,
               1e-6, 1e5, "a positive concentration in mol/m3", &im->ce0)))
    GetNum(im, ely, "Parameterisation.Electrolyte", "Initial concentration [mol.m-3]", 1, 1e-6, 1e5,
           "a positive concentration in mol/m3 (here or in State.Initial conditions)", &im->ce0);
  if (im->soc < 0 && ic)
    GetNum(im, ic, "State.Initial conditions", "Initial state-of-charge", 0, 0, 1,
           "a state of charge in [0, 1]", &im->soc);
  if (im->soc < 0) im->soc = 1;
  im->Tref = T;
  GetNum(im, cell, "Parameterisation.Cell", "Reference temperature [K]", 0, 1, 2000,
         "a temperature in K", &im->Tref);
  GetNum(im, cell, "Parameterisation.Cell", "Lower voltage cut-off [V]", 1, 0, 100,
         "a voltage in V", &Vlo);
  GetNum(im, cell, "Parameterisation.Cell", "Upper voltage cut-off [V]", 1, 0, 100,
         "a voltage in V", &Vhi);
  GetNum(im, cell, "Parameterisation.Cell", "Nominal cell capacity [A.h]", 1, 1e-12, 1e7,
         "a positive capacity in A h", &Q);
  GetNum(im, cell, "Parameterisation.Cell", "Electrode area [m2]", 1, 1e-12, 1e6,
         "a positive area in m2", &A);
  GetNum(im, cell, "Parameterisation.Cell",
         "Number of electrode pairs connected in parallel to make a cell", 0, 1, 1e6,
         "a number of electrode pairs >= 1", &npairs);
  if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!(Vlo < Vhi)) {
    Fail(im, "Parameterisation.Cell.Upper voltage cut-off [V]", G(b1, sizeof b1, Vhi),
         "a voltage above the lower cut-off %s V", G(b2, sizeof b2, Vlo));
    PetscFunctionReturn(PETSC_SUCCESS);
  }

  /* ---- the case ---- */
  fprintf(im->out, "# Imported from the BPX file %s by `fvcell import-bpx` (docs/bpx.md).\n",
          im->json);
  JText(json_object_get(head, "BPX"), txt, sizeof txt);
  fprintf(im->out, "# BPX version %s, model %s (fvcell solves the DFN model).\n", txt, model);
  {
    const char *hk[] = {"Title", "Description", "References"};
    for (int i = 0; i < 3; i++) {
      json_t *s = json_object_get(head, hk[i]);
      if (!json_is_string(s)) continue;
      fprintf(im->out, "# %s: ", hk[i]);
      for (const char *c = json_string_value(s); *c; c++)
        fputc(*c == '\n' ? ' ' : *c, im->out);
      fputc('\n', im->out);
    }
  }
  fprintf(im->out, "# Each key names the BPX field it comes from; functions are CSV tables next to "
                   "this file.\n");
  fprintf(im->out, "name: %s\n", im->stem);
  {
    json_t *t = json_object_get(head, "Title");
    fprintf(im->out, "description: \"");
    for (const char *c = json_is_string(t) ? json_string_value(t) : "imported from BPX"; *c; c++)
      if (*c != '"' && *c != '\\' && *c != '\n') fputc(*c, im->out);
    fprintf(im->out, "\"\n");
  }
  fprintf(im->out,
          "constants: {faraday: \"%s C/mol\", gas_constant: \"%s J/mol/K\"}   # CODATA 2018, as "
          "PyBaMM\n",
          G(b1, sizeof b1, BPX_F), G(b2, sizeof b2, BPX_R));
  fprintf(im->out, "temperature: \"%s K\"   # Initial temperature [K] (isothermal)\n",
          G(b1, sizeof b1, T));
  Note(im, cell, "Ambient temperature [K]", 0, "isothermal model");
  Note(im, cell, "Specific heat capacity [J.K-1.kg-1]", 0, "isothermal model");
  Note(im, cell, "Thermal conductivity [W.m-1.K-1]", 0, "isothermal model");
  Note(im, cell, "Density [kg.m-3]", 0, "isothermal model");
  Note(im, cell, "External surface area [m2]", 0, "isothermal model");
  Note(im, cell, "Volume [m3]", 0, "cell-level data");
  if (state && json_object_get(state, "Thermal state")) {
    JText(json_object_get(state, "Thermal state"), txt, sizeof txt);
    fprintf(im->out, "# not used (isothermal model): State.Thermal state = %s\n", txt);
  }
  if (json_object_get(par, "User-defined")) {
    JText(json_object_get(par, "User-defined"), txt, sizeof txt);
    fprintf(im->out, "# not used (fvcell does not know their meaning): User-defined = %s\n", txt);
  }
  fprintf(im->out, "electrolyte:\n");
  fprintf(
      im->out,
      "  initial_concentration: \"%s mol/m3\"   # Initial (electrolyte) concentration [mol.m-3]\n",
      G(b1, sizeof b1, im->ce0));
  fprintf(im->out, "  cation_charge: 1\n  cation_stoichiometry: 1\n  anion_stoichiometry: 1   # a "
                   "1:1 lithium salt\n");
  {
    double tp;
    if (GetNum(im, ely, "Parameterisation.Electrolyte", "Cation transference number", 1, -10, 1,
               "a transference number below 1", &tp))
      fprintf(im->out, "  transference_number: %s   # Cation transference number\n",
              G(b1, sizeof b1, tp));
  }
  fprintf(im->out, "  thermodynamic_factor: 1   # BPX has none (PyBaMM's reader uses 1)\n");
  PetscCall(Prop(im, ely, "Parameterisation.Electrolyte", "Conductivity [S.m-1]", 2, "conductivity",
                 "electrolyte_conductivity", "S/m", ARG_CONC, "linear",
                 "Conductivity activation energy [J.mol-1]", 0, 1e6));
  PetscCall(Prop(im, ely, "Parameterisation.Electrolyte", "Diffusivity [m2.s-1]", 2, "diffusivity",
                 "electrolyte_diffusivity", "m2/s", ARG_CONC, "linear",
                 "Diffusivity activation energy [J.mol-1]", 0, 1));
  PetscCall(Electrode(im, par, "Negative electrode", 1));
  if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
  fprintf(im->out, "separator:\n");
  GetNum(im, sep, "Parameterisation.Separator", "Thickness [m]", 1, 1e-9, 1,
         "a thickness in m, in (0, 1]", &L);
  if (!im->failed)
    fprintf(im->out, "  thickness: \"%s m\"   # Thickness [m]\n  cells: %d\n", G(b1, sizeof b1, L),
            FV_BPX_CELLS_SEPARATOR);
  Bruggeman(im, sep, "Parameterisation.Separator", 2, &eps);
  PetscCall(Electrode(im, par, "Positive electrode", 0));
  if (im->failed) PetscFunctionReturn(PETSC_SUCCESS);
  fprintf(im->out, "operation:\n");
  fprintf(im->out,
          "  one_c: \"%s A/m2\"   # Nominal cell capacity %s A.h / (Electrode area %s m2 x %g "
          "electrode pairs) / 1 h\n",
          G(b1, sizeof b1, Q / (A * npairs)), G(b2, sizeof b2, Q), G(b3, sizeof b3, A), npairs);
  fprintf(im->out, "  lower_cutoff: \"%s V\"   # Lower voltage cut-off [V]\n",
          G(b1, sizeof b1, Vlo));
  fprintf(im->out, "  upper_cutoff: \"%s V\"   # Upper voltage cut-off [V]\n",
          G(b1, sizeof b1, Vhi));
  fprintf(im->out, "  rates: [1]\n");
  if (json_object_get(root, "Validation")) {
    json_t *val = json_object_get(root, "Validation");
    if (!json_is_object(val))
      Fail(im, "Validation", NULL, "an object of experiments");
    else
      PetscCall(Validation(im, val));
  }
  (void)yaml_path;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvBpxImport(MPI_Comm comm, const char *json_path, const char *yaml_path,
                           PetscBool *ok) {
  PetscMPIInt rank;
  PetscReal soc = -1;
  PetscBool set;
  int okint = 1;
  PetscFunctionBeginUser;
  PetscOptionsBegin(comm, NULL, "BPX import (fvcell import-bpx)", NULL);
  PetscCall(PetscOptionsReal("-bpx_initial_soc",
                             "Initial state of charge in [0, 1] of the imported case (default: the "
                             "file's State, else 1 = fully charged)",
                             NULL, soc, &soc, &set));
  PetscOptionsEnd();
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    Imp im;
    json_error_t jerr;
    json_t *root;
    char tmp[FV_PATH_LEN + 16];
    PetscCall(PetscMemzero(&im, sizeof im));
    im.json = json_path;
    im.soc  = soc;
    {
      const char *slash = strrchr(yaml_path, '/'), *base = slash ? slash + 1 : yaml_path;
      const char *dot = strrchr(base, '.');
      snprintf(im.dir, sizeof im.dir, "%.*s", slash ? (int)(slash - yaml_path + 1) : 0, yaml_path);
      snprintf(im.stem, sizeof im.stem, "%.*s",
               dot && dot != base ? (int)(dot - base) : (int)strlen(base), base);
      /* the case name and the table file names: letters, digits, _ - . only (a valid case name) */
      for (char *c = im.stem; *c; c++)
        if (!(isalnum((unsigned char)*c) || *c == '_' || *c == '-' || *c == '.')) *c = '_';
      if (!im.stem[0] || im.stem[0] == '.' || im.stem[0] == '-') {
        char tmpstem[FV_PATH_LEN];
        snprintf(tmpstem, sizeof tmpstem, "case%.4000s", im.stem);
        snprintf(im.stem, sizeof im.stem, "%s", tmpstem);
      }
    }
    if (set && !(soc >= 0 && soc <= 1))
      Fail(&im, "command line: -bpx_initial_soc", NULL, "a state of charge in [0, 1], got %g",
           (double)soc);
    root = im.failed
               ? NULL
               : json_load_file(json_path, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &jerr);
    if (!root && !im.failed) {
      if (jerr.line > 0)
        snprintf(im.msg, sizeof im.msg, "%s:%d:%d: expected a BPX JSON file: %s", json_path,
                 jerr.line, jerr.column, jerr.text);
      else
        snprintf(im.msg, sizeof im.msg, "%s: expected a readable BPX JSON file: %s", json_path,
                 jerr.text);
      im.failed = 1;
    }
    if (!im.failed) {
      /* written under a temporary name and renamed when complete: a failed import leaves no case */
      snprintf(tmp, sizeof tmp, "%s.part", yaml_path);
      im.out = fopen(tmp, "w");
      if (!im.out) {
        snprintf(im.msg, sizeof im.msg, "%s: expected a writable output file: %s", yaml_path,
                 strerror(errno));
        im.failed = 1;
      } else {
        PetscCall(Import(&im, root, yaml_path));
        if (fclose(im.out) && !im.failed) {
          snprintf(im.msg, sizeof im.msg, "%s: write failed: %s", yaml_path, strerror(errno));
          im.failed = 1;
        }
        if (!im.failed && rename(tmp, yaml_path)) {
          snprintf(im.msg, sizeof im.msg, "%.900s: cannot rename the temporary file: %s", yaml_path,
                   strerror(errno));
          im.failed = 1;
        }
        if (im.failed) remove(tmp);
      }
    }
    if (root) json_decref(root);
    if (im.failed) {
      PetscCall(PetscFPrintf(PETSC_COMM_SELF, PETSC_STDERR, "%s\n", im.msg));
      okint = 0;
    } else
      PetscCall(PetscPrintf(PETSC_COMM_SELF, "import-bpx: wrote %s and %d table%s\n", yaml_path,
                            im.ntables, im.ntables == 1 ? "" : "s"));
  }
  PetscCallMPI(MPI_Bcast(&okint, 1, MPI_INT, 0, comm));
  *ok = okint ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(PETSC_SUCCESS);
}
