/* case_electrode.c -- the electrolyte and electrode sections (see case.h, case_loader.h).
 *
 * Owns: the liquid electrolyte, porous electrodes (kinetics, capacity, particles, thickness and
 * loading), metal electrodes, solid electrolytes and composite (all-solid-state) electrodes with
 * their particle families and contact mechanics.  The rules between keys (alternatives such as
 * max_concentration vs specific_capacity + density, thickness vs loading vs areal capacity,
 * compositions) live here.
 */
#define _POSIX_C_SOURCE 200809L
#include "case_loader.h"

/* The electrolyte's keys (a case section, or a material file on its own). */
PetscErrorCode CaseLoadElectrolyteKeys(Loader *L, const Sec *s, FvElectrolyte *e) {
  PetscFunctionBeginUser;
  PetscCall(CaseLoadRows(L, s, FV_SEC_ELECTROLYTE, e));
  /* an ideal solution unless given */
  if (!L->failed && e->tdf.kind == FV_PROP_UNSET) {
    e->tdf.kind  = FV_PROP_CONST;
    e->tdf.arg   = FV_ARG_CONC;
    e->tdf.value = 1;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The liquid `electrolyte:` section: required when a region uses it (a porous region without a
 * solid_electrolyte section), refused when none does (it would be ignored). */
PetscErrorCode CaseLoadElectrolyte(Loader *L, const Sec *root, PetscBool needed) {
  Sec s;
  Val vm, ve;
  MatFile *m;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!needed) {
    PetscCall(CaseLookup(L, root, "electrolyte", &ve));
    if (!L->failed && ve.present)
      CaseFail(L, &ve,
               "expected no liquid electrolyte: every porous region has a solid_electrolyte "
               "section, so this section "
               "would be ignored (remove it)");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  { /* say which region needs it: a case with solid electrolytes may have forgotten one section */
    char what[256];
    PetscInt gl = 0;
    while (gl < FV_NREGIONS - 1 && (L->metal[gl] || L->has_se[gl]))
      gl++;
    CaseSfmt(what, sizeof what,
             "a map of the electrolyte's keys (initial_concentration, conductivity, ...): the %s "
             "has no solid_electrolyte "
             "section, so it uses the liquid electrolyte",
             gl == FV_SEP   ? "separator"
             : gl == FV_NEG ? "negative electrode"
                            : "positive electrode");
    PetscCall(CaseGetSection(L, root, "electrolyte", CaseSchemaKeys(L, FV_SEC_ELECTROLYTE),
                             PETSC_TRUE, what, &s));
  }
  PetscCall(CaseSectionMaterial(L, &s, MAT_SLOT_ELECTROLYTE, &vm, &m));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (m && m->kind != FV_MAT_ELECTROLYTE) {
    CaseFail(L, &vm, "expected a liquid electrolyte material; %s is kind %s%s", m->path,
             mat_kinds[m->kind],
             m->kind == FV_MAT_SOLID_ELECTROLYTE
                 ? " (as the liquid electrolyte its keys would be data only: name it in a "
                   "region's solid_electrolyte section)"
                 : "");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  CaseAttachMaterial(&s, m);
  PetscCall(CaseLoadElectrolyteKeys(L, &s, &L->c->electrolyte));
  if (!L->failed) L->c->liquid = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* "m^a mol^b s^-1" with a, b from the exponent sum e of the concentrations in i0. */
void CaseRateUnits(PetscReal e, char *k0unit, size_t n1, char *mrefunit, size_t n2) {
  CaseSfmt(k0unit, n1, "m^%.12g mol^%.12g s^-1", (double)(3 * e - 2), (double)(1 - e));
  CaseSfmt(mrefunit, n2, "A m^%.12g mol^%.12g", (double)(3 * e - 2), (double)(-e));
}

static PetscErrorCode LoadKinetics(Loader *L, const Sec *reg, FvRegion *r) {
  Sec s;
  Val v, vk, vm, vea, vtr;
  PetscReal Ea, Tref, e;
  char k0unit[128], mrefunit[128], ex_k[160], ex_m[160];
  Qty qk = {NULL, "a positive rate constant", NULL, 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
  Qty qm = {NULL, "a positive exchange-current coefficient", NULL, 0, INF, PETSC_TRUE, PETSC_TRUE,
            0};
  PropSpec psk = {&qk, FV_ARG_NONE, FV_ARG_STO, PETSC_TRUE, PETSC_TRUE};
  PropSpec psm = psk;

  PetscFunctionBeginUser;
  PetscCall(CaseGetSection(
      L, reg, "kinetics", CaseSchemaKeys(L, FV_SEC_KINETICS), PETSC_TRUE,
      "a map of Butler-Volmer keys (rate_constant or exchange_current_coefficient, alpha_a, ...)",
      &s));
  PetscCall(CaseMaskAlternatives(L, &s, kinetics_alternatives));
  PetscCall(CaseLoadRows(L, &s, FV_SEC_KINETICS, r));
  PetscCall(CaseGetQty(L, &s, "activation_energy", &Q_EA, PETSC_FALSE, 0, &vea, &Ea));
  PetscCall(CaseGetQty(L, &s, "reference_temperature", &Q_TEMP, PETSC_FALSE, FV_TREF_DEFAULT, &vtr,
                       &Tref));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  /* units of k0 and m_ref follow from the exponents of the concentrations in i0 */
  e = r->ce_ref > 0 ? r->alpha_a + r->alpha_c : 2 * r->alpha_a + r->alpha_c;
  CaseRateUnits(e, k0unit, sizeof k0unit, mrefunit, sizeof mrefunit);
  CaseSfmt(ex_k, sizeof ex_k, "1e-5 %s", k0unit);
  CaseSfmt(ex_m, sizeof ex_m, "2e-5 %s", mrefunit);
  qk.unit    = k0unit;
  qk.example = ex_k;
  qm.unit    = mrefunit;
  qm.example = ex_m;
  psm.q      = &qm;
  PetscCall(CaseLookup(L, &s, "rate_constant", &vk));
  PetscCall(CaseLookup(L, &s, "exchange_current_coefficient", &vm));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vk.present && vm.present) {
    char at[64];
    CaseValWhere(&vk, at, sizeof at);
    CaseFail(
        L, &vm,
        "conflicts with %s%s: give rate_constant (k0) or exchange_current_coefficient (m_ref = n "
        "F k0), not both",
        vk.key, at);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!vk.present && !vm.present) {
    CaseFail(
        L, &vk,
        "expected a rate constant (e.g. \"%s\"), or exchange_current_coefficient (e.g. \"%s\")",
        ex_k, ex_m);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vk.present)
    PetscCall(CaseGetProp(L, &s, "rate_constant", &psk, PETSC_TRUE, &r->k0, &v));
  else {
    /* PyBaMM's m_ref: i0 = m_ref c_e^a (c_max - c_s)^a c_s^c = n F k0 (...), so k0 = m_ref / (n F)
     */
    const PetscReal nF = r->n_electrons * L->c->F;
    PetscCall(CaseGetProp(L, &s, "exchange_current_coefficient", &psm, PETSC_TRUE, &r->k0, &v));
    if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
    if (r->k0.kind == FV_PROP_CONST)
      r->k0.value /= nF;
    else
      r->k0.scale /= nF;
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vea.present || vtr.present) {
    if (r->k0.Ea != 0) {
      CaseFail(L, vea.present ? &vea : &vtr, "conflicts with the activation energy given inside %s",
               v.key);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    r->k0.Ea   = Ea;
    r->k0.Tref = Tref;
  }
  /* the film's Arrhenius factor (film_activation_energy) shares the kinetics' reference */
  r->R_film_Tref = vtr.present ? Tref : (r->k0.Ea != 0 ? r->k0.Tref : FV_TREF_DEFAULT);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The Butler-Volmer keys of a metal interface (a case's metal electrode, or a metal material). */
PetscErrorCode CaseLoadMetalKinetics(Loader *L, const Sec *s, FvRegion *r) {
  Sec k;
  PetscFunctionBeginUser;
  PetscCall(CaseGetSection(
      L, s, "kinetics", CaseSchemaKeys(L, FV_SEC_METAL_KINETICS), PETSC_TRUE,
      "a map of the metal interface's Butler-Volmer keys (exchange_current_density, alpha_a, ...)",
      &k));
  PetscCall(CaseLoadRows(L, &k, FV_SEC_METAL_KINETICS, r));
  /* the exponent defaults to alpha_a */
  PetscCall(CaseLoadKeyAs(L, &k, FV_SEC_METAL_KINETICS, "concentration_exponent", r, PETSC_FALSE,
                          r->alpha_a, NULL));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A metal electrode (Li, Na, K, Mg foil): kinetics of the interface and the metal
 * inventory, from areal_capacity or thickness x volumetric_capacity.  m: its material, or NULL. */
PetscErrorCode CaseLoadMetal(Loader *L, const Sec *root, const char *name, FvRegion *r,
                             MatFile *m) {
  static const Qty Q_EXCESS = {
      "1",        "a metal excess >= 0 (a share of the positive electrode's rated capacity)",
      "0.2",      0,
      INF,        PETSC_FALSE,
      PETSC_TRUE, 0};
  Sec s;
  Val va, vt, vv, vx;
  PetscReal t = 0, q = 0;
  PetscFunctionBeginUser;
  PetscCall(CaseGetSection(L, root, name, CaseSchemaKeys(L, FV_SEC_METAL), PETSC_TRUE,
                           "a map of the metal electrode's keys (type, thickness, "
                           "volumetric_capacity or areal_capacity, kinetics)",
                           &s));
  CaseAttachMaterial(&s, m);
  PetscCall(CaseMaskAlternatives(L, &s, metal_alternatives));
  r->metal       = PETSC_TRUE;
  r->ncells      = 0;
  r->porosity    = 1;
  r->brugg_e     = 1.5;
  r->n_electrons = L->c->electrolyte.zplus;
  PetscCall(CaseLoadMetalKinetics(L, &s, r));
  PetscCall(CaseLoadContactMap(L, &s, r));
  PetscCall(CaseLookup(L, &s, "areal_capacity", &va));
  PetscCall(CaseLookup(L, &s, "thickness", &vt));
  PetscCall(CaseLookup(L, &s, "volumetric_capacity", &vv));
  PetscCall(CaseLookup(L, &s, "excess", &vx));
  /* density: data for the energy accounting (solver/energy.h), e.g. Li 534 kg/m3 */
  PetscCall(CaseLoadRows(L, &s, FV_SEC_METAL, r));
  r->metal_excess = -1;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vx.present) { /* the inventory follows the positive electrode's capacity (resolved in
                       ResolveExcess once the positive is loaded) */
    if (va.present || vt.present) {
      char at[64];
      CaseValWhere(&vx, at, sizeof at);
      CaseFail(
          L, va.present ? &va : &vt,
          "conflicts with %s%s: give excess, areal_capacity, or thickness with volumetric_capacity",
          vx.key, at);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(CaseQtyOf(L, &vx, &Q_EXCESS, NULL, &r->metal_excess));
    if (vv.present) PetscCall(CaseQtyOf(L, &vv, &Q_VOLQ, NULL, &r->metal_volcap));
    L->excess[r - L->c->region] = vx;
  } else if (va.present && (vt.present || vv.present)) {
    char at[64];
    CaseValWhere(&va, at, sizeof at);
    CaseFail(
        L, vt.present ? &vt : &vv,
        "conflicts with %s%s: give areal_capacity, or thickness with volumetric_capacity, not both",
        va.key, at);
  } else if (va.present) {
    PetscCall(CaseQtyOf(L, &va, &Q_AREALQ, NULL, &r->metal_capacity));
  } else if (vt.present && vv.present) {
    PetscCall(CaseQtyOf(L, &vt, &Q_LENGTH, NULL, &t));
    PetscCall(CaseQtyOf(L, &vv, &Q_VOLQ, NULL, &q));
    r->thickness      = t;
    r->metal_capacity = t * q;
    r->metal_volcap   = q;
  } else
    CaseFail(L, vt.present ? &vv : &vt,
             "expected the metal inventory: areal_capacity (e.g. \"10 mAh/cm2\"), or thickness "
             "(e.g. \"50 um\") with "
             "volumetric_capacity (e.g. \"2061 mAh/cm3\")");
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* c_max of an active material: given, or from the specific capacity and the density
 * (c_max = q rho / (n F)).  A density next to max_concentration (in a material file, or in the
 * case) is data (the material's mass), not a second route to c_max.  Either way the density, when
 * known, is r->rho_am (a material's density also when the case's max_concentration masks it). */
PetscErrorCode CaseLoadCmax(Loader *L, const Sec *s, FvRegion *r) {
  Val vmax, vcap, vden;
  PetscReal cap, den;
  PetscFunctionBeginUser;
  PetscCall(CaseLookup(L, s, "max_concentration", &vmax));
  PetscCall(CaseLookup(L, s, "specific_capacity", &vcap));
  PetscCall(CaseLookup(L, s, "density", &vden));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  r->rho_am = 0;
  if (vmax.present && vden.present && !vcap.present) {
    PetscCall(CaseQtyOf(L, &vden, &Q_DENSITY, NULL, &r->rho_am)); /* checked, kept as data */
    vden.present = PETSC_FALSE;
  }
  if (vmax.present && (vcap.present || vden.present)) {
    const Val *o = vcap.present ? &vcap : &vden;
    char at[64];
    CaseValWhere(&vmax, at, sizeof at);
    CaseFail(
        L, o,
        "conflicts with %s%s: give max_concentration, or specific_capacity with density, not both",
        vmax.key, at);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vmax.present)
    PetscCall(CaseQtyOf(L, &vmax, &Q_CMAX, NULL, &r->c_max));
  else if (vcap.present || vden.present) {
    if (!vcap.present) {
      CaseFail(L, &vcap,
               "expected %s (e.g. \"%s\") with %s: c_max = specific_capacity * density / (n F)",
               Q_CAPACITY.what, Q_CAPACITY.example, vden.key);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (!vden.present) {
      CaseFail(L, &vden,
               "expected %s (e.g. \"%s\") with %s: c_max = specific_capacity * density / (n F)",
               Q_DENSITY.what, Q_DENSITY.example, vcap.key);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(CaseQtyOf(L, &vcap, &Q_CAPACITY, NULL, &cap));
    PetscCall(CaseQtyOf(L, &vden, &Q_DENSITY, NULL, &den));
    /* c_max = q rho / (n F): n charges per inserted ion (2 for Mg) */
    r->c_max  = cap * den / (L->c->electrolyte.zplus * L->c->F);
    r->rho_am = den;
  } else {
    CaseFail(
        L, &vmax,
        "expected %s (e.g. \"%s\"), or specific_capacity (e.g. \"372 mAh/g\") with density (e.g. "
        "\"1800 kg/m3\")",
        Q_CMAX.what, Q_CMAX.example);
  }
  if (!L->failed && r->rho_am == 0 &&
      s->fmap) { /* the material's density, masked by the case's max_concentration */
    Val vmd;
    PetscCall(PetscMemzero(&vmd, sizeof vmd));
    PetscCall(CaseFindInMap(s->fdoc, s->fmap, s->forg, "density", &vmd));
    if (vmd.present) {
      CaseKeyJoin(vmd.key, sizeof vmd.key, s->key, "density");
      PetscCall(CaseQtyOf(L, &vmd, &Q_DENSITY, NULL, &r->rho_am));
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The active material's functions: OCP, solid diffusivity and kinetics. */
PetscErrorCode CaseLoadActiveProps(Loader *L, const Sec *s, FvRegion *r) {
  Val v;
  PetscFunctionBeginUser;
  PetscCall(CaseLoadKey(L, s, FV_SEC_POROUS, "ocp", r, &v));
  PetscCall(CaseLoadKey(L, s, FV_SEC_POROUS, "diffusivity", r, &v));
  PetscCall(CaseLoadKey(L, s, FV_SEC_POROUS, "entropic_coefficient", r, &v));
  PetscCall(LoadKinetics(L, s, r));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The first look at a region's section (before the liquid electrolyte, which depends on it): its
 * keys against every key of its kind, whether it is a metal electrode (type, or its material's
 * kind) and whether it has a solid_electrolyte section.  The material stays in L->mat[g]. */
PetscErrorCode CaseScanRegion(Loader *L, const Sec *root, PetscInt g, Sec *peek) {
  const PetscBool elec = (PetscBool)(g != FV_SEP);
  Val v, vse;
  PetscFunctionBeginUser;
  PetscCall(CaseGetSection(L, root, region_names[g],
                           elec ? CaseSchemaKeys(L, FV_SEC_POROUS | FV_SEC_METAL)
                                : CaseSchemaKeys(L, FV_SEC_SEPARATOR_SCAN),
                           PETSC_TRUE,
                           elec ? "a map of the electrode's keys"
                                : "a map of the separator's keys (thickness, porosity, ...)",
                           peek));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (elec) { /* porous (default) or metal: the type (or the material's kind) decides which keys are
                 valid */
    Val vm;
    MatFile *m;
    int type = 0;
    PetscCall(CaseGetWord(L, peek, "type", electrode_types, "an electrode type: porous or metal", 0,
                          &type, &v));
    PetscCall(CaseSectionMaterial(L, peek, (int)g, &vm, &m));
    if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
    if (m) {
      if (m->kind != FV_MAT_ACTIVE && m->kind != FV_MAT_METAL)
        CaseFail(L, &vm, "expected an active material or a metal for an electrode; %s is kind %s",
                 m->path, mat_kinds[m->kind]);
      else if (v.present && type == 0 && m->kind == FV_MAT_METAL)
        CaseFail(
            L, &vm,
            "expected an active material for a porous electrode (type: porous); %s is kind metal",
            m->path);
      else if (v.present && type == 1 && m->kind == FV_MAT_ACTIVE)
        CaseFail(L, &vm, "expected a metal for a metal electrode (type: metal); %s is kind active",
                 m->path);
      if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
      if (m->kind == FV_MAT_METAL) type = 1;
    }
    L->metal[g] = (PetscBool)(type == 1);
  }
  if (!L->metal[g]) { /* a metal electrode has no such key: its own key check says so */
    PetscCall(CaseLookup(L, peek, "solid_electrolyte", &vse));
    L->has_se[g] = vse.present;
  }
  /* an interface map belongs to a metal electrode, per-cell fields to cells */
  PetscCall(CaseLookup(L, peek, L->metal[g] ? "fields" : "contact_map", &v));
  if (!L->failed && v.present) {
    if (L->metal[g])
      CaseFail(L, &v,
               "expected no fields: %s is a metal electrode, a planar interface without cells "
               "(its map over the interface is contact_map)",
               region_names[g]);
    else
      CaseFail(L, &v,
               "expected no contact_map in %s%s: contact_map is the contact fraction over the "
               "interface of a metal electrode (type: metal)",
               elec ? "a porous electrode, " : "the separator", elec ? region_names[g] : "");
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Thickness, active loading and areal capacity (loading = eps_am L rho_am, capacity = eps_am L
 * c_max n F |window|): with a composition two of them, else the thickness (or the other two); every
 * pair must agree within 0.5 %.  The thickness is stored; L->capacity[g] is the window's areal
 * capacity. */
PetscErrorCode CaseLoadThickness(Loader *L, const Sec *s, PetscInt g) {
  FvRegion *r = &L->c->region[g];
  Val vt, vl, vq, vw, vcomp;
  PetscReal len = 0, load = 0, cap = 0, kl, kq;
  PetscInt ngiven, nderived = 0;
  const Val *ref;
  char at[64];

  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, s, "thickness", &vt));
  PetscCall(CaseLookup(L, s, "active_loading", &vl));
  PetscCall(CaseLookup(L, s, "areal_capacity", &vq));
  PetscCall(CaseLookup(L, s, "stoichiometry_window", &vw));
  PetscCall(CaseLookup(L, s, "composition", &vcomp));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  /* `derived`: the key is computed from the others.  It counts as given, so a composition
   * with a thickness and `areal_capacity: derived` is complete, and a sweep of the composition or
   * the thickness cannot conflict with a stored capacity. */
  if (vl.present && vl.str && !strcmp(vl.str, "derived")) {
    vl.present = PETSC_FALSE;
    nderived++;
  }
  if (vq.present && vq.str && !strcmp(vq.str, "derived")) {
    vq.present = PETSC_FALSE;
    nderived++;
  }
  if (vw.present) { /* two different stoichiometries in [0, 1] */
    PetscInt n =
        (vw.node && vw.node->type == YAML_SEQUENCE_NODE)
            ? (PetscInt)(vw.node->data.sequence.items.top - vw.node->data.sequence.items.start)
            : 0;
    if (n != 2) {
      CaseFail(L, &vw,
               "expected two stoichiometries [sto_charged, sto_discharged] in [0, 1] (e.g. "
               "[0.2613, 0.9084])");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    for (PetscInt i = 0; i < 2; i++) {
      Val vi;
      CaseSeqItem(&vw, i, &vi);
      PetscCall(CaseQtyOf(L, &vi, &Q_STO_CLOSED, NULL, &r->sto_window[i]));
    }
    if (!L->failed && r->sto_window[0] == r->sto_window[1])
      CaseFail(L, &vw, "expected two different stoichiometries (the window of the rated capacity)");
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  ngiven = (PetscInt)vt.present + (PetscInt)vl.present + (PetscInt)vq.present;
  if (nderived && !vt.present) {
    CaseFail(L, &vt, "expected %s (e.g. \"%s\"): a derived loading or capacity needs the thickness",
             Q_LENGTH.what, Q_LENGTH.example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  ngiven += nderived;
  if (vcomp.present && ngiven < 2) {
    Val *miss = !vt.present ? &vt : &vl;
    CaseFail(L, miss,
             "expected two of thickness, active_loading and areal_capacity with a composition (%s "
             "given)",
             vt.present   ? "only thickness is"
             : vl.present ? "only active_loading is"
             : vq.present ? "only areal_capacity is"
                          : "none is");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!vcomp.present && !vt.present && ngiven < 2) {
    CaseFail(L, &vt,
             "expected %s (e.g. \"%s\"), or two of thickness, active_loading and areal_capacity",
             Q_LENGTH.what, Q_LENGTH.example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vq.present && !vw.present) {
    CaseValWhere(&vq, at, sizeof at);
    CaseFail(L, &vw,
             "expected a stoichiometry window [sto_charged, sto_discharged] (e.g. [0.2613, "
             "0.9084]) with %s%s: the areal "
             "capacity is eps_am L c_max n F |window|",
             vq.key, at);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vl.present && r->rho_am <= 0) {
    CaseFail(L, &vl,
             "expected the active material's density too (%s.density, or a material with one): the "
             "loading is eps_am L density",
             region_names[g]);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vt.present) PetscCall(CaseQtyOf(L, &vt, &Q_LENGTH, NULL, &len));
  if (vl.present) PetscCall(CaseQtyOf(L, &vl, &Q_LOADING, NULL, &load));
  if (vq.present) PetscCall(CaseQtyOf(L, &vq, &Q_AREALQ, NULL, &cap));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  kl = r->eps_am * r->rho_am;
  kq = r->eps_am * r->c_max * r->n_electrons * L->c->F *
       PetscAbsReal(r->sto_window[1] - r->sto_window[0]);
  /* the thickness: given, else from the loading, else from the capacity */
  ref = vt.present ? &vt : vl.present ? &vl : &vq;
  if (!vt.present) len = vl.present ? load / kl : cap / kq;
  CaseValWhere(ref, at, sizeof at);
  if (vl.present && ref != &vl && PetscAbsReal(kl * len - load) > 5e-3 * load)
    CaseFail(L, &vl,
             "conflicts with %s%s: eps_am L density = %.6g kg/m2 (%.4g mg/cm2), not %.6g kg/m2 "
             "(%.4g mg/cm2): more than 0.5 %% apart",
             ref->key, at, (double)(kl * len), (double)(kl * len * 100), (double)load,
             (double)(load * 100));
  else if (vq.present && ref != &vq && PetscAbsReal(kq * len - cap) > 5e-3 * cap)
    CaseFail(L, &vq,
             "conflicts with %s%s: eps_am L c_max n F |window| = %.6g C/m2 (%.4g mAh/cm2), not "
             "%.6g C/m2 (%.4g mAh/cm2): more "
             "than 0.5 %% apart",
             ref->key, at, (double)(kq * len), (double)(kq * len / 36000), (double)cap,
             (double)(cap / 36000));
  else if (!(len > 0 && isfinite(len)))
    CaseFail(L, ref, "expected %s: the thickness it gives is %g m", Q_LENGTH.what, (double)len);
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  r->thickness = len;
  if (vw.present) L->capacity[g] = kq * len;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Particle families (or one particle_radius), the active | solid-electrolyte interface resistance
 * and the contact-mechanics section of a porous electrode.  ses: its solid_electrolyte section
 * (when it has one). */
PetscErrorCode CaseLoadParticles(Loader *L, const Sec *s, const Sec *ses, PetscInt g) {
  static const char *const contact_only[] = {"volume_change", "youngs_modulus", "poisson_ratio",
                                             NULL};
  FvRegion *r                             = &L->c->region[g];
  FvContact *ct                           = &r->contact;
  const PetscBool has_se                  = L->has_se[g];
  Val v, vri, vpf, vpr, vf0;
  PetscReal f0c = 0;
  char at[64];

  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscMemzero(&vf0, sizeof vf0));
  PetscCall(CaseLoadKey(L, s, FV_SEC_POROUS, "interface_resistance", r, &vri));
  if (!L->failed && vri.present && !has_se)
    CaseFail(L, &vri,
             "expected no interface_resistance: %s has no solid_electrolyte section (an active | "
             "solid-electrolyte "
             "interface); a film on the particles is kinetics.film_resistance",
             region_names[g]);
  /* contact mechanics */
  PetscCall(CaseLookup(L, s, "contact", &L->contact[g]));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->contact[g].present) {
    Sec cs;
    Val vse;
    if (!has_se) {
      CaseFail(L, &L->contact[g],
               "expected no contact section: contact mechanics act between the active particles "
               "and a solid electrolyte, "
               "and %s has no solid_electrolyte section",
               region_names[g]);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    CaseValWhere(&L->contact[g], at, sizeof at);
    CaseOpenSection(
        L, &L->contact[g], CaseSchemaKeys(L, FV_SEC_CONTACT),
        "a map of the contact law's keys (initial_contact, strain_scale, irreversibility, ...)",
        &cs);
    PetscCall(CaseGetQty(L, &cs, "initial_contact", &Q_CONTACT, PETSC_FALSE, 0, &vf0, &f0c));
    PetscCall(CaseLoadRows(L, &cs, FV_SEC_CONTACT, ct));
    /* the active material's mechanics (electrode keys, usually from its material): required
     * here, refused without a contact section */
    for (const char *const *k = contact_only; *k; k++)
      PetscCall(CaseLoadKeyAs(L, s, FV_SEC_POROUS, *k, r, PETSC_TRUE, 0, &v));
    /* and the solid electrolyte's */
    PetscCall(CaseLookup(L, ses, "youngs_modulus", &vse));
    if (!L->failed && !vse.present)
      CaseFail(L, &vse,
               "expected %s (e.g. \"18.5 GPa\") with %s%s: the contact law needs the solid "
               "electrolyte's modulus",
               Q_MODULUS.what, L->contact[g].key, at);
    PetscCall(CaseLookup(L, ses, "poisson_ratio", &vse));
    if (!L->failed && !vse.present)
      CaseFail(L, &vse,
               "expected %s (e.g. \"0.3\") with %s%s: the contact law needs the solid "
               "electrolyte's Poisson ratio",
               Q_POISSON.what, L->contact[g].key, at);
    ct->enabled = (PetscBool)!L->failed;
  } else
    for (const char *const *k = contact_only; *k && !L->failed; k++) {
      PetscBool has;
      PetscCall(CaseHas(L, s, *k, &has));
      if (has) {
        PetscCall(CaseLookup(L, s, *k, &v));
        CaseFail(L, &v, "expected no %s without a contact section: only the contact law uses it",
                 *k);
      }
    }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  /* particle families */
  PetscCall(CaseLookup(L, s, "particle_families", &vpf));
  PetscCall(CaseLookup(L, s, "particle_radius", &vpr));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vpf.present && vpr.present) {
    CaseValWhere(&vpf, at, sizeof at);
    CaseFail(
        L, &vpr,
        "conflicts with %s%s: give particle_radius (one family) or particle_families, not both",
        vpf.key, at);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vpf.present) {
    PetscInt n =
        (vpf.node && vpf.node->type == YAML_SEQUENCE_NODE)
            ? (PetscInt)(vpf.node->data.sequence.items.top - vpf.node->data.sequence.items.start)
            : -1;
    PetscReal sum = 0;
    if (n < 1 || n > FV_MAX_FAMILIES) {
      CaseFail(L, &vpf,
               "expected a list of 1 to %d particle families [{radius: \"5 um\", fraction: 0.5, "
               "initial_contact: 0.5}, ...]",
               FV_MAX_FAMILIES);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    for (PetscInt i = 0; i < n && !L->failed; i++) {
      Val vi, vr, vfr, vc;
      Sec fs;
      CaseSeqItem(&vpf, i, &vi);
      CaseOpenSection(L, &vi, CaseSchemaKeys(L, FV_SEC_FAMILY),
                      "a map {radius: \"5 um\", fraction: 0.5, initial_contact: 0.5}", &fs);
      PetscCall(CaseGetQty(L, &fs, "radius", &Q_LENGTH, PETSC_TRUE, 0, &vr, &r->fam_radius[i]));
      PetscCall(CaseGetQty(L, &fs, "fraction", &Q_FAM_FRACTION, PETSC_TRUE, 0, &vfr,
                           &r->fam_fraction[i]));
      PetscCall(
          CaseGetQty(L, &fs, "initial_contact", &Q_CONTACT, PETSC_FALSE, 1, &vc, &r->fam_f0[i]));
      if (L->failed) break;
      if (!vc.present && ct->enabled) {
        if (!vf0.present) {
          CaseFail(L, &vf0,
                   "expected %s (e.g. \"%s\"): the contact fraction at fabrication, unless every "
                   "particle family gives initial_contact (%s does not)",
                   Q_CONTACT.what, Q_CONTACT.example, vi.key);
          break;
        }
        r->fam_f0[i] = f0c;
      }
      sum += r->fam_fraction[i];
    }
    if (!L->failed && PetscAbsReal(sum - 1) > 1e-6)
      CaseFail(L, &vpf,
               "expected family fractions (shares of the active volume) summing to 1 (they sum to "
               "%.10g)",
               (double)sum);
    r->nfam = n;
  } else {
    PetscCall(
        CaseGetQty(L, s, "particle_radius", &Q_LENGTH, PETSC_TRUE, 0, &vpr, &r->fam_radius[0]));
    if (!L->failed && ct->enabled && !vf0.present)
      CaseFail(L, &vf0, "expected %s (e.g. \"%s\"): the contact fraction at fabrication",
               Q_CONTACT.what, Q_CONTACT.example);
    r->nfam            = 1;
    r->fam_fraction[0] = 1;
    r->fam_f0[0]       = ct->enabled ? f0c : 1;
  }
  r->radius = r->fam_radius[0];
  PetscFunctionReturn(PETSC_SUCCESS);
}
