/* linear_condensed.h -- the condensed, multigrid-preconditioned linear solver for 2D/3D meshes.
 *
 * Owns: the choice between it and the direct solvers (by mesh dimension, size and ranks, with
 * -fvcell_p3d_solver to override), and its preconditioner, a PETSc PCSHELL: every unknown of a
 * cell past its nfield leading ones (the particle shells, interface currents, contact fractions)
 * couples only to its own cell, so the per-cell block of those unknowns is eliminated exactly by
 * a small dense LU (static condensation). The condensed operator on the nfield field unknowns
 * (c, phi_e, phi_s, the collector comb) keeps the field block's stencil,
 *   S = A_ff - A_fl A_ll^-1 A_lf,
 * and is solved approximately by an inner KSP (prefix fvcell_condensed_, algebraic multigrid by
 * default); the local unknowns follow by back-substitution. The outer Krylov method (FGMRES) runs
 * on the full Newton matrix (docs/p3d-solvers.md).
 */
#pragma once
#include <petscksp.h>
#include "dmda_cell.h"

typedef struct _p_FvCondensed *FvCondensed;

/* The mesh's dimension and size and the comm's size decide the default (mesh must outlive cs);
 * dof unknowns a cell, of which the first nfield are field unknowns (couple to face
 * neighbours). */
PetscErrorCode FvCondensedCreate(MPI_Comm comm, const FvMesh *mesh, PetscInt dof, PetscInt nfield,
                                 FvCondensed *cs);
/* Whether some unknowns after the first nfield couple to face neighbours too (a thermal model's
 * temperature and heat sum): they cannot be eliminated cell by cell, so `auto` takes the direct
 * solver and `condensed` is refused with one line. Call before FvCondensedSetFromOptions. */
PetscErrorCode FvCondensedSetCrossCellLocals(FvCondensed cs, PetscBool cross);
/* Reads -fvcell_p3d_solver, -fvcell_condensed_{amg,rtol,max_it,min_cells,collector,layer}; a bad
 * value is a one-line error (PETSC_ERR_USER). */
PetscErrorCode FvCondensedSetFromOptions(FvCondensed cs);
/* Whether the condensed solver was chosen (else the caller's direct solver). */
PetscErrorCode FvCondensedGetUse(FvCondensed cs, PetscBool *use);
/* Makes ksp FGMRES preconditioned by the condensation (before KSPSetFromOptions, so that
 * -fvcell_ksp_* still override). */
PetscErrorCode FvCondensedSetUpKSP(FvCondensed cs, KSP ksp);
/* Inner (condensed-operator) iterations summed over all applications. */
PetscErrorCode FvCondensedGetInnerIterations(FvCondensed cs, PetscInt *its);
PetscErrorCode FvCondensedDestroy(FvCondensed *cs);
