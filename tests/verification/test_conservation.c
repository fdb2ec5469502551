/* test_conservation.c -- lithium conservation and charge accounting over a full 1C discharge.
 *
 * Total lithium (salt in the electrolyte + lithium in every particle) must stay constant to
 * 1e-9 relative (docs/numerics.md §11); the lithium that left the negative particles must equal the
 * charge passed, the integral of I, divided by F, to 1e-9 relative.
 */
#include "fvtest.h"

typedef struct {
  PetscBool first;
  PetscReal n0, worst, neg0, negend, t, cap;
} Ctx;

static PetscErrorCode NegativeInventory(FvProblem *p, Vec Y, PetscReal *n) {
  PetscInt xs, xm;
  const PetscScalar **v;
  PetscReal loc = 0;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOFRead(p->mesh.da, Y, (void *)&v));
  for (PetscInt i = xs; i < xs + xm; i++) {
    const FvRegionModel *r = &p->model.reg[p->mesh.region[i]];
    if (p->mesh.region[i] == FV_NEG)
      loc += r->eps_am * p->mesh.h[i] * FvParticleAverage(r, &v[i][FV_CS0]);
  }
  PetscCall(DMDAVecRestoreArrayDOFRead(p->mesh.da, Y, (void *)&v));
  PetscCall(MPIU_Allreduce(&loc, n, 1, MPIU_REAL, MPI_SUM, PETSC_COMM_WORLD));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Observe(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  Ctx *c = (Ctx *)vctx;
  PetscReal ne, ns, neg;
  PetscFunctionBeginUser;
  PetscCall(FvProblemInventory(p, Y, &ne, &ns));
  PetscCall(NegativeInventory(p, Y, &neg));
  if (c->first) c->n0 = ne + ns, c->neg0 = neg, c->first = PETSC_FALSE;
  c->worst  = PetscMax(c->worst, PetscAbsReal(ne + ns - c->n0) / c->n0);
  c->negend = neg;
  c->cap    = rec->capacity;
  c->t      = rec->time;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  FvCase c;
  FvRunResult res;
  Ctx ctx   = {PETSC_TRUE, 0, 0, 0, 0, 0, 0};
  int fails = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(FvTestLoadReference("dualfoil", &c));
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, 1.0, Observe, &ctx, &res));
  {
    const PetscReal moved      = ctx.neg0 - ctx.negend;  /* mol m-2 */
    const PetscReal passed     = ctx.cap * 3600.0 / c.F; /* mol m-2 */
    const PetscReal charge_err = PetscAbsReal(moved - passed) / passed;
    printf("1C DUALFOIL discharge: %s\n", res.reason);
    printf("  lithium inventory %.12e mol/m2, worst relative drift %.3e (limit 1e-9)\n",
           (double)ctx.n0, (double)ctx.worst);
    printf("  lithium out of the negative %.12e mol/m2, integral of I / F %.12e mol/m2, relative "
           "difference %.3e (limit 1e-9)\n",
           (double)moved, (double)passed, (double)charge_err);
    FV_CHECK(res.ok, "discharge did not reach the cut-off: %s", res.reason);
    FV_CHECK(ctx.worst < 1e-9, "lithium not conserved: drift %g", (double)ctx.worst);
    FV_CHECK(charge_err < 1e-9, "charge passed differs from lithium moved: %g", (double)charge_err);
  }
  PetscCall(FvCaseDestroy(&c));
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
