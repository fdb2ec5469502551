/* run.c -- protocol execution and the rate loop (see run.h).
 *
 * Step end conditions: a voltage (V falling to / rising through the value) and a current
 * (|I| falling to the value) are IDA root functions, located exactly; a duration is IDA's stop
 * time; a capacity -- the step's own, or a metal electrode's inventory running out -- is
 * detected after each internal step and located by linear interpolation of the charge in time,
 * the state taken from IDA's interpolant. Running out of metal ends the run with its own reason.
 * The case's cut-offs stay active in every current and power step as safety limits. Capacity and
 * energy are integrated with the trapezoidal rule over the internal steps (exact for the capacity
 * at constant current).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <petsctime.h>
#include "run.h"
#include "heat_profile.h"
#include "cli.h"
#include "integrator.h"
#include "output_file.h"
#include "module_contact.h"
#include "diagnose.h"

PetscErrorCode FvRunResultReset(FvRunResult *res) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree(res->step_info));
  PetscCall(PetscFree2(res->cycle_discharge, res->cycle_charge));
  PetscCall(PetscMemzero(res, sizeof *res));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* How a step ended (FvStepEnd) and why in words, from the integrator's status and the step's
 * conditions. A status this driver does not know (a physical stop the integrator named) ends the
 * run with the integrator's own reason. */
static FvStepEnd StepEnd(const FvProtocolStep *s, FvStepStatus st, PetscReal t, PetscReal v_low,
                         PetscReal v_high, PetscReal i_low, PetscReal T_end, PetscReal T_safe,
                         PetscBool timed, const char *msg, char *buf, size_t len) {
  switch (st) {
  case FV_STEP_ROOT_TEMPERATURE: /* the step's own end, or the case's safety limit below it */
    if (T_end <= T_safe) {
      snprintf(buf, len, "temperature %g K at t = %.10g s", (double)T_end, (double)t);
      return FV_STEP_END_TEMPERATURE;
    }
    snprintf(buf, len, "safety limit thermal.maximum_temperature %g K reached at t = %.10g s",
             (double)T_safe, (double)t);
    return FV_STEP_END_TEMPERATURE_LIMIT;
  case FV_STEP_ROOT_LOW:
  case FV_STEP_ROOT_HIGH:
    snprintf(buf, len, "voltage cut-off %g V at t = %.10g s",
             (double)(st == FV_STEP_ROOT_LOW ? v_low : v_high), (double)t);
    return FV_STEP_END_VOLTAGE;
  case FV_STEP_ROOT_CURRENT:
    snprintf(buf, len, "current below %g A/m2 at t = %.10g s", (double)i_low, (double)t);
    return FV_STEP_END_CURRENT;
  case FV_STEP_TSTOP:
    if (timed) {
      snprintf(buf, len, "step duration reached at t = %.10g s", (double)t);
      return FV_STEP_END_DURATION;
    }
    snprintf(buf, len, "time limit of the step (no end condition met) at t = %.10g s", (double)t);
    return FV_STEP_END_TIME_LIMIT;
  case FV_STEP_DEPLETED: /* the integrator's description: where and how far */
    snprintf(buf, len, "%s", msg);
    return FV_STEP_END_DEPLETED;
  case FV_STEP_OK:
    snprintf(buf, len, "running");
    return FV_STEP_END_NONE;
  default:
    snprintf(buf, len, "%.290s (step \"%.80s\")", msg, s->text);
    return FV_STEP_END_STOP;
  }
}

/* The longest a step can last [s]: its duration, else the case's max_duration, else a guard of
 * three nominal durations for a current step (48 h otherwise), so that a step whose conditions
 * are never met still ends. */
static PetscReal StepTimeBound(const FvCase *c, const FvProtocolStep *s) {
  for (PetscInt e = 0; e < s->nend; e++)
    if (s->end[e].kind == FV_END_TIME) return s->end[e].value;
  if (c->t_max > 0) return c->t_max;
  if (s->control == FV_CTRL_CURRENT && s->value != 0)
    return 3.0 * 3600.0 * c->one_c / PetscAbsReal(s->value);
  return 48.0 * 3600.0;
}

/* The recording options of a run (read where they are used; declared with their help). */
static PetscErrorCode RecordingOptions(MPI_Comm comm, PetscReal *interval, PetscBool *monitor) {
  PetscFunctionBeginUser;
  PetscOptionsBegin(comm, NULL, "fvcell run: recording", NULL);
  PetscCall(PetscOptionsReal("-fvcell_output_interval",
                             "record every DT seconds (from IDA's interpolant) and at the ends of "
                             "steps; 0: every internal step",
                             NULL, *interval, interval, NULL));
  PetscCall(PetscOptionsBool("-fvcell_monitor_steps", "print IDA's diagnostics after every step",
                             NULL, *monitor, monitor, NULL));
  PetscOptionsEnd();
  /* every rank refuses it: one line, no traceback; C's %g (PETSc's printf writes -1 as "-1.") */
  if (!(*interval >= 0 && !PetscIsInfOrNanReal(*interval))) {
    char msg[128];
    snprintf(msg, sizeof msg,
             "command line: -fvcell_output_interval %g: expected a time step >= 0 s",
             (double)*interval);
    PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s\n", msg));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The thermal models the solver runs (solver/module_thermal.c, docs/thermal.md §4, §9): isothermal,
 * lumped and x_resolved in 1D, 2D and 3D. Cooled or held y (z) faces on a mesh without them are
 * refused with one line. */
static PetscErrorCode RunThermalSupported(MPI_Comm comm, const FvCase *c, PetscBool *ok) {
  static const char *const axis[2] = {"y", "z"};
  PetscFunctionBeginUser;
  *ok = PETSC_TRUE;
  for (PetscInt a = 0; a < 2 && *ok; a++) {
    if (c->thermal.edge[a].kind == FV_THERMAL_EDGE_INSULATED || c->mesh.dim >= 2 + a) continue;
    *ok = PETSC_FALSE;
    PetscCall(PetscFPrintf(
        comm, PETSC_STDERR,
        "%s: thermal.%s_boundary: %s: expected a mesh with %s faces "
        "(mesh.dimension %" PetscInt_FMT ", expected >= %" PetscInt_FMT "; docs/thermal.md)\n",
        c->path[0] ? c->path : c->name, axis[a],
        c->thermal.edge[a].kind == FV_THERMAL_EDGE_FIXED ? "fixed" : "convective", axis[a],
        c->mesh.dim, 2 + a));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A temperature in a protocol step (an ambient or an end) needs a thermal model: one line. */
static PetscErrorCode RunThermalSteps(MPI_Comm comm, const FvCase *c, const FvProtocolStep *steps,
                                      PetscInt nsteps, PetscBool *ok) {
  PetscFunctionBeginUser;
  *ok = PETSC_TRUE;
  for (PetscInt k = 0; k < nsteps && c->thermal.model == FV_THERMAL_ISOTHERMAL && *ok; k++) {
    PetscBool T_used = (PetscBool)(steps[k].ambient > 0);
    for (PetscInt e = 0; e < steps[k].nend; e++)
      if (steps[k].end[e].kind == FV_END_TEMPERATURE) T_used = PETSC_TRUE;
    if (!T_used) continue;
    *ok = PETSC_FALSE;
    PetscCall(PetscFPrintf(comm, PETSC_STDERR,
                           "%s: protocol step \"%s\": a temperature (ambient or end) needs a "
                           "thermal model: thermal.model is isothermal (docs/thermal.md)\n",
                           c->path[0] ? c->path : c->name, steps[k].text));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvRunSteps(MPI_Comm comm, const FvCase *c, PetscReal rate,
                          const FvProtocolStep *steps, PetscInt nsteps, PetscInt ncycles,
                          FvObserver observe, void *ctx, FvRunResult *res) {
  FvProblem p;
  FvIntegrator ig;
  FvStepStatus st = FV_STEP_OK;
  FvRecord rec, prev;
  Vec Y, Yout;
  PetscReal t = 0, V, Ic, wall = 0, interval = 0, t_next;
  PetscLogDouble tw0, tw1;
  char reason[384]   = "", msg[384], nopath[320];
  PetscBool fv_debug = PETSC_FALSE, stop = PETSC_FALSE, thermal_ok;
  FvStepEnd end          = FV_STEP_END_NONE;
  PetscInt ninfo         = 0;
  const PetscReal T_safe = c->thermal.T_max > 0 ? c->thermal.T_max : PETSC_INFINITY;
  PetscFunctionBeginUser;
  PetscCall(RunThermalSupported(comm, c, &thermal_ok));
  if (!thermal_ok) PetscFunctionReturn(PETSC_ERR_USER); /* the line is printed */
  PetscCall(RunThermalSteps(comm, c, steps, nsteps, &thermal_ok));
  if (!thermal_ok) PetscFunctionReturn(PETSC_ERR_USER); /* the line is printed */
  /* -fvcell_output_interval DT: records at t = 0, DT, 2 DT, ... (from IDA's interpolant) and at
   * the ends of steps, instead of at every internal step */
  PetscCall(RecordingOptions(comm, &interval, &fv_debug));
  PetscCall(PetscMemzero(res, sizeof *res));
  res->c_rate  = rate;
  res->ncycles = ncycles;
  PetscCall(PetscMalloc1(nsteps * ncycles, &res->step_info));
  PetscCall(PetscCalloc2(ncycles, &res->cycle_discharge, ncycles, &res->cycle_charge));
  PetscCall(FvProblemCreate(comm, c, &p));
  { /* the first step that draws a current sets the initial state's mode */
    PetscInt k0 = 0;
    while (k0 < nsteps - 1 && steps[k0].kind == FV_STEP_PRESSURE)
      k0++;
    p.mode      = (FvMode)steps[k0].control;
    p.set_point = steps[k0].kind == FV_STEP_PRESSURE ? 0 : steps[k0].value;
  }

  PetscCall(PetscTime(&tw0));
  PetscCall(FvIntegratorCreate(&p, &ig));
  PetscCall(FvIntegratorGetState(ig, &Y));
  PetscCall(VecDuplicate(Y, &Yout));
  PetscCall(PetscTime(&tw1));
  wall += tw1 - tw0;
  PetscCall(FvProblemVoltage(&p, Y, &V, &Ic));
  rec    = (FvRecord){0.0, V, Ic, 0.0, 0.0, 0, 0, PETSC_FALSE, PETSC_FALSE};
  t_next = interval;

  for (PetscInt cyc = 0; cyc < ncycles && !stop; cyc++) {
    for (PetscInt k = 0; k < nsteps && !stop; k++) {
      const FvProtocolStep *s = &steps[k];
      const PetscReal t0 = t, q0 = rec.capacity, e0 = rec.energy;
      PetscReal v_low = PETSC_NINFINITY, v_high = PETSC_INFINITY, i_low = PETSC_NINFINITY, t_stop;
      PetscReal T_end  = PETSC_INFINITY, T_now; /* the step's temperature end, the hottest cell */
      PetscBool cool   = PETSC_FALSE;           /* the end is a rest's cool-down */
      PetscReal q_end  = PETSC_INFINITY;        /* A h m-2 */
      PetscBool timed  = PETSC_FALSE;
      FvStepInfo *info = &res->step_info[ninfo];

      if (s->kind == FV_STEP_PRESSURE) { /* no duration: the contact laws' pressure, a re-press */
        if (!s->cycle || s->cycle == cyc + 1) PetscCall(FvContactSetStackPressure(&p, Y, s->value));
        continue;
      }
      p.mode      = (FvMode)s->control;
      p.set_point = s->value;
      t_stop      = PETSC_INFINITY;
      for (PetscInt e = 0; e < s->nend; e++) {
        switch (s->end[e].kind) {
        case FV_END_VOLTAGE_BELOW:
          v_low = s->end[e].value;
          break;
        case FV_END_VOLTAGE_ABOVE:
          v_high = s->end[e].value;
          break;
        case FV_END_CURRENT_BELOW:
          i_low = s->end[e].value;
          break;
        case FV_END_TIME:
          t_stop = t0 + s->end[e].value, timed = PETSC_TRUE;
          break;
        case FV_END_CAPACITY:
          q_end = s->end[e].value / 3600.0;
          break;
        case FV_END_TEMPERATURE:
          T_end = s->end[e].value;
          break;
        }
      }
      p.ambient = s->ambient > 0 ? s->ambient : c->thermal.T_amb;
      /* the case's cut-offs are safety limits of a current or power step; a rest draws no
       * current to stop (a cell resting at its upper cut-off crossed it by rounding) */
      if (s->control != FV_CTRL_VOLTAGE && s->kind != FV_STEP_REST) {
        v_low  = PetscMax(v_low, c->v_min);
        v_high = PetscMin(v_high, c->v_max);
      }
      if (!timed) t_stop = t0 + StepTimeBound(c, s);
      end             = FV_STEP_END_NONE;
      rec.step_index  = cyc * nsteps + k;
      rec.cycle_index = cyc;
      PetscCall(PetscTime(&tw0));
      /* the stop time once IDA restarts at t0: locating the last step's end, IDA may have
       * stepped past this step's t_stop (a long step before a short rest), which IDA refuses */
      PetscCall(FvIntegratorSetLimits(ig, v_low, v_high, i_low, PETSC_INFINITY));
      /* a rest that starts hotter than its temperature end cools down to it (docs/thermal.md
       * §11): the end is a floor, the safety limit stays the ceiling */
      PetscCall(FvProblemMaxTemperature(&p, Y, &T_now));
      cool = (PetscBool)(s->kind == FV_STEP_REST && T_now > T_end);
      PetscCall(FvIntegratorSetTemperatureLimit(ig, cool ? T_safe : PetscMin(T_end, T_safe)));
      PetscCall(FvIntegratorSetTemperatureFloor(ig, cool ? T_end : PETSC_NINFINITY));
      /* no path for the current (every particle isolated, docs/assb.md s8): the step ends at
       * its start and the protocol goes on, so that a re-press can reconnect */
      nopath[0] = 0;
      if (s->kind != FV_STEP_REST && s->control != FV_CTRL_VOLTAGE && s->value != 0)
        PetscCall(FvDiagnoseNoPath(&p, Y, -1, nopath, sizeof nopath));
      if (nopath[0])
        st = FV_STEP_FAIL;
      else
        PetscCall(FvIntegratorReset(ig, t0, Y, &st, msg, sizeof msg));
      PetscCall(FvIntegratorSetLimits(ig, v_low, v_high, i_low, t_stop));
      PetscCall(PetscTime(&tw1));
      wall += tw1 - tw0;
      /* the state after the switch (a current step changes I and the potentials at once): the
       * observer sees it marked step_start, at the same time as the end of the previous step */
      PetscCall(FvProblemVoltage(&p, Y, &rec.voltage, &rec.current_density));
      info->initial_voltage = rec.voltage;
      rec.step_start        = PETSC_TRUE;
      rec.step_end          = (PetscBool)(st != FV_STEP_OK);
      if (observe) PetscCall(observe(&p, Y, &rec, ctx));
      rec.step_start = PETSC_FALSE;
      /* A cut-off the step starts beyond (an ohmic drop larger than the window, e.g. a composite
       * whose electrolyte network does not percolate) ends it at once: IDA's roots only see
       * crossings */
      if (st == FV_STEP_OK && rec.current_density > 0 && rec.voltage <= v_low)
        st = FV_STEP_ROOT_LOW;
      if (st == FV_STEP_OK && rec.current_density < 0 && rec.voltage >= v_high)
        st = FV_STEP_ROOT_HIGH;
      PetscCall(FvProblemMaxTemperature(&p, Y, &T_now));
      if (st == FV_STEP_OK && T_now >= (cool ? T_safe : PetscMin(T_end, T_safe)))
        st = FV_STEP_ROOT_TEMPERATURE;
      t = t0;
      while (st == FV_STEP_OK) {
        prev = rec;
        PetscCall(PetscTime(&tw0));
        PetscCall(FvIntegratorStep(ig, &t, &st, msg, sizeof msg));
        PetscCall(PetscTime(&tw1));
        wall += tw1 - tw0;
        if (st == FV_STEP_FAIL) break;
        /* an end found at the last recorded state (the salt ran out where the solve failed):
         * that record is the step's end; time stays strictly increasing */
        if (st == FV_STEP_DEPLETED && t <= prev.time) break;
        if (fv_debug) PetscCall(FvIntegratorViewDiagnostics(ig));
        PetscCall(FvProblemVoltage(&p, Y, &V, &Ic));
        rec.time            = t;
        rec.voltage         = V;
        rec.current_density = Ic;
        rec.capacity += 0.5 * (Ic + prev.current_density) * (t - prev.time) / 3600.0;
        rec.energy +=
            0.5 * (Ic * V + prev.current_density * prev.voltage) * (t - prev.time) / 3600.0;
        { /* capacity ends: the step's own, and a metal electrode running out (its inventory in
           * A h m-2 against the net charge since the start of the run) -- the earliest wins */
          PetscReal w       = 2, wk;
          const char *metal = "";
          FvStepEnd why     = FV_STEP_END_NONE;
          char what[128];
          if (PetscAbsReal(rec.capacity - q0) >= q_end) {
            wk = (q_end - PetscAbsReal(prev.capacity - q0)) /
                 PetscAbsReal(rec.capacity - prev.capacity);
            if (wk < w) w = wk, why = FV_STEP_END_CAPACITY;
          }
          if (p.model.reg[FV_NEG].metal &&
              rec.capacity >= p.model.reg[FV_NEG].metal_capacity / 3600.0) {
            wk = (p.model.reg[FV_NEG].metal_capacity / 3600.0 - prev.capacity) /
                 (rec.capacity - prev.capacity);
            if (wk < w) w = wk, why = FV_STEP_END_METAL_EXHAUSTED, metal = "negative";
          }
          if (p.model.reg[FV_POS].metal &&
              -rec.capacity >= p.model.reg[FV_POS].metal_capacity / 3600.0) {
            wk = (p.model.reg[FV_POS].metal_capacity / 3600.0 + prev.capacity) /
                 (prev.capacity - rec.capacity);
            if (wk < w) w = wk, why = FV_STEP_END_METAL_EXHAUSTED, metal = "positive";
          }
          if (why != FV_STEP_END_NONE) {
            const PetscReal tc = prev.time + w * (t - prev.time);
            PetscCall(FvIntegratorInterpolate(ig, tc, Y));
            PetscCall(FvProblemVoltage(&p, Y, &V, &Ic));
            rec.time            = tc;
            rec.voltage         = V;
            rec.current_density = Ic;
            rec.capacity        = prev.capacity + w * (rec.capacity - prev.capacity);
            rec.energy          = prev.energy + w * (rec.energy - prev.energy);
            t                   = tc;
            st                  = FV_STEP_TSTOP;
            if (why == FV_STEP_END_CAPACITY)
              snprintf(what, sizeof what, "capacity %g A h/m2", (double)q_end);
            else
              snprintf(what, sizeof what, "%s metal exhausted", metal);
            snprintf(reason, sizeof reason, "%s reached at t = %.10g s", what, (double)tc);
            end          = why;
            rec.step_end = PETSC_TRUE;
            if (observe) PetscCall(observe(&p, Y, &rec, ctx));
            rec.step_end = PETSC_FALSE;
            break;
          }
        }
        if (interval > 0) {
          for (; t_next < t; t_next += interval) {
            const PetscReal w = (t_next - prev.time) / (t - prev.time);
            FvRecord r        = rec;
            PetscCall(FvIntegratorInterpolate(ig, t_next, Yout));
            PetscCall(FvProblemVoltage(&p, Yout, &r.voltage, &r.current_density));
            r.time     = t_next;
            r.capacity = prev.capacity + w * (rec.capacity - prev.capacity);
            r.energy   = prev.energy + w * (rec.energy - prev.energy);
            if (observe) PetscCall(observe(&p, Yout, &r, ctx));
          }
          rec.step_end = (PetscBool)(st != FV_STEP_OK);
          if (st != FV_STEP_OK && observe) PetscCall(observe(&p, Y, &rec, ctx));
        } else if (observe) {
          rec.step_end = (PetscBool)(st != FV_STEP_OK);
          PetscCall(observe(&p, Y, &rec, ctx));
        }
        rec.step_end = PETSC_FALSE;
      }
      if (st == FV_STEP_FAIL && !nopath[0]) /* or the solve failed as the last contact went */
        PetscCall(FvDiagnoseNoPath(&p, Y, 1, nopath, sizeof nopath));
      if (st == FV_STEP_FAIL && nopath[0])
        end = FV_STEP_END_NO_PATH, snprintf(reason, sizeof reason, "%s at t = %.10g s", nopath, t);
      if (cool && st == FV_STEP_ROOT_TEMPERATURE) { /* the floor, or the ceiling crossed */
        PetscCall(FvProblemMaxTemperature(&p, Y, &T_now));
        if (T_now > 0.5 * (T_end + T_safe)) T_end = PETSC_INFINITY;
      }
      if (end == FV_STEP_END_NONE) /* not a capacity end: from the integrator's status */
        end = StepEnd(s, st, t, v_low, v_high, i_low, T_end, T_safe, timed, msg, reason,
                      sizeof reason);
      if (end == FV_STEP_END_VOLTAGE && t == t0 && s->control != FV_CTRL_VOLTAGE) {
        /* at its start: the drop under the current exceeds the window (a composite whose ion
         * network conducts too little for this rate), which "at t = 0" alone does not say. The
         * start may be a stage of the current ramp (integrator.c), hence "or less" */
        const size_t l = strlen(reason);
        snprintf(reason + l, sizeof reason - l,
                 " (from the start: the voltage under this current is %.4g V or %s; the drop "
                 "exceeds the window)",
                 (double)info->initial_voltage, st == FV_STEP_ROOT_LOW ? "less" : "more");
      }
      info->cycle         = cyc;
      info->protocol_step = k;
      info->start_time    = t0;
      info->end_time      = t;
      info->capacity      = rec.capacity - q0;
      info->energy        = rec.energy - e0;
      info->end           = (PetscInt)end;
      PetscCall(PetscStrncpy(info->reason, reason, sizeof info->reason));
      ninfo++;
      if (info->capacity > 0) {
        res->cycle_discharge[cyc] += info->capacity;
        if (cyc == 0)
          res->dis_capacity += info->capacity, res->dis_energy += info->energy,
              res->dis_time += t - t0;
      } else
        res->cycle_charge[cyc] -= info->capacity;
      /* a failed solve, a stop the integrator named, no metal left or the safety limit: the run
       * is over */
      if (end == FV_STEP_END_STOP || end == FV_STEP_END_METAL_EXHAUSTED ||
          end == FV_STEP_END_TEMPERATURE_LIMIT)
        stop = PETSC_TRUE;
    }
  }
  PetscCall(VecDestroy(&Yout));
  PetscCall(FvIntegratorGetStats(ig, &res->nsteps, &res->nres, &res->njac, &res->nlin));
  res->nstep_info = ninfo;
  res->capacity   = rec.capacity;
  res->energy     = rec.energy;
  res->t_end      = rec.time;
  res->v_end      = rec.voltage;
  res->solve_time = wall;
  res->end        = end;
  res->ok         = (PetscBool)(end != FV_STEP_END_STOP && end != FV_STEP_END_METAL_EXHAUSTED &&
                        end != FV_STEP_END_TEMPERATURE_LIMIT);
  PetscCall(PetscStrncpy(res->reason, reason, sizeof res->reason));
  PetscCall(FvIntegratorDestroy(&ig));
  PetscCall(FvProblemDestroy(&p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The default experiment of a rate: constant current to the lower cut-off. */
/* The positive electrode's active mass per area [kg m-2] for the per-mass outputs (0: unknown). */
static PetscReal ActiveLoading(const FvCase *c) {
  const FvRegion *r = &c->region[FV_POS];
  return r->metal || r->rho_am <= 0 ? 0 : r->eps_am * r->thickness * r->rho_am;
}

static void DischargeStep(const FvCase *c, PetscReal rate, FvProtocolStep *s) {
  PetscMemzero(s, sizeof *s);
  snprintf(s->text, sizeof s->text, "Discharge at %gC until %g V", (double)rate, (double)c->v_min);
  s->kind         = FV_STEP_DISCHARGE;
  s->control      = FV_CTRL_CURRENT;
  s->value        = rate * c->one_c;
  s->nend         = 1;
  s->end[0].kind  = FV_END_VOLTAGE_BELOW;
  s->end[0].value = c->v_min;
}

PetscErrorCode FvRunDischarge(MPI_Comm comm, const FvCase *c, PetscReal rate, FvObserver observe,
                              void *ctx, FvRunResult *res) {
  FvProtocolStep s;
  PetscFunctionBeginUser;
  DischargeStep(c, rate, &s);
  PetscCall(FvRunSteps(comm, c, rate, &s, 1, 1, observe, ctx, res));
  /* a plain discharge is ok only if it reached the cut-off */
  res->ok = (PetscBool)(res->ok && res->nstep_info == 1 &&
                        (res->end == FV_STEP_END_VOLTAGE || res->end == FV_STEP_END_DEPLETED));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The NetCDF writer and the progress line as an observer: the first call starts the run's group. */
typedef struct {
  FvOutput out;
  const char *group;
  PetscReal rate;
  PetscBool begun, quiet, tty;
  PetscInt total_steps; /* protocol steps x cycles x rates, for the percentage */
  PetscInt done_before; /* steps of earlier rates */
  PetscLogDouble last_print;
  PetscReal *f[FV_NFIELDS + FV_MAX_OUT_FAMILIES + 1];
  PetscInt nf;      /* fields allocated */
  PetscInt stride;  /* spatial output stride (mesh.output_stride) */
  PetscBool iface;  /* interface_current_density is written */
  PetscInt nrec;    /* records written */
  PetscReal t_last; /* time of the last record written */
  /* a thermal model: the temperature field, the heat map and the heat terms (1D: FvProblemHeat;
   * 2D/3D: their total, from the map) */
  FvReactionHeat form;
  PetscBool thermal;
  PetscInt nheat;
  PetscReal *T, *qmap; /* the temperature field and the heat map (FvThermalHeatMap) */
} Writer;

/* "0.5C", or "protocol" for a protocol without {rate}: it ran once, its rate is NaN */
static void RateLabel(PetscReal rate, char *label, size_t len) {
  if (PetscIsInfOrNanReal(rate))
    snprintf(label, len, "protocol");
  else
    snprintf(label, len, "%gC", (double)rate);
}

static PetscErrorCode Progress(Writer *w, const FvRecord *rec, PetscInt ncycles, PetscBool final) {
  PetscLogDouble now;
  PetscMPIInt rank;
  PetscFunctionBeginUser;
  if (w->quiet) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCallMPI(MPI_Comm_rank(PetscObjectComm((PetscObject)PETSC_VIEWER_STDOUT_WORLD), &rank));
  if (rank) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscTime(&now));
  if (!final && now - w->last_print < (w->tty ? 0.2 : 10.0)) PetscFunctionReturn(PETSC_SUCCESS);
  w->last_print = now;
  {
    const double pct = 100.0 * (double)(w->done_before + rec->step_index) / (double)w->total_steps;
    char line[256], label[32];
    RateLabel(w->rate, label, sizeof label);
    snprintf(line, sizeof line,
             "%s step %d cycle %d/%d  t = %.1f s  V = %.4f V  I = %.4g A/m2  %5.1f%%", label,
             (int)rec->step_index + 1, (int)rec->cycle_index + 1, (int)ncycles, (double)rec->time,
             (double)rec->voltage, (double)rec->current_density, pct);
    if (w->tty)
      fprintf(stderr, "\r%-100s", line);
    else
      fprintf(stderr, "%s\n", line);
    fflush(stderr);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

typedef struct {
  Writer *w;
  PetscInt ncycles;
} ObserverCtx;

/* The time-independent fields of a run with a 2D/3D domain or fields: the microstructure and the
 * metal's interface map. */
static PetscErrorCode WriteStatic(FvProblem *p, FvOutput out) {
  static const char *names[FV_NSTATIC] = {"electrolyte_fraction", "active_fraction",
                                          "particle_radius", "electronic_conductivity",
                                          "solid_electrolyte_conductivity"};
  static const char *units[FV_NSTATIC] = {"1", "1", "m", "S m-1", "S m-1"};
  const FvMesh *g                      = &p->mesh;
  PetscReal *st[FV_NSTATIC], *plane;
  PetscBool has;
  PetscFunctionBeginUser;
  for (PetscInt f = 0; f < FV_NSTATIC; f++)
    PetscCall(PetscMalloc1(FvMeshNOwned(g), &st[f]));
  PetscCall(FvProblemStaticFields(p, st));
  for (PetscInt f = 0; f < FV_NSTATIC; f++)
    PetscCall(FvOutputWriteStatic(out, names[f], units[f], st[f]));
  for (PetscInt f = 0; f < FV_NSTATIC; f++)
    PetscCall(PetscFree(st[f]));
  if (g->dim >= 2 && p->model.reg[FV_NEG].metal) {
    PetscCall(PetscMalloc1(g->ym * g->zm, &plane));
    PetscCall(FvProblemInterfaceMap(p, plane, &has));
    PetscCall(FvOutputWritePlane(out, "interface_contact_fraction", "1", has ? plane : NULL));
    PetscCall(PetscFree(plane));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode WriteRecord(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  ObserverCtx *oc = (ObserverCtx *)ctx;
  Writer *w       = oc->w;
  const FvMesh *g = &p->mesh;
  PetscFunctionBeginUser;
  if (!w->begun) {
    const PetscInt nfam = PetscMin(p->model.nfam, FV_MAX_OUT_FAMILIES);
    FvOutputGrid grid   = {g->dim,
                           {g->M, g->ny, g->nz},
                           {g->xs, g->ys, g->zs},
                           {g->xm, g->ym, g->zm},
                           g->xc + g->xs,
                           g->Ly,
                           g->Lz,
                           w->stride};
    w->iface            = (PetscBool)(g->dim >= 2 && p->model.reg[FV_NEG].metal);
    PetscCall(FvOutputSetFamilies(w->out, nfam));
    PetscCall(FvOutputSetInterfaceSeries(w->out, w->iface));
    PetscCall(FvOutputBeginRun(w->out, w->group, w->rate, &grid));
    if (g->dim >= 2 || p->has_fields) PetscCall(WriteStatic(p, w->out));
    w->nf = FV_NFIELDS + (nfam > 1 ? nfam : 0) + (w->iface ? 1 : 0);
    for (PetscInt f = 0; f < w->nf; f++)
      PetscCall(PetscMalloc1(FvMeshNOwned(g), &w->f[f]));
    w->thermal = (PetscBool)(p->layout->T >= 0);
    if (w->thermal) { /* the heat terms of a state: 1D (heat_profile.h); 2D/3D their total */
      const char *names[FV_NHEAT];
      w->nheat = g->dim == 1 ? FV_NHEAT : 1;
      for (PetscInt k = 0; k < w->nheat; k++)
        names[k] = FvHeatTermName(g->dim == 1 ? (FvHeatTerm)k : FV_HEAT_TOTAL);
      PetscCall(FvOutputBeginThermal(w->out, w->nheat, names));
      PetscCall(PetscMalloc2(FvMeshNOwned(g), &w->T, FvMeshNOwned(g), &w->qmap));
    }
    w->begun = PETSC_TRUE;
  }
  /* time strictly increasing: the state after a step switch shares its time with the end of the
   * previous step (its voltage is in step_initial_voltage); the first record is t = 0 */
  if (w->nrec == 0 || rec->time > w->t_last) {
    PetscCall(FvProblemFields(p, Y, w->f));
    if (w->iface) {
      PetscBool has;
      PetscCall(FvProblemInterfaceCurrent(p, Y, w->f[w->nf - 1], &has));
    }
    PetscCall(FvOutputAppend(w->out, rec, (const PetscReal *const *)w->f));
    if (w->thermal) {
      PetscReal Tmean, Tmax, heat[FV_NHEAT];
      PetscBool bad = PETSC_FALSE;
      PetscCall(FvProblemTemperatureField(p, Y, w->T));
      PetscCall(FvProblemMeanTemperature(p, Y, &Tmean));
      PetscCall(FvProblemMaxTemperature(p, Y, &Tmax));
      PetscCall(FvThermalHeatMap(p, Y, w->qmap, &heat[0], &bad));
      if (g->dim == 1 && !bad) PetscCall(FvProblemHeat(p, Y, Tmean, w->form, NULL, heat, &bad));
      for (PetscInt k = 0; bad && k < w->nheat; k++)
        heat[k] = NAN;
      PetscCall(FvOutputAppendThermal(w->out, w->T, Tmean, Tmax, p->ambient, heat));
      PetscCall(FvOutputAppendHeatMap(w->out, w->qmap));
    }
    w->nrec++;
    w->t_last = rec->time;
  }
  if (rec->step_end) PetscCall(FvOutputSync(w->out));
  PetscCall(Progress(w, rec, oc->ncycles, PETSC_FALSE));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Options of `fvcell run` read by the rate loop (declared with their help, so -help lists them). */
typedef struct {
  PetscBool quiet, monitor;
  PetscReal interval;     /* [s]; 0: every internal step */
  PetscInt deflate;       /* netCDF deflate level */
  PetscInt max_records;   /* bound on the records of one run with an interval */
  PetscReal sync_seconds; /* wall time between syncs */
} RunOptions;

static PetscErrorCode RunOptionsRead(MPI_Comm comm, RunOptions *o) {
  char outpath[PETSC_MAX_PATH_LEN] = "";
  PetscFunctionBeginUser;
  o->quiet        = PETSC_FALSE;
  o->monitor      = PETSC_FALSE;
  o->interval     = 0;
  o->deflate      = 0;
  o->max_records  = FV_MAX_INTERVAL_RECORDS;
  o->sync_seconds = 1.0;
  PetscOptionsBegin(comm, NULL, "fvcell run (case keys are options too: docs/case-keys.md)", NULL);
  PetscCall(PetscOptionsString("-o", "output file (default out/<case name>.nc)", NULL, outpath,
                               outpath, sizeof outpath, NULL));
  PetscCall(PetscOptionsBool("-quiet", "no progress line", NULL, o->quiet, &o->quiet, NULL));
  PetscCall(PetscOptionsInt("-fvcell_output_deflate",
                            "netCDF deflate level 0-9 of the time series and fields (0: none)",
                            NULL, o->deflate, &o->deflate, NULL));
  PetscCall(PetscOptionsInt("-fvcell_output_max_records",
                            "largest number of records -fvcell_output_interval may ask for in one "
                            "run (from the protocol's time bounds)",
                            NULL, o->max_records, &o->max_records, NULL));
  PetscCall(PetscOptionsReal("-fvcell_output_sync_interval",
                             "wall seconds between flushes of the records to disk", NULL,
                             o->sync_seconds, &o->sync_seconds, NULL));
  PetscOptionsEnd();
  PetscCall(RecordingOptions(comm, &o->interval, &o->monitor));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Files the run reads (the case, voxel images, tables): the output must be none of them. */
static PetscInt CaseInputs(const FvCase *c, const char **list, PetscInt max) {
  PetscInt n = 0;
  if (c->path[0] && n < max) list[n++] = c->path;
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegion *r = &c->region[g];
    for (PetscInt f = 0; f < FV_NPFIELDS && n < max; f++)
      if (r->field[f].kind == FV_FIELDSPEC_VOXEL) list[n++] = r->field[f].file;
    if (r->contact_map.kind == FV_FIELDSPEC_VOXEL && n < max) list[n++] = r->contact_map.file;
    if (n + 5 <= max) {
      list[n++] = r->ocp.source, list[n++] = r->Ds.source, list[n++] = r->k0.source;
      list[n++] = r->se.sigma.source, list[n++] = r->contact.dvv.source;
    }
  }
  if (n + 4 <= max) {
    list[n++] = c->electrolyte.kappa.source, list[n++] = c->electrolyte.D.source;
    list[n++] = c->electrolyte.tplus.source, list[n++] = c->electrolyte.tdf.source;
  }
  return n;
}

/* Create the first run's problem and integrator and destroy them again: every option they read
 * is then marked used (FvCliCheckOptions), and a bad solver option fails before any file is
 * written. */
static PetscErrorCode Preflight(MPI_Comm comm, const FvCase *c, const FvProtocolStep *step) {
  FvProblem p;
  FvIntegrator ig;
  PetscFunctionBeginUser;
  PetscCall(FvProblemCreate(comm, c, &p));
  p.mode      = (FvMode)step->control;
  p.set_point = step->kind == FV_STEP_PRESSURE ? 0 : step->value;
  PetscCall(FvIntegratorCreate(&p, &ig));
  PetscCall(FvIntegratorDestroy(&ig));
  PetscCall(FvProblemDestroy(&p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvRunCheckSetup(MPI_Comm comm, const FvCase *c) {
  FvProtocolStep step;
  RunOptions o;
  PetscFunctionBeginUser;
  PetscCall(RunOptionsRead(comm, &o));
  DischargeStep(c, 1.0, &step);
  PetscCall(Preflight(comm, c, &step));
  FvCallUser(FvCliCheckOptions(comm, c->yaml_text));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvRunCase(MPI_Comm comm, const FvCase *c, const char *outpath, FvRunResult *results,
                         PetscBool *stopped) {
  FvOutput out;
  FvUnits units;
  const PetscInt ncycles = c->cycles > 0 ? c->cycles : 1;
  const PetscInt nsteps  = c->nprotocol > 0 ? c->nprotocol : 1;
  PetscInt n             = c->nrates > 0 ? c->nrates : 1;
  PetscBool uses_rate = (PetscBool)(c->nprotocol == 0), grouped = (PetscBool)(c->nrates > 0), help,
            thermal_ok;
  FvRunResult *res = results;
  FvProtocolStep *steps;
  PetscReal rates[FV_MAX_RATES], cap[FV_MAX_RATES], en[FV_MAX_RATES], vmean[FV_MAX_RATES],
      power[FV_MAX_RATES];
  char summary[4096] = "", line[1024], status[512] = "ok", label[32];
  RunOptions opt;
  PetscFunctionBeginUser;
  *stopped = PETSC_FALSE;
  PetscCall(RunThermalSupported(comm, c, &thermal_ok));
  if (!thermal_ok) PetscFunctionReturn(PETSC_ERR_USER); /* the line is printed */
  for (PetscInt i = 0; i < c->nprotocol; i++)
    if (strstr(c->protocol[i], "{rate}")) uses_rate = PETSC_TRUE;
  if (!uses_rate && c->nrates > 0) { /* the rates would change nothing: run the protocol once */
    n       = 1;
    grouped = PETSC_FALSE;
    PetscCall(PetscPrintf(comm,
                          "%s: the protocol does not use {rate}: it runs once (the case's "
                          "%" PetscInt_FMT " rates are not used)\n",
                          c->name, c->nrates));
  }
  PetscCall(RunOptionsRead(comm, &opt));
  PetscCall(PetscMalloc1(nsteps, &steps));
  PetscCall(FvUnitsCreate(&units));
  /* the protocol of every rate (validated when the case was loaded) */
  for (PetscInt k = 0; k < n; k++) {
    PetscReal bound = 0;
    rates[k]        = grouped ? c->rates[k] : 1.0;
    if (c->nprotocol > 0) {
      for (PetscInt i = 0; i < c->nprotocol; i++) {
        PetscBool ok;
        char why[512];
        PetscCall(FvProtocolParseStepCell(units, c->protocol[i], c->one_c, rates[k],
                                          c->electrode_area, &steps[i], &ok, why, sizeof why));
        if (!ok) { /* every rank parses the same step: one line, no traceback */
          PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s\n", why));
          PetscFunctionReturn(PETSC_ERR_USER);
        }
      }
    } else
      DischargeStep(c, rates[k], &steps[0]);
    if (k == 0) { /* everything that reads options has read them: check the command line */
      PetscBool tok;
      PetscCall(RunThermalSteps(comm, c, steps, nsteps, &tok));
      if (!tok) {
        PetscCall(FvUnitsDestroy(&units));
        PetscCall(PetscFree(steps));
        PetscFunctionReturn(PETSC_ERR_USER);
      }
      PetscCall(Preflight(comm, c, &steps[0]));
      FvCallUser(FvCliCheckOptions(comm, c->yaml_text));
      PetscCall(PetscOptionsHasHelp(NULL, &help));
      if (help) {
        PetscCall(PetscPrintf(comm, "Case keys are options too (-positive_thickness \"80 um\"): "
                                    "docs/case-keys.md lists them (fvcell schema)\n"));
        PetscCall(FvUnitsDestroy(&units));
        PetscCall(PetscFree(steps));
        PetscFunctionReturn(PETSC_SUCCESS);
      }
    }
    for (PetscInt i = 0; i < nsteps; i++)
      bound += StepTimeBound(c, &steps[i]);
    if (opt.interval > 0 &&
        bound * (PetscReal)ncycles / opt.interval > (PetscReal)opt.max_records) {
      PetscCall(PetscFPrintf(comm, PETSC_STDERR,
                             "command line: -fvcell_output_interval %g: up to %.3g records in one "
                             "run (the protocol may last %.4g s), expected at most "
                             "%" PetscInt_FMT " (-fvcell_output_max_records)\n",
                             (double)opt.interval,
                             (double)(bound * (PetscReal)ncycles / opt.interval),
                             (double)(bound * (PetscReal)ncycles), opt.max_records));
      PetscCall(FvUnitsDestroy(&units));
      PetscCall(PetscFree(steps));
      PetscFunctionReturn(PETSC_ERR_USER);
    }
  }
  {
    const char *inputs[64];
    const PetscInt ninputs = CaseInputs(c, inputs, 64);
    FvCallUser(FvOutputFileCheck(comm, outpath, ninputs, inputs));
  }
  if (!results) PetscCall(PetscCalloc1(n, &res));
  FvCallUser(FvOutputCreate(comm, outpath, &out));
  PetscCall(FvOutputSetSyncInterval(out, opt.sync_seconds));
  PetscCall(FvOutputSetDeflate(out, opt.deflate));
  PetscCall(FvOutputSetRunInfo(out, FVCELL_VERSION, c->yaml_text, c->one_c));
  PetscCall(FvOutputSetCellArea(out, c->electrode_area));
  for (PetscInt k = 0; k < n; k++) {
    char group[64];
    Writer w       = {out,
                      NULL,
                      0,
                      PETSC_FALSE,
                      opt.quiet,
                      (PetscBool)isatty(2),
                      nsteps * ncycles * n,
                      k * nsteps * ncycles,
                      0,
                      {NULL},
                      0,
                c->mesh.output_stride > 0 ? c->mesh.output_stride : 1,
                      PETSC_FALSE,
                      0,
                      0,
                      c->thermal.reaction_heat,
                      PETSC_FALSE,
                      0,
                      NULL,
                      NULL};
    ObserverCtx oc = {&w, ncycles};
    if (c->nprotocol > 0)
      for (PetscInt i = 0; i < c->nprotocol; i++) {
        PetscBool ok;
        char why[512];
        PetscCall(FvProtocolParseStepCell(units, c->protocol[i], c->one_c, rates[k],
                                          c->electrode_area, &steps[i], &ok, why, sizeof why));
      }
    else
      DischargeStep(c, rates[k], &steps[0]);
    PetscCall(PetscSNPrintf(group, sizeof group, "rate_%" PetscInt_FMT, k));
    w.group = grouped ? group : NULL;
    w.rate  = uses_rate ? rates[k] : (PetscReal)NAN;
    PetscCall(FvRunSteps(comm, c, rates[k], steps, nsteps, ncycles, WriteRecord, &oc, &res[k]));
    if (w.tty && !opt.quiet) fprintf(stderr, "\n");
    PetscCall(FvOutputWriteSteps(out, res[k].nstep_info, res[k].step_info, ncycles,
                                 res[k].cycle_discharge, res[k].cycle_charge, ActiveLoading(c)));
    if (!res[k].ok) {
      PetscCall(PetscSNPrintf(line, sizeof line, "solver stop: %s", res[k].reason));
      if (!*stopped) PetscCall(PetscStrncpy(status, line, sizeof status));
      *stopped = PETSC_TRUE;
    }
    PetscCall(FvOutputEndRun(out, res[k].ok ? "ok" : line, res[k].reason, res[k].solve_time));
    for (PetscInt f = 0; f < w.nf; f++)
      PetscCall(PetscFree(w.f[f]));
    PetscCall(PetscFree2(w.T, w.qmap));
    /* a run that stopped has no discharge result in the summary: NaN, not a zero */
    cap[k]   = res[k].ok ? res[k].dis_capacity : (PetscReal)NAN;
    en[k]    = res[k].ok ? res[k].dis_energy : (PetscReal)NAN;
    vmean[k] = cap[k] > 0 ? en[k] / cap[k] : (PetscReal)NAN;
    power[k] = res[k].dis_time > 0 ? en[k] * 3600.0 / res[k].dis_time : (PetscReal)NAN;
    RateLabel(w.rate, label, sizeof label);
    snprintf(line, sizeof line,
             "%s: %s: discharge %.6g A h/m2, %.6g W h/m2, mean %.4f V; %s (%d steps, %d "
             "residuals, %d Jacobians, %d linear solves, "
             "%.4g s)\n",
             c->name, label, (double)cap[k], (double)en[k], (double)vmean[k], res[k].reason,
             (int)res[k].nsteps, (int)res[k].nres, (int)res[k].njac, (int)res[k].nlin,
             (double)res[k].solve_time);
    PetscCall(PetscPrintf(comm, "%s", line));
    snprintf(line, sizeof line, "%s%gC: %s", k ? "; " : "", (double)rates[k], res[k].reason);
    PetscCall(PetscStrlcat(summary, line, sizeof summary));
  }
  if (grouped) PetscCall(FvOutputWriteRateSummary(out, n, rates, cap, en, vmean, power));
  PetscCall(FvOutputSetTermination(out, grouped ? summary : res[0].reason));
  PetscCall(FvOutputSetStatus(out, status));
  FvCallUser(FvOutputDestroy(&out));
  PetscCall(FvUnitsDestroy(&units));
  PetscCall(PetscFree(steps));
  if (*stopped)
    PetscCall(PetscFPrintf(comm, PETSC_STDERR, "fvcell: %s; wrote %s\n", status, outpath));
  else
    PetscCall(PetscPrintf(comm, "wrote %s\n", outpath));
  if (!results) {
    for (PetscInt k = 0; k < n; k++)
      PetscCall(FvRunResultReset(&res[k]));
    PetscCall(PetscFree(res));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}
