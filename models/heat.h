/* heat.h -- the heat sources of the cell, pointwise (docs/thermal.md §2, eqs. (T1)-(T9)).
 *
 * Owns: the ohmic heat of a face (electrolyte, with its diffusion-potential term, and solid), its
 * split between the two half cells, the reaction heats of a particle family per volume
 * (irreversible with the film drop, reversible, and the Rao-Newman term that evaluates them with
 * the particle-average OCP), the heat of a metal | electrolyte interface and of the series contact
 * resistance, and the open-circuit potential at a temperature through its entropic coefficient.
 * Heats are W m-3 of cell (per control volume) or W m-2 of face; positive = released.  Like the
 * rest of models/ this is plain functions of a state: no mesh, no files, no printing.
 */
#pragma once
#include <petscsys.h>
#include "cell_params.h"

/* The heat terms of a control volume [W m-3], in output order (FV_HEAT_TOTAL is their sum). */
typedef enum {
  FV_HEAT_OHMIC_ELECTROLYTE = 0, /* -i_e . grad phi_e, diffusion potential included (T1) */
  FV_HEAT_OHMIC_SOLID,           /* -i_s . grad phi_s (T2) */
  FV_HEAT_IRREVERSIBLE,          /* a J (phi_s - phi_e - U): kinetic and film (T4) */
  FV_HEAT_REVERSIBLE,            /* a J T dU/dT (T5) */
  FV_HEAT_MIXING,                /* Rao-Newman: a J (U_surf - U_avg) (T6); 0 in the local form */
  FV_HEAT_INTERFACE,             /* metal | electrolyte interface j (phi_M - phi_e) (T7) */
  FV_HEAT_CONTACT,               /* series contact resistance R_c I^2 (T8) */
  FV_HEAT_TOTAL,
  FV_NHEAT
} FvHeatTerm;
/* Their output names (heat_ohmic_electrolyte, ...), FV_NHEAT of them. */
const char *FvHeatTermName(FvHeatTerm k);

/* Ohmic heat of a face that carries the current density i [A m-2] (along +x) from the potential
 * phiL on its left to phiR on its right: -i (phiR - phiL) [W m-2 of face] (T3).  For the
 * electrolyte, i is the whole current of docs/model.md eq. (3), so the diffusion-potential term is
 * included; the face sums telescope exactly against the charge balance (docs/thermal.md §3). */
PetscReal FvHeatFace(PetscReal i, PetscReal phiL, PetscReal phiR);
/* The face heat q shared between the left and the right half cells in proportion to their
 * resistances hL/XL and hR/XR (X the conductivity): exact for a purely ohmic face, whose half
 * cells dissipate i^2 h/(2X) each.  qL + qR = q. */
void FvHeatFaceSplit(PetscReal q, PetscReal hL, PetscReal XL, PetscReal hR, PetscReal XR,
                     PetscReal *qL, PetscReal *qR);

/* Open-circuit potential at temperature T through the entropic coefficient (T9):
 * U(sto, T) = U(sto) + (T - T_ocp) dU/dT(sto), T_ocp = the OCP's reference_temperature.  dUdT may
 * be unset (0).  Returns 0 or FV_PROP_OUT_OF_RANGE like FvPropertyEval. */
int FvHeatOpenCircuit(const FvProperty *ocp, const FvProperty *dUdT, PetscReal sto, PetscReal T,
                      PetscReal R, PetscReal *U, PetscReal *dudt);

/* Reaction heats of a particle family per volume [W m-3] with aJ the family's reaction current per
 * volume [A m-3] (anodic positive), the potentials and the surface and volume-average
 * stoichiometries (T4)-(T6):
 *   local:       irreversible a J (phis - phie - U(sto_surf)), reversible a J T dU/dT(sto_surf);
 *   rao_newman:  the same irreversible term, reversible at sto_avg, and the mixing term
 *                a J (U(sto_surf) - U(sto_avg)), so that their sum is
 *                a J (phis - phie - U(sto_avg) + T dU/dT(sto_avg)), DUALFOIL's integrand.
 * q[FV_HEAT_IRREVERSIBLE], q[FV_HEAT_REVERSIBLE], q[FV_HEAT_MIXING] are written.  Returns 0, or
 * FV_PROP_OUT_OF_RANGE when an OCP is evaluated outside its range. */
int FvHeatReaction(FvReactionHeat form, const FvProperty *ocp, const FvProperty *dUdT, PetscReal R,
                   PetscReal T, PetscReal aJ, PetscReal phis, PetscReal phie, PetscReal sto_surf,
                   PetscReal sto_avg, PetscReal q[FV_NHEAT]);

/* The sum of the three reaction heats of FvHeatReaction, *q = q_irr + q_rev + q_mix [W m-3], and
 * its derivatives d[] with respect to (aJ, phis, phie, sto_surf, sto_avg, T).  In the local form
 * the sum is a J (phis - phie - U0(sto_surf) + T_ocp dU/dT(sto_surf)); in the Rao-Newman form the
 * surface OCP cancels and it is a J (phis - phie - U0(sto_avg) + T_ocp dU/dT(sto_avg)), U0 the OCP
 * at its reference temperature T_ocp: with (T9) neither depends on T (d[5] = 0 unless the OCP
 * itself carries an Arrhenius factor, which no material has).  Returns like FvHeatReaction. */
int FvHeatReactionDeriv(FvReactionHeat form, const FvProperty *ocp, const FvProperty *dUdT,
                        PetscReal R, PetscReal T, PetscReal aJ, PetscReal phis, PetscReal phie,
                        PetscReal sto_surf, PetscReal sto_avg, PetscReal *q, PetscReal d[6]);

/* Heat of a metal | electrolyte interface passing the anodic current density j [A m-2] between
 * the metal at phi_metal and the electrolyte at phi_e_face: j (phi_metal - phi_e_face) [W m-2],
 * the kinetic and the film (ohmic) drop of docs/model.md eq. (25) (T7). */
PetscReal FvHeatInterface(PetscReal j, PetscReal phi_metal, PetscReal phi_e_face);
/* Heat of the series contact resistance R_c [Ohm m2] at the cell current [A m-2]: R_c I^2 (T8). */
PetscReal FvHeatContact(PetscReal R_contact, PetscReal current);

/* Conduction (T10) in finite volumes (docs/thermal.md §4).  The heat flux [W m-2] along +x through
 * the face between a cell of width hL and conductivity lamL at TL and one of hR, lamR at TR: the
 * two half-cell resistances in series (the harmonic mean, exact for a conductivity that jumps at
 * the face). */
PetscReal FvHeatConductionFace(PetscReal hL, PetscReal lamL, PetscReal hR, PetscReal lamR,
                               PetscReal TL, PetscReal TR);
/* The heat flux along +x through a collector face of a cell (width h, conductivity lam, at T):
 * side -1 the face x = 0, +1 the face x = L.  Convective: the half cell in series with 1/htc to
 * the ambient (htc = 0: insulated); fixed: the face held at T_amb (the half cell alone). */
PetscReal FvHeatBoundaryFlux(FvThermalFace face, int side, PetscReal h, PetscReal lam, PetscReal T,
                             PetscReal htc, PetscReal T_amb);
