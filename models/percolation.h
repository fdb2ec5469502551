/* percolation.h -- the percolation law of a conducting phase in a composite electrode: the
 * effective conductivity of the solid-electrolyte network (ionic) and of the active-material /
 * carbon network (electronic) against the phase's volume fraction.
 *
 * Owns: the pointwise law and its derivatives, shared by the model (models/p2d_model.c) and the
 * calibration tool (bench/calibrate/calibrate_assb.c), so that what is fitted is what is run:
 *   sigma_eff = sigma ((phi - phi_c)/(1 - phi_c))^mu   for phi > phi_c, else 0
 * the power law of a conducting phase above its threshold phi_c (D. Stauffer, A. Aharony,
 * Introduction to Percolation Theory, 2nd ed., Taylor & Francis 1994, ch. 5); for composite
 * cathodes Bielefeld et al., J. Phys. Chem. C 123, 1626 (2019), and the measured networks of
 * Minnmann et al., J. Electrochem. Soc. 168, 040537 (2021) (docs/assb.md §1).
 */
#pragma once
#include <petscsys.h>

/* sigma ((phi - phi_c)/(1 - phi_c))^mu above the threshold, 0 at or below it. */
PetscReal FvPercolationConductivity(PetscReal sigma, PetscReal phi, PetscReal phi_c, PetscReal mu);
/* ln(sigma_eff/sigma) and its derivatives with respect to phi_c and mu, above the threshold
 * (phi > phi_c, 0 <= phi_c < 1). Returns 1 at or below it (the logarithm is -infinity). */
int FvPercolationLogRatio(PetscReal phi, PetscReal phi_c, PetscReal mu, PetscReal *lr,
                          PetscReal *dlr_dphic, PetscReal *dlr_dmu);
