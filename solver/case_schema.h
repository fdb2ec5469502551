/* case_schema.h -- the case schema as data: one row per key of a case file.
 *
 * Owns: FvCaseKey (section, kind, SI unit, default and its source, what is expected, where the
 * value lands, which material kinds may carry it) and the table of every key (case_schema.c).
 * The table drives the key checks of every section (which keys a section takes, "did you mean"),
 * the keys a material file of each kind may give, the generic loading and writing of the rows
 * that land in a struct field, and the generated key reference (`fvcell schema`,
 * docs/case-keys.md).  Rules between keys (alternatives, thickness/loading/capacity,
 * compositions) stay hand-written in the section loaders.
 *
 * A new key: one row here, and its consumer (the model code that reads the FvCase field).
 */
#pragma once
#include <petscsys.h>
#include <stddef.h>

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
#define FV_MATS_METAL (1u << 3)

/* Row flags: how the generic loader and writer treat a row with a field offset. */
#define FV_KEYF_WRITE_IF_POSITIVE (1u << 0) /* optional without a default: written when given */
#define FV_KEYF_NO_OVERRIDE (1u << 1)       /* no command-line option (sweep) */
#define FV_KEYF_SHORT_OPTION (1u << 2)      /* also an option without its section: -rates */

#define FV_KEY_NO_FIELD ((size_t)-1) /* loaded by a hand-written section loader */

typedef struct {
  unsigned sections; /* FvCaseSection mask */
  const char *name;
  FvCaseKeyKind kind;
  const char *unit;   /* SI unit of a quantity ("1": a pure number), NULL otherwise */
  const char *def;    /* the default as written in a case, NULL: required or none */
  const char *source; /* where the default comes from, NULL when there is none */
  const char *help;   /* what is expected */
  size_t offset;      /* offsetof the value in FvCase, or FV_KEY_NO_FIELD */
  unsigned materials; /* FV_MATS_* mask of the material kinds that may give it */
  unsigned flags;     /* FV_KEYF_* */
  /* rows with a field: the default value, the valid range (open ends) and an example */
  double defval, lo, hi;
  PetscBool lo_open, hi_open;
  const char *example;
  const char *what; /* what is expected, for messages ("a positive density") */
} FvCaseKey;

/* The table (ends with a row whose name is NULL). */
const FvCaseKey *FvCaseSchema(void);
/* The key reference as Markdown (`fvcell schema`, docs/case-keys.md) on rank 0's stdout. */
PetscErrorCode FvCaseSchemaView(MPI_Comm comm);
