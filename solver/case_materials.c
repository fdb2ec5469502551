/* case_materials.c -- the material library (see case.h, case_loader.h).
 *
 * Owns: loading and validating a material file (models/materials/NAME.yaml) on its own with the
 * same section loaders, the library listing (`fvcell materials`) and a case section that names a
 * material: its keys become a second layer under the section's own keys.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include "case_loader.h"

/* A library name, or a path to a material file? */
static PetscBool IsMaterialPath(const char *s) {
  size_t n = strlen(s);
  return (PetscBool)(strchr(s, '/') || (n > 5 && !strcmp(s + n - 5, ".yaml")));
}

static PetscErrorCode MatAddProp(FvMaterial *out, const char *key, const char *unit,
                                 PetscBool data_only, const FvProperty *p) {
  FvMaterialProperty *mp;
  PetscFunctionBeginUser;
  if (!out || p->kind == FV_PROP_UNSET) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCheck(out->nprops < FV_MAT_MAX_PROPS, PETSC_COMM_SELF, PETSC_ERR_SUP,
             "material %s: more than %d properties", out->name, FV_MAT_MAX_PROPS);
  mp = &out->props[out->nprops++];
  PetscCall(FvPropertyCopy(p, &mp->prop));
  CaseSfmt(mp->prop.name, sizeof mp->prop.name, "%s.%s", out->name, key);
  CaseSfmt(mp->key, sizeof mp->key, "%s", key);
  CaseSfmt(mp->unit, sizeof mp->unit, "%s", unit);
  mp->data_only = data_only;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode MatAddConst(FvMaterial *out, const char *key, const char *unit,
                                  PetscBool data_only, PetscReal value) {
  FvProperty p;
  PetscFunctionBeginUser;
  if (!out) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(FvPropertySetConstant(&p, key, value));
  PetscCall(MatAddProp(out, key, unit, data_only, &p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Does map (of doc) have key k?  *node: its value. */
static PetscBool MapGet(yaml_document_t *doc, yaml_node_t *map, const char *k, yaml_node_t **node,
                        int *line) {
  if (!map || map->type != YAML_MAPPING_NODE) return PETSC_FALSE;
  for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top;
       pr++) {
    const char *kk = CaseNodeScalar(yaml_document_get_node(doc, pr->key));
    if (kk && !strcmp(kk, k)) {
      if (node) *node = yaml_document_get_node(doc, pr->value);
      if (line) *line = CaseNodeLine(yaml_document_get_node(doc, pr->key));
      return PETSC_TRUE;
    }
  }
  return PETSC_FALSE;
}

/* Every value carries its source: `sources` maps each property key (or KEY.SUBKEY for each key of
 * a map such as kinetics or {value: ..., activation_energy: ...}) to a citation, and names no key
 * that is not there. */
static PetscErrorCode CheckSources(Loader *L, const Sec *root, FvMaterial *out) {
  Val vs;
  yaml_document_t *doc = root->doc;
  yaml_node_t *smap;
  const char *present[64];
  int np = 0;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, root, "sources", &vs));
  if (!vs.present || !vs.node || vs.node->type != YAML_MAPPING_NODE) {
    CaseFail(L, &vs,
             "expected sources: a map from each property key to its citation (paper and DOI, or "
             "the seed line), e.g. "
             "{ocp: \"Chen et al., J. Electrochem. Soc. 167, 080534 (2020), "
             "doi:10.1149/1945-7111/ab9050\"}");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  smap = vs.node;
  for (yaml_node_pair_t *pr = root->map->data.mapping.pairs.start;
       pr < root->map->data.mapping.pairs.top && np < 63; pr++) {
    const char *k = CaseNodeScalar(yaml_document_get_node(doc, pr->key));
    if (k && !CaseInList(k, mat_meta_keys)) present[np++] = k;
  }
  present[np] = NULL;
  /* each entry: a citation for a key that is there */
  for (yaml_node_pair_t *pr = smap->data.mapping.pairs.start; pr < smap->data.mapping.pairs.top;
       pr++) {
    yaml_node_t *kn = yaml_document_get_node(doc, pr->key),
                *vn = yaml_document_get_node(doc, pr->value), *pv = NULL;
    const char *k = CaseNodeScalar(kn);
    char top[KEY_LEN], *sub;
    Val v;
    PetscCall(PetscMemzero(&v, sizeof v));
    CaseSfmt(v.key, sizeof v.key, "sources.%s", k ? k : "?");
    v.line    = CaseNodeLine(kn);
    v.present = PETSC_TRUE;
    v.node    = vn;
    v.isnull  = CaseIsNullScalar(vn);
    v.str     = v.isnull ? NULL : CaseNodeScalar(vn);
    if (!k) {
      CaseFail(L, &v, "a key must be a plain name");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    for (yaml_node_pair_t *q = smap->data.mapping.pairs.start; q < pr; q++) {
      const char *k2 = CaseNodeScalar(yaml_document_get_node(doc, q->key));
      if (k2 && !strcmp(k, k2)) {
        CaseFail(L, &v, "duplicate key \"%s\" (first given at line %d)", k,
                 CaseNodeLine(yaml_document_get_node(doc, q->key)));
        PetscFunctionReturn(PETSC_SUCCESS);
      }
    }
    CaseSfmt(top, sizeof top, "%s", k);
    sub = strchr(top, '.');
    if (sub) *sub++ = 0;
    if (!CaseInList(top, present)) {
      const char *near = CaseClosest(top, present);
      if (near)
        CaseFail(L, &v, "no property \"%s\" in this material (did you mean \"%s\"?)", top, near);
      else
        CaseFail(L, &v, "no property \"%s\" in this material: sources cite the keys the file gives",
                 top);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (sub && (!MapGet(doc, root->map, top, &pv, NULL) || !MapGet(doc, pv, sub, NULL, NULL))) {
      CaseFail(L, &v, "no key \"%s\" in %s of this material", sub, top);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    {
      const char *t = v.str;
      while (t && isspace((unsigned char)*t))
        t++;
      if (!t || !*t || (vn && vn->type != YAML_SCALAR_NODE)) {
        CaseFail(L, &v, "expected a citation text (paper and DOI, or the seed line)");
        PetscFunctionReturn(PETSC_SUCCESS);
      }
    }
    if (out && out->nsources < FV_MAT_MAX_SOURCES) {
      CaseSfmt(out->source_key[out->nsources], sizeof out->source_key[0], "%s", k);
      CaseSfmt(out->source[out->nsources], sizeof out->source[0], "%s", v.str);
      out->nsources++;
    }
  }
  /* each key: a citation */
  for (yaml_node_pair_t *pr = root->map->data.mapping.pairs.start;
       pr < root->map->data.mapping.pairs.top; pr++) {
    yaml_node_t *kn = yaml_document_get_node(doc, pr->key),
                *vn = yaml_document_get_node(doc, pr->value);
    const char *k   = CaseNodeScalar(kn);
    Val v;
    if (!k || CaseInList(k, mat_meta_keys) || MapGet(doc, smap, k, NULL, NULL)) continue;
    PetscCall(PetscMemzero(&v, sizeof v));
    v.present = PETSC_TRUE;
    if (vn && vn->type == YAML_MAPPING_NODE) { /* a citation per key of the map will do */
      for (yaml_node_pair_t *q = vn->data.mapping.pairs.start; q < vn->data.mapping.pairs.top;
           q++) {
        yaml_node_t *skn = yaml_document_get_node(doc, q->key),
                    *svn = yaml_document_get_node(doc, q->value);
        const char *sk   = CaseNodeScalar(skn);
        char full[KEY_LEN];
        CaseSfmt(full, sizeof full, "%s.%s", k, sk ? sk : "?");
        if (MapGet(doc, smap, full, NULL, NULL)) continue;
        CaseSfmt(v.key, sizeof v.key, "%s", full);
        v.line   = CaseNodeLine(skn);
        v.node   = svn;
        v.isnull = CaseIsNullScalar(svn);
        v.str    = v.isnull ? NULL : CaseNodeScalar(svn);
        CaseFail(L, &v,
                 "expected a source: sources has no entry for %s (nor for %s); every value carries "
                 "its citation "
                 "(paper and DOI, or the seed line)",
                 full, k);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      continue;
    }
    CaseSfmt(v.key, sizeof v.key, "%s", k);
    v.line   = CaseNodeLine(kn);
    v.node   = vn;
    v.isnull = CaseIsNullScalar(vn);
    v.str    = v.isnull ? NULL : CaseNodeScalar(vn);
    CaseFail(L, &v,
             "expected a source: sources has no entry for %s; every value carries its citation "
             "(paper and DOI, or the "
             "seed line)",
             k);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Validate a material file on its own (L->material_file, keys without a section prefix, L->c a
 * scratch case with CODATA constants and n = 1) and fill out (may be NULL). */
static PetscErrorCode MatValidate(Loader *L, MatFile *m, FvMaterial *out) {
  FvCase *c   = L->c;
  FvRegion *r = &c->region[FV_NEG];
  Sec root;
  Val vk, vn, vd, v;
  int kind, nk = 0;
  const char *known[64] = {NULL};
  char text[1024];
  PetscReal volq = 0;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&root, sizeof root));
  root.doc  = &m->doc;
  root.map  = m->root;
  root.line = CaseNodeLine(m->root);
  PetscCall(
      CaseGetWord(L, &root, "kind", mat_kinds,
                  "a material kind: active, electrolyte, solid_electrolyte, metal or inactive", -1,
                  &kind, &vk));
  if (!L->failed && !vk.present)
    CaseFail(L, &vk, "expected kind: active, electrolyte, solid_electrolyte, metal or inactive");
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  m->kind = kind;
  CaseSfmt(L->root_what, sizeof L->root_what, "a material of kind %s", mat_kinds[kind]);
  for (const char *const *k = mat_meta_keys; *k; k++)
    known[nk++] = *k;
  /* the case keys the kind may give, then its data-only keys (the schema's material kinds) */
  for (const char *const *k = CaseSchemaMaterialKeys(L, kind); *k && nk < 63; k++)
    known[nk++] = *k;
  known[nk] = NULL;
  CaseCheckKeys(L, &root, known);

  PetscCall(CaseGetText(L, &root, "name", text, sizeof text, &vn));
  if (!L->failed && !vn.present)
    CaseFail(L, &vn, "expected name: \"%s\" (a material's name is its file name without .yaml)",
             m->name);
  else if (!L->failed && strcmp(text, m->name))
    CaseFail(L, &vn, "expected \"%s\": a material's name is its file name without .yaml", m->name);
  PetscCall(CaseGetText(L, &root, "description", text, sizeof text, &vd));
  if (!L->failed && (!vd.present || !text[0]))
    CaseFail(L, &vd,
             "expected a description: one line saying what the material is and where its values "
             "come from");
  if (out && !L->failed) {
    CaseSfmt(out->name, sizeof out->name, "%s", m->name);
    CaseSfmt(out->path, sizeof out->path, "%s", m->path);
    CaseSfmt(out->description, sizeof out->description, "%s", text);
    out->kind      = (FvMaterialKind)kind;
    out->kind_name = mat_kinds[kind];
  }
  PetscCall(CheckSources(L, &root, out));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);

  /* the keys the solver uses, through the case's own section loaders */
  switch (kind) {
  case FV_MAT_ACTIVE: {
    Val vcap, vden;
    PetscReal x;
    r->n_electrons = 1;
    PetscCall(CaseLoadCmax(L, &root, r));
    PetscCall(CaseLoadActiveProps(L, &root, r));
    if (L->failed || !out) break;
    out->c_max = r->c_max;
    PetscCall(CaseLookup(L, &root, "specific_capacity", &vcap));
    PetscCall(CaseLookup(L, &root, "density", &vden));
    PetscCall(MatAddConst(out, "max_concentration", "mol/m3", PETSC_FALSE, r->c_max));
    if (vcap.present) {
      PetscCall(CaseQtyOf(L, &vcap, &Q_CAPACITY, NULL, &x));
      PetscCall(MatAddConst(out, "specific_capacity", "A s/kg", PETSC_FALSE, x));
    }
    if (vden.present) {
      PetscCall(CaseQtyOf(L, &vden, &Q_DENSITY, NULL, &x));
      PetscCall(MatAddConst(out, "density", "kg/m3", (PetscBool)!vcap.present, x));
    }
    PetscCall(MatAddProp(out, "ocp", "V", PETSC_FALSE, &r->ocp));
    PetscCall(MatAddProp(out, "diffusivity", "m2/s", PETSC_FALSE, &r->Ds));
    PetscCall(MatAddProp(out, "entropic_coefficient", "V/K", PETSC_FALSE, &r->dUdT));
    {
      char k0unit[128], mrefunit[128];
      PetscReal ex = r->ce_ref > 0 ? r->alpha_a + r->alpha_c : 2 * r->alpha_a + r->alpha_c;
      CaseRateUnits(ex, k0unit, sizeof k0unit, mrefunit, sizeof mrefunit);
      PetscCall(MatAddProp(out, "kinetics.rate_constant", k0unit, PETSC_FALSE, &r->k0));
    }
    PetscCall(MatAddConst(out, "kinetics.alpha_a", "1", PETSC_FALSE, r->alpha_a));
    PetscCall(MatAddConst(out, "kinetics.alpha_c", "1", PETSC_FALSE, r->alpha_c));
    PetscCall(MatAddConst(out, "kinetics.film_resistance", "ohm m2", PETSC_FALSE, r->R_film));
    if (r->ce_ref > 0)
      PetscCall(
          MatAddConst(out, "kinetics.reference_concentration", "mol/m3", PETSC_FALSE, r->ce_ref));
  } break;
  case FV_MAT_ELECTROLYTE: {
    FvElectrolyte *e = &c->electrolyte;
    PetscCall(CaseLoadElectrolyteKeys(L, &root, e));
    if (L->failed || !out) break;
    out->c_ref = e->c0;
    if (e->c0 > 0)
      PetscCall(MatAddConst(out, "initial_concentration", "mol/m3", PETSC_FALSE, e->c0));
    PetscCall(MatAddConst(out, "cation_charge", "1", PETSC_FALSE, e->zplus));
    PetscCall(MatAddConst(out, "cation_stoichiometry", "1", PETSC_FALSE, e->nuplus));
    PetscCall(MatAddConst(out, "anion_stoichiometry", "1", PETSC_FALSE, e->numinus));
    PetscCall(MatAddProp(out, "conductivity", "S/m", PETSC_FALSE, &e->kappa));
    PetscCall(MatAddProp(out, "diffusivity", "m2/s", PETSC_FALSE, &e->D));
    PetscCall(MatAddProp(out, "transference_number", "1", PETSC_FALSE, &e->tplus));
    PetscCall(MatAddProp(out, "thermodynamic_factor", "1", PETSC_FALSE, &e->tdf));
  } break;
  case FV_MAT_METAL:
    r->n_electrons = 1;
    PetscCall(CaseLoadMetalKinetics(L, &root, r));
    PetscCall(CaseGetQty(L, &root, "volumetric_capacity", &Q_VOLQ, PETSC_TRUE, 0, &v, &volq));
    if (L->failed || !out) break;
    PetscCall(MatAddConst(out, "volumetric_capacity", "C/m3", PETSC_FALSE, volq));
    PetscCall(
        MatAddConst(out, "kinetics.exchange_current_density", "A/m2", PETSC_FALSE, r->i0_metal));
    if (r->ce_ref > 0)
      PetscCall(
          MatAddConst(out, "kinetics.reference_concentration", "mol/m3", PETSC_FALSE, r->ce_ref));
    PetscCall(MatAddConst(out, "kinetics.concentration_exponent", "1", PETSC_FALSE,
                          r->metal_ce_exponent));
    PetscCall(MatAddConst(out, "kinetics.alpha_a", "1", PETSC_FALSE, r->alpha_a));
    PetscCall(MatAddConst(out, "kinetics.alpha_c", "1", PETSC_FALSE, r->alpha_c));
    PetscCall(MatAddConst(out, "kinetics.film_resistance", "ohm m2", PETSC_FALSE, r->R_film));
    break;
  default:
    break;
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);

  /* data-only keys: the schema's material-file rows of this kind, checked like any value */
  for (const FvCaseKey *k = FvCaseSchema(); k->name && !L->failed; k++) {
    const PetscBool required = (PetscBool)((k->flags & FV_KEYF_REQUIRED) != 0);
    FvProperty p;
    PetscReal x;
    if (!(k->sections & FV_SEC_MATERIAL) || !(k->materials & (1u << kind))) continue;
    if (k->kind == FV_KEY_PROPERTY) {
      PetscCall(CaseGetProp(L, &root, k->name, k->prop, required, &p, &v));
      if (!L->failed && v.present && k->prop == &P_SE_SIGMA && p.kind != FV_PROP_CONST)
        CaseFail(L, &v, "expected %s (e.g. \"%s\"), or {value: ..., activation_energy: ...}",
                 k->prop->q->what, k->prop->q->example);
      if (!L->failed && v.present)
        PetscCall(MatAddProp(out, k->name, FvCaseKeyUnit(k), PETSC_TRUE, &p));
      PetscCall(FvPropertyDestroy(&p));
    } else {
      PetscCall(CaseGetQty(L, &root, k->name, k->q, required, 0, &v, &x));
      if (!L->failed && v.present && k->q == &Q_ION_CHARGE && x != PetscFloorReal(x))
        CaseFail(L, &v, "expected %s (e.g. \"%s\")", k->q->what, k->q->example);
      if (!L->failed && v.present) PetscCall(MatAddConst(out, k->name, k->q->unit, PETSC_TRUE, x));
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Parse and validate the material file at path into m (its document stays in m when *ok) and,
 * when out is given, into out.  *notfound: the file does not exist. */
static PetscErrorCode MatLoad(MPI_Comm comm, FvUnits units, const char *path, MatFile *m,
                              FvMaterial *out, PetscBool *ok, PetscBool *notfound, char *msg,
                              size_t msglen) {
  Loader *L;
  FvCase *scratch;
  char *text, why[512];
  size_t len;
  int err, line;
  PetscBool pok;

  PetscFunctionBeginUser;
  *ok       = PETSC_FALSE;
  *notfound = PETSC_FALSE;
  msg[0]    = 0;
  if (out) PetscCall(PetscMemzero(out, sizeof *out));
  CaseSfmt(m->path, sizeof m->path, "%s", path);
  CaseDirName(path, m->dir, sizeof m->dir);
  { /* its name: the file name without directory and .yaml */
    const char *slash = strrchr(path, '/');
    char *dot;
    CaseSfmt(m->name, sizeof m->name, "%s", slash ? slash + 1 : path);
    dot = strrchr(m->name, '.');
    if (dot && dot != m->name && !strcmp(dot, ".yaml")) *dot = 0;
  }
  PetscCall(CaseReadFileBcast(comm, path, &text, &len, &err));
  if (err) {
    *notfound = (PetscBool)(err == ENOENT);
    CaseSfmt(msg, msglen, "%s: cannot read the material file: %s", path, CaseFileError(err));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(PetscNew(&L));
  PetscCall(PetscNew(&scratch));
  L->comm          = comm;
  L->units         = units;
  L->origin        = m->path;
  L->material_file = PETSC_TRUE;
  L->c             = scratch;
  CaseSfmt(L->dir, sizeof L->dir, "%s", m->dir);
  scratch->F                   = FV_CODATA_F;
  scratch->R                   = FV_CODATA_R;
  scratch->T                   = FV_TREF_DEFAULT;
  scratch->electrolyte.zplus   = 1;
  scratch->electrolyte.nuplus  = 1;
  scratch->electrolyte.numinus = 1;
  PetscCall(CaseParseYaml(text, len, &m->doc, &pok, why, sizeof why, &line));
  free(text);
  if (!pok)
    CaseFailMsg(L, "%s:%d: invalid YAML: %s", path, line, why);
  else {
    m->has_doc = PETSC_TRUE;
    m->root    = yaml_document_get_root_node(&m->doc);
    if (!m->root)
      CaseFailMsg(L,
                  "%s:1: empty material file: expected a YAML map (name, kind, description, "
                  "sources and the material's keys)",
                  path);
    else if (m->root->type != YAML_MAPPING_NODE)
      CaseFailMsg(L,
                  "%s:%d: expected a YAML map (name, kind, description, sources and the material's "
                  "keys) at the top level",
                  path, CaseNodeLine(m->root));
    else
      PetscCall(MatValidate(L, m, out));
  }
  if (L->failed) {
    CaseSfmt(msg, msglen, "%s", L->msg);
    if (m->has_doc) yaml_document_delete(&m->doc);
    m->has_doc = PETSC_FALSE;
    m->root    = NULL;
    if (out) PetscCall(FvMaterialDestroy(out));
  } else
    *ok = PETSC_TRUE;
  PetscCall(CaseDestroyProps(scratch));
  PetscCall(PetscFree(scratch));
  for (int i = 0; i < L->nseen; i++)
    PetscCall(PetscFree(L->seen[i]));
  PetscCall(PetscFree(L->seen));
  PetscCall(PetscFree(L->seenlist));
  PetscCall(PetscFree(L));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseMatFileDestroy(MatFile **m) {
  PetscFunctionBeginUser;
  if (!*m) PetscFunctionReturn(PETSC_SUCCESS);
  if ((*m)->has_doc) yaml_document_delete(&(*m)->doc);
  PetscCall(PetscFree(*m));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static int CmpStr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

PetscErrorCode FvMaterialsDir(char *dir, size_t len) {
  PetscBool set;
  const char *env;
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsGetString(NULL, NULL, "-materials_dir", dir, len, &set));
  if (set && dir[0]) PetscFunctionReturn(PETSC_SUCCESS);
  env = getenv("FVCELL_MATERIALS");
  if (env && env[0])
    CaseSfmt(dir, len, "%s", env);
  else
    CaseSfmt(dir, len, "%s", FVCELL_SOURCE_DIR "/models/materials");
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvMaterialsNames(MPI_Comm comm, PetscInt *n, char ***names) {
  PetscMPIInt rank;
  char dir[FV_PATH_LEN];
  Str b         = {NULL, 0, 0};
  long long len = 0;
  PetscFunctionBeginUser;
  *n     = 0;
  *names = NULL;
  PetscCall(FvMaterialsDir(dir, sizeof dir));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) { /* the names, one a line */
    DIR *d = opendir(dir);
    struct dirent *e;
    PetscCall(CaseStrAdd(&b, "%s", ""));
    while (d && (e = readdir(d))) {
      size_t l = strlen(e->d_name);
      if (e->d_name[0] == '.' || l <= 5 || strcmp(e->d_name + l - 5, ".yaml")) continue;
      PetscCall(CaseStrAdd(&b, "%.*s\n", (int)(l - 5), e->d_name));
    }
    if (d) closedir(d);
    len = (long long)b.len;
  }
  PetscCallMPI(MPI_Bcast(&len, 1, MPI_LONG_LONG, 0, comm));
  if (rank != 0) {
    b.s = (char *)malloc((size_t)len + 1);
    PetscCheck(b.s, PETSC_COMM_SELF, PETSC_ERR_MEM, "out of memory");
  }
  if (len > 0) PetscCallMPI(MPI_Bcast(b.s, (int)len, MPI_CHAR, 0, comm));
  b.s[len] = 0;
  for (char *p = b.s; *p; p++)
    if (*p == '\n') (*n)++;
  PetscCall(PetscCalloc1(*n + 1, names));
  {
    PetscInt i = 0;
    for (char *tok = strtok(b.s, "\n"); tok && i < *n; tok = strtok(NULL, "\n"))
      PetscCall(PetscStrallocpy(tok, &(*names)[i++]));
    *n = i;
  }
  free(b.s);
  qsort(*names, (size_t)*n, sizeof(char *), CmpStr);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvMaterialsNamesDestroy(PetscInt n, char ***names) {
  PetscFunctionBeginUser;
  if (!*names) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt i = 0; i < n; i++)
    PetscCall(PetscFree((*names)[i]));
  PetscCall(PetscFree(*names));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static int ContainsCI(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  if (!n) return 0;
  for (; *hay; hay++) {
    size_t i = 0;
    while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
      i++;
    if (i == n) return 1;
  }
  return 0;
}

/* "did you mean ..." for a material name not in the library. */
static PetscErrorCode SuggestMaterial(MPI_Comm comm, const char *word, char *buf, size_t len) {
  PetscInt n;
  char **names;
  const char *pick[4];
  int np = 0;
  PetscFunctionBeginUser;
  PetscCall(FvMaterialsNames(comm, &n, &names));
  for (PetscInt i = 0; i < n && np < 4; i++) /* names that start with the word */
    if (!strncmp(names[i], word, strlen(word))) pick[np++] = names[i];
  for (PetscInt i = 0; i < n && np < 4; i++) { /* then names that contain it */
    int dup = 0;
    for (int j = 0; j < np; j++)
      dup |= pick[j] == names[i];
    if (!dup && ContainsCI(names[i], word)) pick[np++] = names[i];
  }
  if (!np && n) {
    const char *near = CaseClosest(word, (const char *const *)names);
    if (near) pick[np++] = near;
  }
  if (!np)
    CaseSfmt(buf, len, "`fvcell materials` lists them");
  else {
    CaseSfmt(buf, len, "did you mean ");
    for (int j = 0; j < np; j++) {
      size_t l = strlen(buf);
      CaseSfmt(buf + l, len - l, "%s\"%s\"", j == 0 ? "" : j == np - 1 ? " or " : ", ", pick[j]);
    }
    strncat(buf, "?", len - strlen(buf) - 1);
  }
  PetscCall(FvMaterialsNamesDestroy(n, &names));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The material a case section names (`material: NAME` or a path), loaded and validated once per
 * section; *out = NULL when the section names none.  v: the `material` value (for messages). */
PetscErrorCode CaseSectionMaterial(Loader *L, const Sec *s, int slot, Val *v, MatFile **out) {
  PetscFunctionBeginUser;
  PetscCall(CaseSectionMaterialKey(L, s, "material", slot, v, out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The same for another key naming a material (carbon_material, binder_material). */
PetscErrorCode CaseSectionMaterialKey(Loader *L, const Sec *s, const char *key, int slot, Val *v,
                                      MatFile **out) {
  char path[FV_PATH_LEN], dir[FV_PATH_LEN], msg[MSG_LEN];
  PetscBool ok, notfound, is_path;
  MatFile *m;
  PetscFunctionBeginUser;
  *out = NULL;
  PetscCall(PetscMemzero(v, sizeof *v));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, s, key, v));
  if (L->failed || !v->present) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->mat[slot]) {
    *out = L->mat[slot];
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!v->str || !v->str[0]) {
    CaseFail(L, v,
             "expected the name of a material (`fvcell materials` lists the library) or the path "
             "of a material file");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(FvMaterialsDir(dir, sizeof dir));
  is_path = IsMaterialPath(v->str);
  if (is_path)
    CaseResolvePath(L, v->org, v->str, path, sizeof path);
  else if (!CaseValidName(v->str)) {
    CaseFail(L, v,
             "expected the name of a material (letters, digits, '_', '-', '.'; `fvcell materials` "
             "lists them)");
    PetscFunctionReturn(PETSC_SUCCESS);
  } else
    CaseSfmt(path, sizeof path, "%s/%s.yaml", dir, v->str);
  PetscCall(PetscNew(&m));
  PetscCall(MatLoad(L->comm, L->units, path, m, NULL, &ok, &notfound, msg, sizeof msg));
  if (!ok) {
    if (notfound && !is_path) {
      char sugg[512];
      PetscCall(SuggestMaterial(L->comm, v->str, sugg, sizeof sugg));
      CaseFail(L, v, "no material \"%s\" in %s (%s)", v->str, dir, sugg);
    } else if (notfound)
      CaseFail(L, v, "expected a material file: %s does not exist", path);
    else if (v->cmdline)
      CaseFailMsg(L, "%s (material \"%s\" named on the command line: %s)", msg, m->name, v->opt);
    else
      CaseFailMsg(L, "%s (material \"%s\" named at %s:%d: %s)", msg, m->name,
                  v->org ? v->org->path : L->origin, v->line, v->key);
    PetscCall(CaseMatFileDestroy(&m));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (v->cmdline)
    CaseSfmt(m->via, sizeof m->via, "the command line: %s", v->opt);
  else
    CaseSfmt(m->via, sizeof m->via, "%s:%d: %s", L->origin, v->line, v->key);
  L->mat[slot] = m;
  *out         = m;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvMaterialLoad(MPI_Comm comm, const char *name, FvMaterial *out, PetscBool *ok,
                              char *msg, size_t msglen) {
  char path[FV_PATH_LEN], dir[FV_PATH_LEN];
  FvUnits units;
  MatFile *m;
  PetscBool notfound;
  PetscFunctionBeginUser;
  PetscCall(FvMaterialsDir(dir, sizeof dir));
  if (IsMaterialPath(name))
    CaseSfmt(path, sizeof path, "%s", name);
  else
    CaseSfmt(path, sizeof path, "%s/%s.yaml", dir, name);
  PetscCall(FvUnitsCreate(&units));
  PetscCall(PetscNew(&m));
  PetscCall(MatLoad(comm, units, path, m, out, ok, &notfound, msg, msglen));
  if (!*ok && notfound && !IsMaterialPath(name)) {
    char sugg[512];
    PetscCall(SuggestMaterial(comm, name, sugg, sizeof sugg));
    CaseSfmt(msg, msglen, "no material \"%s\" in %s (%s)", name, dir, sugg);
  }
  PetscCall(CaseMatFileDestroy(&m));
  PetscCall(FvUnitsDestroy(&units));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvMaterialDestroy(FvMaterial *m) {
  PetscFunctionBeginUser;
  if (!m) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt i = 0; i < m->nprops; i++)
    PetscCall(FvPropertyDestroy(&m->props[i].prop));
  PetscCall(PetscMemzero(m, sizeof *m));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvMaterialsView(MPI_Comm comm, PetscBool *all_ok) {
  char dir[FV_PATH_LEN], msg[FV_MAT_MSG_LEN];
  PetscInt n;
  char **names;
  FvMaterial *m;
  PetscBool ok;
  PetscFunctionBeginUser;
  *all_ok = PETSC_TRUE;
  PetscCall(FvMaterialsDir(dir, sizeof dir));
  PetscCall(FvMaterialsNames(comm, &n, &names));
  PetscCall(PetscPrintf(comm,
                        "\nmaterial library %s (use as material: NAME; -materials_dir DIR or "
                        "FVCELL_MATERIALS to change):\n",
                        dir));
  if (!n)
    PetscCall(
        PetscPrintf(comm, "  (no material files: the directory is empty or cannot be read)\n"));
  PetscCall(PetscNew(&m));
  for (PetscInt i = 0; i < n; i++) {
    PetscCall(FvMaterialLoad(comm, names[i], m, &ok, msg, sizeof msg));
    if (!ok) {
      *all_ok = PETSC_FALSE;
      PetscCall(PetscPrintf(comm, "  %-30s BROKEN: %s\n", names[i], msg));
      continue;
    }
    PetscCall(PetscPrintf(comm, "  %-30s %-17s %s\n", m->name, m->kind_name, m->description));
    for (PetscInt j = 0; j < m->nsources; j++)
      PetscCall(PetscPrintf(comm, "      %-34s %s\n", m->source_key[j], m->source[j]));
    PetscCall(FvMaterialDestroy(m));
  }
  PetscCall(PetscFree(m));
  PetscCall(FvMaterialsNamesDestroy(n, &names));
  PetscFunctionReturn(PETSC_SUCCESS);
}
