/* thermal_module.c -- a test-only temperature module: the T columns of the analytic Jacobian.
 *
 * Declares the slot "T" (so FvTemperature returns it and every module evaluates its properties
 * at it) and consumes the cells' heat (L->heat, heat_row = its own row, so the producers declare
 * the couplings, docs/modules.md §5) in a row with no conduction:
 *   C h dT/dt + K h (T - T_0) = heat      (heat = FvCell.heat [W m-2], T_0 the case's T)
 * C and K are chosen so the cell warms by a few kelvin over the test's phases. It is not the
 * thermal model of the program (no conduction, no boundaries); it exercises every T derivative
 * and every heat derivative of the registered modules. FvTestThermalCase gives every property of
 * a case a temperature dependence, so that each T path is nonzero.
 */
#include "module.h"
#include "thermal_module.h"

#define C_T 2e6 /* J m-3 K-1 */
#define K_T 1e4 /* W m-3 K-1: a relaxation to T_0 (keeps the row's own entries of order cj C h) */

typedef struct {
  PetscInt T;
} TestThermal;

static PetscErrorCode Layout(FvProblem *p, FvLayout *L, void **data) {
  TestThermal *x;
  (void)p;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&x));
  PetscCall(FvLayoutAddSlots(L, "T", 1, &x->T));
  L->heat     = PETSC_TRUE;
  L->heat_row = x->T;
  *data       = x;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Destroy(FvProblem *p, void *data) {
  (void)p;
  PetscFunctionBeginUser;
  PetscCall(PetscFree(data));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Residual(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data) {
  const TestThermal *x = data;
  (void)e;
  f[x->T] = C_T * c->h * c->yp[x->T] + K_T * c->h * (c->y[x->T] - p->model.T) - c->heat;
  return PETSC_SUCCESS;
}

static PetscErrorCode Jacobian(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data) {
  const TestThermal *x = data;
  (void)p;
  *FvBlockAt(b, x->T, x->T) += e->cj * C_T * c->h + K_T * c->h;
  for (PetscInt col = 0; col < b->W; col++)
    b->B[x->T * b->W + col] -= c->dheat[col];
  return PETSC_SUCCESS;
}

static PetscErrorCode SetId(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  (void)p, (void)c;
  v[((const TestThermal *)data)->T] = 1;
  return PETSC_SUCCESS;
}

static PetscErrorCode AbsTol(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                             void *data) {
  (void)p, (void)c;
  v[((const TestThermal *)data)->T] = rtol; /* 1 K */
  return PETSC_SUCCESS;
}

static PetscErrorCode Initial(FvProblem *p, const FvCell *c, PetscScalar *v, void *data) {
  (void)c;
  v[((const TestThermal *)data)->T] = p->model.T;
  return PETSC_SUCCESS;
}

static PetscErrorCode Guess(FvProblem *p, const FvGuess *gs, const FvCell *c, PetscScalar *v,
                            void *data) {
  (void)p, (void)gs, (void)c, (void)v, (void)data;
  return PETSC_SUCCESS; /* T is differential: kept */
}

const FvModule FvModuleTestThermal = {.name     = "test_thermal",
                                      .layout   = Layout,
                                      .destroy  = Destroy,
                                      .residual = Residual,
                                      .jacobian = Jacobian,
                                      .set_id   = SetId,
                                      .abstol   = AbsTol,
                                      .initial  = Initial,
                                      .guess    = Guess};

/* An activation energy on each property that has none (kept where the case gives one), an
 * entropic coefficient where there is none, and a film where there is none, so that every T
 * derivative of the modules is exercised. */
static void Arrhenius(FvProperty *pr, PetscReal Ea) {
  if (pr->kind == FV_PROP_UNSET || pr->Ea != 0) return;
  pr->Ea   = Ea;
  pr->Tref = 298.15;
}

void FvTestThermalCase(FvCase *c) {
  Arrhenius(&c->electrolyte.kappa, 20000);
  Arrhenius(&c->electrolyte.D, 25000);
  Arrhenius(&c->electrolyte.tplus, 3000);
  Arrhenius(&c->electrolyte.tdf, 2000);
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    FvRegion *r = &c->region[g];
    if (r->se.present) Arrhenius(&r->se.sigma, 30000);
    if (g == FV_SEP) continue;
    if (r->R_film_Ea == 0) r->R_film_Ea = 20000, r->R_film_Tref = 298.15;
    if (r->R_film == 0) r->R_film = 1e-3;
    if (r->metal) continue;
    Arrhenius(&r->Ds, 30000);
    Arrhenius(&r->k0, 35000);
    if (r->dUdT.kind == FV_PROP_UNSET) {
      r->dUdT.kind  = FV_PROP_CONST;
      r->dUdT.value = g == FV_NEG ? -2e-4 : 1e-4;
      r->dUdT.scale = 1;
    }
  }
}
