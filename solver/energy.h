/* energy.h -- cell-level energy accounting of a validated case.
 *
 * Owns: the repeating stack unit per electrode area (half of each current collector when the
 * electrodes are double-coated -- the BatPaC convention --, the composite electrodes with every
 * component's density, the separator with its porosity, a metal electrode as fabricated, liquid
 * electrolyte in the pores of liquid regions, optional packaging overhead), and the static
 * (full-utilisation) energy: the rated capacity of the positive electrode's stoichiometry window at
 * its mean open-circuit voltage, and the equilibrium discharge between the voltage cut-offs.
 * Specific energy = energy / mass, energy density = energy / (thickness x area).  It reads FvCase
 * only (no files, no printing); the stack inputs are the `cell:` keys (FvStackSpec).
 */
#pragma once
#include "case.h"

typedef struct {
  /* areal masses [kg m-2] and thicknesses [m] of the unit: positive collector share, positive
   * electrode, separator, negative electrode, negative collector share, packaging overhead */
  PetscReal mass_part[6], thick_part[6];
  PetscReal mass, thickness;  /* totals (packaging included) */
  PetscReal metal_fabricated; /* a metal electrode's inventory as fabricated [C m-2] (0: none) */
  PetscReal rated_capacity;   /* positive window capacity eps_am L c_max n F |window| [A h m-2] */
  PetscReal rated_voltage;    /* mean OCV over the window [V] */
  PetscReal rated_energy; /* rated_capacity x rated_voltage [W h m-2] (the seed's Fig. 13 basis) */
  PetscReal static_capacity; /* equilibrium discharge from the charged end of the window to the */
  PetscReal static_energy;   /*   lower cut-off [A h m-2], [W h m-2]: what a rate -> 0 delivers */
  PetscBool mass_known;      /* every density and thickness of the unit is known */
  PetscBool energy_known; /* the OCV could be integrated (metal negative, positive with a window) */
  char missing[256];      /* what is not known, for messages */
} FvStack;

enum {
  FV_STACK_POS_CC = 0,
  FV_STACK_POS,
  FV_STACK_SEP,
  FV_STACK_NEG,
  FV_STACK_NEG_CC,
  FV_STACK_PACK
};

/* The stack unit and the static energy of case c.  Unknown parts leave mass_known/energy_known
 * false (and NaN results), never an error. */
PetscErrorCode FvStackCompute(const FvCase *c, FvStack *s);
/* Specific energy [W h kg-1] and energy density [W h L-1] of an areal energy [W h m-2]. */
PetscReal FvStackSpecificEnergy(const FvStack *s, PetscReal energy);
PetscReal FvStackEnergyDensity(const FvStack *s, PetscReal energy);
