/* contact.h -- contact between active particles and the solid electrolyte of a composite
 * electrode (all-solid-state cathodes), and how it is lost as particles breathe.
 *
 * Owns: the contact laws behind one interface: the contacting fraction f_c of a particle
 * family's surface from its mean stoichiometry and its permanent contact f_p (a differential
 * unknown per family and control volume), and the rate law of f_p. Pointwise and free of PETSc
 * objects; the contact module (solver/module_contact.c) calls it.
 *
 * Default law FV_CONTACT_GAP (docs/model.md §8; Koerver et al., Chem. Mater. 29, 5574 (2017) for
 * the chemo-mechanical contraction of NCM811 against beta-Li3PS4; Bucci et al., J. Mater. Chem.
 * A 5, 19422 (2017) for the elastic mismatch with a rigid SE matrix; Tian & Qi, J. Electrochem.
 * Soc. 164, E3512 (2017) for interface contact loss):
 *   e_v  = dV/V(theta) - dV/V(theta_fab)           volumetric strain since fabrication
 *   e_r  = (1 + e_v)^(1/3) - 1                     radial strain
 *   e_acc = p / E*,  1/E* = (1 - nu_1^2)/E_1 + (1 - nu_2^2)/E_2   elastic accommodation by the
 *                                                  stack pressure p (active material, SE)
 *   g    = smax(0, -e_r - e_acc)                   gap strain, smax(0, x) = (x + sqrt(x^2 + w^2))/2
 *   h(g) = exp(-g / e_c)                           reversible contact
 *   df_p/dt = -k_irr f_p max(0, dg/dt) / e_c       permanent loss on every opening
 *   f_c  = f S,  f = f_0 f_p h(g),  S = smoothstep((f - f_iso + w_iso)/(2 w_iso))   isolation:
 *          S = 0 for f <= f_iso - w_iso, 1 for f >= f_iso + w_iso, 3t^2 - 2t^3 between (C1)
 * theta is the particle's volume-averaged stoichiometry. Contact returns on re-expansion except
 * for what each opening destroyed, so capacity fades with cycling, faster at low pressure, with
 * stiffer electrolytes and with high-strain materials. FV_CONTACT_NONE keeps f_c = f_0.
 *
 * Recovery by pressure (docs/assb.md §8, eqs. (P1)-(P3)): a share phi_rec of
 * every loss goes to a recoverable pool f_r (voids and delaminations a higher stack pressure
 * closes again; Shi et al., J. Mater. Chem. A 8, 17399 (2020)), the rest is permanent:
 *   df_r/dt = phi_rec k_irr f_p max(0, dg/dt) / e_c,   f_r(0) = 0
 * A rise of the stack pressure from p_old to p_new re-closes the share
 *   R = 1 - exp(-(p_new - p_old) / p_rec)   (0 when p_new <= p_old)
 * of the pool at once: f_p += R f_r, f_r -= R f_r. For small rises R = dp/p_rec, the plastic
 * junction growth A_r/A = p/H of Bowden & Tabor (The Friction and Lubrication of Solids, Oxford
 * 1950) with p_rec the electrolyte's hardness; R < 1 saturates so that what is re-closed never
 * exceeds the pool, and successive rises compose (2 -> 10 -> 300 MPa = 2 -> 300 MPa).
 * f_p + f_r <= 1 always: the permanent loss 1 - f_p - f_r only grows.
 * A second law is added as another FvContactKind with its branch in contact.c.
 */
#pragma once
#include "property.h"

typedef enum { FV_CONTACT_NONE = 0, FV_CONTACT_GAP } FvContactKind;

typedef struct {
  FvContactKind kind;
  PetscReal e_c, k_irr, f_iso, iso_width, gap_width;
  PetscReal sto_fab, e_acc; /* fabrication stoichiometry; accommodation strain p/E* */
  PetscReal dvv_fab;        /* dV/V at sto_fab */
  PetscReal compliance;     /* 1/E* [Pa-1]: e_acc = pressure compliance */
  PetscReal pressure;       /* the stack pressure in force [Pa] (FvContactSetPressure) */
  PetscReal phi_rec, p_rec; /* recoverable share of each loss; recovery pressure scale [Pa] */
  FvProperty dvv;           /* set-up copy (kind GAP only) */
} FvContactLaw;

/* Gap strain g and dg/dtheta at mean stoichiometry theta. Returns 1 outside the domain. */
int FvContactGap(const FvContactLaw *law, PetscReal T, PetscReal R, PetscReal theta, PetscReal *g,
                 PetscReal *dg_dtheta);
/* Contact fraction f_c of a family with fabrication contact f0 and permanent contact fp at
 * mean stoichiometry theta. */
int FvContactFraction(const FvContactLaw *law, PetscReal T, PetscReal R, PetscReal f0, PetscReal fp,
                      PetscReal theta, PetscReal *fc);
/* Residual of the permanent-contact equation: fp_t + k_irr fp max(0, dg/dt)/e_c, with
 * dg/dt = dg/dtheta theta_t. */
int FvContactResidual(const FvContactLaw *law, PetscReal T, PetscReal R, PetscReal fp,
                      PetscReal fp_t, PetscReal theta, PetscReal theta_t, PetscReal *res);
/* The same with dfc/dfp and dfc/dtheta. */
int FvContactFractionDeriv(const FvContactLaw *law, PetscReal T, PetscReal R, PetscReal f0,
                           PetscReal fp, PetscReal theta, PetscReal *fc, PetscReal *dfc_dfp,
                           PetscReal *dfc_dtheta);
/* The residual of FvContactResidual and its derivatives with respect to (fp, fp_t, theta,
 * theta_t); where the gap closes (dg/dt <= 0) the loss term is 0 and so are its derivatives. */
int FvContactResidualJacobian(const FvContactLaw *law, PetscReal T, PetscReal R, PetscReal fp,
                              PetscReal fp_t, PetscReal theta, PetscReal theta_t, PetscReal *res,
                              PetscReal d[4]);
/* Size-dependent isolation (docs/assb.md §9; Strauss et al., ACS Energy Lett. 3, 992 (2018)):
 * the share of a family's particles of radius R that is isolated from fabrication on,
 *   x(R) = x_max (1 - exp(-(R/R_c)^m))
 * a Weibull size effect (W. Weibull, J. Appl. Mech. 18, 293 (1951)): a particle fails with a
 * probability that grows with its volume at a given stress, m = 3 when the flaws are volume flaws
 * and the misfit stress does not depend on size; x_max is the share of a failed particle that loses
 * its contact. 0 when x_max = 0. The model gives such a family an isolated twin (f_0 = 0). */
typedef struct {
  PetscReal x_max, R_c, m;
} FvSizeIsolation;
PetscReal FvContactSizeIsolated(const FvSizeIsolation *s, PetscReal R);

/* Set the stack pressure p [Pa] in force: the accommodation strain becomes p/E*. */
void FvContactSetPressure(FvContactLaw *law, PetscReal p);
/* The share R of the recoverable pool that a change of the stack pressure from p_old to p_new
 * re-closes (0 unless the pressure rises and the law has a recoverable part). */
PetscReal FvContactRecoveredShare(const FvContactLaw *law, PetscReal p_old, PetscReal p_new);
/* The re-press of one family: *fp += R *fr, *fr -= R *fr with R of FvContactRecoveredShare. */
void FvContactRepress(const FvContactLaw *law, PetscReal p_old, PetscReal p_new, PetscReal *fp,
                      PetscReal *fr);
