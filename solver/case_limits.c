/* case_limits.c -- the memory a case's run will need, checked when it loads (see case_limits.h).
 *
 * Owns: a lower-bound estimate of a run's memory from its mesh and its refusal when the estimate
 * exceeds FV_LIMIT_MEMORY_SHARE of this machine's physical memory.  The layout follows
 * models/p2d.h: every control volume carries the same unknowns (the electrolyte and solid
 * potentials, the electrolyte concentration, and per particle family its interface current, its
 * shells and, with contact mechanics, its contact fraction), and the Jacobian holds a dense block
 * of them per cell plus the couplings to its 2 dim neighbours.  Factorisation fill and the
 * integrator's history vectors come on top, so the estimate errs low: a case refused here cannot
 * run on this machine.
 */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include "case_loader.h"

/* Unknowns of a control volume besides the particle families (p2d.h FV_JN: c_e, phi_e, phi_s). */
#define CELL_FIXED_UNKNOWNS 3
/* Bytes per Jacobian nonzero (value and column index) and copies of the matrix kept (the
 * Jacobian and its factorisation or preconditioner). */
#define BYTES_PER_NONZERO 12.0
#define MATRIX_COPIES 2.0
/* Vectors of the unknowns the integrator keeps (IDA's history, work and the model's). */
#define STATE_VECTORS 30.0

PetscErrorCode CaseCheckMemory(Loader *L) {
  const FvCase *c = L->c;
  PetscReal cells = 0, nr = 0, nfam = 1, dof, nnz, bytes, phys;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegion *r = &c->region[g];
    cells += (PetscReal)r->ncells;
    if (g != FV_SEP && !r->metal) {
      nr   = PetscMax(nr, (PetscReal)r->nshells);
      nfam = PetscMax(nfam, (PetscReal)r->nfam);
    }
  }
  cells *= (PetscReal)PetscMax(c->mesh.ny, 1) * (PetscReal)PetscMax(c->mesh.nz, 1);
  dof   = CELL_FIXED_UNKNOWNS + nfam * (nr + 2);
  nnz   = cells * (dof * dof + 2.0 * (PetscReal)PetscMax(c->mesh.dim, 1) * dof);
  bytes = nnz * BYTES_PER_NONZERO * MATRIX_COPIES + cells * dof * 8.0 * STATE_VECTORS;
  phys  = (PetscReal)sysconf(_SC_PHYS_PAGES) * (PetscReal)sysconf(_SC_PAGESIZE);
  if (phys > 0 && bytes > FV_LIMIT_MEMORY_SHARE * phys) {
    L->outcome = FV_CASE_LIMIT;
    CaseFailMsg(
        L,
        "%s: mesh: a run of this case needs at least %.3g GB (%.3g control volumes, %.3g "
        "unknowns, %.3g Jacobian nonzeros), more than %.0f%% of this machine's %.3g GB: use "
        "fewer cells or particle shells (docs/limits.md)",
        L->origin, (double)(bytes / 1e9), (double)cells, (double)(cells * dof), (double)nnz,
        100 * FV_LIMIT_MEMORY_SHARE, (double)(phys / 1e9));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}
