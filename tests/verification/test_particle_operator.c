/* test_particle_operator.c -- properties of the discrete particle operator (models/particle.c),
 * for both schemes (spectral, finite volumes) with a constant and a concentration-dependent D_s:
 *  1. FvParticleJacobian against central differences of FvParticleResidual and FvParticleSurface
 *     at random states (relative error <= 1e-6 on the scale of the row);
 *  2. conservation: sum_k res_k = sum_k vol_k dc_k/dt + R^2 J to round-off (1e-13 of the terms),
 *     so the inventory FvParticleAverage changes exactly by the surface flux;
 *  3. spectral quadrature: FvParticleAverage is exact for c = (r/R)^(2j), j < N (it integrates the
 *     interpolant exactly), and its weights are positive;
 *  4. a uniform particle at rest has zero residual, and its surface value is the uniform value
 *     under any flux with the spectral scheme (the start-up value does not depend on the mesh).
 */
#include <math.h>
#include <petscsys.h>
#include "p2d.h"

#define NMAX FV_PARTICLE_SPECTRAL_MAX

static int fails = 0;
#define CHECK(cond, ...)                                                                           \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fails++;                                                                                     \
      printf("FAIL line %d: ", __LINE__);                                                          \
      printf(__VA_ARGS__);                                                                         \
      printf("\n");                                                                                \
    }                                                                                              \
  } while (0)

/* A smooth concentration-dependent D_s (a Steffen table in the stoichiometry, a factor ~10 over
 * the range), or a constant. */
static PetscErrorCode SetDiffusivity(FvProperty *p, PetscBool variable) {
  PetscFunctionBeginUser;
  PetscCall(FvPropertySetConstant(p, "Ds", 1e-14));
  if (variable) {
    const PetscInt n = 41;
    p->kind          = FV_PROP_TABLE;
    p->arg           = FV_ARG_STO;
    p->n             = n;
    p->interp        = FV_INTERP_STEFFEN;
    PetscCall(PetscMalloc1(n, &p->x));
    PetscCall(PetscMalloc1(n, &p->y));
    for (PetscInt i = 0; i < n; i++) {
      p->x[i] = (PetscReal)i / (n - 1);
      p->y[i] = 1e-14 * PetscExpReal(2.3 * PetscSinReal(3.0 * p->x[i]));
    }
  }
  PetscCall(FvPropertySetUp(p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static void SetUpModel(FvModel *m) {
  PetscMemzero(m, sizeof *m);
  m->F = 96485.33212, m->R = 8.314462618, m->T = 298.15, m->FRT = m->F / (m->R * m->T);
}

/* Deterministic pseudo-random numbers in [0, 1). */
static PetscReal Rand(unsigned *s) {
  *s = *s * 1103515245u + 12345u;
  return (PetscReal)((*s >> 8) & 0xffffff) / 16777216.0;
}

static PetscErrorCode CheckScheme(FvParticleDisc disc, PetscInt N, PetscBool variable) {
  FvModel m;
  FvRegionModel r;
  const char *name = disc == FV_PARTICLE_SPECTRAL ? "spectral" : "finite_volume";
  unsigned seed    = 12345u + (unsigned)N;
  PetscReal worst = 0, worst_cons = 0;
  PetscFunctionBeginUser;
  SetUpModel(&m);
  PetscCall(PetscMemzero(&r, sizeof r));
  r.electrode = PETSC_TRUE, r.n = 1, r.c_max = 3e4;
  PetscCall(FvParticleSetUp(&r, disc, N, 5e-6, disc == FV_PARTICLE_SPECTRAL ? 1.0 : 1.1));
  PetscCall(SetDiffusivity(&r.Ds, variable));
  for (int trial = 0; trial < 5; trial++) {
    PetscReal cs[NMAX], cst[NMAX], res[NMAX], dres[NMAX * NMAX], dres_djn[NMAX], dsurf[NMAX];
    PetscReal dsurf_djn, cj = Rand(&seed) * 1e3, jn = (Rand(&seed) - 0.5) * 40;
    PetscReal zero[NMAX];
    for (PetscInt k = 0; k < N; k++) {
      const PetscReal x = r.rface[k] / r.R;
      cs[k]             = r.c_max * (0.3 + 0.3 * x * x + 0.05 * Rand(&seed)); /* smooth + noise */
      cst[k]            = (Rand(&seed) - 0.5) * 10;
      zero[k]           = 0;
    }
    CHECK(!FvParticleJacobian(&m, &r, cs, jn, cj, dres, dres_djn, dsurf, &dsurf_djn),
          "%s: Jacobian failed", name);
    /* columns by central differences: d res/d c_l + cj d res/d c_t,l */
    for (PetscInt l = 0; l <= N; l++) {
      PetscReal rp[NMAX], rm[NMAX], sp, sm, cp[NMAX], cm[NMAX], cpt[NMAX], cmt[NMAX];
      const PetscReal h = l < N ? 1e-5 * cs[l] : 1e-5 * PetscMax(PetscAbsReal(jn), 1.0);
      for (PetscInt k = 0; k < N; k++)
        cp[k] = cm[k] = cs[k], cpt[k] = cmt[k] = cst[k];
      if (l < N) cp[l] += h, cm[l] -= h, cpt[l] += cj * h, cmt[l] -= cj * h;
      PetscCheck(!FvParticleResidual(&m, &r, cp, cpt, l < N ? jn : jn + h, rp) &&
                     !FvParticleResidual(&m, &r, cm, cmt, l < N ? jn : jn - h, rm) &&
                     !FvParticleSurface(&m, &r, cp, l < N ? jn : jn + h, &sp) &&
                     !FvParticleSurface(&m, &r, cm, l < N ? jn : jn - h, &sm),
                 PETSC_COMM_SELF, PETSC_ERR_PLIB, "residual failed");
      for (PetscInt k = 0; k < N; k++) {
        /* the scale of row k: its largest term */
        PetscReal scale    = PetscAbsReal(dres_djn[k]) * PetscMax(PetscAbsReal(jn), 1.0) / r.c_max;
        const PetscReal fd = (rp[k] - rm[k]) / (2 * h), an = l < N ? dres[k * N + l] : dres_djn[k];
        for (PetscInt j = 0; j < N; j++)
          scale = PetscMax(scale, PetscAbsReal(dres[k * N + j]));
        worst = PetscMax(worst, PetscAbsReal(fd - an) / scale);
      }
      {
        const PetscReal fd = (sp - sm) / (2 * h), an = l < N ? dsurf[l] : dsurf_djn;
        const PetscReal scale = l < N ? 1.0 : PetscMax(PetscAbsReal(dsurf_djn), 1e-300);
        worst                 = PetscMax(worst, PetscAbsReal(fd - an) / (l < N ? scale : scale));
      }
    }
    /* conservation: the rows sum to the inventory change plus the surface flux */
    PetscCheck(!FvParticleResidual(&m, &r, cs, cst, jn, res), PETSC_COMM_SELF, PETSC_ERR_PLIB,
               "residual failed");
    {
      PetscReal sum = 0, terms = 0, change = 0;
      const PetscReal flux = r.R * r.R * jn / (r.n * m.F);
      for (PetscInt k = 0; k < N; k++)
        sum += res[k], change += r.vol[k] * cst[k], terms += PetscAbsReal(r.vol[k] * cst[k]);
      /* the flux terms alone: rows at zero rate */
      PetscCheck(!FvParticleResidual(&m, &r, cs, zero, jn, res), PETSC_COMM_SELF, PETSC_ERR_PLIB,
                 "residual failed");
      for (PetscInt k = 0; k < N; k++)
        terms += PetscAbsReal(res[k]);
      worst_cons =
          PetscMax(worst_cons, PetscAbsReal(sum - change - flux) / (terms + PetscAbsReal(flux)));
      /* FvParticleAverage is the same sum */
      CHECK(PetscAbsReal(FvParticleAverage(&r, cst) * r.R * r.R * r.R / 3 - change) <=
                1e-14 * terms,
            "%s: FvParticleAverage is not sum vol_k c_k", name);
    }
  }
  printf("%-13s N = %2d  D_s %-8s  Jacobian max rel. error %.2e (limit 1e-6), conservation "
         "%.2e (limit 1e-13)\n",
         name, (int)N, variable ? "variable" : "constant", (double)worst, (double)worst_cons);
  CHECK(worst <= 1e-6, "%s N = %d: Jacobian error %g", name, (int)N, (double)worst);
  CHECK(worst_cons <= 1e-13, "%s N = %d: conservation error %g", name, (int)N, (double)worst_cons);
  /* a uniform particle at rest: zero flux rows; the spectral surface value is the uniform value */
  {
    PetscReal cs[NMAX], zero[NMAX], res[NMAX], surf, big = 0;
    for (PetscInt k = 0; k < N; k++)
      cs[k] = 0.4 * r.c_max, zero[k] = 0;
    PetscCheck(!FvParticleResidual(&m, &r, cs, zero, 0.0, res), PETSC_COMM_SELF, PETSC_ERR_PLIB,
               "residual failed");
    for (PetscInt k = 0; k < N; k++)
      big = PetscMax(big, PetscAbsReal(res[k]) / (r.vol[k] * r.c_max * 1e-14 / (r.R * r.R)));
    CHECK(big < 1e-9, "%s: uniform particle has residual %g", name, (double)big);
    PetscCheck(!FvParticleSurface(&m, &r, cs, 20.0, &surf), PETSC_COMM_SELF, PETSC_ERR_PLIB,
               "surface failed");
    if (disc == FV_PARTICLE_SPECTRAL)
      CHECK(surf == cs[N - 1], "spectral surface value %g is not the surface node %g", (double)surf,
            (double)cs[N - 1]);
  }
  if (disc == FV_PARTICLE_SPECTRAL) {
    PetscReal err = 0, wmin = 1;
    for (PetscInt j = 0; j < N; j++) {
      PetscReal c[NMAX];
      for (PetscInt k = 0; k < N; k++)
        c[k] = PetscPowReal(r.rface[k] / r.R, 2.0 * j);
      /* mean of x^(2j) over the unit ball: 3/(2j + 3) */
      err = PetscMax(err, PetscAbsReal(FvParticleAverage(&r, c) - 3.0 / (2 * j + 3)));
    }
    for (PetscInt k = 0; k < N; k++)
      wmin = PetscMin(wmin, r.vol[k]);
    printf("              quadrature error on x^2j, j < N: %.2e (limit 1e-12); min weight %s\n",
           (double)err, wmin > 0 ? "positive" : "NOT positive");
    CHECK(err <= 1e-12, "quadrature error %g", (double)err);
    CHECK(wmin > 0, "non-positive quadrature weight");
  }
  PetscCall(FvPropertyDestroy(&r.Ds));
  PetscCall(FvParticleDestroy(&r));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  const PetscInt Ns[] = {2, 5, 10, 20, 40};
  PetscCall(PetscInitialize(&argc, &argv, NULL, "particle operator checks"));
  for (int d = 0; d < 2; d++)
    for (int v = 0; v < 2; v++)
      for (int i = 0; i < 5; i++)
        PetscCall(
            CheckScheme(d ? FV_PARTICLE_FINITE_VOLUME : FV_PARTICLE_SPECTRAL, Ns[i], (PetscBool)v));
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
