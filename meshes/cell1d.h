/* cell1d.h -- the 1D cell-thickness mesh: negative | separator | positive on a DMDA.
 *
 * Owns: the control volumes across the cell (uniform within each region), which region each
 * cell is in, and the distributed 1D DMDA carrying the per-cell unknowns (dof per cell,
 * stencil width 1). Every rank keeps the small global geometry arrays.
 */
#pragma once
#include <petscdmda.h>
#include "case.h"

typedef struct {
  PetscInt M;                      /* global number of cells */
  PetscInt first[FV_NREGIONS + 1]; /* first cell of each region; first[3] = M */
  PetscInt *region;                /* region of each cell */
  PetscReal *h, *xc;               /* width and centre of each cell [m] */
  PetscReal L;                     /* cell thickness [m] */
  DM da;
} FvMesh1D;

/* dfill/ofill: the within-cell and neighbour coupling of the dof (may be NULL = dense). */
PetscErrorCode FvMesh1DCreate(MPI_Comm comm, const FvCase *c, PetscInt dof, const PetscInt *dfill,
                              const PetscInt *ofill, FvMesh1D *mesh);
PetscErrorCode FvMesh1DDestroy(FvMesh1D *mesh);
