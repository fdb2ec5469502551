/* test_symmetric_metal.c -- metal | electrolyte | metal at steady state: 1:1 and 2:1 salts.
 *
 * A constant current I through a symmetric cell (both electrodes metal, U = 0, constant i0,
 * symmetric Butler-Volmer) with constant D, kappa, t+ and TDF reaches a steady state where the
 * salt flux equals the injection I/(z+ nu+ F) everywhere (Newman & Thomas-Alyea §12; the
 * binary-electrolyte equations of docs/model.md §2):
 *   c(x) = c0 - (1 - t+) I / (z+ nu+ F D) (x - L/2)           (linear, mean c0)
 *   phi_e(L) - phi_e(0) = -I L / kappa + kd ln(c(L)/c(0)),  kd = nu RT/F (1 - t+)/(z+ nu+) TDF
 *   V = phi_metal(L) - phi_metal(0) = -eta_a + (phi_e(L) - phi_e(0)) - eta_a,
 *   eta_a = (2 RT / (n F)) asinh(I / (2 i0))                  (n = z+)
 * Checked for LiPF6-like (z+ = 1, nu+ = nu- = 1) and Mg(TFSI)2-like (z+ = 2, nu+ = 1, nu- = 2)
 * salts: profile to 1e-6 relative, voltage to 1e-6 V. The cation moles per coulomb crossing the
 * cell, nu+ (-D dc/dx + t+ I/(z+ nu+ F)) / I, must be 1/(z+ F): a Mg cell passes half the moles
 * per coulomb of a Li cell.
 */
#include "fvtest.h"

typedef struct {
  PetscInt M;
  PetscReal x[1000], c[1000], V, Icell;
} Snap;

static PetscErrorCode Observe(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  Snap *s = (Snap *)vctx;
  PetscReal *f[FV_NFIELDS];
  PetscInt xs, xm;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCheck(xs == 0 && xm == p->mesh.M, PETSC_COMM_SELF, PETSC_ERR_SUP,
             "run this test on one rank");
  for (int k = 0; k < FV_NFIELDS; k++)
    PetscCall(PetscMalloc1(xm, &f[k]));
  PetscCall(FvProblemFields(p, Y, f));
  s->M = xm;
  for (PetscInt i = 0; i < xm; i++)
    s->x[i] = p->mesh.xc[i], s->c[i] = f[FV_FIELD_CE][i];
  s->V     = rec->voltage;
  s->Icell = rec->current_density;
  for (int k = 0; k < FV_NFIELDS; k++)
    PetscCall(PetscFree(f[k]));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static int RunSalt(PetscReal zplus, PetscReal nuplus, PetscReal numinus, PetscReal tplus,
                   PetscReal *moles_per_coulomb) {
  FvCase c;
  FvRunResult res;
  FvProtocolStep st;
  static Snap snap;
  const PetscReal L = 100e-6, D = 1e-10, kappa = 1.0, c0 = 1000, i0 = 10, Iapp = 5, T = 298.15;
  const PetscReal F = 96485.33212, R = 8.314462618, nu = nuplus + numinus;
  int fails = 0;
  PetscMemzero(&c, sizeof c);
  snprintf(c.name, sizeof c.name, "symmetric");
  c.F = F, c.R = R, c.T = T;
  c.electrolyte.c0 = c0, c.electrolyte.zplus = zplus, c.electrolyte.nuplus = nuplus,
  c.electrolyte.numinus = numinus;
  FvPropertySetConstant(&c.electrolyte.kappa, "kappa", kappa);
  FvPropertySetConstant(&c.electrolyte.D, "D", D);
  FvPropertySetConstant(&c.electrolyte.tplus, "tplus", tplus);
  FvPropertySetConstant(&c.electrolyte.tdf, "tdf", 1.0);
  for (int g = 0; g < FV_NREGIONS; g += 2) {
    FvRegion *r = &c.region[g];
    r->metal    = PETSC_TRUE;
    r->i0_metal = i0;
    r->alpha_a = r->alpha_c = 0.5;
    r->n_electrons          = zplus;
    r->porosity             = 1;
    r->brugg_e              = 1.5;
    r->metal_capacity       = 1e9;
  }
  c.region[FV_SEP].thickness = L, c.region[FV_SEP].ncells = 50, c.region[FV_SEP].porosity = 1,
  c.region[FV_SEP].brugg_e = 1.5;
  c.one_c = Iapp, c.v_min = -10, c.v_max = 10, c.cycles = 1;
  PetscMemzero(&st, sizeof st);
  snprintf(st.text, sizeof st.text, "Discharge at 5 A/m2 for 40 L^2/D");
  st.kind = FV_STEP_DISCHARGE, st.control = FV_CTRL_CURRENT, st.value = Iapp, st.nend = 1;
  st.end[0].kind = FV_END_TIME, st.end[0].value = 40 * L * L / D;
  PetscCall(FvRunSteps(PETSC_COMM_WORLD, &c, 1.0, &st, 1, 1, Observe, &snap, &res));
  {
    const PetscReal slope = -(1 - tplus) * Iapp / (zplus * nuplus * F * D);
    const PetscReal kd    = nu * R * T / F * (1 - tplus) / (zplus * nuplus);
    const PetscReal cL = c0 + slope * L / 2, c0f = c0 - slope * L / 2;
    const PetscReal eta = 2 * R * T / (zplus * F) * asinh(Iapp / (2 * i0));
    const PetscReal Vex = -2 * eta - Iapp * L / kappa + kd * log(cL / c0f);
    PetscReal cerr      = 0, num_slope;
    for (PetscInt i = 0; i < snap.M; i++)
      cerr = PetscMax(cerr, PetscAbsReal(snap.c[i] - (c0 + slope * (snap.x[i] - L / 2))) / c0);
    num_slope          = (snap.c[snap.M - 1] - snap.c[0]) / (snap.x[snap.M - 1] - snap.x[0]);
    *moles_per_coulomb = nuplus * (-D * num_slope + tplus * Iapp / (zplus * nuplus * F)) / Iapp;
    printf("z+ = %g, nu+ = %g, nu- = %g, t+ = %g: %s\n", (double)zplus, (double)nuplus,
           (double)numinus, (double)tplus, res.reason);
    printf("  concentration profile: max relative error %.2e (limit 1e-6); c(0) %.4f, c(L) %.4f "
           "mol/m3\n",
           (double)cerr, (double)c0f, (double)cL);
    printf("  voltage %.9f V, analytic %.9f V (eta %.6f V, ohmic %.6f V, diffusion %.6f V): error "
           "%.2e V (limit 1e-6)\n",
           (double)snap.V, (double)Vex, (double)eta, (double)(-Iapp * L / kappa),
           (double)(kd * log(cL / c0f)), (double)PetscAbsReal(snap.V - Vex));
    printf("  cation moles per coulomb %.6e (1/(z+ F) = %.6e)\n", (double)*moles_per_coulomb,
           (double)(1 / (zplus * F)));
    FV_CHECK(res.ok, "run failed: %s", res.reason);
    FV_CHECK(cerr < 1e-6, "profile error %g", (double)cerr);
    FV_CHECK(PetscAbsReal(snap.V - Vex) < 1e-6, "voltage error %g V",
             (double)PetscAbsReal(snap.V - Vex));
    FV_CHECK(PetscAbsReal(*moles_per_coulomb * zplus * F - 1) < 1e-6, "moles per coulomb %g",
             (double)*moles_per_coulomb);
  }
  FvRunResultReset(&res);
  FvCaseDestroy(&c);
  return fails;
}

int main(int argc, char **argv) {
  int fails = 0;
  PetscReal li, mg;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  fails += RunSalt(1, 1, 1, 0.4, &li);
  fails += RunSalt(2, 1, 2, 0.3, &mg);
  printf("moles per coulomb, Mg / Li = %.6f (expected 0.5)\n", (double)(mg / li));
  FV_CHECK(PetscAbsReal(mg / li - 0.5) < 1e-6, "Mg/Li moles per coulomb ratio %g",
           (double)(mg / li));
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
