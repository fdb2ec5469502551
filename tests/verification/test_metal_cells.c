/* test_metal_cells.c -- working-ion conservation in metal-anode cells, including the metal.
 *
 * For cases/mg_mo6s8.yaml (divalent) and cases/li_metal_nmc_xu2019.yaml: over a C/10 discharge
 * the working ion in the metal, n_metal(t) = n_metal(0) - Q(t)/(z F) (Q the charge passed),
 * plus the cations in the electrolyte plus the ions in the particles stays constant to 1e-9
 * relative; and the particles take up exactly Q/(n F): a Mg cell stores half the moles per
 * coulomb of a Li cell.
 */
#include "fvtest.h"

typedef struct {
  PetscBool first;
  PetscReal n0, ns0, drift, nF, cap, ns_end;
} Ctx;

static PetscErrorCode Observe(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  Ctx            *c = (Ctx *)vctx;
  PetscReal       ne, ns, nm;
  const PetscReal Q = rec->capacity * 3600.0; /* C m-2 passed since the start */
  PetscFunctionBeginUser;
  PetscCall(FvProblemInventory(p, Y, &ne, &ns));
  nm = p->model.reg[FV_NEG].metal_capacity / c->nF - Q / c->nF; /* metal inventory [mol m-2] */
  if (c->first) c->n0 = ne + ns + nm, c->ns0 = ns, c->first = PETSC_FALSE;
  c->drift  = PetscMax(c->drift, PetscAbsReal(ne + ns + nm - c->n0) / c->n0);
  c->cap    = Q;
  c->ns_end = ns;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static int Check(const char *file, PetscReal *per_coulomb) {
  FvCase      c;
  FvRunResult res;
  Ctx         ctx = {PETSC_TRUE, 0, 0, 0, 0, 0, 0};
  char        path[FV_PATH_LEN];
  int         fails = 0;
  snprintf(path, sizeof path, "%s/cases/%s", FVCELL_SOURCE_DIR, file);
  PetscCallAbort(PETSC_COMM_WORLD, FvCaseLoad(PETSC_COMM_WORLD, path, &c));
  ctx.nF = c.electrolyte.zplus * c.F;
  PetscCallAbort(PETSC_COMM_WORLD, FvRunDischarge(PETSC_COMM_WORLD, &c, 0.1, Observe, &ctx, &res));
  *per_coulomb = (ctx.ns_end - ctx.ns0) / ctx.cap;
  printf("%s, C/10: %s\n  working-ion drift (metal + electrolyte + particles) %.3e (limit 1e-9); particles took %.6e mol/C "
         "(1/(nF) = %.6e)\n",
         c.name, res.reason, (double)ctx.drift, (double)*per_coulomb, (double)(1 / ctx.nF));
  FV_CHECK(res.ok, "%s did not reach its cut-off: %s", c.name, res.reason);
  FV_CHECK(ctx.drift < 1e-9, "%s: working ion not conserved (%g)", c.name, (double)ctx.drift);
  FV_CHECK(PetscAbsReal(*per_coulomb * ctx.nF - 1) < 1e-9, "%s: particles took %g mol/C", c.name, (double)*per_coulomb);
  FvRunResultReset(&res);
  FvCaseDestroy(&c);
  return fails;
}

int main(int argc, char **argv) {
  PetscReal mg, li;
  int       fails = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  fails += Check("mg_mo6s8.yaml", &mg);
  fails += Check("li_metal_nmc_xu2019.yaml", &li);
  printf("moles stored per coulomb, Mg / Li = %.9f (expected 0.5)\n", (double)(mg / li));
  FV_CHECK(PetscAbsReal(mg / li - 0.5) < 1e-9, "Mg/Li ratio %g", (double)(mg / li));
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
