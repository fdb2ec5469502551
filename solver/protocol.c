/* protocol.c -- PyBaMM-style experiment steps ("Discharge at 1C until 3.0 V") parsed into SI.
 *
 * Owns: the step grammar described in protocol.h (verbs, set points, end conditions, C-rates,
 * durations), FvProtocolParseStep / FvProtocolParseList and FvProtocolDescribe.  A pure
 * parser: quantities with units go through units.h, nothing here touches the solver.
 * User mistakes are not PETSc errors: *ok = PETSC_FALSE and why quotes the step.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "protocol.h"

#define FV_PROTO_LEN 1024     /* longest step accepted */
#define FV_PROTO_MAXWORDS 128 /* most words in one step */
#define FV_PROTO_REASON 768

/* What a quantity turned out to be. */
typedef enum { Q_VOLTAGE, Q_CURRENT, Q_RATE, Q_POWER, Q_TIME, Q_CAPACITY, Q_TEMPERATURE } QKind;
static const char *const qname[] = {"a voltage",       "a current density", "a C-rate",
                                    "a power density", "a duration",        "a capacity",
                                    "a temperature"};

typedef struct {
  FvUnits u;
  PetscReal one_c, rate;
  char buf[FV_PROTO_LEN]; /* the step, split in place into words */
  char *w[FV_PROTO_MAXWORDS];
  int nw;
  char reason[FV_PROTO_REASON]; /* why the step was refused (without the quote of the step) */
  PetscReal area;               /* the cell's electrode area [m2] (0: not known) */
} Ctx;

/* snprintf that truncates silently (messages are cut at their buffer size). */
static void Sfmt(char *buf, size_t n, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(3, 4);
static void Sfmt(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  if (!buf || !n) return;
  va_start(ap, fmt);
  vsnprintf(buf, n, fmt, ap);
  va_end(ap);
}

/* Record the reason and return from the calling parser (its *good stays PETSC_FALSE). */
#define FAIL(...)                                                                                  \
  do {                                                                                             \
    Sfmt(c->reason, sizeof c->reason, __VA_ARGS__);                                                \
    PetscFunctionReturn(PETSC_SUCCESS);                                                            \
  } while (0)

static int EqualNoCase(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
  return !*a && !*b;
}

static int IsKeyword(const char *w) {
  return EqualNoCase(w, "at") || EqualNoCase(w, "until") || EqualNoCase(w, "for") ||
         EqualNoCase(w, "or");
}

/* A decimal number at s (sign, digits, point, exponent; no hex, inf or nan): 1 and *v, *end. */
static int ParseNumber(const char *s, double *v, const char **end) {
  const char *p = s;
  char *e;
  if (*p == '+' || *p == '-') p++;
  if (!(isdigit((unsigned char)p[0]) || (p[0] == '.' && isdigit((unsigned char)p[1])))) return 0;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) return 0;
  *v = strtod(s, &e);
  if (e == s) return 0;
  *end = e;
  return 1;
}

/* s is exactly a number. */
static int FullNumber(const char *s, double *v) {
  const char *end;
  return ParseNumber(s, v, &end) && !*end;
}

/* Durations spelled as words (case-insensitive; single letters exact): seconds per unit. */
static int DurationWord(const char *unit, double *sec) {
  static const struct {
    const char *name;
    double sec;
  } words[] = {{"sec", 1},     {"secs", 1},     {"second", 1},   {"seconds", 1}, {"min", 60},
               {"mins", 60},   {"minute", 60},  {"minutes", 60}, {"hr", 3600},   {"hrs", 3600},
               {"hour", 3600}, {"hours", 3600}, {"day", 86400},  {"days", 86400}};
  if (!strcmp(unit, "s")) {
    *sec = 1;
    return 1;
  }
  if (!strcmp(unit, "h")) {
    *sec = 3600;
    return 1;
  }
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (EqualNoCase(unit, words[i].name)) {
      *sec = words[i].sec;
      return 1;
    }
  return 0;
}

/* Words i0..i1-1 joined by single spaces. */
static void Join(const Ctx *c, int i0, int i1, char *out, size_t len) {
  size_t n = 0;
  out[0]   = 0;
  for (int i = i0; i < i1; i++) {
    Sfmt(out + n, len - n, "%s%s", i > i0 ? " " : "", c->w[i]);
    n = strlen(out);
  }
}

/* Classify one quantity q ("1C", "C/3", "{rate}", "2 mA/cm2", "3.0 V", "10 minutes",
 * "2 mAh/cm2") and give its SI value (a C-rate as a current density).  *good = PETSC_FALSE
 * with c->reason set when q is not one of them or is not positive. */
static PetscErrorCode Classify(Ctx *c, const char *q, QKind *kind, PetscReal *value,
                               PetscBool *good) {
  char nos[FV_PROTO_LEN], why[256] = "", scratch[256];
  size_t n = 0;
  double v, sec;
  const char *p, *unit;
  static const struct {
    const char *si;
    QKind kind;
  } cand[] = {{"V", Q_VOLTAGE},     {"A/m2", Q_CURRENT}, {"W/m2", Q_POWER},
              {"C/m2", Q_CAPACITY}, {"s", Q_TIME},       {"K", Q_TEMPERATURE}};

  PetscFunctionBeginUser;
  *good  = PETSC_FALSE;
  *value = 0;
  /* C-rates: compared without spaces ("2 C" = "2C") */
  for (p = q; *p && n < sizeof nos - 1; p++)
    if (!isspace((unsigned char)*p)) nos[n++] = *p;
  nos[n] = 0;
  if (EqualNoCase(nos, "{rate}") || EqualNoCase(nos, "{rate}C")) {
    if (!(c->rate > 0) || !isfinite(c->rate))
      FAIL("\"%s\" uses {rate} but no positive rate was given", q);
    v = c->rate;
  } else if (n > 1 && (nos[n - 1] == 'C' || nos[n - 1] == 'c')) {
    nos[n - 1] = 0;
    if (!FullNumber(nos, &v)) v = NAN;
    nos[n - 1] = 'C';
  } else if (n > 2 && (nos[0] == 'C' || nos[0] == 'c') && nos[1] == '/') {
    if (FullNumber(nos + 2, &v)) {
      if (!(v > 0)) FAIL("\"%s\": the C-rate denominator must be positive", q);
      v = 1 / v;
    } else
      v = NAN;
  } else
    v = NAN;
  if (!isnan(v)) {
    if (!(v > 0) || !isfinite(v))
      FAIL("\"%s\": the C-rate must be positive (the direction comes from Discharge/Charge)", q);
    if (!(c->one_c > 0) || !isfinite(c->one_c))
      FAIL("\"%s\" is a C-rate but the 1C current density of the cell is not known", q);
    *kind  = Q_RATE;
    *value = v * c->one_c;
    *good  = PETSC_TRUE;
    PetscFunctionReturn(PETSC_SUCCESS);
  }

  /* NUMBER UNIT */
  if (!ParseNumber(q, &v, &unit))
    FAIL("expected a number with a unit or a C-rate (1C, C/3), got \"%s\"", q);
  while (isspace((unsigned char)*unit))
    unit++;
  if (!*unit) FAIL("\"%s\" has no unit (write e.g. 1C, 2 mA/cm2, 3.0 V or 10 minutes)", q);
  for (p = unit; *p; p++) /* a second number is not part of a unit ("3.0 V 2") */
    if ((p == unit || isspace((unsigned char)p[-1])) &&
        (isdigit((unsigned char)*p) ||
         ((*p == '.' || *p == '+' || *p == '-') && isdigit((unsigned char)p[1]))))
      FAIL("\"%s\": unexpected number in the unit \"%s\"", q, unit);
  if (!isfinite(v)) FAIL("\"%s\": the number is out of range", q);
  if (DurationWord(unit, &sec)) {
    *kind  = Q_TIME;
    *value = v * sec;
  } else {
    PetscBool cok = PETSC_FALSE;
    size_t i;
    for (i = 0; i < sizeof cand / sizeof cand[0]; i++) {
      PetscCall(FvUnitsConvert(c->u, q, cand[i].si, value, &cok, i ? scratch : why,
                               i ? sizeof scratch : sizeof why));
      if (cok) break;
    }
    if (!cok) {
      /* a cell-level quantity (A, W, A h): per electrode area with the cell's area, converted
       * here once; without an area, say what is missing */
      static const struct {
        const char *si;
        QKind kind;
        const char *what;
      } cell[] = {
          {"A", Q_CURRENT,
           "is a current; give a current density per electrode area (e.g. 2 mA/cm2) or a C-rate "
           "(1C, C/3)"},
          {"W", Q_POWER, "is a power; give it per electrode area (e.g. 5 W/m2, 2 mW/cm2)"},
          {"C", Q_CAPACITY, "is a charge; give a capacity per electrode area (e.g. 2 mAh/cm2)"}};
      for (size_t j = 0; j < sizeof cell / sizeof cell[0]; j++) {
        PetscReal s, o;
        PetscCall(FvUnitsGetMap(c->u, unit, cell[j].si, &s, &o, &cok, scratch, sizeof scratch));
        if (!cok) continue;
        if (!(c->area > 0)) FAIL("\"%s\" %s, or set cell.electrode_area", q, cell[j].what);
        PetscCall(FvUnitsConvert(c->u, q, cell[j].si, value, &cok, scratch, sizeof scratch));
        if (!cok) FAIL("\"%s\": %s", q, scratch);
        *value /= c->area;
        *kind = cell[j].kind;
        break;
      }
      if (!cok)
        FAIL("\"%s\" is not a C-rate, voltage, current density, power density, duration, "
             "capacity per electrode area or temperature (%s)",
             q, why);
    } else
      *kind = cand[i].kind;
  }
  if (!(*value > 0) || !isfinite(*value)) {
    if (*kind == Q_CURRENT || *kind == Q_POWER)
      FAIL("\"%s\": the magnitude must be positive (the direction comes from Discharge/Charge)", q);
    FAIL("\"%s\": %s must be positive", q, qname[*kind]);
  }
  *good = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Classify words i0..i1-1; when the whole fails but a shorter prefix is a quantity, report the
 * rest as unexpected text ("until 3.0 V please"). */
static PetscErrorCode ClassifyWords(Ctx *c, int i0, int i1, QKind *kind, PetscReal *value,
                                    PetscBool *good) {
  char q[FV_PROTO_LEN], pre[FV_PROTO_LEN], rest[FV_PROTO_LEN], keep[FV_PROTO_REASON];
  PetscFunctionBeginUser;
  Join(c, i0, i1, q, sizeof q);
  PetscCall(Classify(c, q, kind, value, good));
  if (*good || i1 - i0 < 2) PetscFunctionReturn(PETSC_SUCCESS);
  memcpy(keep, c->reason, sizeof keep);
  for (int k = i1 - 1; k > i0; k--) {
    PetscBool pgood;
    Join(c, i0, k, pre, sizeof pre);
    PetscCall(Classify(c, pre, kind, value, &pgood));
    if (pgood) {
      Join(c, k, i1, rest, sizeof rest);
      if (rest[0] == '(')
        FAIL("unexpected \"%s\" after \"%s\" (period specifications are not supported)", rest, pre);
      if (EqualNoCase(c->w[k], "and"))
        FAIL("unexpected \"%s\" after \"%s\" (join end conditions with \"or\")", rest, pre);
      FAIL("unexpected \"%s\" after \"%s\"", rest, pre);
    }
  }
  memcpy(c->reason, keep, sizeof keep);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The first keyword (at/until/for/or) at or after i, else nw. */
static int NextKeyword(const Ctx *c, int i) {
  while (i < c->nw && !IsKeyword(c->w[i]))
    i++;
  return i;
}

static const char *KindName(FvStepKind k) {
  return k == FV_STEP_DISCHARGE  ? "discharge"
         : k == FV_STEP_CHARGE   ? "charge"
         : k == FV_STEP_REST     ? "rest"
         : k == FV_STEP_PRESSURE ? "pressure"
                                 : "hold";
}

/* "Set pressure to <pressure>": the stack pressure [Pa] from the next step on (a pressure of
 * UDUNITS, >= 0; docs/assb.md §7). */
static PetscErrorCode ParsePressure(Ctx *c, FvProtocolStep *s, PetscBool *good) {
  char q[FV_PROTO_LEN], why[256] = "";
  double v;
  const char *unit;
  PetscBool ok = PETSC_FALSE;
  int nw       = c->nw;
  PetscFunctionBeginUser;
  *good = PETSC_FALSE;
  if (c->nw < 2 || !EqualNoCase(c->w[1], "pressure"))
    FAIL("expected \"Set pressure to <pressure>\" (e.g. \"Set pressure to 300 MPa\")");
  if (c->nw < 3 || !EqualNoCase(c->w[2], "to"))
    FAIL("expected \"to\" after \"Set pressure\" (e.g. \"Set pressure to 300 MPa\")");
  if (c->nw < 4) FAIL("expected a pressure after \"to\" (e.g. \"Set pressure to 300 MPa\")");
  for (int i = 4; i < c->nw; i++)
    if (EqualNoCase(c->w[i], "in")) { /* in cycle <n> */
      double n;
      if (i + 3 != c->nw || !EqualNoCase(c->w[i + 1], "cycle") || !FullNumber(c->w[i + 2], &n) ||
          !(n >= 1 && n <= 1e9 && n == floor(n)))
        FAIL("expected \"in cycle <n>\" (a cycle number >= 1) after the pressure");
      s->cycle = (PetscInt)n;
      nw       = i;
    }
  Join(c, 3, nw, q, sizeof q);
  if (!ParseNumber(q, &v, &unit))
    FAIL("expected a pressure with a unit (e.g. 300 MPa), got \"%s\"", q);
  while (isspace((unsigned char)*unit))
    unit++;
  if (!*unit) FAIL("\"%s\" has no unit (write e.g. 300 MPa)", q);
  PetscCall(FvUnitsConvert(c->u, q, "Pa", &s->value, &ok, why, sizeof why));
  if (!ok) FAIL("\"%s\" is not a pressure (%s)", q, why);
  if (!(s->value >= 0) || !isfinite(s->value)) FAIL("\"%s\": a pressure must be >= 0", q);
  s->kind    = FV_STEP_PRESSURE;
  s->control = FV_CTRL_CURRENT;
  *good      = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Add one end condition of quantity kind q (introduced by "until", "for" or by nothing after
 * "or") to the step; refuses the combinations that make no sense. */
static PetscErrorCode AddEnd(Ctx *c, FvProtocolStep *s, const char *kw, const char *qtext, QKind q,
                             PetscReal v, PetscBool *good) {
  FvEndKind e = FV_END_TIME;
  PetscFunctionBeginUser;
  *good = PETSC_FALSE;
  /* a rest ends after a duration or at a temperature: the cell cooling (or warming) to it */
  if (s->kind == FV_STEP_REST && q != Q_TIME && q != Q_TEMPERATURE) {
    if (EqualNoCase(kw, "until"))
      FAIL("a rest needs \"for <duration>\" or \"until <temperature>\" (e.g. \"Rest until 30 "
           "degC\"), not %s \"%s\"",
           qname[q], qtext);
    FAIL("a rest ends only after a duration (\"Rest for 1 hour\") or at a temperature (\"Rest "
         "until 30 degC\"), not on %s \"%s\"",
         qname[q], qtext);
  }
  if (EqualNoCase(kw, "for") && q != Q_TIME && q != Q_CAPACITY) {
    if (q == Q_VOLTAGE || q == Q_RATE || q == Q_CURRENT)
      FAIL("\"for\" takes a duration or a capacity, not %s; write \"until %s\"", qname[q], qtext);
    FAIL("\"for\" takes a duration or a capacity, not %s \"%s\"", qname[q], qtext);
  }
  switch (q) {
  case Q_VOLTAGE:
    if (s->kind == FV_STEP_HOLD)
      FAIL("a hold at constant voltage cannot end on a voltage (\"%s\"); end it on a current "
           "(\"until C/50\") or a duration (\"for 30 minutes\")",
           qtext);
    e = s->kind == FV_STEP_DISCHARGE ? FV_END_VOLTAGE_BELOW : FV_END_VOLTAGE_ABOVE;
    break;
  case Q_RATE:
  case Q_CURRENT:
    if (s->control == FV_CTRL_CURRENT)
      FAIL("a constant-current %s cannot end on a current (\"%s\"); end it on a voltage "
           "(\"until 3.0 V\"), a duration or a capacity",
           KindName(s->kind), qtext);
    e = FV_END_CURRENT_BELOW;
    break;
  case Q_POWER:
    FAIL("a step cannot end on a power (\"%s\"); expected a voltage, current, duration or "
         "capacity",
         qtext);
  case Q_TIME:
    e = FV_END_TIME;
    break;
  case Q_CAPACITY:
    e = FV_END_CAPACITY;
    break;
  case Q_TEMPERATURE: /* the cell warming to a limit ("until 60 degC"); a rest's end also cooling
                       * down to it (the direction is the run's: solver/run.c) */
    e = FV_END_TEMPERATURE;
    break;
  }
  if (s->nend >= FV_MAX_END) FAIL("more than %d end conditions", FV_MAX_END);
  s->end[s->nend].kind  = e;
  s->end[s->nend].value = v;
  s->nend++;
  *good = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* An ambient temperature "at T" at word *i (when there is one): s->ambient, *i past it. */
static PetscErrorCode ParseAmbient(Ctx *c, FvProtocolStep *s, int *i, PetscBool *good) {
  char q[FV_PROTO_LEN];
  QKind k;
  PetscReal v;
  int j;
  PetscFunctionBeginUser;
  *good = PETSC_TRUE;
  if (*i >= c->nw || !EqualNoCase(c->w[*i], "at")) PetscFunctionReturn(PETSC_SUCCESS);
  *good = PETSC_FALSE;
  j     = NextKeyword(c, *i + 1);
  if (j == *i + 1) FAIL("expected an ambient temperature after \"at\" (e.g. \"at 45 degC\")");
  PetscCall(ClassifyWords(c, *i + 1, j, &k, &v, good));
  if (!*good) PetscFunctionReturn(PETSC_SUCCESS);
  Join(c, *i + 1, j, q, sizeof q);
  *good = PETSC_FALSE;
  if (k != Q_TEMPERATURE)
    FAIL("a second \"at\" sets the ambient temperature (e.g. \"at 45 degC\"), not %s \"%s\"",
         qname[k], q);
  s->ambient = v;
  *i         = j;
  *good      = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Parse the words of c into s. */
static PetscErrorCode ParseWords(Ctx *c, FvProtocolStep *s, PetscBool *good) {
  int i = 1, j, first = 1;
  const char *verb;
  char q[FV_PROTO_LEN];
  QKind k;
  PetscReal v;
  PetscBool qgood;

  PetscFunctionBeginUser;
  *good = PETSC_FALSE;
  if (!c->nw) FAIL("empty step; expected Discharge, Charge, Rest, Hold or Set");
  verb = c->w[0];
  if (EqualNoCase(verb, "set")) {
    PetscCall(ParsePressure(c, s, good));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (EqualNoCase(verb, "discharge"))
    s->kind = FV_STEP_DISCHARGE;
  else if (EqualNoCase(verb, "charge"))
    s->kind = FV_STEP_CHARGE;
  else if (EqualNoCase(verb, "rest"))
    s->kind = FV_STEP_REST;
  else if (EqualNoCase(verb, "hold"))
    s->kind = FV_STEP_HOLD;
  else
    FAIL("unknown step \"%s\"; expected Discharge, Charge, Rest, Hold or Set", verb);

  if (s->kind == FV_STEP_REST) {
    PetscCall(ParseAmbient(c, s, &i, &qgood));
    if (!qgood) PetscFunctionReturn(PETSC_SUCCESS);
    if (i >= c->nw || !(EqualNoCase(c->w[i], "for") || EqualNoCase(c->w[i], "until")))
      FAIL("a rest needs \"for <duration>\" or \"until <temperature>\" (e.g. \"Rest for 1 "
           "hour\", \"Rest at 25 degC until 30 degC\")");
    s->control = FV_CTRL_CURRENT;
    s->value   = 0;
  } else {
    const char *eg = s->kind == FV_STEP_HOLD     ? "Hold at 4.2 V until C/50"
                     : s->kind == FV_STEP_CHARGE ? "Charge at C/3 until 4.2 V"
                                                 : "Discharge at 1C until 3.0 V";
    if (i >= c->nw || !EqualNoCase(c->w[i], "at"))
      FAIL("expected \"at\" after \"%s\" (e.g. \"%s\")", verb, eg);
    i++;
    j = NextKeyword(c, i);
    if (j == i) FAIL("expected a set point after \"at\" (e.g. \"%s\")", eg);
    PetscCall(ClassifyWords(c, i, j, &k, &v, &qgood));
    if (!qgood) PetscFunctionReturn(PETSC_SUCCESS);
    Join(c, i, j, q, sizeof q);
    if (s->kind == FV_STEP_HOLD) {
      if (k != Q_VOLTAGE)
        FAIL("a hold is at a voltage (e.g. \"%s\"), not at %s \"%s\"", eg, qname[k], q);
      s->control = FV_CTRL_VOLTAGE;
      s->value   = v;
    } else {
      if (k == Q_VOLTAGE)
        FAIL("a %s is set by a current (1C, C/3, 2 mA/cm2) or a power (5 W/m2), not a voltage "
             "\"%s\"; to hold a voltage write \"Hold at %s until ...\"",
             KindName(s->kind), q, q);
      if (k != Q_RATE && k != Q_CURRENT && k != Q_POWER)
        FAIL("expected a C-rate, current density or power density after \"at\", got %s \"%s\"",
             qname[k], q);
      s->control = k == Q_POWER ? FV_CTRL_POWER : FV_CTRL_CURRENT;
      s->value   = s->kind == FV_STEP_DISCHARGE ? v : -v;
    }
    i = j;
    PetscCall(ParseAmbient(c, s, &i, &qgood));
    if (!qgood) PetscFunctionReturn(PETSC_SUCCESS);
    if (i >= c->nw)
      FAIL("a %s needs an end condition: add \"until ...\" or \"for ...\" (e.g. \"%s\")",
           KindName(s->kind), eg);
  }

  /* end conditions: (until|for) Q [or [until|for] Q]... */
  for (;;) {
    const char *kw = "";
    if (EqualNoCase(c->w[i], "until") || EqualNoCase(c->w[i], "for"))
      kw = c->w[i++];
    else if (first || IsKeyword(c->w[i])) /* only after "or" may the keyword be left out */
      FAIL("expected \"until\" or \"for\" before \"%s\"", c->w[i]);
    j = NextKeyword(c, i);
    if (j == i) FAIL("expected a quantity after \"%s\"", c->w[i - 1]);
    PetscCall(ClassifyWords(c, i, j, &k, &v, &qgood));
    if (!qgood) PetscFunctionReturn(PETSC_SUCCESS);
    Join(c, i, j, q, sizeof q);
    PetscCall(AddEnd(c, s, kw, q, k, v, &qgood));
    if (!qgood) PetscFunctionReturn(PETSC_SUCCESS);
    i = j;
    if (i >= c->nw) break;
    if (!EqualNoCase(c->w[i], "or"))
      FAIL("expected \"or\" between end conditions, found \"%s\"", c->w[i]);
    if (++i >= c->nw) FAIL("expected an end condition after \"or\"");
    first = 0;
  }
  *good = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Parse one step; index > 0 numbers it in messages (from a list). */
static PetscErrorCode ParseOne(FvUnits u, const char *text, size_t len, PetscReal one_c,
                               PetscReal rate, PetscReal area, int index, FvProtocolStep *step,
                               PetscBool *ok, char *why, size_t whylen) {
  Ctx *c;
  char num[32]   = "";
  PetscBool good = PETSC_FALSE;

  PetscFunctionBeginUser;
  PetscCheck(text && step && ok, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "null argument");
  *ok = PETSC_FALSE;
  if (why && whylen) why[0] = 0;
  memset(step, 0, sizeof *step);
  while (len && isspace((unsigned char)*text)) {
    text++;
    len--;
  }
  while (len && isspace((unsigned char)text[len - 1]))
    len--;
  Sfmt(step->text, sizeof step->text, "%.*s", (int)(len < 255 ? len : 255), text);
  if (index > 0) Sfmt(num, sizeof num, " %d", index);
  if (len >= FV_PROTO_LEN) {
    Sfmt(why, whylen, "protocol step%s \"%s...\": too long (at most %d characters)", num,
         step->text, FV_PROTO_LEN - 1);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(PetscNew(&c));
  c->u     = u;
  c->one_c = one_c;
  c->rate  = rate;
  c->area  = area;
  memcpy(c->buf, text, len);
  c->buf[len] = 0;
  for (char *p = c->buf; *p;) {
    while (*p && isspace((unsigned char)*p))
      *p++ = 0;
    if (!*p) break;
    if (c->nw == FV_PROTO_MAXWORDS) {
      Sfmt(c->reason, sizeof c->reason, "too many words (at most %d)", FV_PROTO_MAXWORDS);
      break;
    }
    c->w[c->nw++] = p;
    while (*p && !isspace((unsigned char)*p))
      p++;
  }
  if (!c->reason[0]) PetscCall(ParseWords(c, step, &good));
  if (good)
    *ok = PETSC_TRUE;
  else
    Sfmt(why, whylen, "protocol step%s \"%.*s\": %s", num, (int)len, text, c->reason);
  PetscCall(PetscFree(c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProtocolParseStep(FvUnits u, const char *text, PetscReal one_c, PetscReal rate,
                                   FvProtocolStep *step, PetscBool *ok, char *why, size_t whylen) {
  PetscFunctionBeginUser;
  PetscCall(FvProtocolParseStepCell(u, text, one_c, rate, 0, step, ok, why, whylen));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProtocolParseStepCell(FvUnits u, const char *text, PetscReal one_c, PetscReal rate,
                                       PetscReal area, FvProtocolStep *step, PetscBool *ok,
                                       char *why, size_t whylen) {
  PetscFunctionBeginUser;
  PetscCheck(text, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "null step text");
  PetscCall(ParseOne(u, text, strlen(text), one_c, rate, area, 0, step, ok, why, whylen));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProtocolParseList(FvUnits u, const char *text, PetscReal one_c, PetscReal rate,
                                   PetscInt maxsteps, FvProtocolStep *steps, PetscInt *nsteps,
                                   PetscBool *ok, char *why, size_t whylen) {
  const char *p = text;
  PetscInt n    = 0;
  int index     = 0;

  PetscFunctionBeginUser;
  PetscCheck(text && nsteps && ok, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "null argument");
  *ok     = PETSC_FALSE;
  *nsteps = 0;
  if (why && whylen) why[0] = 0;
  while (*p) {
    const char *e = p, *b = p;
    while (*e && *e != ';' && *e != '\n')
      e++;
    while (b < e && isspace((unsigned char)*b))
      b++;
    if (b < e) {
      index++;
      if (n >= maxsteps) {
        *ok = PETSC_FALSE;
        Sfmt(why, whylen, "protocol \"%s\": more than %d steps", text, (int)maxsteps);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      PetscCall(ParseOne(u, b, (size_t)(e - b), one_c, rate, 0, index, &steps[n], ok, why, whylen));
      if (!*ok) PetscFunctionReturn(PETSC_SUCCESS);
      n++;
    }
    p = *e ? e + 1 : e;
  }
  if (!n) {
    *ok = PETSC_FALSE;
    Sfmt(why, whylen,
         "protocol \"%s\" has no steps; expected steps separated by \";\" (e.g. \"Discharge at "
         "1C until 3.0 V; Rest for 1 hour\")",
         text);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  *nsteps = n;
  *ok     = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

const char *FvProtocolDescribe(const FvProtocolStep *s, char *buf, size_t len) {
  size_t n;
  if (!buf || !len) return buf;
  if (s->kind == FV_STEP_PRESSURE) {
    Sfmt(buf, len, "pressure: stack pressure %.6g Pa", (double)s->value);
    if (s->cycle > 0) {
      n = strlen(buf);
      Sfmt(buf + n, len - n, " in cycle %" PetscInt_FMT, s->cycle);
    }
    return buf;
  }
  switch (s->control) {
  case FV_CTRL_VOLTAGE:
    Sfmt(buf, len, "%s: voltage %.6g V", KindName(s->kind), (double)s->value);
    break;
  case FV_CTRL_POWER:
    Sfmt(buf, len, "%s: power %.6g W m-2", KindName(s->kind), (double)s->value);
    break;
  default:
    Sfmt(buf, len, "%s: current %.6g A m-2", KindName(s->kind), (double)s->value);
    break;
  }
  for (PetscInt i = 0; i < s->nend; i++) {
    const FvEndCondition *e = &s->end[i];
    const char *sep         = i ? " or " : "; ends ";
    double v                = (double)e->value;
    n                       = strlen(buf);
    switch (e->kind) {
    case FV_END_VOLTAGE_BELOW:
      Sfmt(buf + n, len - n, "%sV <= %.6g V", sep, v);
      break;
    case FV_END_VOLTAGE_ABOVE:
      Sfmt(buf + n, len - n, "%sV >= %.6g V", sep, v);
      break;
    case FV_END_CURRENT_BELOW:
      Sfmt(buf + n, len - n, "%s|I| <= %.6g A m-2", sep, v);
      break;
    case FV_END_TIME:
      Sfmt(buf + n, len - n, "%st >= %.6g s", sep, v);
      break;
    case FV_END_CAPACITY:
      Sfmt(buf + n, len - n, "%s|Q| >= %.6g C m-2", sep, v);
      break;
    case FV_END_TEMPERATURE: /* a rest's: cooling or warming to it (solver/run.c) */
      Sfmt(buf + n, len - n, s->kind == FV_STEP_REST ? "%sT reaches %.6g K" : "%sT >= %.6g K", sep,
           v);
      break;
    }
  }
  if (s->ambient > 0) {
    n = strlen(buf);
    Sfmt(buf + n, len - n, "; ambient %.6g K", (double)s->ambient);
  }
  return buf;
}
