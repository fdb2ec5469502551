/* test_p3d.c -- pseudo-3D cells: 2D and 3D domains on the same residual as 1D.
 *
 * One check per invocation:
 *   -check uniform    a 2D (ny = 3) and a 3D (2 x 2) domain with uniform fields reproduce the 1D
 *                     voltage curve of the same cell (DUALFOIL 1C discharge and the ASSB cell's
 *                     C/2 discharge): max |V_nD - V_1D| over the 1D output times < 2e-5 V and the
 *                     capacities agree to 1e-5 relative
 *   -check focusing   Li | LPS | composite in 2D with a void patch at the Li | SE interface: the
 *                     local current density at the contact edge exceeds the mean, and the edge
 *                     peak converges with refinement in y (successive changes shrink)
 *   -check conservation  the 3D random composite (random SE fraction and radii) and the 2D cell
 *                     with voids: lithium into the particles equals the charge passed / F to 1e-9
 *                     over 10 minutes at 1C; the SE inventory does not change
 */
#include <stdlib.h>
#include <string.h>
#include "fvtest.h"

static int fails = 0;

typedef struct {
  PetscInt n, cap;
  PetscReal *t, *V;
} Curve;

static PetscErrorCode ObserveCurve(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  Curve *cv = (Curve *)ctx;
  (void)p;
  (void)Y;
  PetscFunctionBeginUser;
  if (cv->n == cv->cap) {
    cv->cap = cv->cap ? 2 * cv->cap : 256;
    PetscCall(PetscRealloc(cv->cap * sizeof(PetscReal), &cv->t));
    PetscCall(PetscRealloc(cv->cap * sizeof(PetscReal), &cv->V));
  }
  cv->t[cv->n] = rec->time;
  cv->V[cv->n] = rec->voltage;
  cv->n++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscReal Interp(const Curve *cv, PetscReal t) {
  if (t <= cv->t[0]) return cv->V[0];
  for (PetscInt i = 1; i < cv->n; i++)
    if (cv->t[i] >= t) {
      const PetscReal a = (t - cv->t[i - 1]) / (cv->t[i] - cv->t[i - 1] + 1e-300);
      return (1 - a) * cv->V[i - 1] + a * cv->V[i];
    }
  return cv->V[cv->n - 1];
}

static PetscErrorCode Load(const char *file, FvCase *c) {
  char path[FV_PATH_LEN];
  PetscFunctionBeginUser;
  if (file) {
    snprintf(path, sizeof path, "%s/%s", FVCELL_SOURCE_DIR, file);
    PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, c));
  } else
    PetscCall(FvCaseLoadDefault(PETSC_COMM_WORLD, c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static void SetMesh(FvCase *c, PetscInt dim, PetscInt ny, PetscInt nz) {
  c->mesh.dim = dim;
  c->mesh.ny  = ny;
  c->mesh.nz  = nz;
  c->mesh.Ly  = 20e-6 * ny;
  c->mesh.Lz  = 20e-6 * nz;
}

/* ---- uniform ------------------------------------------------------------------------------ */
static PetscErrorCode CheckUniformCase(const char *file, PetscReal rate) {
  const PetscInt dims[3][3] = {{1, 1, 1}, {2, 3, 1}, {3, 2, 2}};
  Curve cv[3];
  FvRunResult res[3];
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(cv, sizeof cv));
  PetscCall(PetscMemzero(res, sizeof res));
  for (PetscInt d = 0; d < 3; d++) {
    FvCase c;
    PetscCall(Load(file, &c));
    /* the ASSB case is as fabricated (fully lithiated): start it charged */
    if (c.region[FV_POS].sto_window[1] > 0) c.region[FV_POS].sto0 = c.region[FV_POS].sto_window[0];
    SetMesh(&c, dims[d][0], dims[d][1], dims[d][2]);
    PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, rate, ObserveCurve, &cv[d], &res[d]));
    PetscCall(FvCaseDestroy(&c));
  }
  for (PetscInt d = 1; d < 3; d++) {
    PetscReal worst = 0, dcap;
    for (PetscInt i = 0; i < cv[0].n; i++)
      if (cv[0].t[i] <= cv[d].t[cv[d].n - 1])
        worst = PetscMax(worst, PetscAbsReal(Interp(&cv[d], cv[0].t[i]) - cv[0].V[i]));
    dcap = PetscAbsReal(res[d].dis_capacity - res[0].dis_capacity) / res[0].dis_capacity;
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "uniform %s %" PetscInt_FMT "D: capacity %.8g vs 1D %.8g (rel %.2e), "
                          "max |dV| %.3e V, %.2f s vs %.2f s\n",
                          file ? file : "dualfoil", dims[d][0], (double)res[d].dis_capacity,
                          (double)res[0].dis_capacity, (double)dcap, (double)worst,
                          (double)res[d].solve_time, (double)res[0].solve_time));
    if (!(worst < 2e-5) || !(dcap < 1e-5)) {
      fails++;
      PetscCall(
          PetscPrintf(PETSC_COMM_WORLD, "FAIL: %" PetscInt_FMT "D differs from 1D\n", dims[d][0]));
    }
  }
  for (PetscInt d = 0; d < 3; d++) {
    PetscCall(PetscFree(cv[d].t));
    PetscCall(PetscFree(cv[d].V));
    PetscCall(FvRunResultReset(&res[d]));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* One protocol step from its text at the case's 1C (the checks run single timed steps). */
static PetscErrorCode ParseStep(const FvCase *c, const char *text, FvProtocolStep *st) {
  PetscInt ns;
  PetscBool ok;
  char why[256];
  FvUnits u;
  PetscFunctionBeginUser;
  PetscCall(FvUnitsCreate(&u));
  PetscCall(FvProtocolParseList(u, text, c->one_c, 1.0, 1, st, &ns, &ok, why, sizeof why));
  PetscCall(FvUnitsDestroy(&u));
  PetscCheck(ok, PETSC_COMM_SELF, PETSC_ERR_PLIB, "%s", why);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- focusing ----------------------------------------------------------------------------- */
typedef struct {
  PetscInt n;
  PetscReal *y, *j, Icell; /* interface current density at the end of the run, cell current */
} Interface;

static PetscErrorCode ObserveInterface(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  Interface *it   = (Interface *)ctx;
  const FvMesh *g = &p->mesh;
  const PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCheck(g->xs == 0 && g->ym == g->ny, PETSC_COMM_SELF, PETSC_ERR_SUP, "serial check");
  PetscCall(VecGetArrayRead(Y, &a));
  for (PetscInt j = 0; j < g->ny; j++) {
    it->y[j] = (j + 0.5) * g->dy;
    it->j[j] = a[FvMeshOwned(g, 0, j, 0) * p->model.dof + FV_JN];
  }
  it->n     = g->ny;
  it->Icell = rec->current_density;
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Li | LPS | composite in 2D, Ly = 40 um, a void over y < 20 um of the Li face: after 60 s at
 * 1C the current through the contacting half must peak at the contact edge above both the cell
 * current and the contacting half's mean (2 I), and the peak and the current 1-3 um from the
 * edge must converge as the mesh is refined in y (ny = 10, 20, 40, 80; x graded towards the
 * interface). */
static PetscErrorCode CheckFocusing(void) {
  const PetscInt nys[4] = {10, 20, 40, 80};
  PetscReal peak[4], band[4];
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsSetValue(NULL, "-positive_cells", "6"));
  PetscCall(PetscOptionsSetValue(NULL, "-positive_particle_shells", "4"));
  PetscCall(PetscOptionsSetValue(NULL, "-separator_cells", "10"));
  for (PetscInt r = 0; r < 4; r++) {
    FvCase c;
    FvRunResult res;
    FvProtocolStep st[1];
    Interface it;
    PetscReal mean_contact = 0, nb = 0;
    PetscCall(PetscMemzero(&res, sizeof res));
    PetscCall(Load("cases/p3d_li_interface_voids.yaml", &c));
    c.mesh.ny                                = nys[r];
    c.mesh.Ly                                = 40e-6;
    c.region[FV_NEG].contact_map.kind        = FV_FIELDSPEC_PATCHES;
    c.region[FV_NEG].contact_map.npatches    = 1;
    c.region[FV_NEG].contact_map.value       = 0;
    c.region[FV_NEG].contact_map.background  = 1;
    c.region[FV_NEG].contact_map.patch[0][0] = -1;
    c.region[FV_NEG].contact_map.patch[0][1] = 20e-6;
    c.region[FV_NEG].contact_map.patch[0][2] = -1;
    c.region[FV_NEG].contact_map.patch[0][3] = 1;
    PetscCall(PetscMalloc2(nys[r], &it.y, nys[r], &it.j));
    PetscCall(ParseStep(&c, "Discharge at 1C for 60 seconds", st));
    PetscCall(FvRunSteps(PETSC_COMM_WORLD, &c, 1.0, st, 1, 1, ObserveInterface, &it, &res));
    peak[r] = 0;
    band[r] = 0;
    for (PetscInt j = 0; j < it.n; j++) {
      if (it.y[j] > 20e-6) mean_contact += it.j[j] / (it.n / 2);
      peak[r] = PetscMax(peak[r], it.j[j]);
      if (it.y[j] > 21e-6 && it.y[j] < 23e-6) band[r] += it.j[j], nb++;
    }
    band[r] /= nb;
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "focusing ny = %3d: I = %.4g A/m2, contacting mean %.4g, edge peak %.4g "
                          "(%.3f I), 1-3 um from the edge %.4g; %s\n",
                          (int)nys[r], (double)it.Icell, (double)mean_contact, (double)peak[r],
                          (double)(peak[r] / it.Icell), (double)band[r], res.reason));
    if (!(peak[r] > 1.05 * mean_contact) || !(mean_contact > 1.9 * it.Icell) || !res.ok) {
      fails++;
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: no focusing at the contact edge\n"));
    }
    PetscCall(PetscFree2(it.y, it.j));
    PetscCall(FvRunResultReset(&res));
    PetscCall(FvCaseDestroy(&c));
  }
  {
    const PetscReal d1 = PetscAbsReal(peak[1] - peak[0]), d2 = PetscAbsReal(peak[2] - peak[1]),
                    d3 = PetscAbsReal(peak[3] - peak[2]);
    const PetscReal b1 = PetscAbsReal(band[2] - band[1]), b2 = PetscAbsReal(band[3] - band[2]);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "peak changes %.3g, %.3g, %.3g (ratios %.2f, %.2f); band changes %.3g, "
                          "%.3g\n",
                          (double)d1, (double)d2, (double)d3, (double)(d2 / d1), (double)(d3 / d2),
                          (double)b1, (double)b2));
    if (!(d2 < d1) || !(d3 < d2) || !(b2 < b1)) {
      fails++;
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: the edge current does not converge\n"));
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- conservation ------------------------------------------------------------------------- */
typedef struct {
  PetscInt n;
  PetscReal ne0, ns0, ne, ns, q; /* inventories [mol m-2] first and last, charge passed [C m-2] */
} Inventory;

static PetscErrorCode ObserveInventory(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx) {
  Inventory *iv = (Inventory *)ctx;
  PetscReal ne, ns;
  PetscFunctionBeginUser;
  PetscCall(FvProblemInventory(p, Y, &ne, &ns));
  if (iv->n++ == 0) iv->ne0 = ne, iv->ns0 = ns;
  iv->ne = ne, iv->ns = ns, iv->q = rec->capacity * 3600.0;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The 3D random composite (random SE fraction and radii, so eps_am, a and the shells vary cell by
 * cell) and the 2D cell with voids: over 10 minutes at 1C the lithium that entered the particles
 * equals the charge passed / F to 1e-9, and the SE inventory does not change. */
static PetscErrorCode CheckConservation(const char *file, PetscInt dim, PetscInt ny, PetscInt nz) {
  FvCase c;
  FvRunResult res;
  FvProtocolStep st[1];
  Inventory iv;
  PetscReal moved, expect, drift;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&res, sizeof res));
  PetscCall(PetscMemzero(&iv, sizeof iv));
  PetscCall(Load(file, &c));
  c.mesh.dim = dim, c.mesh.ny = ny, c.mesh.nz = nz;
  c.mesh.Ly = 5e-6 * ny, c.mesh.Lz = 5e-6 * nz;
  PetscCall(ParseStep(&c, "Discharge at 1C for 10 minutes", st));
  PetscCall(FvRunSteps(PETSC_COMM_WORLD, &c, 1.0, st, 1, 1, ObserveInventory, &iv, &res));
  moved  = iv.ns - iv.ns0;
  expect = iv.q / c.F;
  drift  = PetscAbsReal(moved - expect) / expect;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "conservation %s (%dD): Li into particles %.12g mol/m2, charge/F %.12g "
                        "(rel %.2e); SE inventory change %.2e relative; %s\n",
                        file, (int)dim, (double)moved, (double)expect, (double)drift,
                        (double)(PetscAbsReal(iv.ne - iv.ne0) / iv.ne0), res.reason));
  if (!(drift < 1e-9) || !(PetscAbsReal(iv.ne - iv.ne0) < 1e-12 * iv.ne0) || !res.ok) {
    fails++;
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: lithium not conserved\n"));
  }
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char check[64] = "";
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-check", check, sizeof check, NULL));
  /* records at the same times in every run, so curves compare without interpolation error */
  PetscCall(PetscOptionsSetValue(NULL, "-fvcell_output_interval", "20"));
  if (!strcmp(check, "uniform")) {
    PetscCall(CheckUniformCase(NULL, 1.0));
    PetscCall(CheckUniformCase("cases/assb_nmc811_lps_li.yaml", 0.5));
  } else if (!strcmp(check, "focusing")) {
    PetscCall(CheckFocusing());
  } else if (!strcmp(check, "conservation")) {
    PetscCall(PetscOptionsSetValue(NULL, "-positive_cells", "6"));
    PetscCall(PetscOptionsSetValue(NULL, "-separator_cells", "4"));
    PetscCall(PetscOptionsSetValue(NULL, "-positive_particle_shells", "4"));
    PetscCall(CheckConservation("cases/p3d_assb_random_composite.yaml", 3, 3, 3));
    PetscCall(CheckConservation("cases/p3d_li_interface_voids.yaml", 2, 12, 1));
  } else {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "unknown -check %s\n", check));
    fails++;
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAILED" : "PASSED"));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
