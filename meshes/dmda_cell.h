/* dmda_cell.h -- the cell domain: negative | separator | positive along x, in-plane y and z, on a
 * DMDA of dimension 1, 2 or 3 (docs/numerics.md §2, §9).
 *
 * Owns: the control volumes across the cell (uniform or graded within each region), which region
 * each x index is in, the uniform in-plane cells, and the distributed DMDA carrying the per-cell
 * unknowns (dof per cell, star stencil of width 1: a cell couples to its face neighbours only).
 * Every rank keeps the small global x geometry arrays; the owned and ghosted boxes are cached.
 * Arrays of the owned box are in natural order, x fastest (FvMeshOwned); arrays of the ghosted
 * box likewise (FvMeshGhost).
 */
#pragma once
#include <petscdmda.h>
#include "cell_params.h"

typedef struct {
  PetscInt dim;                    /* 1, 2 or 3 */
  PetscInt M, ny, nz;              /* global cells in x, y, z (ny = nz = 1 in 1D) */
  PetscInt first[FV_NREGIONS + 1]; /* first x index of each region; first[3] = M */
  PetscInt *region;                /* region of each x index */
  PetscReal *h, *xc;               /* width and centre of each x index [m] */
  PetscReal *xf;                   /* M + 1 face positions [m] */
  PetscReal Lreg[FV_NREGIONS];     /* region thicknesses [m] */
  PetscReal L, Ly, Lz, dy, dz;     /* cell thickness, in-plane extents and cell sizes [m] */
  DM da;
  PetscInt xs, ys, zs, xm, ym, zm;       /* owned box */
  PetscInt gxs, gys, gzs, gxm, gym, gzm; /* ghosted box */
} FvMesh;

/* dfill/ofill: the within-cell and neighbour coupling of the dof (may be NULL = dense). */
PetscErrorCode FvMeshCreate(MPI_Comm comm, const FvCase *c, PetscInt dof, const PetscInt *dfill,
                            const PetscInt *ofill, FvMesh *mesh);
PetscErrorCode FvMeshDestroy(FvMesh *mesh);
/* The rank grid of an M x ny x nz mesh (ny = nz = 1 below their dimension) on comm's ranks:
 * px, py, pz as given (> 0) or chosen (in: PETSC_DECIDE). *ok is false, with a one-line reason
 * in msg, when the ranks cannot be laid out (more ranks than cells; in 1D fewer than 2 cells a
 * rank). Called before a run so that a bad layout is a user error, not a PETSc trace. */
PetscErrorCode FvMeshLayout(MPI_Comm comm, PetscInt dim, PetscInt M, PetscInt ny, PetscInt nz,
                            PetscInt *px, PetscInt *py, PetscInt *pz, PetscBool *ok, char *msg,
                            size_t len);

/* Position of cell (i, j, k) in owned-box and ghosted-box arrays (in cells, not dof). */
static inline PetscInt FvMeshOwned(const FvMesh *m, PetscInt i, PetscInt j, PetscInt k) {
  return ((k - m->zs) * m->ym + (j - m->ys)) * m->xm + (i - m->xs);
}
static inline PetscInt FvMeshGhost(const FvMesh *m, PetscInt i, PetscInt j, PetscInt k) {
  return ((k - m->gzs) * m->gym + (j - m->gys)) * m->gxm + (i - m->gxs);
}
/* Number of owned / ghosted cells. */
static inline PetscInt FvMeshNOwned(const FvMesh *m) {
  return m->xm * m->ym * m->zm;
}
static inline PetscInt FvMeshNGhost(const FvMesh *m) {
  return m->gxm * m->gym * m->gzm;
}
