/* case_schema.h -- the case schema as data: one row per key of a case file.
 *
 * Owns: FvCaseKey (section, kind, SI unit, default and its source, valid range, where the value
 * lands, which material kinds may carry it, how it is written back) and the table of every key
 * (case_schema.c).  The table drives the key checks of every section (which keys a section takes,
 * "did you mean"), the keys a material file of each kind may give, loading, defaults and range
 * checks (one generic loader, CaseLoadRows), the resolved case (one generic writer,
 * CaseWriteRows) and the generated key reference (`fvcell schema`, docs/case-keys.md).  Rules
 * between keys (alternatives, thickness/loading/capacity, compositions, particle families,
 * fields) stay hand-written in the section loaders, which read their keys through the same rows
 * (CaseLoadKey).
 *
 * A new key: one row in case_schema.c (with the field it lands in), and its consumer (the model
 * code that reads the field).  docs/case-keys.md says how, with an example.
 */
#pragma once
#include <petscsys.h>
#include <stddef.h>
#include "property.h"

/* Sections of a case file, as a bit mask (a row may serve several: `kinetics` is a key of porous
 * and of metal electrodes). */
typedef enum {
  FV_SEC_ROOT              = 1u << 0,
  FV_SEC_CONSTANTS         = 1u << 1,
  FV_SEC_ELECTROLYTE       = 1u << 2,
  FV_SEC_POROUS            = 1u << 3, /* negative:, positive: of type porous */
  FV_SEC_METAL             = 1u << 4, /* negative:, positive: of type metal */
  FV_SEC_SEPARATOR         = 1u << 5,
  FV_SEC_SEPARATOR_SCAN    = 1u << 6, /* read before the separator's own check (contact_map) */
  FV_SEC_KINETICS          = 1u << 7,
  FV_SEC_METAL_KINETICS    = 1u << 8,
  FV_SEC_SOLID_ELECTROLYTE = 1u << 9,
  FV_SEC_COMPOSITION       = 1u << 10,
  FV_SEC_FAMILY            = 1u << 11,
  FV_SEC_CONTACT           = 1u << 12,
  FV_SEC_CELL              = 1u << 13,
  FV_SEC_OPERATION         = 1u << 14,
  FV_SEC_MESH              = 1u << 15,
  FV_SEC_MESH_AXIS         = 1u << 16,
  FV_SEC_FIELDS            = 1u << 17,
  FV_SEC_SWEEP_RANGE       = 1u << 18,
  FV_SEC_THERMAL           = 1u << 19, /* thermal: (docs/thermal.md) */
  FV_SEC_THERMAL_LAYER     = 1u << 20, /* thermal: negative_collector:, negative:, ... */
  FV_SEC_INTERPHASE        = 1u << 21, /* interphase: of a composite electrode */
  FV_SEC_MATERIAL          = 1u << 30, /* a material file's data-only keys (by material kind) */
  FV_SEC_NONE              = 0
} FvCaseSection;

typedef enum {
  FV_KEY_QUANTITY, /* a number with a unit, converted to the row's SI unit */
  FV_KEY_INTEGER,
  FV_KEY_BOOL,
  FV_KEY_WORD, /* one of a list of words */
  FV_KEY_TEXT,
  FV_KEY_PROPERTY, /* a constant, a named form or a table (of stoichiometry or concentration) */
  FV_KEY_SECTION,  /* a map of keys of its own */
  FV_KEY_LIST,
  FV_KEY_FIELD /* a uniform value or a field map {kind: ...} */
} FvCaseKeyKind;

/* Material kinds (FvMaterialKind of materials.h) as a bit mask: which may give a key. */
#define FV_MATS_ACTIVE (1u << 0)
#define FV_MATS_ELECTROLYTE (1u << 1)
#define FV_MATS_SOLID_ELECTROLYTE (1u << 2)
#define FV_MATS_METAL (1u << 3)
#define FV_MATS_INACTIVE (1u << 4)
#define FV_MATS_ALL                                                                                \
  (FV_MATS_ACTIVE | FV_MATS_ELECTROLYTE | FV_MATS_SOLID_ELECTROLYTE | FV_MATS_METAL |              \
   FV_MATS_INACTIVE)

/* Row flags. */
#define FV_KEYF_WRITE_IF_POSITIVE (1u << 0) /* written only when > 0 (optional, no default) */
#define FV_KEYF_NO_OVERRIDE (1u << 1)       /* no command-line option (sweep) */
#define FV_KEYF_SHORT_OPTION (1u << 2)      /* also an option without its section: -rates */
#define FV_KEYF_REQUIRED (1u << 3)          /* no default: a case (or material) must give it */
#define FV_KEYF_CASE_REQUIRED (1u << 4)     /* required in a case, optional in a material file */
#define FV_KEYF_RULE (1u << 5)     /* read by its section's rules (CaseLoadKey), not the walk */
#define FV_KEYF_NO_WRITE (1u << 6) /* loaded, but not part of the resolved case */
#define FV_KEYF_WRITE_IF_NONZERO (1u << 7) /* written only when not 0 */
#define FV_KEYF_REAL (1u << 8)             /* an integer key stored as a PetscReal */

#define FV_KEY_NO_FIELD ((size_t)-1) /* no field: read and written by hand-written rules */

/* A quantity: SI unit, what is expected, an example, the valid range and fvcell's limit.  An
 * integer key uses what, example, lo, hi and limit; a word key uses what. */
typedef struct {
  const char *unit; /* SI unit; "1" for a pure number */
  const char *what;
  const char *example;
  PetscReal lo, hi;
  PetscBool lo_open, hi_open; /* bound excluded */
  PetscReal limit; /* fvcell's ceiling for a range open above (docs/limits.md); 0: none */
} FvCaseQty;

/* A property: the spec of its value (q->unit is its SI unit) and which arguments it takes. */
typedef struct {
  const FvCaseQty *q;
  FvPropArg const_arg; /* arg of a constant */
  FvPropArg def_arg;   /* default arg of a form or table */
  PetscBool sto_ok, conc_ok;
} FvCasePropSpec;

struct CaseWriter;
struct FvCaseKey;
/* Writes a row whose resolved form is not simply its stored value (indent: of the row's key;
 * base: the section's target struct). */
typedef PetscErrorCode (*FvCaseKeyWriteFn)(const struct CaseWriter *w, int indent,
                                           const struct FvCaseKey *k, const void *base);

/* One key.  Where the value lands: offset is offsetof into the target struct of the row's
 * sections:
 *   FvCase          the top level, constants:, cell:, operation:
 *   FvElectrolyte   electrolyte:
 *   FvRegion        negative:, positive: (porous or metal), separator:, kinetics: (both kinds)
 *   FvSolidElectrolyte  solid_electrolyte:      FvContact  contact:      FvMeshSpec  mesh:
 * The value's C type follows the kind: QUANTITY PetscReal, INTEGER PetscInt (PetscReal with
 * FV_KEYF_REAL), BOOL PetscBool, WORD an int (enum) indexing words, PROPERTY FvProperty. */
typedef struct FvCaseKey {
  unsigned sections; /* FvCaseSection mask */
  const char *name;
  FvCaseKeyKind kind;
  const char *unit;   /* SI unit of a quantity ("1": a pure number), NULL otherwise */
  const char *def;    /* the default as written in a case, NULL: required or none */
  const char *source; /* where the default comes from, NULL when there is none */
  const char *help;   /* what the key is */
  size_t offset;      /* offsetof the value in the section's target struct, or FV_KEY_NO_FIELD */
  unsigned materials; /* FV_MATS_* mask of the material kinds that may give it */
  unsigned flags;     /* FV_KEYF_* */
  const FvCaseQty *q; /* QUANTITY, INTEGER, WORD: what is expected and the range */
  PetscReal defval;   /* the default value (a WORD's index) when absent and not required */
  const FvCasePropSpec *prop; /* PROPERTY: the forms and tables it takes */
  const char *const *words;   /* WORD: the words, in the order of the enum it lands in */
  FvCaseKeyWriteFn write;     /* written by this instead of from the field (NULL: the field) */
} FvCaseKey;

/* The table (ends with a row whose name is NULL). */
const FvCaseKey *FvCaseSchema(void);
/* The SI unit of a row: its quantity's, its property's, or the one it names (NULL: none). */
const char *FvCaseKeyUnit(const FvCaseKey *k);
/* The key reference as Markdown (`fvcell schema`, docs/case-keys.md) on rank 0's stdout. */
PetscErrorCode FvCaseSchemaView(MPI_Comm comm);
