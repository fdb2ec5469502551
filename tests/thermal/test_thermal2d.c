/* test_thermal2d.c -- the thermal module on 2D/3D meshes, the heat map and a rest's temperature
 * end (solver/module_thermal.c, solver/run.c; docs/thermal.md §9-§11).
 *
 * The cell is cases/reference/marquis2019_lumped (PyBaMM's layers and cooling).
 *   -check edges_convective  x_resolved on a 2D mesh, every layer lambda = 1 W/m/K, the collector
 *   -check edges_fixed       faces insulated (h = 0) and the y faces convective (h = 10 W/m2/K) or
 *                            held at the ambient, a uniform source q: the steady T rows of the
 *                            module (its residual and Jacobian, solved directly) against the
 *                            analytic profile along y, T - T_amb = q y (L_y - y) / (2 lambda)
 *                            [+ q L_y / (2 h)], on 8, 16, 32 cells in y: observed order 2 (within
 *                            0.1); and the heat leaving through the y faces (the faces' G (T -
 *                            T_amb), G = 1/(dy/(2 lambda) + 1/h), docs/thermal.md §9) equals the
 *                            source q L_y L to 1e-10 on every mesh
 *   -check lumped2d          a 2C discharge, lumped, on the 1D mesh and on a y-uniform 2D mesh
 *                            (3 columns): the mean temperature at the same recorded times (an
 *                            output interval of 60 s) agrees to 1e-4 of the rise, and the end time
 *                            to 1e-6 (run with -fvcell_rtol 1e-8)
 *   -check heatmap           the heat map (FvThermalHeatMap) of a mid-discharge 1D state equals
 *                            FvProblemHeat's total per cell and over the cell to 1e-12; the state
 *                            copied to every column of a 2D mesh gives the same map in each
 *                            column and the same total, to 1e-12
 *   -check rest_cool         lumped: a cell 10 K above the ambient rests "until" 5 K above: the
 *                            end (a cool-down) is found at tau ln 2 to 1e-4; "Rest at <T_amb + 20
 *                            K> until <T_amb + 5 K>" from T_amb warms to it at tau ln(20/15);
 *                            the same cool-down end on a 2D x_resolved cell with cooled y faces
 *                            ends with the hottest control volume at the end temperature
 */
#include "fvtest.h"
#include "module.h"
#include "thermal.h"
#include "heat_profile.h"
#include "protocol.h"
#include <petscksp.h>
#include <stdio.h>

/* The steady T of the x_resolved rows with the verification source q on a ny-cell y mesh, solved
 * directly: A dT = -(F_q - F_0) with A the T x T block of the module's Jacobian at T = T_amb. The
 * error against the analytic profile and the heat through the y faces over the source. */
static PetscErrorCode EdgesSteady(FvCase *c, PetscInt ny, PetscReal q, PetscReal h, PetscReal *err,
                                  PetscReal *balance) {
  FvProblem p;
  Vec Y, Yp, F0, F1, b, x;
  Mat J, A;
  KSP ksp;
  PC pc;
  PetscBool bad;
  PetscInt M, dof, iT, n;
  const PetscReal lam = 1.0, Ly = c->mesh.Ly, Ta = c->thermal.T_amb;
  PetscReal dy, out = 0, in = 0;
  PetscScalar *y;
  const PetscScalar *f0, *f1, *xa;
  char buf[64];
  PetscFunctionBeginUser;
  c->mesh.ny = ny;
  PetscCall(FvProblemCreate(PETSC_COMM_WORLD, c, &p));
  M = p.mesh.M, dof = p.model.dof, iT = p.layout->T, n = M * ny, dy = p.mesh.dy;
  PetscCall(DMCreateGlobalVector(p.mesh.da, &Y));
  PetscCall(VecDuplicate(Y, &Yp));
  PetscCall(VecDuplicate(Y, &F0));
  PetscCall(VecDuplicate(Y, &F1));
  PetscCall(DMCreateMatrix(p.mesh.da, &J));
  PetscCall(FvProblemInitialState(&p, Y));
  PetscCall(VecGetArray(Y, &y));
  for (PetscInt o = 0; o < n; o++)
    y[o * dof + iT] = Ta;
  PetscCall(VecRestoreArray(Y, &y));
  PetscCall(VecSet(Yp, 0));
  p.ambient = Ta;
  PetscCall(FvProblemJacobian(&p, 0, Y, Yp, 0, J, &bad));
  PetscCall(FvProblemResidual(&p, 0, Y, Yp, F0, &bad));
  PetscCall(FvProblemDestroy(&p));
  snprintf(buf, sizeof buf, "%.17g", (double)q);
  PetscCall(PetscOptionsSetValue(NULL, "-fvcell_thermal_source", buf));
  PetscCall(FvProblemCreate(PETSC_COMM_WORLD, c, &p));
  PetscCall(PetscOptionsClearValue(NULL, "-fvcell_thermal_source"));
  p.ambient = Ta;
  PetscCall(FvProblemResidual(&p, 0, Y, Yp, F1, &bad));
  /* the T x T block (one rank: the global order is natural, dof interleaved) */
  PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, n, n, 5, NULL, &A));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, n, &b));
  PetscCall(VecDuplicate(b, &x));
  PetscCall(VecGetArrayRead(F0, &f0));
  PetscCall(VecGetArrayRead(F1, &f1));
  for (PetscInt j = 0; j < ny; j++)
    for (PetscInt i = 0; i < M; i++) {
      const PetscInt o = j * M + i, row = o * dof + iT;
      PetscInt nb[5], cols[5], nc = 0;
      PetscScalar v[5];
      nb[nc++] = o;
      if (i > 0) nb[nc++] = o - 1;
      if (i < M - 1) nb[nc++] = o + 1;
      if (j > 0) nb[nc++] = o - M;
      if (j < ny - 1) nb[nc++] = o + M;
      for (PetscInt k = 0; k < nc; k++)
        cols[k] = nb[k] * dof + iT;
      PetscCall(MatGetValues(J, 1, &row, nc, cols, v));
      PetscCall(MatSetValues(A, 1, &o, nc, nb, v, INSERT_VALUES));
      PetscCall(VecSetValue(b, o, -(f1[row] - f0[row]), INSERT_VALUES));
    }
  PetscCall(VecRestoreArrayRead(F0, &f0));
  PetscCall(VecRestoreArrayRead(F1, &f1));
  PetscCall(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
  PetscCall(VecAssemblyBegin(b));
  PetscCall(VecAssemblyEnd(b));
  PetscCall(KSPCreate(PETSC_COMM_SELF, &ksp));
  PetscCall(KSPSetOperators(ksp, A, A));
  PetscCall(KSPSetType(ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCSetType(pc, PCLU));
  PetscCall(KSPSolve(ksp, b, x));
  /* against the analytic profile; the heat through the y faces against the source */
  *err = 0;
  PetscCall(VecGetArrayRead(x, &xa));
  for (PetscInt j = 0; j < ny; j++)
    for (PetscInt i = 0; i < M; i++) {
      const PetscReal yc  = (j + 0.5) * dy;
      const PetscReal Tan = q * yc * (Ly - yc) / (2 * lam) + (h > 0 ? q * Ly / (2 * h) : 0);
      *err                = PetscMax(*err, PetscAbsReal(xa[j * M + i] - Tan));
    }
  {
    const PetscReal G = 1.0 / (0.5 * dy / lam + (h > 0 ? 1.0 / h : 0));
    for (PetscInt i = 0; i < M; i++) {
      out += G * (xa[i] + xa[(ny - 1) * M + i]) * p.mesh.h[i];
      in += q * Ly * p.mesh.h[i];
    }
  }
  PetscCall(VecRestoreArrayRead(x, &xa));
  *balance = (out - in) / in;
  printf("  %" PetscInt_FMT " x %" PetscInt_FMT " cells: max error %.4e K (rise at the centre "
         "%.6f K), (out - in)/in = %.2e\n",
         M, ny, (double)*err, (double)(q * Ly * Ly / (8 * lam) + (h > 0 ? q * Ly / (2 * h) : 0)),
         (double)*balance);
  PetscCall(KSPDestroy(&ksp));
  PetscCall(MatDestroy(&A));
  PetscCall(VecDestroy(&b));
  PetscCall(VecDestroy(&x));
  PetscCall(MatDestroy(&J));
  PetscCall(VecDestroy(&Y));
  PetscCall(VecDestroy(&Yp));
  PetscCall(VecDestroy(&F0));
  PetscCall(VecDestroy(&F1));
  PetscCall(FvProblemDestroy(&p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckEdges(FvCase *c, FvThermalEdgeKind kind, int *fails_) {
  int fails         = 0;
  const PetscReal q = 1e4, h = kind == FV_THERMAL_EDGE_CONVECTIVE ? 10 : 0;
  PetscReal e[3], bal[3];
  PetscFunctionBeginUser;
  c->thermal.model = FV_THERMAL_X_RESOLVED;
  c->thermal.face  = FV_THERMAL_FACE_CONVECTIVE;
  c->thermal.h     = 0; /* the collector faces insulated: the profile is along y only */
  for (PetscInt k = 0; k < FV_NLAYERS; k++)
    c->thermal.layer[k].conductivity = 1.0;
  c->thermal.edge[0].kind  = kind;
  c->thermal.edge[0].h     = h;
  c->thermal.edge[0].T_amb = 0;
  c->mesh.dim              = 2;
  c->mesh.Ly               = 1e-2;
  for (PetscInt rg = 0; rg < FV_NREGIONS; rg++)
    c->region[rg].ncells = 2;
  printf("steady x_resolved profile along y, q = %g W/m3, y faces %s:\n", (double)q,
         kind == FV_THERMAL_EDGE_CONVECTIVE ? "convective, h = 10 W/m2/K" : "held at the ambient");
  for (PetscInt s = 0; s < 3; s++)
    PetscCall(EdgesSteady(c, 8 << s, q, h, &e[s], &bal[s]));
  {
    const PetscReal o1 = PetscLog2Real(e[0] / e[1]), o2 = PetscLog2Real(e[1] / e[2]);
    printf("  observed order %.4f, %.4f\n", (double)o1, (double)o2);
    FV_CHECK(PetscAbsReal(o2 - 2) < 0.1, "observed order %g", (double)o2);
    FV_CHECK(e[2] < 1e-2 * q * 1e-4 / 8, "error %g K",
             (double)e[2]); /* 1 % of q L_y^2/(8 lambda) */
  }
  for (PetscInt s = 0; s < 3; s++)
    FV_CHECK(PetscAbsReal(bal[s]) <= 1e-10, "heat out - in: %g of the source", (double)bal[s]);
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

#define MAX_REC 4096
typedef struct {
  PetscInt n;
  PetscReal t[MAX_REC], Tmean[MAX_REC];
} Trace;

static PetscErrorCode ObserveMean(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  Trace *tr = ctx;
  PetscFunctionBeginUser;
  if (tr->n >= MAX_REC) PetscFunctionReturn(PETSC_SUCCESS);
  tr->t[tr->n] = rec->time;
  PetscCall(FvProblemMeanTemperature(p, Y, &tr->Tmean[tr->n]));
  tr->n++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckLumped2D(FvCase *c, int *fails_) {
  int fails = 0;
  FvRunResult r1, r2;
  Trace *t1, *t2;
  PetscReal worst = 0, rise = 0;
  PetscInt matched = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&t1));
  PetscCall(PetscNew(&t2));
  c->thermal.model = FV_THERMAL_LUMPED;
  PetscCall(PetscOptionsSetValue(NULL, "-fvcell_output_interval", "60"));
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, c, 2.0, ObserveMean, t1, &r1));
  c->mesh.dim = 2, c->mesh.ny = 3, c->mesh.Ly = 1e-4;
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, c, 2.0, ObserveMean, t2, &r2));
  PetscCall(PetscOptionsClearValue(NULL, "-fvcell_output_interval"));
  FV_CHECK(r1.ok && r2.ok, "%s / %s", r1.reason, r2.reason);
  for (PetscInt a = 0; a < t1->n; a++)
    rise = PetscMax(rise, PetscAbsReal(t1->Tmean[a] - t1->Tmean[0]));
  for (PetscInt a = 0, b = 0; a < t1->n && b < t2->n;) {
    if (PetscAbsReal(t1->t[a] - t2->t[b]) <= 1e-9 * (1 + t1->t[a])) {
      worst = PetscMax(worst, PetscAbsReal(t1->Tmean[a] - t2->Tmean[b]));
      matched++, a++, b++;
    } else if (t1->t[a] < t2->t[b])
      a++;
    else
      b++;
  }
  printf("2C lumped, 1D: %.6f s, T_end %.8f K; 2D (3 columns): %.6f s, T_end %.8f K; %" PetscInt_FMT
         " records at equal times, worst |T_1D - T_2D| %.3e K of a rise of %.4f K\n",
         (double)r1.t_end, (double)t1->Tmean[t1->n - 1], (double)r2.t_end,
         (double)t2->Tmean[t2->n - 1], matched, (double)worst, (double)rise);
  FV_CHECK(matched >= 10, "%" PetscInt_FMT " records at equal times", matched);
  FV_CHECK(worst <= 1e-4 * rise, "T differs by %g K", (double)worst);
  FV_CLOSE(r2.t_end, r1.t_end, 1e-6);
  PetscCall(FvRunResultReset(&r1));
  PetscCall(FvRunResultReset(&r2));
  PetscCall(PetscFree(t1));
  PetscCall(PetscFree(t2));
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* keeps a copy of the first state at or after t_keep */
typedef struct {
  PetscReal t_keep;
  Vec Y;
} Keep;

static PetscErrorCode ObserveKeep(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  Keep *k = ctx;
  (void)p;
  PetscFunctionBeginUser;
  if (k->Y || rec->time < k->t_keep) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(VecDuplicate(Y, &k->Y));
  PetscCall(VecCopy(Y, k->Y));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckHeatMap(FvCase *c, int *fails_) {
  int fails = 0;
  Keep keep = {600, NULL};
  FvRunResult r;
  FvProblem p1, p2;
  Vec Y1, Y2;
  PetscBool bad;
  PetscReal total[FV_NHEAT], tot1, tot2, *cellq, *q1, *q2, worst1 = 0, worst2 = 0, big = 0;
  PetscInt M, dof, ny = 3;
  const PetscScalar *a1;
  PetscScalar *a2;
  PetscFunctionBeginUser;
  c->thermal.model = FV_THERMAL_LUMPED;
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, c, 2.0, ObserveKeep, &keep, &r));
  FV_CHECK(r.ok && keep.Y, "the discharge did not reach t = 600 s: %s", r.reason);
  PetscCall(FvRunResultReset(&r));
  PetscCall(FvProblemCreate(PETSC_COMM_WORLD, c, &p1));
  M = p1.mesh.M, dof = p1.model.dof;
  PetscCall(DMCreateGlobalVector(p1.mesh.da, &Y1));
  PetscCall(VecCopy(keep.Y, Y1));
  PetscCall(PetscMalloc3(M * FV_NHEAT, &cellq, M, &q1, M * ny, &q2));
  PetscCall(FvProblemHeat(&p1, Y1, c->T, c->thermal.reaction_heat, cellq, total, &bad));
  FV_CHECK(!bad, "FvProblemHeat: bad state");
  PetscCall(FvThermalHeatMap(&p1, Y1, q1, &tot1, &bad));
  FV_CHECK(!bad, "FvThermalHeatMap (1D): bad state");
  for (PetscInt i = 0; i < M; i++) {
    big    = PetscMax(big, PetscAbsReal(cellq[i * FV_NHEAT + FV_HEAT_TOTAL]));
    worst1 = PetscMax(worst1, PetscAbsReal(q1[i] - cellq[i * FV_NHEAT + FV_HEAT_TOTAL]));
  }
  /* the same state in each of ny columns of a 2D mesh */
  c->mesh.dim = 2, c->mesh.ny = ny, c->mesh.Ly = 1e-4;
  PetscCall(FvProblemCreate(PETSC_COMM_WORLD, c, &p2));
  FV_CHECK(p2.model.dof == dof && p2.mesh.M == M, "2D dof %" PetscInt_FMT, p2.model.dof);
  PetscCall(DMCreateGlobalVector(p2.mesh.da, &Y2));
  PetscCall(VecGetArrayRead(Y1, &a1));
  PetscCall(VecGetArray(Y2, &a2));
  for (PetscInt j = 0; j < ny; j++)
    PetscCall(PetscArraycpy(a2 + j * M * dof, a1, M * dof));
  PetscCall(VecRestoreArrayRead(Y1, &a1));
  PetscCall(VecRestoreArray(Y2, &a2));
  PetscCall(FvThermalHeatMap(&p2, Y2, q2, &tot2, &bad));
  FV_CHECK(!bad, "FvThermalHeatMap (2D): bad state");
  for (PetscInt j = 0; j < ny; j++)
    for (PetscInt i = 0; i < M; i++)
      worst2 = PetscMax(worst2, PetscAbsReal(q2[j * M + i] - q1[i]));
  printf("2C at t = 600 s: heat %.10e W/m2 (FvProblemHeat), map %.10e W/m2 (1D), %.10e W/m2 (2D, "
         "%" PetscInt_FMT " columns); per cell |map - FvProblemHeat| %.2e, |2D - 1D| %.2e of %.4e "
         "W/m3\n",
         (double)total[FV_HEAT_TOTAL], (double)tot1, (double)tot2, ny, (double)worst1,
         (double)worst2, (double)big);
  FV_CHECK(total[FV_HEAT_TOTAL] > 0, "no heat");
  FV_CLOSE(tot1, total[FV_HEAT_TOTAL], 1e-12);
  FV_CLOSE(tot2, total[FV_HEAT_TOTAL], 1e-12);
  FV_CHECK(worst1 <= 1e-12 * big && worst2 <= 1e-12 * big, "per cell %g, %g of %g", (double)worst1,
           (double)worst2, (double)big);
  PetscCall(PetscFree3(cellq, q1, q2));
  PetscCall(VecDestroy(&Y1));
  PetscCall(VecDestroy(&Y2));
  PetscCall(VecDestroy(&keep.Y));
  PetscCall(FvProblemDestroy(&p1));
  PetscCall(FvProblemDestroy(&p2));
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* one protocol step of text on case c */
static PetscErrorCode RunStep(const FvCase *c, const char *text, FvRunResult *res) {
  FvUnits u;
  FvProtocolStep st;
  PetscBool ok;
  char why[512];
  PetscFunctionBeginUser;
  PetscCall(FvUnitsCreate(&u));
  PetscCall(FvProtocolParseStep(u, text, c->one_c, 1.0, &st, &ok, why, sizeof why));
  PetscCall(FvUnitsDestroy(&u));
  PetscCheck(ok, PETSC_COMM_SELF, PETSC_ERR_PLIB, "\"%s\" refused: %s", text, why);
  PetscCall(FvRunSteps(PETSC_COMM_WORLD, c, 1.0, &st, 1, 1, NULL, NULL, res));
  PetscFunctionReturn(PETSC_SUCCESS);
}

typedef struct {
  PetscReal Tmax;
} Last;

static PetscErrorCode ObserveMax(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  Last *l = ctx;
  (void)rec;
  PetscFunctionBeginUser;
  PetscCall(FvProblemMaxTemperature(p, Y, &l->Tmax));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A lumped rest from T0 with the step text: the end at the analytic time tstar to tol. */
static PetscErrorCode RestEnd(FvCase *c, PetscReal T0, const char *text, PetscReal tstar,
                              PetscReal tol, int *fails_) {
  int fails = 0;
  FvRunResult res;
  PetscFunctionBeginUser;
  c->T = T0;
  PetscCall(RunStep(c, text, &res));
  printf("\"%s\" from %.2f K: ended at t = %.8f s (analytic %.8f s): %s\n", text, (double)T0,
         (double)res.t_end, (double)tstar, res.reason);
  FV_CHECK(res.ok && res.end == FV_STEP_END_TEMPERATURE, "%s", res.reason);
  FV_CLOSE(res.t_end, tstar, tol);
  PetscCall(FvRunResultReset(&res));
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckRestCool(FvCase *c, int *fails_) {
  int fails          = 0;
  const PetscReal Ta = c->thermal.T_amb;
  FvThermalStack ts;
  FvRunResult res;
  PetscReal tau, rtol = 1e-6;
  char text[128];
  PetscFunctionBeginUser;
  c->thermal.model = FV_THERMAL_LUMPED;
  PetscCall(FvThermalStackCompute(c, &ts));
  tau = ts.heat_capacity / (c->thermal.h * c->thermal.cooling_ratio);
  /* a cool-down from 10 K above the ambient until 5 K above, and a warm-up at an ambient 20 K
   * above from the ambient until 5 K above; at the test's rtol with a duration (IDA's first step
   * is 1e-3 of the step's span: from the 48 h bound of a rest without one it fails the error test
   * at rtol <= 1e-7, as any long rest from a hot start does), then on their own at rtol 1e-6 */
  snprintf(text, sizeof text, "Rest for 1 hour or until %.10g K", (double)(Ta + 5));
  PetscCall(RestEnd(c, Ta + 10, text, tau * PetscLogReal(2.0), 1e-4, &fails));
  snprintf(text, sizeof text, "Rest at %.10g K for 1 hour or until %.10g K", (double)(Ta + 20),
           (double)(Ta + 5));
  PetscCall(RestEnd(c, Ta, text, tau * PetscLogReal(20.0 / 15.0), 1e-4, &fails));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-fvcell_rtol", &rtol, NULL));
  PetscCall(PetscOptionsSetValue(NULL, "-fvcell_rtol", "1e-6"));
  snprintf(text, sizeof text, "Rest until %.10g K", (double)(Ta + 5));
  PetscCall(RestEnd(c, Ta + 10, text, tau * PetscLogReal(2.0), 1e-3, &fails));
  snprintf(text, sizeof text, "Rest at %.10g K until %.10g K", (double)(Ta + 20), (double)(Ta + 5));
  PetscCall(RestEnd(c, Ta, text, tau * PetscLogReal(20.0 / 15.0), 1e-3, &fails));
  /* a 2D x_resolved cell cooled through its y faces: the hottest volume reaches the end */
  {
    FvProtocolStep st;
    FvUnits u;
    PetscBool ok;
    char why[512];
    Last last                = {0};
    c->thermal.model         = FV_THERMAL_X_RESOLVED;
    c->thermal.edge[0].kind  = FV_THERMAL_EDGE_CONVECTIVE;
    c->thermal.edge[0].h     = 100;
    c->thermal.edge[0].T_amb = 0;
    c->mesh.dim = 2, c->mesh.ny = 4, c->mesh.Ly = 1e-3;
    c->T = Ta + 10;
    snprintf(text, sizeof text, "Rest until %.10g K", (double)(Ta + 5));
    PetscCall(FvUnitsCreate(&u));
    PetscCall(FvProtocolParseStep(u, text, c->one_c, 1.0, &st, &ok, why, sizeof why));
    PetscCall(FvUnitsDestroy(&u));
    FV_CHECK(ok, "%s", why);
    PetscCall(FvRunSteps(PETSC_COMM_WORLD, c, 1.0, &st, 1, 1, ObserveMax, &last, &res));
    printf("2D x_resolved, y faces cooled: \"%s\" from %.2f K: t = %.4f s, hottest %.8f K: %s\n",
           text, (double)c->T, (double)res.t_end, (double)last.Tmax, res.reason);
    FV_CHECK(res.ok && res.end == FV_STEP_END_TEMPERATURE, "%s", res.reason);
    FV_CHECK(PetscAbsReal(last.Tmax - (Ta + 5)) < 1e-6 * 5, "hottest %g K at the end",
             (double)last.Tmax);
    PetscCall(FvRunResultReset(&res));
  }
  {
    char buf[32];
    snprintf(buf, sizeof buf, "%g", (double)rtol);
    PetscCall(PetscOptionsSetValue(NULL, "-fvcell_rtol", buf));
  }
  *fails_ += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  FvCase c;
  char check[64] = "";
  int fails      = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-check", check, sizeof check, NULL));
  PetscCall(PetscOptionsClearValue(NULL, "-check"));
  PetscCall(FvTestLoadReference("marquis2019_lumped", &c));
  if (!strcmp(check, "edges_convective"))
    PetscCall(CheckEdges(&c, FV_THERMAL_EDGE_CONVECTIVE, &fails));
  else if (!strcmp(check, "edges_fixed"))
    PetscCall(CheckEdges(&c, FV_THERMAL_EDGE_FIXED, &fails));
  else if (!strcmp(check, "lumped2d"))
    PetscCall(CheckLumped2D(&c, &fails));
  else if (!strcmp(check, "heatmap"))
    PetscCall(CheckHeatMap(&c, &fails));
  else if (!strcmp(check, "rest_cool"))
    PetscCall(CheckRestCool(&c, &fails));
  else
    FV_CHECK(0, "unknown -check '%s'", check);
  PetscCall(FvCaseDestroy(&c));
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
