/* units.h -- quantities with units ("100 um", "2.41 mA/cm2") converted to SI with UDUNITS-2.
 *
 * Owns: FvUnits, a units context (the UDUNITS-2 unit system; no global mutable state),
 * and the conversion of a quantity string or a unit to a given SI unit.  Battery spellings
 * are accepted on top of UDUNITS's grammar: mAh, Ah, Wh (-> mA h, A h, W h), M and mM
 * (mol/L, mmol/L), um/µm, cm2, m3, m^2, s-1, ², ³, ⁻¹.  Fractional exponents (the kinetic
 * rate constant "1e-5 m^2.5 mol^-0.5 s^-1") are handled by raising both units to the
 * smallest integer power N that makes every exponent integral, converting that, and taking
 * the N-th root of the (pure scale) factor.
 * User mistakes (bad number, unknown unit, wrong dimension) are not PETSc errors: the
 * functions set *ok = PETSC_FALSE and write a short reason into why.
 */
#pragma once
#include <petscsys.h>

typedef struct _p_FvUnits *FvUnits;

PetscErrorCode FvUnitsCreate(FvUnits *u);
PetscErrorCode FvUnitsDestroy(FvUnits *u);

/* text = "NUMBER [UNIT]".  si_unit is the SI unit the value is wanted in ("m", "mol/m3",
 * "m^2.5 mol^-0.5 s^-1"; "1" or "" for a pure number).  A pure number is accepted without
 * a unit only when si_unit is dimensionless. */
PetscErrorCode FvUnitsConvert(FvUnits u, const char *text, const char *si_unit, PetscReal *value,
                              PetscBool *ok, char *why, size_t whylen);
/* The affine map from unit to si_unit: si = scale * v + offset ("" or "1" = dimensionless). */
PetscErrorCode FvUnitsGetMap(FvUnits u, const char *unit, const char *si_unit, PetscReal *scale,
                             PetscReal *offset, PetscBool *ok, char *why, size_t whylen);
