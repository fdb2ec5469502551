/* percolation.c -- the percolation law of a composite's conducting network (see percolation.h). */
#include "percolation.h"

PetscReal FvPercolationConductivity(PetscReal sigma, PetscReal phi, PetscReal phi_c, PetscReal mu) {
  if (!(phi > phi_c)) return 0;
  return sigma * PetscPowReal((phi - phi_c) / (1 - phi_c), mu);
}

int FvPercolationLogRatio(PetscReal phi, PetscReal phi_c, PetscReal mu, PetscReal *lr,
                          PetscReal *dlr_dphic, PetscReal *dlr_dmu) {
  PetscReal x;
  if (!(phi > phi_c) || !(phi_c < 1)) return 1;
  x = (phi - phi_c) / (1 - phi_c);
  /* ln x = ln(phi - phi_c) - ln(1 - phi_c): d/dphi_c = -1/(phi - phi_c) + 1/(1 - phi_c) */
  if (lr) *lr = mu * PetscLogReal(x);
  if (dlr_dphic) *dlr_dphic = mu * (-1 / (phi - phi_c) + 1 / (1 - phi_c));
  if (dlr_dmu) *dlr_dmu = PetscLogReal(x);
  return 0;
}
