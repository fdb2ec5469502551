/* test_particle_startup.c -- the voltage at the instant a current starts does not depend on the
 * particle mesh.
 *
 * At t = 0+ no lithium has moved, so the surface concentrations are the initial ones and V(0+) is
 * the open-circuit voltage less the Ohmic and kinetic drops. The spectral particle carries the
 * surface value as an unknown (models/particle.c), so V(0+) must agree between 8 and 40 unknowns
 * per particle to < 1 mV on the DUALFOIL cell at 5C (it agrees to round-off). The finite-volume
 * extrapolation c_N - J (w_N/2)/D_s moves the surface before any lithium has; its spread between 8
 * and 40 shells is printed for comparison, not checked.
 */
#include "fvtest.h"

typedef struct {
  PetscBool done;
  PetscReal V0;
} Ctx;

static PetscErrorCode Observe(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  Ctx *c = (Ctx *)vctx;
  (void)p;
  (void)Y;
  PetscFunctionBeginUser;
  if (!c->done) c->done = PETSC_TRUE, c->V0 = rec->voltage;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode StartVoltage(FvParticleDisc disc, PetscInt N, PetscReal *V0) {
  FvCase c;
  FvRunResult res;
  Ctx ctx = {PETSC_FALSE, 0};
  PetscFunctionBeginUser;
  PetscCall(FvTestLoadReference("dualfoil", &c));
  c.t_max = 1.0; /* only t = 0+ matters */
  for (int g = 0; g < FV_NREGIONS; g += 2)
    c.region[g].particle_disc = disc, c.region[g].nshells = N;
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, 5.0, Observe, &ctx, &res));
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  *V0 = ctx.V0;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  PetscReal s8, s40, f8, f40;
  int fails = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(StartVoltage(FV_PARTICLE_SPECTRAL, 8, &s8));
  PetscCall(StartVoltage(FV_PARTICLE_SPECTRAL, 40, &s40));
  PetscCall(StartVoltage(FV_PARTICLE_FINITE_VOLUME, 8, &f8));
  PetscCall(StartVoltage(FV_PARTICLE_FINITE_VOLUME, 40, &f40));
  printf("DUALFOIL cell, 5C, V(0+): spectral 8 unknowns %.6f V, 40 unknowns %.6f V: |dV| = %.3g mV "
         "(limit 1 mV)\n",
         (double)s8, (double)s40, (double)(1e3 * PetscAbsReal(s8 - s40)));
  printf("  finite volumes (not checked): 8 shells %.6f V, 40 shells %.6f V: |dV| = %.3g mV\n",
         (double)f8, (double)f40, (double)(1e3 * PetscAbsReal(f8 - f40)));
  FV_CHECK(PetscAbsReal(s8 - s40) < 1e-3, "V(0+) moves by %g mV between 8 and 40 unknowns",
           (double)(1e3 * PetscAbsReal(s8 - s40)));
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
