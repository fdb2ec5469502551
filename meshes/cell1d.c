/* cell1d.c -- builds the 1D cell mesh and its DMDA (see cell1d.h). */
#include "cell1d.h"

PetscErrorCode FvMesh1DCreate(MPI_Comm comm, const FvCase *c, PetscInt dof, const PetscInt *dfill,
                              const PetscInt *ofill, FvMesh1D *mesh) {
  PetscInt i  = 0;
  PetscReal x = 0;
  PetscFunctionBeginUser;
  mesh->M = 0;
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    mesh->first[g] = mesh->M;
    mesh->M += c->region[g].ncells;
  }
  mesh->first[FV_NREGIONS] = mesh->M;
  PetscCall(PetscMalloc3(mesh->M, &mesh->region, mesh->M, &mesh->h, mesh->M, &mesh->xc));
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const PetscReal h = c->region[g].thickness / c->region[g].ncells;
    for (PetscInt k = 0; k < c->region[g].ncells; k++, i++) {
      mesh->region[i] = g;
      mesh->h[i]      = h;
      mesh->xc[i]     = x + 0.5 * h;
      x += h;
    }
  }
  mesh->L = x;
  PetscCall(DMDACreate1d(comm, DM_BOUNDARY_NONE, mesh->M, dof, 1, NULL, &mesh->da));
  if (dfill || ofill) PetscCall(DMDASetBlockFills(mesh->da, dfill, ofill));
  PetscCall(DMSetUp(mesh->da));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvMesh1DDestroy(FvMesh1D *mesh) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree3(mesh->region, mesh->h, mesh->xc));
  PetscCall(DMDestroy(&mesh->da));
  PetscFunctionReturn(PETSC_SUCCESS);
}
