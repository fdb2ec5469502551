/* test_mesh_convergence.c -- mesh convergence of the DUALFOIL 1C discharge.
 *
 * Cells: the delivered capacity (and the mean voltage) on the default mesh and on meshes refined 2x
 * and 4x across the cell, with the particles at their default (spectral, 10 unknowns: converged to
 * ~1e-8 relative, test_particle_series) so that the sequence measures the cell mesh alone;
 * tolerances tight so time error does not mask space error. Requirements: the capacity changes by
 * < 1e-5 relative when the default mesh is doubled (measured 4.4e-7); the observed order
 * log2(|Q1 - Q2| / |Q2 - Q4|) must exceed 1.5 (second-order finite volumes: measured 2.00).
 * Particles: doubling the unknowns per particle (10 -> 20) on the default cell mesh must change the
 * capacity by < 1e-7 relative and the mean voltage by < 0.001 mV (spectral convergence; measured
 * 4e-11 and 7e-5 mV), and the
 * finite volumes with 10 shells are reported against it for comparison.
 */
#include "fvtest.h"

static PetscErrorCode Run(int cells, FvParticleDisc disc, PetscInt N, FvRunResult *res) {
  FvCase c;
  PetscFunctionBeginUser;
  PetscCall(FvTestLoadReference("dualfoil", &c));
  for (int g = 0; g < FV_NREGIONS; g++) {
    c.region[g].ncells *= cells;
    if (g != FV_SEP) c.region[g].particle_disc = disc, c.region[g].nshells = N;
  }
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, 1.0, NULL, NULL, res));
  printf("mesh %3d/%3d/%3d cells, %s %2d: capacity %.7f A h/m2, mean voltage %.6f V, %s\n",
         (int)c.region[0].ncells, (int)c.region[1].ncells, (int)c.region[2].ncells,
         disc == FV_PARTICLE_SPECTRAL ? "spectral" : "finite volumes", (int)N,
         (double)res->capacity, (double)(res->energy / res->capacity), res->reason);
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  FvRunResult res[3], r20, rfv;
  int fails = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsSetValue(NULL, "-fvcell_rtol", "1e-8"));
  for (int k = 0, f = 1; k < 3; k++, f *= 2) {
    PetscCall(Run(f, FV_PARTICLE_SPECTRAL, 10, &res[k]));
    FV_CHECK(res[k].ok, "run %d did not reach the cut-off", k);
  }
  {
    const PetscReal d1  = PetscAbsReal(res[1].capacity - res[0].capacity),
                    d2  = PetscAbsReal(res[2].capacity - res[1].capacity);
    const PetscReal rel = d1 / res[1].capacity, order = PetscLog2Real(d1 / d2);
    printf("cells: capacity change default -> 2x: %.3e relative (limit 1e-5); observed order %.2f "
           "(limit 1.5)\n",
           (double)rel, (double)order);
    FV_CHECK(rel < 1e-5, "capacity changes by %g on doubling the mesh", (double)rel);
    FV_CHECK(order > 1.5, "observed order %g", (double)order);
  }
  PetscCall(Run(1, FV_PARTICLE_SPECTRAL, 20, &r20));
  PetscCall(Run(1, FV_PARTICLE_FINITE_VOLUME, 10, &rfv));
  {
    const PetscReal dq = PetscAbsReal(r20.capacity - res[0].capacity) / r20.capacity;
    const PetscReal dv = PetscAbsReal(r20.energy / r20.capacity - res[0].energy / res[0].capacity);
    printf("particles: spectral 10 -> 20 unknowns: capacity %.2e relative (limit 1e-7), mean "
           "voltage %.2e mV (limit 0.001)\n",
           (double)dq, (double)(1e3 * dv));
    printf("  finite volumes, 10 shells, against spectral 20: capacity %.2e relative, mean voltage "
           "%.3f mV (not checked)\n",
           (double)(PetscAbsReal(rfv.capacity - r20.capacity) / r20.capacity),
           (double)(1e3 * PetscAbsReal(rfv.energy / rfv.capacity - r20.energy / r20.capacity)));
    FV_CHECK(dq < 1e-7, "capacity changes by %g between 10 and 20 unknowns", (double)dq);
    FV_CHECK(dv < 1e-6, "mean voltage changes by %g V between 10 and 20 unknowns", (double)dv);
  }
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
