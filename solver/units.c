/* units.c -- quantity strings with units converted to SI (a thin UDUNITS-2 wrapper).
 *
 * Owns: FvUnits (the UDUNITS-2 unit system), the rewriting of unit strings into UDUNITS
 * syntax (battery spellings, fractional exponents), and FvUnitsConvert / FvUnitsGetMap.
 * See units.h.  Input handling only: no physics here.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <udunits2.h>
#include "units.h"

struct _p_FvUnits {
  ut_system *sys;
};

#define FV_UNIT_LEN 512   /* longest unit string accepted */
#define FV_UNIT_MAXEXP 64 /* most factors in one unit string */
#define FV_UNIT_MAXPOW 720

PetscErrorCode FvUnitsCreate(FvUnits *u) {
  PetscFunctionBeginUser;
  PetscCall(PetscNew(u));
  /* UDUNITS prints parse problems and XML warnings to stderr by default; we report our own. */
  ut_set_error_message_handler(ut_ignore);
  (*u)->sys = ut_read_xml(NULL);
  PetscCheck(
      (*u)->sys, PETSC_COMM_SELF, PETSC_ERR_LIB,
      "UDUNITS-2 could not load its unit database (status %d); is libudunits2-data installed? "
      "UDUNITS2_XML_PATH may point to udunits2.xml",
      (int)ut_get_status());
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvUnitsDestroy(FvUnits *u) {
  PetscFunctionBeginUser;
  if (!*u) PetscFunctionReturn(PETSC_SUCCESS);
  if ((*u)->sys) ut_free_system((*u)->sys);
  PetscCall(PetscFree(*u));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* snprintf that truncates silently (reasons are cut at their buffer size). */
static void Sfmt(char *buf, size_t n, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(3, 4);
static void Sfmt(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, n, fmt, ap);
  va_end(ap);
}

/* ---- rewriting unit strings ------------------------------------------------------------- */

/* Spellings UDUNITS does not know, as products of atoms with exponents. */
typedef struct {
  const char *name;
  const char *atom[2];
  int exp[2];
} Spelling;

static const Spelling spellings[] = {
    {"Ah", {"A", "h"}, {1, 1}},        {"mAh", {"mA", "h"}, {1, 1}}, {"uAh", {"uA", "h"}, {1, 1}},
    {"\u00b5Ah", {"uA", "h"}, {1, 1}}, /* µAh */
    {"kAh", {"kA", "h"}, {1, 1}},      {"Wh", {"W", "h"}, {1, 1}},   {"mWh", {"mW", "h"}, {1, 1}},
    {"kWh", {"kW", "h"}, {1, 1}},      {"M", {"mol", "L"}, {1, -1}}, {"mM", {"mmol", "L"}, {1, -1}},
};

typedef struct {
  char *out;
  size_t len, cap;
  int overflow;
} Buf;

static void BufPut(Buf *b, const char *s) {
  size_t n = strlen(s);
  if (b->len + n + 1 > b->cap) {
    b->overflow = 1;
    return;
  }
  memcpy(b->out + b->len, s, n + 1);
  b->len += n;
}

static void PutAtom(Buf *b, const char *atom, double e) {
  char tmp[FV_UNIT_LEN + 32];
  long k = lround(e);
  if (k == 1)
    Sfmt(tmp, sizeof tmp, "%s", atom);
  else
    Sfmt(tmp, sizeof tmp, "%s^%ld", atom, k);
  BufPut(b, tmp);
}

/* A superscript digit or minus at s (UTF-8): its ASCII character and byte length, else 0. */
static int Superscript(const unsigned char *s, char *c) {
  if (s[0] == 0xc2 && (s[1] == 0xb2 || s[1] == 0xb3 || s[1] == 0xb9)) {
    *c = s[1] == 0xb2 ? '2' : s[1] == 0xb3 ? '3' : '1';
    return 2;
  }
  if (s[0] == 0xe2 && s[1] == 0x81 && (s[2] == 0xb0 || (s[2] >= 0xb4 && s[2] <= 0xb9))) {
    *c = s[2] == 0xb0 ? '0' : (char)('4' + (s[2] - 0xb4));
    return 3;
  }
  if (s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0xbb) {
    *c = '-';
    return 3;
  }
  return 0;
}

/* A multiplication sign at s (middle dot, times): byte length, else 0. */
static int MulSign(const unsigned char *s) {
  if (s[0] == 0xc2 && s[1] == 0xb7) return 2;
  if (s[0] == 0xc3 && s[1] == 0x97) return 2;
  if (s[0] == 0xe2 && s[1] == 0x8b && s[2] == 0x85) return 3; /* dot operator */
  return 0;
}

/* Parse an exponent at *pp (after an atom or ')'): ^e, **e, e (digits, optional sign and
 * decimals) or superscripts.  Returns 1 and sets *e when there is one. */
static int ParseExponent(const char **pp, double *e) {
  const char *p = *pp;
  char num[64];
  size_t n = 0;
  if (p[0] == '^')
    p++;
  else if (p[0] == '*' && p[1] == '*')
    p += 2;
  if (*p == '+' || *p == '-') {
    if (!isdigit((unsigned char)p[1])) return 0;
    num[n++] = *p++;
  }
  if (isdigit((unsigned char)*p)) {
    while (isdigit((unsigned char)*p) && n < sizeof num - 2)
      num[n++] = *p++;
    if (*p == '.' && isdigit((unsigned char)p[1])) {
      num[n++] = *p++;
      while (isdigit((unsigned char)*p) && n < sizeof num - 2)
        num[n++] = *p++;
    }
    num[n] = 0;
    *e     = strtod(num, NULL);
    *pp    = p;
    return 1;
  }
  if (p != *pp) return 0; /* '^' with nothing after it */
  {
    char c;
    int k;
    while ((k = Superscript((const unsigned char *)p, &c)) && n < sizeof num - 2) {
      num[n++] = c;
      p += k;
    }
    if (!n || (n == 1 && num[0] == '-')) return 0;
    num[n] = 0;
    *e     = strtod(num, NULL);
    *pp    = p;
    return 1;
  }
}

static int IsIdentByte(const unsigned char *s) {
  char c;
  if (isalpha(*s) || *s == '_' || *s == '%') return 1;
  if (*s >= 0x80) return !Superscript(s, &c) && !MulSign(s);
  return 0;
}

/* Rewrite unit string `in` into UDUNITS syntax with every atom's exponent multiplied by
 * N * mult.  A parenthesised group's exponent is distributed over the atoms inside it (so
 * "(m3/mol)^1.5" works).  The effective exponents (times mult, not N) are appended to exps
 * (for choosing N).  Returns 0 on success, else writes why. */
static int Rewrite(const char *in, int N, double mult, char *out, size_t outlen, double *exps,
                   int *nexp, char *why, size_t whylen) {
  Buf b         = {out, 0, outlen, 0};
  const char *p = in;
  out[0]        = 0;
  while (*p) {
    const unsigned char *s = (const unsigned char *)p;
    if (isspace(*s)) {
      if (b.len && out[b.len - 1] != ' ' && out[b.len - 1] != '/' && out[b.len - 1] != '(')
        BufPut(&b, " ");
      p++;
    } else if (*p == '/') {
      while (b.len && out[b.len - 1] == ' ')
        out[--b.len] = 0;
      BufPut(&b, "/");
      p++;
    } else if (*p == '*' || (*p == '.' && !isdigit(s[1])) || MulSign(s)) {
      p += (*p == '*' || *p == '.') ? 1 : MulSign(s);
      if (b.len && out[b.len - 1] != ' ' && out[b.len - 1] != '/') BufPut(&b, " ");
    } else if (*p == '(') {
      char inner[FV_UNIT_LEN], sub[FV_UNIT_LEN];
      const char *q = p + 1;
      int depth     = 1;
      double e      = 1;
      while (*q && depth) {
        if (*q == '(')
          depth++;
        else if (*q == ')')
          depth--;
        if (depth) q++;
      }
      if (!*q || (size_t)(q - p) >= sizeof inner) {
        Sfmt(why, whylen, "unbalanced parentheses in unit \"%s\"", in);
        return 1;
      }
      Sfmt(inner, sizeof inner, "%.*s", (int)(q - p - 1), p + 1);
      p = q + 1;
      if (!ParseExponent(&p, &e)) e = 1;
      if (Rewrite(inner, N, mult * e, sub, sizeof sub, exps, nexp, why, whylen)) return 1;
      BufPut(&b, "(");
      BufPut(&b, sub);
      BufPut(&b, ")");
    } else if (*p == ')') {
      Sfmt(why, whylen, "unbalanced parentheses in unit \"%s\"", in);
      return 1;
    } else if (isdigit(*s) || ((*p == '.' || *p == '+' || *p == '-') && isdigit(s[1]))) {
      char *end;
      char tmp[64];
      (void)strtod(p, &end);
      if (N != 1 || mult != 1) {
        Sfmt(why, whylen,
             "a numeric factor inside a unit with fractional or group exponents is not supported");
        return 1;
      }
      Sfmt(tmp, sizeof tmp, "%.*s", (int)(end - p) < 60 ? (int)(end - p) : 60, p);
      BufPut(&b, tmp);
      p = end;
    } else if (IsIdentByte(s)) {
      char atom[FV_UNIT_LEN];
      size_t n           = 0;
      double e           = 1;
      const Spelling *sp = NULL;
      while (*p && IsIdentByte((const unsigned char *)p) && n < sizeof atom - 1)
        atom[n++] = *p++;
      atom[n] = 0;
      if (!ParseExponent(&p, &e)) e = 1;
      e *= mult;
      for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
        if (!strcmp(atom, spellings[i].name)) sp = &spellings[i];
      if (sp) {
        BufPut(&b, "(");
        for (int j = 0; j < 2; j++) {
          if (j) BufPut(&b, " ");
          PutAtom(&b, sp->atom[j], sp->exp[j] * e * N);
          if (*nexp < FV_UNIT_MAXEXP) exps[(*nexp)++] = sp->exp[j] * e;
        }
        BufPut(&b, ")");
      } else {
        PutAtom(&b, atom, e * N);
        if (*nexp < FV_UNIT_MAXEXP) exps[(*nexp)++] = e;
      }
    } else {
      Sfmt(why, whylen, "unexpected character '%c' in unit \"%s\"", *p, in);
      return 1;
    }
  }
  while (b.len && out[b.len - 1] == ' ')
    out[--b.len] = 0;
  if (b.overflow) {
    Sfmt(why, whylen, "unit \"%s\" is too long", in);
    return 1;
  }
  return 0;
}

static int IsDimensionless(const char *unit) {
  while (isspace((unsigned char)*unit))
    unit++;
  return !*unit || !strcmp(unit, "1");
}

/* Round a conversion factor to 15 significant digits: unit definitions are short decimals,
 * and this removes UDUNITS's rounding noise (mol/L -> 999.99999999999977). */
static long double RoundFactor(double a) {
  char tmp[64];
  Sfmt(tmp, sizeof tmp, "%.15g", a);
  return strtold(tmp, NULL);
}

static PetscErrorCode GetMap(FvUnits u, const char *unit, const char *si_unit, long double *scale,
                             double *offset, PetscBool *ok, char *why, size_t whylen) {
  char g[FV_UNIT_LEN], s[FV_UNIT_LEN];
  double ge[FV_UNIT_MAXEXP], se[FV_UNIT_MAXEXP];
  int ng = 0, ns = 0, N = 1;
  ut_unit *gu = NULL, *su = NULL;
  cv_converter *cv = NULL;
  char wsi[256];

  PetscFunctionBeginUser;
  *ok     = PETSC_FALSE;
  *scale  = 1;
  *offset = 0;
  PetscCheck(!Rewrite(si_unit, 1, 1, s, sizeof s, se, &ns, wsi, sizeof wsi), PETSC_COMM_SELF,
             PETSC_ERR_PLIB, "bad SI unit \"%s\": %s", si_unit, wsi);
  if (Rewrite(unit, 1, 1, g, sizeof g, ge, &ng, why, whylen)) PetscFunctionReturn(PETSC_SUCCESS);
  /* the smallest power N that makes every exponent an integer */
  for (N = 1; N <= FV_UNIT_MAXPOW; N++) {
    int all = 1;
    for (int i = 0; i < ng && all; i++)
      all = fabs(ge[i] * N - round(ge[i] * N)) < 1e-9;
    for (int i = 0; i < ns && all; i++)
      all = fabs(se[i] * N - round(se[i] * N)) < 1e-9;
    if (all) break;
  }
  if (N > FV_UNIT_MAXPOW) {
    Sfmt(why, whylen, "cannot handle the exponents of \"%s\"", unit);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* Raising both units to the power N that clears fractional exponents can fail for the SI
   * side (e.g. a pure number against "m^0.5"): that is the user's unit not fitting, a one-line
   * error, not an internal one */
  if (N > 1) {
    ng = ns = 0;
    if (Rewrite(si_unit, N, 1, s, sizeof s, se, &ns, wsi, sizeof wsi)) {
      Sfmt(why, whylen, "cannot handle the exponents of \"%s\" (expected a unit of %s)", unit,
           si_unit);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (Rewrite(unit, N, 1, g, sizeof g, ge, &ng, why, whylen)) PetscFunctionReturn(PETSC_SUCCESS);
  }
  su = IsDimensionless(s) ? ut_get_dimensionless_unit_one(u->sys) : ut_parse(u->sys, s, UT_UTF8);
  if (!su) {
    Sfmt(why, whylen, "cannot handle the exponents of \"%s\" (expected a unit of %s)", unit,
         si_unit);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  gu = IsDimensionless(g) ? ut_get_dimensionless_unit_one(u->sys) : ut_parse(u->sys, g, UT_UTF8);
  if (!gu) {
    Sfmt(why, whylen, "unknown unit \"%s\"", unit);
  } else if (!ut_are_convertible(gu, su)) {
    if (IsDimensionless(si_unit))
      Sfmt(why, whylen, "unit \"%s\" given for a pure number", unit);
    else
      Sfmt(why, whylen, "unit \"%s\" cannot be converted to %s", unit, si_unit);
  } else {
    double a, b;
    cv = ut_get_converter(gu, su);
    PetscCheck(cv, PETSC_COMM_SELF, PETSC_ERR_LIB,
               "UDUNITS gave no converter from \"%s\" to \"%s\"", g, s);
    b = cv_convert_double(cv, 0.0);
    a = cv_convert_double(cv, 1.0) - b;
    if (N > 1 && (b != 0 || !(a > 0))) {
      Sfmt(why, whylen, "unit \"%s\" with fractional exponents must be a pure scale", unit);
    } else if (!isfinite(a) || a == 0) {
      Sfmt(why, whylen, "unit \"%s\" has no usable conversion to %s", unit, si_unit);
    } else {
      *scale  = N > 1 ? RoundFactor(pow(a, 1.0 / N)) : RoundFactor(a);
      *offset = b;
      *ok     = PETSC_TRUE;
    }
  }
  if (cv) cv_free(cv);
  if (gu) ut_free(gu);
  if (su) ut_free(su);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvUnitsGetMap(FvUnits u, const char *unit, const char *si_unit, PetscReal *scale,
                             PetscReal *offset, PetscBool *ok, char *why, size_t whylen) {
  long double a;
  double b;
  PetscFunctionBeginUser;
  PetscCall(GetMap(u, unit, si_unit, &a, &b, ok, why, whylen));
  *scale  = (PetscReal)a;
  *offset = (PetscReal)b;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvUnitsConvert(FvUnits u, const char *text, const char *si_unit, PetscReal *value,
                              PetscBool *ok, char *why, size_t whylen) {
  const char *p = text, *unit;
  char *end;
  long double v, a = 1;
  double b = 0;

  PetscFunctionBeginUser;
  *ok    = PETSC_FALSE;
  *value = 0;
  while (isspace((unsigned char)*p))
    p++;
  /* a number: decimal only (no hex, inf or nan) */
  if (!(isdigit((unsigned char)*p) ||
        ((*p == '+' || *p == '-' || *p == '.') &&
         (isdigit((unsigned char)p[1]) || (p[1] == '.' && isdigit((unsigned char)p[2])))))) {
    Sfmt(why, whylen, "not a number");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  {
    const char *q = (*p == '+' || *p == '-') ? p + 1 : p;
    if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
      Sfmt(why, whylen, "not a decimal number");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
  }
  v = strtold(p, &end);
  if (end == p || !isfinite((double)v)) {
    Sfmt(why, whylen, "not a finite number");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  unit = end;
  while (isspace((unsigned char)*unit))
    unit++;
  if (!*unit) {
    if (!IsDimensionless(si_unit)) {
      Sfmt(why, whylen, "no unit (expected one convertible to %s)", si_unit);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
  } else {
    PetscCall(GetMap(u, unit, si_unit, &a, &b, ok, why, whylen));
    if (!*ok) PetscFunctionReturn(PETSC_SUCCESS);
  }
  *value = (PetscReal)(v * a + (long double)b);
  if (b == 0 && a > 0) { /* a power of ten (um, cm2, mS/cm, ...): shift the decimal exponent
                          * and let strtod round once, so "80 um" is exactly the double 8e-5 */
    double k = round(log10((double)a));
    if (fabs((double)a / pow(10.0, k) - 1) < 1e-14 && fabs(k) < 300) {
      char num[128];
      const char *ep = p;
      long e10       = 0;
      size_t mlen;
      while (ep < end && *ep != 'e' && *ep != 'E')
        ep++;
      mlen = (size_t)(ep - p);
      if (ep < end) e10 = strtol(ep + 1, NULL, 10);
      if (mlen < 80 && labs(e10) < 100000) {
        Sfmt(num, sizeof num, "%.*se%ld", (int)mlen, p, e10 + (long)k);
        *value = strtod(num, NULL);
      }
    }
  }
  if (!isfinite(*value)) {
    *ok = PETSC_FALSE;
    Sfmt(why, whylen, "out of the floating-point range");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  *ok = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}
