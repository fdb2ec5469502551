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
 * Growth law: a potential-driven (Tafel) oxidation rate limited by the film already formed, in
 * one of two forms of the SEI literature (Single, Latz & Horstmann, ChemSusChem 11, 1950 (2018)
 * compare them), per contacting area:
 *   j_k  = i_ref exp(alpha F (phi_s - phi_e - U_ref) / RT)       kinetic (Tafel) rate
 *   parabolic:   j_sd = j_k / (1 + 2 beta R j_k / k_R)   transport through the film in series
 *                (Pinson & Bazant, J. Electrochem. Soc. 160, A243 (2013), eqs. 11-13): with j_k
 *                large R^2 = R_0^2 + k_R t; Zhang et al., ACS Appl. Mater. Interfaces 9, 17835
 *                (2017) see such a square-root-of-time rise of an NCM | sulfide interface
 *   logarithmic: j_sd = j_k exp(-R / R_t)                electron tunnelling through the film
 *                (Li et al., J. Electrochem. Soc. 162, A858 (2015)): R = R_t ln(1 + beta j_k t /
 *                R_t) at a fixed potential, a film that passivates after its first formation
 *   dR/dt = beta j_sd                                             resistance grows with the charge
 * R the film's area-specific resistance, beta its growth per consumed charge (resistivity times
 * the film volume formed per coulomb). The resistance adds to the film drop of the Butler-Volmer
 * row (eta - R J/f_c).
 */
#pragma once
#include <petscsys.h>

typedef enum { FV_INTERPHASE_PARABOLIC = 0, FV_INTERPHASE_LOGARITHMIC } FvInterphaseLimit;

typedef struct {
  PetscBool enabled;
  FvInterphaseLimit limit; /* how the film limits its own growth */
  PetscReal U_ref;         /* potential phi_s - phi_e at which the kinetic rate is i_ref [V] */
  PetscReal i_ref;         /* kinetic side current density at U_ref per contacting area [A m-2] */
  PetscReal alpha;         /* transfer coefficient of the oxidation */
  PetscReal beta;          /* resistance per consumed charge [ohm m2 / (C m-2)] */
  PetscReal k_R;           /* parabolic: rate of the resistance, R^2 = k_R t [ohm2 m4 s-1] */
  PetscReal R_t;           /* logarithmic: tunnelling resistance scale [ohm m2] */
  PetscReal R0;            /* resistance at fabrication [ohm m2] */
} FvInterphaseLaw;

/* Side current density j per contacting area [A m-2] at the potential difference dphi = phi_s -
 * phi_e and film resistance R, with dj/ddphi and dj/dR (either may be NULL). frt = F/RT. Returns
 * 1 outside the domain (R < 0, or an exponent beyond 200). */
int FvInterphaseCurrent(const FvInterphaseLaw *law, PetscReal frt, PetscReal dphi, PetscReal R,
                        PetscReal *j, PetscReal *dj_ddphi, PetscReal *dj_dR);
