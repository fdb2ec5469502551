/* test_protocol_run.c -- protocols on the DUALFOIL cell.
 *
 * Protocol: "Discharge at 1C until 3.0 V; Rest for 1 hour; Charge at C/2 until 4.2 V;
 *            Hold at 4.2 V until C/50; Rest for 30 minutes".
 *  - the rest after the discharge relaxes monotonically towards open circuit: V rises at every
 *    record and the gap to U_pos(mean) - U_neg(mean) shrinks to < 5 % of its initial value;
 *  - the hold keeps V within 1 mV of 4.2 V and ends on the current reaching C/50;
 *  - the whole charge-discharge cycle conserves lithium to 1e-9 relative;
 *  - the delivered energy equals the integral of V I: the run's energy (trapezoid over IDA's
 *    steps) against an independent trapezoid over records every 2 s from IDA's interpolant,
 *    within 1e-4 relative per step and overall.
 */
#include "fvtest.h"
#include "units.h"

#define NREC 200000
typedef struct {
  PetscReal n0, drift;
  PetscBool first;
  /* rest after discharge (step 1) */
  PetscInt nrest;
  PetscReal rest_v[NREC], rest_gap[NREC];
  /* hold (step 3) */
  PetscReal hold_dev, hold_last_I;
  /* V I integral from the records */
  PetscReal t_prev, p_prev, e_int;
  PetscInt step_prev;
} Ctx;

static PetscErrorCode MeanOCV(FvProblem *p, Vec Y, PetscReal *ocv) {
  PetscReal cn, cp, Un, Up;
  PetscFunctionBeginUser;
  PetscCall(FvTestMeanConcentrations(p, Y, &cn, &cp));
  FvOpenCircuit(&p->model, &p->model.reg[FV_NEG], cn, &Un);
  FvOpenCircuit(&p->model, &p->model.reg[FV_POS], cp, &Up);
  *ocv = Up - Un;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Observe(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  Ctx *c = (Ctx *)vctx;
  PetscReal ne, ns;
  PetscFunctionBeginUser;
  PetscCall(FvProblemInventory(p, Y, &ne, &ns));
  if (c->first)
    c->n0 = ne + ns, c->first = PETSC_FALSE, c->t_prev = rec->time,
    c->p_prev = rec->voltage * rec->current_density;
  c->drift = PetscMax(c->drift, PetscAbsReal(ne + ns - c->n0) / c->n0);
  if (rec->step_index == 1 && c->nrest < NREC) {
    PetscReal ocv = 0;
    PetscCall(MeanOCV(p, Y, &ocv));
    c->rest_v[c->nrest]   = rec->voltage;
    c->rest_gap[c->nrest] = PetscAbsReal(ocv - rec->voltage);
    c->nrest++;
  }
  if (rec->step_index == 3) {
    c->hold_dev    = PetscMax(c->hold_dev, PetscAbsReal(rec->voltage - 4.2));
    c->hold_last_I = rec->current_density;
  }
  /* trapezoid of V I between consecutive records of the same step (a step switch is a jump) */
  if (rec->step_index == c->step_prev)
    c->e_int +=
        0.5 * (rec->voltage * rec->current_density + c->p_prev) * (rec->time - c->t_prev) / 3600.0;
  c->t_prev    = rec->time;
  c->p_prev    = rec->voltage * rec->current_density;
  c->step_prev = rec->step_index;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  static const char *text[] = {"Discharge at 1C until 3.0 V", "Rest for 1 hour",
                               "Charge at C/2 until 4.2 V", "Hold at 4.2 V until C/50",
                               "Rest for 30 minutes"};
  FvCase c;
  FvUnits u;
  FvProtocolStep steps[5];
  FvRunResult res, res2;
  static Ctx ctx, ctx2;
  int fails = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(FvTestLoadReference("dualfoil", &c));
  PetscCall(FvUnitsCreate(&u));
  for (int k = 0; k < 5; k++) {
    PetscBool ok;
    char why[256];
    PetscCall(FvProtocolParseStep(u, text[k], c.one_c, 1.0, &steps[k], &ok, why, sizeof why));
    PetscCheck(ok, PETSC_COMM_WORLD, PETSC_ERR_USER, "%s", why);
  }
  ctx.first = PETSC_TRUE;
  PetscCall(FvRunSteps(PETSC_COMM_WORLD, &c, 1.0, steps, 5, 1, Observe, &ctx, &res));
  for (PetscInt k = 0; k < res.nstep_info; k++)
    printf("  step %d %-30s %9.1f -> %9.1f s  %+9.4f A h/m2  %s\n", (int)k, text[k],
           (double)res.step_info[k].start_time, (double)res.step_info[k].end_time,
           (double)res.step_info[k].capacity, res.step_info[k].reason);
  FV_CHECK(res.ok && res.nstep_info == 5, "protocol did not complete: %s", res.reason);
  FV_CHECK(!strncmp(res.step_info[0].reason, "voltage cut-off 3", 17), "discharge ended on %s",
           res.step_info[0].reason);
  FV_CHECK(!strncmp(res.step_info[2].reason, "voltage cut-off 4.2", 19), "charge ended on %s",
           res.step_info[2].reason);
  FV_CHECK(!strncmp(res.step_info[3].reason, "current below", 13), "hold ended on %s",
           res.step_info[3].reason);

  /* rest: monotone relaxation towards open circuit */
  {
    PetscInt nonmono = 0;
    for (PetscInt k = 1; k < ctx.nrest; k++)
      if (ctx.rest_v[k] < ctx.rest_v[k - 1] - 1e-9) nonmono++;
    printf("rest after discharge: %d records, V %.5f -> %.5f V, gap to open circuit %.3f -> %.4f "
           "mV, %d non-monotone\n",
           (int)ctx.nrest, (double)ctx.rest_v[1], (double)ctx.rest_v[ctx.nrest - 1],
           (double)(1e3 * ctx.rest_gap[1]), (double)(1e3 * ctx.rest_gap[ctx.nrest - 1]),
           (int)nonmono);
    FV_CHECK(ctx.nrest > 5 && nonmono == 0, "rest voltage not monotone");
    FV_CHECK(ctx.rest_gap[ctx.nrest - 1] < 0.05 * ctx.rest_gap[1],
             "rest does not approach open circuit");
  }
  /* hold */
  printf("hold at 4.2 V: worst |V - 4.2| = %.3e V (limit 1e-3), final current %.5f A/m2 (C/50 = "
         "%.5f)\n",
         (double)ctx.hold_dev, (double)ctx.hold_last_I, (double)(c.one_c / 50));
  FV_CHECK(ctx.hold_dev < 1e-3, "hold voltage drifts by %g V", (double)ctx.hold_dev);
  FV_CHECK(PetscAbsReal(PetscAbsReal(ctx.hold_last_I) - c.one_c / 50) < 1e-6 * c.one_c,
           "hold ended at |I| = %g", (double)ctx.hold_last_I);
  /* conservation */
  printf("lithium drift over the cycle: %.3e (limit 1e-9)\n", (double)ctx.drift);
  FV_CHECK(ctx.drift < 1e-9, "lithium not conserved over the cycle: %g", (double)ctx.drift);

  /* energy against an independent integral of V I on a 2 s grid from IDA's interpolant */
  PetscCall(PetscOptionsSetValue(NULL, "-fvcell_output_interval", "2"));
  ctx2.first = PETSC_TRUE;
  PetscCall(FvRunSteps(PETSC_COMM_WORLD, &c, 1.0, steps, 5, 1, Observe, &ctx2, &res2));
  PetscCall(PetscOptionsClearValue(NULL, "-fvcell_output_interval"));
  {
    const PetscReal rel = PetscAbsReal(ctx2.e_int - res.energy) / PetscAbsReal(res.dis_energy);
    printf("net energy: run %.8f W h/m2, integral of V I on a 2 s grid %.8f W h/m2, difference "
           "%.2e of the discharge energy (limit 1e-4)\n",
           (double)res.energy, (double)ctx2.e_int, (double)rel);
    FV_CHECK(rel < 1e-4, "energy differs from the integral of V I by %g", (double)rel);
    for (PetscInt k = 0; k < res.nstep_info; k++) {
      const PetscReal d = PetscAbsReal(res.step_info[k].energy - res2.step_info[k].energy);
      FV_CHECK(d < 1e-4 * PetscAbsReal(res.dis_energy), "step %d energy differs by %g W h/m2",
               (int)k, (double)d);
    }
  }
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvRunResultReset(&res2));
  PetscCall(FvUnitsDestroy(&u));
  PetscCall(FvCaseDestroy(&c));
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
