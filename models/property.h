/* property.h -- a material property as data: a constant, a named closed form or a table.
 *
 * Owns: FvProperty (what a case file says about one property, in SI) and its evaluation
 * at a state (argument x, temperature T).  The argument x is whatever the property is a
 * function of: stoichiometry for OCPs, concentration [mol m-3] for electrolyte properties,
 * stoichiometry or concentration for solid diffusivities (FvProperty.arg says which).
 * Temperature dependence is an Arrhenius factor exp(Ea/R (1/Tref - 1/T)) when Ea != 0.
 * Tables are interpolated monotonically (GSL Steffen) or linearly; outside the table range
 * evaluation fails with FV_PROP_OUT_OF_RANGE unless `extrapolate` is set (linear).
 * Physics code calls FvPropertyEval only; it never parses anything.
 */
#pragma once
#include <petscsys.h>
#include "forms.h"

#define FV_NAME_LEN 128
#define FV_FORM_MAX_PARAMS 8

typedef enum { FV_PROP_UNSET = 0, FV_PROP_CONST, FV_PROP_FORM, FV_PROP_TABLE } FvPropKind;

/* What the argument x of a property is. */
typedef enum {
  FV_ARG_NONE = 0, /* constant in x */
  FV_ARG_STO,      /* stoichiometry c_s / c_s,max (dimensionless) */
  FV_ARG_CONC,     /* concentration [mol m-3] (electrolyte c, or solid c_s = sto c_s,max) */
} FvPropArg;

typedef enum { FV_INTERP_STEFFEN = 0, FV_INTERP_LINEAR } FvInterp;

typedef struct _p_FvTable *FvTable; /* opaque, owned by the property */

typedef struct {
  FvPropKind kind;
  FvPropArg arg;
  char name[FV_NAME_LEN]; /* property name for messages, e.g. "negative.ocp" */
  PetscReal value;        /* FV_PROP_CONST: the value in SI */
  char form[FV_NAME_LEN]; /* FV_PROP_FORM: closed-form name, see forms.h */
  FvFormFn fn;            /* resolved by FvPropertySetUp */
  FvFormDerivFn dfn;      /* its derivative, resolved with it */
  PetscReal scale;        /* multiplies the form or table value (1 when not given) */
  /* FV_PROP_TABLE: x and y in SI, x strictly increasing */
  PetscInt n;
  PetscReal *x, *y;
  FvInterp interp;
  PetscBool extrapolate; /* linear extrapolation outside [x0, xn-1] instead of an error */
  char source[256];      /* where the table came from (file path) for messages */
  FvTable table;         /* built lazily by FvPropertySetUp */
  /* Arrhenius factor; Ea = 0 means none */
  PetscReal Ea;   /* J mol-1 */
  PetscReal Tref; /* K */
} FvProperty;

/* Result codes of FvPropertyEval (not PetscErrorCode: out of range is a state, not a bug). */
#define FV_PROP_OK 0
#define FV_PROP_OUT_OF_RANGE 1

PetscErrorCode FvPropertySetConstant(FvProperty *p, const char *name, PetscReal value);
PetscErrorCode FvPropertySetUp(FvProperty *p);
PetscErrorCode FvPropertyCopy(const FvProperty *src, FvProperty *dst); /* deep copy */
PetscErrorCode FvPropertyDestroy(FvProperty *p);
/* The evaluator: the value at x, T (R is the gas constant the case uses) and, when dvdx is not
 * NULL, the derivative dv/dx of the value actually returned: 0 for a constant, the derivative of
 * the interpolant in use for a table (the end segment's slope when extrapolating, 0 where the
 * value is clamped), the hand-derived derivative of a closed form; the scale and the Arrhenius
 * factor multiply it as they multiply the value. Returns FV_PROP_OK or FV_PROP_OUT_OF_RANGE;
 * *val is always written (clamped table value when out of range). */
int FvPropertyEvaluate(const FvProperty *p, PetscReal x, PetscReal T, PetscReal R, PetscReal *val,
                       PetscReal *dvdx);
/* The value alone, and the value with its derivative. A constant without an Arrhenius factor
 * (most solid diffusivities, rate constants and transference numbers) is answered here without
 * a call: the residual evaluates several properties per cell and shell. */
static inline int FvPropertyEval(const FvProperty *p, PetscReal x, PetscReal T, PetscReal R,
                                 PetscReal *val) {
  if (p->kind == FV_PROP_CONST && p->Ea == 0.0) {
    *val = p->value * p->scale;
    return FV_PROP_OK;
  }
  return FvPropertyEvaluate(p, x, T, R, val, NULL);
}
static inline int FvPropertyEvalDeriv(const FvProperty *p, PetscReal x, PetscReal T, PetscReal R,
                                      PetscReal *val, PetscReal *dvdx) {
  if (p->kind == FV_PROP_CONST && p->Ea == 0.0) {
    *val  = p->value * p->scale;
    *dvdx = 0.0 * p->scale;
    return FV_PROP_OK;
  }
  return FvPropertyEvaluate(p, x, T, R, val, dvdx);
}
/* The value, d/dx and d/dT at (x, T): dv/dT = v Ea/(R T^2) from the Arrhenius factor, plus for a
 * closed form that uses T itself (a few electrolyte forms do) a central difference of the form in
 * T (step 1e-4 T: relative error ~1e-9 for the smooth forms; exactly 0 for a form that ignores T).
 * Returns like FvPropertyEvaluate. */
int FvPropertyEvalDerivT(const FvProperty *p, PetscReal x, PetscReal T, PetscReal R, PetscReal *val,
                         PetscReal *dvdx, PetscReal *dvdT);
/* The Arrhenius factor exp(Ea/R (1/Tref - 1/T)) of activation energy Ea [J mol-1] and its
 * derivative d/dT = factor Ea/(R T^2) (1 and 0 when Ea = 0). */
static inline PetscReal FvArrhenius(PetscReal Ea, PetscReal Tref, PetscReal T, PetscReal R,
                                    PetscReal *dfdT) {
  const PetscReal a = Ea != 0.0 ? PetscExpReal(Ea / R * (1.0 / Tref - 1.0 / T)) : 1.0;
  if (dfdT) *dfdT = Ea != 0.0 ? a * Ea / (R * T * T) : 0.0;
  return a;
}
/* One line describing the property, for `fvcell check`. */
PetscErrorCode FvPropertyDescribe(const FvProperty *p, char *buf, size_t len);
