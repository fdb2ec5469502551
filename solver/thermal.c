/* thermal.c -- the thermal layers and the lumped heat capacity of a case (see thermal.h). */
#include <math.h>
#include <string.h>
#include "energy.h"
#include "thermal.h"

static const char *const layer_names[FV_NLAYERS] = {"negative_collector", "negative", "separator",
                                                    "positive", "positive_collector"};
/* the stack unit's part (solver/energy.h) of each layer */
static const int stack_part[FV_NLAYERS] = {FV_STACK_NEG_CC, FV_STACK_NEG, FV_STACK_SEP,
                                           FV_STACK_POS, FV_STACK_POS_CC};

const char *FvThermalLayerName(PetscInt layer) {
  return layer >= 0 && layer < FV_NLAYERS ? layer_names[layer] : "?";
}

PetscErrorCode FvThermalStackCompute(const FvCase *c, FvThermalStack *ts) {
  const FvThermal *t = &c->thermal;
  FvStack st;
  PetscReal sum = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(ts, sizeof *ts));
  PetscCall(FvStackCompute(c, &st));
  ts->known = PETSC_TRUE;
  for (PetscInt k = FV_NLAYERS - 1; k >= 0; k--) { /* the first missing layer is named last */
    const FvThermalLayer *ly = &t->layer[k];
    const int part           = stack_part[k];
    ts->thickness[k]         = st.thick_part[part];
    if (ly->density > 0) {
      ts->density[k] = ly->density;
      ts->mass[k]    = ly->density * ts->thickness[k];
    } else {
      /* energy.c's accounting: a part with a missing density makes mass_known false; which part
       * it was is in st.missing */
      ts->mass[k]    = st.mass_known ? st.mass_part[part] : NAN;
      ts->density[k] = ts->thickness[k] > 0 ? ts->mass[k] / ts->thickness[k] : 0;
      if (!st.mass_known) {
        ts->known = PETSC_FALSE;
        snprintf(ts->missing, sizeof ts->missing, "the %s layer's density (the stack lacks %.256s)",
                 layer_names[k], st.missing);
      }
    }
    ts->cp[k]     = ly->specific_heat > 0 ? ly->specific_heat : t->specific_heat;
    ts->lambda[k] = ly->conductivity;
    if (!(ts->cp[k] > 0) && ts->thickness[k] > 0) {
      ts->known = PETSC_FALSE;
      snprintf(ts->missing, sizeof ts->missing, "the %s layer's specific_heat", layer_names[k]);
    }
    sum += ts->mass[k] * ts->cp[k];
  }
  ts->heat_capacity = t->heat_capacity > 0 ? t->heat_capacity : ts->known ? sum : NAN;
  PetscFunctionReturn(PETSC_SUCCESS);
}
