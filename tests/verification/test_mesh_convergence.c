/* test_mesh_convergence.c -- mesh convergence of the DUALFOIL 1C discharge.
 *
 * The delivered capacity (and the mean voltage) on the default mesh and on meshes refined
 * 2x and 4x in every direction (cells across the cell and shells in the particles); tolerances
 * tightened with the mesh so time error does not mask space error. Requirements:
 * the capacity changes by < 0.1 % when the default mesh is doubled; the observed order
 * log2(|Q1 - Q2| / |Q2 - Q4|) is reported (and must be positive: the sequence converges).
 */
#include "fvtest.h"

int main(int argc, char **argv) {
  FvCase c;
  FvRunResult res[3];
  int fails = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsSetValue(NULL, "-fvcell_rtol", "1e-8"));
  for (int k = 0, f = 1; k < 3; k++, f *= 2) {
    PetscCall(FvTestLoadReference("dualfoil", &c));
    for (int g = 0; g < FV_NREGIONS; g++)
      c.region[g].ncells *= f, c.region[g].nshells *= f;
    PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, 1.0, NULL, NULL, &res[k]));
    printf("mesh %3d/%3d/%3d cells, %3d shells: capacity %.7f A h/m2, mean voltage %.6f V, %s\n",
           (int)c.region[0].ncells, (int)c.region[1].ncells, (int)c.region[2].ncells,
           (int)c.region[0].nshells, (double)res[k].capacity,
           (double)(res[k].energy / res[k].capacity), res[k].reason);
    FV_CHECK(res[k].ok, "run %d did not reach the cut-off", k);
    PetscCall(FvCaseDestroy(&c));
  }
  {
    const PetscReal d1  = PetscAbsReal(res[1].capacity - res[0].capacity),
                    d2  = PetscAbsReal(res[2].capacity - res[1].capacity);
    const PetscReal rel = d1 / res[1].capacity, order = PetscLog2Real(d1 / d2);
    printf("capacity change default -> 2x: %.3e relative (limit 1e-3); observed order %.2f\n",
           (double)rel, (double)order);
    FV_CHECK(rel < 1e-3, "capacity changes by %g on doubling the mesh", (double)rel);
    FV_CHECK(order > 0.5, "no convergence: observed order %g", (double)order);
  }
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
