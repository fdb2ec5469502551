/* electrolyte.c -- liquid binary electrolyte: bulk properties and face fluxes.
 *
 * Owns: the concentrated-solution flux laws of design.md §3 for a salt of cation charge z+
 * and stoichiometry nu+, nu- (Newman & Thomas-Alyea, Electrochemical Systems, 3rd ed., §12;
 * for LiPF6 z+ = nu+ = 1, nu = 2 gives the familiar 2RT/F (1 - t+) diffusion potential).
 * Faces use harmonic means of the effective coefficients: the series resistance of the two
 * half cells, exact for a coefficient jump at the face (electrode | separator).
 * The salt balance is d(eps c)/dt = -div N + a i_n/(z+ nu+ F), N = -D_eff grad c + t+ i_e/(z+ nu+
 * F).
 */
#include <math.h>
#include "p2d.h"

int FvElectrolyteEval(const FvModel *m, const FvRegionModel *r, PetscReal c,
                      FvElectrolyteState *s) {
  PetscReal D, kappa;
  int bad = 0;
  if (!(c > 0)) return 1;
  if (r->solid) { /* single-ion conductor: D_eff = 1 is a placeholder (no salt gradient) */
    s->solid     = PETSC_TRUE;
    s->D_eff     = 1;
    s->kappa_eff = r->sigma_se_eff;
    s->tplus     = 1;
    s->tdf       = 1;
    return 0;
  }
  s->solid = PETSC_FALSE;
  bad |= FvPropertyEval(&m->D, c, m->T, m->R, &D);
  bad |= FvPropertyEval(&m->kappa, c, m->T, m->R, &kappa);
  bad |= FvPropertyEval(&m->tplus, c, m->T, m->R, &s->tplus);
  bad |= FvPropertyEval(&m->tdf, c, m->T, m->R, &s->tdf);
  s->D_eff     = D * r->eps_brugg;
  s->kappa_eff = kappa * r->eps_brugg;
  return bad || !(s->D_eff > 0) || !(s->kappa_eff > 0);
}

void FvElectrolyteFace(const FvModel *m, PetscReal hL, PetscReal hR, const FvElectrolyteState *sL,
                       const FvElectrolyteState *sR, PetscReal cL, PetscReal cR, PetscReal phiL,
                       PetscReal phiR, PetscReal *N, PetscReal *ie) {
  /* resistances of the two half cells in series */
  const PetscReal rD = 0.5 * hL / sL->D_eff + 0.5 * hR / sR->D_eff;
  const PetscReal rK = 0.5 * hL / sL->kappa_eff + 0.5 * hR / sR->kappa_eff;
  if (sL->solid || sR->solid) {
    *ie = -(phiR - phiL) / rK;
    *N  = *ie / (m->zplus * m->nuplus * m->F);
    return;
  }
  const PetscReal tplus = 0.5 * (sL->tplus + sR->tplus), tdf = 0.5 * (sL->tdf + sR->tdf);
  /* nu R T / F ((1 - t+)/(z+ nu+)) TDF: the diffusion-potential coefficient */
  const PetscReal kd = m->nu / m->FRT * (1.0 - tplus) / (m->zplus * m->nuplus) * tdf;
  *ie                = (-(phiR - phiL) + kd * (PetscLogReal(cR) - PetscLogReal(cL))) / rK;
  /* salt flux = cation flux / nu+: diffusion plus the migrating fraction t+ of the current.
   * Written in flux form so the salt balance is conservative even when t+ depends on c; with
   * a constant t+ its divergence gives the (1 - t+) a i_n source of design.md §3. */
  *N = -(cR - cL) / rD + tplus * *ie / (m->zplus * m->nuplus * m->F);
}

/* At a metal interface all the current is carried by the cation, so the salt flux there is
 * i/(z+ nu+ F): N = -D dc/dx + t+ i/(z+ nu+ F) gives dc/dx = -(1 - t+) i/(z+ nu+ F D), and Ohm's
 * law with the diffusion potential gives dphi/dx = -i/kappa + kd dc/dx / c. The face values
 * are the cell-centre values plus half a cell of these gradients. */
void FvElectrolyteBoundaryFace(const FvModel *m, PetscReal h, const FvElectrolyteState *s,
                               PetscReal c, PetscReal phi, PetscReal i, int side, PetscReal *c_face,
                               PetscReal *phi_face) {
  const PetscReal kd   = m->nu / m->FRT * (1.0 - s->tplus) / (m->zplus * m->nuplus) * s->tdf;
  const PetscReal dcdx = -(1.0 - s->tplus) * i / (m->zplus * m->nuplus * m->F * s->D_eff);
  const PetscReal dpdx = -i / s->kappa_eff + kd * dcdx / c;
  *c_face              = c + side * 0.5 * h * dcdx;
  *phi_face            = phi + side * 0.5 * h * dpdx;
}
