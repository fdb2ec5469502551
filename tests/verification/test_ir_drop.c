/* test_ir_drop.c -- the voltage jump when current starts matches the analytic Ohmic + kinetic drop.
 *
 * At t = 0+ concentrations are still uniform, so each porous electrode is a linear problem when
 * the kinetics are linear (small current). Newman & Tobias, J. Electrochem. Soc. 109, 1183
 * (1962): the potential drop from the collector (solid) to the separator face (electrolyte) is
 *   dPhi = I L / (k + s) [1 + (2 + (k/s + s/k) cosh v) / (v sinh v)],
 *   v^2 = L^2 a (1/k + 1/s) / R_ct,  R_ct = RT / ((alpha_a + alpha_c) n F i0) + R_film,
 * with k, s the effective ionic and electronic conductivities. The cell voltage at t = 0+ is
 *   V = U_pos - U_neg - dPhi_neg - dPhi_pos - I L_sep / k_sep.
 * Checked on the DUALFOIL cell at C/10 (overpotentials ~2 mV: linear kinetics to 2e-4) on the
 * default mesh and on a 4x finer one: relative error of the drop < 1 % and < 0.1 %.
 * Solid diffusion is made 1e4 times faster here: at t = 0+ the finite-volume particle's surface
 * value already carries the half-shell gradient J dr / (2 D_s) (a first-order, start-up-only
 * effect of the shell size, ~0.2 mV on the OCV at the default 10 shells), which is not part of
 * the Ohmic + kinetic drop this test is about.
 */
#include "fvtest.h"

typedef struct {
  PetscBool done;
  PetscReal V0, Vexp, drop;
} Ctx;

static PetscReal NewmanTobias(PetscReal Icell, PetscReal L, PetscReal k, PetscReal s, PetscReal a,
                              PetscReal Rct) {
  const PetscReal v = L * PetscSqrtReal(a * (1 / k + 1 / s) / Rct);
  return Icell * L / (k + s) *
         (1 + (2 + (k / s + s / k) * PetscCoshReal(v)) / (v * PetscSinhReal(v)));
}

static PetscErrorCode Observe(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  Ctx *c           = (Ctx *)vctx;
  const FvModel *m = &p->model;
  PetscReal U[3], dphi[3], kappa;
  (void)Y;
  PetscFunctionBeginUser;
  if (c->done) PetscFunctionReturn(PETSC_SUCCESS);
  c->done = PETSC_TRUE;
  FvPropertyEval(&m->kappa, m->c0, m->T, m->R, &kappa);
  for (PetscInt g = 0; g < FV_NREGIONS; g += 2) {
    const FvRegionModel *r = &m->reg[g];
    const PetscReal L = r->h * (p->mesh.first[g + 1] - p->mesh.first[g]), cs = r->sto0 * r->c_max;
    PetscReal k0, i0, Rct;
    FvOpenCircuit(m, r, cs, &U[g]);
    FvPropertyEval(&r->k0, r->k0.arg == FV_ARG_STO ? r->sto0 : cs, m->T, m->R, &k0);
    i0 = r->n * m->F * k0 * PetscPowReal(r->ce_ref > 0 ? m->c0 / r->ce_ref : m->c0, r->alpha_a) *
         PetscPowReal(r->c_max - cs, r->alpha_a) * PetscPowReal(cs, r->alpha_c);
    Rct     = 1.0 / ((r->alpha_a + r->alpha_c) * r->n * m->FRT * i0) + r->R_film;
    dphi[g] = NewmanTobias(rec->current_density, L, kappa * r->eps_brugg, r->sigma_eff, r->a, Rct);
  }
  {
    const FvRegionModel *s = &m->reg[FV_SEP];
    const PetscReal Lsep   = s->h * (p->mesh.first[FV_SEP + 1] - p->mesh.first[FV_SEP]);
    c->drop = dphi[FV_NEG] + dphi[FV_POS] + rec->current_density * Lsep / (kappa * s->eps_brugg) +
              m->r_contact * rec->current_density;
    c->Vexp = U[FV_POS] - U[FV_NEG] - c->drop;
    c->V0   = rec->voltage;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  FvCase c;
  FvRunResult res;
  int fails = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(FvTestLoadReference("dualfoil", &c));
  c.t_max = 1.0; /* only t = 0+ matters */
  for (int g = 0; g < FV_NREGIONS; g += 2) {
    PetscCheck(c.region[g].Ds.kind == FV_PROP_CONST, PETSC_COMM_WORLD, PETSC_ERR_SUP,
               "test expects a constant D_s");
    c.region[g].Ds.value *= 1e4;
  }
  for (int refine = 1; refine <= 4; refine *= 4) {
    Ctx ctx             = {PETSC_FALSE, 0, 0, 0};
    const PetscReal tol = refine == 1 ? 1e-2 : 1e-3;
    if (refine > 1)
      for (int g = 0; g < FV_NREGIONS; g++)
        c.region[g].ncells *= refine;
    PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, 0.1, Observe, &ctx, &res));
    {
      const PetscReal err = PetscAbsReal((ctx.Vexp - ctx.V0) / ctx.drop);
      printf("mesh %d/%d/%d: V(0+) = %.7f V, analytic %.7f V, drop %.4f mV, relative error of the "
             "drop %.2e (limit %.0e)\n",
             (int)c.region[0].ncells, (int)c.region[1].ncells, (int)c.region[2].ncells,
             (double)ctx.V0, (double)ctx.Vexp, (double)(1e3 * ctx.drop), (double)err, (double)tol);
      FV_CHECK(err < tol, "initial drop differs from Newman-Tobias by %g relative", (double)err);
    }
  }
  PetscCall(FvCaseDestroy(&c));
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
