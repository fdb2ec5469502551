/* case_solid.c -- solid electrolytes and composite electrodes (see case.h, case_loader.h).
 *
 * Owns: a region's `solid_electrolyte:` section (a single-ion conductor with its effective-
 * conductivity law), the working ion the electrolytes agree on, and a composite (all-solid-state)
 * electrode as a cell maker describes it: its composition by weight or volume, the densities of
 * its solids and its particle families.
 */
#define _POSIX_C_SOURCE 200809L
#include "case_loader.h"

/* Does a scalar carry text after its number (a unit, "80 %")? */
static PetscBool HasUnitText(const char *str) {
  char *end;
  if (!str) return PETSC_FALSE;
  (void)strtod(str, &end);
  while (isspace((unsigned char)*end))
    end++;
  return (PetscBool)(end != str && *end);
}

/* One of a list of words, with "did you mean" for a near miss; *idx = -1 when absent. */
static PetscErrorCode GetWordNear(Loader *L, const Sec *s, const char *name,
                                  const char *const *words, const char *what, int *idx, Val *v) {
  PetscBool other;
  const char *near;
  PetscFunctionBeginUser;
  *idx = -1;
  PetscCall(CaseMatchWord(L, s, name, words, idx, v, &other));
  if (!other) PetscFunctionReturn(PETSC_SUCCESS);
  near = v->str ? CaseClosest(v->str, words) : NULL;
  if (near)
    CaseFail(L, v, "expected %s (did you mean \"%s\"?)", what, near);
  else
    CaseFail(L, v, "expected %s", what);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A percentage of a composition: a plain number 0..100 ("80"), or with a unit ("80 %"). */
static PetscErrorCode GetPercent(Loader *L, const Sec *s, const char *name, PetscBool required,
                                 Val *v, PetscReal *out) {
  static const Qty any = {"1", "a percentage in [0, 100]", "80", -INF, INF, PETSC_TRUE, PETSC_TRUE,
                          0};
  PetscFunctionBeginUser;
  PetscCall(CaseGetQty(L, s, name, &any, required, 0, v, out));
  if (L->failed || !v->present) PetscFunctionReturn(PETSC_SUCCESS);
  if (HasUnitText(v->str)) *out *= 100; /* "80 %" is 0.8 for UDUNITS */
  if (!CaseInRange(&Q_PERCENT, *out))
    CaseFail(L, v, "expected %s (e.g. \"%s\")", Q_PERCENT.what, Q_PERCENT.example);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A region's solid electrolyte except its volume fraction: the material's keys (any
 * of them may be given inline, over the material) and the effective-conductivity law. */
PetscErrorCode CaseLoadSolidElectrolyte(Loader *L, const Sec *reg, PetscInt g) {
  static const char *const law_keys[] = {"percolation_threshold", "percolation_exponent",
                                         "bruggeman", "measured_conductivity"};
  static const int key_law[] = {FV_SIGMA_PERCOLATION, FV_SIGMA_PERCOLATION, FV_SIGMA_BRUGGEMAN,
                                FV_SIGMA_MEASURED};
  FvSolidElectrolyte *se     = &L->c->region[g].se;
  Sec s;
  Val v, vm, vlaw, vk;
  MatFile *m;
  int law;

  PetscFunctionBeginUser;
  PetscCall(CaseGetSection(
      L, reg, "solid_electrolyte", CaseSchemaKeys(L, FV_SEC_SOLID_ELECTROLYTE), PETSC_TRUE,
      "a map of the solid electrolyte's keys (material, effective_conductivity, ...)", &s));
  PetscCall(CaseSectionMaterial(L, &s, MAT_SLOT_SE(g), &vm, &m));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (m && m->kind != FV_MAT_SOLID_ELECTROLYTE) {
    CaseFail(L, &vm, "expected a solid electrolyte material; %s is kind %s", m->path,
             mat_kinds[m->kind]);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  CaseAttachMaterial(&s, m);
  se->present = PETSC_TRUE;
  if (m) CaseSfmt(se->material, sizeof se->material, "%s", m->name);
  /* conductivity, ion_concentration, density, youngs_modulus, poisson_ratio */
  PetscCall(CaseLoadRows(L, &s, FV_SEC_SOLID_ELECTROLYTE, se));
  if (!L->failed && se->sigma.kind != FV_PROP_CONST) {
    PetscCall(CaseLookup(L, &s, "conductivity", &v));
    CaseFail(L, &v, "expected %s (e.g. \"%s\"), or {value: ..., activation_energy: ...}",
             Q_SE_SIGMA.what, Q_SE_SIGMA.example);
  }
  /* an integer charge (a quantity, so that a material file's "1" and 1 read alike) */
  PetscCall(CaseLoadKeyAs(L, &s, FV_SEC_SOLID_ELECTROLYTE, "ion_charge", se, PETSC_TRUE, 0,
                          &L->se_charge[g]));
  if (!L->failed && se->zplus != PetscFloorReal(se->zplus))
    CaseFail(L, &L->se_charge[g], "expected %s (e.g. \"%s\")", Q_ION_CHARGE.what,
             Q_ION_CHARGE.example);
  /* the effective conductivity: a law must be chosen (no silent default) */
  PetscCall(GetWordNear(L, &s, "effective_conductivity", sigma_laws,
                        "an effective-conductivity law: percolation, bruggeman or measured", &law,
                        &vlaw));
  if (!L->failed && !vlaw.present)
    CaseFail(L, &vlaw,
             "expected an effective-conductivity law: percolation (with percolation_threshold), "
             "bruggeman or measured "
             "(with measured_conductivity)");
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  se->law = (FvSigmaLaw)law;
  for (int i = 0; i < 4 && !L->failed; i++) { /* keys of another law would be ignored */
    PetscCall(CaseLookup(L, &s, law_keys[i], &vk));
    if (!L->failed && vk.present && key_law[i] != law) {
      char at[64];
      CaseValWhere(&vlaw, at, sizeof at);
      CaseFail(L, &vk,
               "conflicts with %s: %s%s: %s belongs to effective_conductivity: %s (give the keys "
               "of one law)",
               vlaw.key, sigma_laws[law], at, law_keys[i], sigma_laws[key_law[i]]);
    }
  }
  /* the keys of the law chosen (their defaults are the schema's) */
  switch (se->law) {
  case FV_SIGMA_PERCOLATION:
    PetscCall(CaseLoadKeyAs(L, &s, FV_SEC_SOLID_ELECTROLYTE, "percolation_threshold", se,
                            PETSC_TRUE, 0, &v));
    PetscCall(CaseLoadKey(L, &s, FV_SEC_SOLID_ELECTROLYTE, "percolation_exponent", se, &v));
    break;
  case FV_SIGMA_BRUGGEMAN:
    PetscCall(CaseLoadKey(L, &s, FV_SEC_SOLID_ELECTROLYTE, "bruggeman", se, &v));
    break;
  case FV_SIGMA_MEASURED:
    PetscCall(CaseLoadKeyAs(L, &s, FV_SEC_SOLID_ELECTROLYTE, "measured_conductivity", se,
                            PETSC_TRUE, 0, &v));
    break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* One working ion per cell: the liquid's cation charge, or (no liquid) the solid electrolytes' ion
 * charge, which then also fills the liquid electrolyte's fields with defined placeholder values. */
PetscErrorCode CaseResolveWorkingIon(Loader *L) {
  FvCase *c        = L->c;
  FvElectrolyte *e = &c->electrolyte;
  PetscInt g0      = -1;
  PetscFunctionBeginUser;
  for (PetscInt g = 0; g < FV_NREGIONS && !L->failed; g++) {
    const FvSolidElectrolyte *se = &c->region[g].se;
    if (!se->present) continue;
    if (c->liquid) {
      if (se->zplus != e->zplus)
        CaseFail(L, &L->se_charge[g],
                 "expected %g, the liquid electrolyte's cation_charge: a cell has one working ion",
                 (double)e->zplus);
    } else if (g0 < 0) {
      g0         = g;
      e->zplus   = se->zplus;
      e->nuplus  = 1;
      e->numinus = 1;
      e->c0      = se->c_ion;
      PetscCall(FvPropertySetConstant(&e->kappa, "electrolyte.conductivity", 1));
      PetscCall(FvPropertySetConstant(&e->D, "electrolyte.diffusivity", 1));
      PetscCall(FvPropertySetConstant(&e->tplus, "electrolyte.transference_number", 1));
      PetscCall(FvPropertySetConstant(&e->tdf, "electrolyte.thermodynamic_factor", 1));
      e->kappa.arg = e->D.arg = e->tplus.arg = e->tdf.arg = FV_ARG_CONC;
      e->kappa.Tref = e->D.Tref = e->tplus.Tref = e->tdf.Tref = FV_TREF_DEFAULT;
    } else if (se->zplus != c->region[g0].se.zplus)
      CaseFail(
          L, &L->se_charge[g],
          "expected %g, the ion charge of the %s's solid electrolyte: a cell has one working ion",
          (double)c->region[g0].se.zplus, region_names[g0]);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The density of carbon or binder: given (dkey), or from an inactive material (mkey); 0 when
 * neither. */
static PetscErrorCode LoadSolidDensity(Loader *L, const Sec *s, const char *dkey, const char *mkey,
                                       int slot, PetscReal *rho, Val *vd) {
  Val vm;
  MatFile *m;
  PetscFunctionBeginUser;
  *rho = 0;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, s, dkey, vd));
  PetscCall(CaseLookup(L, s, mkey, &vm));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vd->present && vm.present) {
    char at[64];
    CaseValWhere(&vm, at, sizeof at);
    CaseFail(L, vd, "conflicts with %s%s: give %s or %s, not both", vm.key, at, dkey, mkey);
  } else if (vd->present)
    PetscCall(CaseQtyOf(L, vd, &Q_DENSITY, NULL, rho));
  else if (vm.present) {
    Val vx;
    PetscCall(CaseSectionMaterialKey(L, s, mkey, slot, &vm, &m));
    if (L->failed || !m) PetscFunctionReturn(PETSC_SUCCESS);
    if (m->kind != FV_MAT_INACTIVE) {
      CaseFail(L, &vm, "expected an inactive material (carbon, binder); %s is kind %s", m->path,
               mat_kinds[m->kind]);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(PetscMemzero(&vx, sizeof vx));
    PetscCall(CaseFindInMap(&m->doc, m->root, m, "density", &vx));
    CaseSfmt(vx.key, sizeof vx.key, "density");
    if (!vx.present)
      CaseFail(L, &vm, "expected a material with a density; %s gives none", m->path);
    else
      PetscCall(CaseQtyOf(L, &vx, &Q_DENSITY, NULL, rho));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Volume fractions of a porous electrode's solids: from a composition (weight or volume percent of
 * the solids), or given (active_fraction, the solid electrolyte's volume_fraction, carbon_fraction,
 * binder_fraction).  vvf: the solid electrolyte's volume_fraction (when the region has one). */
PetscErrorCode CaseLoadComposite(Loader *L, const Sec *s, const Val *vvf, PetscInt g) {
  static const char *const parts[] = {"active", "solid_electrolyte", "carbon", "binder"};
  FvRegion *r                      = &L->c->region[g];
  const PetscBool has_se           = L->has_se[g];
  Val vcomp, vfrac, vcf, vbf, vcd, vbd;
  char at[64];

  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, s, "composition", &vcomp));
  PetscCall(CaseLookup(L, s, "active_fraction", &vfrac));
  PetscCall(CaseLookup(L, s, "carbon_fraction", &vcf));
  PetscCall(CaseLookup(L, s, "binder_fraction", &vbf));
  PetscCall(LoadSolidDensity(L, s, "carbon_density", "carbon_material", MAT_SLOT_CARBON(g),
                             &r->rho_carbon, &vcd));
  PetscCall(LoadSolidDensity(L, s, "binder_density", "binder_material", MAT_SLOT_BINDER(g),
                             &r->rho_binder, &vbd));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  CaseValWhere(&vcomp, at, sizeof at);
  if (vcomp.present) {
    const Val *other = vfrac.present              ? &vfrac
                       : (has_se && vvf->present) ? vvf
                       : vcf.present              ? &vcf
                       : vbf.present              ? &vbf
                                                  : NULL;
    Sec cs;
    Val vb, vw[4];
    PetscReal w[4], rho[4], f[4] = {0, 0, 0, 0}, sum = 0, tot = 0;
    int basis, rem = -1;
    if (other) {
      CaseFail(L, other,
               "conflicts with %s%s: give a composition (percent of the solids) or the volume "
               "fractions, not both",
               vcomp.key, at);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    CaseOpenSection(L, &vcomp, CaseSchemaKeys(L, FV_SEC_COMPOSITION),
                    "a map {basis: weight, active: 80, solid_electrolyte: 14, carbon: 6, binder: "
                    "0} (percent of the solids)",
                    &cs);
    PetscCall(GetWordNear(L, &cs, "basis", composition_bases,
                          "a composition basis: weight or volume", &basis, &vb));
    if (!L->failed && !vb.present)
      CaseFail(L, &vb, "expected a composition basis: weight or volume");
    /* one component may be `remainder`: 100 minus the others, so a sweep of the active
     * share keeps the carbon fixed and lets the solid electrolyte fill the rest */
    for (int i = 0; i < 4; i++) {
      PetscCall(CaseLookup(L, &cs, parts[i], &vw[i]));
      if (vw[i].present && vw[i].str && !strcmp(vw[i].str, "remainder")) {
        if (rem >= 0) {
          CaseFail(L, &vw[i], "expected at most one remainder in a composition (%s is one)",
                   vw[rem].key);
          PetscFunctionReturn(PETSC_SUCCESS);
        }
        rem  = i;
        w[i] = 0;
      } else
        PetscCall(GetPercent(L, &cs, parts[i], (PetscBool)(i == 0), &vw[i], &w[i]));
    }
    if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
    if (rem >= 0) {
      PetscReal others = 0;
      for (int i = 0; i < 4; i++)
        if (i != rem) others += w[i];
      w[rem] = 100 - others;
      if (w[rem] < 0) {
        CaseFail(L, &vw[rem], "expected a remainder >= 0: the other components sum to %.10g %%",
                 (double)others);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
    }
    for (int i = 0; i < 4; i++)
      sum += w[i];
    if (!(w[0] > 0))
      CaseFail(L, &vw[0], "expected the active material's share, a percentage in (0, 100]");
    else if (PetscAbsReal(sum - 100) > 1e-6 * 100)
      CaseFail(L, &vcomp, "expected percentages summing to 100 (they sum to %.10g)", (double)sum);
    else if (w[1] > 0 && !has_se)
      CaseFail(L, &vw[1], "expected no solid electrolyte: %s has no solid_electrolyte section",
               region_names[g]);
    else if (w[1] == 0 && has_se)
      CaseFail(L, &vw[1],
               "expected the solid electrolyte's share (a percentage > 0): %s has a "
               "solid_electrolyte section",
               region_names[g]);
    else if (w[2] > 0 && r->rho_carbon <= 0)
      CaseFail(L, &vcd,
               "expected %s (e.g. \"2000 kg/m3\"), or carbon_material (e.g. carbon_black): the "
               "composition has %g %% carbon",
               Q_DENSITY.what, (double)w[2]);
    else if (w[3] > 0 && r->rho_binder <= 0)
      CaseFail(L, &vbd,
               "expected %s (e.g. \"1780 kg/m3\"), or binder_material (e.g. pvdf): the composition "
               "has %g %% binder",
               Q_DENSITY.what, (double)w[3]);
    else if (basis == 0 && r->rho_am <= 0)
      CaseFail(L, &vb,
               "expected the active material's density for a weight-basis composition: give "
               "%s.density (or a material with one)",
               region_names[g]);
    else if (basis == 0 && w[1] > 0 && r->se.density <= 0)
      CaseFail(L, &vb,
               "expected the solid electrolyte's density for a weight-basis composition: give "
               "%s.solid_electrolyte.density (or a material with one)",
               region_names[g]);
    if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
    rho[0] = r->rho_am;
    rho[1] = r->se.density;
    rho[2] = r->rho_carbon;
    rho[3] = r->rho_binder;
    /* volume fractions of the solids, which fill 1 - porosity */
    if (basis == 0) { /* weight: volumes per mass w_i / rho_i */
      for (int i = 0; i < 4; i++)
        if (w[i] > 0) tot += w[i] / rho[i];
      for (int i = 0; i < 4; i++)
        if (w[i] > 0) f[i] = w[i] / rho[i] / tot * (1 - r->porosity);
    } else
      for (int i = 0; i < 4; i++)
        f[i] = w[i] / 100 * (1 - r->porosity);
    r->eps_am     = f[0];
    r->eps_se     = f[1];
    r->eps_carbon = f[2];
    r->eps_binder = f[3];
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* the volume fractions themselves */
  PetscCall(CaseGetQty(L, s, "active_fraction", &Q_FRACTION, PETSC_TRUE, 0, &vfrac, &r->eps_am));
  if (!L->failed && r->eps_am + r->porosity > 1 + 1e-12)
    CaseFail(L, &vfrac,
             "expected active_fraction + porosity <= 1 (porosity is %g, so active_fraction <= %g)",
             (double)r->porosity, (double)(1 - r->porosity));
  if (!L->failed && has_se) {
    if (!vvf->present)
      CaseFail(L, vvf,
               "expected %s (e.g. \"%s\"), or %s.composition: the solid electrolyte's share of the "
               "electrode",
               Q_SE_FRACTION.what, Q_SE_FRACTION.example, region_names[g]);
    else
      PetscCall(CaseQtyOf(L, vvf, &Q_SE_FRACTION, NULL, &r->eps_se));
  }
  if (vcf.present) PetscCall(CaseQtyOf(L, &vcf, &Q_SOLID_FRACTION, NULL, &r->eps_carbon));
  if (vbf.present) PetscCall(CaseQtyOf(L, &vbf, &Q_SOLID_FRACTION, NULL, &r->eps_binder));
  if (!L->failed) {
    const PetscReal tot = r->porosity + r->eps_am + r->eps_se + r->eps_carbon + r->eps_binder;
    const Val *last     = vbf.present                ? &vbf
                          : vcf.present              ? &vcf
                          : (has_se && vvf->present) ? vvf
                                                     : &vfrac;
    if (tot > 1 + 1e-9)
      CaseFail(L, last,
               "expected volume fractions summing to at most 1: porosity %g + active %g + solid "
               "electrolyte %g + carbon %g + "
               "binder %g = %.10g",
               (double)r->porosity, (double)r->eps_am, (double)r->eps_se, (double)r->eps_carbon,
               (double)r->eps_binder, (double)tot);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}
