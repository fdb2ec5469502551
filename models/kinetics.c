/* kinetics.c -- Butler-Volmer charge transfer at the particle | electrolyte interface.
 *
 * Owns: i_n = i0 [exp(alpha_a n F eta/RT) - exp(-alpha_c n F eta/RT)] with
 * i0 = n F k0 ce^alpha_a (c_max - c_s)^alpha_a c_s^alpha_c (docs/model.md §7), and
 * eta = phi_s - phi_e - U(theta) - R_film i_n. The film term makes i_n implicit, so i_n is an
 * unknown of its own and this returns the residual of its defining equation. The *T variants take
 * the temperature: F/RT, k0's Arrhenius factor and the OCP through its entropic coefficient
 * (docs/thermal.md (T9)) at T; the others evaluate them at the model's T. PyBaMM's
 * "symmetric" form 2 j0 sinh(F eta / 2RT) is the alpha_a = alpha_c = 0.5 case with i0 = j0.
 */
#include <math.h>
#include "p2d.h"

/* The OCP at the cell temperature T through the entropic coefficient, docs/thermal.md (T9):
 * U(theta, T) = U(theta) + (T - T_ocp) dU/dT(theta), T_ocp the OCP's reference temperature (no
 * shift without an entropic coefficient). dUdT_sto (may be NULL): dU/dtheta at T. */
static int OpenCircuitT(const FvModel *m, const FvRegionModel *r, PetscReal theta, PetscReal T,
                        PetscReal *U, PetscReal *dU_dsto, PetscReal *dU_dT) {
  int bad = dU_dsto ? FvPropertyEvalDeriv(&r->ocp, theta, T, m->R, U, dU_dsto)
                    : FvPropertyEval(&r->ocp, theta, T, m->R, U);
  if (dU_dT) *dU_dT = 0;
  if (r->dUdT.kind != FV_PROP_UNSET) {
    PetscReal e, de = 0;
    bad |= dU_dsto ? FvPropertyEvalDeriv(&r->dUdT, theta, T, m->R, &e, &de)
                   : FvPropertyEval(&r->dUdT, theta, T, m->R, &e);
    *U += (T - r->ocp.Tref) * e;
    if (dU_dsto) *dU_dsto += (T - r->ocp.Tref) * de;
    if (dU_dT) *dU_dT = e;
  }
  return bad;
}

int FvOpenCircuit(const FvModel *m, const FvRegionModel *r, PetscReal cs_surf, PetscReal *U) {
  return OpenCircuitT(m, r, cs_surf / r->c_max, m->T, U, NULL, NULL);
}

/* F/RT at T: the model's own value at its temperature (bit for bit what isothermal runs use). */
static inline PetscReal FRTAt(const FvModel *m, PetscReal T) {
  return T == m->T ? m->FRT : m->F / (m->R * T);
}

/* The film (and interface) resistance at T: R_film exp(-Ea/R (1/Tref - 1/T)), falling as T rises
 * (DUALFOIL divides R_film by the Arrhenius factor of its kinetics; docs/thermal.md "Temperature
 * dependence"), and its d/dT. Without an activation energy exactly R_film. */
static inline PetscReal FilmAt(const FvModel *m, const FvRegionModel *r, PetscReal T,
                               PetscReal *dRdT) {
  PetscReal a, da;
  if (r->R_film_Ea == 0) {
    if (dRdT) *dRdT = 0;
    return r->R_film;
  }
  a = FvArrhenius(-r->R_film_Ea, r->R_film_Tref, T, m->R, &da);
  if (dRdT) *dRdT = r->R_film * da;
  return r->R_film * a;
}

/* A particle family that touches the electrolyte on a fraction fc of its surface: J is the
 * current per particle area (the particle's mean surface flux is J/(nF)), jn = J/fc the current
 * through the contacting area, which follows Butler-Volmer. Written as J - fc i_BV(eta(J/fc)) so
 * that an isolated family (fc = 0) has the regular row J = 0 instead of an unbounded jn. */
int FvKineticsResidualContactT(const FvModel *m, const FvRegionModel *r, PetscReal T, PetscReal fc,
                               PetscReal c, PetscReal cs_surf, PetscReal phis, PetscReal phie,
                               PetscReal J, PetscReal *res) {
  PetscReal U, k0, i0, eta, ce;
  const PetscReal theta = cs_surf / r->c_max, frt = FRTAt(m, T);
  int bad = 0;
  if (!(fc > 0)) {
    *res = J;
    return 0;
  }
  if (!(c > 0) || !(theta > 0) || !(theta < 1)) return 1;
  bad |= OpenCircuitT(m, r, theta, T, &U, NULL, NULL);
  bad |= FvPropertyEval(&r->k0, r->k0.arg == FV_ARG_STO ? theta : cs_surf, T, m->R, &k0);
  ce = r->ce_ref > 0 ? c / r->ce_ref : c;
  i0 = r->n * m->F * k0 * PetscPowReal(ce, r->alpha_a) *
       PetscPowReal(r->c_max - cs_surf, r->alpha_a) * PetscPowReal(cs_surf, r->alpha_c);
  eta  = phis - phie - U - FilmAt(m, r, T, NULL) * J / fc;
  *res = J - fc * i0 *
                 (PetscExpReal(r->alpha_a * r->n * frt * eta) -
                  PetscExpReal(-r->alpha_c * r->n * frt * eta));
  return bad || !PetscIsNormalReal(*res + 1.0);
}

int FvKineticsResidualContact(const FvModel *m, const FvRegionModel *r, PetscReal fc, PetscReal c,
                              PetscReal cs_surf, PetscReal phis, PetscReal phie, PetscReal J,
                              PetscReal *res) {
  return FvKineticsResidualContactT(m, r, m->T, fc, c, cs_surf, phis, phie, J, res);
}

/* Full contact: jn is the current per particle area. */
int FvKineticsResidual(const FvModel *m, const FvRegionModel *r, PetscReal c, PetscReal cs_surf,
                       PetscReal phis, PetscReal phie, PetscReal jn, PetscReal *res) {
  return FvKineticsResidualContact(m, r, 1.0, c, cs_surf, phis, phie, jn, res);
}

/* Metal | electrolyte interface (docs/model.md §9): Butler-Volmer with U = 0
 * between the metal and the electrolyte at the interface, eta = phi_metal - phi_e - R_film j.
 * A face that touches the electrolyte on a fraction fc (interface voids, seed §3.4.1) passes
 * j = fc i_BV through the contacting part, whose film drop is R_film j/fc. */
int FvMetalKineticsResidualContactT(const FvModel *m, const FvRegionModel *r, PetscReal T,
                                    PetscReal fc, PetscReal c_face, PetscReal phi_metal,
                                    PetscReal phi_e_face, PetscReal j, PetscReal *res) {
  const PetscReal frt = FRTAt(m, T);
  PetscReal i0, eta;
  if (!(fc > 0)) {
    *res = j;
    return 0;
  }
  if (!(c_face > 0)) return 1;
  i0 = r->i0_metal * (r->ce_ref > 0 ? PetscPowReal(c_face / r->ce_ref, r->metal_ce_exponent) : 1.0);
  eta  = phi_metal - phi_e_face - FilmAt(m, r, T, NULL) * j / fc;
  *res = j - fc * i0 *
                 (PetscExpReal(r->alpha_a * r->n * frt * eta) -
                  PetscExpReal(-r->alpha_c * r->n * frt * eta));
  return !PetscIsNormalReal(*res + 1.0);
}

int FvMetalKineticsResidualContact(const FvModel *m, const FvRegionModel *r, PetscReal fc,
                                   PetscReal c_face, PetscReal phi_metal, PetscReal phi_e_face,
                                   PetscReal j, PetscReal *res) {
  return FvMetalKineticsResidualContactT(m, r, m->T, fc, c_face, phi_metal, phi_e_face, j, res);
}

int FvMetalKineticsResidual(const FvModel *m, const FvRegionModel *r, PetscReal c_face,
                            PetscReal phi_metal, PetscReal phi_e_face, PetscReal j,
                            PetscReal *res) {
  return FvMetalKineticsResidualContact(m, r, 1.0, c_face, phi_metal, phi_e_face, j, res);
}

/* Derivatives of FvKineticsResidualContact with respect to (fc, c, cs_surf, phis, phie, J).
 * With BV(eta) = exp(aa nF eta/RT) - exp(-ac nF eta/RT) and eta = phis - phie - U - R_film J/fc:
 *   d/dphis = -fc i0 BV',  d/dphie = fc i0 BV',  d/dJ = 1 + i0 BV' R_film,
 *   d/dcs   = -fc (di0/dcs BV - i0 BV' dU/dcs),  d/dc = -fc di0/dc BV,
 *   d/dfc   = -i0 (BV + BV' R_film J/fc). */
int FvKineticsJacobianContactT(const FvModel *m, const FvRegionModel *r, PetscReal T, PetscReal fc,
                               PetscReal c, PetscReal cs_surf, PetscReal phis, PetscReal phie,
                               PetscReal J, PetscReal *res, PetscReal d[7]) {
  PetscReal U, dU, dUT, k0, dk0, ce, base, dbase, i0, di0_dS, eta, ea, ec, BV, dBV, Rf, dRf;
  const PetscReal theta = cs_surf / r->c_max, nf = r->n * FRTAt(m, T);
  int bad = 0;
  for (int a = 0; a < 7; a++)
    d[a] = 0;
  if (!(fc > 0)) {
    *res = J;
    d[5] = 1;
    return 0;
  }
  if (!(c > 0) || !(theta > 0) || !(theta < 1)) return 1;
  bad |= OpenCircuitT(m, r, theta, T, &U, &dU, &dUT);
  dU /= r->c_max;
  bad |= FvPropertyEvalDeriv(&r->k0, r->k0.arg == FV_ARG_STO ? theta : cs_surf, T, m->R, &k0, &dk0);
  if (r->k0.arg == FV_ARG_STO) dk0 /= r->c_max;
  ce   = r->ce_ref > 0 ? c / r->ce_ref : c;
  base = r->n * m->F * PetscPowReal(ce, r->alpha_a) * PetscPowReal(r->c_max - cs_surf, r->alpha_a) *
         PetscPowReal(cs_surf, r->alpha_c);
  dbase  = base * (r->alpha_c / cs_surf - r->alpha_a / (r->c_max - cs_surf));
  i0     = k0 * base;
  di0_dS = dk0 * base + k0 * dbase;
  Rf     = FilmAt(m, r, T, &dRf);
  eta    = phis - phie - U - Rf * J / fc;
  ea     = PetscExpReal(r->alpha_a * nf * eta);
  ec     = PetscExpReal(-r->alpha_c * nf * eta);
  BV     = ea - ec;
  dBV    = nf * (r->alpha_a * ea + r->alpha_c * ec);
  *res   = J - fc * i0 * BV;
  d[0]   = -i0 * (BV + dBV * Rf * J / fc);
  d[1]   = -fc * r->alpha_a * i0 / c * BV;
  d[2]   = -fc * (di0_dS * BV - i0 * dBV * dU);
  d[3]   = -fc * i0 * dBV;
  d[4]   = fc * i0 * dBV;
  d[5]   = 1.0 + i0 * dBV * Rf;
  /* d/dT: i0 through k0's Arrhenius factor (Ea/(R T^2)), the exponents through nf = n F/(R T)
   * (dnf/dT = -nf/T) and eta through the entropic coefficient and the film (deta/dT = -dU/dT -
   * dR_film/dT J/fc) */
  {
    const PetscReal di0_dT = r->k0.Ea != 0 ? i0 * r->k0.Ea / (m->R * T * T) : 0.0;
    const PetscReal dBV_dT =
        -(nf / T) * eta * (r->alpha_a * ea + r->alpha_c * ec) - dBV * (dUT + dRf * J / fc);
    d[6] = -fc * (di0_dT * BV + i0 * dBV_dT);
  }
  return bad || !PetscIsNormalReal(*res + 1.0);
}

int FvKineticsJacobianContact(const FvModel *m, const FvRegionModel *r, PetscReal fc, PetscReal c,
                              PetscReal cs_surf, PetscReal phis, PetscReal phie, PetscReal J,
                              PetscReal *res, PetscReal d[6]) {
  PetscReal dT[7];
  const int bad = FvKineticsJacobianContactT(m, r, m->T, fc, c, cs_surf, phis, phie, J, res, dT);
  for (int a = 0; a < 6; a++)
    d[a] = dT[a];
  return bad;
}

/* Derivatives of FvMetalKineticsResidualContact with respect to (c_face, phi_metal, phi_e_face, j);
 * i0 = i0_metal (c_face/ce_ref)^p has di0/dc_face = p i0/c_face. */
int FvMetalKineticsJacobianContactT(const FvModel *m, const FvRegionModel *r, PetscReal T,
                                    PetscReal fc, PetscReal c_face, PetscReal phi_metal,
                                    PetscReal phi_e_face, PetscReal j, PetscReal *res,
                                    PetscReal d[5]) {
  PetscReal i0, di0, eta, ea, ec, BV, dBV, Rf, dRf;
  const PetscReal nf = r->n * FRTAt(m, T);
  for (int a = 0; a < 5; a++)
    d[a] = 0;
  if (!(fc > 0)) {
    *res = j;
    d[3] = 1;
    return 0;
  }
  if (!(c_face > 0)) return 1;
  i0 = r->i0_metal * (r->ce_ref > 0 ? PetscPowReal(c_face / r->ce_ref, r->metal_ce_exponent) : 1.0);
  di0  = r->ce_ref > 0 ? r->metal_ce_exponent * i0 / c_face : 0.0;
  Rf   = FilmAt(m, r, T, &dRf);
  eta  = phi_metal - phi_e_face - Rf * j / fc;
  ea   = PetscExpReal(r->alpha_a * nf * eta);
  ec   = PetscExpReal(-r->alpha_c * nf * eta);
  BV   = ea - ec;
  dBV  = nf * (r->alpha_a * ea + r->alpha_c * ec);
  *res = j - fc * i0 * BV;
  d[0] = -fc * di0 * BV;
  d[1] = -fc * i0 * dBV;
  d[2] = fc * i0 * dBV;
  d[3] = 1.0 + i0 * dBV * Rf;
  /* d/dT through nf = n F/(R T) and the film */
  d[4] = -fc * i0 * (-(nf / T) * eta * (r->alpha_a * ea + r->alpha_c * ec) - dBV * dRf * j / fc);
  return !PetscIsNormalReal(*res + 1.0);
}

int FvMetalKineticsJacobianContact(const FvModel *m, const FvRegionModel *r, PetscReal fc,
                                   PetscReal c_face, PetscReal phi_metal, PetscReal phi_e_face,
                                   PetscReal j, PetscReal *res, PetscReal d[4]) {
  PetscReal dT[5];
  const int bad =
      FvMetalKineticsJacobianContactT(m, r, m->T, fc, c_face, phi_metal, phi_e_face, j, res, dT);
  for (int a = 0; a < 4; a++)
    d[a] = dT[a];
  return bad;
}
