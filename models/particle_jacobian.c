/* particle_jacobian.c -- the Jacobian of the finite-volume shell particle of particle.c.
 *
 * Owns: FvParticleJacobian for the shells of FvParticleResidual and the surface value of
 * FvParticleSurface. With G_k = -D_{k+1/2} (c_{k+1} - c_k)/d_k r_{k+1/2}^2 the outward flux of
 * face k+1/2 (D_{k+1/2} the mean of the two shells' D_s(c), d_k the distance of their
 * mid-radii), res_k = vol_k dc_k/dt + G_k - G_{k-1} and G_{N-1} = j_n R^2/(nF); the surface value
 * c_N-1 - j_n (w_N/2)/(nF D_s(c_N-1)). D_s' comes from FvPropertyEvalDeriv.
 */
#include "p2d.h"

static int DiffusivityDeriv(const FvModel *m, const FvRegionModel *r, PetscReal cs, PetscReal *D,
                            PetscReal *dD) {
  const PetscBool conc = (PetscBool)(r->Ds.arg == FV_ARG_CONC);
  const int bad        = FvPropertyEvalDeriv(&r->Ds, conc ? cs : cs / r->c_max, m->T, m->R, D, dD);
  if (!conc) *dD /= r->c_max;
  return bad || !(*D > 0);
}

int FvParticleJacobian(const FvModel *m, const FvRegionModel *r, const PetscReal *cs, PetscReal jn,
                       PetscReal cj, PetscReal *dres, PetscReal *dres_djn, PetscReal *dsurf,
                       PetscReal *dsurf_djn) {
  const PetscInt N   = r->nshells;
  const PetscReal nF = r->n * m->F;
  PetscReal Dk, dDk, Dk1, dDk1;
  for (PetscInt a = 0; a < N * N; a++)
    dres[a] = 0;
  for (PetscInt k = 0; k < N; k++) {
    dres_djn[k] = 0;
    dsurf[k]    = 0;
    dres[k * N + k] += cj * r->vol[k];
  }
  if (DiffusivityDeriv(m, r, cs[0], &Dk, &dDk)) return 1;
  for (PetscInt k = 0; k < N - 1; k++) {
    const PetscReal rf = r->rface[k + 1], dm = 0.5 * (r->rface[k + 2] - r->rface[k]);
    PetscReal gk, gk1; /* dG_k/dc_k, dG_k/dc_k+1 */
    if (DiffusivityDeriv(m, r, cs[k + 1], &Dk1, &dDk1)) return 1;
    gk  = (-0.5 * dDk * (cs[k + 1] - cs[k]) + 0.5 * (Dk + Dk1)) / dm * rf * rf;
    gk1 = (-0.5 * dDk1 * (cs[k + 1] - cs[k]) - 0.5 * (Dk + Dk1)) / dm * rf * rf;
    /* G_k leaves shell k (+) and enters shell k+1 (-) */
    dres[k * N + k] += gk;
    dres[k * N + k + 1] += gk1;
    dres[(k + 1) * N + k] -= gk;
    dres[(k + 1) * N + k + 1] -= gk1;
    Dk = Dk1, dDk = dDk1;
  }
  dres_djn[N - 1] = r->R * r->R / nF;
  /* surface value: Dk, dDk are the outer shell's now */
  {
    const PetscReal half = 0.5 * (r->rface[N] - r->rface[N - 1]);
    dsurf[N - 1]         = 1.0 + jn / nF * half / (Dk * Dk) * dDk;
    *dsurf_djn           = -half / (nF * Dk);
  }
  return 0;
}
