/* module_contact.h -- what the run driver asks of the contact module (module_contact.c).
 *
 * Owns: the stack pressure as a protocol quantity. A pressure step of the protocol sets the
 * pressure of every contact law of the problem (its elastic accommodation, docs/model.md §8) and,
 * where it rises, re-closes the recoverable share of the lost contact in the state Y at once
 * (models/contact.h, FvContactRepress). The problem keeps no other copy of the pressure.
 * Also the scratch that the contact and interphase modules share: the weights of a family's shells
 * in its mean stoichiometry, through which both laws' rows depend on the shells.
 */
#pragma once
#include "problem.h"

/* Set the stack pressure [Pa] of the problem's contact laws; with the state Y (may be NULL),
 * apply the re-press of each family's recoverable pool. Nothing to do without a contact law. */
PetscErrorCode FvContactSetStackPressure(FvProblem *p, Vec Y, PetscReal pressure);

/* The weights w_l = d theta / d c_l of a family's shells in its mean stoichiometry theta (the
 * Jacobian rows of a law driven by theta), with their scratch; sized for the model's shells. */
typedef struct {
  PetscReal *w, *e;
} FvShellWeights;
PetscErrorCode FvShellWeightsCreate(const FvModel *m, FvShellWeights *s);
PetscErrorCode FvShellWeightsDestroy(FvShellWeights *s);
/* w_l for the n shells of family fm of a region whose maximum concentration is c_max. */
void FvShellWeightsCompute(FvShellWeights *s, const FvRegionModel *fm, PetscInt n, PetscReal c_max);
