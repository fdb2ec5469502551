/* energy.c -- cell-level energy accounting (see energy.h). */
#include <math.h>
#include <string.h>
#include "energy.h"

#define FV_OCV_INTERVALS                                                                           \
  2000 /* composite Simpson over the window: the OCV tables are C1 cubics,                         \
          so 2000 intervals are far below any other error */

/* Mass per area of a porous region's solids (and of the liquid in its pores). */
static PetscReal RegionMass(const FvCase *c, const FvRegion *r, PetscBool *known, char *missing,
                            size_t n, const char *name) {
  const PetscBool liquid = (PetscBool)!r->se.present;
  PetscReal m = r->eps_am * r->rho_am + r->eps_se * r->se.density + r->eps_carbon * r->rho_carbon +
                r->eps_binder * r->rho_binder;
  if ((r->eps_am > 0 && !(r->rho_am > 0)) || (r->eps_se > 0 && !(r->se.density > 0)) ||
      (r->eps_carbon > 0 && !(r->rho_carbon > 0)) || (r->eps_binder > 0 && !(r->rho_binder > 0))) {
    *known = PETSC_FALSE;
    snprintf(missing, n, "a density in the %s electrode", name);
  }
  if (liquid) m += r->porosity * c->stack.liquid_density; /* pores filled with the liquid */
  return m * r->thickness;
}

/* Charge the positive electrode pos has already given up at its initial stoichiometry (the same
 * rule as the loader's `excess`, solver/case.c ResolveExcess). */
static PetscReal ChargeMoved(const FvRegion *pos) {
  const PetscReal dw = pos->sto_window[1] - pos->sto_window[0];
  if (pos->metal || dw == 0) return 0;
  return PetscMax(0, (pos->sto_window[1] - pos->sto0) / dw);
}

static PetscBool Ocv(const FvCase *c, const FvProperty *ocp, PetscReal sto, PetscReal *U) {
  return (PetscBool)(FvPropertyEval(ocp, sto, c->T, c->R, U) == FV_PROP_OK && isfinite(*U));
}

/* integral of U over [a, b] (composite Simpson); false when the OCV cannot be evaluated */
static PetscBool OcvIntegral(const FvCase *c, const FvProperty *pos, PetscReal a, PetscReal b,
                             PetscReal *val) {
  const PetscInt n  = FV_OCV_INTERVALS;
  const PetscReal h = (b - a) / n;
  PetscReal sum     = 0, U;
  for (PetscInt i = 0; i <= n; i++) {
    if (!Ocv(c, pos, a + i * h, &U)) return PETSC_FALSE;
    sum += (i == 0 || i == n) ? U : (i % 2 ? 4 * U : 2 * U);
  }
  *val = sum * h / 3;
  return PETSC_TRUE;
}

/* the stoichiometry in [lo, hi] where U = v (U decreasing in sto); an end when v is not bracketed
 */
static PetscBool OcvSolve(const FvCase *c, const FvProperty *pos, PetscReal v, PetscReal lo,
                          PetscReal hi, PetscReal *sto) {
  PetscReal Ulo, Uhi, U;
  if (!Ocv(c, pos, lo, &Ulo) || !Ocv(c, pos, hi, &Uhi)) return PETSC_FALSE;
  if (Uhi >= v) {
    *sto = hi;
    return PETSC_TRUE;
  }
  if (Ulo <= v) {
    *sto = lo;
    return PETSC_TRUE;
  }
  for (int it = 0; it < 200 && hi - lo > 1e-14; it++) {
    const PetscReal mid = 0.5 * (lo + hi);
    if (!Ocv(c, pos, mid, &U)) return PETSC_FALSE;
    if (U > v)
      lo = mid;
    else
      hi = mid;
  }
  *sto = 0.5 * (lo + hi);
  return PETSC_TRUE;
}

PetscErrorCode FvStackCompute(const FvCase *c, FvStack *s) {
  const FvRegion *neg = &c->region[FV_NEG], *sep = &c->region[FV_SEP], *pos = &c->region[FV_POS];
  const FvStackSpec *st = &c->stack;
  const PetscReal cc =
      st->double_coated ? 0.5 : 1.0; /* BatPaC: a double-coated foil serves two units */
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(s, sizeof *s));
  s->mass_known = PETSC_TRUE;
  /* current collectors */
  s->thick_part[FV_STACK_POS_CC] = cc * st->pos_cc_thickness;
  s->mass_part[FV_STACK_POS_CC]  = cc * st->pos_cc_thickness * st->pos_cc_density;
  s->thick_part[FV_STACK_NEG_CC] = cc * st->neg_cc_thickness;
  s->mass_part[FV_STACK_NEG_CC]  = cc * st->neg_cc_thickness * st->neg_cc_density;
  /* separator: a solid electrolyte at its volume fraction (pores empty), or a matrix with liquid */
  s->thick_part[FV_STACK_SEP] = sep->thickness;
  if (sep->se.present) {
    s->mass_part[FV_STACK_SEP] = sep->thickness * sep->eps_se * sep->se.density;
    if (!(sep->se.density > 0)) {
      s->mass_known = PETSC_FALSE;
      snprintf(s->missing, sizeof s->missing, "the separator's solid-electrolyte density");
    }
  } else
    s->mass_part[FV_STACK_SEP] =
        sep->thickness *
        (sep->porosity * st->liquid_density + (1 - sep->porosity) * st->separator_matrix_density);
  /* electrodes */
  for (PetscInt g = 0; g < FV_NREGIONS; g += FV_POS) {
    const FvRegion *r = &c->region[g];
    const PetscInt k  = g == FV_NEG ? FV_STACK_NEG : FV_STACK_POS;
    if (r->metal) {
      /* the metal as fabricated: the inventory less what the other electrode has already given */
      const FvRegion *o   = &c->region[FV_POS - g];
      const PetscReal q   = o->metal ? 0
                            : PetscAbsReal(o->sto_window[1] - o->sto_window[0]) > 0
                                ? o->eps_am * o->thickness * o->c_max * o->n_electrons * c->F *
                                    PetscAbsReal(o->sto_window[1] - o->sto_window[0])
                                : 0;
      s->metal_fabricated = r->metal_capacity - q * ChargeMoved(o);
      if (r->metal_volcap > 0 && r->metal_density > 0) {
        s->thick_part[k] = s->metal_fabricated / r->metal_volcap;
        s->mass_part[k]  = s->thick_part[k] * r->metal_density;
      } else {
        s->mass_known = PETSC_FALSE;
        snprintf(s->missing, sizeof s->missing, "the %s metal's %s",
                 g == FV_NEG ? "negative" : "positive",
                 r->metal_volcap > 0 ? "density" : "volumetric_capacity");
      }
    } else {
      s->thick_part[k] = r->thickness;
      s->mass_part[k]  = RegionMass(c, r, &s->mass_known, s->missing, sizeof s->missing,
                                   g == FV_NEG ? "negative" : "positive");
    }
  }
  for (PetscInt i = 0; i < FV_STACK_PACK; i++) {
    s->mass += s->mass_part[i];
    s->thickness += s->thick_part[i];
  }
  /* packaging as a share of the whole: m_pack = f/(1 - f) m_unit */
  s->mass_part[FV_STACK_PACK]  = st->packaging_mass / (1 - st->packaging_mass) * s->mass;
  s->thick_part[FV_STACK_PACK] = st->packaging_volume / (1 - st->packaging_volume) * s->thickness;
  s->mass += s->mass_part[FV_STACK_PACK];
  s->thickness += s->thick_part[FV_STACK_PACK];
  if (!s->mass_known) s->mass = NAN;

  /* static energy: a metal negative (U = 0) against a positive with a stoichiometry window */
  s->rated_capacity = s->rated_voltage = s->rated_energy = s->static_capacity = s->static_energy =
      NAN;
  if (neg->metal && !pos->metal && pos->sto_window[0] != pos->sto_window[1]) {
    const PetscReal w0 = PetscMin(pos->sto_window[0], pos->sto_window[1]);
    const PetscReal w1 = PetscMax(pos->sto_window[0], pos->sto_window[1]);
    const PetscReal qs = pos->eps_am * pos->thickness * pos->c_max * pos->n_electrons * c->F /
                         3600; /* A h m-2 per unit sto */
    PetscReal iw, top, bot, ie;
    FvProperty ocp; /* a set-up copy: the case's tables are built lazily (property.h) */
    PetscCall(PetscMemzero(&ocp, sizeof ocp));
    PetscCall(FvPropertyCopy(&pos->ocp, &ocp));
    PetscCall(FvPropertySetUp(&ocp));
    /* the equilibrium discharge ends where U = the lower cut-off (at sto <= 1; at the window's end
     * when the OCV is not defined up to 1) */
    if (!OcvSolve(c, &ocp, c->v_min, w0, 1, &bot)) bot = w1;
    if (OcvIntegral(c, &ocp, w0, w1, &iw) && OcvSolve(c, &ocp, c->v_max, w0, w1, &top)) {
      const PetscReal a = PetscMax(w0, top); /* charging cannot go beyond the upper cut-off */
      s->rated_capacity = qs * (w1 - w0);
      s->rated_voltage  = iw / (w1 - w0);
      s->rated_energy   = s->rated_capacity * s->rated_voltage;
      if (bot > a && OcvIntegral(c, &ocp, a, bot, &ie)) {
        s->static_capacity = qs * (bot - a);
        s->static_energy   = qs * ie;
      }
      s->energy_known = PETSC_TRUE;
    }
    PetscCall(FvPropertyDestroy(&ocp));
  }
  if (!s->energy_known && !s->missing[0])
    snprintf(s->missing, sizeof s->missing,
             "an OCV window (the static energy needs a metal negative and a positive "
             "stoichiometry_window)");
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscReal FvStackSpecificEnergy(const FvStack *s, PetscReal energy) {
  return s->mass_known ? energy / s->mass : NAN; /* W h m-2 / kg m-2 */
}

PetscReal FvStackEnergyDensity(const FvStack *s, PetscReal energy) {
  return s->mass_known ? energy / s->thickness / 1000
                       : NAN; /* W h m-2 / m = W h m-3; / 1000 -> W h L-1 */
}
