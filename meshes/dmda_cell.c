/* dmda_cell.c -- builds the cell mesh and its DMDA (see dmda_cell.h). */
#include "dmda_cell.h"

/* Widths of n cells filling thickness L. q = 1: uniform. q > 1: geometric, finer towards both
 * ends of the region (its interfaces, where the reaction and the gradients concentrate): the
 * width of cell k is proportional to q^min(k, n - 1 - k). */
static void RegionWidths(PetscReal L, PetscInt n, PetscReal q, PetscReal *w) {
  PetscReal sum = 0;
  if (!(q > 1)) {
    for (PetscInt k = 0; k < n; k++)
      w[k] = L / n;
    return;
  }
  for (PetscInt k = 0; k < n; k++)
    sum += (w[k] = PetscPowReal(q, (PetscReal)PetscMin(k, n - 1 - k)));
  for (PetscInt k = 0; k < n; k++)
    w[k] *= L / sum;
}

PetscErrorCode FvMeshCreate(MPI_Comm comm, const FvCase *c, PetscInt dof, const PetscInt *dfill,
                            const PetscInt *ofill, FvMesh *mesh) {
  PetscInt i = 0, px = PETSC_DECIDE, py = PETSC_DECIDE, pz = PETSC_DECIDE;
  PetscReal x = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mesh, sizeof *mesh));
  mesh->dim = c->mesh.dim > 0 ? c->mesh.dim : 1;
  mesh->ny  = mesh->dim >= 2 ? c->mesh.ny : 1;
  mesh->nz  = mesh->dim >= 3 ? c->mesh.nz : 1;
  mesh->Ly  = mesh->dim >= 2 ? c->mesh.Ly : 1.0;
  mesh->Lz  = mesh->dim >= 3 ? c->mesh.Lz : 1.0;
  mesh->dy  = mesh->Ly / mesh->ny;
  mesh->dz  = mesh->Lz / mesh->nz;
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    mesh->first[g] = mesh->M;
    mesh->M += c->region[g].ncells;
  }
  mesh->first[FV_NREGIONS] = mesh->M;
  /* the collector coupling (solver/problem.c) keeps its running sum in the next-to-last x cell */
  PetscCheck(mesh->dim == 1 || mesh->M >= 2, comm, PETSC_ERR_USER,
             "a %" PetscInt_FMT "D mesh needs at least 2 cells across the cell", mesh->dim);
  PetscCall(PetscMalloc4(mesh->M, &mesh->region, mesh->M, &mesh->h, mesh->M, &mesh->xc, mesh->M + 1,
                         &mesh->xf));
  mesh->xf[0] = 0;
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const PetscInt n = c->region[g].ncells;
    RegionWidths(c->region[g].thickness, n, c->mesh.x_grading, mesh->h + i);
    mesh->Lreg[g] = n > 0 ? c->region[g].thickness : 0;
    for (PetscInt k = 0; k < n; k++, i++) {
      mesh->region[i] = g;
      mesh->xc[i]     = x + 0.5 * mesh->h[i];
      x += mesh->h[i];
      mesh->xf[i + 1] = x;
    }
  }
  mesh->L = x;
  /* rank grid: -fvcell_processors_x/y/z (default: PETSc decides) */
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-fvcell_processors_x", &px, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-fvcell_processors_y", &py, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-fvcell_processors_z", &pz, NULL));
  switch (mesh->dim) {
  case 1:
    PetscCall(DMDACreate1d(comm, DM_BOUNDARY_NONE, mesh->M, dof, 1, NULL, &mesh->da));
    break;
  case 2:
    PetscCall(DMDACreate2d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, mesh->M,
                           mesh->ny, px, py, dof, 1, NULL, NULL, &mesh->da));
    break;
  default:
    PetscCall(DMDACreate3d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE,
                           DMDA_STENCIL_STAR, mesh->M, mesh->ny, mesh->nz, px, py, pz, dof, 1, NULL,
                           NULL, NULL, &mesh->da));
    break;
  }
  if (dfill || ofill) PetscCall(DMDASetBlockFills(mesh->da, dfill, ofill));
  PetscCall(DMSetUp(mesh->da));
  PetscCall(
      DMDAGetCorners(mesh->da, &mesh->xs, &mesh->ys, &mesh->zs, &mesh->xm, &mesh->ym, &mesh->zm));
  PetscCall(DMDAGetGhostCorners(mesh->da, &mesh->gxs, &mesh->gys, &mesh->gzs, &mesh->gxm,
                                &mesh->gym, &mesh->gzm));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvMeshDestroy(FvMesh *mesh) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree4(mesh->region, mesh->h, mesh->xc, mesh->xf));
  PetscCall(DMDestroy(&mesh->da));
  PetscFunctionReturn(PETSC_SUCCESS);
}
