/* property.c -- FvProperty: set-up, evaluation, copy, destruction and description.
 *
 * Owns: struct _p_FvTable (the interpolant of a tabulated property) and every function
 * declared in property.h. Closed forms live in forms.c; case parsing lives elsewhere: this
 * file only checks what the loader put into an FvProperty and evaluates it.
 *
 * Ownership: a table's x and y belong to the property and are freed with PetscFree by
 * FvPropertyDestroy, so whoever fills them must allocate them with PetscMalloc1/PetscCalloc1.
 * The interpolant is built over p->x, p->y in place (not a copy): do not change x, y or n
 * after FvPropertySetUp without calling it again.
 *
 * Thread safety: FvPropertyEval only reads the property. The GSL interpolant is read-only after
 * gsl_interp_init, and the index-lookup accelerator GSL wants is a zeroed struct on the caller's
 * stack, one per call (no allocation, no shared mutable cache). A per-call accelerator costs a
 * binary search per evaluation, O(log n), which is cheap for tables of a few hundred points.
 */
#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>
#include "property.h"

#if !defined(PETSC_USE_REAL_DOUBLE)
#error "property.c passes PetscReal arrays to GSL, which needs double: build PETSc with real double"
#endif

/* Steffen, or linear (asked for, or Steffen asked for with only 2 points). Immutable once
 * built; it refers to the owning property's x, y rather than copying them. */
struct _p_FvTable {
  gsl_interp *interp;
};

static const char *PropName(const FvProperty *p) {
  return p->name[0] ? p->name : "(unnamed property)";
}

static const char *PropSource(const FvProperty *p) {
  return p->source[0] ? p->source : "(no source given)";
}

static PetscErrorCode FvTableDestroy(FvTable *t) {
  PetscFunctionBeginUser;
  if (!*t) PetscFunctionReturn(0);
  if ((*t)->interp) gsl_interp_free((*t)->interp);
  PetscCall(PetscFree(*t));
  PetscFunctionReturn(0);
}

/* Check the table data of p (n, x, y) and build p->table. */
static PetscErrorCode FvTableBuild(FvProperty *p) {
  const gsl_interp_type *type;
  FvTable t;
  int status;

  PetscFunctionBeginUser;
  PetscCall(FvTableDestroy(&p->table));
  PetscCheck(p->n >= 2, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
             "property %s: the table from %s has %" PetscInt_FMT " point(s); at least 2 are needed",
             PropName(p), PropSource(p), p->n);
  PetscCheck(p->x && p->y, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
             "property %s: the table from %s has n = %" PetscInt_FMT " but no x or y data",
             PropName(p), PropSource(p), p->n);
  for (PetscInt i = 0; i < p->n; i++) {
    PetscCheck(isfinite(p->x[i]) && isfinite(p->y[i]), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
               "property %s: the table from %s has a non-finite value at point %" PetscInt_FMT
               " (x = %g, y = %g)",
               PropName(p), PropSource(p), i, (double)p->x[i], (double)p->y[i]);
    PetscCheck(
        i == 0 || p->x[i] > p->x[i - 1], PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
        "property %s: the table from %s must have strictly increasing x, but x[%" PetscInt_FMT
        "] = %.15g follows x[%" PetscInt_FMT "] = %.15g",
        PropName(p), PropSource(p), i, (double)p->x[i], i - 1, (double)p->x[i - 1]);
  }
  PetscCheck(p->interp == FV_INTERP_STEFFEN || p->interp == FV_INTERP_LINEAR, PETSC_COMM_SELF,
             PETSC_ERR_USER_INPUT, "property %s: unknown interpolation %d for the table from %s",
             PropName(p), (int)p->interp, PropSource(p));

  /* GSL's default error handler calls abort(). The data were checked above, so no GSL call here
   * or in FvPropertyEval should fail except on memory exhaustion; with the handler off that comes
   * back as a status we turn into a PETSc error. The handler is GSL's process-wide setting, not
   * state of ours; setting it again is harmless (idempotent). */
  gsl_set_error_handler_off();

  /* Steffen (1990) is monotone between monotone data and needs 3 points; with 2 points the
   * only sensible interpolant is the straight line, which is also what Steffen would give. */
  type = (p->interp == FV_INTERP_STEFFEN && p->n >= 3) ? gsl_interp_steffen : gsl_interp_linear;
  PetscCall(PetscNew(&t));
  t->interp = gsl_interp_alloc(type, (size_t)p->n);
  if (!t->interp) {
    PetscCall(PetscFree(t));
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_MEM,
            "property %s: GSL could not allocate a %s interpolant of %" PetscInt_FMT
            " points (table from %s)",
            PropName(p), type == gsl_interp_steffen ? "Steffen" : "linear", p->n, PropSource(p));
  }
  status = gsl_interp_init(t->interp, p->x, p->y, (size_t)p->n);
  if (status != GSL_SUCCESS) {
    PetscCall(FvTableDestroy(&t));
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_LIB,
            "property %s: GSL could not build the interpolant of the table from %s: %s",
            PropName(p), PropSource(p), gsl_strerror(status));
  }
  p->table = t;
  PetscFunctionReturn(0);
}

PetscErrorCode FvPropertySetConstant(FvProperty *p, const char *name, PetscReal value) {
  PetscFunctionBeginUser;
  PetscCheck(p, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "NULL property pointer");
  /* Overwrites p without freeing: destroy a table property first (p may be uninitialised). */
  PetscCall(PetscMemzero(p, sizeof(*p)));
  p->kind  = FV_PROP_CONST;
  p->arg   = FV_ARG_NONE;
  p->value = value;
  p->scale = 1.0;
  if (name) PetscCall(PetscStrncpy(p->name, name, sizeof(p->name)));
  PetscFunctionReturn(0);
}

static PetscErrorCode ListFormNames(char *buf, size_t len) {
  PetscFunctionBeginUser;
  buf[0] = 0;
  for (const char *const *n = FvFormNames(); *n; n++) {
    if (n != FvFormNames()) PetscCall(PetscStrlcat(buf, ", ", len));
    PetscCall(PetscStrlcat(buf, *n, len));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode FvPropertySetUp(FvProperty *p) {
  PetscFunctionBeginUser;
  PetscCheck(p, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "NULL property pointer");
  PetscCheck(p->kind != FV_PROP_UNSET, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
             "property %s is not set: give a constant, a form or a table", PropName(p));
  PetscCheck(isfinite(p->scale) && p->scale != 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
             "property %s: scale is %g; it must be finite and nonzero (1 when none is given)",
             PropName(p), (double)p->scale);
  PetscCheck(isfinite(p->Ea), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
             "property %s: the activation energy is not finite", PropName(p));
  PetscCheck(
      p->Ea == 0.0 || (isfinite(p->Tref) && p->Tref > 0.0), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
      "property %s: activation energy %g J/mol needs a reference temperature > 0 K, got Tref = %g",
      PropName(p), (double)p->Ea, (double)p->Tref);
  if (p->kind != FV_PROP_TABLE) PetscCall(FvTableDestroy(&p->table));
  switch (p->kind) {
  case FV_PROP_CONST:
    PetscCheck(isfinite(p->value), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
               "property %s: the constant value is not finite", PropName(p));
    break;
  case FV_PROP_FORM:
    PetscCheck(p->form[0], PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
               "property %s: a closed form is selected but no form name is given", PropName(p));
    p->fn  = FvFormLookup(p->form);
    p->dfn = FvFormDerivLookup(p->form);
    if (!p->fn) {
      char known[2048];
      PetscCall(ListFormNames(known, sizeof(known)));
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
              "property %s: unknown form '%s'; known forms: %s", PropName(p), p->form, known);
    }
    break;
  case FV_PROP_TABLE:
    PetscCall(FvTableBuild(p));
    break;
  default:
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "property %s: invalid kind %d", PropName(p),
            (int)p->kind);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode FvPropertyCopy(const FvProperty *src, FvProperty *dst) {
  PetscFunctionBeginUser;
  PetscCheck(src, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "NULL property pointer");
  PetscCheck(dst, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "NULL property pointer");
  if (src == dst) PetscFunctionReturn(0);
  /* dst is overwritten, not freed (it may be uninitialised): destroy it first if it owns data. */
  *dst       = *src;
  dst->x     = NULL;
  dst->y     = NULL;
  dst->table = NULL;
  if (src->n > 0 && src->x) {
    PetscCall(PetscMalloc1(src->n, &dst->x));
    PetscCall(PetscArraycpy(dst->x, src->x, src->n));
  }
  if (src->n > 0 && src->y) {
    PetscCall(PetscMalloc1(src->n, &dst->y));
    PetscCall(PetscArraycpy(dst->y, src->y, src->n));
  }
  /* The interpolant points into the arrays it was built on, so rebuild it over dst's copies. */
  if (src->table) PetscCall(FvPropertySetUp(dst));
  PetscFunctionReturn(0);
}

PetscErrorCode FvPropertyDestroy(FvProperty *p) {
  PetscFunctionBeginUser;
  if (!p) PetscFunctionReturn(0);
  PetscCall(FvTableDestroy(&p->table));
  PetscCall(PetscFree(p->x));
  PetscCall(PetscFree(p->y));
  /* Back to the unset state, so a second Destroy (or a SetUp, which then fails clearly) is safe. */
  PetscCall(PetscMemzero(p, sizeof(*p)));
  PetscFunctionReturn(0);
}

/* Hot path: the one evaluator behind FvPropertyEval and FvPropertyEvalDeriv (property.h). With
 * dvdx != NULL a closed form is evaluated through its derivative twin, which returns the value
 * too. */
int FvPropertyEvaluate(const FvProperty *p, PetscReal x, PetscReal T, PetscReal R, PetscReal *val,
                       PetscReal *dvdx) {
  PetscReal v = NAN, d = 0;
  int rc = FV_PROP_OK;

  switch (p->kind) {
  case FV_PROP_CONST:
    v = p->value;
    break;
  case FV_PROP_FORM:
    if (dvdx ? !p->dfn : !p->fn)
      rc = FV_PROP_OUT_OF_RANGE; /* not set up */
    else if (dvdx)
      rc = p->dfn(x, T, &v, &d) ? FV_PROP_OUT_OF_RANGE : FV_PROP_OK;
    else
      rc = p->fn(x, T, &v) ? FV_PROP_OUT_OF_RANGE : FV_PROP_OK;
    break;
  case FV_PROP_TABLE: {
    const PetscReal *X = p->x, *Y = p->y;
    const PetscInt n = p->n;

    if (!p->table) {
      rc = FV_PROP_OUT_OF_RANGE; /* not set up */
    } else if (isnan(x)) {
      rc = FV_PROP_OUT_OF_RANGE;
    } else if (x < X[0]) {
      /* Linear extrapolation continues the end segment (PyBaMM's Interpolant default,
       * pybamm-sets.md section 0 item 10), whatever the interpolant inside; clamped (slope 0)
       * and out of range otherwise. */
      if (p->extrapolate) {
        d = (Y[1] - Y[0]) / (X[1] - X[0]);
        v = dvdx ? Y[0] + (x - X[0]) * d : Y[0] + (x - X[0]) * (Y[1] - Y[0]) / (X[1] - X[0]);
      } else {
        v  = Y[0];
        rc = FV_PROP_OUT_OF_RANGE;
      }
    } else if (x > X[n - 1]) {
      if (p->extrapolate) {
        d = (Y[n - 1] - Y[n - 2]) / (X[n - 1] - X[n - 2]);
        v = dvdx ? Y[n - 1] + (x - X[n - 1]) * d
                 : Y[n - 1] + (x - X[n - 1]) * (Y[n - 1] - Y[n - 2]) / (X[n - 1] - X[n - 2]);
      } else {
        v  = Y[n - 1];
        rc = FV_PROP_OUT_OF_RANGE;
      }
    } else {
      gsl_interp_accel acc = {0, 0, 0}; /* per call: see the header comment */
      v                    = gsl_interp_eval(p->table->interp, X, Y, x, &acc);
      if (dvdx) d = gsl_interp_eval_deriv(p->table->interp, X, Y, x, &acc);
    }
  } break;
  default:
    rc = FV_PROP_OUT_OF_RANGE; /* unset */
    break;
  }
  v *= p->scale;
  d *= p->scale;
  if (p->Ea != 0.0) {
    /* Arrhenius factor exp(Ea/R (1/Tref - 1/T)); T <= 0 or NaN has no meaning. */
    if (T > 0.0) {
      const PetscReal a = exp(p->Ea / R * (1.0 / p->Tref - 1.0 / T));
      v *= a;
      d *= a;
    } else
      rc = FV_PROP_OUT_OF_RANGE;
  }
  *val = v;
  if (dvdx) *dvdx = d;
  return rc;
}

int FvPropertyEvalDerivT(const FvProperty *p, PetscReal x, PetscReal T, PetscReal R, PetscReal *val,
                         PetscReal *dvdx, PetscReal *dvdT) {
  PetscReal d  = 0;
  const int rc = FvPropertyEvaluate(p, x, T, R, val, dvdx);
  if (p->kind == FV_PROP_FORM && p->fn && T > 0.0) {
    const PetscReal dT = 1e-4 * T;
    PetscReal vp, vm;
    if (!p->fn(x, T + dT, &vp) && !p->fn(x, T - dT, &vm) && vp != vm)
      d = (vp - vm) / (2 * dT) * p->scale * FvArrhenius(p->Ea, p->Tref, T, R, NULL);
  }
  if (p->Ea != 0.0 && T > 0.0) d += *val * p->Ea / (R * T * T);
  *dvdT = d;
  return rc;
}

static const char *ArgName(FvPropArg arg) {
  switch (arg) {
  case FV_ARG_STO:
    return "sto";
  case FV_ARG_CONC:
    return "c [mol/m3]";
  default:
    return "x";
  }
}

PetscErrorCode FvPropertyDescribe(const FvProperty *p, char *buf, size_t len) {
  char what[512], mod[256] = "";

  PetscFunctionBeginUser;
  PetscCheck(p, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "NULL property pointer");
  PetscCheck(buf, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "NULL buffer");
  if (!len) PetscFunctionReturn(0);
  switch (p->kind) {
  case FV_PROP_CONST:
    PetscCall(
        PetscSNPrintf(what, sizeof(what), "%s = %g (constant)", PropName(p), (double)p->value));
    break;
  case FV_PROP_FORM:
    PetscCall(PetscSNPrintf(what, sizeof(what), "%s = form %s(%s)%s", PropName(p), p->form,
                            ArgName(p->arg), FvFormLookup(p->form) ? "" : " [unknown form]"));
    break;
  case FV_PROP_TABLE:
    if (p->n >= 2 && p->x && p->y) {
      const char *interp =
          p->interp == FV_INTERP_LINEAR ? "linear" : (p->n >= 3 ? "Steffen" : "linear (2 points)");
      PetscCall(PetscSNPrintf(what, sizeof(what),
                              "%s = table(%s) of %" PetscInt_FMT
                              " points from %s, %s in [%g, %g], %s, %s outside",
                              PropName(p), ArgName(p->arg), p->n, PropSource(p), ArgName(p->arg),
                              (double)p->x[0], (double)p->x[p->n - 1], interp,
                              p->extrapolate ? "linear extrapolation" : "out of range"));
    } else {
      PetscCall(PetscSNPrintf(what, sizeof(what),
                              "%s = table of %" PetscInt_FMT " points from %s [invalid]",
                              PropName(p), p->n, PropSource(p)));
    }
    break;
  default:
    PetscCall(PetscSNPrintf(what, sizeof(what), "%s: not set", PropName(p)));
    break;
  }
  if (p->kind != FV_PROP_UNSET && p->scale != 1.0)
    PetscCall(PetscSNPrintf(mod, sizeof(mod), "; scale %g", (double)p->scale));
  if (p->kind != FV_PROP_UNSET && p->Ea != 0.0) {
    char arr[200];
    PetscCall(PetscSNPrintf(arr, sizeof(arr), "; Arrhenius Ea = %g J/mol, Tref = %g K",
                            (double)p->Ea, (double)p->Tref));
    PetscCall(PetscStrlcat(mod, arr, sizeof(mod)));
  }
  PetscCall(PetscStrncpy(buf, what, len));
  PetscCall(PetscStrlcat(buf, mod, len));
  PetscFunctionReturn(0);
}
