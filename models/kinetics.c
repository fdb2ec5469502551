/* kinetics.c -- Butler-Volmer charge transfer at the particle | electrolyte interface.
 *
 * Owns: i_n = i0 [exp(alpha_a n F eta/RT) - exp(-alpha_c n F eta/RT)] with
 * i0 = n F k0 ce^alpha_a (c_max - c_s)^alpha_a c_s^alpha_c (docs/model.md §7), and
 * eta = phi_s - phi_e - U(theta) - R_film i_n. The film term makes i_n implicit, so i_n is an
 * unknown of its own and this returns the residual of its defining equation. PyBaMM's
 * "symmetric" form 2 j0 sinh(F eta / 2RT) is the alpha_a = alpha_c = 0.5 case with i0 = j0.
 */
#include <math.h>
#include "p2d.h"

int FvOpenCircuit(const FvModel *m, const FvRegionModel *r, PetscReal cs_surf, PetscReal *U) {
  return FvPropertyEval(&r->ocp, cs_surf / r->c_max, m->T, m->R, U);
}

/* A particle family that touches the electrolyte on a fraction fc of its surface: J is the
 * current per particle area (the particle's mean surface flux is J/(nF)), jn = J/fc the current
 * through the contacting area, which follows Butler-Volmer. Written as J - fc i_BV(eta(J/fc)) so
 * that an isolated family (fc = 0) has the regular row J = 0 instead of an unbounded jn. */
int FvKineticsResidualContact(const FvModel *m, const FvRegionModel *r, PetscReal fc, PetscReal c,
                              PetscReal cs_surf, PetscReal phis, PetscReal phie, PetscReal J,
                              PetscReal *res) {
  PetscReal U, k0, i0, eta, ce;
  const PetscReal theta = cs_surf / r->c_max;
  int bad               = 0;
  if (!(fc > 0)) {
    *res = J;
    return 0;
  }
  if (!(c > 0) || !(theta > 0) || !(theta < 1)) return 1;
  bad |= FvOpenCircuit(m, r, cs_surf, &U);
  bad |= FvPropertyEval(&r->k0, r->k0.arg == FV_ARG_STO ? theta : cs_surf, m->T, m->R, &k0);
  ce = r->ce_ref > 0 ? c / r->ce_ref : c;
  i0 = r->n * m->F * k0 * PetscPowReal(ce, r->alpha_a) *
       PetscPowReal(r->c_max - cs_surf, r->alpha_a) * PetscPowReal(cs_surf, r->alpha_c);
  eta  = phis - phie - U - r->R_film * J / fc;
  *res = J - fc * i0 *
                 (PetscExpReal(r->alpha_a * r->n * m->FRT * eta) -
                  PetscExpReal(-r->alpha_c * r->n * m->FRT * eta));
  return bad || !PetscIsNormalReal(*res + 1.0);
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
int FvMetalKineticsResidualContact(const FvModel *m, const FvRegionModel *r, PetscReal fc,
                                   PetscReal c_face, PetscReal phi_metal, PetscReal phi_e_face,
                                   PetscReal j, PetscReal *res) {
  PetscReal i0, eta;
  if (!(fc > 0)) {
    *res = j;
    return 0;
  }
  if (!(c_face > 0)) return 1;
  i0 = r->i0_metal * (r->ce_ref > 0 ? PetscPowReal(c_face / r->ce_ref, r->metal_ce_exponent) : 1.0);
  eta  = phi_metal - phi_e_face - r->R_film * j / fc;
  *res = j - fc * i0 *
                 (PetscExpReal(r->alpha_a * r->n * m->FRT * eta) -
                  PetscExpReal(-r->alpha_c * r->n * m->FRT * eta));
  return !PetscIsNormalReal(*res + 1.0);
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
int FvKineticsJacobianContact(const FvModel *m, const FvRegionModel *r, PetscReal fc, PetscReal c,
                              PetscReal cs_surf, PetscReal phis, PetscReal phie, PetscReal J,
                              PetscReal *res, PetscReal d[6]) {
  PetscReal U, dU, k0, dk0, ce, base, dbase, i0, di0_dS, eta, ea, ec, BV, dBV;
  const PetscReal theta = cs_surf / r->c_max, nf = r->n * m->FRT;
  int bad = 0;
  for (int a = 0; a < 6; a++)
    d[a] = 0;
  if (!(fc > 0)) {
    *res = J;
    d[5] = 1;
    return 0;
  }
  if (!(c > 0) || !(theta > 0) || !(theta < 1)) return 1;
  bad |= FvPropertyEvalDeriv(&r->ocp, theta, m->T, m->R, &U, &dU);
  dU /= r->c_max;
  bad |=
      FvPropertyEvalDeriv(&r->k0, r->k0.arg == FV_ARG_STO ? theta : cs_surf, m->T, m->R, &k0, &dk0);
  if (r->k0.arg == FV_ARG_STO) dk0 /= r->c_max;
  ce   = r->ce_ref > 0 ? c / r->ce_ref : c;
  base = r->n * m->F * PetscPowReal(ce, r->alpha_a) * PetscPowReal(r->c_max - cs_surf, r->alpha_a) *
         PetscPowReal(cs_surf, r->alpha_c);
  dbase  = base * (r->alpha_c / cs_surf - r->alpha_a / (r->c_max - cs_surf));
  i0     = k0 * base;
  di0_dS = dk0 * base + k0 * dbase;
  eta    = phis - phie - U - r->R_film * J / fc;
  ea     = PetscExpReal(r->alpha_a * nf * eta);
  ec     = PetscExpReal(-r->alpha_c * nf * eta);
  BV     = ea - ec;
  dBV    = nf * (r->alpha_a * ea + r->alpha_c * ec);
  *res   = J - fc * i0 * BV;
  d[0]   = -i0 * (BV + dBV * r->R_film * J / fc);
  d[1]   = -fc * r->alpha_a * i0 / c * BV;
  d[2]   = -fc * (di0_dS * BV - i0 * dBV * dU);
  d[3]   = -fc * i0 * dBV;
  d[4]   = fc * i0 * dBV;
  d[5]   = 1.0 + i0 * dBV * r->R_film;
  return bad || !PetscIsNormalReal(*res + 1.0);
}

/* Derivatives of FvMetalKineticsResidualContact with respect to (c_face, phi_metal, phi_e_face, j);
 * i0 = i0_metal (c_face/ce_ref)^p has di0/dc_face = p i0/c_face. */
int FvMetalKineticsJacobianContact(const FvModel *m, const FvRegionModel *r, PetscReal fc,
                                   PetscReal c_face, PetscReal phi_metal, PetscReal phi_e_face,
                                   PetscReal j, PetscReal *res, PetscReal d[4]) {
  PetscReal i0, di0, eta, ea, ec, BV, dBV;
  const PetscReal nf = r->n * m->FRT;
  for (int a = 0; a < 4; a++)
    d[a] = 0;
  if (!(fc > 0)) {
    *res = j;
    d[3] = 1;
    return 0;
  }
  if (!(c_face > 0)) return 1;
  i0 = r->i0_metal * (r->ce_ref > 0 ? PetscPowReal(c_face / r->ce_ref, r->metal_ce_exponent) : 1.0);
  di0  = r->ce_ref > 0 ? r->metal_ce_exponent * i0 / c_face : 0.0;
  eta  = phi_metal - phi_e_face - r->R_film * j / fc;
  ea   = PetscExpReal(r->alpha_a * nf * eta);
  ec   = PetscExpReal(-r->alpha_c * nf * eta);
  BV   = ea - ec;
  dBV  = nf * (r->alpha_a * ea + r->alpha_c * ec);
  *res = j - fc * i0 * BV;
  d[0] = -fc * di0 * BV;
  d[1] = -fc * i0 * dBV;
  d[2] = fc * i0 * dBV;
  d[3] = 1.0 + i0 * dBV * r->R_film;
  return !PetscIsNormalReal(*res + 1.0);
}
