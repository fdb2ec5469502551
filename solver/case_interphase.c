/* case_interphase.c -- the `interphase:` section of a composite electrode (see case_loader.h).
 *
 * Owns: loading the interphase growth law (models/interphase.h; its keys are rows of
 * case_schema.c, section FV_SEC_INTERPHASE) and writing it back in the resolved case. The law
 * acts at the active | solid-electrolyte interface, so an electrode without a solid_electrolyte
 * section refuses it.
 */
#include "case_loader.h"

PetscErrorCode CaseLoadInterphase(Loader *L, const Sec *s, PetscInt g) {
  FvRegion *r = &L->c->region[g];
  Val v;
  Sec is;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, s, "interphase", &v));
  if (L->failed || !v.present) PetscFunctionReturn(PETSC_SUCCESS);
  if (!L->has_se[g]) {
    CaseFail(L, &v,
             "expected no interphase section: the interphase grows between the active particles "
             "and a solid electrolyte, and %s has no solid_electrolyte section",
             region_names[g]);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  CaseOpenSection(L, &v, CaseSchemaKeys(L, FV_SEC_INTERPHASE),
                  "a map of the interphase law's keys (reference_potential, "
                  "reference_current_density, resistance_per_charge, parabolic_rate, ...)",
                  &is);
  PetscCall(CaseLoadRows(L, &is, FV_SEC_INTERPHASE, &r->interphase));
  { /* each limitation has its own parameter and refuses the other's */
    const PetscBool logarithmic = (PetscBool)(r->interphase.limit == FV_INTERPHASE_LOGARITHMIC);
    const char *own             = logarithmic ? "tunnelling_resistance" : "parabolic_rate";
    const char *other           = logarithmic ? "parabolic_rate" : "tunnelling_resistance";
    Val vo;
    PetscBool has;
    PetscCall(CaseLoadKeyAs(L, &is, FV_SEC_INTERPHASE, own, &r->interphase, PETSC_TRUE, 0, &vo));
    PetscCall(CaseHas(L, &is, other, &has));
    if (!L->failed && has) {
      PetscCall(CaseLookup(L, &is, other, &vo));
      CaseFail(L, &vo, "expected no %s with limitation: %s (its parameter is %s)", other,
               logarithmic ? "logarithmic" : "parabolic", own);
    }
    if (!L->failed && logarithmic && !(r->interphase.R_t > 0))
      CaseFail(L, &vo, "expected a positive tunnelling_resistance");
  }
  r->interphase.enabled = (PetscBool)!L->failed;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseWriteInterphase(const CaseWriter *w, int indent, const FvCaseKey *k,
                                   const void *base) {
  const FvRegion *r = &w->c->region[w->g];
  PetscFunctionBeginUser;
  (void)base;
  if (!r->interphase.enabled) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseStrAdd(w->b, "%*s%s:\n", indent, "", k->name));
  PetscCall(CaseWriteRows(w, indent + 2, FV_SEC_INTERPHASE, &r->interphase));
  PetscFunctionReturn(PETSC_SUCCESS);
}
