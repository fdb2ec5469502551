/* heat.c -- the heat sources, pointwise (see heat.h; docs/thermal.md §2).
 *
 * Sources of the terms: the local (Bernardi-type) energy balance of D. Bernardi, E. Pawlikowski,
 * J. Newman, J. Electrochem. Soc. 132, 5 (1985), in the per-volume form of W. B. Gu, C. Y. Wang,
 * J. Electrochem. Soc. 147, 2910 (2000); the particle-average form of L. Rao, J. Newman,
 * J. Electrochem. Soc. 144, 2697 (1997), which DUALFOIL 5.1 evaluates (subroutine temperature).
 */
#include "heat.h"

static const char *const heat_names[FV_NHEAT] = {
    "heat_ohmic_electrolyte", "heat_ohmic_solid", "heat_irreversible",
    "heat_reversible",        "heat_mixing",      "heat_interface",
    "heat_contact",           "heat_total"};

const char *FvHeatTermName(FvHeatTerm k) {
  return (int)k >= 0 && k < FV_NHEAT ? heat_names[k] : "?";
}

/* (T3): the power a current i dissipates falling through phiL - phiR. */
PetscReal FvHeatFace(PetscReal i, PetscReal phiL, PetscReal phiR) {
  return -i * (phiR - phiL);
}

void FvHeatFaceSplit(PetscReal q, PetscReal hL, PetscReal XL, PetscReal hR, PetscReal XR,
                     PetscReal *qL, PetscReal *qR) {
  const PetscReal rL = hL / XL, rR = hR / XR;
  /* a face with a zero-width or infinitely resistive side (a boundary half cell) gives all of it to
   * the other side */
  if (!(rL + rR > 0) || !PetscIsNormalReal(rL + rR)) {
    *qL = PetscIsNormalReal(rL) && rL > 0 ? q : 0;
    *qR = q - *qL;
    return;
  }
  *qL = q * rL / (rL + rR);
  *qR = q - *qL;
}

/* (T9): the OCP is given at its reference temperature; the entropic coefficient carries it to T.
 */
int FvHeatOpenCircuit(const FvProperty *ocp, const FvProperty *dUdT, PetscReal sto, PetscReal T,
                      PetscReal R, PetscReal *U, PetscReal *dudt) {
  int bad = FvPropertyEval(ocp, sto, T, R, U);
  *dudt   = 0;
  if (dUdT && dUdT->kind != FV_PROP_UNSET) bad |= FvPropertyEval(dUdT, sto, T, R, dudt);
  *U += (T - ocp->Tref) * *dudt;
  return bad;
}

/* (T4)-(T6). */
int FvHeatReaction(FvReactionHeat form, const FvProperty *ocp, const FvProperty *dUdT, PetscReal R,
                   PetscReal T, PetscReal aJ, PetscReal phis, PetscReal phie, PetscReal sto_surf,
                   PetscReal sto_avg, PetscReal q[FV_NHEAT]) {
  PetscReal Us, dUs, Ua, dUa;
  int bad                 = FvHeatOpenCircuit(ocp, dUdT, sto_surf, T, R, &Us, &dUs);
  q[FV_HEAT_IRREVERSIBLE] = aJ * (phis - phie - Us);
  if (form == FV_REACTION_HEAT_RAO_NEWMAN) {
    bad |= FvHeatOpenCircuit(ocp, dUdT, sto_avg, T, R, &Ua, &dUa);
    q[FV_HEAT_REVERSIBLE] = aJ * T * dUa;
    q[FV_HEAT_MIXING]     = aJ * (Us - Ua);
  } else {
    q[FV_HEAT_REVERSIBLE] = aJ * T * dUs;
    q[FV_HEAT_MIXING]     = 0;
  }
  return bad;
}

/* The sum of (T4)-(T6) differentiated: U(sto, T) = U0(sto) + (T - T_ocp) e(sto), e = dU/dT, so
 * q_irr + q_rev = a J (phis - phie - U0 + T_ocp e) at the sto where U is taken, and in the
 * Rao-Newman form q_mix replaces the surface OCP by the average's. */
int FvHeatReactionDeriv(FvReactionHeat form, const FvProperty *ocp, const FvProperty *dUdT,
                        PetscReal R, PetscReal T, PetscReal aJ, PetscReal phis, PetscReal phie,
                        PetscReal sto_surf, PetscReal sto_avg, PetscReal *q, PetscReal d[6]) {
  const PetscBool rn  = (PetscBool)(form == FV_REACTION_HEAT_RAO_NEWMAN);
  const PetscReal sto = rn ? sto_avg : sto_surf;
  PetscReal U0, dU0, e = 0, de = 0, qt[FV_NHEAT];
  int bad = FvPropertyEvalDeriv(ocp, sto, T, R, &U0, &dU0);
  if (dUdT && dUdT->kind != FV_PROP_UNSET) bad |= FvPropertyEvalDeriv(dUdT, sto, T, R, &e, &de);
  /* the value as FvHeatReaction forms it (the same round-off as the heat of a state) */
  bad |= FvHeatReaction(form, ocp, dUdT, R, T, aJ, phis, phie, sto_surf, sto_avg, qt);
  *q   = qt[FV_HEAT_IRREVERSIBLE] + qt[FV_HEAT_REVERSIBLE] + qt[FV_HEAT_MIXING];
  d[0] = phis - phie - U0 + ocp->Tref * e;
  d[1] = aJ;
  d[2] = -aJ;
  d[3] = rn ? 0 : aJ * (-dU0 + ocp->Tref * de);
  d[4] = rn ? aJ * (-dU0 + ocp->Tref * de) : 0;
  d[5] = 0;
  return bad;
}

/* (T7). */
PetscReal FvHeatInterface(PetscReal j, PetscReal phi_metal, PetscReal phi_e_face) {
  return j * (phi_metal - phi_e_face);
}

/* (T8). */
PetscReal FvHeatContact(PetscReal R_contact, PetscReal current) {
  return R_contact * current * current;
}

/* (T10): Fourier's law over two half cells. */
PetscReal FvHeatConductionFace(PetscReal hL, PetscReal lamL, PetscReal hR, PetscReal lamR,
                               PetscReal TL, PetscReal TR) {
  return -(TR - TL) / (0.5 * hL / lamL + 0.5 * hR / lamR);
}

PetscReal FvHeatBoundaryFlux(FvThermalFace face, int side, PetscReal h, PetscReal lam, PetscReal T,
                             PetscReal htc, PetscReal T_amb) {
  const PetscReal rcell = 0.5 * h / lam;
  PetscReal out; /* the heat leaving the cell through the face [W m-2] */
  if (face == FV_THERMAL_FACE_FIXED)
    out = (T - T_amb) / rcell;
  else if (!(htc > 0))
    out = 0;
  else
    out = (T - T_amb) / (rcell + 1.0 / htc);
  return side < 0 ? -out : out;
}
