/* thermal.h -- the thermal layers of a validated case: thicknesses, densities, specific heats and
 * conductivities of the sandwich's five layers, and the lumped heat capacity per electrode area.
 *
 * Owns: the accounting of the heat capacity (docs/thermal.md §4).  A layer's mass per area is its
 * given density times its thickness, or else its mass in the stack unit of solver/energy.h (the
 * same collectors, electrode components and pore liquid as the energy accounting); its specific
 * heat is its own or the thermal section's single value (DUALFOIL's lumped Cp).  m c_p is the
 * section's heat_capacity when given, else the sum over the layers.  Reads FvCase only.
 */
#pragma once
#include "case.h"

typedef struct {
  PetscReal thickness[FV_NLAYERS]; /* [m] (a collector: its share in the stack unit) */
  PetscReal mass[FV_NLAYERS];      /* [kg m-2] */
  PetscReal density[FV_NLAYERS];   /* [kg m-3] */
  PetscReal cp[FV_NLAYERS];        /* [J kg-1 K-1] (0: not known) */
  PetscReal lambda[FV_NLAYERS];    /* [W m-1 K-1] (0: not given) */
  PetscReal heat_capacity;         /* m c_p per electrode area [J m-2 K-1] (NaN: not known) */
  PetscBool known;                 /* every layer's mass and specific heat are known */
  char missing[512];               /* what is not known, for messages */
} FvThermalStack;

/* The layers of case c. Unknown parts leave known false (and heat_capacity NaN unless given). */
PetscErrorCode FvThermalStackCompute(const FvCase *c, FvThermalStack *ts);
/* The layer names as case keys (thermal: negative_collector:, ...), FV_NLAYERS of them. */
const char *FvThermalLayerName(PetscInt layer);
