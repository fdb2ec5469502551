/* case_loader.h -- the case loader's private interface, shared by the solver/case*.c files.
 *
 * Owns: the loader's state (Loader), where one value comes from (Val: a YAML node of the case file,
 * of a material file, or a command-line override), a section being read (Sec), the declarations
 * of the shared descriptors (Qty, PropSpec, word lists: defined once in case_descriptors.c), the
 * generic row loader and writer (case_rows.c, case_writer.c) and the helpers the section loaders
 * share.  Nothing outside solver/case*.c includes it: the rest of the code sees case.h only.
 *
 * User mistakes are not PETSc errors: the first one found is kept as ONE line
 *   FILE:LINE: KEY: "VALUE": expected WHAT (e.g. "EXAMPLE")[: WHY]
 * and every parsing helper is a no-op once an error has been recorded, so the code reads straight.
 * Every rank parses the same text (rank 0 reads files and broadcasts them), so all ranks agree on
 * success or failure.
 */
#pragma once
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "case.h"
#include "protocol.h"
#include "forms.h"
#include "units.h"
#include "materials.h"
#include "case_limits.h"
#include "case_schema.h"

#define MSG_LEN 2048
#define KEY_LEN 256
#define MAX_ODOCS 256
#define MAX_TABLE 100000

/* CODATA 2018 (exact F and R since the 2019 SI redefinition). */
#define FV_CODATA_F 96485.33212
#define FV_CODATA_R 8.314462618
#define FV_TREF_DEFAULT 298.15

extern const char *const default_origin;

/* ---- loader state ------------------------------------------------------------------------ */

/* A material file named by a case section, parsed and validated; its document stays alive
 * while the case loads (values of the section fall back to it). */
typedef struct {
  char name[FV_NAME_LEN];
  char path[FV_PATH_LEN];
  char dir[FV_PATH_LEN];       /* for its tables */
  char via[FV_PATH_LEN + 128]; /* where the case names it, for messages */
  int kind;                    /* FvMaterialKind */
  yaml_document_t doc;
  PetscBool has_doc;
  yaml_node_t *root;
} MatFile;

/* negative, separator (unused), positive, electrolyte; then per region its solid electrolyte,
 * carbon and binder */
#define MAT_SLOT_ELECTROLYTE FV_NREGIONS
#define MAT_SLOT_SE(g) (FV_NREGIONS + 1 + (g))
#define MAT_SLOT_CARBON(g) (2 * FV_NREGIONS + 1 + (g))
#define MAT_SLOT_BINDER(g) (3 * FV_NREGIONS + 1 + (g))
#define MAT_SLOTS (4 * FV_NREGIONS + 1)

/* Where one value comes from: a YAML node of the file, or a command-line option. */
typedef struct {
  yaml_document_t *doc;
  yaml_node_t *node; /* NULL: missing, or a plain command-line string */
  const char *str;   /* the scalar text, NULL unless a scalar */
  PetscBool present; /* given at all (file or command line) */
  PetscBool cmdline;
  PetscBool isnull; /* `key:` with no value, ~ or null */
  int line; /* 1-based line of the key (of a list item); of the enclosing map when missing */
  char key[KEY_LEN];
  char opt[KEY_LEN + 2];
  char buf[FV_PATH_LEN]; /* storage for command-line strings */
  const MatFile *org;    /* the material file it comes from; NULL: the case file or command line */
  /* a section given in both the case and its material (kinetics): the material's map */
  yaml_document_t *fdoc;
  yaml_node_t *fnode;
  const MatFile *forg;
} Val;

/* A section's key list from the schema table (CaseSchemaKeys). */
#define CASE_MAX_KEYLISTS 32
#define CASE_MAX_SECTION_KEYS 96
typedef struct {
  unsigned mask;
  const char *keys[CASE_MAX_SECTION_KEYS + 1];
} CaseKeyList;

typedef struct {
  MPI_Comm comm;
  FvUnits units;
  const char *origin;    /* file path for messages, or "built-in default case" */
  char dir[FV_PATH_LEN]; /* directory of the case file ("" = cwd), for tables */
  yaml_document_t doc;
  PetscBool has_doc;
  yaml_document_t *odoc[MAX_ODOCS]; /* documents parsed from command-line values */
  int nodoc;
  PetscBool failed;
  char msg[MSG_LEN];
  char description[1024];
  FvCase *c;
  char **seen; /* every option name looked up (for "did you mean") */
  int nseen, capseen;
  char **seenlist;                         /* NULL-terminated copy of seen */
  CaseKeyList keylists[CASE_MAX_KEYLISTS]; /* the schema's key lists, built when first used */
  int nkeylists;
  FvCaseOverrides ov;      /* where overrides come from (none: all zero) */
  FvCaseOutcome outcome;   /* what kind of failure the message reports */
  PetscBool material_file; /* validating a material file on its own: no command-line overrides */
  MatFile *mat[MAT_SLOTS]; /* the material each case section names (NULL: none) */
  char root_what[64];      /* what the top-level map is, for messages ("" = a case) */
  /* per region: metal electrode, has a solid_electrolyte section, the SE's ion_charge
   * value (for messages), the areal capacity of its stoichiometry window [C m-2] (0: none), the
   * contact section (for messages) */
  PetscBool metal[FV_NREGIONS], has_se[FV_NREGIONS];
  Val se_charge[FV_NREGIONS];
  PetscReal capacity[FV_NREGIONS];
  Val contact[FV_NREGIONS];
  Val excess[FV_NREGIONS]; /* a metal electrode's `excess` */
  Val area, nominal;       /* cell.electrode_area and cell.nominal_capacity (for messages) */
  char *msg_out;           /* FvCaseLoadQuiet: the message goes here instead of stderr */
  size_t msg_out_len;
} Loader;

/* A mapping of keys (a section of the case, or a property spec). */
typedef struct {
  yaml_document_t *doc;
  yaml_node_t *map; /* NULL: the section is absent (its keys may still come from options) */
  char key[KEY_LEN];
  int line;
  PetscBool cmdline;
  const MatFile *org; /* file of map: NULL = the case file (or the command line) */
  /* the material layer: keys not given in the case come from fmap (except masked ones) */
  yaml_document_t *fdoc;
  yaml_node_t *fmap;
  const MatFile *forg;
  int nmask;
  char mask[8][64]; /* material keys not used: the case gave an alternative to them */
} Sec;

typedef FvCaseQty Qty; /* the loaders' short name (case_schema.h) */

#define INF PETSC_INFINITY
extern const Qty Q_LENGTH;
extern const Qty Q_POR_ELEC;
extern const Qty Q_POR_SEP;
extern const Qty Q_FRACTION;
extern const Qty Q_BRUGG;
extern const Qty Q_SIGMA;
extern const Qty Q_CONC;
extern const Qty Q_CMAX;
extern const Qty Q_STO;
extern const Qty Q_CAPACITY;
extern const Qty Q_DENSITY;
extern const Qty Q_DIFF;
extern const Qty Q_ALPHA;
extern const Qty Q_RFILM;
extern const Qty Q_EA;
extern const Qty Q_TEMP;
extern const Qty Q_FARADAY;
extern const Qty Q_GAS;
extern const Qty Q_ONE_C;
extern const Qty Q_VOLT;
extern const Qty Q_RCONTACT;
extern const Qty Q_DURATION;
extern const Qty Q_RATE;
extern const Qty Q_KAPPA;
extern const Qty Q_DIFF_E;
extern const Qty Q_TPLUS;
extern const Qty Q_TDF;
extern const Qty Q_OCP;
extern const Qty Q_SCALE;

typedef FvCasePropSpec PropSpec;

extern const PropSpec P_ELECTROLYTE_KAPPA;
extern const PropSpec P_ELECTROLYTE_D;
extern const PropSpec P_ELECTROLYTE_TPLUS;
extern const PropSpec P_ELECTROLYTE_TDF;
extern const PropSpec P_OCP;
extern const PropSpec P_DS;

/* solid electrolytes, composite electrodes, particle families and contact mechanics */
extern const Qty Q_MODULUS;
extern const Qty Q_POISSON;
extern const Qty Q_ION_CONC;
extern const Qty Q_ION_CHARGE;
extern const Qty Q_DVV;
extern const Qty Q_SE_SIGMA;
extern const Qty Q_SIGMA_MEASURED;
extern const Qty Q_SE_FRACTION;
extern const Qty Q_SOLID_FRACTION;
extern const Qty Q_THRESHOLD;
extern const Qty Q_PERC_EXP;
extern const Qty Q_PERCENT;
extern const Qty Q_LOADING;
extern const Qty Q_STO_CLOSED;
extern const Qty Q_RINTERFACE;
extern const Qty Q_FAM_FRACTION;
extern const Qty Q_CONTACT;
extern const Qty Q_STRAIN;
extern const Qty Q_KIRR;
extern const Qty Q_IP_CURRENT, Q_IP_BETA, Q_IP_PARABOLIC, Q_IP_LIMIT;
extern const Qty Q_FISO;
extern const Qty Q_WIDTH;
extern const Qty Q_PRESSURE;
extern const PropSpec P_DVV;
extern const PropSpec P_SE_SIGMA;

/* ---- small helpers ------------------------------------------------------------------------- */

/* snprintf that truncates silently (messages and keys are cut at their buffer size). */

/* ---- properties --------------------------------------------------------------------------- */

extern const char *const prop_keys[];

/* ---- sections ----------------------------------------------------------------------------- */

/* a separator's keys and contact_map: only to read it before its own key check (contact_map has a
 * message of its own) */
/* a region's solid electrolyte: the material's keys, the effective-conductivity law
 * and its volume fraction */
extern const char *const sigma_laws[];
extern const char *const composition_bases[];
extern const char *const sweep_spacings[];
/* a metal electrode (type: metal): a planar interface with an inventory */
extern const Qty Q_EXPONENT;
extern const char *const electrode_types[];
/* every key of either type: only to read `type` before the type's own key check */
extern const Qty Q_GRADING;
extern const Qty Q_I0;
extern const Qty Q_AREALQ;
extern const Qty Q_VOLQ;
extern const Qty Q_ZPLUS, Q_NUPLUS, Q_NUMINUS, Q_CELLS, Q_SHELLS, Q_CYCLES, Q_DIMENSION, Q_STRIDE;
extern const Qty Q_DISC, Q_FOIL, Q_AREA, Q_NOMINAL;

/* Alternatives a case may give instead of its material's keys (MaskAlternatives). */
/* density is not an alternative by itself: next to max_concentration it is data (the mass, rho_am)
 */
extern const char *const porous_alternatives[];
extern const char *const kinetics_alternatives[];
extern const char *const metal_alternatives[];
/* FvMaterialKind, by name */
extern const char *const mat_kinds[];

/* ---- solid electrolytes, composite electrodes, particle families, contact ---------- */

extern const char *const region_names[];

/* ---- the mesh, per-cell fields and interface maps ----------------------------- */

/* kinds by name: FvFieldKind = index + 1; a per-cell field takes the first three */
extern const char *const field_kinds[];
extern const char *const cell_kinds[];
/* the keys of a field map: every kind's (a kind of the other sort of field has a message of its
 * own), then each kind's own */
extern const char *const field_keys[];
extern const char *const kind_keys[5][9];
extern const char *const patch_keys[];
/* Default number of Fourier modes of a Gaussian field (meshes/field.h). */
#define FV_FIELD_MODES_DEFAULT 256
extern const Qty Q_XGRADING;
extern const Qty Q_CORR;
extern const Qty Q_POSITION;
extern const Qty Q_VOIDS;
extern const Qty Q_FIELD_EPS;
extern const Qty Q_FIELD_RADIUS;
extern const Qty Q_FIELD_SIGMA;
extern const Qty Q_FIELD_CONTACT;

/* The quantity of a field: its values (uniform, a gaussian's mean, the value and background of an
 * interface map), an example of a standard deviation and of a clip bound, and its range [lo, hi] (a
 * gaussian's default clip range; min and max lie in it). */
typedef struct {
  const Qty *q;
  const char *std_example, *bound_example;
  PetscReal lo, hi;
} FieldQty;
extern const FieldQty FQ_EPS;
extern const FieldQty FQ_RADIUS;
extern const FieldQty FQ_SIGMA;
extern const FieldQty FQ_CONTACT;

/* ---- the resolved case as YAML ----------------------------------------------------------- */

typedef struct {
  char *s;
  size_t len, cap;
} Str;

/* The writer of the resolved case: the text so far, the case and its loader (materials), and the
 * region being written (-1: none). */
typedef struct CaseWriter {
  Str *b;
  const Loader *L;
  const FvCase *c;
  PetscInt g;
} CaseWriter;

extern const Qty Q_MOLAR_MASS;
extern const Qty Q_MOLAR_VOLUME;

/* heat (docs/thermal.md): material data (rows of FV_SEC_MATERIAL for every kind), the porous
 * electrodes' entropic_coefficient and the `thermal:` section (case_thermal.c) */
extern const Qty Q_DUDT;
extern const Qty Q_SPECIFIC_HEAT;
extern const Qty Q_THERMAL_CONDUCTIVITY;
extern const PropSpec P_DUDT;
extern const Qty Q_HTC;
extern const Qty Q_COOLING;
extern const Qty Q_AREAL_HEAT_CAPACITY;

extern const char *const mat_meta_keys[];
/* keys that fill the case section the kind serves (the case schema's keys) */

/* ---- helpers shared by the case*.c files ---- */

/* Option opt (-positive_thickness) among the load's overrides: its explicit set first, then the
 * command line's when the load takes them. */
PetscErrorCode CaseOptGet(Loader *L, const char *opt, char *buf, size_t n, PetscBool *set);
PetscErrorCode CaseOptHas(Loader *L, const char *opt, PetscBool *has);

void CaseSfmt(char *buf, size_t n, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(3, 4);

void CaseKeyJoin(char *dst, size_t n, const char *prefix, const char *name);

const char *CaseNodeScalar(yaml_node_t *n);

int CaseNodeLine(yaml_node_t *n);

PetscBool CaseIsNullScalar(yaml_node_t *n);
/* Item i of a sequence value as a Val keyed "key[i]" (case_value.c). */
void CaseSeqItem(const Val *seq, PetscInt i, Val *item);

int CaseInList(const char *s, const char *const *list);

const char *CaseClosest(const char *word, const char *const *list);

void CaseFmtReal(char *buf, size_t n, double v);

void CaseValWhere(const Val *v, char *buf, size_t n);

/* Record the first error, located at value v: "FILE:LINE: KEY: VALUE: <fmt>". */
void CaseFail(Loader *L, const Val *v, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(3, 4);

/* Record the first error with a message of its own (file-level problems). */
void CaseFailMsg(Loader *L, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(2, 3);

PetscErrorCode CaseReadFileBcast(MPI_Comm comm, const char *path, char **text, size_t *len,
                                 int *err);

void CaseResolvePath(const Loader *L, const MatFile *org, const char *name, char *out, size_t n);

void CaseDirName(const char *path, char *dir, size_t n);

PetscErrorCode CaseParseYaml(const char *text, size_t len, yaml_document_t *doc, PetscBool *ok,
                             char *why, size_t whylen, int *line);

PetscErrorCode CaseSeenList(Loader *L);

PetscErrorCode CaseFindInMap(yaml_document_t *doc, yaml_node_t *map, const MatFile *org,
                             const char *name, Val *v);

PetscErrorCode CaseLookupAlt(Loader *L, const Sec *s, const char *name, const char *altopt, Val *v);

PetscErrorCode CaseLookup(Loader *L, const Sec *s, const char *name, Val *v);

void CaseCheckKeys(Loader *L, const Sec *s, const char *const *known);

void CaseOpenSection(Loader *L, const Val *v, const char *const *known, const char *what, Sec *s);

PetscErrorCode CaseHas(Loader *L, const Sec *s, const char *name, PetscBool *has);

PetscErrorCode CaseMaskAlternatives(Loader *L, Sec *s, const char *const *groups);

PetscBool CaseInRange(const Qty *q, PetscReal x);

PetscErrorCode CaseQtyOf(Loader *L, const Val *v, const Qty *q, const char *unit, PetscReal *out);

PetscErrorCode CaseGetQty(Loader *L, const Sec *s, const char *name, const Qty *q,
                          PetscBool required, PetscReal def, Val *v, PetscReal *out);

void CaseIntOf(Loader *L, const Val *v, PetscInt lo, PetscInt hi, const char *what,
               const char *example, PetscInt *out);

PetscErrorCode CaseGetIntAlt(Loader *L, const Sec *s, const char *name, const char *altopt,
                             PetscInt lo, PetscInt hi, const char *what, const char *example,
                             PetscInt def, PetscInt *out);

PetscErrorCode CaseGetInt(Loader *L, const Sec *s, const char *name, PetscInt lo, PetscInt hi,
                          const char *what, const char *example, PetscInt def, PetscInt *out);

PetscErrorCode CaseMatchWord(Loader *L, const Sec *s, const char *name, const char *const *words,
                             int *idx, Val *v, PetscBool *other);

PetscErrorCode CaseGetWord(Loader *L, const Sec *s, const char *name, const char *const *words,
                           const char *what, int def, int *idx, Val *v);

PetscErrorCode CaseGetBool(Loader *L, const Sec *s, const char *name, PetscBool def,
                           PetscBool *out);

PetscErrorCode CaseGetText(Loader *L, const Sec *s, const char *name, char *out, size_t n, Val *v);

PetscErrorCode CaseFreeXY(PetscReal **x, PetscReal **y);

PetscErrorCode CaseGetProp(Loader *L, const Sec *s, const char *name, const PropSpec *ps,
                           PetscBool required, FvProperty *p, Val *v);

PetscErrorCode CaseGetSection(Loader *L, const Sec *root, const char *name,
                              const char *const *known, PetscBool required, const char *what,
                              Sec *s);

void CaseAttachMaterial(Sec *s, MatFile *m);

/* The electrolyte's keys (initial_concentration required in a case, optional in a material). */
PetscErrorCode CaseLoadElectrolyteKeys(Loader *L, const Sec *s, FvElectrolyte *e);

PetscErrorCode CaseLoadElectrolyte(Loader *L, const Sec *root, PetscBool needed);

void CaseRateUnits(PetscReal e, char *k0unit, size_t n1, char *mrefunit, size_t n2);

PetscErrorCode CaseLoadMetalKinetics(Loader *L, const Sec *s, FvRegion *r);

PetscErrorCode CaseLoadMetal(Loader *L, const Sec *root, const char *name, FvRegion *r, MatFile *m);

PetscErrorCode CaseLoadCmax(Loader *L, const Sec *s, FvRegion *r);

PetscErrorCode CaseLoadActiveProps(Loader *L, const Sec *s, FvRegion *r);

PetscErrorCode CaseScanRegion(Loader *L, const Sec *root, PetscInt g, Sec *peek);

PetscErrorCode CaseLoadSolidElectrolyte(Loader *L, const Sec *reg, PetscInt g);

PetscErrorCode CaseResolveWorkingIon(Loader *L);

PetscErrorCode CaseLoadComposite(Loader *L, const Sec *s, const Val *vvf, PetscInt g);

PetscErrorCode CaseLoadThickness(Loader *L, const Sec *s, PetscInt g);

PetscErrorCode CaseLoadParticles(Loader *L, const Sec *s, const Sec *ses, PetscInt g);
/* A composite electrode's interphase: section (case_interphase.c). */
PetscErrorCode CaseLoadInterphase(Loader *L, const Sec *s, PetscInt g);

PetscErrorCode CaseLoadMesh(Loader *L, const Sec *root);
PetscErrorCode CaseResolveOutputStride(Loader *L);

PetscErrorCode CaseLoadContactMap(Loader *L, const Sec *s, FvRegion *r);

PetscErrorCode CaseLoadRegion(Loader *L, const Sec *root, PetscInt g);

PetscErrorCode CaseResolveExcess(Loader *L);

PetscErrorCode CaseLoadSweep(Loader *L, const Sec *root);

PetscErrorCode CaseLoadCell(Loader *L, const Sec *root);

PetscErrorCode CaseLoadOperation(Loader *L, const Sec *root);

PetscBool CaseValidName(const char *s);

PetscErrorCode CaseCheckUnusedOptions(Loader *L);

PetscErrorCode CaseStrAdd(Str *b, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(2, 3);

void CaseQ(char *buf, size_t n, PetscReal v, const char *unit);

PetscErrorCode CaseMatFileDestroy(MatFile **m);

PetscErrorCode CaseSectionMaterial(Loader *L, const Sec *s, int slot, Val *v, MatFile **out);

PetscErrorCode CaseSectionMaterialKey(Loader *L, const Sec *s, const char *key, int slot, Val *v,
                                      MatFile **out);

PetscErrorCode CaseAddMaterialNote(Str *b, const MatFile *m);

PetscErrorCode CaseLoadDocument(Loader *L, const char *text, size_t len, const char *default_name);

/* ---- materials (solver/materials.h) ----------------------------------------------- */

PetscErrorCode CaseDestroyProps(FvCase *c);

/* The resolved case as YAML text in SI units into L->c->yaml_text (case_writer.c). */
PetscErrorCode CaseBuildYaml(Loader *L);
/* A region's `fields:` section (case_fields.c). */
PetscErrorCode CaseLoadFields(Loader *L, const Sec *s, PetscInt g);

/* CaseReadFileBcast's *err besides an errno: not a regular file, larger than FV_LIMIT_FILE_BYTES */
#define CASE_ERR_NOT_REGULAR (-1)
#define CASE_ERR_TOO_LARGE (-2)
/* The reason a file could not be read, as text (an errno's strerror or one of the above). */
const char *CaseFileError(int err);
/* A value beyond fvcell's limit (case_limits.h): one line naming the limit, outcome FV_CASE_LIMIT.
 */
void CaseFailLimit(Loader *L, const Val *v, double limit, const char *unit);
/* An integer key in [lo, hi] and at most fvcell's limit (altopt as CaseGetIntAlt). */
PetscErrorCode CaseGetIntLimit(Loader *L, const Sec *s, const char *name, const char *altopt,
                               PetscInt lo, PetscInt hi, PetscInt limit, const char *what,
                               const char *example, PetscInt def, PetscInt *out);
/* Refuse a case whose run cannot fit in this machine's memory (case_limits.c). */
PetscErrorCode CaseCheckMemory(Loader *L);
/* The schema (case_schema.c): the keys of the sections in mask, in table order. */
const char *const *CaseSchemaKeys(Loader *L, unsigned mask);
/* Does a command-line option name (without '-') look like a case key? */
PetscBool CaseSchemaOverridable(const char *name);
/* The row of key name in section sec (NULL: none). */
const FvCaseKey *CaseSchemaRow(unsigned sec, const char *name);
/* The case keys a material of kind (FvMaterialKind) may give, in table order. */
const char *const *CaseSchemaMaterialKeys(Loader *L, int kind);
/* The one generic loader (case_rows.c): every row of section sec with a field (except those its
 * rules read, FV_KEYF_RULE) looked up, defaulted, range-checked and stored in base, the section's
 * target struct (case_schema.h); in table order. */
PetscErrorCode CaseLoadRows(Loader *L, const Sec *s, unsigned sec, void *base);
/* One row, by name, for a section's rules: loaded from its descriptor into its field of base. */
PetscErrorCode CaseLoadKey(Loader *L, const Sec *s, unsigned sec, const char *name, void *base,
                           Val *v);
/* ... with the rules' own requirement and default (a default that depends on other keys). */
PetscErrorCode CaseLoadKeyAs(Loader *L, const Sec *s, unsigned sec, const char *name, void *base,
                             PetscBool required, PetscReal def, Val *v);

/* The one generic writer (case_writer.c): every row of section sec, in table order, from its
 * field in base (or its write hook), at indent. */
PetscErrorCode CaseWriteRows(const CaseWriter *w, int indent, unsigned sec, const void *base);
/* One row's field as written (hooks that add a condition call it). */
PetscErrorCode CaseWriteField(const CaseWriter *w, int indent, const FvCaseKey *k,
                              const void *base);
/* Write hooks of the rows whose resolved form is not simply their field (case_writer.c). */
PetscErrorCode CaseWriteMetalType(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteSolidElectrolyte(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteComposite(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteWindow(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteElectronicLaw(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteWithSolidElectrolyte(const CaseWriter *, int, const FvCaseKey *,
                                             const void *);
PetscErrorCode CaseWriteParticles(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteContact(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteInterphase(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteWithContact(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteIfFiniteVolume(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteKinetics(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteFields(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteContactMap(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteRateConstant(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteConductivityLaw(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteVolumeFraction(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteRates(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteProtocol(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteMeshAxis(const CaseWriter *, int, const FvCaseKey *, const void *);
PetscErrorCode CaseWriteIfThermal(const CaseWriter *, int, const FvCaseKey *, const void *);
/* Add "KEY: \"VALUE UNIT\"" at indent (case_writer.c). */
PetscErrorCode CaseAddQ(Str *b, int indent, const char *key, PetscReal v, const char *unit);
/* The thermal: section (case_thermal.c): loaded after cell: (its heat capacity may come from the
 * stack accounting); written after operation: (nothing when isothermal). */
PetscErrorCode CaseLoadThermal(Loader *L, const Sec *root);
PetscErrorCode CaseWriteThermal(Str *b, const FvCase *c);
