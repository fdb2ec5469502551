/* interphase.c -- the interphase growth law of interphase.h (equations and sources there). */
#include <math.h>
#include "interphase.h"

int FvInterphaseCurrent(const FvInterphaseLaw *law, PetscReal frt, PetscReal dphi, PetscReal R,
                        PetscReal *j, PetscReal *dj_ddphi, PetscReal *dj_dR) {
  const PetscReal x = law->alpha * frt * (dphi - law->U_ref);
  PetscReal jk, g, den;
  if (dj_ddphi) *dj_ddphi = 0;
  if (dj_dR) *dj_dR = 0;
  *j = 0;
  if (!law->enabled || law->i_ref == 0) return 0;
  if (!(x < 200)) return 1;
  jk = law->i_ref * PetscExpReal(x);
  if (law->limit == FV_INTERPHASE_LOGARITHMIC) {
    const PetscReal s = PetscExpReal(-R / law->R_t);
    if (!(R > -law->R_t)) return 1; /* R well below 0: not a film */
    *j = jk * s;
    if (dj_ddphi) *dj_ddphi = law->alpha * frt * *j;
    if (dj_dR) *dj_dR = -*j / law->R_t;
    return 0;
  }
  g   = 2 * law->beta / law->k_R; /* the film's transport limit: j_d = 1/(g R) */
  den = 1 + g * R * jk;
  if (!(den > 0.5)) return 1; /* R well below 0: not a film */
  *j = jk / den;
  /* d/djk of jk/(1 + g R jk) = 1/den^2; djk/ddphi = alpha frt jk */
  if (dj_ddphi) *dj_ddphi = law->alpha * frt * jk / (den * den);
  if (dj_dR) *dj_dR = -g * jk * jk / (den * den);
  return 0;
}
