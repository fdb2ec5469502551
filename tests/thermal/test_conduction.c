/* test_conduction.c -- the conduction operator of the x-resolved model (models/heat.c (T10):
 * FvHeatConductionFace, FvHeatBoundaryFlux) on the five layers of the Marquis2019 cell
 * (cases/reference/marquis2019_lumped.yaml with thermal.model x_resolved: PyBaMM's densities,
 * specific heats and conductivities, 25 um collectors).
 *
 *  -check steady   a steady state with a fixed source per layer (0, 3e4, 1e4, 5e4, 0 W/m3) and
 *                  convective faces (1e4 W/m2/K: a strong coolant keeps the linear system well
 *                  conditioned, see Solve) against the analytic piecewise-quadratic profile,
 *                  on 4 ... 128 cells a layer: the observed order of the max error at the cell
 *                  centres is >= 1.9; and with fixed-temperature faces;
 *  -check lumped   lambda -> infinity (every conductivity x 1e3): a transient with the same
 *                  sources (implicit Euler, 600 s) matches the lumped model (T11) with
 *                  m c_p = sum rho c_p L (T14) and both faces cooled (cooling ratio 2) to 1e-6 of
 *                  the rise, the cells stay uniform, and the stored plus the cooled heat equals the
 *                  heat released (to 1e-6: the round-off of the solves of this stiff system).
 */
#include <stdlib.h>
#include "fvtest.h"
#include "heat.h"
#include "thermal.h"

#define NL FV_NLAYERS
static const PetscReal qlayer[NL] = {0, 3e4, 1e4, 5e4, 0};

typedef struct {
  PetscInt n; /* cells */
  PetscReal *h, *lam, *rc, *q, *x;
  FvThermalFace face;
  PetscReal htc, Tamb;
} Mesh1;

static PetscErrorCode MeshCreate(const FvThermalStack *ts, PetscInt per, PetscReal lscale,
                                 Mesh1 *m) {
  PetscReal x0 = 0;
  PetscFunctionBeginUser;
  m->n = per * NL;
  PetscCall(PetscMalloc5(m->n, &m->h, m->n, &m->lam, m->n, &m->rc, m->n, &m->q, m->n, &m->x));
  for (PetscInt k = 0, i = 0; k < NL; k++)
    for (PetscInt c = 0; c < per; c++, i++) {
      m->h[i]   = ts->thickness[k] / per;
      m->lam[i] = ts->lambda[k] * lscale;
      m->rc[i]  = ts->density[k] * ts->cp[k];
      m->q[i]   = qlayer[k];
      m->x[i]   = x0 + (c + 0.5) * m->h[i];
      if (c == per - 1) x0 += ts->thickness[k];
    }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Row i of the steady balance: outflow - source (per x-face area) [W m-2]. */
static PetscReal Row(const Mesh1 *m, const PetscReal *T, PetscInt i) {
  const PetscInt n = m->n;
  const PetscReal Fl =
      i == 0 ? FvHeatBoundaryFlux(m->face, -1, m->h[0], m->lam[0], T[0], m->htc, m->Tamb)
             : FvHeatConductionFace(m->h[i - 1], m->lam[i - 1], m->h[i], m->lam[i], T[i - 1], T[i]);
  const PetscReal Fr =
      i == n - 1
          ? FvHeatBoundaryFlux(m->face, +1, m->h[n - 1], m->lam[n - 1], T[n - 1], m->htc, m->Tamb)
          : FvHeatConductionFace(m->h[i], m->lam[i], m->h[i + 1], m->lam[i + 1], T[i], T[i + 1]);
  return Fr - Fl - m->q[i] * m->h[i];
}

/* Solve (diag(cap/dt) + A) T = rhs with A the linear operator of Row (its tridiagonal found from
 * unit perturbations: the operator is linear) by the Thomas algorithm in long double: the system is
 * badly conditioned (a collector's lambda/h ~ 1e9 W/m2/K against h = 10 W/m2/K at the faces), and
 * double precision would floor the error near 1e-7 K, above the finest meshes' discretisation
 * error; cap NULL: steady. */
static PetscErrorCode Solve(const Mesh1 *m, const PetscReal *cap, PetscReal dt,
                            const PetscReal *Told, PetscReal *T) {
  const PetscInt n = m->n;
  long double *a, *b, *c, *d;
  PetscReal *z;
  PetscFunctionBeginUser;
  a = (long double *)malloc(4 * (size_t)n * sizeof(long double));
  PetscCheck(a, PETSC_COMM_SELF, PETSC_ERR_MEM, "out of memory");
  b = a + n, c = b + n, d = c + n;
  PetscCall(PetscCalloc1(n, &z));
  for (PetscInt i = 0; i < n; i++) {
    const PetscReal r0 = Row(m, z, i);
    a[i] = c[i] = 0;
    for (PetscInt j = PetscMax(0, i - 1); j <= PetscMin(n - 1, i + 1); j++) {
      PetscReal v;
      z[j] = 1;
      v    = Row(m, z, i) - r0;
      z[j] = 0;
      if (j == i - 1)
        a[i] = v;
      else if (j == i)
        b[i] = v;
      else
        c[i] = v;
    }
    d[i] = -r0;
    if (cap) {
      b[i] += (long double)cap[i] / dt;
      d[i] += (long double)cap[i] / dt * Told[i];
    }
  }
  for (PetscInt i = 1; i < n; i++) { /* Thomas */
    const long double w = a[i] / b[i - 1];
    b[i] -= w * c[i - 1];
    d[i] -= w * d[i - 1];
  }
  d[n - 1] /= b[n - 1];
  for (PetscInt i = n - 2; i >= 0; i--)
    d[i] = (d[i] - c[i] * d[i + 1]) / b[i];
  for (PetscInt i = 0; i < n; i++)
    T[i] = (PetscReal)d[i];
  free(a);
  PetscCall(PetscFree(z));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The exact steady profile at x: -d/dx(lam dT/dx) = q piecewise, flux F = F0 + int_0^x q,
 * T = T0 - int_0^x F/lam; F0 and T0 from the two faces. */
static PetscReal Exact(const FvThermalStack *ts, FvThermalFace face, PetscReal htc, PetscReal Tamb,
                       PetscReal x) {
  PetscReal G = 0, H = 0, Qc = 0, GL, HL, Qt, u, F0, x0 = 0, Gx = 0, Hx = 0;
  for (int k = 0; k < NL; k++) { /* totals over the cell and up to x */
    const PetscReal L = ts->thickness[k], lam = ts->lambda[k], q = qlayer[k];
    if (x > x0) {
      const PetscReal s = PetscMin(x - x0, L);
      Gx                = G + s / lam;
      Hx                = H + (Qc * s + 0.5 * q * s * s) / lam;
    }
    G += L / lam;
    H += (Qc * L + 0.5 * q * L * L) / lam;
    Qc += q * L;
    x0 += L;
  }
  GL = G, HL = H, Qt = Qc;
  if (face == FV_THERMAL_FACE_FIXED) { /* T(0) = T(L) = Tamb: 0 = -F0 GL - HL */
    F0 = -HL / GL;
    return Tamb - F0 * Gx - Hx;
  }
  /* F0 = -htc u, F0 + Qt = htc (u - F0 GL - HL), u = T0 - Tamb */
  u  = (Qt + htc * HL) / (2 * htc + htc * htc * GL);
  F0 = -htc * u;
  return Tamb + u - F0 * Gx - Hx;
}

static PetscErrorCode LoadLayers(FvThermalStack *ts, FvCase *c) {
  char path[FV_PATH_LEN];
  PetscFunctionBeginUser;
  snprintf(path, sizeof path, "%s/cases/reference/marquis2019_lumped.yaml", FVCELL_SOURCE_DIR);
  PetscCall(PetscOptionsSetValue(NULL, "-thermal_model", "x_resolved"));
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, c));
  PetscCall(PetscOptionsClearValue(NULL, "-thermal_model"));
  PetscCall(FvThermalStackCompute(c, ts));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckSteady(int *nfail) {
  int fails = 0;
  FvCase c;
  FvThermalStack ts;
  PetscFunctionBeginUser;
  PetscCall(LoadLayers(&ts, &c));
  for (int f = 0; f < 2; f++) {
    const FvThermalFace face = f ? FV_THERMAL_FACE_FIXED : FV_THERMAL_FACE_CONVECTIVE;
    PetscReal err[6], rise = 0;
    for (int r = 0; r < 6; r++) {
      Mesh1 m;
      PetscReal *T;
      PetscCall(MeshCreate(&ts, 4 << r, 1.0, &m));
      /* in theta = T - T_amb (the operator is linear and shift-invariant): the convective
       * system's condition number is large (collector lambda/h against h), so the unknowns are
       * kept O(rise) instead of O(300 K) */
      m.face = face, m.htc = 1e4, m.Tamb = 0;
      PetscCall(PetscMalloc1(m.n, &T));
      PetscCall(Solve(&m, NULL, 0, NULL, T));
      err[r] = 0;
      for (PetscInt i = 0; i < m.n; i++) {
        const PetscReal e = Exact(&ts, face, m.htc, 0, m.x[i]);
        err[r]            = PetscMax(err[r], PetscAbsReal(T[i] - e));
        rise              = PetscMax(rise, e - m.Tamb);
      }
      if (r > 0)
        printf("%s faces, %3" PetscInt_FMT " cells a layer: max error %.3e K (rise %.4g K), "
               "observed order %.3f\n",
               f ? "fixed" : "convective", m.n / NL, (double)err[r], (double)rise,
               (double)(log(err[r - 1] / err[r]) / log(2.0)));
      PetscCall(PetscFree(T));
      PetscCall(PetscFree5(m.h, m.lam, m.rc, m.q, m.x));
    }
    FV_CHECK(log(err[4] / err[5]) / log(2.0) >= 1.9, "observed order %g",
             (double)(log(err[4] / err[5]) / log(2.0)));
    FV_CHECK(err[5] < 1e-3 * rise, "error %g of a %g K rise", (double)err[5], (double)rise);
  }
  PetscCall(FvCaseDestroy(&c));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckLumped(int *nfail) {
  int fails = 0;
  FvCase c;
  FvThermalStack ts;
  Mesh1 m;
  PetscReal *T, *cap, Tl, Qtot = 0, mcp = 0, cooled = 0, stored = 0, spread = 0;
  const PetscReal dt    = 1.0;
  const PetscInt nsteps = 600;
  PetscFunctionBeginUser;
  PetscCall(LoadLayers(&ts, &c));
  PetscCall(MeshCreate(&ts, 8, 1e3, &m));
  m.face = FV_THERMAL_FACE_CONVECTIVE, m.htc = c.thermal.h, m.Tamb = 0; /* theta = T - T_amb */
  PetscCall(PetscMalloc2(m.n, &T, m.n, &cap));
  for (PetscInt i = 0; i < m.n; i++) {
    T[i]   = m.Tamb;
    cap[i] = m.rc[i] * m.h[i];
    Qtot += m.q[i] * m.h[i];
  }
  mcp = ts.heat_capacity;
  FV_CLOSE(mcp, 498.164225, 1e-12);
  Tl = m.Tamb;
  for (PetscInt s = 0; s < nsteps; s++) {
    PetscCall(Solve(&m, cap, dt, T, T));
    /* lumped, both faces cooled: m c_p (Tl' - Tl)/dt = Q - 2 h (Tl' - T_amb) */
    Tl = (mcp / dt * Tl + Qtot + 2 * m.htc * m.Tamb) / (mcp / dt + 2 * m.htc);
    cooled += dt * (-FvHeatBoundaryFlux(m.face, -1, m.h[0], m.lam[0], T[0], m.htc, m.Tamb) +
                    FvHeatBoundaryFlux(m.face, +1, m.h[m.n - 1], m.lam[m.n - 1], T[m.n - 1], m.htc,
                                       m.Tamb));
  }
  {
    PetscReal Tmean = 0, lo = T[0], hi = T[0];
    for (PetscInt i = 0; i < m.n; i++) {
      Tmean += cap[i] * T[i];
      stored += cap[i] * (T[i] - m.Tamb);
      lo = PetscMin(lo, T[i]);
      hi = PetscMax(hi, T[i]);
    }
    Tmean /= mcp;
    spread = hi - lo;
    printf("lambda x 1e3, %g s: x-resolved mean rise %.9f K, lumped %.9f K, difference "
           "%.3e K, spread over the cells %.3e K\n",
           (double)(nsteps * dt), (double)Tmean, (double)Tl, (double)(Tmean - Tl), (double)spread);
    printf("energy: released %.10g J/m2, stored %.10g, cooled %.10g, difference %.3e\n",
           (double)(Qtot * nsteps * dt), (double)stored, (double)cooled,
           (double)(Qtot * nsteps * dt - stored - cooled));
    FV_CHECK(PetscAbsReal(Tmean - Tl) <= 1e-6 * (Tl - m.Tamb), "x-resolved %g vs lumped %g",
             (double)Tmean, (double)Tl);
    FV_CHECK(spread <= 1e-6 * (Tl - m.Tamb), "spread %g", (double)spread);
    FV_CHECK(PetscAbsReal(Qtot * nsteps * dt - stored - cooled) <= 1e-6 * Qtot * nsteps * dt,
             "energy");
  }
  PetscCall(PetscFree2(T, cap));
  PetscCall(PetscFree5(m.h, m.lam, m.rc, m.q, m.x));
  PetscCall(FvCaseDestroy(&c));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char check[64] = "steady";
  int nfail      = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-check", check, sizeof check, NULL));
  PetscCall(PetscOptionsClearValue(NULL, "-check"));
  if (!strcmp(check, "steady"))
    PetscCall(CheckSteady(&nfail));
  else if (!strcmp(check, "lumped"))
    PetscCall(CheckLumped(&nfail));
  else {
    printf("unknown -check %s\n", check);
    nfail++;
  }
  printf("%s: %s\n", check, nfail ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
