/* test_mms.c -- manufactured solutions: observed spatial order of the finite-volume operators.
 *
 * 1. Salt diffusion across a material jump: -d/dx(D(x) dc/dx) = s(x) on [0, 2], D = D1 on
 *    [0, 1), D2 on (1, 2], zero flux at x = 0, c(2) given. Exact solution chosen with a
 *    continuous flux q = -D c' = -sin(pi x / 2)... so c has a kink at the jump, as in a cell.
 * 2. Electrolyte potential with a concentration gradient (the diffusion-potential term) across
 *    the same jump: div i_e = s with i_e from FvElectrolyteFace, c(x) prescribed.
 * 3. The spherical particle operator: the quasi-steady profile under constant surface flux,
 *    c(r) - c_avg = -(J R / D)(r^2/(2 R^2) - 3/10), checked through the surface value.
 * Each is solved on N and 2N cells (N = 10, 20, 40, 80); the observed order must be >= 1.9.
 */
#include <math.h>
#include <petscsys.h>
#include "p2d.h"

#define NMAX 640

/* Dense-free tridiagonal solve (Thomas). a: sub, b: diag, c: super. */
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

static PetscReal Dcoef(PetscReal x) {
  return x < 1 ? 1.0 : 10.0;
}
/* flux q(x) = -D c' = -sin(pi x/2) ... zero at x = 0; c(x) = int_x^2 q/D + c(2), c(2) = 1 */
static PetscReal Cexact(PetscReal x) {
  /* c' = sin(pi x/2)/D => c(x) = c(2) - int_x^2 sin(pi s/2)/D(s) ds */
  const PetscReal k = PETSC_PI / 2, P = -1.0 / k; /* antiderivative of sin(k s) is -cos(k s)/k */
  if (x >= 1) return 1.0 - (P * cos(k * 2) - P * cos(k * x)) / 10.0;
  return 1.0 - (P * cos(k * 2) - P * cos(k * 1)) / 10.0 - (P * cos(k * 1) - P * cos(k * x)) / 1.0;
}
/* source s = dq/dx = -(pi/2) cos(pi x/2); its cell integral: -[sin(pi x/2)]_a^b */
static PetscReal SourceIntegral(PetscReal a, PetscReal b) {
  return -(sin(PETSC_PI * b / 2) - sin(PETSC_PI * a / 2));
}
/* cell average of the exact solution by 4-point Gauss */
static PetscReal CellAverage(PetscReal (*f)(PetscReal), PetscReal a, PetscReal b) {
  static const PetscReal gx[4] = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563,
                                  0.8611363115940526};
  static const PetscReal gw[4] = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461,
                                  0.3478548451374538};
  PetscReal s                  = 0;
  for (int q = 0; q < 4; q++)
    s += gw[q] * f(0.5 * (a + b) + 0.5 * (b - a) * gx[q]);
  return 0.5 * s;
}

static void SetUpModel(FvModel *m, FvRegionModel *r) {
  PetscMemzero(m, sizeof *m);
  PetscMemzero(r, sizeof *r);
  m->F = 96485.33212, m->R = 8.314462618, m->T = 298.15, m->FRT = m->F / (m->R * m->T);
  m->zplus = 1, m->nuplus = 1, m->nu = 2;
}

static PetscReal Cprof(PetscReal x) {
  return 1 + 0.5 * sin(x);
} /* prescribed c for the potential test */

/* Error (max over cells, against exact cell averages) of the discrete salt or potential problem.
 * Both operators are affine in the unknown, so the tridiagonal matrix is read off the face
 * function itself (FvElectrolyteFace) by evaluating it at unit perturbations. */
static PetscReal SolveJump(PetscInt N, PetscBool potential) {
  FvModel m;
  FvRegionModel r;
  PetscReal a[NMAX], b[NMAX], cc[NMAX], d[NMAX], x[NMAX], h = 2.0 / N, err = 0;
  FvElectrolyteState s[NMAX];
  const PetscReal tplus = potential ? 0.4 : 0.0, tdf = 1.2;
  SetUpModel(&m, &r);
  const PetscReal kd = m.nu / m.FRT * (1 - tplus) * tdf;
  for (PetscInt i = 0; i < N; i++) {
    s[i].D_eff = s[i].kappa_eff = Dcoef((i + 0.5) * h);
    s[i].tplus                  = tplus;
    s[i].tdf                    = tdf;
    s[i].solid                  = PETSC_FALSE;
    s[i].T                      = m.T; /* the face's nu R T/F at the model's T */
    a[i] = b[i] = cc[i] = 0;
    d[i]                = SourceIntegral(i * h, (i + 1) * h);
  }
  for (PetscInt k = 1; k < N; k++) { /* interior face between cells k-1 and k */
    PetscReal f0, f1, f2, dummy, g1, g2;
    if (!potential) {
      FvElectrolyteFace(&m, h, h, &s[k - 1], &s[k], 1, 1, 0, 0, &f0, &dummy);
      FvElectrolyteFace(&m, h, h, &s[k - 1], &s[k], 2, 1, 0, 0, &f1, &dummy);
      FvElectrolyteFace(&m, h, h, &s[k - 1], &s[k], 1, 2, 0, 0, &f2, &dummy);
      g1 = f1 - f0, g2 = f2 - f0, f0 = f0 - g1 - g2;
    } else {
      const PetscReal cL = Cprof((k - 0.5) * h), cR = Cprof((k + 0.5) * h);
      FvElectrolyteFace(&m, h, h, &s[k - 1], &s[k], cL, cR, 0, 0, &dummy, &f0);
      FvElectrolyteFace(&m, h, h, &s[k - 1], &s[k], cL, cR, 1, 0, &dummy, &f1);
      FvElectrolyteFace(&m, h, h, &s[k - 1], &s[k], cL, cR, 0, 1, &dummy, &f2);
      g1 = f1 - f0, g2 = f2 - f0;
    }
    /* cell residual = flux(right face) - flux(left face) - source */
    b[k - 1] += g1, cc[k - 1] += g2, d[k - 1] -= f0;
    a[k] -= g1, b[k] -= g2, d[k] += f0;
  }
  { /* right boundary x = 2: Dirichlet (c = 1, phi = 0) through the half cell; zero flux at x = 0 */
    const PetscReal g  = Dcoef(2 - h / 2) / (0.5 * h);
    const PetscReal f0 = potential ? g * kd * (log(Cprof(2.0)) - log(Cprof(2 - h / 2))) : -g;
    b[N - 1] += g;
    d[N - 1] -= f0;
  }
  Tridiag(N, a, b, cc, d, x);
  for (PetscInt i = 0; i < N; i++) {
    PetscReal ex = 0;
    if (!potential)
      ex = CellAverage(Cexact, i * h, (i + 1) * h);
    else {
      /* phi(x) = kd (ln c(x) - ln c(2)) + (Cexact(x) - 1): i_e = -sin(pi x/2) like the salt flux */
      const PetscInt ns = 64;
      for (PetscInt q = 0; q <= ns; q++) {
        const PetscReal xq = i * h + h * q / ns, w = (q == 0 || q == ns) ? 1 : (q % 2 ? 4 : 2);
        ex += w * (kd * (log(Cprof(xq)) - log(Cprof(2.0))) + Cexact(xq) - 1.0);
      }
      ex /= 3.0 * ns;
    }
    err = PetscMax(err, PetscAbsReal(x[i] - ex));
  }
  return err;
}

/* Particle: quasi-steady discrete profile under outward molar flux J; error of c_surf - c_avg. */
static PetscReal ParticleError(PetscInt N) {
  FvModel m;
  FvRegionModel r;
  PetscReal cs[NMAX], res[NMAX], cst[NMAX], rf[NMAX + 1], vol[NMAX], surf, avg, exact;
  const PetscReal R = 5e-6, D = 1e-14, jn = 2.0; /* A m-2 */
  SetUpModel(&m, &r);
  r.electrode = PETSC_TRUE, r.nshells = N, r.R = R, r.dr = R / N, r.n = 1, r.c_max = 3e4;
  r.rface = rf, r.vol = vol;
  for (PetscInt k = 0; k <= N; k++)
    rf[k] = k * r.dr;
  for (PetscInt k = 0; k < N; k++)
    vol[k] = (pow(rf[k + 1], 3) - pow(rf[k], 3)) / 3;
  FvPropertySetConstant(&r.Ds, "Ds", D);
  FvPropertySetUp(&r.Ds);
  /* quasi-steady: every shell falls at -3 J / R; march the flux outward from the centre */
  {
    const PetscReal J = jn / m.F, rate = -3 * J / R;
    PetscReal Jin = 0;
    cs[0]         = 1.5e4;
    for (PetscInt k = 0; k < N - 1; k++) {
      const PetscReal Jout = Jin - vol[k] * rate; /* vol dc/dt + Jout - Jin = 0 (times r^2) */
      cs[k + 1]            = cs[k] - Jout / (rf[k + 1] * rf[k + 1]) * r.dr / D;
      Jin                  = Jout;
    }
    for (PetscInt k = 0; k < N; k++)
      cst[k] = rate;
    /* the discrete residual must vanish (checks FvParticleResidual itself) */
    FvParticleResidual(&m, &r, cs, cst, jn, res);
    for (PetscInt k = 0; k < N; k++)
      if (PetscAbsReal(res[k]) > 1e-9 * PetscAbsReal(vol[k] * rate) + 1e-30) {
        printf("particle residual not zero at shell %d: %g\n", (int)k, (double)res[k]);
        return 1e30;
      }
    FvParticleSurface(&m, &r, cs, jn, &surf);
    avg   = FvParticleAverage(&r, cs);
    exact = -(J * R / D) * (0.5 - 0.3);
  }
  FvPropertyDestroy(&r.Ds);
  return PetscAbsReal((surf - avg) - exact) / PetscAbsReal(exact);
}

static int Report(const char *name, PetscReal (*errf)(PetscInt), PetscInt arg) {
  PetscReal e[4], worst = 10;
  PetscInt Ns[4] = {10, 20, 40, 80};
  (void)arg;
  for (int i = 0; i < 4; i++)
    e[i] = errf(Ns[i]);
  printf("%s:\n", name);
  for (int i = 0; i < 4; i++) {
    printf("  N = %3d  error = %.3e", (int)Ns[i], (double)e[i]);
    if (i) {
      const PetscReal p = log(e[i - 1] / e[i]) / log(2.0);
      printf("  order = %.3f", (double)p);
      worst = PetscMin(worst, p);
    }
    printf("\n");
  }
  printf("  observed order (worst) = %.3f\n", (double)worst);
  return worst >= 1.9 ? 0 : 1;
}
static PetscReal SaltErr(PetscInt N) {
  return SolveJump(N, PETSC_FALSE);
}
static PetscReal PotErr(PetscInt N) {
  return SolveJump(N, PETSC_TRUE);
}

int main(int argc, char **argv) {
  int fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  fail |= Report("salt diffusion across an electrode | separator jump", SaltErr, 0);
  fail |= Report("electrolyte potential (ohmic + diffusion potential) across the jump", PotErr, 0);
  fail |= Report("spherical particle (quasi-steady constant flux, surface - average)",
                 ParticleError, 0);
  printf(fail ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fail;
}
