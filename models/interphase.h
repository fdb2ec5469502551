/* interphase.h -- a resistive interphase that grows at the active | solid-electrolyte interface of
 * a composite cathode (sulfide solid electrolytes oxidised by a charged layered oxide).
 *
 * Owns: the growth law's parameters and its pointwise side current. Pointwise and free of PETSc
 * objects; the interphase module (solver/module_interphase.c) owns the unknowns and rows
 * (docs/assb.md §7).
 *
 * Koerver et al., Chem. Mater. 29, 5574 (2017): beta-Li3PS4 in contact with NCM-811 is oxidised
 * from the first charge on (sulfite, sulfate, phosphate species at the interface), the cathode's
 * interfacial resistance rises on the first charge and the first-cycle coulombic efficiency is
 * about 70 %. The side reaction releases Li+ into the electrolyte and electrons into the active
 * particle, like delithiation, but stores nothing: the charge it passes does not come back.
 * Growth law: a potential-driven (Tafel) oxidation rate limited in series by transport through
 * the film already formed, the form of the solvent-diffusion-limited SEI of Pinson & Bazant,
 * J. Electrochem. Soc. 160, A243 (2013), eqs. 11-13, which grows parabolically (R^2 ~ t) once
 * the film limits it; Zhang et al., ACS Appl. Mater. Interfaces 9, 17835 (2017) measure this
 * square-root-of-time rise of the NCM | sulfide interfacial resistance. Per contacting area:
 *   j_k  = i_ref exp(alpha F (phi_s - phi_e - U_ref) / RT)       kinetic (Tafel) rate
 *   j_sd = j_k / (1 + 2 beta R j_k / k_R)                         in series with the film
 *   dR/dt = beta j_sd                                             resistance grows with the charge
 * R the film's area-specific resistance, beta its growth per consumed charge (resistivity times
 * the film volume formed per coulomb), k_R the parabolic rate: with j_k large, R^2 = R_0^2 + k_R t.
 * The resistance adds to the film drop of the Butler-Volmer row (eta - R J/f_c).
 */
#pragma once
#include <petscsys.h>

typedef struct {
  PetscBool enabled;
  PetscReal U_ref; /* potential phi_s - phi_e at which the kinetic rate is i_ref [V] */
  PetscReal i_ref; /* kinetic side current density at U_ref per contacting area [A m-2] */
  PetscReal alpha; /* transfer coefficient of the oxidation */
  PetscReal beta;  /* resistance per consumed charge [ohm m2 / (C m-2)] */
  PetscReal k_R;   /* parabolic rate of the resistance, R^2 = k_R t [ohm2 m4 s-1] */
  PetscReal R0;    /* resistance at fabrication [ohm m2] */
} FvInterphaseLaw;

/* Side current density j per contacting area [A m-2] at the potential difference dphi = phi_s -
 * phi_e and film resistance R, with dj/ddphi and dj/dR (either may be NULL). frt = F/RT. Returns
 * 1 outside the domain (R < 0, or an exponent beyond 200). */
int FvInterphaseCurrent(const FvInterphaseLaw *law, PetscReal frt, PetscReal dphi, PetscReal R,
                        PetscReal *j, PetscReal *dj_ddphi, PetscReal *dj_dR);
