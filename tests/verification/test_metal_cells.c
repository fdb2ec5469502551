/* test_metal_cells.c -- working-ion conservation in metal-anode cells, including the metal.
 *
 * For cases/mg_mo6s8.yaml (divalent) and cases/li_metal_nmc_xu2019.yaml: over a C/10 discharge
 * the working ion in the metal, n_metal(t) = n_metal(0) - Q(t)/(z F) (Q the charge passed),
 * plus the cations in the electrolyte plus the ions in the particles stays constant to 1e-9
 * relative; and the particles take up exactly Q/(n F): a Mg cell stores half the moles per
 * coulomb of a Li cell. Per chemistry: at C/20 the delivered capacity is within 2 %
 * of the limiting (positive) electrode's capacity over the voltage window, eps L c_max n F
 * (theta_end - theta_0) with U_pos(theta_end) = lower cut-off (the metal is at U = 0), and the
 * capacity falls monotonically over the case's rate list, every rate reaching its cut-off.
 */
#include "fvtest.h"

typedef struct {
  PetscBool first;
  PetscReal n0, ns0, drift, nF, cap, ns_end;
} Ctx;

static PetscErrorCode Observe(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  Ctx *c = (Ctx *)vctx;
  PetscReal ne, ns, nm;
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
  FvCase c;
  FvRunResult res;
  Ctx ctx = {PETSC_TRUE, 0, 0, 0, 0, 0, 0};
  char path[FV_PATH_LEN];
  int fails = 0;
  snprintf(path, sizeof path, "%s/cases/%s", FVCELL_SOURCE_DIR, file);
  PetscCallAbort(PETSC_COMM_WORLD, FvCaseLoad(PETSC_COMM_WORLD, path, &c));
  ctx.nF = c.electrolyte.zplus * c.F;
  PetscCallAbort(PETSC_COMM_WORLD, FvRunDischarge(PETSC_COMM_WORLD, &c, 0.1, Observe, &ctx, &res));
  *per_coulomb = (ctx.ns_end - ctx.ns0) / ctx.cap;
  printf("%s, C/10: %s\n  working-ion drift (metal + electrolyte + particles) %.3e (limit 1e-9); "
         "particles took %.6e mol/C "
         "(1/(nF) = %.6e)\n",
         c.name, res.reason, (double)ctx.drift, (double)*per_coulomb, (double)(1 / ctx.nF));
  FV_CHECK(res.ok, "%s did not reach its cut-off: %s", c.name, res.reason);
  FV_CHECK(ctx.drift < 1e-9, "%s: working ion not conserved (%g)", c.name, (double)ctx.drift);
  FV_CHECK(PetscAbsReal(*per_coulomb * ctx.nF - 1) < 1e-9, "%s: particles took %g mol/C", c.name,
           (double)*per_coulomb);
  FvRunResultReset(&res);
  { /* window capacity of the positive electrode, by bisection on its OCP */
    FvModel m;
    const FvRegion *rp = &c.region[FV_POS];
    PetscReal lo = rp->sto0, hi = 1 - 1e-9, U, qwin, prev = PETSC_MAX_REAL;
    PetscCallAbort(PETSC_COMM_WORLD, FvModelCreate(&c, &m));
    for (int it = 0; it < 200; it++) {
      const PetscReal mid = 0.5 * (lo + hi);
      FvOpenCircuit(&m, &m.reg[FV_POS], mid * rp->c_max, &U);
      if (U > c.v_min)
        lo = mid;
      else
        hi = mid;
    }
    qwin = rp->eps_am * rp->thickness * rp->c_max * ctx.nF * (lo - rp->sto0) / 3600.0;
    PetscCallAbort(PETSC_COMM_WORLD, FvModelDestroy(&m));
    PetscCallAbort(PETSC_COMM_WORLD, FvRunDischarge(PETSC_COMM_WORLD, &c, 0.05, NULL, NULL, &res));
    printf("  window: theta %.4f -> %.4f (U_pos = %g V): %.5f A h/m2; C/20 delivers %.5f A h/m2 = "
           "%.2f %% (limit 2 %%)\n",
           (double)rp->sto0, (double)lo, (double)c.v_min, (double)qwin, (double)res.capacity,
           (double)(100 * PetscAbsReal(res.capacity - qwin) / qwin));
    FV_CHECK(res.ok && PetscAbsReal(res.capacity - qwin) < 0.02 * qwin,
             "%s: C/20 capacity %g vs window %g", c.name, (double)res.capacity, (double)qwin);
    FvRunResultReset(&res);
    for (PetscInt k = 0; k < c.nrates; k++) {
      PetscCallAbort(PETSC_COMM_WORLD,
                     FvRunDischarge(PETSC_COMM_WORLD, &c, c.rates[k], NULL, NULL, &res));
      printf("  %gC: %.5f A h/m2, %s\n", (double)c.rates[k], (double)res.capacity, res.reason);
      FV_CHECK(res.ok, "%s at %gC did not reach its cut-off", c.name, (double)c.rates[k]);
      FV_CHECK(res.capacity < prev, "%s: capacity does not fall with rate at %gC", c.name,
               (double)c.rates[k]);
      prev = res.capacity;
      FvRunResultReset(&res);
    }
  }
  FvCaseDestroy(&c);
  return fails;
}

int main(int argc, char **argv) {
  PetscReal mg, li;
  int fails = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  fails += Check("mg_mo6s8.yaml", &mg);
  fails += Check("li_metal_nmc_xu2019.yaml", &li);
  printf("moles stored per coulomb, Mg / Li = %.9f (expected 0.5)\n", (double)(mg / li));
  FV_CHECK(PetscAbsReal(mg / li - 0.5) < 1e-9, "Mg/Li ratio %g", (double)(mg / li));
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
