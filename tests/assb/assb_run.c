/* assb_run.c -- a published cell's protocol for the ASSB tests and tools (see assb_run.h). */
#include <math.h>
#include "assb_run.h"

PetscErrorCode AssbLoadCase(MPI_Comm comm, const char *path, const char *opts, FvCase *c) {
  FvCaseOverrides ov = {PETSC_FALSE, NULL};
  PetscFunctionBeginUser;
  if (opts && opts[0]) {
    PetscCall(PetscOptionsCreate(&ov.extra));
    PetscCall(PetscOptionsInsertString(ov.extra, opts));
  }
  PetscCall(FvCaseLoadWith(comm, path, &ov, c, NULL, NULL, 0));
  if (ov.extra) PetscCall(PetscOptionsDestroy(&ov.extra));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode AssbRunProtocol(MPI_Comm comm, const FvCase *c, PetscReal rate, PetscInt ncycles,
                               FvObserver obs, void *ctx, FvRunResult *res) {
  FvProtocolStep steps[FV_MAX_PROTOCOL];
  FvUnits u;
  PetscFunctionBeginUser;
  PetscCheck(c->nprotocol > 0, comm, PETSC_ERR_USER, "%s: expected a protocol",
             c->path[0] ? c->path : c->name);
  if (!(rate > 0)) rate = c->rates[0];
  if (ncycles <= 0) ncycles = c->cycles;
  PetscCall(FvUnitsCreate(&u));
  for (PetscInt i = 0; i < c->nprotocol; i++) {
    PetscBool ok;
    char why[512];
    PetscCall(FvProtocolParseStepCell(u, c->protocol[i], c->one_c, rate, c->electrode_area,
                                      &steps[i], &ok, why, sizeof why));
    PetscCheck(ok, comm, PETSC_ERR_USER, "%s: %s", c->path[0] ? c->path : c->name, why);
  }
  PetscCall(FvUnitsDestroy(&u));
  PetscCall(FvRunSteps(comm, c, rate, steps, c->nprotocol, ncycles, obs, ctx, res));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscReal AssbActiveLoading(const FvCase *c) {
  const FvRegion *r = &c->region[FV_POS];
  return r->metal || r->rho_am <= 0 ? 0 : r->eps_am * r->thickness * r->rho_am;
}

PetscReal AssbCycleDischarge(const FvCase *c, const FvRunResult *res, PetscInt n) {
  const PetscReal m = AssbActiveLoading(c);
  /* A h m-2 / kg m-2 = A h kg-1 = mA h g-1 */
  return n >= 1 && n <= res->ncycles && m > 0 ? res->cycle_discharge[n - 1] / m : NAN;
}

PetscErrorCode AssbRunText(MPI_Comm comm, const FvCase *c, const char *text, PetscReal rate,
                           PetscInt ncycles, FvObserver obs, void *ctx, FvRunResult *res) {
  FvProtocolStep st[FV_MAX_PROTOCOL];
  PetscInt ns;
  PetscBool ok;
  char why[256];
  FvUnits u;
  PetscFunctionBeginUser;
  PetscCall(FvUnitsCreate(&u));
  PetscCall(
      FvProtocolParseList(u, text, c->one_c, rate, FV_MAX_PROTOCOL, st, &ns, &ok, why, sizeof why));
  PetscCall(FvUnitsDestroy(&u));
  PetscCheck(ok, comm, PETSC_ERR_PLIB, "protocol \"%.200s\": %s", text, why);
  PetscCall(PetscMemzero(res, sizeof *res));
  PetscCall(FvRunSteps(comm, c, rate, st, ns, ncycles, obs, ctx, res));
  PetscFunctionReturn(PETSC_SUCCESS);
}
