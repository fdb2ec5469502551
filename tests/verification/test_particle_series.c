/* test_particle_series.c -- the particle operator against the analytic series solution.
 *
 * A sphere of radius R, uniform c0, constant outward molar flux J from t = 0 (Carslaw &
 * Jaeger, Conduction of Heat in Solids, 2nd ed., §9.3; Crank, The Mathematics of Diffusion,
 * eq. 6.44). Surface concentration, with tau = D t / R^2 and lambda_n the positive roots of
 * tan(lambda) = lambda:
 *   c_s(tau) = c0 - (J R / D) [3 tau + 1/5 - 2 sum_n exp(-lambda_n^2 tau) / lambda_n^2].
 * The particle operator (FvParticleResidual, FvParticleSurface) is integrated with Crank-Nicolson
 * at a step small enough that the time error is negligible. Finite volumes: the relative error of
 * c0 - c_s must be below 0.5 % at N = 40 shells and fall with N at second order for tau >= 0.05.
 * Spectral: the error must fall exponentially with N (see main) and be below 1e-6 at N = 10.
 */
#include <math.h>
#include <petscsys.h>
#include "p2d.h"

#define NMAX 80

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

/* LU factorisation with partial pivoting (n x n, row-major, in place) and solve. */
static void LUFactor(PetscInt n, PetscReal *A, PetscInt *piv) {
  for (PetscInt k = 0; k < n; k++) {
    PetscInt p = k;
    for (PetscInt i = k + 1; i < n; i++)
      if (fabs(A[i * n + k]) > fabs(A[p * n + k])) p = i;
    piv[k] = p;
    if (p != k)
      for (PetscInt j = 0; j < n; j++) {
        const PetscReal t = A[k * n + j];
        A[k * n + j] = A[p * n + j], A[p * n + j] = t;
      }
    for (PetscInt i = k + 1; i < n; i++) {
      A[i * n + k] /= A[k * n + k];
      for (PetscInt j = k + 1; j < n; j++)
        A[i * n + j] -= A[i * n + k] * A[k * n + j];
    }
  }
}
static void LUSolve(PetscInt n, const PetscReal *A, const PetscInt *piv, PetscReal *b) {
  for (PetscInt k = 0; k < n; k++) {
    const PetscReal t = b[piv[k]];
    b[piv[k]] = b[k], b[k] = t;
    for (PetscInt i = k + 1; i < n; i++)
      b[i] -= A[i * n + k] * b[k];
  }
  for (PetscInt k = n - 1; k >= 0; k--) {
    for (PetscInt j = k + 1; j < n; j++)
      b[k] -= A[k * n + j] * b[j];
    b[k] /= A[k * n + k];
  }
}

/* Relative error of c0 - c_surf at each tau in taus, scheme disc with N unknowns (grading q for
 * finite volumes). */
static PetscErrorCode Run(FvParticleDisc disc, PetscInt N, PetscReal q, const PetscReal *taus,
                          int ntau, PetscReal *err) {
  FvModel m;
  FvRegionModel r;
  static PetscReal A[NMAX * NMAX], L[NMAX * NMAX];
  PetscReal c[NMAX], zero[NMAX], res0[NMAX], b[NMAX];
  PetscInt piv[NMAX];
  const PetscReal R = 5e-6, D = 1e-14, jn = 5.0, c0 = 2e4, J = jn / 96485.33212;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&m, sizeof m));
  PetscCall(PetscMemzero(&r, sizeof r));
  m.F = 96485.33212, m.R = 8.314462618, m.T = 298.15, m.FRT = m.F / (m.R * m.T);
  r.electrode = PETSC_TRUE, r.n = 1, r.c_max = 5e4;
  PetscCall(FvParticleSetUp(&r, disc, N, R, q));
  for (PetscInt k = 0; k < N; k++)
    c[k] = c0, zero[k] = 0;
  PetscCall(FvPropertySetConstant(&r.Ds, "Ds", D));
  PetscCall(FvPropertySetUp(&r.Ds));
  /* residual(c) = A c + b with cs_t = 0: read A off by unit perturbations (D constant) */
  FvParticleResidual(&m, &r, zero, zero, jn, res0);
  for (PetscInt k = 0; k < N; k++)
    b[k] = res0[k];
  for (PetscInt j = 0; j < N; j++) {
    PetscReal e[NMAX], res[NMAX];
    for (PetscInt k = 0; k < N; k++)
      e[k] = (k == j);
    FvParticleResidual(&m, &r, e, zero, jn, res);
    for (PetscInt k = 0; k < N; k++)
      A[k * N + j] = res[k] - res0[k];
  }
  {
    /* Crank-Nicolson: (vol/dt + A/2) c1 = (vol/dt - A/2) c0 - b, factored once */
    const PetscReal tend = taus[ntau - 1] * R * R / D, dt = tend / 20000;
    PetscReal t = 0;
    int next    = 0;
    for (PetscInt k = 0; k < N; k++)
      for (PetscInt j = 0; j < N; j++)
        L[k * N + j] = 0.5 * A[k * N + j] + (k == j ? r.vol[k] / dt : 0);
    LUFactor(N, L, piv);
    while (next < ntau) {
      PetscReal rhs[NMAX];
      for (PetscInt k = 0; k < N; k++) {
        rhs[k] = r.vol[k] / dt * c[k] - b[k];
        for (PetscInt j = 0; j < N; j++)
          rhs[k] -= 0.5 * A[k * N + j] * c[j];
      }
      LUSolve(N, L, piv, rhs);
      for (PetscInt k = 0; k < N; k++)
        c[k] = rhs[k];
      t += dt;
      if (t >= taus[next] * R * R / D * (1 - 1e-12)) {
        PetscReal cs, ex = (J * R / D) * SeriesSurface(taus[next]);
        FvParticleSurface(&m, &r, c, jn, &cs);
        err[next] = fabs((c0 - cs) - ex) / ex;
        next++;
      }
    }
  }
  PetscCall(FvPropertyDestroy(&r.Ds));
  PetscCall(FvParticleDestroy(&r));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  const PetscReal taus[4] = {0.05, 0.1, 0.25, 0.5};
  PetscReal e20[4], e40[4], e80[4];
  int fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(Run(FV_PARTICLE_FINITE_VOLUME, 20, 1.0, taus, 4, e20));
  PetscCall(Run(FV_PARTICLE_FINITE_VOLUME, 40, 1.0, taus, 4, e40));
  PetscCall(Run(FV_PARTICLE_FINITE_VOLUME, 80, 1.0, taus, 4, e80));
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
    PetscCall(Run(FV_PARTICLE_FINITE_VOLUME, 20, 1.1, taus, 4, g20));
    PetscCall(Run(FV_PARTICLE_FINITE_VOLUME, 40, PetscSqrtReal(1.1), taus, 4, g40));
    printf("graded shells: N=20 q=1.1 vs equal, and N=40 q=sqrt(1.1)\n");
    for (int i = 0; i < 4; i++) {
      const PetscReal p = log(g20[i] / g40[i]) / log(2.0);
      printf("  %5.2f  graded %.3e (equal %.3e)   %.3e   order %.2f\n", (double)taus[i],
             (double)g20[i], (double)e20[i], (double)g40[i], (double)p);
      if (g20[i] > e20[i] || p < 1.8) fail = 1;
    }
  }
  {
    /* spectral: the error falls exponentially with the number of unknowns; report it and require
     * (i) each step of 2 unknowns to gain a factor >= 3 (the worst over tau) until the time
     * integration's floor (N = 10) and (ii) 10 unknowns within 1e-6 relative at every tau (the
     * finite volumes need 40 shells for 5e-3) */
    const PetscInt Ns[] = {4, 6, 8, 10, 12, 16};
    PetscReal es[6][4], prev = 0;
    printf(
        "spectral (Chebyshev collocation on the even extension): relative error of c0 - c_surf\n");
    printf(
        "   N     tau=0.05    tau=0.1     tau=0.25    tau=0.5     worst    gain per 2 unknowns\n");
    for (int n = 0; n < 6; n++) {
      PetscReal worst = 0;
      PetscCall(Run(FV_PARTICLE_SPECTRAL, Ns[n], 1.0, taus, 4, es[n]));
      for (int i = 0; i < 4; i++)
        worst = PetscMax(worst, es[n][i]);
      printf("  %2d   %.3e   %.3e   %.3e   %.3e   %.2e", (int)Ns[n], (double)es[n][0],
             (double)es[n][1], (double)es[n][2], (double)es[n][3], (double)worst);
      if (n && Ns[n] <= 10) {
        const PetscReal gain = PetscPowReal(prev / worst, 2.0 / (PetscReal)(Ns[n] - Ns[n - 1]));
        printf("   %.1f", (double)gain);
        if (gain < 3) fail = 1;
      }
      printf("\n");
      if (Ns[n] == 10 && worst > 1e-6) fail = 1;
      prev = worst;
    }
  }
  printf(fail ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fail;
}
