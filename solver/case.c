/* case.c -- loading, validating, overriding and printing a case (see case.h).
 *
 * Owns: the case-file schema (which keys exist, which are required, their units and their
 * physical ranges), reading the YAML with libyaml's document API (for line numbers),
 * command-line overrides from the PETSc options database (-positive_thickness "80 um"),
 * table files of tabulated properties, the built-in default case and the resolved case as
 * YAML text in SI units (FvCase.yaml_text).
 *
 * User mistakes are not PETSc errors: the first one found is kept as ONE line
 *   FILE:LINE: KEY: "VALUE": expected WHAT (e.g. "EXAMPLE")[: WHY]
 * printed on rank 0 and FvCaseLoad returns PETSC_ERR_USER without a traceback.  Every
 * parsing helper is a no-op once an error has been recorded, so the code reads straight.
 * Every rank parses the same text (rank 0 reads files and broadcasts them), so all ranks
 * agree on success or failure.  Input handling only: no physics here.
 *
 * Materials (models/materials/materials.h): a material file is validated on its own with the
 * same section loaders (keys without a section prefix, no command-line overrides), then a case
 * section naming it reads it as a second layer under its own keys: Lookup finds a key on the
 * command line, then in the case section, then in the material (`kinetics` merges key by key;
 * alternatives such as max_concentration vs specific_capacity + density follow the case).
 * Every value remembers the file it came from, so messages and table paths use that file.
 *
 * Issue 6: the `mesh:` section (FvCase.mesh), a region's `fields:` and a metal electrode's
 * `contact_map:` (FvFieldSpec) are parsed and checked here (a voxel file must be readable); the
 * fields are sampled on the mesh by meshes/field.c.
 */
#define _POSIX_C_SOURCE 200809L /* opendir/readdir for the material library */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "case.h"
#include "protocol.h"
#include "forms.h"
#include "units.h"
#include "default_case.h"
#include "materials/materials.h"

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
  char dir[FV_PATH_LEN];      /* for its tables */
  char via[FV_PATH_LEN + 128]; /* where the case names it, for messages */
  int kind;                   /* FvMaterialKind */
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
  char **seenlist; /* NULL-terminated copy of seen */
  PetscBool material_file;    /* validating a material file on its own: no command-line overrides */
  MatFile *mat[MAT_SLOTS];    /* the material each case section names (NULL: none) */
  char root_what[64];         /* what the top-level map is, for messages ("" = a case) */
  /* per region (issue 7): metal electrode, has a solid_electrolyte section, the SE's ion_charge value
   * (for messages), the areal capacity of its stoichiometry window [C m-2] (0: none), the contact
   * section (for messages) */
  PetscBool metal[FV_NREGIONS], has_se[FV_NREGIONS];
  Val se_charge[FV_NREGIONS];
  PetscReal capacity[FV_NREGIONS];
  Val contact[FV_NREGIONS];
  Val excess[FV_NREGIONS]; /* a metal electrode's `excess` (issue 5) */
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

/* solid electrolytes, composite electrodes, particle families and contact mechanics (issue 7) */
static const Qty Q_MODULUS  = {"Pa", "a positive Young's modulus", "140 GPa", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_POISSON  = {"1", "a Poisson ratio in (-1, 0.5]", "0.3", -1, 0.5, PETSC_TRUE, PETSC_FALSE};
static const Qty Q_ION_CONC = {"mol/m3", "a positive mobile-ion concentration", "31160 mol/m3", 0, INF, PETSC_TRUE,
                               PETSC_TRUE};
static const Qty Q_ION_CHARGE = {"1", "an integer ion charge from 1 to 8 (1 for Li+)", "1", 1, 8, PETSC_FALSE, PETSC_FALSE};
static const Qty Q_DVV = {"1", "a volume change dV/V above -1 (relative to the reference state)", "-0.051", -1, INF,
                          PETSC_TRUE, PETSC_TRUE};
static const Qty Q_SE_SIGMA = {"S/m", "a positive ionic conductivity", "0.016 S/m", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_SIGMA_MEASURED = {"S/m", "a positive effective conductivity", "0.4 mS/cm", 0, INF, PETSC_TRUE,
                                     PETSC_TRUE};
static const Qty Q_SE_FRACTION = {"1", "a solid-electrolyte volume fraction in (0, 1]", "0.25", 0, 1, PETSC_TRUE,
                                  PETSC_FALSE};
static const Qty Q_SOLID_FRACTION = {"1", "a volume fraction in [0, 1)", "0.1", 0, 1, PETSC_FALSE, PETSC_TRUE};
static const Qty Q_THRESHOLD = {"1", "a percolation threshold in [0, 1)", "0.1", 0, 1, PETSC_FALSE, PETSC_TRUE};
static const Qty Q_PERC_EXP  = {"1", "a percolation exponent > 0", "2", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_PERCENT   = {"1", "a percentage in [0, 100]", "80", 0, 100, PETSC_FALSE, PETSC_FALSE};
static const Qty Q_LOADING   = {"kg/m2", "a positive active-material loading", "13.2 mg/cm2", 0, INF, PETSC_TRUE,
                                PETSC_TRUE};
static const Qty Q_STO_CLOSED = {"1", "a stoichiometry in [0, 1]", "0.9084", 0, 1, PETSC_FALSE, PETSC_FALSE};
static const Qty Q_RINTERFACE = {"ohm m2", "an interface resistance >= 0", "5 ohm cm2", 0, INF, PETSC_FALSE,
                                 PETSC_TRUE};
static const Qty Q_FAM_FRACTION = {"1", "a share of the active volume in (0, 1]", "0.5", 0, 1, PETSC_TRUE, PETSC_FALSE};
static const Qty Q_CONTACT   = {"1", "a contact fraction in (0, 1]", "0.5", 0, 1, PETSC_TRUE, PETSC_FALSE};
static const Qty Q_STRAIN    = {"1", "a positive strain scale", "0.03", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_KIRR      = {"1", "an irreversibility >= 0", "0.005", 0, INF, PETSC_FALSE, PETSC_TRUE};
static const Qty Q_FISO      = {"1", "an isolation threshold in [0, 1)", "0.05", 0, 1, PETSC_FALSE, PETSC_TRUE};
static const Qty Q_WIDTH     = {"1", "a positive smoothing width", "0.01", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_PRESSURE  = {"Pa", "a pressure >= 0", "5 MPa", 0, INF, PETSC_FALSE, PETSC_TRUE};
static const PropSpec P_DVV      = {&Q_DVV, FV_ARG_STO, FV_ARG_STO, PETSC_TRUE, PETSC_FALSE};
static const PropSpec P_SE_SIGMA = {&Q_SE_SIGMA, FV_ARG_NONE, FV_ARG_NONE, PETSC_FALSE, PETSC_FALSE};
/* Defaults documented in /work/shared/design.md s3 (percolation exponent mu = 2, Bruggeman b = 1.5) and in
 * /work/shared/cells/assb-nmc-lps-li.md s7.3 (isolation width 0.01, gap smoothing 1e-4). */
#define FV_PERCOLATION_EXPONENT_DEFAULT 2.0
#define FV_SE_BRUGGEMAN_DEFAULT 1.5
#define FV_ISOLATION_WIDTH_DEFAULT 0.01
#define FV_GAP_SMOOTHING_DEFAULT 1e-4

/* ---- small helpers ------------------------------------------------------------------------- */

/* snprintf that truncates silently (messages and keys are cut at their buffer size). */
static void Sfmt(char *buf, size_t n, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(3, 4);
static void Sfmt(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, n, fmt, ap);
  va_end(ap);
}

static void KeyJoin(char *dst, size_t n, const char *prefix, const char *name) {
  if (prefix && prefix[0])
    Sfmt(dst, n, "%s.%s", prefix, name);
  else
    Sfmt(dst, n, "%s", name);
}

/* The option name of a dotted key: negative.kinetics.rate_constant ->
 * -negative_kinetics_rate_constant */
static void OptName(char *dst, size_t n, const char *key) {
  size_t i = 0;
  if (n < 2) return;
  dst[i++] = '-';
  for (; *key && i < n - 1; key++)
    dst[i++] = *key == '.' ? '_' : *key;
  dst[i] = 0;
}

static const char *NodeScalar(yaml_node_t *n) {
  return (n && n->type == YAML_SCALAR_NODE) ? (const char *)n->data.scalar.value : NULL;
}

static int NodeLine(yaml_node_t *n) {
  return n ? (int)n->start_mark.line + 1 : 0;
}

static PetscBool IsNullScalar(yaml_node_t *n) {
  const char *s = NodeScalar(n);
  if (!s || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return PETSC_FALSE;
  return (PetscBool)(!s[0] || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
                     !strcmp(s, "NULL"));
}

static int InList(const char *s, const char *const *list) {
  for (; *list; list++)
    if (!strcmp(s, *list)) return 1;
  return 0;
}

static int EditDistance(const char *a, const char *b) {
  int d[65][65];
  size_t na = strlen(a), nb = strlen(b);
  if (na > 64 || nb > 64) return 99;
  for (size_t i = 0; i <= na; i++)
    d[i][0] = (int)i;
  for (size_t j = 0; j <= nb; j++)
    d[0][j] = (int)j;
  for (size_t i = 1; i <= na; i++)
    for (size_t j = 1; j <= nb; j++) {
      int best =
          d[i - 1][j - 1] + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
      if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  return d[na][nb];
}

/* The closest name in list, or NULL when nothing is close. */
static const char *Closest(const char *word, const char *const *list) {
  const char *best = NULL;
  int bd = 99, lim = (int)strlen(word) / 3 + 1;
  if (lim > 4) lim = 4;
  for (; *list; list++) {
    int d = EditDistance(word, *list);
    if (d < bd) {
      bd   = d;
      best = *list;
    }
  }
  return bd <= lim ? best : NULL;
}

/* Shortest text that reads back as exactly v. */
static void FmtReal(char *buf, size_t n, double v) {
  for (int prec = 15; prec <= 17; prec++) {
    Sfmt(buf, n, "%.*g", prec, v);
    if (strtod(buf, NULL) == v) return;
  }
}

/* ---- error reporting ----------------------------------------------------------------------- */

static void ValText(const Val *v, char *buf, size_t n) {
  if (!v->present)
    Sfmt(buf, n, "missing");
  else if (v->isnull)
    Sfmt(buf, n, "(no value)");
  else if (v->str) {
    size_t len = strlen(v->str);
    if (len > 80)
      Sfmt(buf, n, "\"%.77s...\"", v->str);
    else
      Sfmt(buf, n, "\"%s\"", v->str);
  } else if (v->node && v->node->type == YAML_MAPPING_NODE)
    Sfmt(buf, n, "{...}");
  else if (v->node && v->node->type == YAML_SEQUENCE_NODE)
    Sfmt(buf, n, "[...]");
  else
    Sfmt(buf, n, "?");
}

/* " (line N)" or " (command line)": where a value was given, for messages about two values. */
static void ValWhere(const Val *v, char *buf, size_t n) {
  if (v->cmdline)
    Sfmt(buf, n, " (command line)");
  else
    Sfmt(buf, n, " (line %d)", v->line);
}

/* Record the first error, located at value v: "FILE:LINE: KEY: VALUE: <fmt>". */
static void Fail(Loader *L, const Val *v, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(3, 4);
static void Fail(Loader *L, const Val *v, const char *fmt, ...) {
  char where[FV_PATH_LEN + 64], val[128], tail[MSG_LEN];
  va_list ap;
  if (L->failed) return;
  L->failed = PETSC_TRUE;
  const char *file = v->org ? v->org->path : L->origin;
  if (v->cmdline)
    Sfmt(where, sizeof where, "command line: %s (%s)", v->key, v->opt);
  else if (v->line > 0)
    Sfmt(where, sizeof where, "%s:%d: %s", file, v->line, v->key);
  else
    Sfmt(where, sizeof where, "%s: %s", file, v->key);
  ValText(v, val, sizeof val);
  va_start(ap, fmt);
  vsnprintf(tail, sizeof tail, fmt, ap);
  va_end(ap);
  if (v->org && !v->cmdline) /* a value from a material file: say which case section uses it */
    Sfmt(L->msg, sizeof L->msg, "%s: %s: %s (material \"%s\" named at %s)", where, val, tail, v->org->name,
         v->org->via);
  else
    Sfmt(L->msg, sizeof L->msg, "%s: %s: %s", where, val, tail);
}

/* Record the first error with a message of its own (file-level problems). */
static void FailMsg(Loader *L, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(2, 3);
static void FailMsg(Loader *L, const char *fmt, ...) {
  va_list ap;
  if (L->failed) return;
  L->failed = PETSC_TRUE;
  va_start(ap, fmt);
  vsnprintf(L->msg, sizeof L->msg, fmt, ap);
  va_end(ap);
}

/* ---- files --------------------------------------------------------------------------------- */

/* Read a whole file on rank 0 and broadcast it: *text is malloc'd and NUL-terminated, or
 * NULL with *err = errno. */
static PetscErrorCode ReadFileBcast(MPI_Comm comm, const char *path, char **text, size_t *len,
                                    int *err) {
  PetscMPIInt rank;
  long long meta[2] = {0, 0}; /* length, errno */
  char *buf         = NULL;

  PetscFunctionBeginUser;
  *text = NULL;
  *len  = 0;
  *err  = 0;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    FILE *f  = fopen(path, "rb");
    size_t n = 0, cap = 0;
    if (!f)
      meta[1] = errno ? errno : EIO;
    else {
      for (;;) {
        size_t got;
        if (n + 4096 + 1 > cap) {
          char *nb;
          cap = 2 * cap + 8192;
          nb  = (char *)realloc(buf, cap);
          PetscCheck(nb, PETSC_COMM_SELF, PETSC_ERR_MEM, "out of memory reading %s", path);
          buf = nb;
        }
        got = fread(buf + n, 1, 4096, f);
        n += got;
        if (got < 4096) break;
      }
      if (ferror(f)) meta[1] = errno ? errno : EIO;
      fclose(f);
      meta[0] = (long long)n;
    }
  }
  PetscCallMPI(MPI_Bcast(meta, 2, MPI_LONG_LONG, 0, comm));
  if (meta[1]) {
    free(buf);
    *err = (int)meta[1];
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (rank != 0) {
    buf = (char *)malloc((size_t)meta[0] + 1);
    PetscCheck(buf, PETSC_COMM_SELF, PETSC_ERR_MEM, "out of memory reading %s", path);
  }
  if (meta[0] > 0) {
    long long off = 0;
    while (off < meta[0]) { /* MPI counts are int */
      int chunk = (int)PetscMin(meta[0] - off, (long long)1 << 30);
      PetscCallMPI(MPI_Bcast(buf + off, chunk, MPI_CHAR, 0, comm));
      off += chunk;
    }
  }
  buf[meta[0]] = 0;
  *text        = buf;
  *len         = (size_t)meta[0];
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Path of a file named in the case: relative paths are relative to the file that names it (the
 * case file, or the material file the value came from). */
static void ResolvePath(const Loader *L, const MatFile *org, const char *name, char *out, size_t n) {
  const char *dir = org ? org->dir : L->dir;
  if (name[0] == '/' || !dir[0])
    Sfmt(out, n, "%s", name);
  else
    Sfmt(out, n, "%s/%s", dir, name);
}

/* The directory part of path ("" when none). */
static void DirName(const char *path, char *dir, size_t n) {
  const char *slash = strrchr(path, '/');
  dir[0]            = 0;
  if (slash == path)
    Sfmt(dir, n, "/");
  else if (slash)
    Sfmt(dir, n, "%.*s", (int)(slash - path), path);
}

/* ---- YAML ---------------------------------------------------------------------------------- */

/* Parse text as one YAML document.  On a syntax error returns *ok = false and a message. */
static PetscErrorCode ParseYaml(const char *text, size_t len, yaml_document_t *doc, PetscBool *ok,
                                char *why, size_t whylen, int *line) {
  yaml_parser_t parser;
  PetscFunctionBeginUser;
  *ok   = PETSC_FALSE;
  *line = 0;
  PetscCheck(yaml_parser_initialize(&parser), PETSC_COMM_SELF, PETSC_ERR_MEM,
             "cannot initialise the YAML parser");
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  if (!yaml_parser_load(&parser, doc)) {
    *line = (int)parser.problem_mark.line + 1;
    if (parser.context)
      Sfmt(why, whylen, "%s %s (line %d)", parser.problem ? parser.problem : "syntax error",
           parser.context, (int)parser.context_mark.line + 1);
    else
      Sfmt(why, whylen, "%s", parser.problem ? parser.problem : "syntax error");
    yaml_parser_delete(&parser);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  { /* a second document is a mistake (a stray ---) */
    yaml_document_t extra;
    if (!yaml_parser_load(&parser, &extra)) {
      *line = (int)parser.problem_mark.line + 1;
      Sfmt(why, whylen, "%s", parser.problem ? parser.problem : "syntax error");
      yaml_document_delete(doc);
      yaml_parser_delete(&parser);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (yaml_document_get_root_node(&extra)) {
      *line = (int)yaml_document_get_root_node(&extra)->start_mark.line + 1;
      Sfmt(why, whylen, "a second YAML document: a case file holds one");
      yaml_document_delete(&extra);
      yaml_document_delete(doc);
      yaml_parser_delete(&parser);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    yaml_document_delete(&extra);
  }
  yaml_parser_delete(&parser);
  *ok = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SeenAdd(Loader *L, const char *opt) {
  PetscFunctionBeginUser;
  for (int i = 0; i < L->nseen; i++)
    if (!strcmp(L->seen[i], opt)) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->nseen + 1 >= L->capseen) {
    L->capseen = 2 * L->capseen + 64;
    PetscCall(PetscRealloc(sizeof(char *) * (size_t)L->capseen, &L->seen));
  }
  PetscCall(PetscStrallocpy(opt, &L->seen[L->nseen++]));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SeenList(Loader *L) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree(L->seenlist));
  PetscCall(PetscCalloc1(L->nseen + 1, &L->seenlist));
  for (int i = 0; i < L->nseen; i++)
    L->seenlist[i] = L->seen[i];
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- looking keys up (command line first, then the file, then its material) --------------- */

/* Key `name` of map (of file org) into v, when it is there. */
static PetscErrorCode FindInMap(yaml_document_t *doc, yaml_node_t *map, const MatFile *org, const char *name,
                                Val *v) {
  PetscFunctionBeginUser;
  if (!map) PetscFunctionReturn(PETSC_SUCCESS);
  for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
    const char *k = NodeScalar(yaml_document_get_node(doc, pr->key));
    if (k && !strcmp(k, name)) {
      v->doc     = doc;
      v->node    = yaml_document_get_node(doc, pr->value);
      v->present = PETSC_TRUE;
      v->org     = org;
      v->line    = NodeLine(yaml_document_get_node(doc, pr->key)); /* where the key is written */
      v->isnull  = IsNullScalar(v->node);
      v->str     = v->isnull ? NULL : NodeScalar(v->node);
      break;
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Sections a case and its material both give merge key by key; every other value (a property
 * map such as {form: ..., activation_energy: ...}) is taken whole from one of them. */
static PetscBool Mergeable(const char *name) {
  return (PetscBool)!strcmp(name, "kinetics");
}

static PetscBool Masked(const Sec *s, const char *name) {
  for (int i = 0; i < s->nmask; i++)
    if (!strcmp(s->mask[i], name)) return PETSC_TRUE;
  return PETSC_FALSE;
}

/* Find key `name` of section s.  altopt, when given, is another option name that also sets it. */
static PetscErrorCode LookupAlt(Loader *L, const Sec *s, const char *name, const char *altopt,
                                Val *v) {
  PetscBool set = PETSC_FALSE;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(v, sizeof *v));
  KeyJoin(v->key, sizeof v->key, s->key, name);
  OptName(v->opt, sizeof v->opt, v->key);
  v->line    = s->line;
  v->cmdline = s->cmdline;
  v->org     = s->cmdline ? NULL : s->org;
  if (L->material_file) { /* a material file on its own: no command-line overrides */
    PetscCall(FindInMap(s->doc, s->map, s->org, name, v));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(SeenAdd(L, v->opt));
  if (altopt) {
    PetscBool also;
    PetscCall(SeenAdd(L, altopt));
    PetscCall(PetscOptionsHasName(NULL, NULL, v->opt, &also));
    PetscCall(PetscOptionsGetString(NULL, NULL, altopt, v->buf, sizeof v->buf, &set));
    if (set && also) {
      v->present = v->cmdline = PETSC_TRUE;
      v->line                 = 0;
      v->str                  = v->buf;
      char other[KEY_LEN + 2];
      PetscCall(PetscStrncpy(other, v->opt, sizeof other));
      PetscCall(PetscStrncpy(v->opt, altopt, sizeof v->opt));
      Fail(L, v, "also given as %s: give one of them", other);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (set) PetscCall(PetscStrncpy(v->opt, altopt, sizeof v->opt));
  }
  if (!set) PetscCall(PetscOptionsGetString(NULL, NULL, v->opt, v->buf, sizeof v->buf, &set));
  if (set) {
    const char *p = v->buf;
    v->org        = NULL; /* the command line: relative paths are relative to the case file */
    v->present    = PETSC_TRUE;
    v->cmdline    = PETSC_TRUE;
    v->line       = 0;
    while (isspace((unsigned char)*p))
      p++;
    if (!*p) {
      v->isnull = PETSC_TRUE;
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (*p == '{' || *p == '[') { /* a map or list given on the command line */
      char why[512];
      int line;
      PetscBool ok;
      v->str = v->buf;
      if (L->nodoc >= MAX_ODOCS) {
        Fail(L, v, "too many structured command-line values");
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      PetscCall(PetscNew(&L->odoc[L->nodoc]));
      PetscCall(ParseYaml(p, strlen(p), L->odoc[L->nodoc], &ok, why, sizeof why, &line));
      if (!ok) {
        PetscCall(PetscFree(L->odoc[L->nodoc]));
        Fail(L, v, "not valid YAML: %s", why);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      v->doc  = L->odoc[L->nodoc++];
      v->node = yaml_document_get_root_node(v->doc);
      v->str  = NULL;
    } else
      v->str = v->buf;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(FindInMap(s->doc, s->map, s->org, name, v));
  if (s->fmap && !Masked(s, name)) { /* the material layer */
    if (!v->present) {
      PetscCall(FindInMap(s->fdoc, s->fmap, s->forg, name, v));
      if (v->present) v->cmdline = PETSC_FALSE; /* a value of the material file */
    }
    else if (Mergeable(name) && v->node && v->node->type == YAML_MAPPING_NODE) {
      Val f;
      PetscCall(PetscMemzero(&f, sizeof f));
      PetscCall(FindInMap(s->fdoc, s->fmap, s->forg, name, &f));
      if (f.present && f.node && f.node->type == YAML_MAPPING_NODE) {
        v->fdoc  = f.doc;
        v->fnode = f.node;
        v->forg  = f.org;
      }
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode Lookup(Loader *L, const Sec *s, const char *name, Val *v) {
  PetscFunctionBeginUser;
  PetscCall(LookupAlt(L, s, name, NULL, v));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Every key of s must be one of known (no typos, no duplicates). */
static void CheckKeys(Loader *L, const Sec *s, const char *const *known) {
  if (L->failed || !s->map) return;
  for (yaml_node_pair_t *pr = s->map->data.mapping.pairs.start; pr < s->map->data.mapping.pairs.top;
       pr++) {
    yaml_node_t *kn = yaml_document_get_node(s->doc, pr->key);
    yaml_node_t *vn = yaml_document_get_node(s->doc, pr->value);
    const char *k   = NodeScalar(kn);
    Val v;
    memset(&v, 0, sizeof v);
    KeyJoin(v.key, sizeof v.key, s->key, k ? k : "?");
    OptName(v.opt, sizeof v.opt, v.key);
    v.cmdline = s->cmdline;
    v.org     = s->cmdline ? NULL : s->org;
    v.line    = NodeLine(kn);
    v.present = PETSC_TRUE;
    v.node    = vn;
    v.isnull  = IsNullScalar(vn);
    v.str     = v.isnull ? NULL : NodeScalar(vn);
    if (!k) {
      Fail(L, &v, "a key must be a plain name");
      return;
    }
    if (!InList(k, known)) {
      const char *near = Closest(k, known);
      char list[1024]  = "";
      for (const char *const *q = known; *q; q++) {
        if (q != known) strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, *q, sizeof list - strlen(list) - 1);
      }
      if (near)
        Fail(L, &v, "unknown key \"%s\" (did you mean \"%s\"?); %s takes: %s", k, near,
             s->key[0] ? s->key : L->root_what[0] ? L->root_what : "a case", list);
      else
        Fail(L, &v, "unknown key \"%s\"; %s takes: %s", k,
             s->key[0] ? s->key : L->root_what[0] ? L->root_what : "a case", list);
      return;
    }
    for (yaml_node_pair_t *q = s->map->data.mapping.pairs.start; q < pr; q++) {
      const char *k2 = NodeScalar(yaml_document_get_node(s->doc, q->key));
      if (k2 && !strcmp(k, k2)) {
        Fail(L, &v, "duplicate key \"%s\" (first given at line %d)", k,
             NodeLine(yaml_document_get_node(s->doc, q->key)));
        return;
      }
    }
  }
}

/* Open value v as a sub-section (a map) checked against known keys. */
static void OpenSection(Loader *L, const Val *v, const char *const *known, const char *what,
                        Sec *s) {
  memset(s, 0, sizeof *s);
  Sfmt(s->key, sizeof s->key, "%s", v->key);
  s->line    = v->line;
  s->cmdline = v->cmdline;
  s->org     = v->org;
  if (L->failed || !v->present) return;
  if (!v->node || v->node->type != YAML_MAPPING_NODE) {
    Fail(L, v, "expected %s", what);
    return;
  }
  s->doc  = v->doc;
  s->map  = v->node;
  s->fdoc = v->fdoc; /* the material's map of the same section, if any */
  s->fmap = v->fnode;
  s->forg = v->forg;
  CheckKeys(L, s, known);
}

/* Is key `name` given by the case itself (its section map or the command line)? */
static PetscErrorCode CaseHas(Loader *L, const Sec *s, const char *name, PetscBool *has) {
  Val v;
  PetscFunctionBeginUser;
  *has = PETSC_FALSE;
  PetscCall(PetscMemzero(&v, sizeof v));
  PetscCall(FindInMap(s->doc, s->map, s->org, name, &v));
  if (v.present) *has = PETSC_TRUE;
  if (!*has && !L->material_file) {
    char key[KEY_LEN], opt[KEY_LEN + 2];
    KeyJoin(key, sizeof key, s->key, name);
    OptName(opt, sizeof opt, key);
    PetscCall(PetscOptionsHasName(NULL, NULL, opt, has));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Alternatives (groups of space-separated keys, NULL-terminated): when the case gives a key of
 * one group, the material's keys of the other groups are not used (a case's max_concentration
 * replaces its material's specific_capacity). */
static PetscErrorCode MaskAlternatives(Loader *L, Sec *s, const char *const *groups) {
  PetscFunctionBeginUser;
  if (L->failed || !s->fmap) PetscFunctionReturn(PETSC_SUCCESS);
  for (int i = 0; groups[i]; i++) {
    char buf[256];
    PetscBool touched = PETSC_FALSE;
    Sfmt(buf, sizeof buf, "%s", groups[i]);
    for (char *k = strtok(buf, " "); k && !touched; k = strtok(NULL, " "))
      PetscCall(CaseHas(L, s, k, &touched));
    if (!touched) continue;
    for (int j = 0; groups[j]; j++) {
      if (j == i) continue;
      Sfmt(buf, sizeof buf, "%s", groups[j]);
      for (char *k = strtok(buf, " "); k; k = strtok(NULL, " "))
        if (!Masked(s, k) && s->nmask < 8) Sfmt(s->mask[s->nmask++], sizeof s->mask[0], "%s", k);
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- typed values -------------------------------------------------------------------------- */

static PetscBool InRange(const Qty *q, PetscReal x) {
  if (!isfinite(x)) return PETSC_FALSE;
  if (q->lo_open ? !(x > q->lo) : !(x >= q->lo)) return PETSC_FALSE;
  if (q->hi_open ? !(x < q->hi) : !(x <= q->hi)) return PETSC_FALSE;
  return PETSC_TRUE;
}

/* Value v as quantity q (unit given explicitly when q->unit is not the one wanted). */
static PetscErrorCode QtyOf(Loader *L, const Val *v, const Qty *q, const char *unit,
                            PetscReal *out) {
  char why[512];
  PetscBool ok;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!unit) unit = q->unit;
  if (!v->str) {
    Fail(L, v, "expected %s (e.g. \"%s\")%s", q->what, q->example,
         v->isnull                                       ? ""
         : v->node && v->node->type == YAML_MAPPING_NODE ? ", not a map"
                                                         : ", not a list");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(FvUnitsConvert(L->units, v->str, unit, out, &ok, why, sizeof why));
  if (!ok)
    Fail(L, v, "expected %s (e.g. \"%s\"): %s", q->what, q->example, why);
  else if (!InRange(q, *out))
    Fail(L, v, "expected %s (e.g. \"%s\")", q->what, q->example);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Key `name` of s as a quantity; def when absent and not required. */
static PetscErrorCode GetQty(Loader *L, const Sec *s, const char *name, const Qty *q,
                             PetscBool required, PetscReal def, Val *v, PetscReal *out) {
  PetscFunctionBeginUser;
  *out = def;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, s, name, v));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!v->present) {
    if (required) Fail(L, v, "expected %s (e.g. \"%s\")", q->what, q->example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(QtyOf(L, v, q, NULL, out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Value v as an integer in [lo, hi] (*out unchanged on an error). */
static void IntOf(Loader *L, const Val *v, PetscInt lo, PetscInt hi, const char *what,
                  const char *example, PetscInt *out) {
  char *end;
  long x;
  if (L->failed) return;
  if (!v->str) {
    Fail(L, v, "expected %s (e.g. %s)", what, example);
    return;
  }
  errno = 0;
  x     = strtol(v->str, &end, 10);
  while (isspace((unsigned char)*end))
    end++;
  if (end == v->str || *end || errno || x < lo || x > hi)
    Fail(L, v, "expected %s (e.g. %s)", what, example);
  else
    *out = (PetscInt)x;
}

/* An integer key; altopt, when given, is another option name that also sets it (-cycles). */
static PetscErrorCode GetIntAlt(Loader *L, const Sec *s, const char *name, const char *altopt, PetscInt lo,
                                PetscInt hi, const char *what, const char *example, PetscInt def, PetscInt *out) {
  Val v;
  PetscFunctionBeginUser;
  *out = def;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(LookupAlt(L, s, name, altopt, &v));
  if (L->failed || !v.present) PetscFunctionReturn(PETSC_SUCCESS);
  IntOf(L, &v, lo, hi, what, example, out);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode GetInt(Loader *L, const Sec *s, const char *name, PetscInt lo, PetscInt hi,
                             const char *what, const char *example, PetscInt def, PetscInt *out) {
  PetscFunctionBeginUser;
  PetscCall(GetIntAlt(L, s, name, NULL, lo, hi, what, example, def, out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Look name up and match it against words: *idx = its index when it is one of them; *other =
 * PETSC_TRUE when it is present but none of them (the caller says what was expected). */
static PetscErrorCode MatchWord(Loader *L, const Sec *s, const char *name, const char *const *words, int *idx,
                                Val *v, PetscBool *other) {
  PetscFunctionBeginUser;
  *other = PETSC_FALSE;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, s, name, v));
  if (L->failed || !v->present) PetscFunctionReturn(PETSC_SUCCESS);
  if (v->str)
    for (int i = 0; words[i]; i++)
      if (!strcmp(v->str, words[i])) {
        *idx = i;
        PetscFunctionReturn(PETSC_SUCCESS);
      }
  *other = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* One of a list of words; *idx = index in words, def when absent. */
static PetscErrorCode GetWord(Loader *L, const Sec *s, const char *name, const char *const *words,
                              const char *what, int def, int *idx, Val *v) {
  PetscBool other;
  PetscFunctionBeginUser;
  *idx = def;
  PetscCall(MatchWord(L, s, name, words, idx, v, &other));
  if (other) Fail(L, v, "expected %s", what);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode GetBool(Loader *L, const Sec *s, const char *name, PetscBool def,
                              PetscBool *out) {
  static const char *const words[] = {"false", "False", "FALSE", "no",  "No", "off", "true",
                                      "True",  "TRUE",  "yes",   "Yes", "on", NULL};
  int idx;
  Val v;
  PetscFunctionBeginUser;
  PetscCall(GetWord(L, s, name, words, "true or false", def ? 6 : 0, &idx, &v));
  *out = (PetscBool)(idx >= 6);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A text value (name, description). */
static PetscErrorCode GetText(Loader *L, const Sec *s, const char *name, char *out, size_t n,
                              Val *v) {
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, s, name, v));
  if (L->failed || !v->present) PetscFunctionReturn(PETSC_SUCCESS);
  if (!v->str) {
    Fail(L, v, "expected a text");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (strlen(v->str) >= n) {
    Fail(L, v, "expected a text of at most %d characters", (int)n - 1);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  Sfmt(out, n, "%s", v->str);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- tables ------------------------------------------------------------------------------- */

static PetscErrorCode FreeXY(PetscReal **x, PetscReal **y) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree(*x));
  PetscCall(PetscFree(*y));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Parse a two-column CSV text into SI x, y (PetscMalloc'd).  Returns *ok = false and a reason. */
static PetscErrorCode ParseCsv(const char *text, const char *fname, PetscReal xs, PetscReal xo,
                               PetscReal ys, PetscReal yo, PetscInt *n, PetscReal **x,
                               PetscReal **y, PetscBool *ok, char *why, size_t whylen) {
  PetscInt cap = 0, cnt = 0, line = 0, rows = 0;
  const char *p = text;
  PetscFunctionBeginUser;
  *ok = PETSC_FALSE;
  *x = *y = NULL;
  for (const char *q = text; *q; q++)
    if (*q == '\n') cap++;
  cap += 2;
  PetscCall(PetscMalloc1(cap, x)); /* separate: FvPropertyDestroy frees x and y one by one */
  PetscCall(PetscMalloc1(cap, y));
  while (*p) {
    char row[1024];
    const char *e = strchr(p, '\n');
    size_t len    = e ? (size_t)(e - p) : strlen(p);
    char *s, *end;
    double a, b;
    line++;
    Sfmt(row, sizeof row, "%.*s", (int)PetscMin(len, sizeof row - 1), p);
    p += len + (e ? 1 : 0);
    for (char *r = row; *r; r++)
      if (*r == '\r') *r = 0;
    s = row;
    while (isspace((unsigned char)*s))
      s++;
    if (!*s || *s == '#') continue;
    rows++;
    errno = 0;
    a     = strtod(s, &end);
    if (end == s) {
      if (rows == 1) continue; /* a header line */
      Sfmt(why, whylen, "%s:%d: expected two numbers, got \"%.40s\"", fname, (int)line, s);
      PetscCall(FreeXY(x, y));
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    s = end;
    while (isspace((unsigned char)*s) || *s == ',' || *s == ';')
      s++;
    b = strtod(s, &end);
    if (end == s) {
      Sfmt(why, whylen, "%s:%d: expected two numbers, got \"%.40s\"", fname, (int)line, row);
      PetscCall(FreeXY(x, y));
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    s = end;
    while (isspace((unsigned char)*s) || *s == ',' || *s == ';')
      s++;
    if (*s || !isfinite(a) || !isfinite(b)) {
      Sfmt(why, whylen, "%s:%d: expected two finite numbers, got \"%.40s\"", fname, (int)line, row);
      PetscCall(FreeXY(x, y));
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (cnt >= cap || cnt >= MAX_TABLE) {
      Sfmt(why, whylen, "%s: more than %d rows", fname, MAX_TABLE);
      PetscCall(FreeXY(x, y));
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    (*x)[cnt]   = xs * a + xo;
    (*y)[cnt++] = ys * b + yo;
  }
  *n  = cnt;
  *ok = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Check a table: at least 2 points, x strictly increasing. */
static int CheckTable(PetscInt n, const PetscReal *x, char *why, size_t whylen) {
  if (n < 2) {
    Sfmt(why, whylen, "a table needs at least 2 points, got %d", (int)n);
    return 1;
  }
  for (PetscInt i = 1; i < n; i++)
    if (!(x[i] > x[i - 1])) {
      Sfmt(why, whylen, "x must increase strictly: point %d (x = %g) follows x = %g", (int)i + 1,
           (double)x[i], (double)x[i - 1]);
      return 1;
    }
  return 0;
}

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

/* A property spec: a constant ("1.1 S/m"), {value|form|table: ..., ...}. */
static PetscErrorCode GetProp(Loader *L, const Sec *s, const char *name, const PropSpec *ps,
                              PetscBool required, FvProperty *p, Val *v) {
  const char *unit = ps->q->unit;
  Sec m;
  Val vv, vf, vt, vx, vxu, vyu, vi, vs, vea, vtr;
  PetscReal scale = 1, Ea = 0, Tref = FV_TREF_DEFAULT;
  int nkinds;

  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, s, name, v));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscMemzero(p, sizeof *p));
  PetscCall(PetscStrncpy(p->name, v->key, sizeof p->name));
  p->scale = 1;
  p->Tref  = FV_TREF_DEFAULT;
  if (!v->present) {
    if (required)
      Fail(L, v, "expected %s (e.g. \"%s\"), or {form: NAME} or {table: FILE.csv}", ps->q->what,
           ps->q->example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (v->str || v->isnull) { /* a constant */
    p->kind = FV_PROP_CONST;
    p->arg  = ps->const_arg;
    PetscCall(QtyOf(L, v, ps->q, unit, &p->value));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  {
    char what[256];
    Sfmt(what, sizeof what, "%s (e.g. \"%s\"), or a map {value|form|table: ..., ...}", ps->q->what,
         ps->q->example);
    OpenSection(L, v, prop_keys, what, &m);
  }
  PetscCall(Lookup(L, &m, "value", &vv));
  PetscCall(Lookup(L, &m, "form", &vf));
  PetscCall(Lookup(L, &m, "table", &vt));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  nkinds = (int)vv.present + (int)vf.present + (int)vt.present;
  if (nkinds != 1) {
    Fail(L, v, "expected exactly one of value, form or table");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(GetQty(L, &m, "scale", &Q_SCALE, PETSC_FALSE, 1, &vs, &scale));
  PetscCall(GetQty(L, &m, "activation_energy", &Q_EA, PETSC_FALSE, 0, &vea, &Ea));
  PetscCall(
      GetQty(L, &m, "reference_temperature", &Q_TEMP, PETSC_FALSE, FV_TREF_DEFAULT, &vtr, &Tref));
  PetscCall(Lookup(L, &m, "x", &vx));
  PetscCall(Lookup(L, &m, "x_unit", &vxu));
  PetscCall(Lookup(L, &m, "y_unit", &vyu));
  PetscCall(Lookup(L, &m, "interpolation", &vi));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  p->scale = scale;
  p->Ea    = Ea;
  p->Tref  = Tref;
  if (vv.present) {
    const Val *bad = vx.present    ? &vx
                     : vxu.present ? &vxu
                     : vyu.present ? &vyu
                     : vi.present  ? &vi
                                   : NULL;
    if (bad) {
      Fail(L, bad, "only a table takes x, x_unit, y_unit or interpolation");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    p->kind = FV_PROP_CONST;
    p->arg  = ps->const_arg;
    PetscCall(QtyOf(L, &vv, ps->q, unit, &p->value));
    p->value *= p->scale; /* a constant carries its scale */
    p->scale = 1;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* the argument of a form or table */
  p->arg = ps->def_arg;
  if (vx.present) {
    if (vx.str && (!strcmp(vx.str, "sto") || !strcmp(vx.str, "stoichiometry")) && ps->sto_ok)
      p->arg = FV_ARG_STO;
    else if (vx.str && (!strcmp(vx.str, "concentration") || !strcmp(vx.str, "c")) && ps->conc_ok)
      p->arg = FV_ARG_CONC;
    else {
      Fail(L, &vx, "expected %s",
           ps->sto_ok && ps->conc_ok ? "sto or concentration"
           : ps->sto_ok              ? "sto"
                                     : "concentration");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
  }
  if (vf.present) {
    const Val *bad = vxu.present ? &vxu : vyu.present ? &vyu : vi.present ? &vi : NULL;
    Val ve;
    if (bad) {
      Fail(L, bad, "only a table takes x_unit, y_unit or interpolation");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(Lookup(L, &m, "extrapolate", &ve));
    if (ve.present) {
      Fail(L, &ve, "only a table takes extrapolate");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (!vf.str || !FvFormLookup(vf.str)) {
      const char *near = vf.str ? Closest(vf.str, FvFormNames()) : NULL;
      if (near)
        Fail(L, &vf,
             "expected the name of a closed form (did you mean \"%s\"? `fvcell materials` lists "
             "them)",
             near);
      else
        Fail(L, &vf, "expected the name of a closed form (`fvcell materials` lists them)");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    p->kind = FV_PROP_FORM;
    PetscCall(PetscStrncpy(p->form, vf.str, sizeof p->form));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  { /* a table: a CSV file, or an inline list of [x, y] pairs */
    static const char *const interps[] = {"steffen", "linear", NULL};
    const char *xunit = p->arg == FV_ARG_CONC ? "mol/m3" : "1", *xgiven = xunit, *ygiven = unit;
    PetscReal xs, xo, ys, yo;
    PetscBool ok;
    char why[1024];
    int interp;
    Val vi2;
    if (vxu.present) {
      if (!vxu.str) {
        Fail(L, &vxu, "expected a unit of x, e.g. \"mol/m3\"");
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      xgiven = vxu.str;
    }
    if (vyu.present) {
      if (!vyu.str) {
        Fail(L, &vyu, "expected a unit of y, e.g. \"%s\"", unit);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      ygiven = vyu.str;
    }
    PetscCall(FvUnitsGetMap(L->units, xgiven, xunit, &xs, &xo, &ok, why, sizeof why));
    if (!ok) {
      Fail(L, &vxu, "expected a unit of %s: %s",
           p->arg == FV_ARG_CONC ? "concentration" : "stoichiometry (1)", why);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(FvUnitsGetMap(L->units, ygiven, unit, &ys, &yo, &ok, why, sizeof why));
    if (!ok) {
      Fail(L, &vyu, "expected a unit convertible to %s: %s", unit, why);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(GetWord(L, &m, "interpolation", interps, "steffen or linear", 0, &interp, &vi2));
    PetscCall(GetBool(L, &m, "extrapolate", PETSC_FALSE, &p->extrapolate));
    if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
    p->interp = interp == 1 ? FV_INTERP_LINEAR : FV_INTERP_STEFFEN;
    if (vt.str) { /* a file */
      char path[FV_PATH_LEN];
      char *text;
      size_t len;
      int err;
      ResolvePath(L, vt.org, vt.str, path, sizeof path);
      PetscCall(ReadFileBcast(L->comm, path, &text, &len, &err));
      if (err) {
        Fail(L, &vt, "expected a readable two-column CSV file: cannot read %s: %s", path,
             strerror(err));
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      PetscCall(ParseCsv(text, path, xs, xo, ys, yo, &p->n, &p->x, &p->y, &ok, why, sizeof why));
      free(text);
      if (!ok) {
        Fail(L, &vt, "expected a two-column CSV table: %s", why);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      PetscCall(PetscStrncpy(p->source, path, sizeof p->source));
    } else if (vt.node && vt.node->type == YAML_SEQUENCE_NODE) { /* inline [[x, y], ...] */
      PetscInt n =
          (PetscInt)(vt.node->data.sequence.items.top - vt.node->data.sequence.items.start);
      PetscCall(PetscMalloc1(PetscMax(n, 1), &p->x));
      PetscCall(PetscMalloc1(PetscMax(n, 1), &p->y));
      p->n = n;
      for (PetscInt i = 0; i < n; i++) {
        yaml_node_t *it = yaml_document_get_node(vt.doc, vt.node->data.sequence.items.start[i]);
        Val vp          = vt;
        double xy[2];
        vp.node = it;
        vp.line = NodeLine(it);
        vp.str  = NodeScalar(it);
        Sfmt(vp.key, sizeof vp.key, "%s[%d]", vt.key, (int)i);
        if (!it || it->type != YAML_SEQUENCE_NODE ||
            it->data.sequence.items.top - it->data.sequence.items.start != 2) {
          Fail(L, &vp, "expected a pair [x, y]");
          PetscFunctionReturn(PETSC_SUCCESS);
        }
        for (int j = 0; j < 2; j++) {
          const char *t =
              NodeScalar(yaml_document_get_node(vt.doc, it->data.sequence.items.start[j]));
          char *end;
          xy[j] = t ? strtod(t, &end) : 0;
          if (!t || end == t || *end || !isfinite(xy[j])) {
            Fail(L, &vp, "expected a pair of numbers [x, y]");
            PetscFunctionReturn(PETSC_SUCCESS);
          }
        }
        p->x[i] = xs * xy[0] + xo;
        p->y[i] = ys * xy[1] + yo;
      }
      PetscCall(PetscStrncpy(p->source, v->key, sizeof p->source));
    } else {
      Fail(L, &vt, "expected a CSV file name or a list of [x, y] pairs");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    p->kind = FV_PROP_TABLE;
    if (CheckTable(p->n, p->x, why, sizeof why)) Fail(L, &vt, "expected a table: %s", why);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- sections ----------------------------------------------------------------------------- */

static const char *const root_keys[] = {
    "name",     "description", "constants", "temperature", "electrolyte", "negative", "separator",
    "positive", "operation",   "cell",      "sweep",       "mesh",        NULL};
static const char *const constants_keys[]   = {"faraday", "gas_constant", NULL};
static const char *const electrolyte_keys[] = {
    "material",              "initial_concentration", "cation_charge",
    "cation_stoichiometry",  "anion_stoichiometry",   "conductivity",
    "diffusivity",           "transference_number",   "thermodynamic_factor", NULL};
static const char *const electrode_keys[] = {
    "type", "material", "thickness", "cells", "porosity", "bruggeman", "active_fraction",
    "conductivity", "bruggeman_solid", "particle_radius", "particle_shells", "particle_grading",
    "particle_discretisation", "max_concentration", "specific_capacity", "density",
    "initial_stoichiometry", "initial_concentration", "ocp", "diffusivity", "kinetics",
    /* composite (all-solid-state) electrodes, issue 7 */
    "solid_electrolyte", "composition", "carbon_fraction", "binder_fraction", "carbon_density",
    "carbon_material", "binder_density", "binder_material", "active_loading", "areal_capacity",
    "stoichiometry_window", "interface_resistance", "particle_families", "contact", "volume_change",
    "youngs_modulus", "poisson_ratio",
    /* issue 6 */
    "fields", NULL};
static const char *const separator_keys[] = {"thickness",         "cells",  "porosity", "bruggeman",
                                             "solid_electrolyte", "fields", NULL};
/* a separator's keys and contact_map: only to read it before its own key check (contact_map has a
 * message of its own) */
static const char *const separator_scan_keys[] = {
    "thickness",         "cells",  "porosity",    "bruggeman",
    "solid_electrolyte", "fields", "contact_map", NULL};
/* a region's solid electrolyte (design.md s3): the material's keys, the effective-conductivity law and
 * its volume fraction */
static const char *const se_keys[] = {"material",          "conductivity",          "ion_concentration",
                                      "ion_charge",        "density",               "youngs_modulus",
                                      "poisson_ratio",     "effective_conductivity", "percolation_threshold",
                                      "percolation_exponent", "bruggeman",          "measured_conductivity",
                                      "volume_fraction",   NULL};
static const char *const sigma_laws[]       = {"percolation", "bruggeman", "measured", NULL};
static const char *const composition_keys[] = {"basis", "active", "solid_electrolyte", "carbon", "binder", NULL};
static const char *const composition_bases[] = {"weight", "volume", NULL};
static const char *const family_keys[]      = {"radius", "fraction", "initial_contact", NULL};
static const char *const contact_keys[]     = {"initial_contact",     "strain_scale",  "irreversibility",
                                               "isolation_threshold", "isolation_width", "gap_smoothing",
                                               "fabrication_stoichiometry", NULL};
static const char *const cell_keys[]        = {"stack_pressure", "positive_collector_thickness", "positive_collector_density",
                                                "negative_collector_thickness", "negative_collector_density", "double_coated",
                                                "liquid_density", "separator_matrix_density", "packaging_mass_fraction",
                                                "packaging_volume_fraction", NULL};
static const char *const sweep_range_keys[]  = {"from", "to", "num", "spacing", NULL};
static const char *const sweep_spacings[]    = {"linear", "log", NULL};
/* a metal electrode (type: metal): a planar interface with an inventory */
static const char *const metal_keys[] = {
    "type",   "material", "thickness", "volumetric_capacity", "areal_capacity",
    "excess", "density",  "kinetics",  "contact_map",         NULL};
static const char *const metal_kinetics_keys[] = {"exchange_current_density", "reference_concentration",
                                                  "concentration_exponent", "alpha_a", "alpha_c", "film_resistance", NULL};
static const Qty Q_EXPONENT = {"1", "an exponent >= 0", "0.5", 0, INF, PETSC_FALSE, PETSC_TRUE};
static const char *const electrode_types[]   = {"porous", "metal", NULL};
/* every key of either type: only to read `type` before the type's own key check */
static const char *const any_electrode_keys[] = {"type",
                                                 "material",
                                                 "thickness",
                                                 "cells",
                                                 "porosity",
                                                 "bruggeman",
                                                 "active_fraction",
                                                 "conductivity",
                                                 "bruggeman_solid",
                                                 "particle_radius",
                                                 "particle_shells",
                                                 "particle_grading",
                                                 "particle_discretisation",
                                                 "max_concentration",
                                                 "specific_capacity",
                                                 "density",
                                                 "initial_stoichiometry",
                                                 "initial_concentration",
                                                 "ocp",
                                                 "diffusivity",
                                                 "kinetics",
                                                 "volumetric_capacity",
                                                 "areal_capacity",
                                                 "solid_electrolyte",
                                                 "composition",
                                                 "carbon_fraction",
                                                 "binder_fraction",
                                                 "carbon_density",
                                                 "carbon_material",
                                                 "binder_density",
                                                 "binder_material",
                                                 "active_loading",
                                                 "stoichiometry_window",
                                                 "interface_resistance",
                                                 "particle_families",
                                                 "contact",
                                                 "volume_change",
                                                 "youngs_modulus",
                                                 "poisson_ratio",
                                                 "excess",
                                                 "fields",
                                                 "contact_map",
                                                 NULL};
/* Default shell grading: measured on the 1C DUALFOIL discharge (bench/results.md). */
#define FV_SHELL_GRADING_DEFAULT 1.0
static const Qty Q_GRADING = {"1", "a shell-width ratio in [1, 2]", "1.2", 1, 2, PETSC_FALSE, PETSC_FALSE};
static const Qty Q_I0     = {"A/m2", "a positive exchange current density", "10 A/m2", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_AREALQ = {"C/m2", "a positive areal capacity", "10 mAh/cm2", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_VOLQ   = {"C/m3", "a positive volumetric capacity", "2061 mAh/cm3", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const char *const kinetics_keys[]  = {"rate_constant",
                                             "exchange_current_coefficient",
                                             "alpha_a",
                                             "alpha_c",
                                             "film_resistance",
                                             "reference_concentration",
                                             "activation_energy",
                                             "reference_temperature",
                                             NULL};
static const char *const operation_keys[] = {
    "one_c", "lower_cutoff", "upper_cutoff", "rates", "contact_resistance", "max_duration",
    "protocol", "cycles", NULL};

static PetscErrorCode GetSection(Loader *L, const Sec *root, const char *name,
                                 const char *const *known, PetscBool required, const char *what,
                                 Sec *s) {
  Val v;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(s, sizeof *s));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, root, name, &v));
  if (!v.present && required) {
    Fail(L, &v, "expected a section: %s", what);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  OpenSection(L, &v, known, what, s);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Alternatives a case may give instead of its material's keys (MaskAlternatives). */
/* density is not an alternative by itself: next to max_concentration it is data (the mass, rho_am) */
static const char *const porous_alternatives[]   = {"max_concentration", "specific_capacity", NULL};
static const char *const kinetics_alternatives[] = {"rate_constant", "exchange_current_coefficient", NULL};
static const char *const metal_alternatives[]    = {"areal_capacity", "thickness volumetric_capacity", NULL};
/* FvMaterialKind, by name */
static const char *const mat_kinds[] = {"active", "electrolyte", "solid_electrolyte", "metal", "inactive", NULL};

static PetscErrorCode SectionMaterial(Loader *L, const Sec *s, int slot, Val *v, MatFile **out);
static PetscErrorCode SectionMaterialKey(Loader *L, const Sec *s, const char *key, int slot, Val *v, MatFile **out);

/* Read section s over its material m: keys the case does not give come from the material. */
static void AttachMaterial(Sec *s, MatFile *m) {
  if (!m || !s->map) return;
  s->fdoc = &m->doc;
  s->fmap = m->root;
  s->forg = m;
}

/* The electrolyte's keys (a case section, or a material file on its own). */
static PetscErrorCode LoadElectrolyteKeys(Loader *L, const Sec *s, FvElectrolyte *e, PetscBool require_c0) {
  Val v;
  PetscInt z, nup, num;
  PetscFunctionBeginUser;
  PetscCall(GetQty(L, s, "initial_concentration", &Q_CONC, require_c0, 0, &v, &e->c0));
  PetscCall(GetInt(L, s, "cation_charge", 1, 8, "a cation charge z+ >= 1", "1", 1, &z));
  PetscCall(
      GetInt(L, s, "cation_stoichiometry", 1, 8, "a salt stoichiometry nu+ >= 1", "1", 1, &nup));
  PetscCall(
      GetInt(L, s, "anion_stoichiometry", 1, 8, "a salt stoichiometry nu- >= 1", "1", 1, &num));
  e->zplus   = (PetscReal)z;
  e->nuplus  = (PetscReal)nup;
  e->numinus = (PetscReal)num;
  PetscCall(GetProp(L, s, "conductivity", &P_ELECTROLYTE_KAPPA, PETSC_TRUE, &e->kappa, &v));
  PetscCall(GetProp(L, s, "diffusivity", &P_ELECTROLYTE_D, PETSC_TRUE, &e->D, &v));
  PetscCall(GetProp(L, s, "transference_number", &P_ELECTROLYTE_TPLUS, PETSC_TRUE, &e->tplus, &v));
  PetscCall(GetProp(L, s, "thermodynamic_factor", &P_ELECTROLYTE_TDF, PETSC_FALSE, &e->tdf, &v));
  if (!L->failed && e->tdf.kind == FV_PROP_UNSET) {
    e->tdf.kind  = FV_PROP_CONST;
    e->tdf.arg   = FV_ARG_CONC;
    e->tdf.value = 1;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The liquid `electrolyte:` section: required when a region uses it (a porous region without a
 * solid_electrolyte section), refused when none does (it would be ignored). */
static PetscErrorCode LoadElectrolyte(Loader *L, const Sec *root, PetscBool needed) {
  Sec s;
  Val vm, ve;
  MatFile *m;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!needed) {
    PetscCall(Lookup(L, root, "electrolyte", &ve));
    if (!L->failed && ve.present)
      Fail(L, &ve,
           "expected no liquid electrolyte: every porous region has a solid_electrolyte section, so this section "
           "would be ignored (remove it)");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  { /* say which region needs it: a case with solid electrolytes may have forgotten one section */
    char what[256];
    PetscInt gl = 0;
    while (gl < FV_NREGIONS - 1 && (L->metal[gl] || L->has_se[gl])) gl++;
    Sfmt(what, sizeof what,
         "a map of the electrolyte's keys (initial_concentration, conductivity, ...): the %s has no solid_electrolyte "
         "section, so it uses the liquid electrolyte",
         gl == FV_SEP ? "separator" : gl == FV_NEG ? "negative electrode" : "positive electrode");
    PetscCall(GetSection(L, root, "electrolyte", electrolyte_keys, PETSC_TRUE, what, &s));
  }
  PetscCall(SectionMaterial(L, &s, MAT_SLOT_ELECTROLYTE, &vm, &m));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (m && m->kind != FV_MAT_ELECTROLYTE) {
    Fail(L, &vm, "expected a liquid electrolyte material; %s is kind %s%s", m->path, mat_kinds[m->kind],
         m->kind == FV_MAT_SOLID_ELECTROLYTE ? " (as the liquid electrolyte its keys would be data only: name it in a "
                                               "region's solid_electrolyte section)"
                                             : "");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  AttachMaterial(&s, m);
  PetscCall(LoadElectrolyteKeys(L, &s, &L->c->electrolyte, PETSC_TRUE));
  if (!L->failed) L->c->liquid = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* "m^a mol^b s^-1" with a, b from the exponent sum e of the concentrations in i0. */
static void RateUnits(PetscReal e, char *k0unit, size_t n1, char *mrefunit, size_t n2) {
  Sfmt(k0unit, n1, "m^%.12g mol^%.12g s^-1", (double)(3 * e - 2), (double)(1 - e));
  Sfmt(mrefunit, n2, "A m^%.12g mol^%.12g", (double)(3 * e - 2), (double)(-e));
}

static PetscErrorCode LoadKinetics(Loader *L, const Sec *reg, FvRegion *r) {
  Sec s;
  Val v, vk, vm, vea, vtr, vref;
  PetscReal Ea, Tref, e;
  char k0unit[128], mrefunit[128], ex_k[160], ex_m[160];
  Qty qk = {NULL, "a positive rate constant", NULL, 0, INF, PETSC_TRUE, PETSC_TRUE};
  Qty qm = {NULL, "a positive exchange-current coefficient", NULL, 0, INF, PETSC_TRUE, PETSC_TRUE};
  PropSpec psk = {&qk, FV_ARG_NONE, FV_ARG_STO, PETSC_TRUE, PETSC_TRUE};
  PropSpec psm = psk;

  PetscFunctionBeginUser;
  PetscCall(GetSection(
      L, reg, "kinetics", kinetics_keys, PETSC_TRUE,
      "a map of Butler-Volmer keys (rate_constant or exchange_current_coefficient, alpha_a, ...)",
      &s));
  PetscCall(MaskAlternatives(L, &s, kinetics_alternatives));
  PetscCall(GetQty(L, &s, "alpha_a", &Q_ALPHA, PETSC_FALSE, 0.5, &v, &r->alpha_a));
  PetscCall(GetQty(L, &s, "alpha_c", &Q_ALPHA, PETSC_FALSE, 0.5, &v, &r->alpha_c));
  PetscCall(GetQty(L, &s, "film_resistance", &Q_RFILM, PETSC_FALSE, 0, &v, &r->R_film));
  PetscCall(GetQty(L, &s, "reference_concentration", &Q_CONC, PETSC_FALSE, 0, &vref, &r->ce_ref));
  PetscCall(GetQty(L, &s, "activation_energy", &Q_EA, PETSC_FALSE, 0, &vea, &Ea));
  PetscCall(
      GetQty(L, &s, "reference_temperature", &Q_TEMP, PETSC_FALSE, FV_TREF_DEFAULT, &vtr, &Tref));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  /* units of k0 and m_ref follow from the exponents of the concentrations in i0 */
  e = r->ce_ref > 0 ? r->alpha_a + r->alpha_c : 2 * r->alpha_a + r->alpha_c;
  RateUnits(e, k0unit, sizeof k0unit, mrefunit, sizeof mrefunit);
  Sfmt(ex_k, sizeof ex_k, "1e-5 %s", k0unit);
  Sfmt(ex_m, sizeof ex_m, "2e-5 %s", mrefunit);
  qk.unit    = k0unit;
  qk.example = ex_k;
  qm.unit    = mrefunit;
  qm.example = ex_m;
  psm.q      = &qm;
  PetscCall(Lookup(L, &s, "rate_constant", &vk));
  PetscCall(Lookup(L, &s, "exchange_current_coefficient", &vm));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vk.present && vm.present) {
    char at[64];
    ValWhere(&vk, at, sizeof at);
    Fail(L, &vm,
         "conflicts with %s%s: give rate_constant (k0) or exchange_current_coefficient (m_ref = n "
         "F k0), not both",
         vk.key, at);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!vk.present && !vm.present) {
    Fail(L, &vk,
         "expected a rate constant (e.g. \"%s\"), or exchange_current_coefficient (e.g. \"%s\")",
         ex_k, ex_m);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vk.present)
    PetscCall(GetProp(L, &s, "rate_constant", &psk, PETSC_TRUE, &r->k0, &v));
  else {
    /* PyBaMM's m_ref: i0 = m_ref c_e^a (c_max - c_s)^a c_s^c = n F k0 (...), so k0 = m_ref / (n F)
     */
    const PetscReal nF = r->n_electrons * L->c->F;
    PetscCall(GetProp(L, &s, "exchange_current_coefficient", &psm, PETSC_TRUE, &r->k0, &v));
    if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
    if (r->k0.kind == FV_PROP_CONST)
      r->k0.value /= nF;
    else
      r->k0.scale /= nF;
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vea.present || vtr.present) {
    if (r->k0.Ea != 0) {
      Fail(L, vea.present ? &vea : &vtr, "conflicts with the activation energy given inside %s",
           v.key);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    r->k0.Ea   = Ea;
    r->k0.Tref = Tref;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The Butler-Volmer keys of a metal interface (a case's metal electrode, or a metal material). */
static PetscErrorCode LoadMetalKinetics(Loader *L, const Sec *s, FvRegion *r) {
  Sec k;
  Val v;
  PetscFunctionBeginUser;
  PetscCall(GetSection(L, s, "kinetics", metal_kinetics_keys, PETSC_TRUE,
                       "a map of the metal interface's Butler-Volmer keys (exchange_current_density, alpha_a, ...)", &k));
  PetscCall(GetQty(L, &k, "exchange_current_density", &Q_I0, PETSC_TRUE, 0, &v, &r->i0_metal));
  PetscCall(GetQty(L, &k, "reference_concentration", &Q_CONC, PETSC_FALSE, 0, &v, &r->ce_ref));
  PetscCall(GetQty(L, &k, "alpha_a", &Q_ALPHA, PETSC_FALSE, 0.5, &v, &r->alpha_a));
  PetscCall(GetQty(L, &k, "alpha_c", &Q_ALPHA, PETSC_FALSE, 0.5, &v, &r->alpha_c));
  PetscCall(GetQty(L, &k, "film_resistance", &Q_RFILM, PETSC_FALSE, 0, &v, &r->R_film));
  PetscCall(GetQty(L, &k, "concentration_exponent", &Q_EXPONENT, PETSC_FALSE, r->alpha_a, &v, &r->metal_ce_exponent));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode LoadContactMap(Loader *L, const Sec *s, FvRegion *r);

/* A metal electrode (Li, Na, K, Mg foil; design.md §3): kinetics of the interface and the metal
 * inventory, from areal_capacity or thickness x volumetric_capacity.  m: its material, or NULL. */
static PetscErrorCode LoadMetal(Loader *L, const Sec *root, const char *name, FvRegion *r, MatFile *m) {
  static const Qty Q_EXCESS = {"1", "a metal excess >= 0 (a share of the positive electrode's rated capacity)", "0.2", 0, INF,
                               PETSC_FALSE, PETSC_TRUE};
  Sec       s;
  Val       va, vt, vv, vx, vd;
  PetscReal t = 0, q = 0;
  PetscFunctionBeginUser;
  PetscCall(GetSection(L, root, name, metal_keys, PETSC_TRUE,
                       "a map of the metal electrode's keys (type, thickness, volumetric_capacity or areal_capacity, kinetics)", &s));
  AttachMaterial(&s, m);
  PetscCall(MaskAlternatives(L, &s, metal_alternatives));
  r->metal       = PETSC_TRUE;
  r->ncells      = 0;
  r->porosity    = 1;
  r->brugg_e     = 1.5;
  r->n_electrons = L->c->electrolyte.zplus;
  PetscCall(LoadMetalKinetics(L, &s, r));
  PetscCall(LoadContactMap(L, &s, r));
  PetscCall(Lookup(L, &s, "areal_capacity", &va));
  PetscCall(Lookup(L, &s, "thickness", &vt));
  PetscCall(Lookup(L, &s, "volumetric_capacity", &vv));
  PetscCall(Lookup(L, &s, "excess", &vx));
  /* density: data for the energy accounting (solver/energy.h), e.g. Li 534 kg/m3 */
  PetscCall(GetQty(L, &s, "density", &Q_DENSITY, PETSC_FALSE, 0, &vd, &r->metal_density));
  r->metal_excess = -1;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vx.present) { /* issue 5: the inventory follows the positive electrode's capacity (resolved in
                       ResolveExcess once the positive is loaded) */
    if (va.present || vt.present) {
      char at[64];
      ValWhere(&vx, at, sizeof at);
      Fail(L, va.present ? &va : &vt, "conflicts with %s%s: give excess, areal_capacity, or thickness with volumetric_capacity", vx.key, at);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(QtyOf(L, &vx, &Q_EXCESS, NULL, &r->metal_excess));
    if (vv.present) PetscCall(QtyOf(L, &vv, &Q_VOLQ, NULL, &r->metal_volcap));
    L->excess[r - L->c->region] = vx;
  } else if (va.present && (vt.present || vv.present)) {
    char at[64];
    ValWhere(&va, at, sizeof at);
    Fail(L, vt.present ? &vt : &vv, "conflicts with %s%s: give areal_capacity, or thickness with volumetric_capacity, not both", va.key, at);
  } else if (va.present) {
    PetscCall(QtyOf(L, &va, &Q_AREALQ, NULL, &r->metal_capacity));
  } else if (vt.present && vv.present) {
    PetscCall(QtyOf(L, &vt, &Q_LENGTH, NULL, &t));
    PetscCall(QtyOf(L, &vv, &Q_VOLQ, NULL, &q));
    r->thickness      = t;
    r->metal_capacity = t * q;
    r->metal_volcap   = q;
  } else
    Fail(L, vt.present ? &vv : &vt,
         "expected the metal inventory: areal_capacity (e.g. \"10 mAh/cm2\"), or thickness (e.g. \"50 um\") with "
         "volumetric_capacity (e.g. \"2061 mAh/cm3\")");
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* c_max of an active material: given, or from the specific capacity and the density
 * (c_max = q rho / (n F)).  A density next to max_concentration (in a material file, or in the case)
 * is data (the material's mass), not a second route to c_max.  Either way the density, when known,
 * is r->rho_am (a material's density also when the case's max_concentration masks it). */
static PetscErrorCode LoadCmax(Loader *L, const Sec *s, FvRegion *r) {
  Val vmax, vcap, vden;
  PetscReal cap, den;
  PetscFunctionBeginUser;
  PetscCall(Lookup(L, s, "max_concentration", &vmax));
  PetscCall(Lookup(L, s, "specific_capacity", &vcap));
  PetscCall(Lookup(L, s, "density", &vden));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  r->rho_am = 0;
  if (vmax.present && vden.present && !vcap.present) {
    PetscCall(QtyOf(L, &vden, &Q_DENSITY, NULL, &r->rho_am)); /* checked, kept as data */
    vden.present = PETSC_FALSE;
  }
  if (vmax.present && (vcap.present || vden.present)) {
    const Val *o = vcap.present ? &vcap : &vden;
    char at[64];
    ValWhere(&vmax, at, sizeof at);
    Fail(L, o,
         "conflicts with %s%s: give max_concentration, or specific_capacity with density, not both",
         vmax.key, at);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vmax.present)
    PetscCall(QtyOf(L, &vmax, &Q_CMAX, NULL, &r->c_max));
  else if (vcap.present || vden.present) {
    if (!vcap.present) {
      Fail(L, &vcap, "expected %s (e.g. \"%s\") with %s: c_max = specific_capacity * density / (n F)",
           Q_CAPACITY.what, Q_CAPACITY.example, vden.key);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (!vden.present) {
      Fail(L, &vden, "expected %s (e.g. \"%s\") with %s: c_max = specific_capacity * density / (n F)",
           Q_DENSITY.what, Q_DENSITY.example, vcap.key);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(QtyOf(L, &vcap, &Q_CAPACITY, NULL, &cap));
    PetscCall(QtyOf(L, &vden, &Q_DENSITY, NULL, &den));
    /* c_max = q rho / (n F): n charges per inserted ion (2 for Mg, design.md §3) */
    r->c_max  = cap * den / (L->c->electrolyte.zplus * L->c->F);
    r->rho_am = den;
  } else {
    Fail(L, &vmax,
         "expected %s (e.g. \"%s\"), or specific_capacity (e.g. \"372 mAh/g\") with density (e.g. "
         "\"1800 kg/m3\")",
         Q_CMAX.what, Q_CMAX.example);
  }
  if (!L->failed && r->rho_am == 0 && s->fmap) { /* the material's density, masked by the case's max_concentration */
    Val vmd;
    PetscCall(PetscMemzero(&vmd, sizeof vmd));
    PetscCall(FindInMap(s->fdoc, s->fmap, s->forg, "density", &vmd));
    if (vmd.present) {
      KeyJoin(vmd.key, sizeof vmd.key, s->key, "density");
      PetscCall(QtyOf(L, &vmd, &Q_DENSITY, NULL, &r->rho_am));
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The active material's functions: OCP, solid diffusivity and kinetics. */
static PetscErrorCode LoadActiveProps(Loader *L, const Sec *s, FvRegion *r) {
  Val v;
  PetscFunctionBeginUser;
  PetscCall(GetProp(L, s, "ocp", &P_OCP, PETSC_TRUE, &r->ocp, &v));
  PetscCall(GetProp(L, s, "diffusivity", &P_DS, PETSC_TRUE, &r->Ds, &v));
  PetscCall(LoadKinetics(L, s, r));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- solid electrolytes, composite electrodes, particle families, contact (issue 7) ---------- */

static const char *const region_names[] = {"negative", "separator", "positive"};

/* Does a scalar carry text after its number (a unit, "80 %")? */
static PetscBool HasUnitText(const char *str) {
  char *end;
  if (!str) return PETSC_FALSE;
  (void)strtod(str, &end);
  while (isspace((unsigned char)*end)) end++;
  return (PetscBool)(end != str && *end);
}

/* One of a list of words, with "did you mean" for a near miss; *idx = -1 when absent. */
static PetscErrorCode GetWordNear(Loader *L, const Sec *s, const char *name, const char *const *words,
                                  const char *what, int *idx, Val *v) {
  PetscBool   other;
  const char *near;
  PetscFunctionBeginUser;
  *idx = -1;
  PetscCall(MatchWord(L, s, name, words, idx, v, &other));
  if (!other) PetscFunctionReturn(PETSC_SUCCESS);
  near = v->str ? Closest(v->str, words) : NULL;
  if (near)
    Fail(L, v, "expected %s (did you mean \"%s\"?)", what, near);
  else
    Fail(L, v, "expected %s", what);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A percentage of a composition: a plain number 0..100 ("80"), or with a unit ("80 %"). */
static PetscErrorCode GetPercent(Loader *L, const Sec *s, const char *name, PetscBool required, Val *v,
                                 PetscReal *out) {
  static const Qty any = {"1", "a percentage in [0, 100]", "80", -INF, INF, PETSC_TRUE, PETSC_TRUE};
  PetscFunctionBeginUser;
  PetscCall(GetQty(L, s, name, &any, required, 0, v, out));
  if (L->failed || !v->present) PetscFunctionReturn(PETSC_SUCCESS);
  if (HasUnitText(v->str)) *out *= 100; /* "80 %" is 0.8 for UDUNITS */
  if (!InRange(&Q_PERCENT, *out)) Fail(L, v, "expected %s (e.g. \"%s\")", Q_PERCENT.what, Q_PERCENT.example);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The first look at a region's section (before the liquid electrolyte, which depends on it): its keys
 * against every key of its kind, whether it is a metal electrode (type, or its material's kind) and
 * whether it has a solid_electrolyte section.  The material stays in L->mat[g]. */
static PetscErrorCode ScanRegion(Loader *L, const Sec *root, PetscInt g, Sec *peek) {
  const PetscBool elec = (PetscBool)(g != FV_SEP);
  Val v, vse;
  PetscFunctionBeginUser;
  PetscCall(GetSection(L, root, region_names[g], elec ? any_electrode_keys : separator_scan_keys,
                       PETSC_TRUE,
                       elec ? "a map of the electrode's keys"
                            : "a map of the separator's keys (thickness, porosity, ...)",
                       peek));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (elec) { /* porous (default) or metal: the type (or the material's kind) decides which keys are valid */
    Val vm;
    MatFile *m;
    int type = 0;
    PetscCall(GetWord(L, peek, "type", electrode_types, "an electrode type: porous or metal", 0, &type, &v));
    PetscCall(SectionMaterial(L, peek, (int)g, &vm, &m));
    if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
    if (m) {
      if (m->kind != FV_MAT_ACTIVE && m->kind != FV_MAT_METAL)
        Fail(L, &vm, "expected an active material or a metal for an electrode; %s is kind %s", m->path,
             mat_kinds[m->kind]);
      else if (v.present && type == 0 && m->kind == FV_MAT_METAL)
        Fail(L, &vm, "expected an active material for a porous electrode (type: porous); %s is kind metal",
             m->path);
      else if (v.present && type == 1 && m->kind == FV_MAT_ACTIVE)
        Fail(L, &vm, "expected a metal for a metal electrode (type: metal); %s is kind active", m->path);
      if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
      if (m->kind == FV_MAT_METAL) type = 1;
    }
    L->metal[g] = (PetscBool)(type == 1);
  }
  if (!L->metal[g]) { /* a metal electrode has no such key: its own key check says so */
    PetscCall(Lookup(L, peek, "solid_electrolyte", &vse));
    L->has_se[g] = vse.present;
  }
  /* issue 6: an interface map belongs to a metal electrode, per-cell fields to cells */
  PetscCall(Lookup(L, peek, L->metal[g] ? "fields" : "contact_map", &v));
  if (!L->failed && v.present) {
    if (L->metal[g])
      Fail(L, &v,
           "expected no fields: %s is a metal electrode, a planar interface without cells "
           "(its map over the interface is contact_map)",
           region_names[g]);
    else
      Fail(L, &v,
           "expected no contact_map in %s%s: contact_map is the contact fraction over the "
           "interface of a metal electrode (type: metal)",
           elec ? "a porous electrode, " : "the separator", elec ? region_names[g] : "");
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A region's solid electrolyte (design.md s3) except its volume fraction: the material's keys (any of
 * them may be given inline, over the material) and the effective-conductivity law. */
static PetscErrorCode LoadSolidElectrolyte(Loader *L, const Sec *reg, PetscInt g) {
  static const char *const law_keys[] = {"percolation_threshold", "percolation_exponent", "bruggeman",
                                         "measured_conductivity"};
  static const int key_law[]          = {FV_SIGMA_PERCOLATION, FV_SIGMA_PERCOLATION, FV_SIGMA_BRUGGEMAN,
                                         FV_SIGMA_MEASURED};
  FvSolidElectrolyte *se = &L->c->region[g].se;
  Sec s;
  Val v, vm, vlaw, vk;
  MatFile *m;
  PetscReal z = 0;
  int law;

  PetscFunctionBeginUser;
  PetscCall(GetSection(L, reg, "solid_electrolyte", se_keys, PETSC_TRUE,
                       "a map of the solid electrolyte's keys (material, effective_conductivity, ...)", &s));
  PetscCall(SectionMaterial(L, &s, MAT_SLOT_SE(g), &vm, &m));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (m && m->kind != FV_MAT_SOLID_ELECTROLYTE) {
    Fail(L, &vm, "expected a solid electrolyte material; %s is kind %s", m->path, mat_kinds[m->kind]);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  AttachMaterial(&s, m);
  se->present = PETSC_TRUE;
  if (m) Sfmt(se->material, sizeof se->material, "%s", m->name);
  PetscCall(GetProp(L, &s, "conductivity", &P_SE_SIGMA, PETSC_TRUE, &se->sigma, &v));
  if (!L->failed && se->sigma.kind != FV_PROP_CONST)
    Fail(L, &v, "expected %s (e.g. \"%s\"), or {value: ..., activation_energy: ...}", Q_SE_SIGMA.what,
         Q_SE_SIGMA.example);
  PetscCall(GetQty(L, &s, "ion_concentration", &Q_ION_CONC, PETSC_TRUE, 0, &v, &se->c_ion));
  PetscCall(GetQty(L, &s, "ion_charge", &Q_ION_CHARGE, PETSC_TRUE, 0, &L->se_charge[g], &z));
  if (!L->failed && z != PetscFloorReal(z))
    Fail(L, &L->se_charge[g], "expected %s (e.g. \"%s\")", Q_ION_CHARGE.what, Q_ION_CHARGE.example);
  se->zplus = z;
  PetscCall(GetQty(L, &s, "density", &Q_DENSITY, PETSC_FALSE, 0, &v, &se->density));
  PetscCall(GetQty(L, &s, "youngs_modulus", &Q_MODULUS, PETSC_FALSE, 0, &v, &se->E));
  PetscCall(GetQty(L, &s, "poisson_ratio", &Q_POISSON, PETSC_FALSE, 0, &v, &se->nu));
  /* the effective conductivity: a law must be chosen (no silent default) */
  PetscCall(GetWordNear(L, &s, "effective_conductivity", sigma_laws,
                        "an effective-conductivity law: percolation, bruggeman or measured", &law, &vlaw));
  if (!L->failed && !vlaw.present)
    Fail(L, &vlaw,
         "expected an effective-conductivity law: percolation (with percolation_threshold), bruggeman or measured "
         "(with measured_conductivity)");
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  se->law = (FvSigmaLaw)law;
  for (int i = 0; i < 4 && !L->failed; i++) { /* keys of another law would be ignored */
    PetscCall(Lookup(L, &s, law_keys[i], &vk));
    if (!L->failed && vk.present && key_law[i] != law) {
      char at[64];
      ValWhere(&vlaw, at, sizeof at);
      Fail(L, &vk, "conflicts with %s: %s%s: %s belongs to effective_conductivity: %s (give the keys of one law)",
           vlaw.key, sigma_laws[law], at, law_keys[i], sigma_laws[key_law[i]]);
    }
  }
  switch (se->law) {
  case FV_SIGMA_PERCOLATION:
    PetscCall(GetQty(L, &s, "percolation_threshold", &Q_THRESHOLD, PETSC_TRUE, 0, &v, &se->threshold));
    PetscCall(GetQty(L, &s, "percolation_exponent", &Q_PERC_EXP, PETSC_FALSE, FV_PERCOLATION_EXPONENT_DEFAULT, &v,
                     &se->exponent));
    break;
  case FV_SIGMA_BRUGGEMAN:
    PetscCall(GetQty(L, &s, "bruggeman", &Q_BRUGG, PETSC_FALSE, FV_SE_BRUGGEMAN_DEFAULT, &v, &se->exponent));
    break;
  case FV_SIGMA_MEASURED:
    PetscCall(GetQty(L, &s, "measured_conductivity", &Q_SIGMA_MEASURED, PETSC_TRUE, 0, &v, &se->sigma_measured));
    break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* One working ion per cell: the liquid's cation charge, or (no liquid) the solid electrolytes' ion
 * charge, which then also fills the liquid electrolyte's fields with defined placeholder values. */
static PetscErrorCode ResolveWorkingIon(Loader *L) {
  FvCase *c        = L->c;
  FvElectrolyte *e = &c->electrolyte;
  PetscInt g0      = -1;
  PetscFunctionBeginUser;
  for (PetscInt g = 0; g < FV_NREGIONS && !L->failed; g++) {
    const FvSolidElectrolyte *se = &c->region[g].se;
    if (!se->present) continue;
    if (c->liquid) {
      if (se->zplus != e->zplus)
        Fail(L, &L->se_charge[g], "expected %g, the liquid electrolyte's cation_charge: a cell has one working ion",
             (double)e->zplus);
    } else if (g0 < 0) {
      g0          = g;
      e->zplus    = se->zplus;
      e->nuplus   = 1;
      e->numinus  = 1;
      e->c0       = se->c_ion;
      PetscCall(FvPropertySetConstant(&e->kappa, "electrolyte.conductivity", 1));
      PetscCall(FvPropertySetConstant(&e->D, "electrolyte.diffusivity", 1));
      PetscCall(FvPropertySetConstant(&e->tplus, "electrolyte.transference_number", 1));
      PetscCall(FvPropertySetConstant(&e->tdf, "electrolyte.thermodynamic_factor", 1));
      e->kappa.arg = e->D.arg = e->tplus.arg = e->tdf.arg = FV_ARG_CONC;
      e->kappa.Tref = e->D.Tref = e->tplus.Tref = e->tdf.Tref = FV_TREF_DEFAULT;
    } else if (se->zplus != c->region[g0].se.zplus)
      Fail(L, &L->se_charge[g], "expected %g, the ion charge of the %s's solid electrolyte: a cell has one working ion",
           (double)c->region[g0].se.zplus, region_names[g0]);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The density of carbon or binder: given (dkey), or from an inactive material (mkey); 0 when neither. */
static PetscErrorCode LoadSolidDensity(Loader *L, const Sec *s, const char *dkey, const char *mkey, int slot,
                                       PetscReal *rho, Val *vd) {
  Val vm;
  MatFile *m;
  PetscFunctionBeginUser;
  *rho = 0;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, s, dkey, vd));
  PetscCall(Lookup(L, s, mkey, &vm));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vd->present && vm.present) {
    char at[64];
    ValWhere(&vm, at, sizeof at);
    Fail(L, vd, "conflicts with %s%s: give %s or %s, not both", vm.key, at, dkey, mkey);
  } else if (vd->present)
    PetscCall(QtyOf(L, vd, &Q_DENSITY, NULL, rho));
  else if (vm.present) {
    Val vx;
    PetscCall(SectionMaterialKey(L, s, mkey, slot, &vm, &m));
    if (L->failed || !m) PetscFunctionReturn(PETSC_SUCCESS);
    if (m->kind != FV_MAT_INACTIVE) {
      Fail(L, &vm, "expected an inactive material (carbon, binder); %s is kind %s", m->path, mat_kinds[m->kind]);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    PetscCall(PetscMemzero(&vx, sizeof vx));
    PetscCall(FindInMap(&m->doc, m->root, m, "density", &vx));
    Sfmt(vx.key, sizeof vx.key, "density");
    if (!vx.present)
      Fail(L, &vm, "expected a material with a density; %s gives none", m->path);
    else
      PetscCall(QtyOf(L, &vx, &Q_DENSITY, NULL, rho));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Volume fractions of a porous electrode's solids: from a composition (weight or volume percent of the
 * solids), or given (active_fraction, the solid electrolyte's volume_fraction, carbon_fraction,
 * binder_fraction).  vvf: the solid electrolyte's volume_fraction (when the region has one). */
static PetscErrorCode LoadComposite(Loader *L, const Sec *s, const Val *vvf, PetscInt g) {
  static const char *const parts[] = {"active", "solid_electrolyte", "carbon", "binder"};
  FvRegion *r                      = &L->c->region[g];
  const PetscBool has_se           = L->has_se[g];
  Val vcomp, vfrac, vcf, vbf, vcd, vbd;
  char at[64];

  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, s, "composition", &vcomp));
  PetscCall(Lookup(L, s, "active_fraction", &vfrac));
  PetscCall(Lookup(L, s, "carbon_fraction", &vcf));
  PetscCall(Lookup(L, s, "binder_fraction", &vbf));
  PetscCall(LoadSolidDensity(L, s, "carbon_density", "carbon_material", MAT_SLOT_CARBON(g), &r->rho_carbon, &vcd));
  PetscCall(LoadSolidDensity(L, s, "binder_density", "binder_material", MAT_SLOT_BINDER(g), &r->rho_binder, &vbd));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  ValWhere(&vcomp, at, sizeof at);
  if (vcomp.present) {
    const Val *other = vfrac.present ? &vfrac : (has_se && vvf->present) ? vvf : vcf.present ? &vcf : vbf.present ? &vbf : NULL;
    Sec cs;
    Val vb, vw[4];
    PetscReal w[4], rho[4], f[4] = {0, 0, 0, 0}, sum = 0, tot = 0;
    int basis, rem = -1;
    if (other) {
      Fail(L, other, "conflicts with %s%s: give a composition (percent of the solids) or the volume fractions, not both",
           vcomp.key, at);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    OpenSection(L, &vcomp, composition_keys,
                "a map {basis: weight, active: 80, solid_electrolyte: 14, carbon: 6, binder: 0} (percent of the solids)",
                &cs);
    PetscCall(GetWordNear(L, &cs, "basis", composition_bases, "a composition basis: weight or volume", &basis, &vb));
    if (!L->failed && !vb.present) Fail(L, &vb, "expected a composition basis: weight or volume");
    /* one component may be `remainder` (issue 5): 100 minus the others, so a sweep of the active share
     * keeps the carbon fixed and lets the solid electrolyte fill the rest */
    for (int i = 0; i < 4; i++) {
      PetscCall(Lookup(L, &cs, parts[i], &vw[i]));
      if (vw[i].present && vw[i].str && !strcmp(vw[i].str, "remainder")) {
        if (rem >= 0) {
          Fail(L, &vw[i], "expected at most one remainder in a composition (%s is one)", vw[rem].key);
          PetscFunctionReturn(PETSC_SUCCESS);
        }
        rem  = i;
        w[i] = 0;
      } else
        PetscCall(GetPercent(L, &cs, parts[i], (PetscBool)(i == 0), &vw[i], &w[i]));
    }
    if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
    if (rem >= 0) {
      PetscReal others = 0;
      for (int i = 0; i < 4; i++)
        if (i != rem) others += w[i];
      w[rem] = 100 - others;
      if (w[rem] < 0) {
        Fail(L, &vw[rem], "expected a remainder >= 0: the other components sum to %.10g %%", (double)others);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
    }
    for (int i = 0; i < 4; i++) sum += w[i];
    if (!(w[0] > 0))
      Fail(L, &vw[0], "expected the active material's share, a percentage in (0, 100]");
    else if (PetscAbsReal(sum - 100) > 1e-6 * 100)
      Fail(L, &vcomp, "expected percentages summing to 100 (they sum to %.10g)", (double)sum);
    else if (w[1] > 0 && !has_se)
      Fail(L, &vw[1], "expected no solid electrolyte: %s has no solid_electrolyte section", region_names[g]);
    else if (w[1] == 0 && has_se)
      Fail(L, &vw[1], "expected the solid electrolyte's share (a percentage > 0): %s has a solid_electrolyte section",
           region_names[g]);
    else if (w[2] > 0 && r->rho_carbon <= 0)
      Fail(L, &vcd, "expected %s (e.g. \"2000 kg/m3\"), or carbon_material (e.g. carbon_black): the composition has %g %% carbon",
           Q_DENSITY.what, (double)w[2]);
    else if (w[3] > 0 && r->rho_binder <= 0)
      Fail(L, &vbd, "expected %s (e.g. \"1780 kg/m3\"), or binder_material (e.g. pvdf): the composition has %g %% binder",
           Q_DENSITY.what, (double)w[3]);
    else if (basis == 0 && r->rho_am <= 0)
      Fail(L, &vb, "expected the active material's density for a weight-basis composition: give %s.density (or a material with one)",
           region_names[g]);
    else if (basis == 0 && w[1] > 0 && r->se.density <= 0)
      Fail(L, &vb, "expected the solid electrolyte's density for a weight-basis composition: give %s.solid_electrolyte.density (or a material with one)",
           region_names[g]);
    if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
    rho[0] = r->rho_am;
    rho[1] = r->se.density;
    rho[2] = r->rho_carbon;
    rho[3] = r->rho_binder;
    /* volume fractions of the solids, which fill 1 - porosity */
    if (basis == 0) { /* weight: volumes per mass w_i / rho_i */
      for (int i = 0; i < 4; i++)
        if (w[i] > 0) tot += w[i] / rho[i];
      for (int i = 0; i < 4; i++)
        if (w[i] > 0) f[i] = w[i] / rho[i] / tot * (1 - r->porosity);
    } else
      for (int i = 0; i < 4; i++) f[i] = w[i] / 100 * (1 - r->porosity);
    r->eps_am     = f[0];
    r->eps_se     = f[1];
    r->eps_carbon = f[2];
    r->eps_binder = f[3];
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* the volume fractions themselves */
  PetscCall(GetQty(L, s, "active_fraction", &Q_FRACTION, PETSC_TRUE, 0, &vfrac, &r->eps_am));
  if (!L->failed && r->eps_am + r->porosity > 1 + 1e-12)
    Fail(L, &vfrac, "expected active_fraction + porosity <= 1 (porosity is %g, so active_fraction <= %g)",
         (double)r->porosity, (double)(1 - r->porosity));
  if (!L->failed && has_se) {
    if (!vvf->present)
      Fail(L, vvf, "expected %s (e.g. \"%s\"), or %s.composition: the solid electrolyte's share of the electrode",
           Q_SE_FRACTION.what, Q_SE_FRACTION.example, region_names[g]);
    else
      PetscCall(QtyOf(L, vvf, &Q_SE_FRACTION, NULL, &r->eps_se));
  }
  if (vcf.present) PetscCall(QtyOf(L, &vcf, &Q_SOLID_FRACTION, NULL, &r->eps_carbon));
  if (vbf.present) PetscCall(QtyOf(L, &vbf, &Q_SOLID_FRACTION, NULL, &r->eps_binder));
  if (!L->failed) {
    const PetscReal tot = r->porosity + r->eps_am + r->eps_se + r->eps_carbon + r->eps_binder;
    const Val *last     = vbf.present ? &vbf : vcf.present ? &vcf : (has_se && vvf->present) ? vvf : &vfrac;
    if (tot > 1 + 1e-9)
      Fail(L, last,
           "expected volume fractions summing to at most 1: porosity %g + active %g + solid electrolyte %g + carbon %g + "
           "binder %g = %.10g",
           (double)r->porosity, (double)r->eps_am, (double)r->eps_se, (double)r->eps_carbon, (double)r->eps_binder,
           (double)tot);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Thickness, active loading and areal capacity (loading = eps_am L rho_am, capacity = eps_am L c_max n F
 * |window|): with a composition two of them, else the thickness (or the other two); every pair must
 * agree within 0.5 %.  The thickness is stored; L->capacity[g] is the window's areal capacity. */
static PetscErrorCode LoadThickness(Loader *L, const Sec *s, PetscInt g) {
  FvRegion *r = &L->c->region[g];
  Val vt, vl, vq, vw, vcomp;
  PetscReal len = 0, load = 0, cap = 0, kl, kq;
  PetscInt ngiven, nderived = 0;
  const Val *ref;
  char at[64];

  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, s, "thickness", &vt));
  PetscCall(Lookup(L, s, "active_loading", &vl));
  PetscCall(Lookup(L, s, "areal_capacity", &vq));
  PetscCall(Lookup(L, s, "stoichiometry_window", &vw));
  PetscCall(Lookup(L, s, "composition", &vcomp));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  /* `derived` (issue 5): the key is computed from the others.  It counts as given, so a composition
   * with a thickness and `areal_capacity: derived` is complete, and a sweep of the composition or the
   * thickness cannot conflict with a stored capacity. */
  if (vl.present && vl.str && !strcmp(vl.str, "derived")) {
    vl.present = PETSC_FALSE;
    nderived++;
  }
  if (vq.present && vq.str && !strcmp(vq.str, "derived")) {
    vq.present = PETSC_FALSE;
    nderived++;
  }
  if (vw.present) { /* two different stoichiometries in [0, 1] */
    PetscInt n = (vw.node && vw.node->type == YAML_SEQUENCE_NODE)
                     ? (PetscInt)(vw.node->data.sequence.items.top - vw.node->data.sequence.items.start)
                     : 0;
    if (n != 2) {
      Fail(L, &vw, "expected two stoichiometries [sto_charged, sto_discharged] in [0, 1] (e.g. [0.2613, 0.9084])");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    for (PetscInt i = 0; i < 2; i++) {
      yaml_node_t *it = yaml_document_get_node(vw.doc, vw.node->data.sequence.items.start[i]);
      Val vi          = vw;
      vi.node         = it;
      vi.line         = vw.cmdline ? 0 : NodeLine(it);
      vi.isnull       = IsNullScalar(it);
      vi.str          = vi.isnull ? NULL : NodeScalar(it);
      Sfmt(vi.key, sizeof vi.key, "%s[%d]", vw.key, (int)i);
      PetscCall(QtyOf(L, &vi, &Q_STO_CLOSED, NULL, &r->sto_window[i]));
    }
    if (!L->failed && r->sto_window[0] == r->sto_window[1])
      Fail(L, &vw, "expected two different stoichiometries (the window of the rated capacity)");
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  ngiven = (PetscInt)vt.present + (PetscInt)vl.present + (PetscInt)vq.present;
  if (nderived && !vt.present) {
    Fail(L, &vt, "expected %s (e.g. \"%s\"): a derived loading or capacity needs the thickness", Q_LENGTH.what, Q_LENGTH.example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  ngiven += nderived;
  if (vcomp.present && ngiven < 2) {
    Val *miss = !vt.present ? &vt : &vl;
    Fail(L, miss, "expected two of thickness, active_loading and areal_capacity with a composition (%s given)",
         vt.present ? "only thickness is" : vl.present ? "only active_loading is" : vq.present ? "only areal_capacity is" : "none is");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!vcomp.present && !vt.present && ngiven < 2) {
    Fail(L, &vt, "expected %s (e.g. \"%s\"), or two of thickness, active_loading and areal_capacity", Q_LENGTH.what,
         Q_LENGTH.example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vq.present && !vw.present) {
    ValWhere(&vq, at, sizeof at);
    Fail(L, &vw,
         "expected a stoichiometry window [sto_charged, sto_discharged] (e.g. [0.2613, 0.9084]) with %s%s: the areal "
         "capacity is eps_am L c_max n F |window|",
         vq.key, at);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vl.present && r->rho_am <= 0) {
    Fail(L, &vl, "expected the active material's density too (%s.density, or a material with one): the loading is eps_am L density",
         region_names[g]);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vt.present) PetscCall(QtyOf(L, &vt, &Q_LENGTH, NULL, &len));
  if (vl.present) PetscCall(QtyOf(L, &vl, &Q_LOADING, NULL, &load));
  if (vq.present) PetscCall(QtyOf(L, &vq, &Q_AREALQ, NULL, &cap));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  kl = r->eps_am * r->rho_am;
  kq = r->eps_am * r->c_max * r->n_electrons * L->c->F * PetscAbsReal(r->sto_window[1] - r->sto_window[0]);
  /* the thickness: given, else from the loading, else from the capacity */
  ref = vt.present ? &vt : vl.present ? &vl : &vq;
  if (!vt.present) len = vl.present ? load / kl : cap / kq;
  ValWhere(ref, at, sizeof at);
  if (vl.present && ref != &vl && PetscAbsReal(kl * len - load) > 5e-3 * load)
    Fail(L, &vl, "conflicts with %s%s: eps_am L density = %.6g kg/m2 (%.4g mg/cm2), not %.6g kg/m2 (%.4g mg/cm2): more than 0.5 %% apart",
         ref->key, at, (double)(kl * len), (double)(kl * len * 100), (double)load, (double)(load * 100));
  else if (vq.present && ref != &vq && PetscAbsReal(kq * len - cap) > 5e-3 * cap)
    Fail(L, &vq,
         "conflicts with %s%s: eps_am L c_max n F |window| = %.6g C/m2 (%.4g mAh/cm2), not %.6g C/m2 (%.4g mAh/cm2): more "
         "than 0.5 %% apart",
         ref->key, at, (double)(kq * len), (double)(kq * len / 36000), (double)cap, (double)(cap / 36000));
  else if (!(len > 0 && isfinite(len)))
    Fail(L, ref, "expected %s: the thickness it gives is %g m", Q_LENGTH.what, (double)len);
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  r->thickness = len;
  if (vw.present) L->capacity[g] = kq * len;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Particle families (or one particle_radius), the active | solid-electrolyte interface resistance and the
 * contact-mechanics section of a porous electrode.  ses: its solid_electrolyte section (when it has one). */
static PetscErrorCode LoadParticles(Loader *L, const Sec *s, const Sec *ses, PetscInt g) {
  static const char *const contact_only[] = {"volume_change", "youngs_modulus", "poisson_ratio", NULL};
  FvRegion *r            = &L->c->region[g];
  FvContact *ct          = &r->contact;
  const PetscBool has_se = L->has_se[g];
  Val v, vri, vpf, vpr, vf0;
  PetscReal f0c = 0;
  char at[64];

  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscMemzero(&vf0, sizeof vf0));
  PetscCall(GetQty(L, s, "interface_resistance", &Q_RINTERFACE, PETSC_FALSE, 0, &vri, &r->R_interface));
  if (!L->failed && vri.present && !has_se)
    Fail(L, &vri,
         "expected no interface_resistance: %s has no solid_electrolyte section (an active | solid-electrolyte "
         "interface); a film on the particles is kinetics.film_resistance",
         region_names[g]);
  /* contact mechanics (design.md s3) */
  PetscCall(Lookup(L, s, "contact", &L->contact[g]));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->contact[g].present) {
    Sec cs;
    Val vse;
    if (!has_se) {
      Fail(L, &L->contact[g],
           "expected no contact section: contact mechanics act between the active particles and a solid electrolyte, "
           "and %s has no solid_electrolyte section",
           region_names[g]);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    ValWhere(&L->contact[g], at, sizeof at);
    OpenSection(L, &L->contact[g], contact_keys,
                "a map of the contact law's keys (initial_contact, strain_scale, irreversibility, ...)", &cs);
    PetscCall(GetQty(L, &cs, "initial_contact", &Q_CONTACT, PETSC_FALSE, 0, &vf0, &f0c));
    PetscCall(GetQty(L, &cs, "strain_scale", &Q_STRAIN, PETSC_TRUE, 0, &v, &ct->e_c));
    PetscCall(GetQty(L, &cs, "irreversibility", &Q_KIRR, PETSC_TRUE, 0, &v, &ct->k_irr));
    PetscCall(GetQty(L, &cs, "isolation_threshold", &Q_FISO, PETSC_TRUE, 0, &v, &ct->f_iso));
    PetscCall(GetQty(L, &cs, "isolation_width", &Q_WIDTH, PETSC_FALSE, FV_ISOLATION_WIDTH_DEFAULT, &v, &ct->iso_width));
    PetscCall(GetQty(L, &cs, "gap_smoothing", &Q_WIDTH, PETSC_FALSE, FV_GAP_SMOOTHING_DEFAULT, &v, &ct->gap_width));
    PetscCall(GetQty(L, &cs, "fabrication_stoichiometry", &Q_STO_CLOSED, PETSC_TRUE, 0, &v, &ct->sto_fab));
    /* the active material's mechanics (electrode keys, usually from its material) */
    PetscCall(GetProp(L, s, "volume_change", &P_DVV, PETSC_TRUE, &ct->dvv, &v));
    PetscCall(GetQty(L, s, "youngs_modulus", &Q_MODULUS, PETSC_TRUE, 0, &v, &ct->E_am));
    PetscCall(GetQty(L, s, "poisson_ratio", &Q_POISSON, PETSC_TRUE, 0, &v, &ct->nu_am));
    /* and the solid electrolyte's */
    PetscCall(Lookup(L, ses, "youngs_modulus", &vse));
    if (!L->failed && !vse.present)
      Fail(L, &vse, "expected %s (e.g. \"18.5 GPa\") with %s%s: the contact law needs the solid electrolyte's modulus",
           Q_MODULUS.what, L->contact[g].key, at);
    PetscCall(Lookup(L, ses, "poisson_ratio", &vse));
    if (!L->failed && !vse.present)
      Fail(L, &vse, "expected %s (e.g. \"0.3\") with %s%s: the contact law needs the solid electrolyte's Poisson ratio",
           Q_POISSON.what, L->contact[g].key, at);
    ct->enabled = (PetscBool)!L->failed;
  } else
    for (const char *const *k = contact_only; *k && !L->failed; k++) {
      PetscBool has;
      PetscCall(CaseHas(L, s, *k, &has));
      if (has) {
        PetscCall(Lookup(L, s, *k, &v));
        Fail(L, &v, "expected no %s without a contact section: only the contact law uses it", *k);
      }
    }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  /* particle families */
  PetscCall(Lookup(L, s, "particle_families", &vpf));
  PetscCall(Lookup(L, s, "particle_radius", &vpr));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vpf.present && vpr.present) {
    ValWhere(&vpf, at, sizeof at);
    Fail(L, &vpr, "conflicts with %s%s: give particle_radius (one family) or particle_families, not both", vpf.key, at);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vpf.present) {
    PetscInt n = (vpf.node && vpf.node->type == YAML_SEQUENCE_NODE)
                     ? (PetscInt)(vpf.node->data.sequence.items.top - vpf.node->data.sequence.items.start)
                     : -1;
    PetscReal sum = 0;
    if (n < 1 || n > FV_MAX_FAMILIES) {
      Fail(L, &vpf, "expected a list of 1 to %d particle families [{radius: \"5 um\", fraction: 0.5, initial_contact: 0.5}, ...]",
           FV_MAX_FAMILIES);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    for (PetscInt i = 0; i < n && !L->failed; i++) {
      yaml_node_t *it = yaml_document_get_node(vpf.doc, vpf.node->data.sequence.items.start[i]);
      Val vi = vpf, vr, vfr, vc;
      Sec fs;
      vi.node   = it;
      vi.line   = vpf.cmdline ? 0 : NodeLine(it);
      vi.isnull = IsNullScalar(it);
      vi.str    = vi.isnull ? NULL : NodeScalar(it);
      Sfmt(vi.key, sizeof vi.key, "%s[%d]", vpf.key, (int)i);
      OpenSection(L, &vi, family_keys, "a map {radius: \"5 um\", fraction: 0.5, initial_contact: 0.5}", &fs);
      PetscCall(GetQty(L, &fs, "radius", &Q_LENGTH, PETSC_TRUE, 0, &vr, &r->fam_radius[i]));
      PetscCall(GetQty(L, &fs, "fraction", &Q_FAM_FRACTION, PETSC_TRUE, 0, &vfr, &r->fam_fraction[i]));
      PetscCall(GetQty(L, &fs, "initial_contact", &Q_CONTACT, PETSC_FALSE, 1, &vc, &r->fam_f0[i]));
      if (L->failed) break;
      if (!vc.present && ct->enabled) {
        if (!vf0.present) {
          Fail(L, &vf0, "expected %s (e.g. \"%s\"): the contact fraction at fabrication, unless every particle family gives initial_contact (%s does not)",
               Q_CONTACT.what, Q_CONTACT.example, vi.key);
          break;
        }
        r->fam_f0[i] = f0c;
      }
      sum += r->fam_fraction[i];
    }
    if (!L->failed && PetscAbsReal(sum - 1) > 1e-6)
      Fail(L, &vpf, "expected family fractions (shares of the active volume) summing to 1 (they sum to %.10g)", (double)sum);
    r->nfam = n;
  } else {
    PetscCall(GetQty(L, s, "particle_radius", &Q_LENGTH, PETSC_TRUE, 0, &vpr, &r->fam_radius[0]));
    if (!L->failed && ct->enabled && !vf0.present)
      Fail(L, &vf0, "expected %s (e.g. \"%s\"): the contact fraction at fabrication", Q_CONTACT.what, Q_CONTACT.example);
    r->nfam            = 1;
    r->fam_fraction[0] = 1;
    r->fam_f0[0]       = ct->enabled ? f0c : 1;
  }
  r->radius = r->fam_radius[0];
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- the mesh, per-cell fields and interface maps (issue 6) ----------------------------- */

static const char *const mesh_keys[] = {"dimension", "y", "z", "x_grading", "output_stride", NULL};
static const char *const axis_keys[] = {"length", "cells", NULL};
static const char *const fields_keys[] = {"solid_electrolyte_fraction", "porosity",
                                          "particle_radius", "electronic_conductivity", NULL};
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

static void Q(char *buf, size_t n, PetscReal v, const char *unit);

/* Can path be read?  Rank 0 looks, every rank gets *err (an errno, 0 = readable) and the absolute
 * path (the resolved case then loads from any directory). */
static PetscErrorCode CheckFile(MPI_Comm comm, const char *path, char *abs, size_t n, int *err) {
  PetscMPIInt rank;
  int e = 0;
  char buf[FV_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  Sfmt(buf, sizeof buf, "%s", path);
  if (rank == 0) {
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f)
      e = errno ? errno : EIO;
    else {
      fclose(f);
      if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) e = EISDIR;
    }
    if (!e && path[0] != '/') {
      char cwd[FV_PATH_LEN];
      const char *rel = path;
      while (rel[0] == '.' && rel[1] == '/')
        rel += 2;
      if (getcwd(cwd, sizeof cwd))
        Sfmt(buf, sizeof buf, "%s%s%s", cwd, strcmp(cwd, "/") ? "/" : "", rel);
    }
  }
  PetscCallMPI(MPI_Bcast(&e, 1, MPI_INT, 0, comm));
  PetscCallMPI(MPI_Bcast(buf, (int)sizeof buf, MPI_CHAR, 0, comm));
  *err = e;
  Sfmt(abs, n, "%s", buf);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* One in-plane direction of the mesh (y: need_dim 2, z: need_dim 3): {length, cells}, required when
 * the mesh has it and refused when not.  vdim: the mesh's dimension key (for messages). */
static PetscErrorCode LoadAxis(Loader *L, const Sec *ms, const char *name, PetscInt need_dim,
                               const Val *vdim, PetscReal *len, PetscInt *n) {
  const PetscInt dim = L->c->mesh.dim;
  Sec as;
  Val va, vl, vc;
  PetscBool given;
  PetscFunctionBeginUser;
  *len = 1;
  *n   = 1;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, ms, name, &va));
  OpenSection(L, &va, axis_keys, "a map {length: \"40 um\", cells: 8}", &as);
  PetscCall(Lookup(L, &as, "length", &vl)); /* also -mesh_y_length without a y map */
  PetscCall(Lookup(L, &as, "cells", &vc));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  given = (PetscBool)(va.present || vl.present || vc.present);
  if (dim < need_dim) {
    if (given) {
      char at[64] = ", the default";
      if (vdim->present) ValWhere(vdim, at, sizeof at);
      Fail(L,
           va.present   ? &va
           : vl.present ? &vl
                        : &vc,
           "expected no %s in a %dD mesh (mesh.dimension is %d%s): %s", name, (int)dim, (int)dim,
           at,
           need_dim == 2 ? "y is the in-plane direction of a 2D or 3D mesh"
                         : "z is the second in-plane direction of a 3D mesh");
    }
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!given) {
    if (vdim->cmdline)
      Fail(L, vdim,
           "expected mesh.%s with a %dD mesh: give mesh.%s: {length: \"40 um\", cells: 8} in the "
           "case, or -mesh_%s_length and -mesh_%s_cells",
           name, (int)dim, name, name, name);
    else
      Fail(L, &va,
           "expected a map {length: \"40 um\", cells: 8}: a %dD mesh needs its extent and "
           "cells in %s",
           (int)dim, name);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* one of length and cells missing: with the direction only on the command line, say so there */
  if (!vl.present) {
    char hint[64] = "";
    if (!va.present && vc.cmdline) Sfmt(hint, sizeof hint, ": give -mesh_%s_length with it", name);
    Fail(L, hint[0] ? &vc : &vl, "expected %s (e.g. \"40 um\") for the extent of the mesh in %s%s",
         Q_LENGTH.what, name, hint);
  } else
    PetscCall(QtyOf(L, &vl, &Q_LENGTH, NULL, len));
  if (!L->failed && !vc.present) {
    char hint[64] = "";
    if (!va.present && vl.cmdline) Sfmt(hint, sizeof hint, ": give -mesh_%s_cells with it", name);
    Fail(L, hint[0] ? &vl : &vc, "expected a number of cells >= 1 (e.g. 8) in %s%s", name, hint);
  } else
    IntOf(L, &vc, 1, 1000000, "a number of cells >= 1", "8", n);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The `mesh:` section (optional; absent = a 1D cell): dimension, the in-plane directions y (2D, 3D)
 * and z (3D), the grading of the cells in x and the output stride. */
static PetscErrorCode LoadMesh(Loader *L, const Sec *root) {
  FvMeshSpec *m = &L->c->mesh;
  Sec ms;
  Val vd, v;
  PetscFunctionBeginUser;
  m->dim = 1;
  m->Ly = m->Lz = 1;
  m->ny = m->nz    = 1;
  m->x_grading     = 1;
  m->output_stride = 1;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(GetSection(L, root, "mesh", mesh_keys, PETSC_FALSE,
                       "a map of the mesh's keys (dimension, y, z, x_grading, output_stride)",
                       &ms));
  PetscCall(Lookup(L, &ms, "dimension", &vd));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vd.present) IntOf(L, &vd, 1, 3, "a mesh dimension: 1, 2 or 3", "2", &m->dim);
  PetscCall(LoadAxis(L, &ms, "y", 2, &vd, &m->Ly, &m->ny));
  PetscCall(LoadAxis(L, &ms, "z", 3, &vd, &m->Lz, &m->nz));
  PetscCall(GetQty(L, &ms, "x_grading", &Q_XGRADING, PETSC_FALSE, 1, &v, &m->x_grading));
  PetscCall(GetInt(L, &ms, "output_stride", 1, 1000000, "an output stride >= 1 (every n-th cell)",
                   "2", 1, &m->output_stride));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A voxel field's keys: the NetCDF file (relative to the file that names it; it must be readable
 * now, its contents are read by meshes/field.c), the variable and the phase label. */
static PetscErrorCode LoadVoxel(Loader *L, const Sec *m, FvFieldSpec *f) {
  Val vf, vv, vp;
  char path[FV_PATH_LEN];
  int err = 0;
  PetscFunctionBeginUser;
  PetscCall(Lookup(L, m, "file", &vf));
  PetscCall(Lookup(L, m, "variable", &vv));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!vf.str) {
    Fail(L, &vf,
         "expected the NetCDF file of the voxel image (e.g. ct.nc, relative to the case file)");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!vv.str) {
    Fail(L, &vv, "expected the name of the voxel image's variable in %s (e.g. label)", vf.str);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (strlen(vv.str) >= sizeof f->variable) {
    Fail(L, &vv, "expected a variable name of at most %d characters", (int)sizeof f->variable - 1);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  ResolvePath(L, vf.org, vf.str, path, sizeof path);
  PetscCall(CheckFile(L->comm, path, f->file, sizeof f->file, &err));
  if (err) {
    Fail(L, &vf, "expected a readable NetCDF file: cannot read %s: %s", path, strerror(err));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  Sfmt(f->variable, sizeof f->variable, "%s", vv.str);
  PetscCall(Lookup(L, m, "phase", &vp));
  if (!L->failed && vp.present)
    IntOf(L, &vp, 0, PETSC_MAX_INT,
          "a phase label >= 0 (the field is the fraction of voxels with this label)", "0",
          &f->phase);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* An interval [a, b] of positions (a patch's y or z): a list of two lengths with a < b. */
static PetscErrorCode LoadInterval(Loader *L, const Val *v, PetscReal *a, PetscReal *b) {
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!v->node || v->node->type != YAML_SEQUENCE_NODE ||
      v->node->data.sequence.items.top - v->node->data.sequence.items.start != 2) {
    Fail(L, v, "expected a pair of positions [from, to] (e.g. [\"10 um\", \"20 um\"])");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  for (int j = 0; j < 2; j++) {
    yaml_node_t *it = yaml_document_get_node(v->doc, v->node->data.sequence.items.start[j]);
    Val vj          = *v;
    vj.node         = it;
    vj.line         = v->cmdline ? 0 : NodeLine(it);
    vj.isnull       = IsNullScalar(it);
    vj.str          = vj.isnull ? NULL : NodeScalar(it);
    Sfmt(vj.key, sizeof vj.key, "%s[%d]", v->key, j);
    PetscCall(QtyOf(L, &vj, &Q_POSITION, NULL, j ? b : a));
  }
  if (!L->failed && !(*a < *b))
    Fail(L, v, "expected [from, to] with from < to (e.g. [\"10 um\", \"20 um\"])");
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The patches of an interface map: a list of {y: [y0, y1], z: [z0, z1]} (z omitted: every z). */
static PetscErrorCode LoadPatches(Loader *L, const Sec *m, FvFieldSpec *f) {
  Val vp;
  PetscInt n;
  PetscFunctionBeginUser;
  PetscCall(Lookup(L, m, "patches", &vp));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  n = (vp.node && vp.node->type == YAML_SEQUENCE_NODE)
          ? (PetscInt)(vp.node->data.sequence.items.top - vp.node->data.sequence.items.start)
          : -1;
  if (n < 1 || n > FV_MAX_PATCHES) {
    Fail(L, &vp,
         "expected a list of 1 to %d patches "
         "[{y: [\"10 um\", \"20 um\"], z: [\"0 um\", \"5 um\"]}, ...]",
         FV_MAX_PATCHES);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  for (PetscInt i = 0; i < n && !L->failed; i++) {
    yaml_node_t *it = yaml_document_get_node(vp.doc, vp.node->data.sequence.items.start[i]);
    Val vi          = vp, vy, vz;
    Sec ps;
    vi.node   = it;
    vi.line   = vp.cmdline ? 0 : NodeLine(it);
    vi.isnull = IsNullScalar(it);
    vi.str    = vi.isnull ? NULL : NodeScalar(it);
    Sfmt(vi.key, sizeof vi.key, "%s[%d]", vp.key, (int)i);
    OpenSection(L, &vi, patch_keys,
                "a patch {y: [\"10 um\", \"20 um\"], z: [\"0 um\", \"5 um\"]} (z optional)", &ps);
    PetscCall(Lookup(L, &ps, "y", &vy));
    PetscCall(Lookup(L, &ps, "z", &vz));
    if (L->failed) break;
    if (!vy.present) {
      Fail(L, &vy, "expected the patch's extent in y, [y0, y1] (e.g. [\"10 um\", \"20 um\"])");
      break;
    }
    PetscCall(LoadInterval(L, &vy, &f->patch[i][0], &f->patch[i][1]));
    f->patch[i][2] = -PETSC_MAX_REAL;
    f->patch[i][3] = PETSC_MAX_REAL;
    if (vz.present) PetscCall(LoadInterval(L, &vz, &f->patch[i][2], &f->patch[i][3]));
  }
  f->npatches = n;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Field spec `name` of section s: a bare value (kind uniform), or a map {kind: ..., ...} of the
 * keys of its kind.  map: an interface map (also the kinds patches and random_voids).  v: the value
 * (not present: kind NONE, the region's uniform value). */
static PetscErrorCode LoadFieldSpec(Loader *L, const Sec *s, const char *name, const FieldQty *fq,
                                    PetscBool map, FvFieldSpec *f, Val *v) {
  const char *const kinds_text =
      map ? "uniform, gaussian, voxel, patches or random_voids" : "uniform, gaussian or voxel";
  Sec m;
  Val vk, vx;
  int kind = -1;
  PetscBool other;
  char at[64];

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(f, sizeof *f));
  f->seed       = 1;
  f->nmodes     = FV_FIELD_MODES_DEFAULT;
  f->min        = fq->lo;
  f->max        = fq->hi;
  f->phase      = -1;
  f->background = 1;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, s, name, v));
  if (L->failed || !v->present) PetscFunctionReturn(PETSC_SUCCESS);
  if (v->str || v->isnull) { /* a bare value */
    f->kind = FV_FIELDSPEC_UNIFORM;
    PetscCall(QtyOf(L, v, fq->q, NULL, &f->value));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  {
    char what[256];
    Sfmt(what, sizeof what, "%s (e.g. \"%s\"), or a map {kind: %s, ...}", fq->q->what,
         fq->q->example,
         map ? "uniform|gaussian|voxel|patches|random_voids" : "uniform|gaussian|voxel");
    OpenSection(L, v, field_keys, what, &m);
  }
  PetscCall(MatchWord(L, &m, "kind", field_kinds, &kind, &vk, &other));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!vk.present || other || (!map && kind >= 3)) {
    const char *near = other && vk.str ? Closest(vk.str, map ? field_kinds : cell_kinds) : NULL;
    if (!vk.present)
      Fail(L, &vk, "expected a field kind: %s", kinds_text);
    else if (!other)
      Fail(L, &vk,
           "expected a field kind: %s (%s is a kind of an interface map: "
           "a metal electrode's contact_map)",
           kinds_text, field_kinds[kind]);
    else if (near)
      Fail(L, &vk, "expected a field kind: %s (did you mean \"%s\"?)", kinds_text, near);
    else
      Fail(L, &vk, "expected a field kind: %s", kinds_text);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* keys of another kind would be ignored */
  ValWhere(&vk, at, sizeof at);
  for (yaml_node_pair_t *pr = m.map->data.mapping.pairs.start;
       pr < m.map->data.mapping.pairs.top && !L->failed; pr++) {
    const char *k = NodeScalar(yaml_document_get_node(m.doc, pr->key));
    if (!k || InList(k, kind_keys[kind])) continue;
    {
      char list[256] = "";
      for (const char *const *q = kind_keys[kind] + 1; *q; q++) {
        if (q != kind_keys[kind] + 1) strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, *q, sizeof list - strlen(list) - 1);
      }
      PetscCall(Lookup(L, &m, k, &vx));
      Fail(L, &vx, "expected no %s: %s is %s%s, which takes %s", k, vk.key, field_kinds[kind], at,
           list);
    }
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  f->kind = (FvFieldKind)(kind + 1);
  switch (f->kind) {
  case FV_FIELDSPEC_UNIFORM:
    PetscCall(GetQty(L, &m, "value", fq->q, PETSC_TRUE, 0, &vx, &f->value));
    break;
  case FV_FIELDSPEC_GAUSSIAN: {
    const Qty qs = {fq->q->unit, "a standard deviation >= 0", fq->std_example, 0, INF, PETSC_FALSE,
                    PETSC_TRUE};
    const char *bw = fq->hi == 1 ? "a clip bound in [0, 1]" : "a clip bound >= 0";
    const Qty qb   = {fq->q->unit, bw, fq->bound_example, fq->lo, fq->hi, PETSC_FALSE, PETSC_FALSE};
    Val vmean, vmin, vmax;
    char t1[128], t2[128];
    PetscCall(GetQty(L, &m, "mean", fq->q, PETSC_TRUE, 0, &vmean, &f->mean));
    PetscCall(GetQty(L, &m, "std", &qs, PETSC_TRUE, 0, &vx, &f->std));
    PetscCall(GetQty(L, &m, "correlation_length", &Q_CORR, PETSC_TRUE, 0, &vx, &f->corr_length));
    PetscCall(GetInt(L, &m, "seed", 0, PETSC_MAX_INT, "a random seed >= 0", "7", 1, &f->seed));
    PetscCall(GetInt(L, &m, "modes", 16, 1000000, "a number of Fourier modes >= 16", "256",
                     FV_FIELD_MODES_DEFAULT, &f->nmodes));
    PetscCall(GetQty(L, &m, "min", &qb, PETSC_FALSE, fq->lo, &vmin, &f->min));
    PetscCall(GetQty(L, &m, "max", &qb, PETSC_FALSE, fq->hi, &vmax, &f->max));
    if (L->failed) break;
    Q(t1, sizeof t1, f->min, fq->q->unit);
    Q(t2, sizeof t2, f->max, fq->q->unit);
    if (!(f->min < f->max))
      Fail(L, vmax.present ? &vmax : &vmin, "expected min < max (min %s, max %s)", t1, t2);
    else if (f->mean < f->min || f->mean > f->max)
      Fail(L, &vmean, "expected a mean within the clip range [min, max] = [%s, %s]", t1, t2);
  } break;
  case FV_FIELDSPEC_VOXEL:
    PetscCall(LoadVoxel(L, &m, f));
    break;
  case FV_FIELDSPEC_PATCHES:
    PetscCall(GetQty(L, &m, "value", fq->q, PETSC_FALSE, 0, &vx, &f->value));
    PetscCall(GetQty(L, &m, "background", fq->q, PETSC_FALSE, 1, &vx, &f->background));
    PetscCall(LoadPatches(L, &m, f));
    break;
  case FV_FIELDSPEC_RANDOM_VOIDS:
    PetscCall(GetQty(L, &m, "void_fraction", &Q_VOIDS, PETSC_TRUE, 0, &vx, &f->void_fraction));
    PetscCall(GetQty(L, &m, "correlation_length", &Q_CORR, PETSC_TRUE, 0, &vx, &f->corr_length));
    PetscCall(GetInt(L, &m, "seed", 0, PETSC_MAX_INT, "a random seed >= 0", "7", 1, &f->seed));
    PetscCall(GetInt(L, &m, "modes", 16, 1000000, "a number of Fourier modes >= 16", "256",
                     FV_FIELD_MODES_DEFAULT, &f->nmodes));
    PetscCall(GetQty(L, &m, "background", fq->q, PETSC_FALSE, 1, &vx, &f->background));
    break;
  default:
    break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A region's `fields:` section (issue 6): the electrolyte phase's volume fraction
 * (solid_electrolyte_fraction with a solid_electrolyte section, porosity without), and in an
 * electrode particle_radius and electronic_conductivity.  In an electrode the active material takes
 * up the difference between the region's value and the field, so a uniform field (a gaussian's
 * mean) must leave it >= 0. */
static PetscErrorCode LoadFields(Loader *L, const Sec *s, PetscInt g) {
  FvRegion *r            = &L->c->region[g];
  const PetscBool elec   = (PetscBool)(g != FV_SEP);
  const PetscBool has_se = L->has_se[g];
  const char *eps_key    = has_se ? "solid_electrolyte_fraction" : "porosity";
  Sec fs;
  Val v;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(GetSection(
      L, s, "fields", fields_keys, PETSC_FALSE,
      "a map of the region's fields (solid_electrolyte_fraction or porosity, particle_radius, "
      "electronic_conductivity)",
      &fs));
  PetscCall(Lookup(L, &fs, has_se ? "porosity" : "solid_electrolyte_fraction", &v));
  if (!L->failed && v.present) {
    if (has_se)
      Fail(L, &v,
           "expected no porosity field: %s has a solid_electrolyte section, so the field of "
           "its electrolyte's volume fraction is solid_electrolyte_fraction",
           region_names[g]);
    else
      Fail(L, &v,
           "expected no solid_electrolyte_fraction: %s has no solid_electrolyte section "
           "(its electrolyte is the liquid), so the field of its electrolyte's volume "
           "fraction is porosity",
           region_names[g]);
  }
  PetscCall(LoadFieldSpec(L, &fs, eps_key, &FQ_EPS, PETSC_FALSE, &r->field[FV_PF_EPS], &v));
  if (!L->failed && elec) {
    const FvFieldSpec *fe = &r->field[FV_PF_EPS];
    const PetscReal eps   = has_se ? r->eps_se : r->porosity;
    const PetscReal x     = fe->kind == FV_FIELDSPEC_UNIFORM    ? fe->value
                            : fe->kind == FV_FIELDSPEC_GAUSSIAN ? fe->mean
                                                                : -1;
    if (x > eps + r->eps_am + 1e-12)
      Fail(L, &v,
           "expected %s of at most %g, the region's %s (%g) plus its active fraction (%g): "
           "the active material takes up the difference",
           fe->kind == FV_FIELDSPEC_UNIFORM ? "a value" : "a mean", (double)(eps + r->eps_am),
           has_se ? "solid-electrolyte fraction" : "porosity", (double)eps, (double)r->eps_am);
  }
  if (!elec) {
    for (int i = 0; i < 2 && !L->failed; i++) {
      PetscCall(Lookup(L, &fs, i ? "electronic_conductivity" : "particle_radius", &v));
      if (!L->failed && v.present)
        Fail(L, &v,
             "expected no %s field in the separator: particle_radius and "
             "electronic_conductivity are fields of an electrode",
             i ? "electronic_conductivity" : "particle_radius");
    }
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(LoadFieldSpec(L, &fs, "particle_radius", &FQ_RADIUS, PETSC_FALSE,
                          &r->field[FV_PF_RADIUS], &v));
  PetscCall(LoadFieldSpec(L, &fs, "electronic_conductivity", &FQ_SIGMA, PETSC_FALSE,
                          &r->field[FV_PF_SIGMA_S], &v));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A metal electrode's contact_map: its contact fraction with the electrolyte over the
 * interface (y, z). */
static PetscErrorCode LoadContactMap(Loader *L, const Sec *s, FvRegion *r) {
  Val v;
  PetscFunctionBeginUser;
  PetscCall(LoadFieldSpec(L, s, "contact_map", &FQ_CONTACT, PETSC_TRUE, &r->contact_map, &v));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode LoadRegion(Loader *L, const Sec *root, PetscInt g) {
  FvRegion *r          = &L->c->region[g];
  const PetscBool elec = (PetscBool)(g != FV_SEP);
  Sec s, ses;
  Val v, vpor, vsto, vc0, vvf;
  PetscReal c0;

  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->metal[g]) {
    PetscCall(LoadMetal(L, root, region_names[g], r, L->mat[g]));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(
      GetSection(L, root, region_names[g], elec ? electrode_keys : separator_keys, PETSC_TRUE,
                 elec ? "a map of the electrode's keys (thickness, porosity, ocp, kinetics, ...)"
                      : "a map of the separator's keys (thickness, porosity, ...)",
                 &s));
  AttachMaterial(&s, elec ? L->mat[g] : NULL);
  PetscCall(MaskAlternatives(L, &s, porous_alternatives));
  PetscCall(GetInt(L, &s, "cells", 1, 1000000, "a number of control volumes >= 1", "20",
                   elec ? 20 : 10, &r->ncells));
  PetscCall(GetQty(L, &s, "porosity", elec ? &Q_POR_ELEC : &Q_POR_SEP, PETSC_TRUE, 0, &vpor,
                   &r->porosity));
  PetscCall(GetQty(L, &s, "bruggeman", &Q_BRUGG, PETSC_FALSE, 1.5, &v, &r->brugg_e));
  /* the solid electrolyte's volume fraction (the rest of its section is loaded already) */
  PetscCall(PetscMemzero(&ses, sizeof ses));
  PetscCall(PetscMemzero(&vvf, sizeof vvf));
  if (L->has_se[g]) {
    PetscCall(GetSection(L, &s, "solid_electrolyte", se_keys, PETSC_TRUE,
                         "a map of the solid electrolyte's keys (material, effective_conductivity, ...)", &ses));
    AttachMaterial(&ses, L->mat[MAT_SLOT_SE(g)]);
    PetscCall(Lookup(L, &ses, "volume_fraction", &vvf));
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!elec) {
    r->nfam = 0;
    PetscCall(GetQty(L, &s, "thickness", &Q_LENGTH, PETSC_TRUE, 0, &v, &r->thickness));
    if (L->has_se[g] && vvf.present) { /* porosity is the void fraction */
      PetscCall(QtyOf(L, &vvf, &Q_SE_FRACTION, NULL, &r->eps_se));
      if (!L->failed && r->eps_se + r->porosity > 1 + 1e-12) {
        char at[64];
        ValWhere(&vpor, at, sizeof at);
        Fail(L, &vvf, "expected volume_fraction + porosity <= 1 (porosity, the void fraction, is %g%s, so volume_fraction <= %g)",
             (double)r->porosity, at, (double)(1 - r->porosity));
      }
    } else if (L->has_se[g])
      r->eps_se = 1 - r->porosity;
    PetscCall(LoadFields(L, &s, g));
    PetscFunctionReturn(PETSC_SUCCESS);
  }

  r->n_electrons = L->c->electrolyte.zplus;
  PetscCall(LoadCmax(L, &s, r));
  PetscCall(LoadComposite(L, &s, &vvf, g));
  PetscCall(GetQty(L, &s, "conductivity", &Q_SIGMA, PETSC_TRUE, 0, &v, &r->sigma));
  PetscCall(GetQty(L, &s, "bruggeman_solid", &Q_BRUGG, PETSC_FALSE, 1.5, &v, &r->brugg_s));
  PetscCall(LoadThickness(L, &s, g));
  PetscCall(LoadParticles(L, &s, &ses, g));
  PetscCall(LoadFields(L, &s, g));
  PetscCall(GetInt(L, &s, "particle_shells", 2, 100000, "a number of particle shells >= 2", "10",
                   10, &r->nshells));
  Val vg; /* particle_grading: finite volumes only */
  PetscCall(GetQty(L, &s, "particle_grading", &Q_GRADING, PETSC_FALSE, FV_SHELL_GRADING_DEFAULT,
                   &vg, &r->shell_grading));
  {
    /* radial scheme (models/particle.c); particle_shells is its number of unknowns */
    static const char *const discs[] = {"finite_volume", "spectral", NULL};
    Val vd;
    int d;
    PetscCall(
        GetWord(L, &s, "particle_discretisation", discs, "spectral or finite_volume", 1, &d, &vd));
    r->particle_disc = d == 1 ? FV_PARTICLE_SPECTRAL : FV_PARTICLE_FINITE_VOLUME;
    if (!L->failed && d == 1 && r->nshells > FV_PARTICLE_SPECTRAL_MAX_UNKNOWNS) {
      Val vn;
      PetscCall(Lookup(L, &s, "particle_shells", &vn));
      Fail(L, &vn,
           "expected at most %d unknowns per particle with particle_discretisation: spectral "
           "(got %d; finite_volume takes more)",
           FV_PARTICLE_SPECTRAL_MAX_UNKNOWNS, (int)r->nshells);
    }
    if (!L->failed && d == 1 && vg.present)
      Fail(L, &vg,
           "expected no particle_grading with particle_discretisation: spectral (the grading "
           "spaces finite-volume shells; add particle_discretisation: finite_volume to use it)");
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);

  /* initial state: a stoichiometry, or a concentration */
  PetscCall(Lookup(L, &s, "initial_stoichiometry", &vsto));
  PetscCall(Lookup(L, &s, "initial_concentration", &vc0));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (vsto.present && vc0.present) {
    char at[64];
    ValWhere(&vsto, at, sizeof at);
    Fail(L, &vc0,
         "conflicts with %s%s: give initial_stoichiometry or initial_concentration, not both",
         vsto.key, at);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vc0.present) {
    PetscCall(QtyOf(L, &vc0, &Q_CONC, NULL, &c0));
    r->sto0 = c0 / r->c_max;
    if (!L->failed && !InRange(&Q_STO, r->sto0))
      Fail(L, &vc0, "expected a concentration in (0, c_max = %g mol/m3)", (double)r->c_max);
  } else if (vsto.present)
    PetscCall(QtyOf(L, &vsto, &Q_STO, NULL, &r->sto0));
  else {
    Fail(L, &vsto, "expected %s (e.g. \"%s\"), or initial_concentration", Q_STO.what,
         Q_STO.example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }

  PetscCall(LoadActiveProps(L, &s, r));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The repeating stack unit of the energy accounting (design.md §3, solver/energy.h), cell: keys.
 * Defaults (../shared/cells/assb-nmc-lps-li.md): Al 15 um (s1, the seed's S L116) at 2700 kg/m3 and
 * Cu 10 um (s1, A: BatPaC-type) at 8960 kg/m3 (s3, handbook), both double-coated (half of each
 * foil per unit, BatPaC convention); no packaging.  A liquid's density 1200 kg/m3 and a polyolefin
 * separator matrix 946 kg/m3 are assumptions (A) for liquid cells. */
static PetscErrorCode LoadStackSpec(Loader *L, const Sec *s) {
  static const Qty Q_FOIL  = {"m", "a foil thickness >= 0", "15 um", 0, INF, PETSC_FALSE, PETSC_TRUE};
  static const Qty Q_SHARE = {"1", "a packaging share in [0, 1)", "0.1", 0, 1, PETSC_FALSE, PETSC_TRUE};
  FvStackSpec *st = &L->c->stack;
  Val v;
  PetscFunctionBeginUser;
  PetscCall(GetQty(L, s, "positive_collector_thickness", &Q_FOIL, PETSC_FALSE, 15e-6, &v, &st->pos_cc_thickness));
  PetscCall(GetQty(L, s, "positive_collector_density", &Q_DENSITY, PETSC_FALSE, 2700, &v, &st->pos_cc_density));
  PetscCall(GetQty(L, s, "negative_collector_thickness", &Q_FOIL, PETSC_FALSE, 10e-6, &v, &st->neg_cc_thickness));
  PetscCall(GetQty(L, s, "negative_collector_density", &Q_DENSITY, PETSC_FALSE, 8960, &v, &st->neg_cc_density));
  PetscCall(GetBool(L, s, "double_coated", PETSC_TRUE, &st->double_coated));
  PetscCall(GetQty(L, s, "liquid_density", &Q_DENSITY, PETSC_FALSE, 1200, &v, &st->liquid_density));
  PetscCall(GetQty(L, s, "separator_matrix_density", &Q_DENSITY, PETSC_FALSE, 946, &v, &st->separator_matrix_density));
  PetscCall(GetQty(L, s, "packaging_mass_fraction", &Q_SHARE, PETSC_FALSE, 0, &v, &st->packaging_mass));
  PetscCall(GetQty(L, s, "packaging_volume_fraction", &Q_SHARE, PETSC_FALSE, 0, &v, &st->packaging_volume));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A metal electrode given by `excess` e (issue 5): its fabricated inventory is (1 + e) Q, Q the other
 * electrode's rated (window) capacity, plus the charge that electrode has already given up at its
 * initial stoichiometry: Q max(0, (sto_dis - sto0) / (sto_dis - sto_ch)), window [sto_ch, sto_dis].
 * So a case that starts charged (sto0 = sto_ch) holds (2 + e) Q of metal, one as fabricated (1 + e) Q.
 * solver/energy.c counts the fabricated metal with the same rule. */
static PetscErrorCode ResolveExcess(Loader *L) {
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
      Fail(L, &L->excess[g], "expected a stoichiometry_window in the %s electrode: the excess is a share of its rated capacity",
           region_names[o]);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    moved             = Q * PetscMax(0, (ro->sto_window[1] - ro->sto0) / (ro->sto_window[1] - ro->sto_window[0]));
    r->metal_capacity = (1 + r->metal_excess) * Q + moved;
    if (r->metal_volcap > 0) r->thickness = r->metal_capacity / r->metal_volcap;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The `sweep:` section (issue 5, solver/sweep.h): a map of dotted case keys to a list of values
 * ([50, 60, "70"], ["10 um", "20 um"]) or a range {from: "10 um", to: "300 um", num: 5, spacing: log}.
 * Values are a number with an optional unit text, the same unit for every value of a key. */
static void SweepSplit(const char *str, PetscReal *x, char *unit, size_t n, PetscBool *ok) {
  char *end;
  *ok = PETSC_FALSE;
  if (!str) return;
  *x = strtod(str, &end);
  if (end == str || !isfinite(*x)) return;
  while (isspace((unsigned char)*end)) end++;
  Sfmt(unit, n, "%s", end);
  for (char *q = unit + strlen(unit); q > unit && isspace((unsigned char)q[-1]); q--) q[-1] = 0;
  *ok = PETSC_TRUE;
}

static PetscErrorCode LoadSweep(Loader *L, const Sec *root) {
  FvCase *c = L->c;
  Val v;
  PetscFunctionBeginUser;
  c->nsweep = 0;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(FindInMap(root->doc, root->map, NULL, "sweep", &v));
  if (!v.present) PetscFunctionReturn(PETSC_SUCCESS);
  Sfmt(v.key, sizeof v.key, "sweep");
  if (!v.node || v.node->type != YAML_MAPPING_NODE) {
    Fail(L, &v, "expected a map of case keys to value lists or ranges (e.g. {separator.thickness: [\"10 um\", \"20 um\"]})");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  for (yaml_node_pair_t *pr = v.node->data.mapping.pairs.start; pr < v.node->data.mapping.pairs.top && !L->failed; pr++) {
    yaml_node_t *kn = yaml_document_get_node(v.doc, pr->key);
    yaml_node_t *vn = yaml_document_get_node(v.doc, pr->value);
    const char *k   = NodeScalar(kn);
    FvSweepDim *d   = &c->sweep[c->nsweep];
    Val w           = v;
    PetscBool ok    = PETSC_TRUE;
    w.node          = vn;
    w.line          = NodeLine(kn);
    w.str           = NodeScalar(vn);
    Sfmt(w.key, sizeof w.key, "sweep.%s", k ? k : "?");
    if (!k || !k[0] || strlen(k) >= sizeof d->key) {
      Fail(L, &w, "expected a dotted case key (e.g. separator.thickness)");
      break;
    }
    for (const char *q = k; *q; q++)
      if (!(isalnum((unsigned char)*q) || *q == '_' || *q == '.')) ok = PETSC_FALSE;
    if (!ok) {
      Fail(L, &w, "expected a dotted case key (e.g. separator.thickness, positive.composition.active)");
      break;
    }
    if (c->nsweep >= FV_MAX_SWEEP) {
      Fail(L, &w, "expected at most %d swept keys", FV_MAX_SWEEP);
      break;
    }
    Sfmt(d->key, sizeof d->key, "%s", k);
    d->n = 0;
    if (vn && vn->type == YAML_SEQUENCE_NODE) {
      for (yaml_node_item_t *it = vn->data.sequence.items.start; it < vn->data.sequence.items.top; it++) {
        yaml_node_t *in = yaml_document_get_node(v.doc, *it);
        char unit[FV_SWEEP_TEXT];
        Val wi  = w;
        wi.node = in;
        wi.line = NodeLine(in);
        wi.str  = NodeScalar(in);
        if (d->n >= FV_MAX_SWEEP_VALUES) {
          Fail(L, &w, "expected at most %d values", FV_MAX_SWEEP_VALUES);
          break;
        }
        SweepSplit(wi.str, &d->value[d->n], unit, sizeof unit, &ok);
        if (!ok || strlen(wi.str) >= FV_SWEEP_TEXT) {
          Fail(L, &wi, "expected a number with an optional unit (e.g. \"20 um\")");
          break;
        }
        if (d->n == 0) Sfmt(d->unit, sizeof d->unit, "%s", unit);
        else if (strcmp(unit, d->unit)) {
          Fail(L, &wi, "expected the unit of the key's first value (\"%s\")", d->unit);
          break;
        }
        Sfmt(d->text[d->n], FV_SWEEP_TEXT, "%s", wi.str);
        d->n++;
      }
      if (!L->failed && d->n == 0) Fail(L, &w, "expected at least one value");
    } else if (vn && vn->type == YAML_MAPPING_NODE) {
      Sec rs;
      Val vf, vt, vs;
      PetscReal a, b;
      PetscInt num;
      int spacing;
      char ua[FV_SWEEP_TEXT], ub[FV_SWEEP_TEXT];
      PetscBool oka, okb;
      OpenSection(L, &w, sweep_range_keys, "a range {from: \"10 um\", to: \"300 um\", num: 5, spacing: linear|log}", &rs);
      PetscCall(FindInMap(rs.doc, rs.map, NULL, "from", &vf));
      PetscCall(FindInMap(rs.doc, rs.map, NULL, "to", &vt));
      Sfmt(vf.key, sizeof vf.key, "%s.from", w.key);
      Sfmt(vt.key, sizeof vt.key, "%s.to", w.key);
      if (!vf.present) vf.line = w.line;
      if (!vt.present) vt.line = w.line;
      PetscCall(GetInt(L, &rs, "num", 1, FV_MAX_SWEEP_VALUES, "a number of values from 1 to 64", "5", 0, &num));
      PetscCall(GetWord(L, &rs, "spacing", sweep_spacings, "a spacing: linear or log", 0, &spacing, &vs));
      if (L->failed) break;
      SweepSplit(vf.str, &a, ua, sizeof ua, &oka);
      SweepSplit(vt.str, &b, ub, sizeof ub, &okb);
      if (!oka) Fail(L, &vf, "expected a number with an optional unit (e.g. \"10 um\")");
      else if (!okb) Fail(L, &vt, "expected a number with an optional unit (e.g. \"300 um\")");
      else if (strcmp(ua, ub)) Fail(L, &vt, "expected the unit of %s (\"%s\")", vf.key, ua);
      else if (num < 1) Fail(L, &w, "expected num: a number of values from 1 to 64");
      else if (spacing == 1 && !(a > 0 && b > 0)) Fail(L, &vf, "expected positive ends for a log spacing");
      if (L->failed) break;
      Sfmt(d->unit, sizeof d->unit, "%s", ua);
      for (PetscInt i = 0; i < num; i++) {
        const PetscReal t = num > 1 ? (PetscReal)i / (PetscReal)(num - 1) : 0;
        d->value[i]       = spacing == 1 ? PetscExpReal(PetscLogReal(a) + t * (PetscLogReal(b) - PetscLogReal(a))) : a + t * (b - a);
        if (i == 0) d->value[i] = a; /* the ends exactly as written */
        if (i == num - 1 && num > 1) d->value[i] = b;
        Sfmt(d->text[i], FV_SWEEP_TEXT, "%.12g%s%s", (double)d->value[i], ua[0] ? " " : "", ua);
      }
      d->n = num;
    } else
      Fail(L, &w, "expected a list of values or a range {from:, to:, num:, spacing:}");
    if (!L->failed) c->nsweep++;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* cell.stack_pressure: required when an electrode has contact mechanics, else 0 when absent. */
static PetscErrorCode LoadCell(Loader *L, const Sec *root) {
  FvCase *c   = L->c;
  PetscInt gc = -1;
  Sec s;
  Val v;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt g = FV_NREGIONS - 1; g >= 0; g--)
    if (c->region[g].contact.enabled) gc = g;
  PetscCall(GetSection(L, root, "cell", cell_keys, PETSC_FALSE, "a map of the cell's keys (stack_pressure)", &s));
  PetscCall(LoadStackSpec(L, &s));
  PetscCall(GetQty(L, &s, "stack_pressure", &Q_PRESSURE, PETSC_FALSE, 0, &v, &c->stack_pressure));
  if (!L->failed && gc >= 0 && !v.present) {
    char at[64];
    ValWhere(&L->contact[gc], at, sizeof at);
    Fail(L, &v, "expected %s (e.g. \"%s\"): %s%s enables contact mechanics, which need the stack pressure",
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
  PetscCall(LookupAlt(L, s, "rates", "-rates", &v));
  if (L->failed || !v.present) PetscFunctionReturn(PETSC_SUCCESS);
  if (v.node && v.node->type == YAML_SEQUENCE_NODE) {
    PetscInt n = (PetscInt)(v.node->data.sequence.items.top - v.node->data.sequence.items.start);
    if (n < 1 || n > FV_MAX_RATES) {
      Fail(L, &v, "expected a list of 1 to %d positive C-rates (e.g. [0.1, 0.5, 1, 2])",
           FV_MAX_RATES);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    for (PetscInt i = 0; i < n; i++) {
      yaml_node_t *it = yaml_document_get_node(v.doc, v.node->data.sequence.items.start[i]);
      Val vi          = v;
      vi.node         = it;
      vi.line         = v.cmdline ? 0 : NodeLine(it);
      vi.isnull       = IsNullScalar(it);
      vi.str          = vi.isnull ? NULL : NodeScalar(it);
      Sfmt(vi.key, sizeof vi.key, "%s[%d]", v.key, (int)i);
      PetscCall(QtyOf(L, &vi, &Q_RATE, NULL, &c->rates[i]));
    }
    c->nrates = n;
  } else if (v.str) { /* "0.5, 1, 2" or one number */
    char buf[FV_PATH_LEN];
    PetscInt n = 0;
    PetscCall(PetscStrncpy(buf, v.str, sizeof buf));
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
      Val vi = v;
      vi.str = tok;
      Sfmt(vi.key, sizeof vi.key, "%s[%d]", v.key, (int)n);
      if (n >= FV_MAX_RATES) {
        Fail(L, &v, "expected at most %d C-rates", FV_MAX_RATES);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      PetscCall(QtyOf(L, &vi, &Q_RATE, NULL, &c->rates[n]));
      n++;
    }
    if (!n) Fail(L, &v, "expected a list of positive C-rates (e.g. [0.1, 0.5, 1, 2])");
    c->nrates = n;
  } else
    Fail(L, &v, "expected a list of positive C-rates (e.g. [0.1, 0.5, 1, 2])");
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* operation.protocol: a list of step strings, or on the command line -protocol "a; b; c".
 * Each step is parsed now (with rate 1 for {rate}) so a bad step stops the run before it starts. */
static PetscErrorCode AddStep(Loader *L, const Val *v, const char *text) {
  FvCase        *c = L->c;
  FvProtocolStep step;
  PetscBool      ok;
  char           why[512];
  PetscFunctionBeginUser;
  if (c->nprotocol >= FV_MAX_PROTOCOL) {
    Fail(L, v, "expected at most %d protocol steps", FV_MAX_PROTOCOL);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (strlen(text) >= FV_STEP_TEXT) {
    Fail(L, v, "expected a protocol step shorter than %d characters", FV_STEP_TEXT);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(FvProtocolParseStep(L->units, text, c->one_c, 1.0, &step, &ok, why, sizeof why));
  if (!ok) {
    Fail(L, v, "%s", why);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(PetscStrncpy(c->protocol[c->nprotocol++], text, FV_STEP_TEXT));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode LoadProtocol(Loader *L, const Sec *s) {
  FvCase *c = L->c;
  Val     v;
  PetscFunctionBeginUser;
  c->nprotocol = 0;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(LookupAlt(L, s, "protocol", "-protocol", &v));
  if (L->failed || !v.present) PetscFunctionReturn(PETSC_SUCCESS);
  if (v.node && v.node->type == YAML_SEQUENCE_NODE) {
    PetscInt n = (PetscInt)(v.node->data.sequence.items.top - v.node->data.sequence.items.start);
    for (PetscInt i = 0; i < n && !L->failed; i++) {
      yaml_node_t *it = yaml_document_get_node(v.doc, v.node->data.sequence.items.start[i]);
      Val          vi = v;
      vi.node         = it;
      vi.line         = v.cmdline ? 0 : NodeLine(it);
      Sfmt(vi.key, sizeof vi.key, "%s[%d]", v.key, (int)i);
      vi.isnull = IsNullScalar(it);
      vi.str    = (it->type == YAML_SCALAR_NODE && !vi.isnull) ? NodeScalar(it) : NULL;
      if (!vi.str) {
        Fail(L, &vi, "expected a step string such as \"Discharge at 1C until 3.0 V\"");
        break;
      }
      PetscCall(AddStep(L, &vi, NodeScalar(it)));
    }
    if (!n) Fail(L, &v, "expected a list of step strings such as [\"Discharge at 1C until 3.0 V\"]");
  } else if (v.str) { /* "step; step; ..." */
    char buf[FV_MAX_PROTOCOL * FV_STEP_TEXT];
    PetscCall(PetscStrncpy(buf, v.str, sizeof buf));
    for (char *tok = strtok(buf, ";\n"); tok && !L->failed; tok = strtok(NULL, ";\n")) {
      while (*tok == ' ' || *tok == '\t') tok++;
      if (!*tok) continue;
      PetscCall(AddStep(L, &v, tok));
    }
    if (!L->failed && !c->nprotocol) Fail(L, &v, "expected steps separated by ';' (e.g. \"Charge at C/3 until 4.2 V; Rest for 1 hour\")");
  } else
    Fail(L, &v, "expected a list of step strings such as [\"Discharge at 1C until 3.0 V\"]");
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode LoadOperation(Loader *L, const Sec *root) {
  FvCase *c = L->c;
  Sec s;
  Val v, vlo, vhi;
  PetscFunctionBeginUser;
  PetscCall(GetSection(L, root, "operation", operation_keys, PETSC_TRUE,
                       "a map of operating conditions (one_c, lower_cutoff, upper_cutoff, ...)",
                       &s));
  /* one_c: given, or the positive electrode's window capacity over one hour */
  PetscCall(GetQty(L, &s, "one_c", &Q_ONE_C, (PetscBool)!(L->capacity[FV_POS] > 0), L->capacity[FV_POS] / 3600.0, &v,
                   &c->one_c));
  PetscCall(GetQty(L, &s, "lower_cutoff", &Q_VOLT, PETSC_TRUE, 0, &vlo, &c->v_min));
  PetscCall(GetQty(L, &s, "upper_cutoff", &Q_VOLT, PETSC_TRUE, 0, &vhi, &c->v_max));
  if (!L->failed && !(c->v_min < c->v_max))
    Fail(L, &vhi, "expected an upper cut-off above lower_cutoff (%g V)", (double)c->v_min);
  PetscCall(LoadRates(L, &s));
  PetscCall(GetQty(L, &s, "contact_resistance", &Q_RCONTACT, PETSC_FALSE, 0, &v, &c->r_contact));
  PetscCall(GetQty(L, &s, "max_duration", &Q_DURATION, PETSC_FALSE, 0, &v, &c->t_max));
  PetscCall(LoadProtocol(L, &s));
  PetscCall(GetIntAlt(L, &s, "cycles", "-cycles", 1, 100000, "a number of protocol repetitions >= 1", "10", 1, &c->cycles));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscBool ValidName(const char *s) {
  if (!s[0] || s[0] == '.' || s[0] == '-') return PETSC_FALSE;
  for (; *s; s++)
    if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.')) return PETSC_FALSE;
  return PETSC_TRUE;
}

/* Options that look like case keys but were never looked up are typos: stop on them. */
static PetscErrorCode CheckUnusedOptions(Loader *L) {
  static const char *const prefixes[] = {"constants_", "electrolyte_", "negative_",
                                         "separator_", "positive_",    "operation_",
                                         "cell_",      "mesh_",        NULL};
  static const char *const exact[]    = {"name",     "description", "temperature", "rates",
                                         "protocol", "cycles",      "constants",   "electrolyte",
                                         "negative", "separator",   "positive",    "operation",
                                         "cell",     "mesh",        NULL};
  PetscInt n;
  char **names, **values;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscOptionsLeftGet(NULL, &n, &names, &values));
  for (PetscInt i = 0; i < n && !L->failed; i++) {
    const char *nm = names[i][0] == '-' ? names[i] + 1 : names[i];
    int hit        = InList(nm, exact);
    for (const char *const *p = prefixes; *p && !hit; p++)
      hit = !strncmp(nm, *p, strlen(*p));
    if (hit) {
      char opt[KEY_LEN + 2];
      const char *near;
      Sfmt(opt, sizeof opt, "-%s", nm);
      PetscCall(SeenList(L));
      near = Closest(opt, (const char *const *)L->seenlist);
      if (near)
        FailMsg(L, "command line: %s \"%s\": not a key of this case (did you mean %s?)", opt,
                values[i] ? values[i] : "", near);
      else
        FailMsg(L,
                "command line: %s \"%s\": not a key of this case (case keys are options like "
                "-positive_thickness, -negative_kinetics_rate_constant, -rates)",
                opt, values[i] ? values[i] : "");
    }
  }
  PetscCall(PetscOptionsLeftRestore(NULL, &n, &names, &values));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- the resolved case as YAML ----------------------------------------------------------- */

typedef struct {
  char *s;
  size_t len, cap;
} Str;

static PetscErrorCode StrAdd(Str *b, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(2, 3);
static PetscErrorCode StrAdd(Str *b, const char *fmt, ...) {
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
static void Q(char *buf, size_t n, PetscReal v, const char *unit) {
  char num[40];
  FmtReal(num, sizeof num, (double)v);
  if (!unit || !strcmp(unit, "1"))
    Sfmt(buf, n, "%s", num);
  else
    Sfmt(buf, n, "\"%s %s\"", num, unit);
}

static PetscErrorCode AddQ(Str *b, int indent, const char *key, PetscReal v, const char *unit) {
  char q[128];
  PetscFunctionBeginUser;
  Q(q, sizeof q, v, unit);
  PetscCall(StrAdd(b, "%*s%s: %s\n", indent, "", key, q));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode AddQuoted(Str *b, const char *s) {
  PetscFunctionBeginUser;
  PetscCall(StrAdd(b, "\""));
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\')
      PetscCall(StrAdd(b, "\\%c", ch));
    else if (ch == '\n')
      PetscCall(StrAdd(b, "\\n"));
    else if (ch == '\t')
      PetscCall(StrAdd(b, "\\t"));
    else if (ch < 0x20 || ch == 0x7f)
      PetscCall(StrAdd(b, "\\x%02x", ch));
    else
      PetscCall(StrAdd(b, "%c", ch));
  }
  PetscCall(StrAdd(b, "\""));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode AddProp(Str *b, int indent, const char *key, const FvProperty *p,
                              const char *unit) {
  char q[128], ea[128], tr[128], sc[64];
  PetscFunctionBeginUser;
  Q(ea, sizeof ea, p->Ea, "J/mol");
  Q(tr, sizeof tr, p->Tref, "K");
  Q(sc, sizeof sc, p->scale, "1");
  switch (p->kind) {
  case FV_PROP_CONST:
    Q(q, sizeof q, p->value * p->scale, unit);
    if (p->Ea == 0)
      PetscCall(StrAdd(b, "%*s%s: %s\n", indent, "", key, q));
    else
      PetscCall(StrAdd(b, "%*s%s: {value: %s, activation_energy: %s, reference_temperature: %s}\n",
                       indent, "", key, q, ea, tr));
    break;
  case FV_PROP_FORM:
    PetscCall(StrAdd(b, "%*s%s: {form: %s, x: %s", indent, "", key, p->form,
                     p->arg == FV_ARG_CONC ? "concentration" : "sto"));
    if (p->scale != 1) PetscCall(StrAdd(b, ", scale: %s", sc));
    if (p->Ea != 0)
      PetscCall(StrAdd(b, ", activation_energy: %s, reference_temperature: %s", ea, tr));
    PetscCall(StrAdd(b, "}\n"));
    break;
  case FV_PROP_TABLE:
    PetscCall(StrAdd(b, "%*s%s:\n", indent, "", key));
    PetscCall(StrAdd(b, "%*s# from %s\n", indent + 2, "", p->source));
    PetscCall(
        StrAdd(b, "%*sx: %s\n", indent + 2, "", p->arg == FV_ARG_CONC ? "concentration" : "sto"));
    PetscCall(
        StrAdd(b, "%*sx_unit: \"%s\"\n", indent + 2, "", p->arg == FV_ARG_CONC ? "mol/m3" : "1"));
    PetscCall(StrAdd(b, "%*sy_unit: \"%s\"\n", indent + 2, "", unit));
    PetscCall(StrAdd(b, "%*sinterpolation: %s\n", indent + 2, "",
                     p->interp == FV_INTERP_LINEAR ? "linear" : "steffen"));
    PetscCall(StrAdd(b, "%*sextrapolate: %s\n", indent + 2, "", p->extrapolate ? "true" : "false"));
    if (p->scale != 1) PetscCall(StrAdd(b, "%*sscale: %s\n", indent + 2, "", sc));
    if (p->Ea != 0)
      PetscCall(StrAdd(b, "%*sactivation_energy: %s\n%*sreference_temperature: %s\n", indent + 2,
                       "", ea, indent + 2, "", tr));
    PetscCall(StrAdd(b, "%*stable:\n", indent + 2, ""));
    for (PetscInt i = 0; i < p->n; i++) {
      char xs[40], ys[40];
      FmtReal(xs, sizeof xs, (double)p->x[i]);
      FmtReal(ys, sizeof ys, (double)p->y[i]);
      PetscCall(StrAdd(b, "%*s- [%s, %s]\n", indent + 4, "", xs, ys));
    }
    break;
  default:
    break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- materials (models/materials/materials.h) ----------------------------------------------- */

static PetscErrorCode DestroyProps(FvCase *c);

/* Data-only keys: values a material file holds for models to come (mass, mechanics, solid
 * electrolytes); each is checked like any other value, then kept in FvMaterial, unused by the
 * solver.  A key not in its kind's lists is a typo and an error. */
typedef struct {
  const char *key;
  const Qty *q;        /* a quantity, or */
  const PropSpec *ps;  /* a property (constant, form or table) */
  PetscBool required;
} DataKey;

static const Qty Q_MOLAR_MASS   = {"kg/mol", "a positive molar mass", "97.28 g/mol", 0, INF, PETSC_TRUE, PETSC_TRUE};
static const Qty Q_MOLAR_VOLUME = {"m3/mol", "a positive molar volume", "1.3e-5 m3/mol", 0, INF, PETSC_TRUE, PETSC_TRUE};

static const char *const mat_meta_keys[] = {"name", "kind", "description", "sources", NULL};
/* keys that fill the case section the kind serves (the case schema's keys) */
static const char *const mat_active_keys[] = {"max_concentration", "specific_capacity", "density", "ocp",
                                              "diffusivity", "kinetics", NULL};
static const char *const mat_electrolyte_keys[] = {"initial_concentration", "cation_charge", "cation_stoichiometry",
                                                   "anion_stoichiometry", "conductivity", "diffusivity",
                                                   "transference_number", "thermodynamic_factor", NULL};
static const char *const mat_metal_keys[] = {"volumetric_capacity", "kinetics", NULL};
static const char *const mat_no_keys[]    = {NULL};
static const DataKey data_active[]        = {{"volume_change", NULL, &P_DVV, PETSC_FALSE},
                                             {"youngs_modulus", &Q_MODULUS, NULL, PETSC_FALSE},
                                             {"poisson_ratio", &Q_POISSON, NULL, PETSC_FALSE},
                                             {"molar_mass", &Q_MOLAR_MASS, NULL, PETSC_FALSE},
                                             {NULL, NULL, NULL, PETSC_FALSE}};
static const DataKey data_electrolyte[]   = {{"density", &Q_DENSITY, NULL, PETSC_FALSE}, {NULL, NULL, NULL, PETSC_FALSE}};
static const DataKey data_solid_electrolyte[] = {{"conductivity", NULL, &P_SE_SIGMA, PETSC_TRUE},
                                                 {"density", &Q_DENSITY, NULL, PETSC_FALSE},
                                                 {"ion_concentration", &Q_ION_CONC, NULL, PETSC_FALSE},
                                                 {"ion_charge", &Q_ION_CHARGE, NULL, PETSC_TRUE},
                                                 {"youngs_modulus", &Q_MODULUS, NULL, PETSC_FALSE},
                                                 {"poisson_ratio", &Q_POISSON, NULL, PETSC_FALSE},
                                                 {NULL, NULL, NULL, PETSC_FALSE}};
static const DataKey data_metal[]         = {{"density", &Q_DENSITY, NULL, PETSC_FALSE},
                                             {"molar_volume", &Q_MOLAR_VOLUME, NULL, PETSC_FALSE},
                                             {"specific_capacity", &Q_CAPACITY, NULL, PETSC_FALSE},
                                             {"conductivity", &Q_SIGMA, NULL, PETSC_FALSE},
                                             {"youngs_modulus", &Q_MODULUS, NULL, PETSC_FALSE},
                                             {"poisson_ratio", &Q_POISSON, NULL, PETSC_FALSE},
                                             {NULL, NULL, NULL, PETSC_FALSE}};
static const DataKey data_inactive[]      = {{"density", &Q_DENSITY, NULL, PETSC_TRUE},
                                             {"conductivity", &Q_SIGMA, NULL, PETSC_FALSE},
                                             {NULL, NULL, NULL, PETSC_FALSE}};

static const char *const *MatKeys(int kind) {
  switch (kind) {
  case FV_MAT_ACTIVE: return mat_active_keys;
  case FV_MAT_ELECTROLYTE: return mat_electrolyte_keys;
  case FV_MAT_METAL: return mat_metal_keys;
  default: return mat_no_keys;
  }
}

static const DataKey *MatData(int kind) {
  switch (kind) {
  case FV_MAT_ACTIVE: return data_active;
  case FV_MAT_ELECTROLYTE: return data_electrolyte;
  case FV_MAT_SOLID_ELECTROLYTE: return data_solid_electrolyte;
  case FV_MAT_METAL: return data_metal;
  default: return data_inactive;
  }
}

/* A library name, or a path to a material file? */
static PetscBool IsMaterialPath(const char *s) {
  size_t n = strlen(s);
  return (PetscBool)(strchr(s, '/') || (n > 5 && !strcmp(s + n - 5, ".yaml")));
}

static PetscErrorCode MatAddProp(FvMaterial *out, const char *key, const char *unit, PetscBool data_only,
                                 const FvProperty *p) {
  FvMaterialProperty *mp;
  PetscFunctionBeginUser;
  if (!out || p->kind == FV_PROP_UNSET) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCheck(out->nprops < FV_MAT_MAX_PROPS, PETSC_COMM_SELF, PETSC_ERR_SUP, "material %s: more than %d properties",
             out->name, FV_MAT_MAX_PROPS);
  mp = &out->props[out->nprops++];
  PetscCall(FvPropertyCopy(p, &mp->prop));
  Sfmt(mp->prop.name, sizeof mp->prop.name, "%s.%s", out->name, key);
  Sfmt(mp->key, sizeof mp->key, "%s", key);
  Sfmt(mp->unit, sizeof mp->unit, "%s", unit);
  mp->data_only = data_only;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode MatAddConst(FvMaterial *out, const char *key, const char *unit, PetscBool data_only,
                                  PetscReal value) {
  FvProperty p;
  PetscFunctionBeginUser;
  if (!out) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(FvPropertySetConstant(&p, key, value));
  PetscCall(MatAddProp(out, key, unit, data_only, &p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Does map (of doc) have key k?  *node: its value. */
static PetscBool MapGet(yaml_document_t *doc, yaml_node_t *map, const char *k, yaml_node_t **node, int *line) {
  if (!map || map->type != YAML_MAPPING_NODE) return PETSC_FALSE;
  for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
    const char *kk = NodeScalar(yaml_document_get_node(doc, pr->key));
    if (kk && !strcmp(kk, k)) {
      if (node) *node = yaml_document_get_node(doc, pr->value);
      if (line) *line = NodeLine(yaml_document_get_node(doc, pr->key));
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
  PetscCall(Lookup(L, root, "sources", &vs));
  if (!vs.present || !vs.node || vs.node->type != YAML_MAPPING_NODE) {
    Fail(L, &vs,
         "expected sources: a map from each property key to its citation (paper and DOI, or the seed line), e.g. "
         "{ocp: \"Chen et al., J. Electrochem. Soc. 167, 080534 (2020), doi:10.1149/1945-7111/ab9050\"}");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  smap = vs.node;
  for (yaml_node_pair_t *pr = root->map->data.mapping.pairs.start; pr < root->map->data.mapping.pairs.top && np < 63;
       pr++) {
    const char *k = NodeScalar(yaml_document_get_node(doc, pr->key));
    if (k && !InList(k, mat_meta_keys)) present[np++] = k;
  }
  present[np] = NULL;
  /* each entry: a citation for a key that is there */
  for (yaml_node_pair_t *pr = smap->data.mapping.pairs.start; pr < smap->data.mapping.pairs.top; pr++) {
    yaml_node_t *kn = yaml_document_get_node(doc, pr->key), *vn = yaml_document_get_node(doc, pr->value), *pv = NULL;
    const char *k   = NodeScalar(kn);
    char top[KEY_LEN], *sub;
    Val v;
    PetscCall(PetscMemzero(&v, sizeof v));
    Sfmt(v.key, sizeof v.key, "sources.%s", k ? k : "?");
    v.line    = NodeLine(kn);
    v.present = PETSC_TRUE;
    v.node    = vn;
    v.isnull  = IsNullScalar(vn);
    v.str     = v.isnull ? NULL : NodeScalar(vn);
    if (!k) {
      Fail(L, &v, "a key must be a plain name");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    for (yaml_node_pair_t *q = smap->data.mapping.pairs.start; q < pr; q++) {
      const char *k2 = NodeScalar(yaml_document_get_node(doc, q->key));
      if (k2 && !strcmp(k, k2)) {
        Fail(L, &v, "duplicate key \"%s\" (first given at line %d)", k, NodeLine(yaml_document_get_node(doc, q->key)));
        PetscFunctionReturn(PETSC_SUCCESS);
      }
    }
    Sfmt(top, sizeof top, "%s", k);
    sub = strchr(top, '.');
    if (sub) *sub++ = 0;
    if (!InList(top, present)) {
      const char *near = Closest(top, present);
      if (near)
        Fail(L, &v, "no property \"%s\" in this material (did you mean \"%s\"?)", top, near);
      else
        Fail(L, &v, "no property \"%s\" in this material: sources cite the keys the file gives", top);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (sub && (!MapGet(doc, root->map, top, &pv, NULL) || !MapGet(doc, pv, sub, NULL, NULL))) {
      Fail(L, &v, "no key \"%s\" in %s of this material", sub, top);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    {
      const char *t = v.str;
      while (t && isspace((unsigned char)*t)) t++;
      if (!t || !*t || (vn && vn->type != YAML_SCALAR_NODE)) {
        Fail(L, &v, "expected a citation text (paper and DOI, or the seed line)");
        PetscFunctionReturn(PETSC_SUCCESS);
      }
    }
    if (out && out->nsources < FV_MAT_MAX_SOURCES) {
      Sfmt(out->source_key[out->nsources], sizeof out->source_key[0], "%s", k);
      Sfmt(out->source[out->nsources], sizeof out->source[0], "%s", v.str);
      out->nsources++;
    }
  }
  /* each key: a citation */
  for (yaml_node_pair_t *pr = root->map->data.mapping.pairs.start; pr < root->map->data.mapping.pairs.top; pr++) {
    yaml_node_t *kn = yaml_document_get_node(doc, pr->key), *vn = yaml_document_get_node(doc, pr->value);
    const char *k   = NodeScalar(kn);
    Val v;
    if (!k || InList(k, mat_meta_keys) || MapGet(doc, smap, k, NULL, NULL)) continue;
    PetscCall(PetscMemzero(&v, sizeof v));
    v.present = PETSC_TRUE;
    if (vn && vn->type == YAML_MAPPING_NODE) { /* a citation per key of the map will do */
      for (yaml_node_pair_t *q = vn->data.mapping.pairs.start; q < vn->data.mapping.pairs.top; q++) {
        yaml_node_t *skn = yaml_document_get_node(doc, q->key), *svn = yaml_document_get_node(doc, q->value);
        const char *sk   = NodeScalar(skn);
        char full[KEY_LEN];
        Sfmt(full, sizeof full, "%s.%s", k, sk ? sk : "?");
        if (MapGet(doc, smap, full, NULL, NULL)) continue;
        Sfmt(v.key, sizeof v.key, "%s", full);
        v.line   = NodeLine(skn);
        v.node   = svn;
        v.isnull = IsNullScalar(svn);
        v.str    = v.isnull ? NULL : NodeScalar(svn);
        Fail(L, &v,
             "expected a source: sources has no entry for %s (nor for %s); every value carries its citation "
             "(paper and DOI, or the seed line)",
             full, k);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      continue;
    }
    Sfmt(v.key, sizeof v.key, "%s", k);
    v.line   = NodeLine(kn);
    v.node   = vn;
    v.isnull = IsNullScalar(vn);
    v.str    = v.isnull ? NULL : NodeScalar(vn);
    Fail(L, &v,
         "expected a source: sources has no entry for %s; every value carries its citation (paper and DOI, or the "
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
  root.line = NodeLine(m->root);
  PetscCall(GetWord(L, &root, "kind", mat_kinds, "a material kind: active, electrolyte, solid_electrolyte, metal or inactive",
                    -1, &kind, &vk));
  if (!L->failed && !vk.present)
    Fail(L, &vk, "expected kind: active, electrolyte, solid_electrolyte, metal or inactive");
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  m->kind = kind;
  Sfmt(L->root_what, sizeof L->root_what, "a material of kind %s", mat_kinds[kind]);
  for (const char *const *k = mat_meta_keys; *k; k++) known[nk++] = *k;
  for (const char *const *k = MatKeys(kind); *k; k++) known[nk++] = *k;
  for (const DataKey *d = MatData(kind); d->key; d++)
    if (!InList(d->key, known)) known[nk++] = d->key;
  known[nk] = NULL;
  CheckKeys(L, &root, known);

  PetscCall(GetText(L, &root, "name", text, sizeof text, &vn));
  if (!L->failed && !vn.present)
    Fail(L, &vn, "expected name: \"%s\" (a material's name is its file name without .yaml)", m->name);
  else if (!L->failed && strcmp(text, m->name))
    Fail(L, &vn, "expected \"%s\": a material's name is its file name without .yaml", m->name);
  PetscCall(GetText(L, &root, "description", text, sizeof text, &vd));
  if (!L->failed && (!vd.present || !text[0]))
    Fail(L, &vd, "expected a description: one line saying what the material is and where its values come from");
  if (out && !L->failed) {
    Sfmt(out->name, sizeof out->name, "%s", m->name);
    Sfmt(out->path, sizeof out->path, "%s", m->path);
    Sfmt(out->description, sizeof out->description, "%s", text);
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
    PetscCall(LoadCmax(L, &root, r));
    PetscCall(LoadActiveProps(L, &root, r));
    if (L->failed || !out) break;
    out->c_max = r->c_max;
    PetscCall(Lookup(L, &root, "specific_capacity", &vcap));
    PetscCall(Lookup(L, &root, "density", &vden));
    PetscCall(MatAddConst(out, "max_concentration", "mol/m3", PETSC_FALSE, r->c_max));
    if (vcap.present) {
      PetscCall(QtyOf(L, &vcap, &Q_CAPACITY, NULL, &x));
      PetscCall(MatAddConst(out, "specific_capacity", "A s/kg", PETSC_FALSE, x));
    }
    if (vden.present) {
      PetscCall(QtyOf(L, &vden, &Q_DENSITY, NULL, &x));
      PetscCall(MatAddConst(out, "density", "kg/m3", (PetscBool)!vcap.present, x));
    }
    PetscCall(MatAddProp(out, "ocp", "V", PETSC_FALSE, &r->ocp));
    PetscCall(MatAddProp(out, "diffusivity", "m2/s", PETSC_FALSE, &r->Ds));
    {
      char k0unit[128], mrefunit[128];
      PetscReal ex = r->ce_ref > 0 ? r->alpha_a + r->alpha_c : 2 * r->alpha_a + r->alpha_c;
      RateUnits(ex, k0unit, sizeof k0unit, mrefunit, sizeof mrefunit);
      PetscCall(MatAddProp(out, "kinetics.rate_constant", k0unit, PETSC_FALSE, &r->k0));
    }
    PetscCall(MatAddConst(out, "kinetics.alpha_a", "1", PETSC_FALSE, r->alpha_a));
    PetscCall(MatAddConst(out, "kinetics.alpha_c", "1", PETSC_FALSE, r->alpha_c));
    PetscCall(MatAddConst(out, "kinetics.film_resistance", "ohm m2", PETSC_FALSE, r->R_film));
    if (r->ce_ref > 0) PetscCall(MatAddConst(out, "kinetics.reference_concentration", "mol/m3", PETSC_FALSE, r->ce_ref));
  } break;
  case FV_MAT_ELECTROLYTE: {
    FvElectrolyte *e = &c->electrolyte;
    PetscCall(LoadElectrolyteKeys(L, &root, e, PETSC_FALSE));
    if (L->failed || !out) break;
    out->c_ref = e->c0;
    if (e->c0 > 0) PetscCall(MatAddConst(out, "initial_concentration", "mol/m3", PETSC_FALSE, e->c0));
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
    PetscCall(LoadMetalKinetics(L, &root, r));
    PetscCall(GetQty(L, &root, "volumetric_capacity", &Q_VOLQ, PETSC_TRUE, 0, &v, &volq));
    if (L->failed || !out) break;
    PetscCall(MatAddConst(out, "volumetric_capacity", "C/m3", PETSC_FALSE, volq));
    PetscCall(MatAddConst(out, "kinetics.exchange_current_density", "A/m2", PETSC_FALSE, r->i0_metal));
    if (r->ce_ref > 0) PetscCall(MatAddConst(out, "kinetics.reference_concentration", "mol/m3", PETSC_FALSE, r->ce_ref));
    PetscCall(MatAddConst(out, "kinetics.concentration_exponent", "1", PETSC_FALSE, r->metal_ce_exponent));
    PetscCall(MatAddConst(out, "kinetics.alpha_a", "1", PETSC_FALSE, r->alpha_a));
    PetscCall(MatAddConst(out, "kinetics.alpha_c", "1", PETSC_FALSE, r->alpha_c));
    PetscCall(MatAddConst(out, "kinetics.film_resistance", "ohm m2", PETSC_FALSE, r->R_film));
    break;
  default:
    break;
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);

  /* data-only keys */
  for (const DataKey *d = MatData(kind); d->key && !L->failed; d++) {
    FvProperty p;
    PetscReal x;
    if (kind == FV_MAT_ACTIVE && !strcmp(d->key, "density")) continue; /* done with c_max */
    if (d->ps) {
      PetscCall(GetProp(L, &root, d->key, d->ps, d->required, &p, &v));
      if (!L->failed && v.present && d->ps == &P_SE_SIGMA && p.kind != FV_PROP_CONST)
        Fail(L, &v, "expected %s (e.g. \"%s\"), or {value: ..., activation_energy: ...}", d->ps->q->what,
             d->ps->q->example);
      if (!L->failed && v.present) PetscCall(MatAddProp(out, d->key, d->ps->q->unit, PETSC_TRUE, &p));
      PetscCall(FvPropertyDestroy(&p));
    } else {
      PetscCall(GetQty(L, &root, d->key, d->q, d->required, 0, &v, &x));
      if (!L->failed && v.present && d->q == &Q_ION_CHARGE && x != PetscFloorReal(x))
        Fail(L, &v, "expected %s (e.g. \"%s\")", d->q->what, d->q->example);
      if (!L->failed && v.present) PetscCall(MatAddConst(out, d->key, d->q->unit, PETSC_TRUE, x));
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Parse and validate the material file at path into m (its document stays in m when *ok) and,
 * when out is given, into out.  *notfound: the file does not exist. */
static PetscErrorCode MatLoad(MPI_Comm comm, FvUnits units, const char *path, MatFile *m, FvMaterial *out,
                              PetscBool *ok, PetscBool *notfound, char *msg, size_t msglen) {
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
  Sfmt(m->path, sizeof m->path, "%s", path);
  DirName(path, m->dir, sizeof m->dir);
  { /* its name: the file name without directory and .yaml */
    const char *slash = strrchr(path, '/');
    char *dot;
    Sfmt(m->name, sizeof m->name, "%s", slash ? slash + 1 : path);
    dot = strrchr(m->name, '.');
    if (dot && dot != m->name && !strcmp(dot, ".yaml")) *dot = 0;
  }
  PetscCall(ReadFileBcast(comm, path, &text, &len, &err));
  if (err) {
    *notfound = (PetscBool)(err == ENOENT);
    Sfmt(msg, msglen, "%s: cannot read the material file: %s", path, strerror(err));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(PetscNew(&L));
  PetscCall(PetscNew(&scratch));
  L->comm          = comm;
  L->units         = units;
  L->origin        = m->path;
  L->material_file = PETSC_TRUE;
  L->c             = scratch;
  Sfmt(L->dir, sizeof L->dir, "%s", m->dir);
  scratch->F                   = FV_CODATA_F;
  scratch->R                   = FV_CODATA_R;
  scratch->T                   = FV_TREF_DEFAULT;
  scratch->electrolyte.zplus   = 1;
  scratch->electrolyte.nuplus  = 1;
  scratch->electrolyte.numinus = 1;
  PetscCall(ParseYaml(text, len, &m->doc, &pok, why, sizeof why, &line));
  free(text);
  if (!pok)
    FailMsg(L, "%s:%d: invalid YAML: %s", path, line, why);
  else {
    m->has_doc = PETSC_TRUE;
    m->root    = yaml_document_get_root_node(&m->doc);
    if (!m->root)
      FailMsg(L, "%s:1: empty material file: expected a YAML map (name, kind, description, sources and the material's keys)",
              path);
    else if (m->root->type != YAML_MAPPING_NODE)
      FailMsg(L, "%s:%d: expected a YAML map (name, kind, description, sources and the material's keys) at the top level",
              path, NodeLine(m->root));
    else
      PetscCall(MatValidate(L, m, out));
  }
  if (L->failed) {
    Sfmt(msg, msglen, "%s", L->msg);
    if (m->has_doc) yaml_document_delete(&m->doc);
    m->has_doc = PETSC_FALSE;
    m->root    = NULL;
    if (out) PetscCall(FvMaterialDestroy(out));
  } else
    *ok = PETSC_TRUE;
  PetscCall(DestroyProps(scratch));
  PetscCall(PetscFree(scratch));
  for (int i = 0; i < L->nseen; i++) PetscCall(PetscFree(L->seen[i]));
  PetscCall(PetscFree(L->seen));
  PetscCall(PetscFree(L->seenlist));
  PetscCall(PetscFree(L));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode MatFileDestroy(MatFile **m) {
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
    Sfmt(dir, len, "%s", env);
  else
    Sfmt(dir, len, "%s", FVCELL_SOURCE_DIR "/models/materials");
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
    PetscCall(StrAdd(&b, "%s", ""));
    while (d && (e = readdir(d))) {
      size_t l = strlen(e->d_name);
      if (e->d_name[0] == '.' || l <= 5 || strcmp(e->d_name + l - 5, ".yaml")) continue;
      PetscCall(StrAdd(&b, "%.*s\n", (int)(l - 5), e->d_name));
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
  for (PetscInt i = 0; i < n; i++) PetscCall(PetscFree((*names)[i]));
  PetscCall(PetscFree(*names));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static int ContainsCI(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  if (!n) return 0;
  for (; *hay; hay++) {
    size_t i = 0;
    while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i])) i++;
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
    for (int j = 0; j < np; j++) dup |= pick[j] == names[i];
    if (!dup && ContainsCI(names[i], word)) pick[np++] = names[i];
  }
  if (!np && n) {
    const char *near = Closest(word, (const char *const *)names);
    if (near) pick[np++] = near;
  }
  if (!np)
    Sfmt(buf, len, "`fvcell materials` lists them");
  else {
    Sfmt(buf, len, "did you mean ");
    for (int j = 0; j < np; j++) {
      size_t l = strlen(buf);
      Sfmt(buf + l, len - l, "%s\"%s\"", j == 0 ? "" : j == np - 1 ? " or " : ", ", pick[j]);
    }
    strncat(buf, "?", len - strlen(buf) - 1);
  }
  PetscCall(FvMaterialsNamesDestroy(n, &names));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The material a case section names (`material: NAME` or a path), loaded and validated once per
 * section; *out = NULL when the section names none.  v: the `material` value (for messages). */
static PetscErrorCode SectionMaterial(Loader *L, const Sec *s, int slot, Val *v, MatFile **out) {
  PetscFunctionBeginUser;
  PetscCall(SectionMaterialKey(L, s, "material", slot, v, out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The same for another key naming a material (carbon_material, binder_material). */
static PetscErrorCode SectionMaterialKey(Loader *L, const Sec *s, const char *key, int slot, Val *v, MatFile **out) {
  char path[FV_PATH_LEN], dir[FV_PATH_LEN], msg[MSG_LEN];
  PetscBool ok, notfound, is_path;
  MatFile *m;
  PetscFunctionBeginUser;
  *out = NULL;
  PetscCall(PetscMemzero(v, sizeof *v));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(Lookup(L, s, key, v));
  if (L->failed || !v->present) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->mat[slot]) {
    *out = L->mat[slot];
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!v->str || !v->str[0]) {
    Fail(L, v, "expected the name of a material (`fvcell materials` lists the library) or the path of a material file");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(FvMaterialsDir(dir, sizeof dir));
  is_path = IsMaterialPath(v->str);
  if (is_path)
    ResolvePath(L, v->org, v->str, path, sizeof path);
  else if (!ValidName(v->str)) {
    Fail(L, v, "expected the name of a material (letters, digits, '_', '-', '.'; `fvcell materials` lists them)");
    PetscFunctionReturn(PETSC_SUCCESS);
  } else
    Sfmt(path, sizeof path, "%s/%s.yaml", dir, v->str);
  PetscCall(PetscNew(&m));
  PetscCall(MatLoad(L->comm, L->units, path, m, NULL, &ok, &notfound, msg, sizeof msg));
  if (!ok) {
    if (notfound && !is_path) {
      char sugg[512];
      PetscCall(SuggestMaterial(L->comm, v->str, sugg, sizeof sugg));
      Fail(L, v, "no material \"%s\" in %s (%s)", v->str, dir, sugg);
    } else if (notfound)
      Fail(L, v, "expected a material file: %s does not exist", path);
    else if (v->cmdline)
      FailMsg(L, "%s (material \"%s\" named on the command line: %s)", msg, m->name, v->opt);
    else
      FailMsg(L, "%s (material \"%s\" named at %s:%d: %s)", msg, m->name, v->org ? v->org->path : L->origin, v->line,
              v->key);
    PetscCall(MatFileDestroy(&m));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (v->cmdline)
    Sfmt(m->via, sizeof m->via, "the command line: %s", v->opt);
  else
    Sfmt(m->via, sizeof m->via, "%s:%d: %s", L->origin, v->line, v->key);
  L->mat[slot] = m;
  *out         = m;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvMaterialLoad(MPI_Comm comm, const char *name, FvMaterial *out, PetscBool *ok, char *msg,
                              size_t msglen) {
  char path[FV_PATH_LEN], dir[FV_PATH_LEN];
  FvUnits units;
  MatFile *m;
  PetscBool notfound;
  PetscFunctionBeginUser;
  PetscCall(FvMaterialsDir(dir, sizeof dir));
  if (IsMaterialPath(name))
    Sfmt(path, sizeof path, "%s", name);
  else
    Sfmt(path, sizeof path, "%s/%s.yaml", dir, name);
  PetscCall(FvUnitsCreate(&units));
  PetscCall(PetscNew(&m));
  PetscCall(MatLoad(comm, units, path, m, out, ok, &notfound, msg, msglen));
  if (!*ok && notfound && !IsMaterialPath(name)) {
    char sugg[512];
    PetscCall(SuggestMaterial(comm, name, sugg, sizeof sugg));
    Sfmt(msg, msglen, "no material \"%s\" in %s (%s)", name, dir, sugg);
  }
  PetscCall(MatFileDestroy(&m));
  PetscCall(FvUnitsDestroy(&units));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvMaterialDestroy(FvMaterial *m) {
  PetscFunctionBeginUser;
  if (!m) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt i = 0; i < m->nprops; i++) PetscCall(FvPropertyDestroy(&m->props[i].prop));
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
  PetscCall(PetscPrintf(comm, "\nmaterial library %s (use as material: NAME; -materials_dir DIR or FVCELL_MATERIALS to change):\n", dir));
  if (!n) PetscCall(PetscPrintf(comm, "  (no material files: the directory is empty or cannot be read)\n"));
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

/* For the record: the material a section was read over (a comment: the values are all explicit). */
static PetscErrorCode AddMaterialNote(Str *b, const MatFile *m) {
  PetscFunctionBeginUser;
  if (m) PetscCall(StrAdd(b, "  # material: %s (%s)\n", m->name, m->path));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A region's solid electrolyte, resolved (indent 2). */
static PetscErrorCode AddSolidElectrolyte(Str *b, const FvRegion *r, const MatFile *m) {
  const FvSolidElectrolyte *se = &r->se;
  PetscFunctionBeginUser;
  PetscCall(StrAdd(b, "  solid_electrolyte:\n"));
  if (m) PetscCall(StrAdd(b, "    # material: %s (%s)\n", m->name, m->path));
  PetscCall(AddProp(b, 4, "conductivity", &se->sigma, "S/m"));
  PetscCall(AddQ(b, 4, "ion_concentration", se->c_ion, "mol/m3"));
  PetscCall(AddQ(b, 4, "ion_charge", se->zplus, "1"));
  if (se->density > 0) PetscCall(AddQ(b, 4, "density", se->density, "kg/m3"));
  if (se->E > 0) PetscCall(AddQ(b, 4, "youngs_modulus", se->E, "Pa"));
  if (se->nu != 0) PetscCall(AddQ(b, 4, "poisson_ratio", se->nu, "1"));
  switch (se->law) {
  case FV_SIGMA_PERCOLATION:
    PetscCall(StrAdd(b, "    effective_conductivity: percolation\n"));
    PetscCall(AddQ(b, 4, "percolation_threshold", se->threshold, "1"));
    PetscCall(AddQ(b, 4, "percolation_exponent", se->exponent, "1"));
    break;
  case FV_SIGMA_BRUGGEMAN:
    PetscCall(StrAdd(b, "    effective_conductivity: bruggeman\n"));
    PetscCall(AddQ(b, 4, "bruggeman", se->exponent, "1"));
    break;
  case FV_SIGMA_MEASURED:
    PetscCall(StrAdd(b, "    effective_conductivity: measured\n"));
    PetscCall(AddQ(b, 4, "measured_conductivity", se->sigma_measured, "S/m"));
    break;
  }
  PetscCall(AddQ(b, 4, "volume_fraction", r->eps_se, "1"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The composite-electrode keys of a porous electrode, resolved: volume fractions and densities of the
 * other solids, loading and window capacity, particle families, contact mechanics.  A plain liquid
 * electrode (one family in full contact, no other solids) writes particle_radius only. */
static PetscErrorCode AddComposite(Str *b, const FvCase *c, const FvRegion *r, const MatFile *mse) {
  const PetscBool composite = (PetscBool)(r->se.present || r->eps_carbon > 0 || r->eps_binder > 0);
  const FvContact *ct       = &r->contact;
  PetscFunctionBeginUser;
  if (r->se.present) PetscCall(AddSolidElectrolyte(b, r, mse));
  if (r->eps_carbon > 0) PetscCall(AddQ(b, 2, "carbon_fraction", r->eps_carbon, "1"));
  if (r->eps_binder > 0) PetscCall(AddQ(b, 2, "binder_fraction", r->eps_binder, "1"));
  if (r->rho_carbon > 0) PetscCall(AddQ(b, 2, "carbon_density", r->rho_carbon, "kg/m3"));
  if (r->rho_binder > 0) PetscCall(AddQ(b, 2, "binder_density", r->rho_binder, "kg/m3"));
  if (composite && r->rho_am > 0) { /* the active density (data) and the loading it gives */
    PetscCall(AddQ(b, 2, "density", r->rho_am, "kg/m3"));
    PetscCall(AddQ(b, 2, "active_loading", r->eps_am * r->thickness * r->rho_am, "kg/m2"));
  }
  if (r->sto_window[0] != r->sto_window[1]) {
    char w0[40], w1[40];
    FmtReal(w0, sizeof w0, (double)r->sto_window[0]);
    FmtReal(w1, sizeof w1, (double)r->sto_window[1]);
    PetscCall(StrAdd(b, "  stoichiometry_window: [%s, %s]\n", w0, w1));
    PetscCall(AddQ(b, 2, "areal_capacity",
                   r->eps_am * r->thickness * r->c_max * r->n_electrons * c->F *
                       PetscAbsReal(r->sto_window[1] - r->sto_window[0]),
                   "C/m2"));
  }
  if (r->se.present) PetscCall(AddQ(b, 2, "interface_resistance", r->R_interface, "ohm m2"));
  if (r->nfam == 1 && r->fam_f0[0] == 1 && !ct->enabled)
    PetscCall(AddQ(b, 2, "particle_radius", r->radius, "m"));
  else {
    PetscCall(StrAdd(b, "  particle_families:\n"));
    for (PetscInt k = 0; k < r->nfam; k++) {
      char rad[128], fr[64], f0[64];
      Q(rad, sizeof rad, r->fam_radius[k], "m");
      Q(fr, sizeof fr, r->fam_fraction[k], "1");
      Q(f0, sizeof f0, r->fam_f0[k], "1");
      PetscCall(StrAdd(b, "    - {radius: %s, fraction: %s, initial_contact: %s}\n", rad, fr, f0));
    }
  }
  if (ct->enabled) {
    PetscCall(StrAdd(b, "  contact:\n"));
    PetscCall(AddQ(b, 4, "strain_scale", ct->e_c, "1"));
    PetscCall(AddQ(b, 4, "irreversibility", ct->k_irr, "1"));
    PetscCall(AddQ(b, 4, "isolation_threshold", ct->f_iso, "1"));
    PetscCall(AddQ(b, 4, "isolation_width", ct->iso_width, "1"));
    PetscCall(AddQ(b, 4, "gap_smoothing", ct->gap_width, "1"));
    PetscCall(AddQ(b, 4, "fabrication_stoichiometry", ct->sto_fab, "1"));
    PetscCall(AddProp(b, 2, "volume_change", &ct->dvv, "1"));
    PetscCall(AddQ(b, 2, "youngs_modulus", ct->E_am, "Pa"));
    PetscCall(AddQ(b, 2, "poisson_ratio", ct->nu_am, "1"));
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
    PetscCall(AddQ(b, indent, key, f->value, unit));
    break;
  case FV_FIELDSPEC_GAUSSIAN:
    Q(q1, sizeof q1, f->mean, unit);
    Q(q2, sizeof q2, f->std, unit);
    Q(q3, sizeof q3, f->corr_length, "m");
    PetscCall(StrAdd(
        b,
        "%*s%s: {kind: gaussian, mean: %s, std: %s, correlation_length: %s, seed: %" PetscInt_FMT
        ", modes: %" PetscInt_FMT,
        indent, "", key, q1, q2, q3, f->seed, f->nmodes));
    Q(q1, sizeof q1, f->min, unit);
    Q(q2, sizeof q2, f->max, unit);
    if (f->min > -PETSC_MAX_REAL) PetscCall(StrAdd(b, ", min: %s", q1));
    if (f->max < PETSC_MAX_REAL) PetscCall(StrAdd(b, ", max: %s", q2));
    PetscCall(StrAdd(b, "}\n"));
    break;
  case FV_FIELDSPEC_VOXEL:
    PetscCall(StrAdd(b, "%*s%s: {kind: voxel, file: ", indent, "", key));
    PetscCall(AddQuoted(b, f->file));
    PetscCall(StrAdd(b, ", variable: "));
    PetscCall(AddQuoted(b, f->variable));
    if (f->phase >= 0) PetscCall(StrAdd(b, ", phase: %" PetscInt_FMT, f->phase));
    PetscCall(StrAdd(b, "}\n"));
    break;
  case FV_FIELDSPEC_PATCHES:
    Q(q1, sizeof q1, f->value, unit);
    Q(q2, sizeof q2, f->background, unit);
    PetscCall(StrAdd(b, "%*s%s: {kind: patches, value: %s, background: %s, patches: [", indent, "",
                     key, q1, q2));
    for (PetscInt i = 0; i < f->npatches; i++) {
      Q(q1, sizeof q1, f->patch[i][0], "m");
      Q(q2, sizeof q2, f->patch[i][1], "m");
      PetscCall(StrAdd(b, "%s{y: [%s, %s]", i ? ", " : "", q1, q2));
      if (f->patch[i][2] > -PETSC_MAX_REAL || f->patch[i][3] < PETSC_MAX_REAL) {
        Q(q1, sizeof q1, f->patch[i][2], "m");
        Q(q2, sizeof q2, f->patch[i][3], "m");
        PetscCall(StrAdd(b, ", z: [%s, %s]", q1, q2));
      }
      PetscCall(StrAdd(b, "}"));
    }
    PetscCall(StrAdd(b, "]}\n"));
    break;
  case FV_FIELDSPEC_RANDOM_VOIDS:
    Q(q1, sizeof q1, f->void_fraction, "1");
    Q(q2, sizeof q2, f->corr_length, "m");
    Q(q3, sizeof q3, f->background, unit);
    PetscCall(StrAdd(b,
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
  PetscCall(StrAdd(b, "  fields:\n"));
  PetscCall(AddField(b, 4, r->se.present ? "solid_electrolyte_fraction" : "porosity",
                     &r->field[FV_PF_EPS], "1"));
  PetscCall(AddField(b, 4, "particle_radius", &r->field[FV_PF_RADIUS], "m"));
  PetscCall(AddField(b, 4, "electronic_conductivity", &r->field[FV_PF_SIGMA_S], "S/m"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode BuildYaml(Loader *L) {
  static const char *const names[] = {"negative", "separator", "positive"};
  FvCase *c                        = L->c;
  Str b                            = {NULL, 0, 0};
  const FvElectrolyte *e           = &c->electrolyte;
  PetscFunctionBeginUser;
  PetscCall(StrAdd(&b, "# fvcell resolved case: every value in SI units\n# source: %s\n",
                   c->path[0] ? c->path : default_origin));
  PetscCall(StrAdd(&b, "name: "));
  PetscCall(AddQuoted(&b, c->name));
  PetscCall(StrAdd(&b, "\n"));
  if (L->description[0]) {
    PetscCall(StrAdd(&b, "description: "));
    PetscCall(AddQuoted(&b, L->description));
    PetscCall(StrAdd(&b, "\n"));
  }
  PetscCall(StrAdd(&b, "constants:\n"));
  PetscCall(AddQ(&b, 2, "faraday", c->F, "C/mol"));
  PetscCall(AddQ(&b, 2, "gas_constant", c->R, "J/mol/K"));
  PetscCall(AddQ(&b, 0, "temperature", c->T, "K"));
  if (c->liquid) {
    PetscCall(StrAdd(&b, "electrolyte:\n"));
    PetscCall(AddMaterialNote(&b, L->mat[MAT_SLOT_ELECTROLYTE]));
    PetscCall(AddQ(&b, 2, "initial_concentration", e->c0, "mol/m3"));
    PetscCall(AddQ(&b, 2, "cation_charge", e->zplus, "1"));
    PetscCall(AddQ(&b, 2, "cation_stoichiometry", e->nuplus, "1"));
    PetscCall(AddQ(&b, 2, "anion_stoichiometry", e->numinus, "1"));
    PetscCall(AddProp(&b, 2, "conductivity", &e->kappa, "S/m"));
    PetscCall(AddProp(&b, 2, "diffusivity", &e->D, "m2/s"));
    PetscCall(AddProp(&b, 2, "transference_number", &e->tplus, "1"));
    PetscCall(AddProp(&b, 2, "thermodynamic_factor", &e->tdf, "1"));
  } else
    PetscCall(StrAdd(&b, "# no liquid electrolyte: every porous region has a solid_electrolyte section\n"));
  { /* the cell: stack pressure and the stack unit of the energy accounting, all resolved */
    const FvStackSpec *st = &c->stack;
    PetscCall(StrAdd(&b, "cell:\n"));
    if (c->stack_pressure > 0) PetscCall(AddQ(&b, 2, "stack_pressure", c->stack_pressure, "Pa"));
    PetscCall(AddQ(&b, 2, "positive_collector_thickness", st->pos_cc_thickness, "m"));
    PetscCall(AddQ(&b, 2, "positive_collector_density", st->pos_cc_density, "kg/m3"));
    PetscCall(AddQ(&b, 2, "negative_collector_thickness", st->neg_cc_thickness, "m"));
    PetscCall(AddQ(&b, 2, "negative_collector_density", st->neg_cc_density, "kg/m3"));
    PetscCall(StrAdd(&b, "  double_coated: %s\n", st->double_coated ? "true" : "false"));
    PetscCall(AddQ(&b, 2, "liquid_density", st->liquid_density, "kg/m3"));
    PetscCall(AddQ(&b, 2, "separator_matrix_density", st->separator_matrix_density, "kg/m3"));
    PetscCall(AddQ(&b, 2, "packaging_mass_fraction", st->packaging_mass, "1"));
    PetscCall(AddQ(&b, 2, "packaging_volume_fraction", st->packaging_volume, "1"));
  }
  { /* the mesh (issue 6), when it is not the default 1D one */
    const FvMeshSpec *m = &c->mesh;
    if (m->dim > 1 || m->x_grading != 1 || m->output_stride != 1) {
      char q[128];
      PetscCall(StrAdd(&b, "mesh:\n  dimension: %" PetscInt_FMT "\n", m->dim));
      Q(q, sizeof q, m->Ly, "m");
      if (m->dim > 1)
        PetscCall(StrAdd(&b, "  y: {length: %s, cells: %" PetscInt_FMT "}\n", q, m->ny));
      Q(q, sizeof q, m->Lz, "m");
      if (m->dim > 2)
        PetscCall(StrAdd(&b, "  z: {length: %s, cells: %" PetscInt_FMT "}\n", q, m->nz));
      PetscCall(AddQ(&b, 2, "x_grading", m->x_grading, "1"));
      PetscCall(StrAdd(&b, "  output_stride: %" PetscInt_FMT "\n", m->output_stride));
    }
  }
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegion *r = &c->region[g];
    PetscCall(StrAdd(&b, "%s:\n", names[g]));
    PetscCall(AddMaterialNote(&b, L->mat[g]));
    if (r->metal) {
      PetscCall(StrAdd(&b, "  type: metal\n"));
      PetscCall(AddQ(&b, 2, "areal_capacity", r->metal_capacity, "C/m2"));
      PetscCall(StrAdd(&b, "  kinetics:\n"));
      PetscCall(AddQ(&b, 4, "exchange_current_density", r->i0_metal, "A/m2"));
      if (r->ce_ref > 0) PetscCall(AddQ(&b, 4, "reference_concentration", r->ce_ref, "mol/m3"));
      PetscCall(AddQ(&b, 4, "concentration_exponent", r->metal_ce_exponent, "1"));
      PetscCall(AddQ(&b, 4, "alpha_a", r->alpha_a, "1"));
      PetscCall(AddQ(&b, 4, "alpha_c", r->alpha_c, "1"));
      PetscCall(AddQ(&b, 4, "film_resistance", r->R_film, "ohm m2"));
      PetscCall(AddField(&b, 2, "contact_map", &r->contact_map, "1"));
      continue;
    }
    PetscCall(AddQ(&b, 2, "thickness", r->thickness, "m"));
    PetscCall(StrAdd(&b, "  cells: %" PetscInt_FMT "\n", r->ncells));
    PetscCall(AddQ(&b, 2, "porosity", r->porosity, "1"));
    PetscCall(AddQ(&b, 2, "bruggeman", r->brugg_e, "1"));
    if (g == FV_SEP) {
      if (r->se.present) PetscCall(AddSolidElectrolyte(&b, r, L->mat[MAT_SLOT_SE(g)]));
      PetscCall(AddFields(&b, r));
      continue;
    }
    PetscCall(AddQ(&b, 2, "active_fraction", r->eps_am, "1"));
    PetscCall(AddQ(&b, 2, "conductivity", r->sigma, "S/m"));
    PetscCall(AddQ(&b, 2, "bruggeman_solid", r->brugg_s, "1"));
    PetscCall(AddComposite(&b, c, r, L->mat[MAT_SLOT_SE(g)]));
    PetscCall(StrAdd(&b, "  particle_shells: %" PetscInt_FMT "\n", r->nshells));
    PetscCall(StrAdd(&b, "  particle_discretisation: %s\n",
                     r->particle_disc == FV_PARTICLE_SPECTRAL ? "spectral" : "finite_volume"));
    if (r->particle_disc == FV_PARTICLE_FINITE_VOLUME) /* spectral nodes take no grading */
      PetscCall(AddQ(&b, 2, "particle_grading", r->shell_grading, "1"));
    PetscCall(AddQ(&b, 2, "max_concentration", r->c_max, "mol/m3"));
    PetscCall(AddQ(&b, 2, "initial_stoichiometry", r->sto0, "1"));
    PetscCall(AddProp(&b, 2, "ocp", &r->ocp, "V"));
    PetscCall(AddProp(&b, 2, "diffusivity", &r->Ds, "m2/s"));
    {
      char k0unit[128], mrefunit[128];
      PetscReal ex = r->ce_ref > 0 ? r->alpha_a + r->alpha_c : 2 * r->alpha_a + r->alpha_c;
      RateUnits(ex, k0unit, sizeof k0unit, mrefunit, sizeof mrefunit);
      PetscCall(StrAdd(&b, "  kinetics:\n"));
      PetscCall(AddQ(&b, 4, "alpha_a", r->alpha_a, "1"));
      PetscCall(AddQ(&b, 4, "alpha_c", r->alpha_c, "1"));
      if (r->ce_ref > 0) PetscCall(AddQ(&b, 4, "reference_concentration", r->ce_ref, "mol/m3"));
      PetscCall(AddProp(&b, 4, "rate_constant", &r->k0, k0unit));
      PetscCall(AddQ(&b, 4, "film_resistance", r->R_film, "ohm m2"));
    }
    PetscCall(AddFields(&b, r));
  }
  PetscCall(StrAdd(&b, "operation:\n"));
  PetscCall(AddQ(&b, 2, "one_c", c->one_c, "A/m2"));
  PetscCall(AddQ(&b, 2, "lower_cutoff", c->v_min, "V"));
  PetscCall(AddQ(&b, 2, "upper_cutoff", c->v_max, "V"));
  if (c->nrates > 0) {
    PetscCall(StrAdd(&b, "  rates: ["));
    for (PetscInt i = 0; i < c->nrates; i++) {
      char num[40];
      FmtReal(num, sizeof num, (double)c->rates[i]);
      PetscCall(StrAdd(&b, "%s%s", i ? ", " : "", num));
    }
    PetscCall(StrAdd(&b, "]\n"));
  }
  PetscCall(AddQ(&b, 2, "contact_resistance", c->r_contact, "ohm m2"));
  if (c->t_max > 0) PetscCall(AddQ(&b, 2, "max_duration", c->t_max, "s"));
  if (c->nprotocol > 0) {
    PetscCall(StrAdd(&b, "  protocol:\n"));
    for (PetscInt i = 0; i < c->nprotocol; i++) PetscCall(StrAdd(&b, "    - \"%s\"\n", c->protocol[i]));
  }
  PetscCall(StrAdd(&b, "  cycles: %" PetscInt_FMT "\n", c->cycles));
  c->yaml_text = b.s;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- loading ------------------------------------------------------------------------------ */

static PetscErrorCode LoadDocument(Loader *L, const char *text, size_t len,
                                   const char *default_name) {
  FvCase *c = L->c;
  Sec root;
  Val v;
  char why[512];
  int line;
  PetscBool ok;
  yaml_node_t *rn;

  PetscFunctionBeginUser;
  PetscCall(ParseYaml(text, len, &L->doc, &ok, why, sizeof why, &line));
  if (!ok) {
    FailMsg(L, "%s:%d: invalid YAML: %s", L->origin, line, why);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  L->has_doc = PETSC_TRUE;
  rn         = yaml_document_get_root_node(&L->doc);
  if (!rn) {
    FailMsg(L,
            "%s:1: empty case file: expected a YAML map of case keys (name, temperature, "
            "electrolyte, negative, separator, positive, operation)",
            L->origin);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (rn->type != YAML_MAPPING_NODE) {
    FailMsg(L,
            "%s:%d: expected a YAML map of case keys (name, temperature, electrolyte, ...) at the "
            "top level",
            L->origin, NodeLine(rn));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(PetscMemzero(&root, sizeof root));
  root.doc  = &L->doc;
  root.map  = rn;
  root.line = NodeLine(rn);
  CheckKeys(L, &root, root_keys);

  /* name and description */
  PetscCall(PetscStrncpy(c->name, default_name, sizeof c->name));
  PetscCall(GetText(L, &root, "name", c->name, sizeof c->name, &v));
  if (!L->failed && v.present && !ValidName(c->name))
    Fail(L, &v,
         "expected a name made of letters, digits, '_', '-' and '.' (it names the output file)");
  if (!L->failed && !ValidName(c->name)) { /* a file name that is no good as an output name */
    for (char *q = c->name; *q; q++)
      if (!(isalnum((unsigned char)*q) || *q == '_' || *q == '-' || *q == '.')) *q = '_';
    if (!ValidName(c->name)) PetscCall(PetscStrncpy(c->name, "case", sizeof c->name));
  }
  PetscCall(GetText(L, &root, "description", L->description, sizeof L->description, &v));

  /* constants and temperature */
  {
    Sec s;
    PetscCall(GetSection(
        L, &root, "constants", constants_keys, PETSC_FALSE,
        "a map {faraday: \"96485.33212 C/mol\", gas_constant: \"8.314462618 J/mol/K\"}", &s));
    PetscCall(GetQty(L, &s, "faraday", &Q_FARADAY, PETSC_FALSE, FV_CODATA_F, &v, &c->F));
    PetscCall(GetQty(L, &s, "gas_constant", &Q_GAS, PETSC_FALSE, FV_CODATA_R, &v, &c->R));
  }
  PetscCall(GetQty(L, &root, "temperature", &Q_TEMP, PETSC_TRUE, 0, &v, &c->T));
  PetscCall(LoadMesh(L, &root));

  /* the regions first decide whether the liquid electrolyte is used and what the working ion is */
  {
    Sec peek[FV_NREGIONS];
    PetscBool liquid = PETSC_FALSE;
    for (PetscInt g = 0; g < FV_NREGIONS; g++) PetscCall(ScanRegion(L, &root, g, &peek[g]));
    for (PetscInt g = 0; g < FV_NREGIONS; g++) {
      if (!L->metal[g] && !L->has_se[g]) liquid = PETSC_TRUE;
      if (L->has_se[g]) PetscCall(LoadSolidElectrolyte(L, &peek[g], g));
    }
    PetscCall(LoadElectrolyte(L, &root, liquid));
    PetscCall(ResolveWorkingIon(L));
  }
  for (PetscInt g = 0; g < FV_NREGIONS; g++)
    PetscCall(LoadRegion(L, &root, g));
  PetscCall(ResolveExcess(L));
  PetscCall(LoadCell(L, &root));
  PetscCall(LoadSweep(L, &root));
  PetscCall(LoadOperation(L, &root));
  PetscCall(CheckUnusedOptions(L));
  if (!L->failed) PetscCall(BuildYaml(L));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode DestroyProps(FvCase *c) {
  PetscFunctionBeginUser;
  PetscCall(FvPropertyDestroy(&c->electrolyte.kappa));
  PetscCall(FvPropertyDestroy(&c->electrolyte.D));
  PetscCall(FvPropertyDestroy(&c->electrolyte.tplus));
  PetscCall(FvPropertyDestroy(&c->electrolyte.tdf));
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    PetscCall(FvPropertyDestroy(&c->region[g].ocp));
    PetscCall(FvPropertyDestroy(&c->region[g].Ds));
    PetscCall(FvPropertyDestroy(&c->region[g].k0));
    PetscCall(FvPropertyDestroy(&c->region[g].se.sigma));
    PetscCall(FvPropertyDestroy(&c->region[g].contact.dvv));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Load from text (a file's contents or the built-in case).  Returns PETSC_ERR_USER after
 * printing the message when the case is not valid. */
static PetscErrorCode LoadText(MPI_Comm comm, const char *text, size_t len, const char *path,
                               const char *origin, const char *default_name, FvCase *c, char *msg, size_t msglen) {
  Loader *L;
  PetscBool failed;
  PetscErrorCode ierr;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&L));
  L->comm   = comm;
  L->origin = origin;
  L->c      = c;
  if (path[0]) { /* the directory of the case file, for relative table paths */
    const char *slash = strrchr(path, '/');
    if (slash) Sfmt(L->dir, sizeof L->dir, "%.*s", (int)(slash - path), path);
    if (slash == path) Sfmt(L->dir, sizeof L->dir, "/");
  }
  PetscCall(PetscStrncpy(c->path, path, sizeof c->path));
  PetscCall(FvUnitsCreate(&L->units));
  ierr = LoadDocument(L, text, len, default_name);
  /* clean up whatever happened */
  if (L->has_doc) yaml_document_delete(&L->doc);
  for (int i = 0; i < L->nodoc; i++) {
    yaml_document_delete(L->odoc[i]);
    PetscCall(PetscFree(L->odoc[i]));
  }
  PetscCall(FvUnitsDestroy(&L->units));
  for (int i = 0; i < MAT_SLOTS; i++) PetscCall(MatFileDestroy(&L->mat[i]));
  for (int i = 0; i < L->nseen; i++)
    PetscCall(PetscFree(L->seen[i]));
  PetscCall(PetscFree(L->seen));
  PetscCall(PetscFree(L->seenlist));
  PetscCall(ierr);
  failed = L->failed;
  if (failed) {
    if (msg) Sfmt(msg, msglen, "%s", L->msg);
    else PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s\n", L->msg));
    PetscCall(DestroyProps(c));
    free(c->yaml_text);
    PetscCall(PetscMemzero(c, sizeof *c));
  }
  PetscCall(PetscFree(L));
  if (failed)
    PetscFunctionReturn(PETSC_ERR_USER); /* a user error: the message says it all, no traceback */
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCaseLoad(MPI_Comm comm, const char *path, FvCase *c) {
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  ierr = FvCaseLoadQuiet(comm, path, c, NULL, 0);
  if (ierr == PETSC_ERR_USER) PetscFunctionReturn(ierr);
  PetscCall(ierr);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCaseLoadQuiet(MPI_Comm comm, const char *path, FvCase *c, char *msg, size_t msglen) {
  char *text;
  size_t len;
  int err;
  char base[FV_NAME_LEN];

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(c, sizeof *c));
  if (!path || !path[0]) {
    PetscCall(PetscFPrintf(comm, PETSC_STDERR, "fvcell: no case file given\n"));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
  if (strlen(path) >= FV_PATH_LEN) {
    PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%.200s...: the path is longer than %d characters\n",
                           path, FV_PATH_LEN - 1));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
  PetscCall(ReadFileBcast(comm, path, &text, &len, &err));
  if (err) {
    PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s: cannot read the case file: %s\n", path,
                           strerror(err)));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
  { /* the default name is the file name without directory and extension */
    const char *slash = strrchr(path, '/');
    char *dot;
    PetscCall(PetscStrncpy(base, slash ? slash + 1 : path, sizeof base));
    dot = strrchr(base, '.');
    if (dot && dot != base) *dot = 0;
  }
  {
    PetscErrorCode ierr = LoadText(comm, text, len, path, path, base, c, msg, msglen);
    free(text);
    if (ierr == PETSC_ERR_USER) PetscFunctionReturn(ierr);
    PetscCall(ierr);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCaseLoadDefault(MPI_Comm comm, FvCase *c) {
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(c, sizeof *c));
  ierr = LoadText(comm, fv_default_case_yaml, strlen(fv_default_case_yaml), "", default_origin,
                  "dualfoil", c, NULL, 0);
  if (ierr == PETSC_ERR_USER) PetscFunctionReturn(ierr);
  PetscCall(ierr);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCaseView(MPI_Comm comm, const FvCase *c) {
  PetscMPIInt rank;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0 && c->yaml_text) {
    fputs(c->yaml_text, PETSC_STDOUT);
    fflush(PETSC_STDOUT);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCaseDestroy(FvCase *c) {
  PetscFunctionBeginUser;
  if (!c) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(DestroyProps(c));
  free(c->yaml_text);
  PetscCall(PetscMemzero(c, sizeof *c));
  PetscFunctionReturn(PETSC_SUCCESS);
}
