/* module_contact.h -- what the run driver asks of the contact module (module_contact.c).
 *
 * Owns: the stack pressure as a protocol quantity. A pressure step of the protocol sets the
 * pressure of every contact law of the problem (its elastic accommodation, docs/model.md §8) and,
 * where it rises, re-closes the recoverable share of the lost contact in the state Y at once
 * (models/contact.h, FvContactRepress). The problem keeps no other copy of the pressure.
 */
#pragma once
#include "problem.h"

/* Set the stack pressure [Pa] of the problem's contact laws; with the state Y (may be NULL),
 * apply the re-press of each family's recoverable pool. Nothing to do without a contact law. */
PetscErrorCode FvContactSetStackPressure(FvProblem *p, Vec Y, PetscReal pressure);
