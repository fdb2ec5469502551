/* forms.h -- named closed-form material functions (the ones the reference cells need).
 *
 * Owns: the registry of closed forms by name and their evaluation in SI. Each form is a
 * function of one argument x (stoichiometry or concentration [mol m-3], see property.h)
 * and temperature T [K]. Sources are cited per form in forms.c.
 */
#pragma once
#include <petscsys.h>

/* A form: *val = f(x, T); returns 0, or 1 when x is outside where the form is defined. */
typedef int (*FvFormFn)(PetscReal x, PetscReal T, PetscReal *val);

/* The same form with its derivative: *val = f(x, T), *dval = df/dx (hand-derived, forms.c). */
typedef int (*FvFormDerivFn)(PetscReal x, PetscReal T, PetscReal *val, PetscReal *dval);

/* The form of that name, or NULL when there is none. */
FvFormFn FvFormLookup(const char *name);
/* Its derivative, or NULL when there is no such form. */
FvFormDerivFn FvFormDerivLookup(const char *name);
/* The names (NULL-terminated), and a one-line description with the source of one form. */
const char *const *FvFormNames(void);
const char *FvFormDescription(const char *name);
