/* heat_profile.h -- the heat sources of a state of the discrete problem (docs/thermal.md §2, §3).
 *
 * Owns: the heat terms of every owned control volume of a state Y at a temperature T, evaluated
 * with the pointwise laws of models/heat.h from the same face currents the residual uses (ionic
 * and electronic currents of every x face, the collectors' half cells, metal interfaces, the
 * contact resistance), the face heats shared between the half cells; and their totals per
 * electrode area.  It reads the problem; it changes nothing.  1D cells (x faces) only: a 2D or 3D
 * problem is refused with PETSC_ERR_SUP.
 */
#pragma once
#include "heat.h"
#include "problem.h"

/* Heat of state Y at temperature T with the reaction-heat form `form`: per owned cell and term
 * [W m-3] into cellq[q * FV_NHEAT + term] (q the owned index; may be NULL) and the totals over the
 * cell [W m-2 of electrode] into total[term] (every rank).  *bad: some law was outside its domain.
 */
PetscErrorCode FvProblemHeat(FvProblem *p, Vec Y, PetscReal T, FvReactionHeat form,
                             PetscReal *cellq, PetscReal total[FV_NHEAT], PetscBool *bad);
