/* run.c -- runs a case's rate list into one NetCDF file (see run.h).
 *
 * Each rate starts from the case's initial state, discharges at rate x 1C until the lower
 * cut-off (located by IDA root finding) or a time limit, and records every internal step.
 * Delivered capacity and energy are integrated with the trapezoidal rule over the steps
 * (exact for the capacity at constant current).
 */
#include <stdio.h>
#include <petsctime.h>
#include "run.h"
#include "integrator.h"

PetscErrorCode FvRunDischarge(MPI_Comm comm, const FvCase *c, PetscReal rate, FvObserver observe, void *ctx,
                              FvRunResult *res) {
  FvProblem      p;
  FvIntegrator   ig;
  FvStepStatus   st;
  FvRecord       rec, prev;
  Vec            Y, Yout = NULL;
  PetscReal      t = 0, V, Ic, t_stop, wall = 0, interval = 0, t_next;
  PetscLogDouble tw0, tw1;
  char           reason[256];
  PetscBool      fv_debug = PETSC_FALSE;
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-fvcell_monitor_steps", &fv_debug, NULL));
  /* -fvcell_output_interval DT: records at t = 0, DT, 2 DT, ... (from IDA's interpolant) and at
   * the end, instead of at every internal step */
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-fvcell_output_interval", &interval, NULL));
  PetscCall(PetscMemzero(res, sizeof *res));
  res->c_rate = rate;
  PetscCall(FvProblemCreate(comm, c, &p));
  p.mode      = FV_MODE_CURRENT;
  p.set_point = rate * c->one_c;

  PetscCall(PetscTime(&tw0));
  PetscCall(FvIntegratorCreate(&p, &ig));
  t_stop = c->t_max > 0 ? c->t_max : 3.0 * 3600.0 / rate;
  PetscCall(FvIntegratorSetLimits(ig, c->v_min, PETSC_INFINITY, t_stop));
  PetscCall(FvIntegratorGetState(ig, &Y));
  PetscCall(FvIntegratorReset(ig, 0.0, Y, &st, reason, sizeof reason));
  PetscCall(PetscTime(&tw1));
  wall += tw1 - tw0;
  if (interval > 0) PetscCall(VecDuplicate(Y, &Yout));
  PetscCall(FvProblemVoltage(&p, Y, &V, &Ic));
  rec = (FvRecord){0.0, V, Ic, 0.0, 0.0};
  if (observe) PetscCall(observe(&p, Y, &rec, ctx));
  t_next = interval;
  while (st == FV_STEP_OK) {
    prev = rec;
    PetscCall(PetscTime(&tw0));
    PetscCall(FvIntegratorStep(ig, &t, &st, reason, sizeof reason));
    PetscCall(PetscTime(&tw1));
    wall += tw1 - tw0;
    if (st == FV_STEP_FAIL) break;
    if (fv_debug) PetscCall(FvIntegratorViewDiagnostics(ig));
    PetscCall(FvProblemVoltage(&p, Y, &V, &Ic));
    rec.time            = t;
    rec.voltage         = V;
    rec.current_density = Ic;
    rec.capacity += 0.5 * (Ic + prev.current_density) * (t - prev.time) / 3600.0;
    rec.energy += 0.5 * (Ic * V + prev.current_density * prev.voltage) * (t - prev.time) / 3600.0;
    if (interval > 0) {
      /* fixed-time records inside this step; capacity and energy interpolated linearly */
      for (; t_next < t; t_next += interval) {
        const PetscReal w = (t_next - prev.time) / (t - prev.time);
        FvRecord        r;
        PetscCall(FvIntegratorInterpolate(ig, t_next, Yout));
        PetscCall(FvProblemVoltage(&p, Yout, &r.voltage, &r.current_density));
        r.time     = t_next;
        r.capacity = prev.capacity + w * (rec.capacity - prev.capacity);
        r.energy   = prev.energy + w * (rec.energy - prev.energy);
        if (observe) PetscCall(observe(&p, Yout, &r, ctx));
      }
      if (st != FV_STEP_OK && observe) PetscCall(observe(&p, Y, &rec, ctx));
    } else if (observe) PetscCall(observe(&p, Y, &rec, ctx));
  }
  PetscCall(VecDestroy(&Yout));
  PetscCall(FvIntegratorGetStats(ig, &res->nsteps, &res->nres, &res->njac, &res->nlin));
  res->capacity   = rec.capacity;
  res->energy     = rec.energy;
  res->t_end      = rec.time;
  res->v_end      = rec.voltage;
  res->solve_time = wall;
  res->ok         = (PetscBool)(st == FV_STEP_ROOT_LOW || st == FV_STEP_ROOT_HIGH);
  PetscCall(PetscStrncpy(res->reason, reason, sizeof res->reason));
  PetscCall(FvIntegratorDestroy(&ig));
  PetscCall(FvProblemDestroy(&p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The NetCDF writer as an observer: the first call starts the run's group. */
typedef struct {
  FvOutput    out;
  const char *group;
  PetscReal   rate;
  PetscBool   begun;
  PetscReal  *f[FV_NFIELDS];
} Writer;

static PetscErrorCode WriteRecord(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  Writer  *w = (Writer *)ctx;
  PetscInt xs, xm;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  if (!w->begun) {
    PetscCall(FvOutputBeginRun(w->out, w->group, w->rate, p->mesh.M, xs, xm, p->mesh.xc + xs));
    for (PetscInt f = 0; f < FV_NFIELDS; f++) PetscCall(PetscMalloc1(xm, &w->f[f]));
    w->begun = PETSC_TRUE;
  }
  PetscCall(FvProblemFields(p, Y, w->f));
  PetscCall(FvOutputAppend(w->out, rec, (const PetscReal *const *)w->f));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvRunCase(MPI_Comm comm, const FvCase *c, const char *outpath, FvRunResult *results) {
  FvOutput       out;
  const PetscInt n   = c->nrates > 0 ? c->nrates : 1;
  FvRunResult   *res = results;
  PetscReal      rates[FV_MAX_RATES], cap[FV_MAX_RATES], en[FV_MAX_RATES];
  char           summary[4096] = "", line[1024];
  PetscFunctionBeginUser;
  if (!results) PetscCall(PetscMalloc1(n, &res));
  PetscCall(FvOutputCreate(comm, outpath, &out));
  PetscCall(FvOutputSetRunInfo(out, FVCELL_VERSION, c->yaml_text, c->one_c));
  for (PetscInt k = 0; k < n; k++) {
    char   group[64];
    Writer w = {out, NULL, 0, PETSC_FALSE, {NULL}};
    rates[k] = c->nrates > 0 ? c->rates[k] : 1.0;
    PetscCall(PetscSNPrintf(group, sizeof group, "rate_%" PetscInt_FMT, k));
    w.group = c->nrates > 0 ? group : NULL;
    w.rate  = rates[k];
    PetscCall(FvRunDischarge(comm, c, rates[k], WriteRecord, &w, &res[k]));
    PetscCall(FvOutputEndRun(out, res[k].reason, res[k].solve_time));
    for (PetscInt f = 0; f < FV_NFIELDS; f++) PetscCall(PetscFree(w.f[f]));
    cap[k] = res[k].capacity;
    en[k]  = res[k].energy;
    snprintf(line, sizeof line, "%s: %gC: %.6g A h/m2, %.6g W h/m2, %s (%d steps, %.3g s)\n", c->name, (double)rates[k],
             (double)cap[k], (double)en[k], res[k].reason, (int)res[k].nsteps, (double)res[k].solve_time);
    PetscCall(PetscPrintf(comm, "%s", line));
    snprintf(line, sizeof line, "%s%gC: %s", k ? "; " : "", (double)rates[k], res[k].reason);
    PetscCall(PetscStrlcat(summary, line, sizeof summary));
  }
  if (c->nrates > 0) PetscCall(FvOutputWriteRateSummary(out, n, rates, cap, en));
  PetscCall(FvOutputSetTermination(out, c->nrates > 0 ? summary : res[0].reason));
  PetscCall(FvOutputDestroy(&out));
  PetscCall(PetscPrintf(comm, "wrote %s\n", outpath));
  if (!results) PetscCall(PetscFree(res));
  PetscFunctionReturn(PETSC_SUCCESS);
}
