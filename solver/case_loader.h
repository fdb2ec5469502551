/* case_loader.h -- the case loader's private interface, shared by the solver/case*.c files.
 *
 * Owns: the loader's state (Loader), where one value comes from (Val: a YAML node of the case file,
 * of a material file, or a command-line override), a section being read (Sec), the quantity
 * descriptors (Qty: SI unit, what is expected, an example, the allowed range) and the helpers the
 * section loaders share.  Nothing outside solver/case*.c includes it: the rest of the code sees
 * case.h only.
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

static const char *const default_origin = "built-in default case";

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

/* A quantity: SI unit, what is expected, an example and the allowed range. */
typedef struct {
  const char *unit; /* SI unit; "1" for a pure number */
  const char *what;
  const char *example;
  PetscReal lo, hi;
  PetscBool lo_open, hi_open; /* bound excluded */
} Qty;

#define INF PETSC_INFINITY
static const Qty Q_LENGTH   = {"m", "a positive length", "100 um", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_POR_ELEC = {"1", "a porosity in (0, 1)", "0.3", 0, 1, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_POR_SEP  = {"1", "a porosity in (0, 1]", "0.4", 0, 1, PETSC_TRUE, PETSC_FALSE};
static const Qty Q_FRACTION = {
    "1", "an active material volume fraction in (0, 1)", "0.6", 0, 1, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_BRUGG = {"1",       "a Bruggeman exponent >= 0", "1.5", 0, INF, PETSC_FALSE,
                            PETSC_TRUE};
static const Qty Q_SIGMA = {"S/m",     "a positive conductivity", "100 S/m", 0, INF, PETSC_TRUE,
                            PETSC_TRUE};
static const Qty Q_CONC = {"mol/m3",  "a positive concentration", "1000 mol/m3", 0, INF, PETSC_TRUE,
                           PETSC_TRUE};
static const Qty Q_CMAX = {
    "mol/m3", "a positive concentration", "24983 mol/m3", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_STO = {"1", "a stoichiometry in (0, 1)", "0.6", 0, 1, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_CAPACITY = {
    "A s/kg", "a positive specific capacity", "372 mAh/g", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_DENSITY = {"kg/m3", "a positive density", "1800 kg/m3", 0,
                              INF,     PETSC_TRUE,           PETSC_TRUE};
static const Qty Q_DIFF  = {"m2/s",    "a positive diffusivity", "3.9e-14 m2/s", 0, INF, PETSC_TRUE,
                            PETSC_TRUE};
static const Qty Q_ALPHA = {"1",        "a transfer coefficient in (0, 1]", "0.5", 0, 1, PETSC_TRUE,
                            PETSC_FALSE};
static const Qty Q_RFILM = {"ohm m2",  "a film resistance >= 0", "1e-3 ohm m2", 0, INF, PETSC_FALSE,
                            PETSC_TRUE};
static const Qty Q_EA = {"J/mol",   "an activation energy >= 0", "37480 J/mol", 0, INF, PETSC_FALSE,
                         PETSC_TRUE};
static const Qty Q_TEMP    = {"K",       "a positive temperature", "298.15 K", 0, INF, PETSC_TRUE,
                              PETSC_TRUE};
static const Qty Q_FARADAY = {
    "C/mol", "a positive Faraday constant", "96485.33212 C/mol", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_GAS = {
    "J/mol/K", "a positive gas constant", "8.314462618 J/mol/K", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_ONE_C = {
    "A/m2", "a positive current density", "24.1056 A/m2", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_VOLT     = {"V", "a voltage", "3.0 V", -INF, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_RCONTACT = {
    "ohm m2", "a contact resistance >= 0", "0 ohm m2", 0, INF, PETSC_FALSE, PETSC_TRUE};
static const Qty Q_DURATION = {"s", "a positive duration", "10 h", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_RATE     = {"1", "a positive C-rate", "1", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_KAPPA    = {"S/m",     "a positive conductivity", "1.1 S/m", 0, INF, PETSC_TRUE,
                               PETSC_TRUE};
static const Qty Q_DIFF_E   = {
      "m2/s", "a positive diffusivity", "2.5e-10 m2/s", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_TPLUS = {"1",       "a transference number below 1", "0.4", -INF, 1, PETSC_TRUE,
                            PETSC_TRUE};
static const Qty Q_TDF   = {"1",       "a positive thermodynamic factor", "1", 0, INF, PETSC_TRUE,
                            PETSC_TRUE};
static const Qty Q_OCP   = {"V",       "an open-circuit potential", "3.7 V", -INF, INF, PETSC_TRUE,
                            PETSC_TRUE};
static const Qty Q_SCALE = {"1", "a positive scale factor", "1", 0, INF, PETSC_TRUE, PETSC_TRUE};

/* A property: the spec of its value (q->unit is its SI unit) and which arguments it takes. */
typedef struct {
  const Qty *q;
  FvPropArg const_arg; /* arg of a constant */
  FvPropArg def_arg;   /* default arg of a form or table */
  PetscBool sto_ok, conc_ok;
} PropSpec;

static const PropSpec P_ELECTROLYTE_KAPPA = {&Q_KAPPA, FV_ARG_CONC, FV_ARG_CONC, PETSC_FALSE,
                                             PETSC_TRUE};
static const PropSpec P_ELECTROLYTE_D     = {&Q_DIFF_E, FV_ARG_CONC, FV_ARG_CONC, PETSC_FALSE,
                                             PETSC_TRUE};
static const PropSpec P_ELECTROLYTE_TPLUS = {&Q_TPLUS, FV_ARG_CONC, FV_ARG_CONC, PETSC_FALSE,
                                             PETSC_TRUE};
static const PropSpec P_ELECTROLYTE_TDF   = {&Q_TDF, FV_ARG_CONC, FV_ARG_CONC, PETSC_FALSE,
                                             PETSC_TRUE};
static const PropSpec P_OCP = {&Q_OCP, FV_ARG_STO, FV_ARG_STO, PETSC_TRUE, PETSC_FALSE};
static const PropSpec P_DS  = {&Q_DIFF, FV_ARG_NONE, FV_ARG_STO, PETSC_TRUE, PETSC_TRUE};

/* solid electrolytes, composite electrodes, particle families and contact mechanics */
static const Qty Q_MODULUS = {
    "Pa", "a positive Young's modulus", "140 GPa", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_POISSON = {
    "1", "a Poisson ratio in (-1, 0.5]", "0.3", -1, 0.5, PETSC_TRUE, PETSC_FALSE};
static const Qty Q_ION_CONC = {
    "mol/m3",  "a positive mobile-ion concentration", "31160 mol/m3", 0, INF, PETSC_TRUE,
    PETSC_TRUE};
static const Qty Q_ION_CHARGE = {
    "1", "an integer ion charge from 1 to 8 (1 for Li+)", "1", 1, 8, PETSC_FALSE, PETSC_FALSE};
static const Qty Q_DVV = {
    "1",       "a volume change dV/V above -1 (relative to the reference state)",
    "-0.051",  -1,
    INF,       PETSC_TRUE,
    PETSC_TRUE};
static const Qty Q_SE_SIGMA = {
    "S/m", "a positive ionic conductivity", "0.016 S/m", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_SIGMA_MEASURED = {
    "S/m", "a positive effective conductivity", "0.4 mS/cm", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_SE_FRACTION = {
    "1", "a solid-electrolyte volume fraction in (0, 1]", "0.25", 0, 1, PETSC_TRUE, PETSC_FALSE};
static const Qty Q_SOLID_FRACTION = {
    "1", "a volume fraction in [0, 1)", "0.1", 0, 1, PETSC_FALSE, PETSC_TRUE};
static const Qty Q_THRESHOLD = {
    "1", "a percolation threshold in [0, 1)", "0.1", 0, 1, PETSC_FALSE, PETSC_TRUE};
static const Qty Q_PERC_EXP = {"1",       "a percolation exponent > 0", "2", 0, INF, PETSC_TRUE,
                               PETSC_TRUE};
static const Qty Q_PERCENT  = {"1",        "a percentage in [0, 100]", "80", 0, 100, PETSC_FALSE,
                               PETSC_FALSE};
static const Qty Q_LOADING  = {
     "kg/m2", "a positive active-material loading", "13.2 mg/cm2", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_STO_CLOSED = {
    "1", "a stoichiometry in [0, 1]", "0.9084", 0, 1, PETSC_FALSE, PETSC_FALSE};
static const Qty Q_RINTERFACE = {
    "ohm m2", "an interface resistance >= 0", "5 ohm cm2", 0, INF, PETSC_FALSE, PETSC_TRUE};
static const Qty Q_FAM_FRACTION = {
    "1", "a share of the active volume in (0, 1]", "0.5", 0, 1, PETSC_TRUE, PETSC_FALSE};
static const Qty Q_CONTACT = {"1",        "a contact fraction in (0, 1]", "0.5", 0, 1, PETSC_TRUE,
                              PETSC_FALSE};
static const Qty Q_STRAIN  = {"1",       "a positive strain scale", "0.03", 0, INF, PETSC_TRUE,
                              PETSC_TRUE};
static const Qty Q_KIRR    = {"1",       "an irreversibility >= 0", "0.005", 0, INF, PETSC_FALSE,
                              PETSC_TRUE};
static const Qty Q_FISO = {"1",       "an isolation threshold in [0, 1)", "0.05", 0, 1, PETSC_FALSE,
                           PETSC_TRUE};
static const Qty Q_WIDTH    = {"1",       "a positive smoothing width", "0.01", 0, INF, PETSC_TRUE,
                               PETSC_TRUE};
static const Qty Q_PRESSURE = {"Pa", "a pressure >= 0", "5 MPa", 0, INF, PETSC_FALSE, PETSC_TRUE};
static const PropSpec P_DVV = {&Q_DVV, FV_ARG_STO, FV_ARG_STO, PETSC_TRUE, PETSC_FALSE};
static const PropSpec P_SE_SIGMA = {&Q_SE_SIGMA, FV_ARG_NONE, FV_ARG_NONE, PETSC_FALSE,
                                    PETSC_FALSE};
/* Defaults: percolation exponent mu = 2 (the universal exponent of 3D percolation), Bruggeman
 * b = 1.5 (Bruggeman 1935); isolation width 0.01 and gap smoothing 1e-4 are smoothing widths of
 * the contact model, small against its strain scales. */
#define FV_PERCOLATION_EXPONENT_DEFAULT 2.0
#define FV_SE_BRUGGEMAN_DEFAULT 1.5
#define FV_ISOLATION_WIDTH_DEFAULT 0.01
#define FV_GAP_SMOOTHING_DEFAULT 1e-4

/* ---- small helpers ------------------------------------------------------------------------- */

/* snprintf that truncates silently (messages and keys are cut at their buffer size). */

/* ---- properties --------------------------------------------------------------------------- */

static const char *const prop_keys[] = {"value",
                                        "form",
                                        "table",
                                        "x",
                                        "x_unit",
                                        "y_unit",
                                        "interpolation",
                                        "extrapolate",
                                        "scale",
                                        "activation_energy",
                                        "reference_temperature",
                                        NULL};

/* ---- sections ----------------------------------------------------------------------------- */

/* a separator's keys and contact_map: only to read it before its own key check (contact_map has a
 * message of its own) */
/* a region's solid electrolyte: the material's keys, the effective-conductivity law
 * and its volume fraction */
static const char *const sigma_laws[]        = {"percolation", "bruggeman", "measured", NULL};
static const char *const composition_bases[] = {"weight", "volume", NULL};
static const char *const sweep_spacings[]    = {"linear", "log", NULL};
/* a metal electrode (type: metal): a planar interface with an inventory */
static const Qty Q_EXPONENT = {"1", "an exponent >= 0", "0.5", 0, INF, PETSC_FALSE, PETSC_TRUE};
static const char *const electrode_types[] = {"porous", "metal", NULL};
/* every key of either type: only to read `type` before the type's own key check */
/* Default shell grading: measured on the 1C DUALFOIL discharge (bench/results.md). */
#define FV_SHELL_GRADING_DEFAULT 1.0
static const Qty Q_GRADING = {"1",        "a shell-width ratio in [1, 2]", "1.2", 1, 2, PETSC_FALSE,
                              PETSC_FALSE};
static const Qty Q_I0      = {
         "A/m2", "a positive exchange current density", "10 A/m2", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_AREALQ = {
    "C/m2", "a positive areal capacity", "10 mAh/cm2", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_VOLQ = {
    "C/m3", "a positive volumetric capacity", "2061 mAh/cm3", 0, INF, PETSC_TRUE, PETSC_TRUE};

/* Alternatives a case may give instead of its material's keys (MaskAlternatives). */
/* density is not an alternative by itself: next to max_concentration it is data (the mass, rho_am)
 */
static const char *const porous_alternatives[]   = {"max_concentration", "specific_capacity", NULL};
static const char *const kinetics_alternatives[] = {"rate_constant", "exchange_current_coefficient",
                                                    NULL};
static const char *const metal_alternatives[] = {"areal_capacity", "thickness volumetric_capacity",
                                                 NULL};
/* FvMaterialKind, by name */
static const char *const mat_kinds[] = {"active", "electrolyte", "solid_electrolyte",
                                        "metal",  "inactive",    NULL};

/* ---- solid electrolytes, composite electrodes, particle families, contact ---------- */

static const char *const region_names[] = {"negative", "separator", "positive"};

/* ---- the mesh, per-cell fields and interface maps ----------------------------- */

/* kinds by name: FvFieldKind = index + 1; a per-cell field takes the first three */
static const char *const field_kinds[] = {"uniform", "gaussian",     "voxel",
                                          "patches", "random_voids", NULL};
static const char *const cell_kinds[]  = {"uniform", "gaussian", "voxel", NULL};
/* the keys of a field map: every kind's (a kind of the other sort of field has a message of its
 * own), then each kind's own */
static const char *const field_keys[] = {
    "kind", "value", "mean",     "std",   "correlation_length", "seed",    "modes",         "min",
    "max",  "file",  "variable", "phase", "background",         "patches", "void_fraction", NULL};
static const char *const kind_keys[5][9] = {
    {"kind", "value", NULL},
    {"kind", "mean", "std", "correlation_length", "seed", "modes", "min", "max", NULL},
    {"kind", "file", "variable", "phase", NULL},
    {"kind", "value", "background", "patches", NULL},
    {"kind", "void_fraction", "correlation_length", "seed", "modes", "background", NULL}};
static const char *const patch_keys[] = {"y", "z", NULL};
/* Default number of Fourier modes of a Gaussian field (meshes/field.h). */
#define FV_FIELD_MODES_DEFAULT 256
static const Qty Q_XGRADING = {"1",        "a cell-width ratio in [1, 4]", "1.2", 1, 4, PETSC_FALSE,
                               PETSC_FALSE};
static const Qty Q_CORR = {"m",       "a positive correlation length", "5 um", 0, INF, PETSC_TRUE,
                           PETSC_TRUE};
static const Qty Q_POSITION = {
    "m", "a position >= 0 (from the edge of the cell)", "10 um", 0, INF, PETSC_FALSE, PETSC_TRUE};
static const Qty Q_VOIDS = {"1", "a void fraction in (0, 1)", "0.3", 0, 1, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_FIELD_EPS = {
    "1", "a volume fraction in [0, 1]", "0.25", 0, 1, PETSC_FALSE, PETSC_FALSE};
static const Qty Q_FIELD_RADIUS = {
    "m", "a positive particle radius", "4 um", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_FIELD_SIGMA = {
    "S/m", "a positive electronic conductivity", "100 S/m", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_FIELD_CONTACT = {
    "1", "a contact fraction in [0, 1]", "0.8", 0, 1, PETSC_FALSE, PETSC_FALSE};

/* The quantity of a field: its values (uniform, a gaussian's mean, the value and background of an
 * interface map), an example of a standard deviation and of a clip bound, and its range [lo, hi] (a
 * gaussian's default clip range; min and max lie in it). */
typedef struct {
  const Qty *q;
  const char *std_example, *bound_example;
  PetscReal lo, hi;
} FieldQty;
static const FieldQty FQ_EPS     = {&Q_FIELD_EPS, "0.05", "0.6", 0, 1};
static const FieldQty FQ_RADIUS  = {&Q_FIELD_RADIUS, "1 um", "10 um", 0, PETSC_MAX_REAL};
static const FieldQty FQ_SIGMA   = {&Q_FIELD_SIGMA, "10 S/m", "1000 S/m", 0, PETSC_MAX_REAL};
static const FieldQty FQ_CONTACT = {&Q_FIELD_CONTACT, "0.1", "1", 0, 1};

/* ---- the resolved case as YAML ----------------------------------------------------------- */

typedef struct {
  char *s;
  size_t len, cap;
} Str;

/* Data-only keys: values a material file holds for models to come (mass, mechanics, solid
 * electrolytes); each is checked like any other value, then kept in FvMaterial, unused by the
 * solver.  A key not in its kind's lists is a typo and an error. */
typedef struct {
  const char *key;
  const Qty *q;       /* a quantity, or */
  const PropSpec *ps; /* a property (constant, form or table) */
  PetscBool required;
} DataKey;

/* every kind may give its heat capacity and thermal conductivity (docs/thermal.md) */
#define FV_THERMAL_DATA_KEYS                                                                       \
  {"heat_capacity", &Q_SPECIFIC_HEAT, NULL, PETSC_FALSE}, {                                        \
    "thermal_conductivity", &Q_THERMAL_CONDUCTIVITY, NULL, PETSC_FALSE                             \
  }

static const Qty Q_MOLAR_MASS = {
    "kg/mol", "a positive molar mass", "97.28 g/mol", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_MOLAR_VOLUME = {
    "m3/mol", "a positive molar volume", "1.3e-5 m3/mol", 0, INF, PETSC_TRUE, PETSC_TRUE};

/* heat (docs/thermal.md): material data and the `thermal:` section */
static const Qty Q_DUDT = {
    "V/K", "an entropic coefficient dU/dT", "-1e-4 V/K", -INF, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_SPECIFIC_HEAT = {
    "J/kg/K", "a positive specific heat capacity", "700 J/kg/K", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_THERMAL_CONDUCTIVITY = {
    "W/m/K", "a positive thermal conductivity", "1.7 W/m/K", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const PropSpec P_DUDT = {&Q_DUDT, FV_ARG_NONE, FV_ARG_STO, PETSC_TRUE, PETSC_FALSE};

static const char *const mat_meta_keys[] = {"name", "kind", "description", "sources", NULL};
/* keys that fill the case section the kind serves (the case schema's keys) */
static const char *const mat_active_keys[] = {
    "max_concentration", "specific_capacity",    "density", "ocp", "diffusivity",
    "kinetics",          "entropic_coefficient", NULL};
static const char *const mat_electrolyte_keys[] = {
    "initial_concentration", "cation_charge",        "cation_stoichiometry",
    "anion_stoichiometry",   "conductivity",         "diffusivity",
    "transference_number",   "thermodynamic_factor", NULL};
static const char *const mat_metal_keys[]     = {"volumetric_capacity", "kinetics", NULL};
static const char *const mat_no_keys[]        = {NULL};
static const DataKey data_active[]            = {{"volume_change", NULL, &P_DVV, PETSC_FALSE},
                                                 {"youngs_modulus", &Q_MODULUS, NULL, PETSC_FALSE},
                                                 {"poisson_ratio", &Q_POISSON, NULL, PETSC_FALSE},
                                                 {"molar_mass", &Q_MOLAR_MASS, NULL, PETSC_FALSE},
                                                 FV_THERMAL_DATA_KEYS,
                                                 {NULL, NULL, NULL, PETSC_FALSE}};
static const DataKey data_electrolyte[]       = {{"density", &Q_DENSITY, NULL, PETSC_FALSE},
                                                 FV_THERMAL_DATA_KEYS,
                                                 {NULL, NULL, NULL, PETSC_FALSE}};
static const DataKey data_solid_electrolyte[] = {
    {"conductivity", NULL, &P_SE_SIGMA, PETSC_TRUE},
    {"density", &Q_DENSITY, NULL, PETSC_FALSE},
    {"ion_concentration", &Q_ION_CONC, NULL, PETSC_FALSE},
    {"ion_charge", &Q_ION_CHARGE, NULL, PETSC_TRUE},
    {"youngs_modulus", &Q_MODULUS, NULL, PETSC_FALSE},
    {"poisson_ratio", &Q_POISSON, NULL, PETSC_FALSE},
    FV_THERMAL_DATA_KEYS,
    {NULL, NULL, NULL, PETSC_FALSE}};
static const DataKey data_metal[]    = {{"density", &Q_DENSITY, NULL, PETSC_FALSE},
                                        {"molar_volume", &Q_MOLAR_VOLUME, NULL, PETSC_FALSE},
                                        {"specific_capacity", &Q_CAPACITY, NULL, PETSC_FALSE},
                                        {"conductivity", &Q_SIGMA, NULL, PETSC_FALSE},
                                        {"youngs_modulus", &Q_MODULUS, NULL, PETSC_FALSE},
                                        {"poisson_ratio", &Q_POISSON, NULL, PETSC_FALSE},
                                        FV_THERMAL_DATA_KEYS,
                                        {NULL, NULL, NULL, PETSC_FALSE}};
static const DataKey data_inactive[] = {{"density", &Q_DENSITY, NULL, PETSC_TRUE},
                                        {"conductivity", &Q_SIGMA, NULL, PETSC_FALSE},
                                        FV_THERMAL_DATA_KEYS,
                                        {NULL, NULL, NULL, PETSC_FALSE}};

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

PetscErrorCode CaseLoadElectrolyteKeys(Loader *L, const Sec *s, FvElectrolyte *e,
                                       PetscBool require_c0);

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

PetscErrorCode CaseLoadMesh(Loader *L, const Sec *root);
PetscErrorCode CaseResolveOutputStride(Loader *L);

PetscErrorCode CaseLoadContactMap(Loader *L, const Sec *s, FvRegion *r);

PetscErrorCode CaseLoadRegion(Loader *L, const Sec *root, PetscInt g);

PetscErrorCode CaseResolveExcess(Loader *L);

PetscErrorCode CaseLoadSweep(Loader *L, const Sec *root);

PetscErrorCode CaseLoadCell(Loader *L, const Sec *root);

PetscErrorCode CaseLoadOperation(Loader *L, const Sec *root);

/* The thermal: section (case_thermal.c): loaded after cell: (its heat capacity may come from the
 * stack accounting); written after operation: (nothing when isothermal). */
PetscErrorCode CaseLoadThermal(Loader *L, const Sec *root);

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
/* Load / write every row of section sec that lands in an FvCase field. */
PetscErrorCode CaseLoadRows(Loader *L, const Sec *s, unsigned sec);
PetscErrorCode CaseWriteRows(Str *b, const FvCase *c, unsigned sec);
/* Add "KEY: \"VALUE UNIT\"" at indent (case_writer.c). */
PetscErrorCode CaseAddQ(Str *b, int indent, const char *key, PetscReal v, const char *unit);
PetscErrorCode CaseWriteThermal(Str *b, const FvCase *c);
