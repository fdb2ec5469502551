/* heat_profile.h -- the heat sources of a state of the discrete problem (docs/thermal.md §2, §3).
 *
 * Also owns the piece of the in-pass heat (FvCell.heat, docs/modules.md §5) that several modules
 * share: the share of a face's ohmic heat that belongs to a cell, with its derivatives.
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
#include "module.h"

/* Heat of state Y at temperature T (each cell's own T when the problem has a temperature unknown)
 * with the reaction-heat form `form`: per owned cell and term
 * [W m-3] into cellq[q * FV_NHEAT + term] (q the owned index; may be NULL) and the totals over the
 * cell [W m-2 of electrode] into total[term] (every rank).  *bad: some law was outside its domain.
 */
PetscErrorCode FvProblemHeat(FvProblem *p, Vec Y, PetscReal T, FvReactionHeat form,
                             PetscReal *cellq, PetscReal total[FV_NHEAT], PetscBool *bad);

/* In a residual or Jacobian pass (docs/modules.md §5): the share of cell c of the ohmic heat (T3)
 * of its interior face fi (0..5, FvCell.face order) that carries face quantity qi (a current
 * density along the face's axis) between the values of unknown col (a potential) of the face's
 * left and right cells, split by the half-cell resistances with conductivities XL, XR
 * (FvHeatFaceSplit).  Adds it to c->heat per unit of the cell's x-face area (y and z faces
 * times h/dy, h/dz, as FvCellDivergence).  In Jacobian passes (b and c->dheat not NULL) adds its
 * derivatives to c->dheat: dXL[v], dXR[v] are the derivatives of XL, XR by face column v of
 * their own cells (NULL: constant).  Boundary faces (side != 0) are the modules' own. */
void FvCellHeatFace(const FvProblem *p, const FvEval *e, FvCell *c, const FvBlock *b, int fi,
                    PetscInt qi, PetscInt col, PetscReal XL, PetscReal XR, const PetscReal *dXL,
                    const PetscReal *dXR);
/* Add v to c->dheat at face column fc of block neighbour nb (FV_NB_SELF: the cell's own). */
static inline void FvCellHeatAdd(const FvBlock *b, FvCell *c, PetscInt nb, PetscInt unknown,
                                 PetscReal v) {
  c->dheat[FvBlockCol(b, nb, unknown)] += v;
}
