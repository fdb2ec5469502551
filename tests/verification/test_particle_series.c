/* test_particle_series.c -- the particle operator against the analytic series solution.
 *
 * A sphere of radius R, uniform c0, constant outward molar flux J from t = 0 (Carslaw &
 * Jaeger, Conduction of Heat in Solids, 2nd ed., §9.3; Crank, The Mathematics of Diffusion,
 * eq. 6.44). Surface concentration, with tau = D t / R^2 and lambda_n the positive roots of
 * tan(lambda) = lambda:
 *   c_s(tau) = c0 - (J R / D) [3 tau + 1/5 - 2 sum_n exp(-lambda_n^2 tau) / lambda_n^2].
 * The shells (FvParticleResidual, FvParticleSurface) are integrated with Crank-Nicolson at a
 * step small enough that the time error is negligible; the relative error of c0 - c_s must
 * be below 0.5 % at N = 40 shells and fall with N at second order for tau >= 0.05.
 */
#include <math.h>
#include <petscsys.h>
#include "p2d.h"

#define NMAX 200

static PetscReal SeriesSurface(PetscReal tau) { /* bracket in the formula above */
  PetscReal s = 0;
  for (int n = 1; n <= 2000; n++) {
    PetscReal l = (n + 0.5) * PETSC_PI - 1e-3; /* Newton from just below (n + 1/2) pi */
    for (int it = 0; it < 100; it++) {
      const PetscReal f = tan(l) - l, df = 1 / (cos(l) * cos(l)) - 1;
      const PetscReal dl = f / df;
      l -= dl;
      if (fabs(dl) < 1e-15 * l) break;
    }
    s += exp(-l * l * tau) / (l * l);
  }
  return 3 * tau + 0.2 - 2 * s;
}

static void Tridiag(PetscInt n, PetscReal *a, PetscReal *b, PetscReal *c, PetscReal *d,
                    PetscReal *x) {
  for (PetscInt i = 1; i < n; i++) {
    const PetscReal w = a[i] / b[i - 1];
    b[i] -= w * c[i - 1];
    d[i] -= w * d[i - 1];
  }
  x[n - 1] = d[n - 1] / b[n - 1];
  for (PetscInt i = n - 2; i >= 0; i--)
    x[i] = (d[i] - c[i] * x[i + 1]) / b[i];
}

/* Relative error of c0 - c_surf at each tau in taus. */
static void Run(PetscInt N, PetscReal q, const PetscReal *taus, int ntau, PetscReal *err) {
  FvModel m;
  FvRegionModel r;
  PetscReal rf[NMAX + 1], vol[NMAX], c[NMAX], zero[NMAX], res0[NMAX], A[3][NMAX], b[NMAX];
  const PetscReal R = 5e-6, D = 1e-14, jn = 5.0, c0 = 2e4, J = jn / 96485.33212;
  PetscMemzero(&m, sizeof m);
  PetscMemzero(&r, sizeof r);
  m.F = 96485.33212, m.R = 8.314462618, m.T = 298.15, m.FRT = m.F / (m.R * m.T);
  r.electrode = PETSC_TRUE, r.nshells = N, r.R = R, r.dr = R / N, r.n = 1, r.c_max = 5e4;
  r.rface = rf, r.vol = vol;
  { /* widths proportional to q^-k, as in p2d_model.c (q = 1: equal shells) */
    PetscReal w = 1, sum = 0;
    rf[0] = 0;
    for (PetscInt k = 0; k < N; k++, w /= q)
      sum += w, rf[k + 1] = sum;
    for (PetscInt k = 0; k <= N; k++)
      rf[k] *= R / sum;
  }
  for (PetscInt k = 0; k < N; k++)
    vol[k] = (pow(rf[k + 1], 3) - pow(rf[k], 3)) / 3, c[k] = c0, zero[k] = 0;
  FvPropertySetConstant(&r.Ds, "Ds", D);
  FvPropertySetUp(&r.Ds);
  /* residual(c) = A c + b with cs_t = 0: read A off by unit perturbations (D constant) */
  FvParticleResidual(&m, &r, zero, zero, jn, res0);
  for (PetscInt k = 0; k < N; k++)
    b[k] = res0[k], A[0][k] = A[1][k] = A[2][k] = 0;
  for (PetscInt j = 0; j < N; j++) {
    PetscReal e[NMAX], res[NMAX];
    for (PetscInt k = 0; k < N; k++)
      e[k] = (k == j);
    FvParticleResidual(&m, &r, e, zero, jn, res);
    for (PetscInt k = PetscMax(0, j - 1); k <= PetscMin(N - 1, j + 1); k++)
      A[1 + j - k][k] = res[k] - res0[k];
  }
  /* A[0][k]: coefficient of c[k-1] in row k; A[1][k]: diagonal; A[2][k]: of c[k+1] */
  {
    const PetscReal tend = taus[ntau - 1] * R * R / D, dt = tend / 20000;
    PetscReal t = 0;
    int next    = 0;
    while (next < ntau) {
      PetscReal lo[NMAX], di[NMAX], up[NMAX], rhs[NMAX];
      for (PetscInt k = 0; k < N; k++) {
        /* vol (c1 - c0)/dt + A (c1 + c0)/2 + b = 0 */
        lo[k] = 0.5 * A[0][k], di[k] = vol[k] / dt + 0.5 * A[1][k], up[k] = 0.5 * A[2][k];
        rhs[k] = vol[k] / dt * c[k] - b[k] -
                 0.5 * (A[1][k] * c[k] + (k ? A[0][k] * c[k - 1] : 0) +
                        (k < N - 1 ? A[2][k] * c[k + 1] : 0));
      }
      Tridiag(N, lo, di, up, rhs, c);
      t += dt;
      if (t >= taus[next] * R * R / D * (1 - 1e-12)) {
        PetscReal cs, ex = (J * R / D) * SeriesSurface(taus[next]);
        FvParticleSurface(&m, &r, c, jn, &cs);
        err[next] = fabs((c0 - cs) - ex) / ex;
        next++;
      }
    }
  }
  FvPropertyDestroy(&r.Ds);
}

int main(int argc, char **argv) {
  const PetscReal taus[4] = {0.05, 0.1, 0.25, 0.5};
  PetscReal e20[4], e40[4], e80[4];
  int fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  Run(20, 1.0, taus, 4, e20);
  Run(40, 1.0, taus, 4, e40);
  Run(80, 1.0, taus, 4, e80);
  printf("constant-flux sphere: relative error of c0 - c_surf against the series solution\n");
  printf("   tau      N=20        N=40        N=80     order(40->80)\n");
  for (int i = 0; i < 4; i++) {
    const PetscReal p = log(e40[i] / e80[i]) / log(2.0);
    printf("  %5.2f  %.3e   %.3e   %.3e   %.2f\n", (double)taus[i], (double)e20[i], (double)e40[i],
           (double)e80[i], (double)p);
    if (e40[i] > 5e-3 || p < 1.8) fail = 1;
  }
  {
    /* graded shells (particle_grading): 20 shells at q = 1.1 must beat 20 equal shells, and a
     * consistent refinement (N doubled, q square-rooted) must still converge at order >= 1.8 */
    PetscReal g20[4], g40[4];
    Run(20, 1.1, taus, 4, g20);
    Run(40, PetscSqrtReal(1.1), taus, 4, g40);
    printf("graded shells: N=20 q=1.1 vs equal, and N=40 q=sqrt(1.1)\n");
    for (int i = 0; i < 4; i++) {
      const PetscReal p = log(g20[i] / g40[i]) / log(2.0);
      printf("  %5.2f  graded %.3e (equal %.3e)   %.3e   order %.2f\n", (double)taus[i],
             (double)g20[i], (double)e20[i], (double)g40[i], (double)p);
      if (g20[i] > e20[i] || p < 1.8) fail = 1;
    }
  }
  printf(fail ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fail;
}
