/* contact.c -- the contact laws of contact.h (equations and sources there). */
#include <math.h>
#include "contact.h"

static PetscReal SmoothMax0(PetscReal x, PetscReal w, PetscReal *dx) {
  const PetscReal s = PetscSqrtReal(x * x + w * w);
  *dx               = 0.5 * (1.0 + x / s);
  return 0.5 * (x + s);
}

int FvContactGap(const FvContactLaw *law, PetscReal T, PetscReal R, PetscReal theta, PetscReal *g,
                 PetscReal *dg_dtheta) {
  PetscReal v, dvdt, ev, er, der, x, dx;
  if (law->kind != FV_CONTACT_GAP) {
    *g = *dg_dtheta = 0;
    return 0;
  }
  if (!(theta > -0.05 && theta < 1.05)) return 1;
  /* dV/V and its slope (FvPropertyEvalDeriv: the interpolant's own slope, one-sided at a table's
   * ends, where the fabricated state often sits). Outside a dV/V table the end value holds
   * (clamped, slope 0): the strain of a slightly over-lithiated or over-charged particle is that
   * of the table's end. */
  (void)FvPropertyEvalDeriv(&law->dvv, theta, T, R, &v, &dvdt);
  ev = v - law->dvv_fab;
  if (!(ev > -1)) return 1;
  er         = PetscCbrtReal(1.0 + ev) - 1.0;
  der        = dvdt / (3.0 * PetscPowReal(1.0 + ev, 2.0 / 3.0));
  x          = -er - law->e_acc;
  *g         = SmoothMax0(x, law->gap_width, &dx);
  *dg_dtheta = -dx * der;
  return 0;
}

int FvContactFraction(const FvContactLaw *law, PetscReal T, PetscReal R, PetscReal f0, PetscReal fp,
                      PetscReal theta, PetscReal *fc) {
  PetscReal g, dg, f;
  if (law->kind == FV_CONTACT_NONE) {
    *fc = f0;
    return 0;
  }
  if (FvContactGap(law, T, R, theta, &g, &dg)) return 1;
  f = f0 * fp * PetscExpReal(-g / law->e_c);
  { /* isolation: a C1 smoothstep from 0 at f_iso - w to 1 at f_iso + w (exactly 0 below, so an
     * isolated family takes no current however large its overpotential) */
    const PetscReal t = (f - law->f_iso + law->iso_width) / (2 * law->iso_width);
    const PetscReal S = t <= 0 ? 0 : (t >= 1 ? 1 : t * t * (3 - 2 * t));
    *fc               = f * S;
  }
  return 0;
}

int FvContactResidual(const FvContactLaw *law, PetscReal T, PetscReal R, PetscReal fp,
                      PetscReal fp_t, PetscReal theta, PetscReal theta_t, PetscReal *res) {
  PetscReal g, dg, rate;
  if (law->kind == FV_CONTACT_NONE) {
    *res = fp_t;
    return 0;
  }
  if (FvContactGap(law, T, R, theta, &g, &dg)) return 1;
  rate = dg * theta_t; /* dg/dt: only opening (> 0) destroys contact */
  *res = fp_t + law->k_irr * fp * PetscMax(rate, 0.0) / law->e_c;
  return 0;
}

int FvContactFractionDeriv(const FvContactLaw *law, PetscReal T, PetscReal R, PetscReal f0,
                           PetscReal fp, PetscReal theta, PetscReal *fc, PetscReal *dfc_dfp,
                           PetscReal *dfc_dtheta) {
  PetscReal g, dg, h, f;
  if (law->kind == FV_CONTACT_NONE) {
    *fc      = f0;
    *dfc_dfp = *dfc_dtheta = 0;
    return 0;
  }
  if (FvContactGap(law, T, R, theta, &g, &dg)) return 1;
  h = PetscExpReal(-g / law->e_c);
  f = f0 * fp * h;
  {
    const PetscReal t  = (f - law->f_iso + law->iso_width) / (2 * law->iso_width);
    const PetscReal S  = t <= 0 ? 0 : (t >= 1 ? 1 : t * t * (3 - 2 * t));
    const PetscReal dS = t <= 0 || t >= 1 ? 0 : 6 * t * (1 - t) / (2 * law->iso_width);
    const PetscReal df = S + f * dS; /* d(f S)/df */
    *fc                = f * S;
    *dfc_dfp           = df * f0 * h;
    *dfc_dtheta        = df * (-f / law->e_c * dg);
  }
  return 0;
}

int FvContactResidualJacobian(const FvContactLaw *law, PetscReal T, PetscReal R, PetscReal fp,
                              PetscReal fp_t, PetscReal theta, PetscReal theta_t, PetscReal *res,
                              PetscReal d[4]) {
  PetscReal g, dg, rate;
  d[0] = d[2] = d[3] = 0;
  d[1]               = 1;
  if (law->kind == FV_CONTACT_NONE) {
    *res = fp_t;
    return 0;
  }
  if (FvContactGap(law, T, R, theta, &g, &dg)) return 1;
  rate = dg * theta_t;
  *res = fp_t + law->k_irr * fp * PetscMax(rate, 0.0) / law->e_c;
  if (rate > 0) {
    /* d(dg/dtheta)/dtheta: a central difference of the analytic slope (the properties carry
     * first derivatives only); its truncation error is O(delta^2) of the curvature's scale */
    const PetscReal delta = 1e-6;
    PetscReal gp, dgp, gm, dgm;
    int bad = FvContactGap(law, T, R, theta + delta, &gp, &dgp);
    bad |= FvContactGap(law, T, R, theta - delta, &gm, &dgm);
    d[0] = law->k_irr * rate / law->e_c;
    d[2] = bad ? 0 : law->k_irr * fp / law->e_c * (dgp - dgm) / (2 * delta) * theta_t;
    d[3] = law->k_irr * fp / law->e_c * dg;
  }
  return 0;
}

void FvContactSetPressure(FvContactLaw *law, PetscReal p) {
  law->pressure = p;
  law->e_acc    = p * law->compliance;
}

PetscReal FvContactRecoveredShare(const FvContactLaw *law, PetscReal p_old, PetscReal p_new) {
  if (law->kind == FV_CONTACT_NONE || !(law->phi_rec > 0) || !(law->p_rec > 0) || !(p_new > p_old))
    return 0;
  return -expm1(-(p_new - p_old) / law->p_rec); /* 1 - exp(-dp/p_rec) in [0, 1) */
}

void FvContactRepress(const FvContactLaw *law, PetscReal p_old, PetscReal p_new, PetscReal *fp,
                      PetscReal *fr) {
  const PetscReal R = FvContactRecoveredShare(law, p_old, p_new), back = R * PetscMax(*fr, 0.0);
  *fp += back;
  *fr -= back;
}

PetscReal FvContactSizeIsolated(const FvSizeIsolation *s, PetscReal R) {
  if (!(s->x_max > 0) || !(s->R_c > 0) || !(R > 0)) return 0;
  return -s->x_max * expm1(-PetscPowReal(R / s->R_c, s->m));
}
