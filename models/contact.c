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
  /* dV/V and its slope: a centred difference keeps tables and closed forms alike */
  const PetscReal d = 1e-6;
  PetscReal v, vp, vm, ev, er, der, x, dx;
  if (law->kind != FV_CONTACT_GAP) {
    *g = *dg_dtheta = 0;
    return 0;
  }
  if (!(theta > -0.05 && theta < 1.05)) return 1;
  int up, dn;
  PetscReal dvdt;
  /* outside a dV/V table the end value holds (FvPropertyEval clamps): the strain of a slightly
   * over-lithiated or over-charged particle is that of the table's end */
  (void)FvPropertyEval(&law->dvv, theta, T, R, &v);
  /* one-sided at the ends of a table (the fabricated state often sits at its end) */
  up   = FvPropertyEval(&law->dvv, theta + d, T, R, &vp);
  dn   = FvPropertyEval(&law->dvv, theta - d, T, R, &vm);
  dvdt = up && dn ? 0 : (up ? (v - vm) / d : (dn ? (vp - v) / d : (vp - vm) / (2 * d)));
  ev   = v - law->dvv_fab;
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
