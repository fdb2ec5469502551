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

/* Cut faces of a px x py x pz split of an M x ny x nz grid: the cells that exchange ghosts. */
static PetscReal CutFaces(PetscInt M, PetscInt ny, PetscInt nz, PetscInt px, PetscInt py,
                          PetscInt pz) {
  return (PetscReal)(px - 1) * ny * nz + (PetscReal)(py - 1) * M * nz +
         (PetscReal)(pz - 1) * M * ny;
}

PetscErrorCode FvMeshLayout(MPI_Comm comm, PetscInt dim, PetscInt M, PetscInt ny, PetscInt nz,
                            PetscInt *px, PetscInt *py, PetscInt *pz, PetscBool *ok, char *msg,
                            size_t len) {
  PetscMPIInt size;
  PetscInt bx = 0, by = 0, bz = 0;
  PetscReal best = PETSC_MAX_REAL;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(comm, &size));
  *ok = PETSC_TRUE;
  if (msg && len) msg[0] = 0;
  if (dim < 2) ny = nz = 1;
  if (dim < 3) nz = 1;
  if (dim == 1) {
    /* PETSc 3.18 preallocates the 1D block-fill matrix wrongly for a rank that owns fewer cells
     * than twice the stencil width (a heap overrun in MatSetValues, seen with one cell a rank);
     * its even split gives every rank at least 2 cells when M >= 2 size */
    if (M < 2 * size) {
      *ok = PETSC_FALSE;
      PetscCall(PetscSNPrintf(
          msg, len,
          "a 1D mesh of %" PetscInt_FMT " cells cannot be spread over %d ranks: "
          "each rank needs at least 2 cells (use at most %" PetscInt_FMT " rank%s or more cells)",
          M, size, PetscMax(M / 2, (PetscInt)1), M / 2 > 1 ? "s" : ""));
    }
    *px = PETSC_DECIDE, *py = *pz = 1;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* 2D/3D: the split with the fewest cut faces among those that fit (every rank owns at least
   * one cell in each direction) and agree with the ranks given; ties go to splitting x, the
   * faster direction for the collector comb (bench/results_p3d.md) */
  for (PetscInt a = 1; a <= size; a++) {
    if (size % a || a > M || (*px > 0 && a != *px)) continue;
    for (PetscInt b = 1; b <= size / a; b++) {
      const PetscInt c = size / a / b;
      PetscReal cut;
      if ((size / a) % b || b > ny || c > nz || (*py > 0 && b != *py) || (*pz > 0 && c != *pz))
        continue;
      cut = CutFaces(M, ny, nz, a, b, c);
      if (cut < best) best = cut, bx = a, by = b, bz = c;
    }
  }
  if (!bx) {
    *ok = PETSC_FALSE;
    PetscCall(PetscSNPrintf(msg, len,
                            "a %" PetscInt_FMT " x %" PetscInt_FMT " x %" PetscInt_FMT
                            " mesh cannot be split over %d ranks%s: every rank needs at least one "
                            "cell in each direction",
                            M, ny, nz, size,
                            (*px > 0 || *py > 0 || *pz > 0) ? " as -fvcell_processors_* ask" : ""));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  *px = bx, *py = by, *pz = bz;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The x extents of px ranks (lx, summing to M) with equal work: an electrode cell (particles:
 * their residual, Jacobian and condensation rows) counts w, a separator cell 1. Every rank gets at
 * least one column. Cut b of px lands where the running weight passes b/px of the total. */
static void WeightedCut(const FvMesh *mesh, PetscInt px, PetscReal w, PetscInt *lx) {
  PetscReal total = 0, run = 0;
  PetscInt start = 0, b = 1;
  for (PetscInt i = 0; i < mesh->M; i++)
    total += mesh->region[i] == FV_SEP ? 1.0 : w;
  for (PetscInt i = 0; i < mesh->M && b < px; i++) {
    const PetscReal wi = mesh->region[i] == FV_SEP ? 1.0 : w;
    /* cut before cell i when that is nearer to the target than cutting after it, keeping a
     * column for every rank still to come */
    if (i > start && run + 0.5 * wi >= total * b / px && mesh->M - i >= px - b) {
      lx[b - 1] = i - start;
      start     = i;
      b++;
    }
    run += wi;
  }
  for (; b < px; b++) /* (only if the weights left no room: one column each) */
    lx[b - 1] = 1, start++;
  lx[px - 1] = mesh->M - start;
}

PetscErrorCode FvMeshCreate(MPI_Comm comm, const FvCase *c, PetscInt dof, const PetscInt *dfill,
                            const PetscInt *ofill, FvMesh *mesh) {
  PetscInt i = 0, px = PETSC_DECIDE, py = PETSC_DECIDE, pz = PETSC_DECIDE, *lx = NULL;
  PetscReal x = 0;
  /* cost of an electrode cell against a separator cell on 2D/3D meshes (the x cut): measured on
   * the 3D composite, bench/results_p3d.md ("The x cut") */
  PetscReal weight = 1.4;
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
  /* the collector coupling (solver/module_collector.c) keeps its running sum in the next-to-last x
   * cell */
  if (mesh->dim > 1 && mesh->M < 2) { /* every rank: one line, no traceback */
    PetscCall(PetscFPrintf(comm, PETSC_STDERR,
                           "mesh: a %" PetscInt_FMT "D mesh needs at least 2 cells across the cell "
                           "(negative, separator and positive cells together)\n",
                           mesh->dim));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
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
  PetscOptionsBegin(comm, "fvcell_", "fvcell mesh decomposition", NULL);
  PetscCall(
      PetscOptionsInt("-processors_x", "ranks along x (through the cell)", NULL, px, &px, NULL));
  PetscCall(PetscOptionsInt("-processors_y", "ranks along y (2D, 3D)", NULL, py, &py, NULL));
  PetscCall(PetscOptionsInt("-processors_z", "ranks along z (3D)", NULL, pz, &pz, NULL));
  PetscCall(PetscOptionsReal("-partition_electrode_weight",
                             "2D/3D: work of an electrode cell (particles) relative to a separator "
                             "cell when the ranks cut x (1: equal columns; finite, >= 1)",
                             NULL, weight, &weight, NULL));
  PetscOptionsEnd();
  if (!(weight >= 1 && weight < PETSC_MAX_REAL)) {
    PetscCall(PetscFPrintf(comm, PETSC_STDERR,
                           "command line: -fvcell_partition_electrode_weight %g: expected a "
                           "finite number >= 1\n",
                           (double)weight));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
  {
    char msg[256];
    PetscBool ok;
    PetscCall(FvMeshLayout(comm, mesh->dim, mesh->M, mesh->ny, mesh->nz, &px, &py, &pz, &ok, msg,
                           sizeof msg));
    /* A refusal every rank reaches: printed once and returned on every rank. Not SETERRQ on comm:
     * PETSc's traceback handler lets rank 0 print and makes the other ranks sleep 10 s and exit(0)
     * without MPI_Finalize, which mpiexec reports as an improper exit (and whose teardown can
     * crash or hang); returned, every rank reaches PetscFinalize and exits with the user status. */
    if (!ok) {
      PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s\n", msg));
      PetscFunctionReturn(PETSC_ERR_USER);
    }
  }
  if (mesh->dim > 1 && px > 1) {
    PetscCall(PetscMalloc1(px, &lx));
    WeightedCut(mesh, px, weight, lx);
  }
  switch (mesh->dim) {
  case 1:
    PetscCall(DMDACreate1d(comm, DM_BOUNDARY_NONE, mesh->M, dof, 1, NULL, &mesh->da));
    break;
  case 2:
    PetscCall(DMDACreate2d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, mesh->M,
                           mesh->ny, px, py, dof, 1, lx, NULL, &mesh->da));
    break;
  default:
    PetscCall(DMDACreate3d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE,
                           DMDA_STENCIL_STAR, mesh->M, mesh->ny, mesh->nz, px, py, pz, dof, 1, lx,
                           NULL, NULL, &mesh->da));
    break;
  }
  PetscCall(PetscFree(lx)); /* DMDACreate copied it */
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
