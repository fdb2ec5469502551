/* case_sections.c -- the region, cell, sweep and operation sections (see case.h, case_loader.h).
 *
 * Owns: a region as a whole, the `cell:` section (stack unit and pressure), the `sweep:` section,
 * the `operation:` section (rates, protocol, cycles) and the check that every override option
 * names a key of the case.
 */
#define _POSIX_C_SOURCE 200809L
#include "case_loader.h"

PetscErrorCode CaseLoadRegion(Loader *L, const Sec *root, PetscInt g) {
  FvRegion *r          = &L->c->region[g];
  const PetscBool elec = (PetscBool)(g != FV_SEP);
  Sec s, ses;
  Val v, vsto, vc0, vvf;
  PetscReal c0;

  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->metal[g]) {
    PetscCall(CaseLoadMetal(L, root, region_names[g], r, L->mat[g]));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(CaseGetSection(
      L, root, region_names[g],
      elec ? CaseSchemaKeys(L, FV_SEC_POROUS) : CaseSchemaKeys(L, FV_SEC_SEPARATOR), PETSC_TRUE,
      elec ? "a map of the electrode's keys (thickness, porosity, ocp, kinetics, ...)"
           : "a map of the separator's keys (thickness, porosity, ...)",
      &s));
  CaseAttachMaterial(&s, elec ? L->mat[g] : NULL);
  PetscCall(CaseMaskAlternatives(L, &s, porous_alternatives));
  /* the region's own keys (cells, porosity, bruggeman, conductivity, particle_shells, ...) */
  PetscCall(CaseLoadRows(L, &s, elec ? FV_SEC_POROUS : FV_SEC_SEPARATOR, r));
  /* the solid electrolyte's volume fraction (the rest of its section is loaded already) */
  PetscCall(PetscMemzero(&ses, sizeof ses));
  PetscCall(PetscMemzero(&vvf, sizeof vvf));
  if (L->has_se[g]) {
    PetscCall(CaseGetSection(
        L, &s, "solid_electrolyte", CaseSchemaKeys(L, FV_SEC_SOLID_ELECTROLYTE), PETSC_TRUE,
        "a map of the solid electrolyte's keys (material, effective_conductivity, ...)", &ses));
    CaseAttachMaterial(&ses, L->mat[MAT_SLOT_SE(g)]);
    PetscCall(CaseLookup(L, &ses, "volume_fraction", &vvf));
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!elec) {
    r->nfam = 0;
    PetscCall(CaseLoadKeyAs(L, &s, FV_SEC_SEPARATOR, "thickness", r, PETSC_TRUE, 0, &v));
    if (L->has_se[g] && vvf.present) { /* porosity is the void fraction */
      Val vpor;
      PetscCall(CaseLookup(L, &s, "porosity", &vpor));
      PetscCall(CaseQtyOf(L, &vvf, &Q_SE_FRACTION, NULL, &r->eps_se));
      if (!L->failed && r->eps_se + r->porosity > 1 + 1e-12) {
        char at[64];
        CaseValWhere(&vpor, at, sizeof at);
        CaseFail(L, &vvf,
                 "expected volume_fraction + porosity <= 1 (porosity, the void fraction, is %g%s, "
                 "so volume_fraction <= %g)",
                 (double)r->porosity, at, (double)(1 - r->porosity));
      }
    } else if (L->has_se[g])
      r->eps_se = 1 - r->porosity;
    PetscCall(CaseLoadFields(L, &s, g));
    PetscFunctionReturn(PETSC_SUCCESS);
  }

  r->n_electrons = L->c->electrolyte.zplus;
  PetscCall(CaseLoadCmax(L, &s, r));
  PetscCall(CaseLoadComposite(L, &s, &vvf, g));
  { /* or the electronic network's percolation law (models/percolation.h): one law, not both */
    Val vb, vt, ve;
    PetscCall(CaseLoadKey(L, &s, FV_SEC_POROUS, "electronic_percolation_threshold", r, &vt));
    PetscCall(CaseLoadKey(L, &s, FV_SEC_POROUS, "electronic_percolation_exponent", r, &ve));
    PetscCall(CaseLookup(L, &s, "bruggeman_solid", &vb));
    r->el_percolation = vt.present;
    if (!L->failed && ve.present && !vt.present)
      CaseFail(L, &ve,
               "expected electronic_percolation_threshold with this exponent (the law "
               "needs its threshold)");
    if (!L->failed && vb.present && vt.present)
      CaseFail(L, &vb,
               "conflicts with electronic_percolation_threshold: give one law of the "
               "electronic network (bruggeman_solid or the percolation keys)");
  }
  PetscCall(CaseLoadThickness(L, &s, g));
  PetscCall(CaseLoadParticles(L, &s, &ses, g));
  PetscCall(CaseLoadInterphase(L, &s, g));
  PetscCall(CaseLoadFields(L, &s, g));
  { /* the radial scheme (models/particle.c): particle_shells is its number of unknowns, and
     * particle_grading spaces finite-volume shells only */
    const PetscBool spectral = (PetscBool)(r->particle_disc == FV_PARTICLE_SPECTRAL);
    Val vg;
    if (!L->failed && spectral && r->nshells > FV_PARTICLE_SPECTRAL_MAX_UNKNOWNS) {
      Val vn;
      PetscCall(CaseLookup(L, &s, "particle_shells", &vn));
      CaseFail(L, &vn,
               "expected at most %d unknowns per particle with particle_discretisation: spectral "
               "(got %d; finite_volume takes more)",
               FV_PARTICLE_SPECTRAL_MAX_UNKNOWNS, (int)r->nshells);
    }
    PetscCall(CaseLookup(L, &s, "particle_grading", &vg));
    if (!L->failed && spectral && vg.present)
      CaseFail(L, &vg,
               "expected no particle_grading with particle_discretisation: spectral (the grading "
               "spaces finite-volume shells; add particle_discretisation: finite_volume to use "
               "it)");
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);

  /* initial state: a stoichiometry, or a concentration */
  PetscCall(CaseLookup(L, &s, "initial_stoichiometry", &vsto));
  PetscCall(CaseLookup(L, &s, "initial_concentration", &vc0));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vsto.present && vc0.present) {
    char at[64];
    CaseValWhere(&vsto, at, sizeof at);
    CaseFail(L, &vc0,
             "conflicts with %s%s: give initial_stoichiometry or initial_concentration, not both",
             vsto.key, at);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vc0.present) {
    PetscCall(CaseQtyOf(L, &vc0, &Q_CONC, NULL, &c0));
    r->sto0 = c0 / r->c_max;
    if (!L->failed && !CaseInRange(&Q_STO, r->sto0))
      CaseFail(L, &vc0, "expected a concentration in (0, c_max = %g mol/m3)", (double)r->c_max);
  } else if (vsto.present)
    PetscCall(CaseQtyOf(L, &vsto, &Q_STO, NULL, &r->sto0));
  else {
    CaseFail(L, &vsto, "expected %s (e.g. \"%s\"), or initial_concentration", Q_STO.what,
             Q_STO.example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }

  PetscCall(CaseLoadActiveProps(L, &s, r));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A metal electrode given by `excess` e: its fabricated inventory is (1 + e) Q, Q the
 * other electrode's rated (window) capacity, plus the charge that electrode has already given up at
 * its initial stoichiometry: Q max(0, (sto_dis - sto0) / (sto_dis - sto_ch)), window [sto_ch,
 * sto_dis]. So a case that starts charged (sto0 = sto_ch) holds (2 + e) Q of metal, one as
 * fabricated (1 + e) Q. solver/energy.c counts the fabricated metal with the same rule. */
PetscErrorCode CaseResolveExcess(Loader *L) {
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt g = 0; g < FV_NREGIONS; g += FV_POS) {
    FvRegion *r        = &L->c->region[g];
    const PetscInt o   = FV_POS - g;
    const FvRegion *ro = &L->c->region[o];
    PetscReal Q, moved;
    if (!r->metal || r->metal_excess < 0) continue;
    Q = L->capacity[o];
    if (ro->metal || !(Q > 0)) {
      CaseFail(L, &L->excess[g],
               "expected a stoichiometry_window in the %s electrode: the excess is a share of its "
               "rated capacity",
               region_names[o]);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    moved =
        Q * PetscMax(0, (ro->sto_window[1] - ro->sto0) / (ro->sto_window[1] - ro->sto_window[0]));
    r->metal_capacity = (1 + r->metal_excess) * Q + moved;
    if (r->metal_volcap > 0) r->thickness = r->metal_capacity / r->metal_volcap;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The `sweep:` section (solver/sweep.h): a map of dotted case keys to a list of values
 * ([50, 60, "70"], ["10 um", "20 um"]) or a range {from: "10 um", to: "300 um", num: 5, spacing:
 * log}. Values are a number with an optional unit text, the same unit for every value of a key. */
static void SweepSplit(const char *str, PetscReal *x, char *unit, size_t n, PetscBool *ok) {
  char *end;
  *ok = PETSC_FALSE;
  if (!str) return;
  *x = strtod(str, &end);
  if (end == str || !isfinite(*x)) return;
  while (isspace((unsigned char)*end))
    end++;
  CaseSfmt(unit, n, "%s", end);
  for (char *q = unit + strlen(unit); q > unit && isspace((unsigned char)q[-1]); q--)
    q[-1] = 0;
  *ok = PETSC_TRUE;
}

PetscErrorCode CaseLoadSweep(Loader *L, const Sec *root) {
  FvCase *c = L->c;
  Val v;
  PetscFunctionBeginUser;
  c->nsweep = 0;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscMemzero(&v, sizeof v)); /* CaseFindInMap fills v only when the key is there */
  PetscCall(CaseFindInMap(root->doc, root->map, NULL, "sweep", &v));
  if (!v.present) PetscFunctionReturn(PETSC_SUCCESS);
  CaseSfmt(v.key, sizeof v.key, "sweep");
  if (!v.node || v.node->type != YAML_MAPPING_NODE) {
    CaseFail(L, &v,
             "expected a map of case keys to value lists or ranges (e.g. {separator.thickness: "
             "[\"10 um\", \"20 um\"]})");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  for (yaml_node_pair_t *pr = v.node->data.mapping.pairs.start;
       pr < v.node->data.mapping.pairs.top && !L->failed; pr++) {
    yaml_node_t *kn = yaml_document_get_node(v.doc, pr->key);
    yaml_node_t *vn = yaml_document_get_node(v.doc, pr->value);
    const char *k   = CaseNodeScalar(kn);
    FvSweepDim *d   = &c->sweep[c->nsweep];
    Val w           = v;
    PetscBool ok    = PETSC_TRUE;
    w.node          = vn;
    w.line          = CaseNodeLine(kn);
    w.str           = CaseNodeScalar(vn);
    CaseSfmt(w.key, sizeof w.key, "sweep.%s", k ? k : "?");
    if (!k || !k[0] || strlen(k) >= sizeof d->key) {
      CaseFail(L, &w, "expected a dotted case key (e.g. separator.thickness)");
      break;
    }
    for (const char *q = k; *q; q++)
      if (!(isalnum((unsigned char)*q) || *q == '_' || *q == '.')) ok = PETSC_FALSE;
    if (!ok) {
      CaseFail(
          L, &w,
          "expected a dotted case key (e.g. separator.thickness, positive.composition.active)");
      break;
    }
    if (c->nsweep >= FV_MAX_SWEEP) {
      CaseFail(L, &w, "expected at most %d swept keys", FV_MAX_SWEEP);
      break;
    }
    for (PetscInt e = 0; e < c->nsweep; e++)
      if (!strcmp(c->sweep[e].key, k)) {
        CaseFail(L, &w,
                 "duplicate swept key \"%s\": give each key once (a sweep runs every combination)",
                 k);
        break;
      }
    if (L->failed) break;
    CaseSfmt(d->key, sizeof d->key, "%s", k);
    d->n = 0;
    if (vn && vn->type == YAML_SEQUENCE_NODE) {
      for (yaml_node_item_t *it = vn->data.sequence.items.start; it < vn->data.sequence.items.top;
           it++) {
        yaml_node_t *in = yaml_document_get_node(v.doc, *it);
        char unit[FV_SWEEP_TEXT];
        Val wi  = w;
        wi.node = in;
        wi.line = CaseNodeLine(in);
        wi.str  = CaseNodeScalar(in);
        if (d->n >= FV_MAX_SWEEP_VALUES) {
          CaseFail(L, &w, "expected at most %d values", FV_MAX_SWEEP_VALUES);
          break;
        }
        SweepSplit(wi.str, &d->value[d->n], unit, sizeof unit, &ok);
        if (!ok || strlen(wi.str) >= FV_SWEEP_TEXT) {
          CaseFail(L, &wi, "expected a number with an optional unit (e.g. \"20 um\")");
          break;
        }
        if (d->n == 0)
          CaseSfmt(d->unit, sizeof d->unit, "%s", unit);
        else if (strcmp(unit, d->unit)) {
          CaseFail(L, &wi, "expected the unit of the key's first value (\"%s\")", d->unit);
          break;
        }
        CaseSfmt(d->text[d->n], FV_SWEEP_TEXT, "%s", wi.str);
        d->n++;
      }
      if (!L->failed && d->n == 0) CaseFail(L, &w, "expected at least one value");
    } else if (vn && vn->type == YAML_MAPPING_NODE) {
      Sec rs;
      Val vf, vt, vs;
      PetscReal a, b;
      PetscCall(PetscMemzero(&vf, sizeof vf));
      PetscCall(PetscMemzero(&vt, sizeof vt));
      PetscInt num;
      int spacing;
      char ua[FV_SWEEP_TEXT], ub[FV_SWEEP_TEXT];
      PetscBool oka, okb;
      CaseOpenSection(L, &w, CaseSchemaKeys(L, FV_SEC_SWEEP_RANGE),
                      "a range {from: \"10 um\", to: \"300 um\", num: 5, spacing: linear|log}",
                      &rs);
      PetscCall(CaseFindInMap(rs.doc, rs.map, NULL, "from", &vf));
      PetscCall(CaseFindInMap(rs.doc, rs.map, NULL, "to", &vt));
      CaseSfmt(vf.key, sizeof vf.key, "%s.from", w.key);
      CaseSfmt(vt.key, sizeof vt.key, "%s.to", w.key);
      if (!vf.present) vf.line = w.line;
      if (!vt.present) vt.line = w.line;
      PetscCall(CaseGetInt(L, &rs, "num", 1, FV_MAX_SWEEP_VALUES, "a number of values from 1 to 64",
                           "5", 0, &num));
      PetscCall(CaseGetWord(L, &rs, "spacing", sweep_spacings, "a spacing: linear or log", 0,
                            &spacing, &vs));
      if (L->failed) break;
      SweepSplit(vf.str, &a, ua, sizeof ua, &oka);
      SweepSplit(vt.str, &b, ub, sizeof ub, &okb);
      if (!oka)
        CaseFail(L, &vf, "expected a number with an optional unit (e.g. \"10 um\")");
      else if (!okb)
        CaseFail(L, &vt, "expected a number with an optional unit (e.g. \"300 um\")");
      else if (strcmp(ua, ub))
        CaseFail(L, &vt, "expected the unit of %s (\"%s\")", vf.key, ua);
      else if (num < 1)
        CaseFail(L, &w, "expected num: a number of values from 1 to 64");
      else if (spacing == 1 && !(a > 0 && b > 0))
        CaseFail(L, &vf, "expected positive ends for a log spacing");
      if (L->failed) break;
      CaseSfmt(d->unit, sizeof d->unit, "%s", ua);
      for (PetscInt i = 0; i < num; i++) {
        const PetscReal t = num > 1 ? (PetscReal)i / (PetscReal)(num - 1) : 0;
        d->value[i]       = spacing == 1
                                ? PetscExpReal(PetscLogReal(a) + t * (PetscLogReal(b) - PetscLogReal(a)))
                                : a + t * (b - a);
        if (i == 0) d->value[i] = a; /* the ends exactly as written */
        if (i == num - 1 && num > 1) d->value[i] = b;
        CaseSfmt(d->text[i], FV_SWEEP_TEXT, "%.12g%s%s", (double)d->value[i], ua[0] ? " " : "", ua);
      }
      d->n = num;
    } else
      CaseFail(L, &w, "expected a list of values or a range {from:, to:, num:, spacing:}");
    if (!L->failed) c->nsweep++;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* cell.stack_pressure: required when an electrode has contact mechanics, else 0 when absent. */
PetscErrorCode CaseLoadCell(Loader *L, const Sec *root) {
  FvCase *c   = L->c;
  PetscInt gc = -1;
  Sec s;
  Val v;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt g = FV_NREGIONS - 1; g >= 0; g--)
    if (c->region[g].contact.enabled) gc = g;
  PetscCall(CaseGetSection(L, root, "cell", CaseSchemaKeys(L, FV_SEC_CELL), PETSC_FALSE,
                           "a map of the cell's keys (stack_pressure)", &s));
  /* the stack unit of the energy accounting (solver/energy.h) and the electrode area */
  PetscCall(CaseLoadRows(L, &s, FV_SEC_CELL, c));
  PetscCall(CaseLookup(L, &s, "electrode_area", &L->area));
  PetscCall(CaseLookup(L, &s, "nominal_capacity", &L->nominal));
  PetscCall(CaseLoadKey(L, &s, FV_SEC_CELL, "stack_pressure", c, &v));
  if (!L->failed && gc >= 0 && !v.present) {
    char at[64];
    CaseValWhere(&L->contact[gc], at, sizeof at);
    CaseFail(
        L, &v,
        "expected %s (e.g. \"%s\"): %s%s enables contact mechanics, which need the stack pressure",
        Q_PRESSURE.what, Q_PRESSURE.example, L->contact[gc].key, at);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* operation.rates: a list [0.1, 1], a number, or on the command line -rates 0.5,1,2 */
static PetscErrorCode LoadRates(Loader *L, const Sec *s) {
  FvCase *c = L->c;
  Val v;
  PetscFunctionBeginUser;
  c->nrates   = 0;
  c->rates[0] = 1;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookupAlt(L, s, "rates", "-rates", &v));
  if (L->failed || !v.present) PetscFunctionReturn(PETSC_SUCCESS);
  if (v.node && v.node->type == YAML_SEQUENCE_NODE) {
    PetscInt n = (PetscInt)(v.node->data.sequence.items.top - v.node->data.sequence.items.start);
    if (n < 1 || n > FV_MAX_RATES) {
      CaseFail(L, &v, "expected a list of 1 to %d positive C-rates (e.g. [0.1, 0.5, 1, 2])",
               FV_MAX_RATES);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    for (PetscInt i = 0; i < n; i++) {
      Val vi;
      CaseSeqItem(&v, i, &vi);
      PetscCall(CaseQtyOf(L, &vi, &Q_RATE, NULL, &c->rates[i]));
    }
    c->nrates = n;
  } else if (v.str) { /* "0.5, 1, 2" or one number */
    char buf[FV_PATH_LEN];
    PetscInt n = 0;
    PetscCall(PetscStrncpy(buf, v.str, sizeof buf));
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
      Val vi = v;
      vi.str = tok;
      CaseSfmt(vi.key, sizeof vi.key, "%s[%d]", v.key, (int)n);
      if (n >= FV_MAX_RATES) {
        CaseFail(L, &v, "expected at most %d C-rates", FV_MAX_RATES);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      PetscCall(CaseQtyOf(L, &vi, &Q_RATE, NULL, &c->rates[n]));
      n++;
    }
    if (!n) CaseFail(L, &v, "expected a list of positive C-rates (e.g. [0.1, 0.5, 1, 2])");
    c->nrates = n;
  } else
    CaseFail(L, &v, "expected a list of positive C-rates (e.g. [0.1, 0.5, 1, 2])");
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* operation.protocol: a list of step strings, or on the command line -protocol "a; b; c".
 * Each step is parsed now (with rate 1 for {rate}) so a bad step stops the run before it starts. */
static PetscErrorCode AddStep(Loader *L, const Val *v, const char *text) {
  FvCase *c = L->c;
  FvProtocolStep step;
  PetscBool ok;
  char why[512];
  PetscFunctionBeginUser;
  if (c->nprotocol >= FV_MAX_PROTOCOL) {
    CaseFail(L, v, "expected at most %d protocol steps", FV_MAX_PROTOCOL);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (strlen(text) >= FV_STEP_TEXT) {
    CaseFail(L, v, "expected a protocol step shorter than %d characters", FV_STEP_TEXT);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(FvProtocolParseStepCell(L->units, text, c->one_c, 1.0, c->electrode_area, &step, &ok,
                                    why, sizeof why));
  if (!ok) {
    CaseFail(L, v, "%s", why);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(PetscStrncpy(c->protocol[c->nprotocol++], text, FV_STEP_TEXT));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode LoadProtocol(Loader *L, const Sec *s) {
  FvCase *c = L->c;
  Val v;
  PetscFunctionBeginUser;
  c->nprotocol = 0;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookupAlt(L, s, "protocol", "-protocol", &v));
  if (L->failed || !v.present) PetscFunctionReturn(PETSC_SUCCESS);
  if (v.node && v.node->type == YAML_SEQUENCE_NODE) {
    PetscInt n = (PetscInt)(v.node->data.sequence.items.top - v.node->data.sequence.items.start);
    for (PetscInt i = 0; i < n && !L->failed; i++) {
      Val vi;
      CaseSeqItem(&v, i, &vi);
      if (!vi.str) {
        CaseFail(L, &vi, "expected a step string such as \"Discharge at 1C until 3.0 V\"");
        break;
      }
      PetscCall(AddStep(L, &vi, vi.str));
    }
    if (!n)
      CaseFail(L, &v, "expected a list of step strings such as [\"Discharge at 1C until 3.0 V\"]");
  } else if (v.str) { /* "step; step; ..." */
    char buf[FV_MAX_PROTOCOL * FV_STEP_TEXT];
    PetscCall(PetscStrncpy(buf, v.str, sizeof buf));
    for (char *tok = strtok(buf, ";\n"); tok && !L->failed; tok = strtok(NULL, ";\n")) {
      while (*tok == ' ' || *tok == '\t')
        tok++;
      if (!*tok) continue;
      PetscCall(AddStep(L, &v, tok));
    }
    if (!L->failed && !c->nprotocol)
      CaseFail(
          L, &v,
          "expected steps separated by ';' (e.g. \"Charge at C/3 until 4.2 V; Rest for 1 hour\")");
  } else
    CaseFail(L, &v, "expected a list of step strings such as [\"Discharge at 1C until 3.0 V\"]");
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* cell.nominal_capacity Q (A/mA/A h protocols on a datasheet's capacity instead of an area): the
 * electrode area is A = Q / (i_1C x 1 h), i_1C = operation.one_c, so that a 1C step draws Q / 1 h.
 * With electrode_area as well, the two must agree within 0.5 % (the resolved case writes both). */
static PetscErrorCode NominalCapacity(Loader *L) {
  FvCase *c = L->c;
  PetscReal area;
  char at[64];
  PetscFunctionBeginUser;
  if (L->failed || !(c->nominal_capacity > 0)) PetscFunctionReturn(PETSC_SUCCESS);
  area = c->nominal_capacity / (c->one_c * 3600.0);
  if (L->area.present) {
    CaseValWhere(&L->area, at, sizeof at);
    if (PetscAbsReal(area - c->electrode_area) > 5e-3 * c->electrode_area)
      CaseFail(L, &L->nominal,
               "conflicts with %s%s: nominal_capacity / (one_c x 1 h) = %.6g m2, not %.6g m2: "
               "more than 0.5 %% apart (give one of them)",
               L->area.key, at, (double)area, (double)c->electrode_area);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!CaseInRange(&Q_AREA, area)) {
    CaseFail(L, &L->nominal,
             "expected a capacity giving %s: nominal_capacity / (one_c x 1 h) = %g m2 with one_c "
             "= %g A/m2",
             Q_AREA.what, (double)area, (double)c->one_c);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  c->electrode_area = area;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseLoadOperation(Loader *L, const Sec *root) {
  FvCase *c = L->c;
  Sec s;
  Val v;
  PetscFunctionBeginUser;
  PetscCall(CaseGetSection(L, root, "operation", CaseSchemaKeys(L, FV_SEC_OPERATION), PETSC_TRUE,
                           "a map of operating conditions (one_c, lower_cutoff, upper_cutoff, ...)",
                           &s));
  /* one_c: given, or the positive electrode's window capacity over one hour */
  PetscCall(CaseLoadKeyAs(L, &s, FV_SEC_OPERATION, "one_c", c,
                          (PetscBool) !(L->capacity[FV_POS] > 0), L->capacity[FV_POS] / 3600.0,
                          &v));
  PetscCall(NominalCapacity(L));
  /* cut-offs, contact_resistance, max_duration, cycles */
  PetscCall(CaseLoadRows(L, &s, FV_SEC_OPERATION, c));
  if (!L->failed && !(c->v_min < c->v_max)) {
    Val vhi;
    PetscCall(CaseLookup(L, &s, "upper_cutoff", &vhi));
    CaseFail(L, &vhi, "expected an upper cut-off above lower_cutoff (%g V)", (double)c->v_min);
  }
  PetscCall(LoadRates(L, &s));
  PetscCall(LoadProtocol(L, &s));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscBool CaseValidName(const char *s) {
  if (!s[0] || s[0] == '.' || s[0] == '-') return PETSC_FALSE;
  for (; *s; s++)
    if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.')) return PETSC_FALSE;
  return PETSC_TRUE;
}

/* Options of one override set that look like case keys but were never looked up are typos. */
static PetscErrorCode CheckUnused(Loader *L, PetscOptions opts) {
  PetscInt n;
  char **names, **values;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscOptionsLeftGet(opts, &n, &names, &values));
  for (PetscInt i = 0; i < n && !L->failed; i++) {
    const char *nm = names[i][0] == '-' ? names[i] + 1 : names[i];
    if (CaseSchemaOverridable(nm)) {
      char opt[KEY_LEN + 2];
      const char *near;
      CaseSfmt(opt, sizeof opt, "-%s", nm);
      PetscCall(CaseSeenList(L));
      /* looked up, but answered by another override set (a sweep member's value over the
       * command line's): a key of the case */
      if (CaseInList(opt, (const char *const *)L->seenlist)) continue;
      near       = CaseClosest(opt, (const char *const *)L->seenlist);
      L->outcome = FV_CASE_UNKNOWN_OVERRIDE;
      if (near)
        CaseFailMsg(L, "command line: %s \"%s\": not a key of this case (did you mean %s?)", opt,
                    values[i] ? values[i] : "", near);
      else
        CaseFailMsg(L,
                    "command line: %s \"%s\": not a key of this case (case keys are options like "
                    "-positive_thickness, -negative_kinetics_rate_constant, -rates)",
                    opt, values[i] ? values[i] : "");
    }
  }
  PetscCall(PetscOptionsLeftRestore(opts, &n, &names, &values));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Every override that looks like a case key must have been looked up: stop on a typo. */
PetscErrorCode CaseCheckUnusedOptions(Loader *L) {
  PetscFunctionBeginUser;
  if (L->ov.extra) PetscCall(CheckUnused(L, L->ov.extra));
  if (L->ov.command_line) PetscCall(CheckUnused(L, NULL));
  PetscFunctionReturn(PETSC_SUCCESS);
}
