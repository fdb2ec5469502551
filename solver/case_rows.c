/* case_rows.c -- the schema table at work: key lists and the generic loader (see case_schema.h,
 * case_loader.h).
 *
 * Owns: the key lists of the sections and of the material kinds (from the table's rows), which
 * options look like case keys, and the one generic loader: a row with a field is looked up
 * (command line, case, material), defaulted, range-checked and stored where the row says.
 */
#define _POSIX_C_SOURCE 200809L
#include "case_loader.h"

/* Key lists of material kinds are kept beside the sections' (whose masks use the low bits). */
#define MATERIAL_LIST (1u << 31)

/* A NULL-terminated list of the names of the rows that match, in table order, each name once
 * (a key may have a row per section it serves). */
static const char *const *KeyList(Loader *L, unsigned tag, unsigned sections, unsigned materials) {
  const FvCaseKey *schema = FvCaseSchema();
  CaseKeyList *kl;
  int n = 0;
  for (int i = 0; i < L->nkeylists; i++)
    if (L->keylists[i].mask == tag) return L->keylists[i].keys;
  if (L->nkeylists >= CASE_MAX_KEYLISTS) return L->keylists[0].keys; /* cannot happen: sections */
  kl       = &L->keylists[L->nkeylists++];
  kl->mask = tag;
  for (int i = 0; schema[i].name && n < CASE_MAX_SECTION_KEYS; i++) {
    if (!(schema[i].sections & sections) || (materials && !(schema[i].materials & materials)))
      continue;
    kl->keys[n] = NULL;
    if (!CaseInList(schema[i].name, kl->keys)) kl->keys[n++] = schema[i].name;
  }
  kl->keys[n] = NULL;
  return kl->keys;
}

const char *const *CaseSchemaKeys(Loader *L, unsigned mask) {
  return KeyList(L, mask, mask, 0);
}

const char *const *CaseSchemaMaterialKeys(Loader *L, int kind) {
  return KeyList(L, MATERIAL_LIST | (unsigned)kind, ~0u, 1u << kind);
}

const FvCaseKey *CaseSchemaRow(unsigned sec, const char *name) {
  for (const FvCaseKey *k = FvCaseSchema(); k->name; k++)
    if ((k->sections & sec) && !strcmp(k->name, name)) return k;
  return NULL;
}

/* Is name an option of the top level (exact) or the prefix of a section's options? */
PetscBool CaseSchemaOverridable(const char *name) {
  for (const FvCaseKey *k = FvCaseSchema(); k->name; k++) {
    size_t len = strlen(k->name);
    if (k->flags & FV_KEYF_NO_OVERRIDE) continue;
    if (!(k->sections & FV_SEC_ROOT) && !(k->flags & FV_KEYF_SHORT_OPTION)) continue;
    if (!strcmp(name, k->name)) return PETSC_TRUE;
    if ((k->sections & FV_SEC_ROOT) && k->kind == FV_KEY_SECTION && !strncmp(name, k->name, len) &&
        name[len] == '_')
      return PETSC_TRUE;
  }
  return PETSC_FALSE;
}

/* An integer row: [lo, hi] of its q, then fvcell's limit; a short option (-cycles) also sets it. */
static PetscErrorCode LoadInteger(Loader *L, const Sec *s, const FvCaseKey *k, PetscBool required,
                                  PetscInt def, Val *v, PetscInt *out) {
  char alt[KEY_LEN];
  PetscFunctionBeginUser;
  *out = def;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  CaseSfmt(alt, sizeof alt, "-%s", k->name);
  PetscCall(CaseLookupAlt(L, s, k->name, (k->flags & FV_KEYF_SHORT_OPTION) ? alt : NULL, v));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!v->present) {
    if (required) CaseFail(L, v, "expected %s (e.g. %s)", k->q->what, k->q->example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  CaseIntOf(L, v, (PetscInt)k->q->lo, (PetscInt)k->q->hi, k->q->what, k->q->example, out);
  if (!L->failed && k->q->limit > 0 && *out > (PetscInt)k->q->limit)
    CaseFailLimit(L, v, (double)k->q->limit, NULL);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* One row into its field of base. */
static PetscErrorCode LoadRow(Loader *L, const Sec *s, const FvCaseKey *k, void *base,
                              PetscBool required, PetscReal def, Val *v) {
  char *field = (char *)base + k->offset;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(v, sizeof *v));
  switch (k->kind) {
  case FV_KEY_QUANTITY:
    PetscCall(CaseGetQty(L, s, k->name, k->q, required, def, v, (PetscReal *)field));
    break;
  case FV_KEY_INTEGER: {
    PetscInt i;
    PetscCall(LoadInteger(L, s, k, required, (PetscInt)def, v, &i));
    if (k->flags & FV_KEYF_REAL)
      *(PetscReal *)field = (PetscReal)i;
    else
      *(PetscInt *)field = i;
  } break;
  case FV_KEY_BOOL:
    PetscCall(CaseGetBool(L, s, k->name, (PetscBool)(def != 0), (PetscBool *)field));
    break;
  case FV_KEY_WORD: {
    int idx;
    PetscCall(CaseGetWord(L, s, k->name, k->words, k->q->what, (int)def, &idx, v));
    *(int *)field = idx; /* an enum in the order of the words */
  } break;
  case FV_KEY_PROPERTY:
    PetscCall(CaseGetProp(L, s, k->name, k->prop, required, (FvProperty *)field, v));
    break;
  default:
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_PLIB, "schema row %s: kind %d has no field to load", k->name,
            (int)k->kind);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscBool Required(const Loader *L, const FvCaseKey *k) {
  return (PetscBool)((k->flags & FV_KEYF_REQUIRED) ||
                     ((k->flags & FV_KEYF_CASE_REQUIRED) && !L->material_file));
}

PetscErrorCode CaseLoadRows(Loader *L, const Sec *s, unsigned sec, void *base) {
  PetscFunctionBeginUser;
  for (const FvCaseKey *k = FvCaseSchema(); k->name && !L->failed; k++) {
    Val v;
    if (!(k->sections & sec) || k->offset == FV_KEY_NO_FIELD || (k->flags & FV_KEYF_RULE)) continue;
    PetscCall(LoadRow(L, s, k, base, Required(L, k), k->defval, &v));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseLoadKeyAs(Loader *L, const Sec *s, unsigned sec, const char *name, void *base,
                             PetscBool required, PetscReal def, Val *v) {
  const FvCaseKey *k = CaseSchemaRow(sec, name);
  Val local;
  PetscFunctionBeginUser;
  PetscCheck(k && k->offset != FV_KEY_NO_FIELD, PETSC_COMM_SELF, PETSC_ERR_PLIB,
             "no schema row with a field for key %s", name);
  PetscCall(LoadRow(L, s, k, base, required, def, v ? v : &local));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseLoadKey(Loader *L, const Sec *s, unsigned sec, const char *name, void *base,
                           Val *v) {
  const FvCaseKey *k = CaseSchemaRow(sec, name);
  PetscFunctionBeginUser;
  PetscCheck(k, PETSC_COMM_SELF, PETSC_ERR_PLIB, "no schema row for key %s", name);
  PetscCall(CaseLoadKeyAs(L, s, sec, name, base, Required(L, k), k->defval, v));
  PetscFunctionReturn(PETSC_SUCCESS);
}
