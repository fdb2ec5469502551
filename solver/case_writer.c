/* case_writer.c -- the resolved case as YAML (see case.h, case_loader.h).
 *
 * Owns: FvCase.yaml_text, the resolved case in SI units (printed by `fvcell check`, stored in the
 * output), written by one generic writer from the schema table's rows (CaseWriteRows) and the write
 * hooks of the rows whose resolved form is not simply their field.  It must read back as the same
 * case: tests/case checks the round trip.
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

/* ---- the generic writer ------------------------------------------------------------------ */

PetscErrorCode CaseWriteField(const CaseWriter *w, int indent, const FvCaseKey *k,
                              const void *base) {
  const char *field;
  PetscFunctionBeginUser;
  if (k->offset == FV_KEY_NO_FIELD) PetscFunctionReturn(PETSC_SUCCESS);
  field = (const char *)base + k->offset;
  switch (k->kind) {
  case FV_KEY_QUANTITY: {
    const PetscReal x = *(const PetscReal *)field;
    if ((k->flags & FV_KEYF_WRITE_IF_POSITIVE) && !(x > 0)) break;
    if ((k->flags & FV_KEYF_WRITE_IF_NONZERO) && x == 0) break;
    PetscCall(CaseAddQ(w->b, indent, k->name, x, FvCaseKeyUnit(k)));
  } break;
  case FV_KEY_INTEGER:
    if (k->flags & FV_KEYF_REAL)
      PetscCall(CaseAddQ(w->b, indent, k->name, *(const PetscReal *)field, "1"));
    else
      PetscCall(CaseStrAdd(w->b, "%*s%s: %" PetscInt_FMT "\n", indent, "", k->name,
                           *(const PetscInt *)field));
    break;
  case FV_KEY_BOOL:
    PetscCall(CaseStrAdd(w->b, "%*s%s: %s\n", indent, "", k->name,
                         *(const PetscBool *)field ? "true" : "false"));
    break;
  case FV_KEY_WORD:
    PetscCall(CaseStrAdd(w->b, "%*s%s: %s\n", indent, "", k->name, k->words[*(const int *)field]));
    break;
  case FV_KEY_PROPERTY:
    PetscCall(AddProp(w->b, indent, k->name, (const FvProperty *)field, FvCaseKeyUnit(k)));
    break;
  default:
    break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseWriteRows(const CaseWriter *w, int indent, unsigned sec, const void *base) {
  PetscFunctionBeginUser;
  for (const FvCaseKey *k = FvCaseSchema(); k->name; k++) {
    if (!(k->sections & sec) || (k->flags & FV_KEYF_NO_WRITE)) continue;
    if (k->write)
      PetscCall(k->write(w, indent, k, base));
    else
      PetscCall(CaseWriteField(w, indent, k, base));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- write hooks: rows written under a condition, or from more than their field ---------- */

static const FvRegion *Region(const CaseWriter *w) {
  return &w->c->region[w->g];
}

/* type: only a metal electrode says it (porous is the default). */
PetscErrorCode CaseWriteMetalType(const CaseWriter *w, int indent, const FvCaseKey *k,
                                  const void *base) {
  PetscFunctionBeginUser;
  (void)base;
  if (Region(w)->metal) PetscCall(CaseStrAdd(w->b, "%*s%s: metal\n", indent, "", k->name));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A region's solid electrolyte, with the material it was read over. */
PetscErrorCode CaseWriteSolidElectrolyte(const CaseWriter *w, int indent, const FvCaseKey *k,
                                         const void *base) {
  const FvRegion *r = Region(w);
  const MatFile *m  = w->L->mat[MAT_SLOT_SE(w->g)];
  PetscFunctionBeginUser;
  (void)base;
  if (!r->se.present) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseStrAdd(w->b, "%*s%s:\n", indent, "", k->name));
  if (m) PetscCall(CaseStrAdd(w->b, "%*s# material: %s (%s)\n", indent + 2, "", m->name, m->path));
  PetscCall(CaseWriteRows(w, indent + 2, FV_SEC_SOLID_ELECTROLYTE, &r->se));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The effective-conductivity law and the keys of that law only. */
PetscErrorCode CaseWriteConductivityLaw(const CaseWriter *w, int indent, const FvCaseKey *k,
                                        const void *base) {
  static const char *const laws[] = {"percolation", "bruggeman", "measured"}; /* FvSigmaLaw */
  const FvSolidElectrolyte *se    = (const FvSolidElectrolyte *)base;
  FvSigmaLaw law                  = FV_SIGMA_PERCOLATION;
  PetscFunctionBeginUser;
  if (!strcmp(k->name, "effective_conductivity")) {
    PetscCall(CaseStrAdd(w->b, "%*s%s: %s\n", indent, "", k->name, laws[se->law]));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!strcmp(k->name, "bruggeman")) law = FV_SIGMA_BRUGGEMAN;
  if (!strcmp(k->name, "measured_conductivity")) law = FV_SIGMA_MEASURED;
  if (se->law == law) PetscCall(CaseWriteField(w, indent, k, base));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The solid electrolyte's volume fraction is the region's eps_se. */
PetscErrorCode CaseWriteVolumeFraction(const CaseWriter *w, int indent, const FvCaseKey *k,
                                       const void *base) {
  PetscFunctionBeginUser;
  (void)base;
  PetscCall(CaseAddQ(w->b, indent, k->name, Region(w)->eps_se, "1"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A composite electrode (solid electrolyte, carbon or binder) with an active density: the density
 * and the active loading it gives. */
PetscErrorCode CaseWriteComposite(const CaseWriter *w, int indent, const FvCaseKey *k,
                                  const void *base) {
  const FvRegion *r         = Region(w);
  const PetscBool composite = (PetscBool)(r->se.present || r->eps_carbon > 0 || r->eps_binder > 0);
  PetscFunctionBeginUser;
  if (!composite || !(r->rho_am > 0)) PetscFunctionReturn(PETSC_SUCCESS);
  if (!strcmp(k->name, "active_loading"))
    PetscCall(CaseAddQ(w->b, indent, k->name, r->eps_am * r->thickness * r->rho_am, "kg/m2"));
  else
    PetscCall(CaseWriteField(w, indent, k, base));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The stoichiometry window of the rated capacity, and that capacity. */
PetscErrorCode CaseWriteWindow(const CaseWriter *w, int indent, const FvCaseKey *k,
                               const void *base) {
  const FvRegion *r = Region(w);
  PetscFunctionBeginUser;
  (void)base;
  if (r->sto_window[0] == r->sto_window[1]) PetscFunctionReturn(PETSC_SUCCESS);
  if (!strcmp(k->name, "stoichiometry_window")) {
    char w0[40], w1[40];
    CaseFmtReal(w0, sizeof w0, (double)r->sto_window[0]);
    CaseFmtReal(w1, sizeof w1, (double)r->sto_window[1]);
    PetscCall(CaseStrAdd(w->b, "%*s%s: [%s, %s]\n", indent, "", k->name, w0, w1));
  } else
    PetscCall(CaseAddQ(w->b, indent, k->name,
                       r->eps_am * r->thickness * r->c_max * r->n_electrons * w->c->F *
                           PetscAbsReal(r->sto_window[1] - r->sto_window[0]),
                       "C/m2"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The electronic network's law: bruggeman_solid, or the percolation keys. */
PetscErrorCode CaseWriteElectronicLaw(const CaseWriter *w, int indent, const FvCaseKey *k,
                                      const void *base) {
  const PetscBool percolation = (PetscBool)(strncmp(k->name, "electronic_percolation", 22) == 0);
  PetscFunctionBeginUser;
  if (Region(w)->el_percolation == percolation) PetscCall(CaseWriteField(w, indent, k, base));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseWriteWithSolidElectrolyte(const CaseWriter *w, int indent, const FvCaseKey *k,
                                             const void *base) {
  PetscFunctionBeginUser;
  if (Region(w)->se.present) PetscCall(CaseWriteField(w, indent, k, base));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* One particle_radius for a plain electrode (one family in full contact, no contact mechanics),
 * else the particle families. */
PetscErrorCode CaseWriteParticles(const CaseWriter *w, int indent, const FvCaseKey *k,
                                  const void *base) {
  const FvRegion *r      = Region(w);
  const PetscBool single = (PetscBool)(r->nfam == 1 && r->fam_f0[0] == 1 && !r->contact.enabled);
  PetscFunctionBeginUser;
  if (!strcmp(k->name, "particle_radius")) {
    if (single) PetscCall(CaseWriteField(w, indent, k, base));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (single) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseStrAdd(w->b, "%*s%s:\n", indent, "", k->name));
  for (PetscInt i = 0; i < r->nfam; i++) {
    char rad[128], fr[64], f0[64];
    CaseQ(rad, sizeof rad, r->fam_radius[i], "m");
    CaseQ(fr, sizeof fr, r->fam_fraction[i], "1");
    CaseQ(f0, sizeof f0, r->fam_f0[i], "1");
    PetscCall(CaseStrAdd(w->b, "%*s- {radius: %s, fraction: %s, initial_contact: %s}\n", indent + 2,
                         "", rad, fr, f0));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseWriteContact(const CaseWriter *w, int indent, const FvCaseKey *k,
                                const void *base) {
  const FvRegion *r = Region(w);
  PetscFunctionBeginUser;
  (void)base;
  if (!r->contact.enabled) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseStrAdd(w->b, "%*s%s:\n", indent, "", k->name));
  PetscCall(CaseWriteRows(w, indent + 2, FV_SEC_CONTACT, &r->contact));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The active material's mechanics: only the contact law uses them. */
PetscErrorCode CaseWriteWithContact(const CaseWriter *w, int indent, const FvCaseKey *k,
                                    const void *base) {
  PetscFunctionBeginUser;
  if (Region(w)->contact.enabled) PetscCall(CaseWriteField(w, indent, k, base));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Spectral nodes take no grading. */
PetscErrorCode CaseWriteIfFiniteVolume(const CaseWriter *w, int indent, const FvCaseKey *k,
                                       const void *base) {
  PetscFunctionBeginUser;
  if (Region(w)->particle_disc == FV_PARTICLE_FINITE_VOLUME)
    PetscCall(CaseWriteField(w, indent, k, base));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A property used only by heat (entropic_coefficient): written when given and the case's thermal
 * model is not isothermal, so that isothermal cases resolve as they did without it. */
PetscErrorCode CaseWriteIfThermal(const CaseWriter *w, int indent, const FvCaseKey *k,
                                  const void *base) {
  const FvProperty *p = (const FvProperty *)((const char *)base + k->offset);
  PetscFunctionBeginUser;
  /* an isothermal run uses the entropic coefficient too when its temperature is not the OCP's
   * reference temperature and the coefficient is not a constant 0 (the OCP is shifted by
   * (T - T_ocp) dU/dT): the resolved case keeps it then */
  const PetscBool zero = (PetscBool)(p->kind == FV_PROP_CONST && p->value == 0);
  if (p->kind != FV_PROP_UNSET &&
      (w->c->thermal.model != FV_THERMAL_ISOTHERMAL || (w->c->T != Region(w)->ocp.Tref && !zero)))
    PetscCall(CaseWriteField(w, indent, k, base));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The kinetics section of a porous or a metal electrode. */
PetscErrorCode CaseWriteKinetics(const CaseWriter *w, int indent, const FvCaseKey *k,
                                 const void *base) {
  PetscFunctionBeginUser;
  PetscCall(CaseStrAdd(w->b, "%*s%s:\n", indent, "", k->name));
  PetscCall(CaseWriteRows(w, indent + 2, Region(w)->metal ? FV_SEC_METAL_KINETICS : FV_SEC_KINETICS,
                          base));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* k0, in the units the concentration exponents of i0 give it. */
PetscErrorCode CaseWriteRateConstant(const CaseWriter *w, int indent, const FvCaseKey *k,
                                     const void *base) {
  const FvRegion *r = Region(w);
  char k0unit[128], mrefunit[128];
  const PetscReal ex = r->ce_ref > 0 ? r->alpha_a + r->alpha_c : 2 * r->alpha_a + r->alpha_c;
  PetscFunctionBeginUser;
  (void)base;
  CaseRateUnits(ex, k0unit, sizeof k0unit, mrefunit, sizeof mrefunit);
  PetscCall(AddProp(w->b, indent, k->name, &r->k0, k0unit));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A region's fields: section, when it has any field. */
PetscErrorCode CaseWriteFields(const CaseWriter *w, int indent, const FvCaseKey *k,
                               const void *base) {
  const FvRegion *r = Region(w);
  PetscBool any     = PETSC_FALSE;
  PetscFunctionBeginUser;
  (void)base;
  for (int i = 0; i < FV_NPFIELDS; i++)
    if (r->field[i].kind != FV_FIELDSPEC_NONE) any = PETSC_TRUE;
  if (!any) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseStrAdd(w->b, "%*s%s:\n", indent, "", k->name));
  PetscCall(AddField(w->b, indent + 2, r->se.present ? "solid_electrolyte_fraction" : "porosity",
                     &r->field[FV_PF_EPS], "1"));
  PetscCall(AddField(w->b, indent + 2, "particle_radius", &r->field[FV_PF_RADIUS], "m"));
  PetscCall(AddField(w->b, indent + 2, "electronic_conductivity", &r->field[FV_PF_SIGMA_S], "S/m"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseWriteContactMap(const CaseWriter *w, int indent, const FvCaseKey *k,
                                   const void *base) {
  const FvRegion *r = Region(w);
  PetscFunctionBeginUser;
  (void)base;
  if (r->metal) PetscCall(AddField(w->b, indent, k->name, &r->contact_map, "1"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseWriteRates(const CaseWriter *w, int indent, const FvCaseKey *k,
                              const void *base) {
  const FvCase *c = (const FvCase *)base;
  PetscFunctionBeginUser;
  if (c->nrates <= 0) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseStrAdd(w->b, "%*s%s: [", indent, "", k->name));
  for (PetscInt i = 0; i < c->nrates; i++) {
    char num[40];
    CaseFmtReal(num, sizeof num, (double)c->rates[i]);
    PetscCall(CaseStrAdd(w->b, "%s%s", i ? ", " : "", num));
  }
  PetscCall(CaseStrAdd(w->b, "]\n"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseWriteProtocol(const CaseWriter *w, int indent, const FvCaseKey *k,
                                 const void *base) {
  const FvCase *c = (const FvCase *)base;
  PetscFunctionBeginUser;
  if (c->nprotocol <= 0) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseStrAdd(w->b, "%*s%s:\n", indent, "", k->name));
  for (PetscInt i = 0; i < c->nprotocol; i++)
    PetscCall(CaseStrAdd(w->b, "%*s- \"%s\"\n", indent + 2, "", c->protocol[i]));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* An in-plane direction of a mesh that has it, as {length, cells}. */
PetscErrorCode CaseWriteMeshAxis(const CaseWriter *w, int indent, const FvCaseKey *k,
                                 const void *base) {
  const FvMeshSpec *m = (const FvMeshSpec *)base;
  const PetscBool y   = (PetscBool)(k->name[0] == 'y');
  char q[128];
  PetscFunctionBeginUser;
  if (m->dim < (y ? 2 : 3)) PetscFunctionReturn(PETSC_SUCCESS);
  CaseQ(q, sizeof q, y ? m->Ly : m->Lz, "m");
  PetscCall(CaseStrAdd(w->b, "%*s%s: {length: %s, cells: %" PetscInt_FMT "}\n", indent, "", k->name,
                       q, y ? m->ny : m->nz));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- the resolved case --------------------------------------------------------------------- */

PetscErrorCode CaseBuildYaml(Loader *L) {
  static const char *const names[] = {"negative", "separator", "positive"};
  FvCase *c                        = L->c;
  Str b                            = {NULL, 0, 0};
  CaseWriter w                     = {&b, L, c, -1};
  const FvMeshSpec *m              = &c->mesh;
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
  PetscCall(CaseWriteRows(&w, 2, FV_SEC_CONSTANTS, c));
  PetscCall(CaseWriteRows(&w, 0, FV_SEC_ROOT, c)); /* temperature */
  if (c->liquid) {
    PetscCall(CaseStrAdd(&b, "electrolyte:\n"));
    PetscCall(CaseAddMaterialNote(&b, L->mat[MAT_SLOT_ELECTROLYTE]));
    PetscCall(CaseWriteRows(&w, 2, FV_SEC_ELECTROLYTE, &c->electrolyte));
  } else
    PetscCall(CaseStrAdd(
        &b, "# no liquid electrolyte: every porous region has a solid_electrolyte section\n"));
  PetscCall(CaseStrAdd(&b, "cell:\n"));
  PetscCall(CaseWriteRows(&w, 2, FV_SEC_CELL, c));
  if (m->dim > 1 || m->x_grading != 1 || m->output_stride != 1) { /* not the default 1D mesh */
    PetscCall(CaseStrAdd(&b, "mesh:\n"));
    PetscCall(CaseWriteRows(&w, 2, FV_SEC_MESH, m));
  }
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegion *r = &c->region[g];
    w.g               = g;
    PetscCall(CaseStrAdd(&b, "%s:\n", names[g]));
    PetscCall(CaseAddMaterialNote(&b, L->mat[g]));
    PetscCall(CaseWriteRows(&w, 2,
                            r->metal      ? FV_SEC_METAL
                            : g == FV_SEP ? FV_SEC_SEPARATOR
                                          : FV_SEC_POROUS,
                            r));
  }
  w.g = -1;
  PetscCall(CaseStrAdd(&b, "operation:\n"));
  PetscCall(CaseWriteRows(&w, 2, FV_SEC_OPERATION, c));
  PetscCall(CaseWriteThermal(&b, c));
  c->yaml_text = b.s;
  PetscFunctionReturn(PETSC_SUCCESS);
}
