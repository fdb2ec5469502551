/* test_protocol.c -- the protocol step grammar (solver/protocol.c).
 *
 * A table of experiment strings -> expected steps (kind, control, SI set point with the sign
 * convention, each end condition in SI), a table of malformed steps that must be refused with
 * a message quoting the step, and the "step; step" list form.  Prints every comparison and
 * exits non-zero on any failure.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <petscsys.h>
#include "protocol.h"
#include "problem.h"

/* FvControl mirrors FvMode so a step's control can be used as the problem's mode. */
_Static_assert((int)FV_CTRL_CURRENT == (int)FV_MODE_CURRENT &&
                   (int)FV_CTRL_VOLTAGE == (int)FV_MODE_VOLTAGE &&
                   (int)FV_CTRL_POWER == (int)FV_MODE_POWER,
               "FvControl must follow FvMode");

#define ONE_C 30.0 /* 1C current density of the test cell [A m-2] */
#define RATE 2.0   /* substituted for {rate} */

enum { D = FV_STEP_DISCHARGE, C = FV_STEP_CHARGE, R = FV_STEP_REST, H = FV_STEP_HOLD };
enum { CI = FV_CTRL_CURRENT, CV = FV_CTRL_VOLTAGE, CP = FV_CTRL_POWER };
enum {
  VB = FV_END_VOLTAGE_BELOW,
  VA = FV_END_VOLTAGE_ABOVE,
  IB = FV_END_CURRENT_BELOW,
  T  = FV_END_TIME,
  Q  = FV_END_CAPACITY
};

typedef struct {
  const char *text;
  int kind, control;
  double value;
  int nend;
  struct {
    int kind;
    double value;
  } end[FV_MAX_END];
} Good;

static const Good good[] = {
    {"Discharge at 1C until 3.0 V", D, CI, 30, 1, {{VB, 3.0}}},
    {"Charge at C/3 until 4.2 V", C, CI, -10, 1, {{VA, 4.2}}},
    {"Discharge at 0.5C until 2.5 V", D, CI, 15, 1, {{VB, 2.5}}},
    {"Discharge at 2 mA/cm2 for 10 minutes", D, CI, 20, 1, {{T, 600}}},
    {"Charge at 24 A/m2 until 4.1 V", C, CI, -24, 1, {{VA, 4.1}}},
    {"Discharge at {rate} until 3.0 V", D, CI, 60, 1, {{VB, 3.0}}},
    {"Discharge at {rate}C until 3.0 V", D, CI, 60, 1, {{VB, 3.0}}},
    {"Rest for 1 hour", R, CI, 0, 1, {{T, 3600}}},
    {"Rest for 30 minutes", R, CI, 0, 1, {{T, 1800}}},
    {"Rest for 90 seconds", R, CI, 0, 1, {{T, 90}}},
    {"Rest for 2 h", R, CI, 0, 1, {{T, 7200}}},
    {"Hold at 4.2 V until C/50", H, CV, 4.2, 1, {{IB, 0.6}}},
    {"Hold at 4.2 V until 0.05 mA/cm2", H, CV, 4.2, 1, {{IB, 0.5}}},
    {"Hold at 4.2 V for 30 minutes", H, CV, 4.2, 1, {{T, 1800}}},
    {"Discharge at 5 W/m2 until 3.0 V", D, CP, 5, 1, {{VB, 3.0}}},
    {"Charge at 2 mW/cm2 until 4.2 V", C, CP, -20, 1, {{VA, 4.2}}},
    {"Discharge at 5 W/m2 until 3.0 V or until C/50", D, CP, 5, 2, {{VB, 3.0}, {IB, 0.6}}},
    {"Charge at 5 W/m2 until 4.2 V or 0.1 A/m2", C, CP, -5, 2, {{VA, 4.2}, {IB, 0.1}}},
    {"Discharge at 1C until 2 mAh/cm2", D, CI, 30, 1, {{Q, 72000}}},
    {"Charge at C/3 for 1 A h/m2", C, CI, -10, 1, {{Q, 3600}}},
    {"Discharge at 1C for 1 hour or until 3.0 V", D, CI, 30, 2, {{T, 3600}, {VB, 3.0}}},
    {"Hold at 4.2 V until C/50 or 2 hours", H, CV, 4.2, 2, {{IB, 0.6}, {T, 7200}}},
    {"Hold at 4.2 V until C/50 or 2 hours or 1 mAh/cm2",
     H,
     CV,
     4.2,
     3,
     {{IB, 0.6}, {T, 7200}, {Q, 36000}}},
    {"Discharge at 2 C until 3.0 V", D, CI, 60, 1, {{VB, 3.0}}},
    {"Charge at C/50 until 4.2 V", C, CI, -0.6, 1, {{VA, 4.2}}},
    {"Charge at 1 C until 4.2 V or for 90 minutes", C, CI, -30, 2, {{VA, 4.2}, {T, 5400}}},
    {"  discharge  AT  1C   UNTIL 3.0 V  ", D, CI, 30, 1, {{VB, 3.0}}},
    {"DISCHARGE at 1c until 3.0V", D, CI, 30, 1, {{VB, 3.0}}},
    {"Discharge at 1C until 3000 mV", D, CI, 30, 1, {{VB, 3.0}}},
    {"Discharge at 1C until 2.5 V or 1 hour", D, CI, 30, 2, {{VB, 2.5}, {T, 3600}}},
    {"Discharge at 0.5C for 30 min or until 2 mAh/cm2 or until 2.5 V",
     D,
     CI,
     15,
     3,
     {{T, 1800}, {Q, 72000}, {VB, 2.5}}},
    {"Discharge at 1e-3 A/cm2 until 3 V", D, CI, 10, 1, {{VB, 3.0}}},
    {"Discharge at 0.1 mW/cm2 until 3.0 V or until 0.01 mA/cm2",
     D,
     CP,
     1,
     2,
     {{VB, 3.0}, {IB, 0.1}}},
    {"Rest for 1 day", R, CI, 0, 1, {{T, 86400}}},
    {"Rest for 5 min", R, CI, 0, 1, {{T, 300}}},
    {"Rest for 1 minute", R, CI, 0, 1, {{T, 60}}},
    {"Rest for 10 s", R, CI, 0, 1, {{T, 10}}},
    {"Rest for 1 second", R, CI, 0, 1, {{T, 1}}},
    {"Rest for 1.5 hours", R, CI, 0, 1, {{T, 5400}}},
    {"Rest for 2 Hours", R, CI, 0, 1, {{T, 7200}}},
    {"Rest for 1 hour or 30 minutes", R, CI, 0, 2, {{T, 3600}, {T, 1800}}},
    {"Hold at 4100 mV for 1 h", H, CV, 4.1, 1, {{T, 3600}}},
    {"Discharge at 1C for 2 days", D, CI, 30, 1, {{T, 172800}}},
};

typedef struct {
  const char *text, *why; /* why: a fragment of the message */
  double rate;
} Bad;

static const Bad bad[] = {
    {"Dischrage at 1C until 3.0 V", "unknown step \"Dischrage\"", RATE},
    {"Discharge 1C until 3.0 V", "expected \"at\" after \"Discharge\"", RATE},
    {"Charge for 1 hour", "expected \"at\" after \"Charge\"", RATE},
    {"Hold at 1C until C/50", "a hold is at a voltage", RATE},
    {"Hold at 2 mA/cm2 for 1 hour", "a hold is at a voltage", RATE},
    {"Discharge at 3.0 V until 2.5 V", "not a voltage", RATE},
    {"Discharge at 10 minutes until 3 V", "expected a C-rate, current density or power", RATE},
    {"Discharge at 1C until C/50", "cannot end on a current", RATE},
    {"Discharge at 1C", "add \"until ...\" or \"for ...\"", RATE},
    {"Charge at C/3", "add \"until ...\" or \"for ...\"", RATE},
    {"Hold at 4.2 V", "needs an end condition", RATE},
    {"Rest 1 hour", "a rest needs \"for <duration>\"", RATE},
    {"Rest until 3.0 V", "a rest needs \"for <duration>\"", RATE},
    {"Rest for 3.0 V", "a rest ends only after a duration", RATE},
    {"Discharge at -1C until 3.0 V", "must be positive", RATE},
    {"Discharge at 0 mA/cm2 until 3.0 V", "must be positive", RATE},
    {"Charge at C/0 until 4.2 V", "must be positive", RATE},
    {"Rest for 0 s", "must be positive", RATE},
    {"Discharge at 1C until -3.0 V", "must be positive", RATE},
    {"Hold at 4.2 V until 4.1 V", "cannot end on a voltage", RATE},
    {"Discharge at 1C until 3.0 blorps", "unknown unit", RATE},
    {"Discharge at 1C until 3.0 m", "is not a C-rate, voltage", RATE},
    {"Discharge at 2 mA until 3.0 V", "is a current; give a current density", RATE},
    {"Charge at 5 W until 4.2 V", "is a power; give it per electrode area", RATE},
    {"Discharge at 1C until 2 mAh", "is a charge; give a capacity per electrode area", RATE},
    {"Discharge at 1C until 3.0 V please", "unexpected \"please\" after \"3.0 V\"", RATE},
    {"Discharge at 1C until 3.0 V 2", "unexpected \"2\" after \"3.0 V\"", RATE},
    {"Discharge at 1C until 3.0 V and 1 hour", "join end conditions with \"or\"", RATE},
    {"Discharge at 1C for 10 minutes (1 minute period)", "period specifications", RATE},
    {"Discharge at 1C for 3.0 V", "\"for\" takes a duration or a capacity", RATE},
    {"Discharge at 1C until 3.0 V or", "after \"or\"", RATE},
    {"Discharge at 1C until 3.0 V until 2.5 V", "expected \"or\" between end conditions", RATE},
    {"Discharge at 1C or until 3.0 V", "expected \"until\" or \"for\" before \"or\"", RATE},
    {"Discharge at until 3.0 V", "expected a set point after \"at\"", RATE},
    {"Discharge at 1C until 3 V or 2.5 V or 1 h or 2 h or 3 h", "more than 4 end", RATE},
    {"Discharge at 1C until 5 W/m2", "cannot end on a power", RATE},
    {"Discharge at 2 until 3.0 V", "has no unit", RATE},
    {"Discharge at fast until 3.0 V", "expected a number with a unit or a C-rate", RATE},
    {"Discharge at {rate} until 3.0 V", "no positive rate was given", 0},
    {"   ", "empty step", RATE},
};

static int Near(double a, double b) {
  return fabs(a - b) <= 1e-12 * fmax(1.0, fabs(b));
}

static const char *const kname[] = {"discharge", "charge", "rest", "hold"};
static const char *const cname[] = {"current", "voltage", "power"};
static const char *const ename[] = {"V_below", "V_above", "I_below", "time", "capacity"};

static PetscErrorCode CheckGood(FvUnits u, const Good *g, int *nfail) {
  FvProtocolStep s;
  PetscBool ok;
  char why[1024], desc[512];
  int fail = 0;

  PetscFunctionBeginUser;
  PetscCall(FvProtocolParseStep(u, g->text, ONE_C, RATE, &s, &ok, why, sizeof why));
  if (!ok) {
    printf("FAIL  \"%s\": refused: %s\n", g->text, why);
    (*nfail)++;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  fail |= (int)s.kind != g->kind || (int)s.control != g->control || !Near(s.value, g->value) ||
          (int)s.nend != g->nend;
  printf("%s  \"%s\"\n      kind %s (want %s), control %s (want %s), value %.15g (want %.15g), "
         "nend %d (want %d)\n",
         fail ? "FAIL" : "ok  ", g->text, kname[s.kind], kname[g->kind], cname[s.control],
         cname[g->control], (double)s.value, g->value, (int)s.nend, g->nend);
  for (int i = 0; i < g->nend && i < (int)s.nend; i++) {
    int f = (int)s.end[i].kind != g->end[i].kind || !Near(s.end[i].value, g->end[i].value);
    printf("      %s end %d: %s %.15g (want %s %.15g)\n", f ? "FAIL" : "ok  ", i,
           ename[s.end[i].kind], (double)s.end[i].value, ename[g->end[i].kind], g->end[i].value);
    fail |= f;
  }
  printf("      %s\n", FvProtocolDescribe(&s, desc, sizeof desc));
  *nfail += fail;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckBad(FvUnits u, const Bad *b, int *nfail) {
  FvProtocolStep s;
  PetscBool ok;
  char why[1024], quote[512];
  int fail;

  PetscFunctionBeginUser;
  PetscCall(FvProtocolParseStep(u, b->text, ONE_C, b->rate, &s, &ok, why, sizeof why));
  /* the message quotes the step as written (trimmed) */
  {
    const char *p = b->text, *e = b->text + strlen(b->text);
    while (*p == ' ')
      p++;
    while (e > p && e[-1] == ' ')
      e--;
    snprintf(quote, sizeof quote, "\"%.*s\"", (int)(e - p), p);
  }
  fail = ok || !strstr(why, quote) || !strstr(why, b->why);
  printf("%s  refuse \"%s\"\n      message: %s\n      (must quote the step and contain: %s)\n",
         fail ? "FAIL" : "ok  ", b->text, ok ? "(accepted!)" : why, b->why);
  *nfail += fail;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckLists(FvUnits u, int *nfail) {
  FvProtocolStep steps[8];
  PetscInt n;
  PetscBool ok;
  char why[1024];
  int f;
  const char *list = "Discharge at 1C until 3.0 V; Rest for 1 hour;\n Charge at C/3 until 4.2 V ;"
                     "Hold at 4.2 V until C/50 ;";

  PetscFunctionBeginUser;
  PetscCall(FvProtocolParseList(u, list, ONE_C, RATE, 8, steps, &n, &ok, why, sizeof why));
  f = !ok || n != 4 ||
      (ok && (steps[0].kind != FV_STEP_DISCHARGE || steps[1].kind != FV_STEP_REST ||
              steps[2].kind != FV_STEP_CHARGE || steps[3].kind != FV_STEP_HOLD ||
              strcmp(steps[2].text, "Charge at C/3 until 4.2 V")));
  printf("%s  list of 4 steps: ok %d, n %d, step 3 text \"%s\" %s\n", f ? "FAIL" : "ok  ", (int)ok,
         (int)n, ok ? steps[2].text : "", why);
  *nfail += f;

  PetscCall(FvProtocolParseList(u, "Discharge at 1C until 3.0 V; Rset for 1 hour", ONE_C, RATE, 8,
                                steps, &n, &ok, why, sizeof why));
  f = ok || !strstr(why, "step 2 \"Rset for 1 hour\"") || !strstr(why, "unknown step");
  printf("%s  list with a bad step 2: %s\n", f ? "FAIL" : "ok  ", why);
  *nfail += f;

  PetscCall(FvProtocolParseList(u, " ; ;\n", ONE_C, RATE, 8, steps, &n, &ok, why, sizeof why));
  f = ok || !strstr(why, "no steps");
  printf("%s  empty list: %s\n", f ? "FAIL" : "ok  ", why);
  *nfail += f;

  PetscCall(FvProtocolParseList(u, "Rest for 1 h; Rest for 2 h; Rest for 3 h", ONE_C, RATE, 2,
                                steps, &n, &ok, why, sizeof why));
  f = ok || !strstr(why, "more than 2 steps");
  printf("%s  too many steps: %s\n", f ? "FAIL" : "ok  ", why);
  *nfail += f;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckDescribe(FvUnits u, int *nfail) {
  FvProtocolStep s;
  PetscBool ok;
  char why[512], desc[512];
  const char *want = "charge: current -10 A m-2; ends V >= 4.2 V or t >= 5400 s";
  int f;

  PetscFunctionBeginUser;
  PetscCall(FvProtocolParseStep(u, "Charge at C/3 until 4.2 V or 90 minutes", ONE_C, RATE, &s, &ok,
                                why, sizeof why));
  f = !ok || strcmp(FvProtocolDescribe(&s, desc, sizeof desc), want);
  printf("%s  describe: \"%s\" (want \"%s\")\n", f ? "FAIL" : "ok  ", ok ? desc : why, want);
  *nfail += f;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Cell-level quantities with the cell's electrode area: A, mA, W and A h become per-area values
 * once, in the parser; without an area they are refused with a line naming cell.electrode_area. */
static PetscErrorCode CheckCellUnits(FvUnits u, int *nfail) {
  const PetscReal area = 0.1; /* m2 */
  FvProtocolStep s;
  PetscBool ok;
  char why[512];
  int f;
  PetscFunctionBeginUser;
  PetscCall(FvProtocolParseStepCell(u, "Discharge at 5 A until 2.5 A h or 3.0 V", ONE_C, RATE, area,
                                    &s, &ok, why, sizeof why));
  f = !ok || s.control != FV_CTRL_CURRENT || fabs(s.value - 50) > 1e-12 || s.nend != 2 ||
      s.end[0].kind != FV_END_CAPACITY || fabs(s.end[0].value - 2.5 * 3600 / area) > 1e-9;
  printf("%s  cell units: 5 A -> %g A m-2, 2.5 A h -> %g C m-2 %s\n", f ? "FAIL" : "ok  ",
         (double)s.value, (double)s.end[0].value, ok ? "" : why);
  *nfail += f;
  PetscCall(FvProtocolParseStepCell(u, "Charge at 500 mA until 4.2 V", ONE_C, RATE, area, &s, &ok,
                                    why, sizeof why));
  f = !ok || fabs(s.value + 5) > 1e-12;
  printf("%s  cell units: charge at 500 mA -> %g A m-2\n", f ? "FAIL" : "ok  ", (double)s.value);
  *nfail += f;
  PetscCall(FvProtocolParseStepCell(u, "Discharge at 2 W until 3.0 V", ONE_C, RATE, area, &s, &ok,
                                    why, sizeof why));
  f = !ok || s.control != FV_CTRL_POWER || fabs(s.value - 20) > 1e-12;
  printf("%s  cell units: 2 W -> %g W m-2\n", f ? "FAIL" : "ok  ", (double)s.value);
  *nfail += f;
  PetscCall(FvProtocolParseStepCell(u, "Discharge at 5 A until 3.0 V", ONE_C, RATE, 0, &s, &ok, why,
                                    sizeof why));
  f = ok || !strstr(why, "is a current") || !strstr(why, "cell.electrode_area");
  printf("%s  cell units without an area: %s\n", f ? "FAIL" : "ok  ", why);
  *nfail += f;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  FvUnits u;
  int nfail = 0, ng = (int)(sizeof good / sizeof good[0]), nb = (int)(sizeof bad / sizeof bad[0]);

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(FvUnitsCreate(&u));
  printf("# %d well-formed steps (1C = %g A m-2, {rate} = %g)\n", ng, ONE_C, RATE);
  for (int i = 0; i < ng; i++)
    PetscCall(CheckGood(u, &good[i], &nfail));
  printf("# %d malformed steps\n", nb);
  for (int i = 0; i < nb; i++)
    PetscCall(CheckBad(u, &bad[i], &nfail));
  printf("# lists and descriptions\n");
  PetscCall(CheckLists(u, &nfail));
  PetscCall(CheckDescribe(u, &nfail));
  PetscCall(CheckCellUnits(u, &nfail));
  PetscCall(FvUnitsDestroy(&u));
  printf("%s: %d failure(s)\n", nfail ? "FAILED" : "PASSED", nfail);
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
