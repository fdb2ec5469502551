/* case_writer.c -- the resolved case as YAML (see case.h, case_loader.h).
 *
 * Owns: FvCase.yaml_text, the resolved case in SI units (printed by `fvcell check`, stored in the
 * output).  It must read back as the same case: tests/case checks the round trip.
 */
#define _POSIX_C_SOURCE 200809L
#include "case_loader.h"

/* For the record: the material a section was read over (a comment: the values are all explicit). */
PetscErrorCode CaseAddMaterialNote(Str *b, const MatFile *m) {
  PetscFunctionBeginUser;
  if (m) PetscCall(CaseStrAdd(b, "  # material: %s (%s)\n", m->name, m->path));
  PetscFunctionReturn(PETSC_SUCCESS);
}
PetscErrorCode CaseStrAdd(Str *b, const char *fmt, ...) {
  va_list ap;
  int n;
  PetscFunctionBeginUser;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (b->len + (size_t)n + 1 > b->cap) {
    size_t cap = 2 * b->cap + (size_t)n + 4096;
    char *ns   = (char *)realloc(b->s, cap);
    PetscCheck(ns, PETSC_COMM_SELF, PETSC_ERR_MEM, "out of memory writing the resolved case");
    b->s   = ns;
    b->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* "VALUE UNIT" as a quoted YAML scalar, or a plain number for unit "1". */
void CaseQ(char *buf, size_t n, PetscReal v, const char *unit) {
  char num[40];
  CaseFmtReal(num, sizeof num, (double)v);
  if (!unit || !strcmp(unit, "1"))
    CaseSfmt(buf, n, "%s", num);
  else
    CaseSfmt(buf, n, "\"%s %s\"", num, unit);
}

PetscErrorCode CaseAddQ(Str *b, int indent, const char *key, PetscReal v, const char *unit) {
  char q[128];
  PetscFunctionBeginUser;
  CaseQ(q, sizeof q, v, unit);
  PetscCall(CaseStrAdd(b, "%*s%s: %s\n", indent, "", key, q));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode AddQuoted(Str *b, const char *s) {
  PetscFunctionBeginUser;
  PetscCall(CaseStrAdd(b, "\""));
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\')
      PetscCall(CaseStrAdd(b, "\\%c", ch));
    else if (ch == '\n')
      PetscCall(CaseStrAdd(b, "\\n"));
    else if (ch == '\t')
      PetscCall(CaseStrAdd(b, "\\t"));
    else if (ch < 0x20 || ch == 0x7f)
      PetscCall(CaseStrAdd(b, "\\x%02x", ch));
    else
      PetscCall(CaseStrAdd(b, "%c", ch));
  }
  PetscCall(CaseStrAdd(b, "\""));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode AddProp(Str *b, int indent, const char *key, const FvProperty *p,
                              const char *unit) {
  char q[128], ea[128], tr[128], sc[64];
  PetscFunctionBeginUser;
  CaseQ(ea, sizeof ea, p->Ea, "J/mol");
  CaseQ(tr, sizeof tr, p->Tref, "K");
  CaseQ(sc, sizeof sc, p->scale, "1");
  switch (p->kind) {
  case FV_PROP_CONST:
    CaseQ(q, sizeof q, p->value * p->scale, unit);
    if (p->Ea == 0)
      PetscCall(CaseStrAdd(b, "%*s%s: %s\n", indent, "", key, q));
    else
      PetscCall(CaseStrAdd(b,
                           "%*s%s: {value: %s, activation_energy: %s, reference_temperature: %s}\n",
                           indent, "", key, q, ea, tr));
    break;
  case FV_PROP_FORM:
    PetscCall(CaseStrAdd(b, "%*s%s: {form: %s, x: %s", indent, "", key, p->form,
                         p->arg == FV_ARG_CONC ? "concentration" : "sto"));
    if (p->scale != 1) PetscCall(CaseStrAdd(b, ", scale: %s", sc));
    if (p->Ea != 0)
      PetscCall(CaseStrAdd(b, ", activation_energy: %s, reference_temperature: %s", ea, tr));
    PetscCall(CaseStrAdd(b, "}\n"));
    break;
  case FV_PROP_TABLE:
    PetscCall(CaseStrAdd(b, "%*s%s:\n", indent, "", key));
    PetscCall(CaseStrAdd(b, "%*s# from %s\n", indent + 2, "", p->source));
    PetscCall(CaseStrAdd(b, "%*sx: %s\n", indent + 2, "",
                         p->arg == FV_ARG_CONC ? "concentration" : "sto"));
    PetscCall(CaseStrAdd(b, "%*sx_unit: \"%s\"\n", indent + 2, "",
                         p->arg == FV_ARG_CONC ? "mol/m3" : "1"));
    PetscCall(CaseStrAdd(b, "%*sy_unit: \"%s\"\n", indent + 2, "", unit));
    PetscCall(CaseStrAdd(b, "%*sinterpolation: %s\n", indent + 2, "",
                         p->interp == FV_INTERP_LINEAR ? "linear" : "steffen"));
    PetscCall(
        CaseStrAdd(b, "%*sextrapolate: %s\n", indent + 2, "", p->extrapolate ? "true" : "false"));
    if (p->scale != 1) PetscCall(CaseStrAdd(b, "%*sscale: %s\n", indent + 2, "", sc));
    if (p->Ea != 0)
      PetscCall(CaseStrAdd(b, "%*sactivation_energy: %s\n%*sreference_temperature: %s\n",
                           indent + 2, "", ea, indent + 2, "", tr));
    PetscCall(CaseStrAdd(b, "%*stable:\n", indent + 2, ""));
    for (PetscInt i = 0; i < p->n; i++) {
      char xs[40], ys[40];
      CaseFmtReal(xs, sizeof xs, (double)p->x[i]);
      CaseFmtReal(ys, sizeof ys, (double)p->y[i]);
      PetscCall(CaseStrAdd(b, "%*s- [%s, %s]\n", indent + 4, "", xs, ys));
    }
    break;
  default:
    break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A region's solid electrolyte, resolved (indent 2). */
static PetscErrorCode AddSolidElectrolyte(Str *b, const FvRegion *r, const MatFile *m) {
  const FvSolidElectrolyte *se = &r->se;
  PetscFunctionBeginUser;
  PetscCall(CaseStrAdd(b, "  solid_electrolyte:\n"));
  if (m) PetscCall(CaseStrAdd(b, "    # material: %s (%s)\n", m->name, m->path));
  PetscCall(AddProp(b, 4, "conductivity", &se->sigma, "S/m"));
  PetscCall(CaseAddQ(b, 4, "ion_concentration", se->c_ion, "mol/m3"));
  PetscCall(CaseAddQ(b, 4, "ion_charge", se->zplus, "1"));
  if (se->density > 0) PetscCall(CaseAddQ(b, 4, "density", se->density, "kg/m3"));
  if (se->E > 0) PetscCall(CaseAddQ(b, 4, "youngs_modulus", se->E, "Pa"));
  if (se->nu != 0) PetscCall(CaseAddQ(b, 4, "poisson_ratio", se->nu, "1"));
  switch (se->law) {
  case FV_SIGMA_PERCOLATION:
    PetscCall(CaseStrAdd(b, "    effective_conductivity: percolation\n"));
    PetscCall(CaseAddQ(b, 4, "percolation_threshold", se->threshold, "1"));
    PetscCall(CaseAddQ(b, 4, "percolation_exponent", se->exponent, "1"));
    break;
  case FV_SIGMA_BRUGGEMAN:
    PetscCall(CaseStrAdd(b, "    effective_conductivity: bruggeman\n"));
    PetscCall(CaseAddQ(b, 4, "bruggeman", se->exponent, "1"));
    break;
  case FV_SIGMA_MEASURED:
    PetscCall(CaseStrAdd(b, "    effective_conductivity: measured\n"));
    PetscCall(CaseAddQ(b, 4, "measured_conductivity", se->sigma_measured, "S/m"));
    break;
  }
  PetscCall(CaseAddQ(b, 4, "volume_fraction", r->eps_se, "1"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The composite-electrode keys of a porous electrode, resolved: volume fractions and densities of
 * the other solids, loading and window capacity, particle families, contact mechanics.  A plain
 * liquid electrode (one family in full contact, no other solids) writes particle_radius only. */
static PetscErrorCode AddComposite(Str *b, const FvCase *c, const FvRegion *r, const MatFile *mse) {
  const PetscBool composite = (PetscBool)(r->se.present || r->eps_carbon > 0 || r->eps_binder > 0);
  const FvContact *ct       = &r->contact;
  PetscFunctionBeginUser;
  if (r->se.present) PetscCall(AddSolidElectrolyte(b, r, mse));
  if (r->eps_carbon > 0) PetscCall(CaseAddQ(b, 2, "carbon_fraction", r->eps_carbon, "1"));
  if (r->eps_binder > 0) PetscCall(CaseAddQ(b, 2, "binder_fraction", r->eps_binder, "1"));
  if (r->rho_carbon > 0) PetscCall(CaseAddQ(b, 2, "carbon_density", r->rho_carbon, "kg/m3"));
  if (r->rho_binder > 0) PetscCall(CaseAddQ(b, 2, "binder_density", r->rho_binder, "kg/m3"));
  if (composite && r->rho_am > 0) { /* the active density (data) and the loading it gives */
    PetscCall(CaseAddQ(b, 2, "density", r->rho_am, "kg/m3"));
    PetscCall(CaseAddQ(b, 2, "active_loading", r->eps_am * r->thickness * r->rho_am, "kg/m2"));
  }
  if (r->sto_window[0] != r->sto_window[1]) {
    char w0[40], w1[40];
    CaseFmtReal(w0, sizeof w0, (double)r->sto_window[0]);
    CaseFmtReal(w1, sizeof w1, (double)r->sto_window[1]);
    PetscCall(CaseStrAdd(b, "  stoichiometry_window: [%s, %s]\n", w0, w1));
    PetscCall(CaseAddQ(b, 2, "areal_capacity",
                       r->eps_am * r->thickness * r->c_max * r->n_electrons * c->F *
                           PetscAbsReal(r->sto_window[1] - r->sto_window[0]),
                       "C/m2"));
  }
  if (r->se.present) PetscCall(CaseAddQ(b, 2, "interface_resistance", r->R_interface, "ohm m2"));
  if (r->nfam == 1 && r->fam_f0[0] == 1 && !ct->enabled)
    PetscCall(CaseAddQ(b, 2, "particle_radius", r->radius, "m"));
  else {
    PetscCall(CaseStrAdd(b, "  particle_families:\n"));
    for (PetscInt k = 0; k < r->nfam; k++) {
      char rad[128], fr[64], f0[64];
      CaseQ(rad, sizeof rad, r->fam_radius[k], "m");
      CaseQ(fr, sizeof fr, r->fam_fraction[k], "1");
      CaseQ(f0, sizeof f0, r->fam_f0[k], "1");
      PetscCall(
          CaseStrAdd(b, "    - {radius: %s, fraction: %s, initial_contact: %s}\n", rad, fr, f0));
    }
  }
  if (ct->enabled) {
    PetscCall(CaseStrAdd(b, "  contact:\n"));
    PetscCall(CaseAddQ(b, 4, "strain_scale", ct->e_c, "1"));
    PetscCall(CaseAddQ(b, 4, "irreversibility", ct->k_irr, "1"));
    PetscCall(CaseAddQ(b, 4, "isolation_threshold", ct->f_iso, "1"));
    PetscCall(CaseAddQ(b, 4, "isolation_width", ct->iso_width, "1"));
    PetscCall(CaseAddQ(b, 4, "gap_smoothing", ct->gap_width, "1"));
    PetscCall(CaseAddQ(b, 4, "fabrication_stoichiometry", ct->sto_fab, "1"));
    PetscCall(AddProp(b, 2, "volume_change", &ct->dvv, "1"));
    PetscCall(CaseAddQ(b, 2, "youngs_modulus", ct->E_am, "Pa"));
    PetscCall(CaseAddQ(b, 2, "poisson_ratio", ct->nu_am, "1"));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A field spec, resolved, on one line: a bare value when uniform, else a flow map of its kind's
 * keys (a voxel file as its absolute path). */
static PetscErrorCode AddField(Str *b, int indent, const char *key, const FvFieldSpec *f,
                               const char *unit) {
  char q1[128], q2[128], q3[128];
  PetscFunctionBeginUser;
  switch (f->kind) {
  case FV_FIELDSPEC_UNIFORM:
    PetscCall(CaseAddQ(b, indent, key, f->value, unit));
    break;
  case FV_FIELDSPEC_GAUSSIAN:
    CaseQ(q1, sizeof q1, f->mean, unit);
    CaseQ(q2, sizeof q2, f->std, unit);
    CaseQ(q3, sizeof q3, f->corr_length, "m");
    PetscCall(CaseStrAdd(
        b,
        "%*s%s: {kind: gaussian, mean: %s, std: %s, correlation_length: %s, seed: %" PetscInt_FMT
        ", modes: %" PetscInt_FMT,
        indent, "", key, q1, q2, q3, f->seed, f->nmodes));
    CaseQ(q1, sizeof q1, f->min, unit);
    CaseQ(q2, sizeof q2, f->max, unit);
    if (f->min > -PETSC_MAX_REAL) PetscCall(CaseStrAdd(b, ", min: %s", q1));
    if (f->max < PETSC_MAX_REAL) PetscCall(CaseStrAdd(b, ", max: %s", q2));
    PetscCall(CaseStrAdd(b, "}\n"));
    break;
  case FV_FIELDSPEC_VOXEL:
    PetscCall(CaseStrAdd(b, "%*s%s: {kind: voxel, file: ", indent, "", key));
    PetscCall(AddQuoted(b, f->file));
    PetscCall(CaseStrAdd(b, ", variable: "));
    PetscCall(AddQuoted(b, f->variable));
    if (f->phase >= 0) PetscCall(CaseStrAdd(b, ", phase: %" PetscInt_FMT, f->phase));
    PetscCall(CaseStrAdd(b, "}\n"));
    break;
  case FV_FIELDSPEC_PATCHES:
    CaseQ(q1, sizeof q1, f->value, unit);
    CaseQ(q2, sizeof q2, f->background, unit);
    PetscCall(CaseStrAdd(b, "%*s%s: {kind: patches, value: %s, background: %s, patches: [", indent,
                         "", key, q1, q2));
    for (PetscInt i = 0; i < f->npatches; i++) {
      CaseQ(q1, sizeof q1, f->patch[i][0], "m");
      CaseQ(q2, sizeof q2, f->patch[i][1], "m");
      PetscCall(CaseStrAdd(b, "%s{y: [%s, %s]", i ? ", " : "", q1, q2));
      if (f->patch[i][2] > -PETSC_MAX_REAL || f->patch[i][3] < PETSC_MAX_REAL) {
        CaseQ(q1, sizeof q1, f->patch[i][2], "m");
        CaseQ(q2, sizeof q2, f->patch[i][3], "m");
        PetscCall(CaseStrAdd(b, ", z: [%s, %s]", q1, q2));
      }
      PetscCall(CaseStrAdd(b, "}"));
    }
    PetscCall(CaseStrAdd(b, "]}\n"));
    break;
  case FV_FIELDSPEC_RANDOM_VOIDS:
    CaseQ(q1, sizeof q1, f->void_fraction, "1");
    CaseQ(q2, sizeof q2, f->corr_length, "m");
    CaseQ(q3, sizeof q3, f->background, unit);
    PetscCall(
        CaseStrAdd(b,
                   "%*s%s: {kind: random_voids, void_fraction: %s, correlation_length: %s, seed: "
                   "%" PetscInt_FMT ", modes: %" PetscInt_FMT ", background: %s}\n",
                   indent, "", key, q1, q2, f->seed, f->nmodes, q3));
    break;
  default:
    break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A region's fields: section, when it has any field. */
static PetscErrorCode AddFields(Str *b, const FvRegion *r) {
  PetscBool any = PETSC_FALSE;
  PetscFunctionBeginUser;
  for (int i = 0; i < FV_NPFIELDS; i++)
    if (r->field[i].kind != FV_FIELDSPEC_NONE) any = PETSC_TRUE;
  if (!any) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseStrAdd(b, "  fields:\n"));
  PetscCall(AddField(b, 4, r->se.present ? "solid_electrolyte_fraction" : "porosity",
                     &r->field[FV_PF_EPS], "1"));
  PetscCall(AddField(b, 4, "particle_radius", &r->field[FV_PF_RADIUS], "m"));
  PetscCall(AddField(b, 4, "electronic_conductivity", &r->field[FV_PF_SIGMA_S], "S/m"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseBuildYaml(Loader *L) {
  static const char *const names[] = {"negative", "separator", "positive"};
  FvCase *c                        = L->c;
  Str b                            = {NULL, 0, 0};
  const FvElectrolyte *e           = &c->electrolyte;
  PetscFunctionBeginUser;
  PetscCall(CaseStrAdd(&b, "# fvcell resolved case: every value in SI units\n# source: %s\n",
                       c->path[0] ? c->path : default_origin));
  PetscCall(CaseStrAdd(&b, "name: "));
  PetscCall(AddQuoted(&b, c->name));
  PetscCall(CaseStrAdd(&b, "\n"));
  if (L->description[0]) {
    PetscCall(CaseStrAdd(&b, "description: "));
    PetscCall(AddQuoted(&b, L->description));
    PetscCall(CaseStrAdd(&b, "\n"));
  }
  PetscCall(CaseStrAdd(&b, "constants:\n"));
  PetscCall(CaseAddQ(&b, 2, "faraday", c->F, "C/mol"));
  PetscCall(CaseAddQ(&b, 2, "gas_constant", c->R, "J/mol/K"));
  PetscCall(CaseAddQ(&b, 0, "temperature", c->T, "K"));
  if (c->liquid) {
    PetscCall(CaseStrAdd(&b, "electrolyte:\n"));
    PetscCall(CaseAddMaterialNote(&b, L->mat[MAT_SLOT_ELECTROLYTE]));
    PetscCall(CaseAddQ(&b, 2, "initial_concentration", e->c0, "mol/m3"));
    PetscCall(CaseAddQ(&b, 2, "cation_charge", e->zplus, "1"));
    PetscCall(CaseAddQ(&b, 2, "cation_stoichiometry", e->nuplus, "1"));
    PetscCall(CaseAddQ(&b, 2, "anion_stoichiometry", e->numinus, "1"));
    PetscCall(AddProp(&b, 2, "conductivity", &e->kappa, "S/m"));
    PetscCall(AddProp(&b, 2, "diffusivity", &e->D, "m2/s"));
    PetscCall(AddProp(&b, 2, "transference_number", &e->tplus, "1"));
    PetscCall(AddProp(&b, 2, "thermodynamic_factor", &e->tdf, "1"));
  } else
    PetscCall(CaseStrAdd(
        &b, "# no liquid electrolyte: every porous region has a solid_electrolyte section\n"));
  { /* the cell: stack pressure and the stack unit of the energy accounting, all resolved */
    PetscCall(CaseStrAdd(&b, "cell:\n"));
    if (c->stack_pressure > 0)
      PetscCall(CaseAddQ(&b, 2, "stack_pressure", c->stack_pressure, "Pa"));
    PetscCall(CaseWriteRows(&b, c, FV_SEC_CELL));
  }
  { /* the mesh, when it is not the default 1D one */
    const FvMeshSpec *m = &c->mesh;
    if (m->dim > 1 || m->x_grading != 1 || m->output_stride != 1) {
      char q[128];
      PetscCall(CaseStrAdd(&b, "mesh:\n  dimension: %" PetscInt_FMT "\n", m->dim));
      CaseQ(q, sizeof q, m->Ly, "m");
      if (m->dim > 1)
        PetscCall(CaseStrAdd(&b, "  y: {length: %s, cells: %" PetscInt_FMT "}\n", q, m->ny));
      CaseQ(q, sizeof q, m->Lz, "m");
      if (m->dim > 2)
        PetscCall(CaseStrAdd(&b, "  z: {length: %s, cells: %" PetscInt_FMT "}\n", q, m->nz));
      PetscCall(CaseAddQ(&b, 2, "x_grading", m->x_grading, "1"));
      PetscCall(CaseStrAdd(&b, "  output_stride: %" PetscInt_FMT "\n", m->output_stride));
    }
  }
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegion *r = &c->region[g];
    PetscCall(CaseStrAdd(&b, "%s:\n", names[g]));
    PetscCall(CaseAddMaterialNote(&b, L->mat[g]));
    if (r->metal) {
      PetscCall(CaseStrAdd(&b, "  type: metal\n"));
      PetscCall(CaseAddQ(&b, 2, "areal_capacity", r->metal_capacity, "C/m2"));
      PetscCall(CaseStrAdd(&b, "  kinetics:\n"));
      PetscCall(CaseAddQ(&b, 4, "exchange_current_density", r->i0_metal, "A/m2"));
      if (r->ce_ref > 0) PetscCall(CaseAddQ(&b, 4, "reference_concentration", r->ce_ref, "mol/m3"));
      PetscCall(CaseAddQ(&b, 4, "concentration_exponent", r->metal_ce_exponent, "1"));
      PetscCall(CaseAddQ(&b, 4, "alpha_a", r->alpha_a, "1"));
      PetscCall(CaseAddQ(&b, 4, "alpha_c", r->alpha_c, "1"));
      PetscCall(CaseAddQ(&b, 4, "film_resistance", r->R_film, "ohm m2"));
      PetscCall(AddField(&b, 2, "contact_map", &r->contact_map, "1"));
      continue;
    }
    PetscCall(CaseAddQ(&b, 2, "thickness", r->thickness, "m"));
    PetscCall(CaseStrAdd(&b, "  cells: %" PetscInt_FMT "\n", r->ncells));
    PetscCall(CaseAddQ(&b, 2, "porosity", r->porosity, "1"));
    PetscCall(CaseAddQ(&b, 2, "bruggeman", r->brugg_e, "1"));
    if (g == FV_SEP) {
      if (r->se.present) PetscCall(AddSolidElectrolyte(&b, r, L->mat[MAT_SLOT_SE(g)]));
      PetscCall(AddFields(&b, r));
      continue;
    }
    PetscCall(CaseAddQ(&b, 2, "active_fraction", r->eps_am, "1"));
    PetscCall(CaseAddQ(&b, 2, "conductivity", r->sigma, "S/m"));
    PetscCall(CaseAddQ(&b, 2, "bruggeman_solid", r->brugg_s, "1"));
    PetscCall(AddComposite(&b, c, r, L->mat[MAT_SLOT_SE(g)]));
    PetscCall(CaseStrAdd(&b, "  particle_shells: %" PetscInt_FMT "\n", r->nshells));
    PetscCall(CaseStrAdd(&b, "  particle_discretisation: %s\n",
                         r->particle_disc == FV_PARTICLE_SPECTRAL ? "spectral" : "finite_volume"));
    if (r->particle_disc == FV_PARTICLE_FINITE_VOLUME) /* spectral nodes take no grading */
      PetscCall(CaseAddQ(&b, 2, "particle_grading", r->shell_grading, "1"));
    PetscCall(CaseAddQ(&b, 2, "max_concentration", r->c_max, "mol/m3"));
    PetscCall(CaseAddQ(&b, 2, "initial_stoichiometry", r->sto0, "1"));
    PetscCall(AddProp(&b, 2, "ocp", &r->ocp, "V"));
    PetscCall(AddProp(&b, 2, "diffusivity", &r->Ds, "m2/s"));
    if (r->dUdT.kind != FV_PROP_UNSET && c->thermal.model != FV_THERMAL_ISOTHERMAL)
      PetscCall(AddProp(&b, 2, "entropic_coefficient", &r->dUdT, "V/K")); /* heat only */
    {
      char k0unit[128], mrefunit[128];
      PetscReal ex = r->ce_ref > 0 ? r->alpha_a + r->alpha_c : 2 * r->alpha_a + r->alpha_c;
      CaseRateUnits(ex, k0unit, sizeof k0unit, mrefunit, sizeof mrefunit);
      PetscCall(CaseStrAdd(&b, "  kinetics:\n"));
      PetscCall(CaseAddQ(&b, 4, "alpha_a", r->alpha_a, "1"));
      PetscCall(CaseAddQ(&b, 4, "alpha_c", r->alpha_c, "1"));
      if (r->ce_ref > 0) PetscCall(CaseAddQ(&b, 4, "reference_concentration", r->ce_ref, "mol/m3"));
      PetscCall(AddProp(&b, 4, "rate_constant", &r->k0, k0unit));
      PetscCall(CaseAddQ(&b, 4, "film_resistance", r->R_film, "ohm m2"));
    }
    PetscCall(AddFields(&b, r));
  }
  PetscCall(CaseStrAdd(&b, "operation:\n"));
  PetscCall(CaseAddQ(&b, 2, "one_c", c->one_c, "A/m2"));
  PetscCall(CaseAddQ(&b, 2, "lower_cutoff", c->v_min, "V"));
  PetscCall(CaseAddQ(&b, 2, "upper_cutoff", c->v_max, "V"));
  if (c->nrates > 0) {
    PetscCall(CaseStrAdd(&b, "  rates: ["));
    for (PetscInt i = 0; i < c->nrates; i++) {
      char num[40];
      CaseFmtReal(num, sizeof num, (double)c->rates[i]);
      PetscCall(CaseStrAdd(&b, "%s%s", i ? ", " : "", num));
    }
    PetscCall(CaseStrAdd(&b, "]\n"));
  }
  PetscCall(CaseAddQ(&b, 2, "contact_resistance", c->r_contact, "ohm m2"));
  if (c->t_max > 0) PetscCall(CaseAddQ(&b, 2, "max_duration", c->t_max, "s"));
  if (c->nprotocol > 0) {
    PetscCall(CaseStrAdd(&b, "  protocol:\n"));
    for (PetscInt i = 0; i < c->nprotocol; i++)
      PetscCall(CaseStrAdd(&b, "    - \"%s\"\n", c->protocol[i]));
  }
  PetscCall(CaseStrAdd(&b, "  cycles: %" PetscInt_FMT "\n", c->cycles));
  PetscCall(CaseWriteThermal(&b, c));
  c->yaml_text = b.s;
  PetscFunctionReturn(PETSC_SUCCESS);
}
