/* particle.c -- Fickian diffusion in a spherical particle: the radial operator, its geometry and
 * its derivatives.
 *
 * Owns: the discretisations of dc_s/dt = r^-2 d/dr (r^2 D_s dc_s/dr) with zero flux at r = 0 and
 * outward molar flux J = i_n/(n F) at r = R (Doyle, Fuller & Newman, J. Electrochem. Soc. 140,
 * 1526 (1993), eq. 7), the surface concentration, the particle inventory, their analytic
 * derivatives, and the set-up of the radial geometry (FvParticleSetUp). Two schemes, chosen per
 * electrode (FvRegionModel.pdisc), with N = nshells unknowns per particle for both:
 *
 * finite_volume: N shells given by their face radii (equal widths, or geometrically graded towards
 *   the surface); the unknowns are shell averages at the shell mid-radii; face fluxes use the
 *   arithmetic mean of D_s of the two shells. Surface value c_surf = c_N - J (w_N/2)/D_s(c_N), w_N
 *   the outer shell's width: a linear extrapolation from the last shell centre with the known
 *   surface gradient; second order in the shell width, and at the instant a current starts it
 *   moves by J w_N/(2 D_s) before any lithium has (a start-up error of the mesh).
 *
 * spectral: Chebyshev collocation on the even extension of c_s to [-R, R] (Trefethen, Spectral
 *   Methods in MATLAB, SIAM 2000, ch. 6 and 11: radial problems on the even extension; Boyd,
 *   Chebyshev and Fourier Spectral Methods, 2nd ed. 2001, §18.5). The nodes are the non-negative
 *   Chebyshev-Gauss-Lobatto points of degree 2N-1, x_k = r_k/R = cos((N-1-k) pi/(2N-1)),
 *   k = 0..N-1: none at the centre (no r = 0 singularity), x_{N-1} = 1 on the surface. c_s is the
 *   even polynomial of degree 2N-2 through the nodal values (a polynomial of degree N-1 in
 *   y = x^2). The flux q = -D_s dc_s/dr is taken at the nodes, -D_s(c_k) dc/dr(r_k) inside and the
 *   boundary flux J at the surface node, and interpolated by the odd polynomial q = x S(x^2)
 *   through them; its divergence r^-2 d(r^2 q)/dr = (3 S + 2 y S'(y))/R is again an even
 *   polynomial of degree 2N-2, so the collocation rows
 *     dc_k/dt = -div q(x_k),  k = 0..N-2,
 *   and the discrete mass balance in place of the surface row,
 *     sum_k w_k dc_k/dt R^3 = -R^2 J,
 *   with w_k = int_0^1 x^2 l_k(x) dx (l_k the even Lagrange basis: the exact integral of the
 *   interpolant), conserve the particle's inventory R^3 sum_k w_k c_k to round-off (the mass
 *   balance is the sum of all rows). The surface value is the surface node: c_surf = c_{N-1}, which
 *   at the instant a current starts is the initial concentration on every mesh. The error falls
 *   exponentially with N for smooth profiles.
 *
 * Both schemes write the rows as volume integrals, res_k = vol_k dc_k/dt + (flux terms), with
 * vol_k = (r+^3 - r-^3)/3 (shells) or R^3 w_k (spectral): sum_k res_k = d/dt(inventory)/(4 pi) +
 * R^2 J, and FvParticleAverage = sum_k vol_k c_k / (R^3/3) is the exact discrete inventory.
 */
#include <math.h>
#include "p2d.h"

static int Diffusivity(const FvModel *m, const FvRegionModel *r, PetscReal T, PetscReal cs,
                       PetscReal *D) {
  const PetscReal x = r->Ds.arg == FV_ARG_CONC ? cs : cs / r->c_max;
  return FvPropertyEval(&r->Ds, x, T, m->R, D) || !(*D > 0);
}

/* D_s and dD_s/dc_s at cs (the property's own derivative, in stoichiometry or concentration). */
static int DiffusivityDeriv(const FvModel *m, const FvRegionModel *r, PetscReal T, PetscReal cs,
                            PetscReal *D, PetscReal *dD) {
  const PetscBool conc = (PetscBool)(r->Ds.arg == FV_ARG_CONC);
  const int bad        = FvPropertyEvalDeriv(&r->Ds, conc ? cs : cs / r->c_max, T, m->R, D, dD);
  if (!conc) *dD /= r->c_max;
  return bad || !(*D > 0);
}

/* ---- spectral set-up ------------------------------------------------------------------------ */

/* Solve A x = b (n x n, row-major, overwritten) by Gaussian elimination with partial pivoting. */
static PetscErrorCode DenseSolve(PetscInt n, PetscReal *A, PetscReal *b) {
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < n; k++) {
    PetscInt p = k;
    for (PetscInt i = k + 1; i < n; i++)
      if (PetscAbsReal(A[i * n + k]) > PetscAbsReal(A[p * n + k])) p = i;
    PetscCheck(A[p * n + k] != 0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "singular quadrature system");
    if (p != k) {
      for (PetscInt j = 0; j < n; j++) {
        const PetscReal t = A[k * n + j];
        A[k * n + j]      = A[p * n + j];
        A[p * n + j]      = t;
      }
      {
        const PetscReal t = b[k];
        b[k]              = b[p];
        b[p]              = t;
      }
    }
    for (PetscInt i = k + 1; i < n; i++) {
      const PetscReal f = A[i * n + k] / A[k * n + k];
      for (PetscInt j = k; j < n; j++)
        A[i * n + j] -= f * A[k * n + j];
      b[i] -= f * b[k];
    }
  }
  for (PetscInt k = n - 1; k >= 0; k--) {
    for (PetscInt j = k + 1; j < n; j++)
      b[k] -= A[k * n + j] * b[j];
    b[k] /= A[k * n + k];
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Nodes, quadrature weights and the two operators of the spectral scheme (file comment), all
 * dimensionless (x = r/R): xn[k], w[k], Dx (d/dx of the even interpolant at the nodes) and G
 * (divergence x^-2 d(x^2 q)/dx of the odd interpolant of nodal fluxes), N x N row-major. */
static PetscErrorCode SpectralOperators(PetscInt N, PetscReal *xn, PetscReal *w, PetscReal *Dx,
                                        PetscReal *G) {
  PetscReal *y, *lam, *Dy, *V;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc4(N, &y, N, &lam, N * N, &Dy, N * N, &V));
  for (PetscInt k = 0; k < N; k++) {
    xn[k] = PetscCosReal((PetscReal)(N - 1 - k) * PETSC_PI / (2 * N - 1));
    y[k]  = xn[k] * xn[k];
  }
  xn[N - 1] = 1, y[N - 1] = 1;
  /* barycentric weights and differentiation matrix of polynomial interpolation in y (Berrut &
   * Trefethen, SIAM Rev. 46, 501 (2004), eq. 9.4); the diagonal by the negative sum (exact for
   * constants) */
  for (PetscInt k = 0; k < N; k++) {
    lam[k] = 1;
    for (PetscInt l = 0; l < N; l++)
      if (l != k) lam[k] /= (y[k] - y[l]);
  }
  for (PetscInt j = 0; j < N; j++) {
    PetscReal s = 0;
    for (PetscInt k = 0; k < N; k++)
      if (k != j) {
        Dy[j * N + k] = lam[k] / lam[j] / (y[j] - y[k]);
        s += Dy[j * N + k];
      }
    Dy[j * N + j] = -s;
  }
  /* even interpolant p(x) = P(x^2): p'(x) = 2 x P'(y) */
  for (PetscInt j = 0; j < N; j++)
    for (PetscInt k = 0; k < N; k++)
      Dx[j * N + k] = 2 * xn[j] * Dy[j * N + k];
  /* odd interpolant q = x S(y), S_k = q_k/x_k: x^-2 d(x^2 q)/dx = 3 S + 2 y S'(y) */
  for (PetscInt j = 0; j < N; j++)
    for (PetscInt k = 0; k < N; k++)
      G[j * N + k] = ((j == k ? 3.0 : 0.0) + 2 * y[j] * Dy[j * N + k]) / xn[k];
  /* weights: exact for the even basis T_2k(x), k < N: V^T w = mu with V_jk = T_2k(x_j) and
   * mu_k = int_0^1 x^2 T_2k dx = [1/(1-(2k+2)^2) + 1/(1-(2k-2)^2)]/4 + 1/(2 (1-4k^2))
   * (x^2 T_2k = (T_2k+2 + T_|2k-2|)/4 + T_2k/2, int_0^1 T_2n dx = 1/(1-4n^2)) */
  for (PetscInt j = 0; j < N; j++)
    for (PetscInt k = 0; k < N; k++)
      V[k * N + j] = PetscCosReal(2 * k * PetscAcosReal(PetscMin(xn[j], 1.0))); /* V^T */
  for (PetscInt k = 0; k < N; k++) {
    const PetscReal a = 2 * k + 2, b = 2 * k - 2, c = 2 * k;
    w[k] = 0.25 * (1 / (1 - a * a) + 1 / (1 - b * b)) + 0.5 / (1 - c * c);
  }
  PetscCall(DenseSolve(N, V, w));
  PetscCall(PetscFree4(y, lam, Dy, V));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvParticleSetUp(FvRegionModel *r, FvParticleDisc disc, PetscInt N, PetscReal R,
                               PetscReal grading) {
  PetscFunctionBeginUser;
  PetscCheck(N >= 2, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "a particle needs at least 2 unknowns, got %" PetscInt_FMT, N);
  PetscCheck(disc != FV_PARTICLE_SPECTRAL || N <= FV_PARTICLE_SPECTRAL_MAX, PETSC_COMM_SELF,
             PETSC_ERR_ARG_OUTOFRANGE,
             "the spectral particle takes at most %d unknowns, got %" PetscInt_FMT,
             FV_PARTICLE_SPECTRAL_MAX, N);
  r->pdisc   = disc;
  r->nshells = N;
  r->R       = R;
  r->xn = r->w = r->Dx = r->G = NULL;
  PetscCall(PetscMalloc2(N + 1, &r->rface, N, &r->vol));
  if (disc == FV_PARTICLE_SPECTRAL) {
    PetscCall(PetscMalloc4(N, &r->xn, N, &r->w, N * N, &r->Dx, N * N, &r->G));
    PetscCall(SpectralOperators(N, r->xn, r->w, r->Dx, r->G));
    /* rface: the node radii and R (the unknowns' positions; no faces) */
    for (PetscInt k = 0; k < N; k++)
      r->rface[k] = R * r->xn[k], r->vol[k] = R * R * R * r->w[k];
    r->rface[N] = R;
    r->dr       = R * (1 - r->xn[N - 2]);
  } else {
    /* shell widths w_k proportional to q^-k (q = grading >= 1: finer towards the surface, where
     * the concentration gradients are), scaled to sum to R */
    const PetscReal q = grading > 0 ? grading : 1.0;
    PetscReal wk = 1, sum = 0;
    r->rface[0] = 0;
    for (PetscInt k = 0; k < N; k++, wk /= q)
      sum += wk, r->rface[k + 1] = sum;
    for (PetscInt k = 0; k <= N; k++)
      r->rface[k] *= R / sum;
    r->rface[N] = R;
    r->dr       = r->rface[N] - r->rface[N - 1];
    for (PetscInt k = 0; k < N; k++)
      r->vol[k] = (PetscPowReal(r->rface[k + 1], 3) - PetscPowReal(r->rface[k], 3)) / 3.0;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvParticleDestroy(FvRegionModel *r) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree2(r->rface, r->vol));
  if (r->pdisc == FV_PARTICLE_SPECTRAL) PetscCall(PetscFree4(r->xn, r->w, r->Dx, r->G));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- residual and surface ------------------------------------------------------------------- */

/* Spectral: nodal fluxes q (q[N-1] = J) and their divergence times vol, vdiv[k] = vol_k div q_k,
 * for k < N - 1. With dq (N x N, may be NULL) also dq_l/dc_m for l < N - 1. */
static int SpectralFluxes(const FvModel *m, const FvRegionModel *r, PetscReal T,
                          const PetscReal *cs, PetscReal jn, PetscReal *q, PetscReal *vdiv,
                          PetscReal *dq) {
  const PetscInt N = r->nshells;
  for (PetscInt l = 0; l < N - 1; l++) {
    PetscReal g = 0, D, dD = 0;
    for (PetscInt k = 0; k < N; k++)
      g += r->Dx[l * N + k] * cs[k];
    if (dq ? DiffusivityDeriv(m, r, T, cs[l], &D, &dD) : Diffusivity(m, r, T, cs[l], &D)) return 1;
    q[l] = -D * g / r->R;
    if (dq) {
      for (PetscInt k = 0; k < N; k++)
        dq[l * N + k] = -D * r->Dx[l * N + k] / r->R;
      dq[l * N + l] -= dD * g / r->R;
    }
  }
  q[N - 1] = jn / (r->n * m->F);
  for (PetscInt k = 0; k < N - 1; k++) {
    PetscReal s = 0;
    for (PetscInt l = 0; l < N; l++)
      s += r->G[k * N + l] * q[l];
    vdiv[k] = r->vol[k] * s / r->R;
  }
  return 0;
}

int FvParticleSurfaceT(const FvModel *m, const FvRegionModel *r, PetscReal T, const PetscReal *cs,
                       PetscReal jn, PetscReal *cs_surf) {
  PetscReal D;
  const PetscInt N = r->nshells;
  if (r->pdisc == FV_PARTICLE_SPECTRAL) {
    *cs_surf = cs[N - 1];
    return 0;
  }
  if (Diffusivity(m, r, T, cs[N - 1], &D)) return 1;
  *cs_surf = cs[N - 1] - jn / (r->n * m->F) * 0.5 * (r->rface[N] - r->rface[N - 1]) / D;
  return 0;
}

int FvParticleSurface(const FvModel *m, const FvRegionModel *r, const PetscReal *cs, PetscReal jn,
                      PetscReal *cs_surf) {
  return FvParticleSurfaceT(m, r, m->T, cs, jn, cs_surf);
}

int FvParticleResidualT(const FvModel *m, const FvRegionModel *r, PetscReal T, const PetscReal *cs,
                        const PetscReal *cs_t, PetscReal jn, PetscReal *res) {
  const PetscInt N = r->nshells;
  if (r->pdisc == FV_PARTICLE_SPECTRAL) {
    PetscReal q[FV_PARTICLE_SPECTRAL_MAX], vdiv[FV_PARTICLE_SPECTRAL_MAX], sum = 0;
    if (SpectralFluxes(m, r, T, cs, jn, q, vdiv, NULL)) return 1;
    for (PetscInt k = 0; k < N - 1; k++) {
      res[k] = r->vol[k] * cs_t[k] + vdiv[k];
      sum += vdiv[k];
    }
    /* the discrete mass balance: sum_k vol_k dc_k/dt + R^2 J = 0 */
    res[N - 1] = r->vol[N - 1] * cs_t[N - 1] + r->R * r->R * q[N - 1] - sum;
    return 0;
  }
  {
    PetscReal Jin = 0, Dk, Dk1; /* outward flux through the inner face, times r^2 */
    if (Diffusivity(m, r, T, cs[0], &Dk)) return 1;
    for (PetscInt k = 0; k < N; k++) {
      PetscReal Jout;
      if (k < N - 1) {
        const PetscReal rf = r->rface[k + 1];
        if (Diffusivity(m, r, T, cs[k + 1], &Dk1)) return 1;
        /* distance between the mid-radii of shells k and k+1 */
        Jout = -0.5 * (Dk + Dk1) * (cs[k + 1] - cs[k]) / (0.5 * (r->rface[k + 2] - r->rface[k])) *
               rf * rf;
        Dk = Dk1;
      } else {
        Jout = jn / (r->n * m->F) * r->R * r->R;
      }
      res[k] = r->vol[k] * cs_t[k] + Jout - Jin;
      Jin    = Jout;
    }
  }
  return 0;
}

int FvParticleResidual(const FvModel *m, const FvRegionModel *r, const PetscReal *cs,
                       const PetscReal *cs_t, PetscReal jn, PetscReal *res) {
  return FvParticleResidualT(m, r, m->T, cs, cs_t, jn, res);
}

PetscReal FvParticleAverage(const FvRegionModel *r, const PetscReal *cs) {
  PetscReal s = 0;
  for (PetscInt k = 0; k < r->nshells; k++)
    s += r->vol[k] * cs[k];
  return s / (r->R * r->R * r->R / 3.0);
}

/* ---- derivatives ---------------------------------------------------------------------------- */

int FvParticleJacobianT(const FvModel *m, const FvRegionModel *r, PetscReal T, const PetscReal *cs,
                        PetscReal jn, PetscReal cj, PetscReal *dres, PetscReal *dres_djn,
                        PetscReal *dsurf, PetscReal *dsurf_djn) {
  const PetscInt N   = r->nshells;
  const PetscReal nF = r->n * m->F;
  for (PetscInt k = 0; k < N * N; k++)
    dres[k] = 0;
  for (PetscInt k = 0; k < N; k++)
    dres[k * N + k] = cj * r->vol[k], dsurf[k] = 0;
  if (r->pdisc == FV_PARTICLE_SPECTRAL) {
    PetscReal q[FV_PARTICLE_SPECTRAL_MAX], vdiv[FV_PARTICLE_SPECTRAL_MAX];
    PetscReal dq[FV_PARTICLE_SPECTRAL_MAX * FV_PARTICLE_SPECTRAL_MAX];
    PetscReal *last = dres + (N - 1) * N;
    if (SpectralFluxes(m, r, T, cs, jn, q, vdiv, dq)) return 1;
    dres_djn[N - 1] = r->R * r->R / nF;
    for (PetscInt k = 0; k < N - 1; k++) {
      const PetscReal s = r->vol[k] / r->R; /* vdiv_k = s sum_l G_kl q_l */
      for (PetscInt l = 0; l < N - 1; l++) {
        const PetscReal a = s * r->G[k * N + l];
        if (a == 0) continue;
        for (PetscInt mm = 0; mm < N; mm++) {
          dres[k * N + mm] += a * dq[l * N + mm];
          last[mm] -= a * dq[l * N + mm];
        }
      }
      dres_djn[k] = s * r->G[k * N + N - 1] / nF;
      dres_djn[N - 1] -= dres_djn[k];
    }
    dsurf[N - 1] = 1;
    *dsurf_djn   = 0;
    return 0;
  }
  {
    /* Jout_k = -(D_k + D_k+1)/2 (c_k+1 - c_k)/h_k rf^2 enters row k with + and row k+1 with - */
    PetscReal D0, dD0;
    if (DiffusivityDeriv(m, r, T, cs[0], &D0, &dD0)) return 1;
    for (PetscInt k = 0; k < N - 1; k++) {
      const PetscReal rf = r->rface[k + 1], hk = 0.5 * (r->rface[k + 2] - r->rface[k]);
      const PetscReal f = rf * rf / hk, dc = cs[k + 1] - cs[k];
      PetscReal D1, dD1, a, b;
      if (DiffusivityDeriv(m, r, T, cs[k + 1], &D1, &dD1)) return 1;
      a = -0.5 * dD0 * dc * f + 0.5 * (D0 + D1) * f; /* dJout/dc_k */
      b = -0.5 * dD1 * dc * f - 0.5 * (D0 + D1) * f; /* dJout/dc_k+1 */
      dres[k * N + k] += a, dres[k * N + k + 1] += b;
      dres[(k + 1) * N + k] -= a, dres[(k + 1) * N + k + 1] -= b;
      D0 = D1, dD0 = dD1;
    }
    for (PetscInt k = 0; k < N; k++)
      dres_djn[k] = 0;
    dres_djn[N - 1] = r->R * r->R / nF;
    /* c_surf = c_N - (jn/nF)(w_N/2)/D(c_N); D0, dD0 are at c_N now */
    {
      const PetscReal hw = 0.5 * (r->rface[N] - r->rface[N - 1]);
      dsurf[N - 1]       = 1 + jn / nF * hw * dD0 / (D0 * D0);
      *dsurf_djn         = -hw / (nF * D0);
    }
  }
  return 0;
}

int FvParticleJacobian(const FvModel *m, const FvRegionModel *r, const PetscReal *cs, PetscReal jn,
                       PetscReal cj, PetscReal *dres, PetscReal *dres_djn, PetscReal *dsurf,
                       PetscReal *dsurf_djn) {
  return FvParticleJacobianT(m, r, m->T, cs, jn, cj, dres, dres_djn, dsurf, dsurf_djn);
}

/* D_s enters the rows and the surface value only through its value at each node, so a central
 * difference in T of the residual with cs_t = 0 (the storage and the surface flux J cancel
 * exactly) and of the surface value is the derivative of the diffusive terms; step 1e-4 T (the
 * Arrhenius factor's relative curvature error ~1e-9). */
int FvParticleTemperatureDeriv(const FvModel *m, const FvRegionModel *r, PetscReal T,
                               const PetscReal *cs, PetscReal jn, PetscReal *work,
                               PetscReal *dres_dT, PetscReal *dsurf_dT) {
  const PetscInt N   = r->nshells;
  const PetscReal dT = 1e-4 * T;
  PetscReal *zero = work, *rp = work + N, *rm = work + 2 * N, sp, sm;
  int bad   = 0;
  *dsurf_dT = 0;
  for (PetscInt k = 0; k < N; k++)
    dres_dT[k] = 0, zero[k] = 0;
  if (r->Ds.kind != FV_PROP_FORM && r->Ds.Ea == 0) return 0; /* D_s independent of T */
  bad |= FvParticleResidualT(m, r, T + dT, cs, zero, jn, rp);
  bad |= FvParticleResidualT(m, r, T - dT, cs, zero, jn, rm);
  bad |= FvParticleSurfaceT(m, r, T + dT, cs, jn, &sp);
  bad |= FvParticleSurfaceT(m, r, T - dT, cs, jn, &sm);
  if (bad) return 1;
  for (PetscInt k = 0; k < N; k++)
    dres_dT[k] = (rp[k] - rm[k]) / (2 * dT);
  *dsurf_dT = (sp - sm) / (2 * dT);
  return 0;
}
