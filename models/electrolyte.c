/* electrolyte.c -- liquid binary electrolyte: bulk properties and face fluxes.
 *
 * Owns: the concentrated-solution flux laws of docs/model.md §2 for a salt of cation charge z+
 * and stoichiometry nu+, nu- (Newman & Thomas-Alyea, Electrochemical Systems, 3rd ed., §12;
 * for LiPF6 z+ = nu+ = 1, nu = 2 gives the familiar 2RT/F (1 - t+) diffusion potential).
 * Faces use harmonic means of the effective coefficients: the series resistance of the two
 * half cells, exact for a coefficient jump at the face (electrode | separator).
 * The salt balance is d(eps c)/dt = -div N + a i_n/(z+ nu+ F), N = -D_eff grad c + t+ i_e/(z+ nu+
 * F).
 */
#include <math.h>
#include "p2d.h"

/* F/RT of a cell's state, and of a face at T_f = (TL + TR)/2 (the arithmetic mean, as t+ and
 * TDF of the face are; docs/thermal.md "Temperature dependence"): the model's own value at its T,
 * so an isothermal run is unchanged bit for bit. */
static inline PetscReal CellFRT(const FvModel *m, const FvElectrolyteState *s) {
  return s->T == m->T ? m->FRT : m->F / (m->R * s->T);
}
static inline PetscReal FaceFRT(const FvModel *m, const FvElectrolyteState *sL,
                                const FvElectrolyteState *sR) {
  return sL->T == m->T && sR->T == m->T ? m->FRT : m->F / (m->R * 0.5 * (sL->T + sR->T));
}

int FvElectrolyteEvalT(const FvModel *m, const FvRegionModel *r, PetscReal c, PetscReal T,
                       FvElectrolyteState *s) {
  PetscReal D, kappa;
  int bad = 0;
  if (!(c > 0)) return 1;
  s->T = T;
  if (r->solid) { /* single-ion conductor: D_eff = 1 is a placeholder (no salt gradient) */
    s->solid = PETSC_TRUE;
    s->D_eff = 1;
    s->kappa_eff =
        T == m->T ? r->sigma_se_eff : r->sigma_se_eff * FvArrhenius(r->se_Ea, m->T, T, m->R, NULL);
    s->tplus = 1;
    s->tdf   = 1;
    return !(s->kappa_eff > 0);
  }
  s->solid = PETSC_FALSE;
  bad |= FvPropertyEval(&m->D, c, T, m->R, &D);
  bad |= FvPropertyEval(&m->kappa, c, T, m->R, &kappa);
  bad |= FvPropertyEval(&m->tplus, c, T, m->R, &s->tplus);
  bad |= FvPropertyEval(&m->tdf, c, T, m->R, &s->tdf);
  s->D_eff     = D * r->eps_brugg;
  s->kappa_eff = kappa * r->eps_brugg;
  return bad || !(s->D_eff > 0) || !(s->kappa_eff > 0);
}

int FvElectrolyteEval(const FvModel *m, const FvRegionModel *r, PetscReal c,
                      FvElectrolyteState *s) {
  return FvElectrolyteEvalT(m, r, c, m->T, s);
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
  const PetscReal kd = m->nu / FaceFRT(m, sL, sR) * (1.0 - tplus) / (m->zplus * m->nuplus) * tdf;
  *ie                = (-(phiR - phiL) + kd * (PetscLogReal(cR) - PetscLogReal(cL))) / rK;
  /* salt flux = cation flux / nu+: diffusion plus the migrating fraction t+ of the current.
   * Written in flux form so the salt balance is conservative even when t+ depends on c; with
   * a constant t+ its divergence gives the (1 - t+) a i_n source of docs/model.md eq. (1). */
  *N = -(cR - cL) / rD + tplus * *ie / (m->zplus * m->nuplus * m->F);
}

/* At a metal interface all the current is carried by the cation, so the salt flux there is
 * i/(z+ nu+ F): N = -D dc/dx + t+ i/(z+ nu+ F) gives dc/dx = -(1 - t+) i/(z+ nu+ F D), and Ohm's
 * law with the diffusion potential gives dphi/dx = -i/kappa + kd dc/dx / c. The face values
 * are the cell-centre values plus half a cell of these gradients. */
void FvElectrolyteBoundaryFace(const FvModel *m, PetscReal h, const FvElectrolyteState *s,
                               PetscReal c, PetscReal phi, PetscReal i, int side, PetscReal *c_face,
                               PetscReal *phi_face) {
  const PetscReal kd   = m->nu / CellFRT(m, s) * (1.0 - s->tplus) / (m->zplus * m->nuplus) * s->tdf;
  const PetscReal dcdx = -(1.0 - s->tplus) * i / (m->zplus * m->nuplus * m->F * s->D_eff);
  const PetscReal dpdx = -i / s->kappa_eff + kd * dcdx / c;
  *c_face              = c + side * 0.5 * h * dcdx;
  *phi_face            = phi + side * 0.5 * h * dpdx;
}

/* Derivatives (electrolyte.c's laws differentiated; the property derivatives come from
 * FvPropertyEvalDeriv). A solid electrolyte's state does not depend on c. */
int FvElectrolyteEvalDerivT(const FvModel *m, const FvRegionModel *r, PetscReal c, PetscReal T,
                            PetscBool dT, FvElectrolyteState *s, FvElectrolyteState *ds) {
  PetscReal D, kappa, dD, dk, tD = 0, tk = 0;
  int bad = 0;
  if (!(c > 0)) return 1;
  s->dT_D_eff = s->dT_kappa_eff = s->dT_tplus = s->dT_tdf = 0;
  if (r->solid) {
    bad       = FvElectrolyteEvalT(m, r, c, T, s);
    ds->solid = PETSC_TRUE;
    ds->D_eff = ds->kappa_eff = ds->tplus = ds->tdf = 0;
    if (dT) s->dT_kappa_eff = s->kappa_eff * r->se_Ea / (m->R * T * T);
    return bad;
  }
  s->T     = T;
  s->solid = ds->solid = PETSC_FALSE;
  if (dT) {
    bad |= FvPropertyEvalDerivT(&m->D, c, T, m->R, &D, &dD, &tD);
    bad |= FvPropertyEvalDerivT(&m->kappa, c, T, m->R, &kappa, &dk, &tk);
    bad |= FvPropertyEvalDerivT(&m->tplus, c, T, m->R, &s->tplus, &ds->tplus, &s->dT_tplus);
    bad |= FvPropertyEvalDerivT(&m->tdf, c, T, m->R, &s->tdf, &ds->tdf, &s->dT_tdf);
  } else {
    bad |= FvPropertyEvalDeriv(&m->D, c, T, m->R, &D, &dD);
    bad |= FvPropertyEvalDeriv(&m->kappa, c, T, m->R, &kappa, &dk);
    bad |= FvPropertyEvalDeriv(&m->tplus, c, T, m->R, &s->tplus, &ds->tplus);
    bad |= FvPropertyEvalDeriv(&m->tdf, c, T, m->R, &s->tdf, &ds->tdf);
  }
  s->D_eff        = D * r->eps_brugg;
  s->kappa_eff    = kappa * r->eps_brugg;
  ds->D_eff       = dD * r->eps_brugg;
  ds->kappa_eff   = dk * r->eps_brugg;
  s->dT_D_eff     = tD * r->eps_brugg;
  s->dT_kappa_eff = tk * r->eps_brugg;
  return bad || !(s->D_eff > 0) || !(s->kappa_eff > 0);
}

int FvElectrolyteEvalDeriv(const FvModel *m, const FvRegionModel *r, PetscReal c,
                           FvElectrolyteState *s, FvElectrolyteState *ds) {
  return FvElectrolyteEvalDerivT(m, r, c, m->T, PETSC_FALSE, s, ds);
}

void FvElectrolyteFaceJacobian(const FvModel *m, PetscReal hL, PetscReal hR,
                               const FvElectrolyteState *sL, const FvElectrolyteState *sR,
                               const FvElectrolyteState *dsL, const FvElectrolyteState *dsR,
                               PetscReal cL, PetscReal cR, PetscReal phiL, PetscReal phiR,
                               PetscReal *N, PetscReal *ie, PetscReal dN[4], PetscReal die[4]) {
  const PetscReal zF = m->zplus * m->nuplus * m->F;
  const PetscReal rD = 0.5 * hL / sL->D_eff + 0.5 * hR / sR->D_eff;
  const PetscReal rK = 0.5 * hL / sL->kappa_eff + 0.5 * hR / sR->kappa_eff;
  /* d rK/d cL, d rK/d cR (and rD): the half-cell resistances change with their own c */
  const PetscReal drK[2] = {-0.5 * hL / (sL->kappa_eff * sL->kappa_eff) * dsL->kappa_eff,
                            -0.5 * hR / (sR->kappa_eff * sR->kappa_eff) * dsR->kappa_eff};
  const PetscReal drD[2] = {-0.5 * hL / (sL->D_eff * sL->D_eff) * dsL->D_eff,
                            -0.5 * hR / (sR->D_eff * sR->D_eff) * dsR->D_eff};
  FvElectrolyteFace(m, hL, hR, sL, sR, cL, cR, phiL, phiR, N, ie);
  if (sL->solid || sR->solid) {
    die[0] = -*ie / rK * drK[0];
    die[1] = -*ie / rK * drK[1];
    die[2] = 1.0 / rK;
    die[3] = -1.0 / rK;
    for (int a = 0; a < 4; a++)
      dN[a] = die[a] / zF;
    return;
  }
  {
    const PetscReal tplus = 0.5 * (sL->tplus + sR->tplus), tdf = 0.5 * (sL->tdf + sR->tdf);
    const PetscReal A      = m->nu / FaceFRT(m, sL, sR) / (m->zplus * m->nuplus);
    const PetscReal kd     = A * (1.0 - tplus) * tdf;
    const PetscReal dlnc   = PetscLogReal(cR) - PetscLogReal(cL);
    const PetscReal dt[2]  = {0.5 * dsL->tplus, 0.5 * dsR->tplus};
    const PetscReal dkd[2] = {A * (-dt[0] * tdf + (1.0 - tplus) * 0.5 * dsL->tdf),
                              A * (-dt[1] * tdf + (1.0 - tplus) * 0.5 * dsR->tdf)};
    die[0]                 = (dkd[0] * dlnc - kd / cL) / rK - *ie / rK * drK[0];
    die[1]                 = (dkd[1] * dlnc + kd / cR) / rK - *ie / rK * drK[1];
    die[2]                 = 1.0 / rK;
    die[3]                 = -1.0 / rK;
    /* N = -(cR - cL)/rD + t+ ie / zF */
    dN[0] = 1.0 / rD + (cR - cL) / (rD * rD) * drD[0] + (dt[0] * *ie + tplus * die[0]) / zF;
    dN[1] = -1.0 / rD + (cR - cL) / (rD * rD) * drD[1] + (dt[1] * *ie + tplus * die[1]) / zF;
    dN[2] = tplus * die[2] / zF;
    dN[3] = tplus * die[3] / zF;
  }
}

void FvElectrolyteBoundaryFaceJacobian(const FvModel *m, PetscReal h, const FvElectrolyteState *s,
                                       const FvElectrolyteState *ds, PetscReal c, PetscReal phi,
                                       PetscReal i, int side, PetscReal *c_face,
                                       PetscReal *phi_face, PetscReal dc_face[3],
                                       PetscReal dphi_face[3]) {
  const PetscReal zF   = m->zplus * m->nuplus * m->F,
                  A    = m->nu / CellFRT(m, s) / (m->zplus * m->nuplus);
  const PetscReal kd   = A * (1.0 - s->tplus) * s->tdf;
  const PetscReal dkd  = A * (-ds->tplus * s->tdf + (1.0 - s->tplus) * ds->tdf);
  const PetscReal dcdx = -(1.0 - s->tplus) * i / (zF * s->D_eff);
  /* d(dc/dx)/dc and d(dc/dx)/di */
  const PetscReal g_c = ds->tplus * i / (zF * s->D_eff) +
                        (1.0 - s->tplus) * i / (zF * s->D_eff * s->D_eff) * ds->D_eff;
  const PetscReal g_i = -(1.0 - s->tplus) / (zF * s->D_eff);
  /* dphi/dx = -i/kappa + kd dcdx / c */
  const PetscReal p_c = i / (s->kappa_eff * s->kappa_eff) * ds->kappa_eff + dkd * dcdx / c +
                        kd * g_c / c - kd * dcdx / (c * c);
  const PetscReal p_i = -1.0 / s->kappa_eff + kd * g_i / c;
  FvElectrolyteBoundaryFace(m, h, s, c, phi, i, side, c_face, phi_face);
  dc_face[0]   = 1.0 + side * 0.5 * h * g_c;
  dc_face[1]   = 0;
  dc_face[2]   = side * 0.5 * h * g_i;
  dphi_face[0] = side * 0.5 * h * p_c;
  dphi_face[1] = 1.0;
  dphi_face[2] = side * 0.5 * h * p_i;
}

/* kd = A T_f (1 - t+) TDF with A = nu R/(F z+ nu+): each half cell's t+, TDF, kappa, D at its own
 * T and T_f = (TL + TR)/2, so d T_f/d T_s = 1/2. */
void FvElectrolyteFaceTemperatureDeriv(const FvModel *m, PetscReal hL, PetscReal hR,
                                       const FvElectrolyteState *sL, const FvElectrolyteState *sR,
                                       PetscReal cL, PetscReal cR, PetscReal ie, PetscReal dN[2],
                                       PetscReal die[2]) {
  const PetscReal zF     = m->zplus * m->nuplus * m->F;
  const PetscReal rD     = 0.5 * hL / sL->D_eff + 0.5 * hR / sR->D_eff;
  const PetscReal rK     = 0.5 * hL / sL->kappa_eff + 0.5 * hR / sR->kappa_eff;
  const PetscReal drK[2] = {-0.5 * hL / (sL->kappa_eff * sL->kappa_eff) * sL->dT_kappa_eff,
                            -0.5 * hR / (sR->kappa_eff * sR->kappa_eff) * sR->dT_kappa_eff};
  const PetscReal drD[2] = {-0.5 * hL / (sL->D_eff * sL->D_eff) * sL->dT_D_eff,
                            -0.5 * hR / (sR->D_eff * sR->D_eff) * sR->dT_D_eff};
  if (sL->solid || sR->solid) {
    for (int a = 0; a < 2; a++) {
      die[a] = -ie / rK * drK[a];
      dN[a]  = die[a] / zF;
    }
    return;
  }
  {
    const PetscReal tplus = 0.5 * (sL->tplus + sR->tplus), tdf = 0.5 * (sL->tdf + sR->tdf);
    const PetscReal Tf = 0.5 * (sL->T + sR->T), A = m->nu * m->R / (m->F * m->zplus * m->nuplus);
    const PetscReal dlnc            = PetscLogReal(cR) - PetscLogReal(cL);
    const FvElectrolyteState *st[2] = {sL, sR};
    for (int a = 0; a < 2; a++) {
      const PetscReal dt = 0.5 * st[a]->dT_tplus, dtdf = 0.5 * st[a]->dT_tdf;
      const PetscReal dkd =
          A * (0.5 * (1.0 - tplus) * tdf + Tf * (-dt * tdf + (1.0 - tplus) * dtdf));
      die[a] = dkd * dlnc / rK - ie / rK * drK[a];
      dN[a]  = (cR - cL) / (rD * rD) * drD[a] + (dt * ie + tplus * die[a]) / zF;
    }
  }
}

void FvElectrolyteBoundaryFaceTemperatureDeriv(const FvModel *m, PetscReal h,
                                               const FvElectrolyteState *s, PetscReal c,
                                               PetscReal i, int side, PetscReal *dc_face,
                                               PetscReal *dphi_face) {
  const PetscReal zF   = m->zplus * m->nuplus * m->F,
                  A    = m->nu * m->R / (m->F * m->zplus * m->nuplus);
  const PetscReal kd   = A * s->T * (1.0 - s->tplus) * s->tdf;
  const PetscReal dkd  = A * ((1.0 - s->tplus) * s->tdf +
                             s->T * (-s->dT_tplus * s->tdf + (1.0 - s->tplus) * s->dT_tdf));
  const PetscReal dcdx = -(1.0 - s->tplus) * i / (zF * s->D_eff);
  const PetscReal g_T  = s->dT_tplus * i / (zF * s->D_eff) +
                        (1.0 - s->tplus) * i / (zF * s->D_eff * s->D_eff) * s->dT_D_eff;
  const PetscReal p_T =
      i / (s->kappa_eff * s->kappa_eff) * s->dT_kappa_eff + (dkd * dcdx + kd * g_T) / c;
  *dc_face   = side * 0.5 * h * g_T;
  *dphi_face = side * 0.5 * h * p_T;
}
