/* protocol.h -- the protocol step grammar: PyBaMM-style experiment strings parsed into steps.
 *
 * Owns: FvProtocolStep (one step of an experiment: what is controlled, the set point and the
 * end conditions, all in SI) and the pure parsers FvProtocolParseStep / FvProtocolParseList.
 * No solver state here: a step is data for the run driver.
 *
 * Grammar (keywords and verbs case-insensitive; units case-sensitive, as in units.h):
 *   Discharge|Charge at <C-rate | current density | power density> [at <temperature>] <ends>
 *   Hold at <voltage> [at <temperature>] <ends>
 *   Rest [at <temperature>] (for <duration> | until <temperature>) [or <end> ...]
 *                  ends on durations and temperatures only
 *   Set pressure to <pressure> [in cycle <n>]   the stack pressure from the next step on
 *                  (UDUNITS: MPa, bar, psi, ...; >= 0); a step of no duration; with "in cycle n"
 *                  only in cycle n (1-based) of a repeated protocol (a re-press: docs/assb.md §8)
 *   <ends> := <end> [or <end> ...]  (at most FV_MAX_END)
 *   <end>  := until <voltage | C-rate | current density | capacity | duration | temperature>
 *           | for <duration | capacity>
 *           | <any of the above>                    (only after "or": "or 2 hours")
 *   C-rate: 1C, 0.5C, 2 C, C/3, C/50, {rate}, {rate}C  ({rate} = the rate argument)
 *   duration: s, sec, second(s), min, minute(s), h, hr, hour(s), day(s), or any UDUNITS time
 *   current density A/m2, mA/cm2, ...; power density W/m2, mW/cm2, ...; voltage V, mV;
 *   capacity per electrode area A h/m2, mAh/cm2, C/m2, ...
 *   with the cell's electrode area (cell.electrode_area): cell-level currents A, mA, powers W,
 *   mW and capacities A h, mAh, converted to per-area values once, here
 *   temperature: K, degC, °C (UDUNITS; "60 C" would be a C-rate). The second "at" is the
 *   ambient temperature during the step (thermal models); "until <temperature>" ends the step
 *   when the cell's hottest control volume warms to it (docs/thermal.md §6); in a rest that
 *   starts hotter than it, when the hottest control volume cools to it (a cool-down, §11)
 * An end on a voltage is BELOW for a discharge and ABOVE for a charge.  An end on a current
 * (C-rate or current density) is |I| BELOW; a constant-current step cannot end on a current
 * and a hold cannot end on a voltage.  Every magnitude must be positive.
 */
#pragma once
#include <petscsys.h>
#include "units.h"

typedef enum {
  FV_STEP_DISCHARGE,
  FV_STEP_CHARGE,
  FV_STEP_REST,
  FV_STEP_HOLD,
  FV_STEP_PRESSURE /* Set pressure to P: value = P [Pa], no end conditions, no duration */
} FvStepKind;
/* Same order as FvMode (problem.h): FV_CTRL_x == FV_MODE_x. */
typedef enum { FV_CTRL_CURRENT = 0, FV_CTRL_VOLTAGE, FV_CTRL_POWER } FvControl;
typedef enum {
  FV_END_VOLTAGE_BELOW, /* V <= value [V] */
  FV_END_VOLTAGE_ABOVE, /* V >= value [V] */
  FV_END_CURRENT_BELOW, /* |I| <= value [A m-2] */
  FV_END_TIME,          /* step duration >= value [s] */
  FV_END_CAPACITY,      /* |charge passed in the step| >= value [C m-2 = A s m-2, NOT A h m-2] */
  FV_END_TEMPERATURE    /* the hottest control volume's T >= value [K] ("until 60 degC"); a rest
                           starting above value: T <= value (a cool-down) */
} FvEndKind;

typedef struct {
  FvEndKind kind;
  PetscReal value; /* SI, positive: V, A m-2, s, C m-2 (capacity in coulomb per m2) */
} FvEndCondition;

#define FV_MAX_END 4

typedef struct {
  char text[256]; /* the step as written (trimmed; truncated to 255 bytes) */
  FvStepKind kind;
  FvControl control;
  PetscReal value; /* SI set point: current density A m-2 or power W m-2, POSITIVE ON DISCHARGE
                    * (a charge is negative); voltage V for holds; 0 for rest (control CURRENT);
                    * the stack pressure [Pa] for a pressure step (control CURRENT) */
  PetscInt nend;
  FvEndCondition end[FV_MAX_END];
  PetscInt cycle;    /* a pressure step only in this cycle (1-based); 0: in every cycle */
  PetscReal ambient; /* ambient temperature during the step [K] ("Rest at 45 degC for 1 hour",
                        "Discharge at 1C at 45 degC until 3 V"); 0: the case's */
} FvProtocolStep;

/* Parse one step.  one_c: the 1C current density [A m-2]; rate: the C-rate substituted for
 * "{rate}" (2 means "2C").  On a user error *ok = PETSC_FALSE and why holds a message quoting
 * the step and saying what was expected; on success *ok = PETSC_TRUE and why is "". */
PetscErrorCode FvProtocolParseStep(FvUnits u, const char *text, PetscReal one_c, PetscReal rate,
                                   FvProtocolStep *step, PetscBool *ok, char *why, size_t whylen);
/* As FvProtocolParseStep, with the cell's electrode area [m2] (0: not known) so that currents,
 * powers and capacities of the whole cell ("Discharge at 5 A until 2.5 A h") are accepted. */
PetscErrorCode FvProtocolParseStepCell(FvUnits u, const char *text, PetscReal one_c, PetscReal rate,
                                       PetscReal area, FvProtocolStep *step, PetscBool *ok,
                                       char *why, size_t whylen);
/* Split "step; step; ..." (the -protocol command-line form; newlines also separate steps,
 * empty steps are skipped) into at most maxsteps steps. */
PetscErrorCode FvProtocolParseList(FvUnits u, const char *text, PetscReal one_c, PetscReal rate,
                                   PetscInt maxsteps, FvProtocolStep *steps, PetscInt *nsteps,
                                   PetscBool *ok, char *why, size_t whylen);
/* A one-line SI description of a step ("discharge: current 24 A m-2; ends V <= 3 V or
 * t >= 3600 s"); returns buf. */
const char *FvProtocolDescribe(const FvProtocolStep *s, char *buf, size_t len);
