/* case_table.c -- tabulated and functional properties (see case.h, case_loader.h).
 *
 * Owns: a property value (a constant, a named form of models/forms.h, or a table given inline or
 * as a two-column CSV file, in the units the case names) read into an FvProperty in SI.
 */
#define _POSIX_C_SOURCE 200809L
#include "case_loader.h"

/* ---- tables ------------------------------------------------------------------------------- */

PetscErrorCode CaseFreeXY(PetscReal **x, PetscReal **y) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree(*x));
  PetscCall(PetscFree(*y));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Parse a two-column CSV text into SI x, y (PetscMalloc'd).  Returns *ok = false and a reason. */
static PetscErrorCode ParseCsv(const char *text, const char *fname, PetscReal xs, PetscReal xo,
                               PetscReal ys, PetscReal yo, PetscInt *n, PetscReal **x,
                               PetscReal **y, PetscBool *ok, char *why, size_t whylen) {
  PetscInt cap = 0, cnt = 0, line = 0, rows = 0;
  const char *p = text;
  PetscFunctionBeginUser;
  *ok = PETSC_FALSE;
  *x = *y = NULL;
  for (const char *q = text; *q; q++)
    if (*q == '\n') cap++;
  cap += 2;
  PetscCall(PetscMalloc1(cap, x)); /* separate: FvPropertyDestroy frees x and y one by one */
  PetscCall(PetscMalloc1(cap, y));
  while (*p) {
    char row[1024];
    const char *e = strchr(p, '\n');
    size_t len    = e ? (size_t)(e - p) : strlen(p);
    char *s, *end;
    double a, b;
    line++;
    CaseSfmt(row, sizeof row, "%.*s", (int)PetscMin(len, sizeof row - 1), p);
    p += len + (e ? 1 : 0);
    for (char *r = row; *r; r++)
      if (*r == '\r') *r = 0;
    s = row;
    while (isspace((unsigned char)*s))
      s++;
    if (!*s || *s == '#') continue;
    rows++;
    errno = 0;
    a     = strtod(s, &end);
    if (end == s) {
      if (rows == 1) continue; /* a header line */
      CaseSfmt(why, whylen, "%s:%d: expected two numbers, got \"%.40s\"", fname, (int)line, s);
      PetscCall(CaseFreeXY(x, y));
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    s = end;
    while (isspace((unsigned char)*s) || *s == ',' || *s == ';')
      s++;
    b = strtod(s, &end);
    if (end == s) {
      CaseSfmt(why, whylen, "%s:%d: expected two numbers, got \"%.40s\"", fname, (int)line, row);
      PetscCall(CaseFreeXY(x, y));
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    s = end;
    while (isspace((unsigned char)*s) || *s == ',' || *s == ';')
      s++;
    if (*s || !isfinite(a) || !isfinite(b)) {
      CaseSfmt(why, whylen, "%s:%d: expected two finite numbers, got \"%.40s\"", fname, (int)line,
               row);
      PetscCall(CaseFreeXY(x, y));
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (cnt >= cap || cnt >= MAX_TABLE) {
      CaseSfmt(why, whylen, "%s: more than %d rows", fname, MAX_TABLE);
      PetscCall(CaseFreeXY(x, y));
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    (*x)[cnt]   = xs * a + xo;
    (*y)[cnt++] = ys * b + yo;
  }
  *n  = cnt;
  *ok = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Check a table: at least 2 points, x strictly increasing. */
static int CheckTable(PetscInt n, const PetscReal *x, char *why, size_t whylen) {
  if (n < 2) {
    CaseSfmt(why, whylen, "a table needs at least 2 points, got %d", (int)n);
    return 1;
  }
  for (PetscInt i = 1; i < n; i++)
    if (!(x[i] > x[i - 1])) {
      CaseSfmt(why, whylen, "x must increase strictly: point %d (x = %g) follows x = %g",
               (int)i + 1, (double)x[i], (double)x[i - 1]);
      return 1;
    }
  return 0;
}

/* A property spec: a constant ("1.1 S/m"), {value|form|table: ..., ...}. */
PetscErrorCode CaseGetProp(Loader *L, const Sec *s, const char *name, const PropSpec *ps,
                           PetscBool required, FvProperty *p, Val *v) {
  const char *unit = ps->q->unit;
  Sec m;
  Val vv, vf, vt, vx, vxu, vyu, vi, vs, vea, vtr;
  PetscReal scale = 1, Ea = 0, Tref = FV_TREF_DEFAULT;
  int nkinds;

  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, s, name, v));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscMemzero(p, sizeof *p));
  PetscCall(PetscStrncpy(p->name, v->key, sizeof p->name));
  p->scale = 1;
  p->Tref  = FV_TREF_DEFAULT;
  if (!v->present) {
    if (required)
      CaseFail(L, v, "expected %s (e.g. \"%s\"), or {form: NAME} or {table: FILE.csv}", ps->q->what,
               ps->q->example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (v->str || v->isnull) { /* a constant */
    p->kind = FV_PROP_CONST;
    p->arg  = ps->const_arg;
    PetscCall(CaseQtyOf(L, v, ps->q, unit, &p->value));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  {
    char what[256];
    CaseSfmt(what, sizeof what, "%s (e.g. \"%s\"), or a map {value|form|table: ..., ...}",
             ps->q->what, ps->q->example);
    CaseOpenSection(L, v, prop_keys, what, &m);
  }
  PetscCall(CaseLookup(L, &m, "value", &vv));
  PetscCall(CaseLookup(L, &m, "form", &vf));
  PetscCall(CaseLookup(L, &m, "table", &vt));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  nkinds = (int)vv.present + (int)vf.present + (int)vt.present;
  if (nkinds != 1) {
    CaseFail(L, v, "expected exactly one of value, form or table");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(CaseGetQty(L, &m, "scale", &Q_SCALE, PETSC_FALSE, 1, &vs, &scale));
  PetscCall(CaseGetQty(L, &m, "activation_energy", &Q_EA, PETSC_FALSE, 0, &vea, &Ea));
  PetscCall(CaseGetQty(L, &m, "reference_temperature", &Q_TEMP, PETSC_FALSE, FV_TREF_DEFAULT, &vtr,
                       &Tref));
  PetscCall(CaseLookup(L, &m, "x", &vx));
  PetscCall(CaseLookup(L, &m, "x_unit", &vxu));
  PetscCall(CaseLookup(L, &m, "y_unit", &vyu));
  PetscCall(CaseLookup(L, &m, "interpolation", &vi));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  p->scale = scale;
  p->Ea    = Ea;
  p->Tref  = Tref;
  if (vv.present) {
    const Val *bad = vx.present    ? &vx
                     : vxu.present ? &vxu
                     : vyu.present ? &vyu
                     : vi.present  ? &vi
                                   : NULL;
    if (bad) {
      CaseFail(L, bad, "only a table takes x, x_unit, y_unit or interpolation");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    p->kind = FV_PROP_CONST;
    p->arg  = ps->const_arg;
    PetscCall(CaseQtyOf(L, &vv, ps->q, unit, &p->value));
    p->value *= p->scale; /* a constant carries its scale */
    p->scale = 1;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* the argument of a form or table */
  p->arg = ps->def_arg;
  if (vx.present) {
    if (vx.str && (!strcmp(vx.str, "sto") || !strcmp(vx.str, "stoichiometry")) && ps->sto_ok)
      p->arg = FV_ARG_STO;
    else if (vx.str && (!strcmp(vx.str, "concentration") || !strcmp(vx.str, "c")) && ps->conc_ok)
      p->arg = FV_ARG_CONC;
    else {
      CaseFail(L, &vx, "expected %s",
               ps->sto_ok && ps->conc_ok ? "sto or concentration"
               : ps->sto_ok              ? "sto"
                                         : "concentration");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
  }
  if (vf.present) {
    const Val *bad = vxu.present ? &vxu : vyu.present ? &vyu : vi.present ? &vi : NULL;
    Val ve;
    if (bad) {
      CaseFail(L, bad, "only a table takes x_unit, y_unit or interpolation");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(CaseLookup(L, &m, "extrapolate", &ve));
    if (ve.present) {
      CaseFail(L, &ve, "only a table takes extrapolate");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (!vf.str || !FvFormLookup(vf.str)) {
      const char *near = vf.str ? CaseClosest(vf.str, FvFormNames()) : NULL;
      if (near)
        CaseFail(
            L, &vf,
            "expected the name of a closed form (did you mean \"%s\"? `fvcell materials` lists "
            "them)",
            near);
      else
        CaseFail(L, &vf, "expected the name of a closed form (`fvcell materials` lists them)");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    p->kind = FV_PROP_FORM;
    PetscCall(PetscStrncpy(p->form, vf.str, sizeof p->form));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  { /* a table: a CSV file, or an inline list of [x, y] pairs */
    static const char *const interps[] = {"steffen", "linear", NULL};
    const char *xunit = p->arg == FV_ARG_CONC ? "mol/m3" : "1", *xgiven = xunit, *ygiven = unit;
    PetscReal xs, xo, ys, yo;
    PetscBool ok;
    char why[1024];
    int interp;
    Val vi2;
    if (vxu.present) {
      if (!vxu.str) {
        CaseFail(L, &vxu, "expected a unit of x, e.g. \"mol/m3\"");
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      xgiven = vxu.str;
    }
    if (vyu.present) {
      if (!vyu.str) {
        CaseFail(L, &vyu, "expected a unit of y, e.g. \"%s\"", unit);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      ygiven = vyu.str;
    }
    PetscCall(FvUnitsGetMap(L->units, xgiven, xunit, &xs, &xo, &ok, why, sizeof why));
    if (!ok) {
      CaseFail(L, &vxu, "expected a unit of %s: %s",
               p->arg == FV_ARG_CONC ? "concentration" : "stoichiometry (1)", why);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(FvUnitsGetMap(L->units, ygiven, unit, &ys, &yo, &ok, why, sizeof why));
    if (!ok) {
      CaseFail(L, &vyu, "expected a unit convertible to %s: %s", unit, why);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(CaseGetWord(L, &m, "interpolation", interps, "steffen or linear", 0, &interp, &vi2));
    PetscCall(CaseGetBool(L, &m, "extrapolate", PETSC_FALSE, &p->extrapolate));
    if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
    p->interp = interp == 1 ? FV_INTERP_LINEAR : FV_INTERP_STEFFEN;
    if (vt.str) { /* a file */
      char path[FV_PATH_LEN];
      char *text;
      size_t len;
      int err;
      CaseResolvePath(L, vt.org, vt.str, path, sizeof path);
      PetscCall(CaseReadFileBcast(L->comm, path, &text, &len, &err));
      if (err) {
        CaseFail(L, &vt, "expected a readable two-column CSV file: cannot read %s: %s", path,
                 CaseFileError(err));
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      PetscCall(ParseCsv(text, path, xs, xo, ys, yo, &p->n, &p->x, &p->y, &ok, why, sizeof why));
      free(text);
      if (!ok) {
        CaseFail(L, &vt, "expected a two-column CSV table: %s", why);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      PetscCall(PetscStrncpy(p->source, path, sizeof p->source));
    } else if (vt.node && vt.node->type == YAML_SEQUENCE_NODE) { /* inline [[x, y], ...] */
      PetscInt n =
          (PetscInt)(vt.node->data.sequence.items.top - vt.node->data.sequence.items.start);
      PetscCall(PetscMalloc1(PetscMax(n, 1), &p->x));
      PetscCall(PetscMalloc1(PetscMax(n, 1), &p->y));
      p->n = n;
      for (PetscInt i = 0; i < n; i++) {
        yaml_node_t *it = yaml_document_get_node(vt.doc, vt.node->data.sequence.items.start[i]);
        Val vp          = vt;
        double xy[2];
        vp.node = it;
        vp.line = CaseNodeLine(it);
        vp.str  = CaseNodeScalar(it);
        CaseSfmt(vp.key, sizeof vp.key, "%s[%d]", vt.key, (int)i);
        if (!it || it->type != YAML_SEQUENCE_NODE ||
            it->data.sequence.items.top - it->data.sequence.items.start != 2) {
          CaseFail(L, &vp, "expected a pair [x, y]");
          PetscFunctionReturn(PETSC_SUCCESS);
        }
        for (int j = 0; j < 2; j++) {
          const char *t =
              CaseNodeScalar(yaml_document_get_node(vt.doc, it->data.sequence.items.start[j]));
          char *end;
          xy[j] = t ? strtod(t, &end) : 0;
          if (!t || end == t || *end || !isfinite(xy[j])) {
            CaseFail(L, &vp, "expected a pair of numbers [x, y]");
            PetscFunctionReturn(PETSC_SUCCESS);
          }
        }
        p->x[i] = xs * xy[0] + xo;
        p->y[i] = ys * xy[1] + yo;
      }
      PetscCall(PetscStrncpy(p->source, v->key, sizeof p->source));
    } else {
      CaseFail(L, &vt, "expected a CSV file name or a list of [x, y] pairs");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    p->kind = FV_PROP_TABLE;
    if (CheckTable(p->n, p->x, why, sizeof why)) CaseFail(L, &vt, "expected a table: %s", why);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}
