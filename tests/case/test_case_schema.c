/* test_case_schema.c -- the schema table (solver/case_schema.c) as data: every row is complete for
 * its kind, defaults lie in their ranges, and a key added by one row (cell.nominal_capacity) is
 * loaded, checked against the rule beside it, written and read back.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <petscsys.h>
#include "case.h"
#include "case_schema.h"
#include "fvtest.h" /* FV_CHECK, FV_CLOSE */

static int fails = 0;

#define REF(name) FVCELL_SOURCE_DIR "/cases/reference/" name ".yaml"

static PetscBool InRange(const FvCaseQty *q, PetscReal x) {
  if (q->lo_open ? !(x > q->lo) : !(x >= q->lo)) return PETSC_FALSE;
  if (q->hi_open ? !(x < q->hi) : !(x <= q->hi)) return PETSC_FALSE;
  return PETSC_TRUE;
}

/* Each row says what its kind needs; a default lies in the row's range; a name is a key of a
 * section once. */
static void TestRows(void) {
  const FvCaseKey *t = FvCaseSchema();
  int n = 0, nfield = 0;
  for (const FvCaseKey *k = t; k->name; k++, n++) {
    const PetscBool field = (PetscBool)(k->offset != FV_KEY_NO_FIELD);
    FV_CHECK(k->sections && k->help && k->help[0], "row %s: sections and help", k->name);
    for (const FvCaseKey *o = t; o < k; o++) /* (material files: one row per kind) */
      FV_CHECK(strcmp(o->name, k->name) || !(o->sections & k->sections) ||
                   ((k->sections & FV_SEC_MATERIAL) && !(o->materials & k->materials)),
               "key %s has two rows in one section", k->name);
    if (k->sections & FV_SEC_MATERIAL) { /* a material file's data: kept in FvMaterial */
      FV_CHECK(!field && k->materials && (k->q || k->prop), "material row %s", k->name);
      continue;
    }
    if (!field) {
      FV_CHECK(!(k->flags & (FV_KEYF_REQUIRED | FV_KEYF_CASE_REQUIRED | FV_KEYF_RULE)),
               "row %s without a field has flags of a field (%#x)", k->name, k->flags);
      continue;
    }
    nfield++;
    FV_CHECK(!((k->flags & FV_KEYF_REQUIRED) && k->def), "required row %s has a default %s",
             k->name, k->def);
    switch (k->kind) {
    case FV_KEY_QUANTITY:
      FV_CHECK(k->q && k->q->unit && k->q->what && k->q->example, "quantity row %s: q", k->name);
      if (k->q && k->def)
        FV_CHECK(InRange(k->q, k->defval), "row %s: default out of range", k->name);
      break;
    case FV_KEY_INTEGER:
      FV_CHECK(k->q && k->q->what && k->q->example && k->q->lo <= k->q->hi, "integer row %s: q",
               k->name);
      if (k->q && k->def)
        FV_CHECK(k->defval >= k->q->lo && k->defval <= k->q->hi, "row %s: default %g out of range",
                 k->name, (double)k->defval);
      break;
    case FV_KEY_WORD:
      FV_CHECK(k->q && k->q->what && k->words, "word row %s: q and words", k->name);
      if (k->words && k->def)
        FV_CHECK(!strcmp(k->words[(int)k->defval], k->def), "row %s", k->name);
      break;
    case FV_KEY_PROPERTY:
      FV_CHECK(k->prop && k->prop->q, "property row %s: its spec", k->name);
      break;
    case FV_KEY_BOOL:
      FV_CHECK(k->def && (k->defval != 0) == !strcmp(k->def, "true"), "bool row %s", k->name);
      break;
    default:
      FV_CHECK(k->write != NULL, "row %s of kind %d with a field needs a write hook", k->name,
               (int)k->kind);
    }
  }
  FV_CHECK(n > 100 && nfield > 60, "%d rows, %d with a field", n, nfield);
}

/* Every cell: row with a default lands its default in the field the row names. */
static PetscErrorCode TestDefaults(MPI_Comm comm) {
  FvCase c;
  PetscFunctionBeginUser;
  PetscCall(FvCaseLoadWith(comm, REF("dualfoil"), NULL, &c, NULL, NULL, 0));
  for (const FvCaseKey *k = FvCaseSchema(); k->name; k++) {
    const char *f;
    if (!(k->sections & FV_SEC_CELL) || k->offset == FV_KEY_NO_FIELD || !k->def) continue;
    f = (const char *)&c + k->offset; /* only for a row with a field (NO_FIELD is (size_t)-1) */
    if (k->kind == FV_KEY_QUANTITY)
      FV_CHECK(*(const PetscReal *)f == k->defval, "cell.%s = %g, default %g", k->name,
               (double)*(const PetscReal *)f, (double)k->defval);
    else if (k->kind == FV_KEY_BOOL)
      FV_CHECK(*(const PetscBool *)f == (PetscBool)(k->defval != 0), "cell.%s", k->name);
  }
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* cell.nominal_capacity: the electrode area from the rated capacity and the 1C current density,
 * a protocol in A, the resolved case reading back, and a conflicting electrode_area refused. */
static PetscErrorCode TestNominalCapacity(MPI_Comm comm) {
  FvCaseOverrides ov = {PETSC_FALSE, NULL};
  FvCaseOutcome outcome;
  FvCase c, d;
  PetscErrorCode ierr;
  char msg[2048];
  FILE *f;
  const char *tmp = "nominal_capacity_roundtrip.yaml";
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsCreate(&ov.extra));
  /* DUALFOIL: one_c = 24.1056 A/m2, so 2.41056 A h is 0.1 m2 */
  PetscCall(PetscOptionsSetValue(ov.extra, "-cell_nominal_capacity", "2.41056 A h"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-protocol", "Discharge at 2.41056 A until 3.0 V"));
  PetscCall(FvCaseLoadWith(comm, REF("dualfoil"), &ov, &c, &outcome, msg, sizeof msg));
  FV_CHECK(outcome == FV_CASE_OK, "load: %s", msg);
  FV_CLOSE(c.nominal_capacity, 2.41056 * 3600, 1e-14);
  FV_CLOSE(c.electrode_area, 0.1, 1e-12);
  FV_CHECK(strstr(c.yaml_text, "  nominal_capacity: \"8678.016 C\"\n") != NULL,
           "resolved case:\n%s", c.yaml_text);
  f = fopen(tmp, "w");
  FV_CHECK(f != NULL, "cannot write %s", tmp);
  if (f) {
    fputs(c.yaml_text, f);
    fclose(f);
    ierr = FvCaseLoadWith(comm, tmp, NULL, &d, &outcome, msg, sizeof msg);
    FV_CHECK(!ierr && outcome == FV_CASE_OK, "the resolved case does not load back: %s", msg);
    if (!ierr) {
      char *a, *b;
      FV_CHECK(d.electrode_area == c.electrode_area, "area %.17g -> %.17g", c.electrode_area,
               d.electrode_area);
      PetscCall(FvTestStripComments(c.yaml_text, &a));
      PetscCall(FvTestStripComments(d.yaml_text, &b));
      FV_CHECK(!strcmp(a, b), "resolved text changes on reloading:\n%s\n----\n%s", a, b);
      PetscCall(PetscFree(a));
      PetscCall(PetscFree(b));
      PetscCall(FvCaseDestroy(&d));
    }
    remove(tmp);
  }
  PetscCall(FvCaseDestroy(&c));
  /* both, apart by more than 0.5 %: one line naming both keys */
  PetscCall(PetscOptionsSetValue(ov.extra, "-cell_electrode_area", "0.2 m2"));
  ierr = FvCaseLoadWith(comm, REF("dualfoil"), &ov, &c, &outcome, msg, sizeof msg);
  FV_CHECK(ierr == PETSC_ERR_USER && outcome == FV_CASE_INVALID, "conflict: error %d outcome %d",
           (int)ierr, (int)outcome);
  FV_CHECK(strstr(msg, "cell.nominal_capacity") &&
               strstr(msg, "conflicts with cell.electrode_area"),
           "message: %s", msg);
  /* ... and a capacity that gives no sensible area */
  PetscCall(PetscOptionsClearValue(ov.extra, "-cell_electrode_area"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-cell_nominal_capacity", "1e6 A h"));
  ierr = FvCaseLoadWith(comm, REF("dualfoil"), &ov, &c, &outcome, msg, sizeof msg);
  FV_CHECK(ierr == PETSC_ERR_USER && strstr(msg, "up to 100 m2"), "too large: %s", msg);
  PetscCall(PetscOptionsDestroy(&ov.extra));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  TestRows();
  PetscCall(TestDefaults(PETSC_COMM_WORLD));
  PetscCall(TestNominalCapacity(PETSC_COMM_WORLD));
  if (fails)
    printf("%d check(s) failed\n", fails);
  else
    printf("case schema: all checks passed\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
