/* diagnose.h -- physical names for the end of a run that the solver cannot continue.
 *
 * Owns: inspecting a state for the conditions under which the cell model stops having a
 * solution or the solver stops finding it -- the electrolyte salt running out (depletion), a
 * particle surface filling up (saturation, stoichiometry -> 1) or emptying (exhaustion,
 * stoichiometry -> 0), a concentration leaving its domain -- and naming the worst of them in
 * words with the region, the position and the value; the same quantities as continuous margins
 * for event location (IDA root functions); and naming the equation with the largest scaled
 * residual when a consistent initialisation fails; and finding a Butler-Volmer equation that has
 * lost its unique solution for the interface current (a fold of the discrete surface relation,
 * FvDiagnoseInterfaceFold); and an electrode whose particles have all lost their contact, so that
 * no path is left for the current (FvDiagnoseNoPath). Reads the state through the problem's
 * public interface only (FvProblemFields, FvProblemJacobian, the state vector's layout); prints
 * nothing.
 */
#pragma once
#include "problem.h"

typedef enum {
  FV_STOP_NONE = 0,             /* nothing physical found */
  FV_STOP_ELECTROLYTE_DEPLETED, /* c_e below a fraction of its initial value in a liquid */
  FV_STOP_SURFACE_SATURATED,    /* surface stoichiometry at or near 1 */
  FV_STOP_SURFACE_EXHAUSTED,    /* surface stoichiometry at or near 0 */
  FV_STOP_NCAUSES
} FvStopCause;

typedef struct {
  FvStopCause cause;
  PetscInt region;   /* FV_NEG, FV_SEP, FV_POS */
  PetscReal x;       /* centre of the cell [m] */
  PetscReal value;   /* c_e [mol m-3] or the surface stoichiometry */
  PetscReal initial; /* the initial c_e [mol m-3] (depletion) */
} FvDiagnosis;

/* Thresholds (fractions): depletion when c_e < depleted c0; saturation/exhaustion when the
 * surface stoichiometry is within `surface` of 1 or 0. */
typedef struct {
  PetscReal depleted, surface;
} FvDiagnoseLimits;

/* The most severe condition of state Y under the limits (cause NONE when none holds); the same
 * on every rank. */
PetscErrorCode FvDiagnoseState(FvProblem *p, Vec Y, const FvDiagnoseLimits *lim, FvDiagnosis *d);
/* The diagnosis in words, e.g. "electrolyte depleted: c_e = 0.2 mol/m3 (0.02 % of initial) in the
 * positive electrode, x = 171.3 um". */
void FvDiagnosisText(const FvDiagnosis *d, char *buf, size_t len);
/* Margins for event location, positive while the state is clear of the condition:
 * g[0] = min over liquid cells of c_e/c0 - depleted (PETSC_MAX_REAL without a liquid). */
#define FV_DIAGNOSE_NMARGINS 1
PetscErrorCode FvDiagnoseMargins(FvProblem *p, Vec Y, const FvDiagnoseLimits *lim,
                                 PetscReal g[FV_DIAGNOSE_NMARGINS]);
/* The equation with the largest |F_i| w_i (w: the integrator's error weights, 1/(rtol |y| +
 * atol)), in words, e.g. "Butler-Volmer equation of family 0 in the positive electrode at x =
 * 120 um (scaled residual 3e4)". */
PetscErrorCode FvDiagnoseResidual(FvProblem *p, Vec F, Vec w, char *buf, size_t len);
/* The first quantity of state Y outside the domain of the model (a concentration that is not
 * positive, a stoichiometry outside (0, 1), a property that cannot be evaluated or is not
 * positive), in words; "" when every evaluation succeeds. The same on every rank. */
PetscErrorCode FvDiagnoseDomain(FvProblem *p, Vec Y, char *buf, size_t len);
/* A particle family whose Butler-Volmer equation no longer determines its interface current: the
 * derivative of the row with respect to its own current (the diagonal of the Newton matrix at
 * (t, Y, Yp), assembled into J) is at most `margin` (1 without any feedback, 0 at a fold), in
 * words with the place, the surface stoichiometry and the outer shell's width; "" when every
 * row is clear of it. The same on every rank. */
PetscErrorCode FvDiagnoseInterfaceFold(FvProblem *p, PetscReal t, Vec Y, Vec Yp, Mat J,
                                       PetscReal margin, char *buf, size_t len);
/* An electrode with no room left in the direction of the current (current > 0: discharge), in
 * words: on discharge a positive electrode whose mean stoichiometry is at least 1 - margin in
 * every cell (full: a pristine, fully lithiated cathode) or a negative electrode at most margin
 * (empty); on charge the reverse. Metal electrodes are not judged here. "" when there is room.
 * The same on every rank. */
PetscErrorCode FvDiagnoseNoCapacity(FvProblem *p, Vec Y, PetscReal current, PetscReal margin,
                                    char *buf, size_t len);
/* An electrode with a contact law (models/contact.h) none of whose particles has contact left,
 * in words with the largest contact fraction: every family of every cell has f = f_0 f_p h(g)
 * at most f_iso + band w_iso (band -1: exactly isolated, its current is 0; +1: inside the isolation
 * switch). No current can pass; a re-press may reconnect (docs/assb.md §8). "" when some particle
 * is connected or no electrode has a contact law. The same on every rank. */
PetscErrorCode FvDiagnoseNoPath(FvProblem *p, Vec Y, PetscReal band, char *buf, size_t len);
