/* particle.c -- Fickian diffusion in a spherical particle on finite-volume shells.
 *
 * Owns: the radial operator dc_s/dt = r^-2 d/dr (r^2 D_s dc_s/dr) with zero flux at r = 0
 * and outward molar flux i_n/(n F) at r = R (design.md §3), on nshells shells given by their
 * face radii (equal widths, or geometrically graded towards the surface where the gradients
 * are), and the surface concentration. Shell unknowns are shell averages located at the shell
 * mid-radius; face fluxes use the arithmetic mean of D_s of the two shells.
 * Surface value: c_surf = c_N - J_R (w_N/2)/D_s(c_N), w_N the outer shell's width: a linear
 * extrapolation from the last shell centre using the known surface gradient -J_R/D_s; second
 * order in the shell width.
 */
#include <math.h>
#include "p2d.h"

static int Diffusivity(const FvModel *m, const FvRegionModel *r, PetscReal cs, PetscReal *D) {
  const PetscReal x = r->Ds.arg == FV_ARG_CONC ? cs : cs / r->c_max;
  return FvPropertyEval(&r->Ds, x, m->T, m->R, D) || !(*D > 0);
}

int FvParticleSurface(const FvModel *m, const FvRegionModel *r, const PetscReal *cs, PetscReal jn,
                      PetscReal *cs_surf) {
  PetscReal D;
  const PetscInt N = r->nshells;
  if (Diffusivity(m, r, cs[N - 1], &D)) return 1;
  *cs_surf = cs[N - 1] - jn / (r->n * m->F) * 0.5 * (r->rface[N] - r->rface[N - 1]) / D;
  return 0;
}

int FvParticleResidual(const FvModel *m, const FvRegionModel *r, const PetscReal *cs,
                       const PetscReal *cs_t, PetscReal jn, PetscReal *res) {
  const PetscInt N = r->nshells;
  PetscReal Jin    = 0, Dk, Dk1; /* outward flux through the inner face, times r^2 */
  if (Diffusivity(m, r, cs[0], &Dk)) return 1;
  for (PetscInt k = 0; k < N; k++) {
    PetscReal Jout;
    if (k < N - 1) {
      const PetscReal rf = r->rface[k + 1];
      if (Diffusivity(m, r, cs[k + 1], &Dk1)) return 1;
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
  return 0;
}

PetscReal FvParticleAverage(const FvRegionModel *r, const PetscReal *cs) {
  PetscReal s = 0;
  for (PetscInt k = 0; k < r->nshells; k++)
    s += r->vol[k] * cs[k];
  return s / (r->R * r->R * r->R / 3.0);
}
