/* test_jacobian.c -- the analytic Jacobian (FvProblemJacobian) against a finite-difference one.
 *
 * Usage: test_jacobian CASE.yaml [case overrides, e.g. -mesh_y_cells 3]
 *
 * Drives the case through phases that exercise every operating mode and both current
 * directions: a 1C discharge, a rest, a 1C charge, a voltage hold at the voltage reached and a
 * constant-power discharge at the 1C power (a phase that meets a cut-off at once is skipped, so a
 * cell that starts discharged is charged instead; a phase that fails at a physical limit ends
 * there). In every phase the Jacobian is checked at the
 * consistent state after the switch, after a few steps and at the end of the phase.
 *
 * The reference is a dense central difference of the residual over every unknown: column j is
 * (F(y + h e_j, y' + cj h e_j) - F(y - h e_j, y' - cj h e_j)) / 2h with h_j = 1e-6 times the
 * unknown's scale (its absolute tolerance at rtol 1, or |y_j| if larger); y' is the difference
 * quotient of the last two states, cj 1/(their time step). Every entry must satisfy
 *   |J_a - J_fd| <= 1e-6 max_row |J_fd| + 1e-14 max |J_fd|,
 * and |J_a - J_fd| <= 1e-5 |J_fd| + 1e-8 max_row |J_fd| (so that a small term cannot hide under
 * the row's largest entry), entries outside the preallocated pattern included (there J_a is 0).
 * Where the residual has a kink (the contact law's max(0, dg/dt)) and the perturbation crosses it,
 * the central difference is the mean of the one-sided slopes; there the analytic entry must match
 * one of the one-sided differences (to 1e-4 of it, 1e-8 of the row) instead. The largest ratio
 * |J_a - J_fd| / max_row |J_fd| is printed per state.
 */
#include "fvtest.h"
#include "integrator.h"
#include "example_module.h"
#include "thermal_module.h"

typedef struct {
  PetscInt row, col;
  PetscReal fd, an, fwd, bwd; /* central, analytic, one-sided forward and backward */
} Entry;

typedef struct {
  PetscInt states, bad_states;
  PetscReal worst;
  PetscInt fails, kinks;
} Stats;

/* Compare the analytic Jacobian at (Y, Yp, cj) with a dense central difference. */
static PetscErrorCode CheckState(FvProblem *p, Vec Y, Vec Yp, PetscReal cj, const char *label,
                                 Stats *s) {
  Mat J;
  Vec S, Yw, Ypw, Fp, Fm, F0, E, Ja;
  PetscInt n, ne = 0, cap = 1024, nfail = 0, nkink = 0;
  PetscReal *rowmax, gmax = 0, worst = 0;
  Entry *ent, wst = {0, 0, 0, 0, 0, 0};
  PetscBool bad, badp, badm;
  const PetscInt dof = p->model.dof;
  const PetscScalar *y, *sc;
  PetscFunctionBeginUser;
  PetscCall(DMCreateMatrix(p->mesh.da, &J));
  PetscCall(FvProblemJacobian(p, 0, Y, Yp, cj, J, &bad));
  if (bad) { /* an integrator state is inside the domain; a bad one is a failure */
    printf("  %-28s state outside the physical domain\n", label);
    s->bad_states++;
    PetscCall(MatDestroy(&J));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(VecGetSize(Y, &n));
  PetscCall(VecDuplicate(Y, &S));
  PetscCall(VecDuplicate(Y, &Yw));
  PetscCall(VecDuplicate(Y, &Ypw));
  PetscCall(VecDuplicate(Y, &Fp));
  PetscCall(VecDuplicate(Y, &Fm));
  PetscCall(VecDuplicate(Y, &F0));
  PetscCall(VecDuplicate(Y, &E));
  PetscCall(VecDuplicate(Y, &Ja));
  PetscCall(FvProblemSetAbsTol(p, 1.0, S));
  PetscCall(FvProblemResidual(p, 0, Y, Yp, F0, &badp));
  PetscCall(PetscMalloc1(cap, &ent));
  PetscCall(PetscCalloc1(n, &rowmax));
  PetscCall(VecGetArrayRead(Y, &y));
  PetscCall(VecGetArrayRead(S, &sc));
  for (PetscInt j = 0; j < n; j++) {
    const PetscReal h = 1e-6 * PetscMax(PetscAbsReal(y[j]), sc[j]);
    const PetscScalar *fp, *fm, *f0, *ja;
    PetscCall(VecCopy(Y, Yw));
    PetscCall(VecCopy(Yp, Ypw));
    PetscCall(VecSetValue(Yw, j, y[j] + h, INSERT_VALUES));
    PetscCall(VecSetValue(Ypw, j, cj * h, ADD_VALUES));
    PetscCall(VecAssemblyBegin(Yw));
    PetscCall(VecAssemblyEnd(Yw));
    PetscCall(VecAssemblyBegin(Ypw));
    PetscCall(VecAssemblyEnd(Ypw));
    PetscCall(FvProblemResidual(p, 0, Yw, Ypw, Fp, &badp));
    PetscCall(VecCopy(Yp, Ypw));
    PetscCall(VecSetValue(Yw, j, y[j] - h, INSERT_VALUES));
    PetscCall(VecSetValue(Ypw, j, -cj * h, ADD_VALUES));
    PetscCall(VecAssemblyBegin(Yw));
    PetscCall(VecAssemblyEnd(Yw));
    PetscCall(VecAssemblyBegin(Ypw));
    PetscCall(VecAssemblyEnd(Ypw));
    PetscCall(FvProblemResidual(p, 0, Yw, Ypw, Fm, &badm));
    PetscCheck(!badp && !badm, PETSC_COMM_SELF, PETSC_ERR_PLIB,
               "%s: a perturbation of %g of unknown %" PetscInt_FMT " (cell %" PetscInt_FMT
               ", dof %" PetscInt_FMT ") leaves the domain",
               label, (double)h, j, j / dof, j % dof);
    PetscCall(VecZeroEntries(E));
    PetscCall(VecSetValue(E, j, 1.0, INSERT_VALUES));
    PetscCall(VecAssemblyBegin(E));
    PetscCall(VecAssemblyEnd(E));
    PetscCall(MatMult(J, E, Ja));
    PetscCall(VecGetArrayRead(Fp, &fp));
    PetscCall(VecGetArrayRead(Fm, &fm));
    PetscCall(VecGetArrayRead(F0, &f0));
    PetscCall(VecGetArrayRead(Ja, &ja));
    for (PetscInt i = 0; i < n; i++) {
      const PetscReal fd = (fp[i] - fm[i]) / (2 * h);
      if (fd == 0 && ja[i] == 0) continue;
      if (ne == cap) PetscCall(PetscRealloc((cap *= 2) * sizeof *ent, &ent));
      ent[ne++] = (Entry){i, j, fd, ja[i], (fp[i] - f0[i]) / h, (f0[i] - fm[i]) / h};
      rowmax[i] = PetscMax(rowmax[i], PetscAbsReal(fd));
      gmax      = PetscMax(gmax, PetscAbsReal(fd));
    }
    PetscCall(VecRestoreArrayRead(Fp, &fp));
    PetscCall(VecRestoreArrayRead(Fm, &fm));
    PetscCall(VecRestoreArrayRead(F0, &f0));
    PetscCall(VecRestoreArrayRead(Ja, &ja));
  }
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscCall(VecRestoreArrayRead(S, &sc));
  for (PetscInt e = 0; e < ne; e++) {
    const Entry *x      = &ent[e];
    const PetscReal err = PetscAbsReal(x->an - x->fd);
    /* the row-scale bound, and an entry-scale one that a small missing term cannot hide under */
    const PetscReal tol =
        PetscMin(1e-6 * rowmax[x->row] + 1e-14 * gmax,
                 1e-5 * PetscAbsReal(x->fd) + 1e-8 * rowmax[x->row] + 1e-14 * gmax);
    const PetscReal rel = err / (rowmax[x->row] > 0 ? rowmax[x->row] : 1e-14 * gmax);
    /* at a kink of the residual (max(0, rate) of the contact law, a clamp) the central difference
     * averages the two one-sided slopes and the analytic Jacobian takes one of them: there a
     * one-sided difference (first order, hence the looser bound) is the reference */
    const PetscReal tol1 = 1e-8 * rowmax[x->row] + 1e-14 * gmax;
    const PetscBool kink =
        (PetscBool)(err > tol && PetscAbsReal(x->fwd - x->bwd) > tol &&
                    (PetscAbsReal(x->an - x->fwd) <= 1e-4 * PetscAbsReal(x->fwd) + tol1 ||
                     PetscAbsReal(x->an - x->bwd) <= 1e-4 * PetscAbsReal(x->bwd) + tol1));
    if (kink) {
      nkink++;
      continue;
    }
    if (rel > worst) worst = rel, wst = *x;
    if (err > tol) {
      if (nfail < 8)
        printf("    FAIL row %" PetscInt_FMT " (cell %" PetscInt_FMT " dof %" PetscInt_FMT
               ") col %" PetscInt_FMT " (cell %" PetscInt_FMT " dof %" PetscInt_FMT
               "): analytic %.10g fd %.10g row max %.3g\n",
               x->row, x->row / dof, x->row % dof, x->col, x->col / dof, x->col % dof,
               (double)x->an, (double)x->fd, (double)rowmax[x->row]);
      nfail++;
    }
  }
  printf("  %-28s n = %" PetscInt_FMT ", %" PetscInt_FMT
         " entries, worst %.2e (row dof %" PetscInt_FMT ", col dof %" PetscInt_FMT
         "), %" PetscInt_FMT " at kinks, %" PetscInt_FMT " over tolerance\n",
         label, n, ne, (double)worst, wst.row % dof, wst.col % dof, nkink, nfail);
  s->kinks += nkink;
  s->states++;
  s->fails += nfail;
  s->worst = PetscMax(s->worst, worst);
  PetscCall(PetscFree(ent));
  PetscCall(PetscFree(rowmax));
  PetscCall(VecDestroy(&S));
  PetscCall(VecDestroy(&Yw));
  PetscCall(VecDestroy(&Ypw));
  PetscCall(VecDestroy(&Fp));
  PetscCall(VecDestroy(&Fm));
  PetscCall(VecDestroy(&F0));
  PetscCall(VecDestroy(&E));
  PetscCall(VecDestroy(&Ja));
  PetscCall(MatDestroy(&J));
  PetscFunctionReturn(PETSC_SUCCESS);
}

typedef struct {
  const char *name;
  FvMode mode;
  PetscReal duration; /* s */
} Phase;

int main(int argc, char **argv) {
  FvCase c;
  FvProblem p;
  FvIntegrator ig;
  Vec Y, Yprev, Yp, Ygood;
  Stats s     = {0, 0, 0, 0, 0};
  int fails   = 0;
  PetscReal t = 0, V, Icell, Vlast = 0, Plast = 0;
  PetscBool example = PETSC_FALSE, thermal = PETSC_FALSE;
  const Phase phases[] = {{"discharge 1C", FV_MODE_CURRENT, 300},
                          {"rest", FV_MODE_CURRENT, 60},
                          {"charge 1C", FV_MODE_CURRENT, 240},
                          {"voltage hold", FV_MODE_VOLTAGE, 60},
                          {"power discharge", FV_MODE_POWER, 60}};
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc >= 2 && argv[1][0] != '-', PETSC_COMM_WORLD, PETSC_ERR_USER,
             "usage: test_jacobian CASE.yaml [overrides]");
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, argv[1], &c));
  printf("analytic vs finite-difference Jacobian: %s\n", argv[1]);
  PetscOptionsBegin(PETSC_COMM_WORLD, NULL, "test_jacobian", NULL);
  PetscCall(PetscOptionsBool("-example_module",
                             "run the worked example module of docs/modules.md after the "
                             "registered ones (its rows are checked with the others)",
                             NULL, example, &example, NULL));
  PetscCall(PetscOptionsBool("-jac_temperature",
                             "run a test temperature module (slot T, consuming the heat) after the "
                             "registered ones, with every property made temperature dependent "
                             "(tests/jacobian/thermal_module.c)",
                             NULL, thermal, &thermal, NULL));
  PetscOptionsEnd();
  if (thermal) {
    const FvModule *const extra[] = {&FvModuleTestThermal};
    FvTestThermalCase(&c);
    PetscCall(FvProblemCreateWith(PETSC_COMM_WORLD, &c, extra, 1, &p));
  } else if (example) {
    const FvModule *const extra[] = {&FvModuleExample};
    PetscCall(FvProblemCreateWith(PETSC_COMM_WORLD, &c, extra, 1, &p));
  } else
    PetscCall(FvProblemCreate(PETSC_COMM_WORLD, &c, &p));
  p.mode      = FV_MODE_CURRENT;
  p.set_point = c.one_c;
  PetscCall(FvIntegratorCreate(&p, &ig));
  PetscCall(FvIntegratorGetState(ig, &Y));
  PetscCall(VecDuplicate(Y, &Yprev));
  PetscCall(VecDuplicate(Y, &Yp));
  PetscCall(VecDuplicate(Y, &Ygood));
  for (size_t ph = 0; ph < sizeof phases / sizeof phases[0]; ph++) {
    const Phase *f = &phases[ph];
    FvStepStatus st;
    char msg[256], label[64];
    PetscInt nstep  = 0;
    PetscReal tprev = t, dt = 1;
    p.mode = f->mode;
    switch (ph) {
    case 0:
      p.set_point = c.one_c;
      break;
    case 1:
      p.set_point = 0;
      break;
    case 2:
      p.set_point = -c.one_c;
      break;
    case 3:
      p.set_point = Vlast;
      break;
    default:
      p.set_point = Plast;
      break;
    }
    PetscCall(FvIntegratorSetLimits(ig, f->mode == FV_MODE_VOLTAGE ? PETSC_NINFINITY : c.v_min,
                                    f->mode == FV_MODE_VOLTAGE ? PETSC_INFINITY : c.v_max,
                                    PETSC_NINFINITY, t + f->duration));
    PetscCall(VecCopy(Y, Ygood));
    PetscCall(FvIntegratorReset(ig, t, Y, &st, msg, sizeof msg));
    if (st == FV_STEP_FAIL) { /* from a fresh guess of the algebraic unknowns instead */
      PetscCall(VecCopy(Ygood, Y));
      PetscCall(FvProblemGuessAlgebraic(&p, Y));
      PetscCall(FvIntegratorReset(ig, t, Y, &st, msg, sizeof msg));
    }
    if (st != FV_STEP_OK) {
      PetscCall(VecCopy(Ygood, Y));
      printf("  %-28s skipped: %s\n", f->name, msg[0] ? msg : "beyond a cut-off at the start");
      continue;
    }
    PetscCall(VecZeroEntries(Yp)); /* at the switch: y' = 0, cj = 1 s-1 */
    snprintf(label, sizeof label, "%s, start", f->name);
    PetscCall(CheckState(&p, Y, Yp, 1.0, label, &s));
    while (st == FV_STEP_OK) {
      PetscCall(VecCopy(Y, Yprev));
      tprev = t;
      PetscCall(FvIntegratorStep(ig, &t, &st, msg, sizeof msg));
      if (st == FV_STEP_FAIL) break;
      dt = t - tprev;
      nstep++;
      if (nstep == 3 && st == FV_STEP_OK && dt > 0) {
        PetscCall(VecWAXPY(Yp, -1.0, Yprev, Y));
        PetscCall(VecScale(Yp, 1.0 / dt));
        snprintf(label, sizeof label, "%s, step 3", f->name);
        PetscCall(CheckState(&p, Y, Yp, 1.0 / dt, label, &s));
      }
    }
    /* a phase the cell cannot complete (a solver failure at a physical limit, with either
     * Jacobian) ends early; the state it failed at is at that limit and not checked */
    if (st == FV_STEP_FAIL) printf("  %-28s ended early: %s\n", f->name, msg);
    if (dt > 0 && st != FV_STEP_FAIL) {
      PetscCall(VecWAXPY(Yp, -1.0, Yprev, Y));
      PetscCall(VecScale(Yp, 1.0 / dt));
      snprintf(label, sizeof label, "%s, end (%" PetscInt_FMT " steps)", f->name, nstep);
      PetscCall(CheckState(&p, Y, Yp, 1.0 / dt, label, &s));
    }
    PetscCall(FvProblemVoltage(&p, Y, &V, &Icell));
    Vlast = V;
    Plast = V * c.one_c;
  }
  printf("%" PetscInt_FMT " states checked, worst relative error %.2e (limit 1e-6), %" PetscInt_FMT
         " entries at kinks, %" PetscInt_FMT " entries over tolerance, %" PetscInt_FMT
         " states outside the domain\n",
         s.states, (double)s.worst, s.kinks, s.fails, s.bad_states);
  FV_CHECK(s.states >= 4, "only %d states checked", (int)s.states);
  FV_CHECK(s.fails == 0, "%d entries over tolerance", (int)s.fails);
  FV_CHECK(s.bad_states == 0, "%d states outside the domain", (int)s.bad_states);
  PetscCall(VecDestroy(&Yprev));
  PetscCall(VecDestroy(&Yp));
  PetscCall(VecDestroy(&Ygood));
  PetscCall(FvIntegratorDestroy(&ig));
  PetscCall(FvProblemDestroy(&p));
  PetscCall(FvCaseDestroy(&c));
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
