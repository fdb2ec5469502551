/* sweep.c -- design studies: product grids of case keys over MPI ranks (see sweep.h).
 *
 * A member is applied as command-line overrides of its swept keys (the loader's own override path,
 * so every check of the case applies to every member), loaded on PETSC_COMM_SELF, accounted
 * (energy.h) and discharged once per rate from the case's initial state (FvRunDischarge).  Members
 * are independent serial problems, so the ranks share them through a counter on rank 0 (MPI-3
 * passive-target MPI_Fetch_and_op): each rank takes the next member when it is free, which balances
 * members of very different cost.  The computing rank alone fills a member's entries; rank 0
 * gathers them with MPI_Reduce (sums of zeros elsewhere, so the values are bit-identical on any
 * rank count).
 */
#include <math.h>
#include <string.h>
#include <netcdf.h>
#include "sweep.h"
#include "cli.h"
#include "run.h"

enum { ST_MASS = 0, ST_THICK, ST_RATED_Q, ST_RATED_E, ST_STATIC_Q, ST_STATIC_E, ST_N };

struct _p_FvSweep {
  MPI_Comm comm;
  char path[FV_PATH_LEN];
  FvCase base;
  PetscInt ndim, nrates, nmem;
  PetscReal rates[FV_MAX_RATES];
  PetscBool quiet;
  /* per member x rate (rate fastest) */
  PetscReal *cap, *energy, *time;
  int *status;
  unsigned char *reason; /* FV_SWEEP_REASON bytes each */
  PetscReal *stack;      /* per member: ST_N values */
  PetscReal wall;
  PetscInt nok;
  PetscBool ran;
  /* the summary file (rank 0 writes it as members finish) */
  FvOutputFile file;
  int ncid, vrate[6], vstack[10], vflag, vstatus;
};

/* option name of a dotted key: positive.composition.active -> -positive_composition_active */
static void OptName(char *dst, size_t n, const char *key) {
  size_t i = 0;
  if (n < 2) return;
  dst[i++] = '-';
  for (; *key && i < n - 1; key++)
    dst[i++] = *key == '.' ? '_' : *key;
  dst[i] = 0;
}

/* the index of each swept key of member m (the last key fastest, as in the NetCDF dimensions) */
static void MemberIndex(const FvSweep sw, PetscInt m, PetscInt *idx) {
  for (PetscInt d = sw->ndim - 1; d >= 0; d--) {
    idx[d] = m % sw->base.sweep[d].n;
    m /= sw->base.sweep[d].n;
  }
}

static void MemberLabel(const FvSweep sw, PetscInt m, char *buf, size_t n) {
  PetscInt idx[FV_MAX_SWEEP];
  size_t len = 0;
  MemberIndex(sw, m, idx);
  buf[0] = 0;
  for (PetscInt d = 0; d < sw->ndim && len < n; d++)
    len += (size_t)snprintf(buf + len, n - len, "%s%s = %s", d ? ", " : "", sw->base.sweep[d].key,
                            sw->base.sweep[d].text[idx[d]]);
}

/* The case with the swept values idx: the member's values are an explicit override set on top of
 * the command line's options (the global options database is not touched). */
static PetscErrorCode LoadMember(FvSweep sw, MPI_Comm comm, const PetscInt *idx, FvCase *c,
                                 FvCaseOutcome *outcome, char *msg, size_t len) {
  FvCaseOverrides ov = {PETSC_TRUE, NULL};
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsCreate(&ov.extra));
  for (PetscInt d = 0; d < sw->ndim; d++) {
    char opt[FV_NAME_LEN + 2];
    OptName(opt, sizeof opt, sw->base.sweep[d].key);
    PetscCall(PetscOptionsSetValue(ov.extra, opt, sw->base.sweep[d].text[idx[d]]));
  }
  ierr = FvCaseLoadWith(comm, sw->path, &ov, c, outcome, msg, len);
  PetscCall(PetscOptionsDestroy(&ov.extra));
  if (ierr == PETSC_ERR_USER) PetscFunctionReturn(ierr);
  PetscCall(ierr);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvSweepCreate(MPI_Comm comm, const char *casefile, FvSweep *out) {
  FvSweep sw;
  PetscErrorCode ierr;
  size_t nmr;
  PetscFunctionBeginUser;
  *out = NULL;
  PetscCall(PetscNew(&sw));
  sw->comm = comm;
  PetscCall(PetscStrncpy(sw->path, casefile, sizeof sw->path));
  ierr = FvCaseLoad(comm, casefile, &sw->base);
  if (ierr == PETSC_ERR_USER) { /* the loader said why */
    PetscCall(PetscFree(sw));
    PetscFunctionReturn(ierr);
  }
  PetscCall(ierr);
  sw->ndim = sw->base.nsweep;
  /* a key swept twice would make two dimensions of one name: refuse it before anything runs */
  for (PetscInt d = 0; d < sw->ndim; d++)
    for (PetscInt e = 0; e < d; e++)
      if (!strcmp(sw->base.sweep[d].key, sw->base.sweep[e].key)) {
        PetscCall(PetscFPrintf(comm, PETSC_STDERR,
                               "%s: sweep.%s: expected each key once in the sweep section\n",
                               casefile, sw->base.sweep[d].key));
        PetscCall(FvCaseDestroy(&sw->base));
        PetscCall(PetscFree(sw));
        PetscFunctionReturn(PETSC_ERR_USER);
      }
  /* a swept key also given on the command line would be silently replaced: refuse it */
  for (PetscInt d = 0; d < sw->ndim; d++) {
    char opt[FV_NAME_LEN + 2];
    PetscBool set;
    OptName(opt, sizeof opt, sw->base.sweep[d].key);
    PetscCall(PetscOptionsHasName(NULL, NULL, opt, &set));
    if (set) {
      PetscCall(
          PetscFPrintf(comm, PETSC_STDERR,
                       "command line: %s: expected no value for a swept key (sweep.%s in %s)\n",
                       opt, sw->base.sweep[d].key, casefile));
      PetscCall(FvCaseDestroy(&sw->base));
      PetscCall(PetscFree(sw));
      PetscFunctionReturn(PETSC_ERR_USER);
    }
  }
  /* a swept key that is no key of the case would make every member invalid: say so once, now */
  if (sw->ndim) {
    char msg[2048] = "";
    FvCase c;
    FvCaseOutcome outcome;
    PetscInt idx0[FV_MAX_SWEEP] = {0};
    ierr = LoadMember(sw, PETSC_COMM_SELF, idx0, &c, &outcome, msg, sizeof msg);
    if (!ierr)
      PetscCall(FvCaseDestroy(&c));
    else if (ierr != PETSC_ERR_USER)
      PetscCall(ierr);
    else if (outcome == FV_CASE_UNKNOWN_OVERRIDE) {
      PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s: sweep: %s\n", casefile, msg));
      PetscCall(FvCaseDestroy(&sw->base));
      PetscCall(PetscFree(sw));
      PetscFunctionReturn(PETSC_ERR_USER);
    }
  }
  sw->nrates = PetscMax(1, sw->base.nrates);
  for (PetscInt k = 0; k < sw->nrates; k++)
    sw->rates[k] = sw->base.nrates ? sw->base.rates[k] : 1.0;
  sw->nmem = 1;
  for (PetscInt d = 0; d < sw->ndim; d++)
    sw->nmem *= sw->base.sweep[d].n;
  nmr = (size_t)(sw->nmem * sw->nrates);
  PetscCall(PetscCalloc1(nmr, &sw->cap));
  PetscCall(PetscCalloc1(nmr, &sw->energy));
  PetscCall(PetscCalloc1(nmr, &sw->time));
  PetscCall(PetscCalloc1(nmr, &sw->status));
  PetscCall(PetscCalloc1(nmr * FV_SWEEP_REASON, &sw->reason));
  PetscCall(PetscCalloc1((size_t)sw->nmem * ST_N, &sw->stack));
  *out = sw;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvSweepSetFromOptions(FvSweep sw) {
  PetscFunctionBeginUser;
  PetscOptionsBegin(sw->comm, NULL, "Design sweep (fvcell sweep)", NULL);
  PetscCall(
      PetscOptionsBool("-sweep_quiet", "no line per member", NULL, sw->quiet, &sw->quiet, NULL));
  PetscOptionsEnd();
  PetscFunctionReturn(PETSC_SUCCESS);
}

static void SetReason(FvSweep sw, PetscInt j, const char *text) {
  char *dst      = (char *)sw->reason + (size_t)j * FV_SWEEP_REASON;
  const size_t n = PetscMin(strlen(text), (size_t)FV_SWEEP_REASON - 1);
  memcpy(dst, text, n); /* truncated: the reasons are one line of a summary */
  dst[n] = 0;
}

/* Member m on this rank: load it with its overrides, account it, discharge it at every rate. */
static PetscErrorCode RunMember(FvSweep sw, PetscInt m) {
  PetscInt idx[FV_MAX_SWEEP];
  char msg[2048], why[4096];
  FvCase c;
  FvStack st;
  PetscErrorCode ierr;
  PetscInt nok = 0;
  PetscFunctionBeginUser;
  MemberIndex(sw, m, idx);
  msg[0] = 0;
  ierr   = LoadMember(sw, PETSC_COMM_SELF, idx, &c, NULL, msg, sizeof msg);
  for (PetscInt i = 0; i < ST_N; i++)
    sw->stack[m * ST_N + i] = NAN;
  if (ierr == PETSC_ERR_USER) { /* an inconsistent member: record the loader's one line */
    snprintf(why, sizeof why, "invalid: %s", msg);
    for (PetscInt k = 0; k < sw->nrates; k++) {
      const PetscInt j = m * sw->nrates + k;
      sw->status[j]    = FV_SWEEP_INVALID;
      sw->cap[j] = sw->energy[j] = sw->time[j] = NAN;
      SetReason(sw, j, why);
    }
  } else {
    PetscCall(ierr);
    PetscCall(FvStackCompute(&c, &st));
    sw->stack[m * ST_N + ST_MASS]     = st.mass;
    sw->stack[m * ST_N + ST_THICK]    = st.mass_known ? st.thickness : NAN;
    sw->stack[m * ST_N + ST_RATED_Q]  = st.rated_capacity;
    sw->stack[m * ST_N + ST_RATED_E]  = st.rated_energy;
    sw->stack[m * ST_N + ST_STATIC_Q] = st.static_capacity;
    sw->stack[m * ST_N + ST_STATIC_E] = st.static_energy;
    for (PetscInt k = 0; k < sw->nrates; k++) {
      const PetscInt j = m * sw->nrates + k;
      FvRunResult res;
      PetscCall(PetscMemzero(&res, sizeof res));
      /* a solver failure of one member is a result, not the end of the sweep: keep PETSc quiet */
      PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
      ierr = FvRunDischarge(PETSC_COMM_SELF, &c, sw->rates[k], NULL, NULL, &res);
      PetscCall(PetscPopErrorHandler());
      if (ierr) {
        snprintf(why, sizeof why, "solver failed: PETSc error %d", (int)ierr);
        sw->status[j] = FV_SWEEP_FAILED;
        sw->cap[j] = sw->energy[j] = sw->time[j] = NAN;
      } else {
        /* a run that did not reach its cut-off has no result: NaN (never the 0 of a run that
         * failed at its start) */
        sw->cap[j]    = res.ok ? res.dis_capacity : (PetscReal)NAN;
        sw->energy[j] = res.ok ? res.dis_energy : (PetscReal)NAN;
        sw->time[j]   = res.ok ? res.dis_time : (PetscReal)NAN;
        sw->status[j] = res.ok ? FV_SWEEP_OK : FV_SWEEP_FAILED;
        snprintf(why, sizeof why, "%s%s", res.ok ? "" : "solver stop: ", res.reason);
        if (res.ok) nok++;
      }
      SetReason(sw, j, why);
      PetscCall(FvRunResultReset(&res));
    }
    PetscCall(FvCaseDestroy(&c));
  }
  if (!sw->quiet) {
    char label[512], line[1024];
    MemberLabel(sw, m, label, sizeof label);
    if (ierr == PETSC_ERR_USER)
      snprintf(line, sizeof line, "member %d/%d [%.300s]: %.600s\n", (int)m + 1, (int)sw->nmem,
               label, why);
    else {
      size_t len = (size_t)snprintf(line, sizeof line, "member %d/%d [%s]: %d/%d rates ok;",
                                    (int)m + 1, (int)sw->nmem, label, (int)nok, (int)sw->nrates);
      for (PetscInt k = 0; k < sw->nrates && len < sizeof line; k++)
        len +=
            (size_t)snprintf(line + len, sizeof line - len, " %gC %.4g Wh/L", (double)sw->rates[k],
                             (double)FvStackEnergyDensity(&st, sw->energy[m * sw->nrates + k]));
      if (len < sizeof line - 1) snprintf(line + len, sizeof line - len, "\n");
    }
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "%s", line));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- the summary NetCDF (rank 0, written as the members finish) --------------------------- */

static PetscErrorCode NcCheck(int st, const char *what, const char *path) {
  PetscFunctionBeginUser;
  PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "%s: %s: %s", path, what,
             nc_strerror(st));
  PetscFunctionReturn(PETSC_SUCCESS);
}
#define NC(call) PetscCall(NcCheck((call), #call, sw->file.part))

static PetscErrorCode DefVar(FvSweep sw, const char *name, nc_type type, int ndims, const int *dims,
                             const char *units, const char *longname, int *var) {
  const double fill = NAN;
  PetscFunctionBeginUser;
  NC(nc_def_var(sw->ncid, name, type, ndims, dims, var));
  if (type == NC_DOUBLE) NC(nc_def_var_fill(sw->ncid, *var, NC_FILL, &fill));
  if (units) NC(nc_put_att_text(sw->ncid, *var, "units", strlen(units), units));
  NC(nc_put_att_text(sw->ncid, *var, "long_name", strlen(longname), longname));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static const char *const rate_names[]  = {"discharge_capacity", "discharge_energy",
                                          "discharge_time",     "mean_voltage",
                                          "specific_energy",    "energy_density"};
static const char *const rate_units[]  = {"A h m-2", "W h m-2", "s", "V", "W h kg-1", "W h L-1"};
static const char *const rate_longs[]  = {"delivered discharge capacity per electrode area",
                                          "delivered discharge energy per electrode area",
                                          "duration of the discharge",
                                          "mean discharge voltage (energy / capacity)",
                                          "specific energy of the stack unit at this rate",
                                          "energy density of the stack unit at this rate"};
static const char *const stack_names[] = {"stack_mass",
                                          "stack_thickness",
                                          "rated_capacity",
                                          "rated_energy",
                                          "static_capacity",
                                          "static_energy",
                                          "static_specific_energy",
                                          "static_energy_density",
                                          "rated_specific_energy",
                                          "rated_energy_density"};
static const char *const stack_units[] = {"kg m-2",  "m",        "A h m-2", "W h m-2",  "A h m-2",
                                          "W h m-2", "W h kg-1", "W h L-1", "W h kg-1", "W h L-1"};
static const char *const stack_longs[] = {
    "mass of the repeating stack unit per electrode area",
    "thickness of the repeating stack unit",
    "rated capacity of the positive stoichiometry window",
    "rated capacity x mean OCV over the window",
    "equilibrium capacity between the voltage cut-offs (full utilisation)",
    "equilibrium energy between the voltage cut-offs (full utilisation)",
    "static (full-utilisation) specific energy",
    "static (full-utilisation) energy density",
    "rated-window specific energy",
    "rated-window energy density"};
enum { NRATEVARS = 6, NSTACKVARS = 10 };

/* The units of a swept key's coordinate: its values' unit; a composition share (a number such as
 * 70 for 70 %) is in percent. */
static const char *SweptUnits(const FvSweepDim *D) {
  if (D->unit[0]) return D->unit;
  if (strstr(D->key, ".composition.")) return "percent";
  return "1";
}

/* Define every variable, fill the coordinates, mark every member "not run" (rank 0). */
static PetscErrorCode SummaryCreate(FvSweep sw) {
  const PetscInt nm = sw->nmem, nr = sw->nrates;
  const size_t nmr = (size_t)(nm * nr);
  int dims[FV_MAX_SWEEP + 1], var;
  char name[FV_NAME_LEN];
  static const int flags[] = {FV_SWEEP_OK, FV_SWEEP_INVALID, FV_SWEEP_FAILED, FV_SWEEP_NOT_RUN};
  static const char *const meanings = "ok invalid solver_failed not_run";
  static const char *const title    = "fvcell design sweep summary";
  static const char *const conv     = "CF-1.8";
  PetscFunctionBeginUser;
  NC(nc_create(sw->file.part, NC_NETCDF4 | NC_CLOBBER, &sw->ncid));
  for (PetscInt d = 0; d < sw->ndim; d++) {
    const FvSweepDim *D = &sw->base.sweep[d];
    char desc[FV_NAME_LEN + 64];
    const char *units = SweptUnits(D);
    for (size_t i = 0; i <= strlen(D->key); i++)
      name[i] = D->key[i] == '.' ? '_' : D->key[i];
    NC(nc_def_dim(sw->ncid, name, (size_t)D->n, &dims[d]));
    snprintf(desc, sizeof desc, "swept case key %s", D->key);
    PetscCall(DefVar(sw, name, NC_DOUBLE, 1, &dims[d], units, desc, &var));
    NC(nc_def_var_fill(sw->ncid, var, NC_NOFILL, NULL));
    NC(nc_put_att_text(sw->ncid, var, "case_key", strlen(D->key), D->key));
    NC(nc_put_var_double(sw->ncid, var, D->value));
  }
  NC(nc_def_dim(sw->ncid, "rate", (size_t)nr, &dims[sw->ndim]));
  PetscCall(DefVar(sw, "rate", NC_DOUBLE, 1, &dims[sw->ndim], "1",
                   "C-rate of the discharge (operation.rates)", &var));
  NC(nc_def_var_fill(sw->ncid, var, NC_NOFILL, NULL));
  NC(nc_put_var_double(sw->ncid, var, sw->rates));
  for (int v = 0; v < NRATEVARS; v++)
    PetscCall(DefVar(sw, rate_names[v], NC_DOUBLE, sw->ndim + 1, dims, rate_units[v], rate_longs[v],
                     &sw->vrate[v]));
  for (int v = 0; v < NSTACKVARS; v++)
    PetscCall(DefVar(sw, stack_names[v], NC_DOUBLE, sw->ndim, dims, stack_units[v], stack_longs[v],
                     &sw->vstack[v]));
  PetscCall(DefVar(sw, "status_flag", NC_INT, sw->ndim + 1, dims, NULL,
                   "outcome of the member at this rate (see status for the reason)", &sw->vflag));
  NC(nc_def_var_fill(sw->ncid, sw->vflag, NC_NOFILL, NULL));
  NC(nc_put_att_int(sw->ncid, sw->vflag, "flag_values", NC_INT, 4, flags));
  NC(nc_put_att_text(sw->ncid, sw->vflag, "flag_meanings", strlen(meanings), meanings));
  PetscCall(DefVar(sw, "status", NC_STRING, sw->ndim + 1, dims, NULL,
                   "\"ok\", \"failed: <reason>\" or \"not run\"", &sw->vstatus));
  NC(nc_put_att_text(sw->ncid, NC_GLOBAL, "Conventions", strlen(conv), conv));
  NC(nc_put_att_text(sw->ncid, NC_GLOBAL, "title", strlen(title), title));
  NC(nc_put_att_text(sw->ncid, NC_GLOBAL, "fvcell_version", strlen(FVCELL_VERSION),
                     FVCELL_VERSION));
  NC(nc_put_att_text(sw->ncid, NC_GLOBAL, "fvcell_kind", 5, "sweep"));
  NC(nc_put_att_text(sw->ncid, NC_GLOBAL, "case_file", strlen(sw->path), sw->path));
  if (sw->base.yaml_text)
    NC(nc_put_att_text(sw->ncid, NC_GLOBAL, "case", strlen(sw->base.yaml_text),
                       sw->base.yaml_text));
  NC(nc_put_att_text(sw->ncid, NC_GLOBAL, "status", 10, "incomplete"));
  NC(nc_enddef(sw->ncid));
  {
    int *flag;
    const char **txt;
    PetscCall(PetscMalloc2(nmr, &flag, nmr, &txt));
    for (size_t j = 0; j < nmr; j++)
      flag[j] = FV_SWEEP_NOT_RUN, txt[j] = "not run";
    NC(nc_put_var_int(sw->ncid, sw->vflag, flag));
    NC(nc_put_var_string(sw->ncid, sw->vstatus, txt));
    PetscCall(PetscFree2(flag, txt));
  }
  NC(nc_sync(sw->ncid));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Write member m's entries (rank 0) and flush them to disk. */
static PetscErrorCode SummaryWriteMember(FvSweep sw, PetscInt m) {
  const PetscInt nr = sw->nrates;
  PetscInt idx[FV_MAX_SWEEP];
  size_t start[FV_MAX_SWEEP + 1], count[FV_MAX_SWEEP + 1];
  double val[FV_MAX_RATES];
  int flag[FV_MAX_RATES];
  const char *txt[FV_MAX_RATES];
  char stat[FV_MAX_RATES][FV_SWEEP_REASON + 16];
  const PetscReal *st = &sw->stack[m * ST_N];
  PetscFunctionBeginUser;
  MemberIndex(sw, m, idx);
  for (PetscInt d = 0; d < sw->ndim; d++)
    start[d] = (size_t)idx[d], count[d] = 1;
  start[sw->ndim] = 0, count[sw->ndim] = (size_t)nr;
  for (int v = 0; v < NRATEVARS; v++) {
    for (PetscInt k = 0; k < nr; k++) {
      const PetscInt j  = m * nr + k;
      const PetscReal e = sw->energy[j], mass = st[ST_MASS], th = st[ST_THICK];
      /* a member that did not finish has no numbers: NaN, never a zero that looks real */
      val[k] = sw->status[j] != FV_SWEEP_OK ? NAN
               : v == 0                     ? sw->cap[j]
               : v == 1                     ? e
               : v == 2                     ? sw->time[j]
               : v == 3                     ? e / sw->cap[j]
               : v == 4                     ? e / mass
                                            : e / th / 1000;
    }
    NC(nc_put_vara_double(sw->ncid, sw->vrate[v], start, count, val));
  }
  for (PetscInt k = 0; k < nr; k++) {
    const PetscInt j = m * nr + k;
    const char *why  = (const char *)sw->reason + (size_t)j * FV_SWEEP_REASON;
    flag[k]          = sw->status[j];
    if (sw->status[j] == FV_SWEEP_OK)
      snprintf(stat[k], sizeof stat[k], "ok");
    else
      snprintf(stat[k], sizeof stat[k], "failed: %s", why);
    txt[k] = stat[k];
  }
  NC(nc_put_vara_int(sw->ncid, sw->vflag, start, count, flag));
  NC(nc_put_vara_string(sw->ncid, sw->vstatus, start, count, txt));
  for (int v = 0; v < NSTACKVARS; v++) {
    const double x = v < 6    ? st[v]
                     : v == 6 ? st[ST_STATIC_E] / st[ST_MASS]
                     : v == 7 ? st[ST_STATIC_E] / st[ST_THICK] / 1000
                     : v == 8 ? st[ST_RATED_E] / st[ST_MASS]
                              : st[ST_RATED_E] / st[ST_THICK] / 1000;
    NC(nc_put_vara_double(sw->ncid, sw->vstack[v], start, count, &x));
  }
  NC(nc_sync(sw->ncid));
  PetscFunctionReturn(PETSC_SUCCESS);
}
#undef NC

/* A member's results travel to rank 0 as bytes: the stack, then per rate cap, energy, time,
 * status and reason. */
static size_t MemberBytes(FvSweep sw) {
  return sizeof(PetscInt) + ST_N * sizeof(PetscReal) +
         (size_t)sw->nrates * (3 * sizeof(PetscReal) + sizeof(int) + FV_SWEEP_REASON);
}

static void MemberPack(FvSweep sw, PetscInt m, char *buf) {
  char *p = buf;
  memcpy(p, &m, sizeof m), p += sizeof m;
  memcpy(p, &sw->stack[m * ST_N], ST_N * sizeof(PetscReal)), p += ST_N * sizeof(PetscReal);
  for (PetscInt k = 0; k < sw->nrates; k++) {
    const PetscInt j = m * sw->nrates + k;
    memcpy(p, &sw->cap[j], sizeof(PetscReal)), p += sizeof(PetscReal);
    memcpy(p, &sw->energy[j], sizeof(PetscReal)), p += sizeof(PetscReal);
    memcpy(p, &sw->time[j], sizeof(PetscReal)), p += sizeof(PetscReal);
    memcpy(p, &sw->status[j], sizeof(int)), p += sizeof(int);
    memcpy(p, sw->reason + (size_t)j * FV_SWEEP_REASON, FV_SWEEP_REASON), p += FV_SWEEP_REASON;
  }
}

static PetscInt MemberUnpack(FvSweep sw, const char *buf) {
  const char *p = buf;
  PetscInt m;
  memcpy(&m, p, sizeof m), p += sizeof m;
  memcpy(&sw->stack[m * ST_N], p, ST_N * sizeof(PetscReal)), p += ST_N * sizeof(PetscReal);
  for (PetscInt k = 0; k < sw->nrates; k++) {
    const PetscInt j = m * sw->nrates + k;
    memcpy(&sw->cap[j], p, sizeof(PetscReal)), p += sizeof(PetscReal);
    memcpy(&sw->energy[j], p, sizeof(PetscReal)), p += sizeof(PetscReal);
    memcpy(&sw->time[j], p, sizeof(PetscReal)), p += sizeof(PetscReal);
    memcpy(&sw->status[j], p, sizeof(int)), p += sizeof(int);
    memcpy(sw->reason + (size_t)j * FV_SWEEP_REASON, p, FV_SWEEP_REASON), p += FV_SWEEP_REASON;
  }
  return m;
}

#define FV_SWEEP_TAG 7301

/* Rank 0: write every member result that has arrived from the other ranks (wait for one when
 * block). */
static PetscErrorCode Drain(FvSweep sw, PetscBool block, char *buf, PetscInt *ndone) {
  PetscFunctionBeginUser;
  for (;;) {
    int flag = 0;
    MPI_Status st;
    if (block)
      flag = 1;
    else
      PetscCallMPI(MPI_Iprobe(MPI_ANY_SOURCE, FV_SWEEP_TAG, sw->comm, &flag, &st));
    if (!flag) break;
    PetscCallMPI(
        MPI_Recv(buf, (int)MemberBytes(sw), MPI_BYTE, MPI_ANY_SOURCE, FV_SWEEP_TAG, sw->comm, &st));
    PetscCall(SummaryWriteMember(sw, MemberUnpack(sw, buf)));
    (*ndone)++;
    if (block) break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvSweepCheckSetup(FvSweep sw) {
  PetscFunctionBeginUser;
  FvCallUser(FvRunCheckSetup(sw->comm, &sw->base));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvSweepRun(FvSweep sw, const char *outpath) {
  PetscMPIInt rank;
  MPI_Win win;
  int *counter = NULL, one = 1, next;
  const size_t nmr = (size_t)(sw->nmem * sw->nrates);
  PetscInt ndone   = 0;
  char *buf;
  double t0;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(sw->comm, &rank));
  {
    const char *inputs[1] = {sw->path};
    FvCallUser(FvOutputFileCheck(sw->comm, outpath, 1, inputs));
  }
  FvCallUser(FvOutputFileOpen(sw->comm, outpath, &sw->file));
  for (size_t j = 0; j < nmr; j++)
    sw->status[j] = FV_SWEEP_NOT_RUN;
  if (rank == 0) PetscCall(SummaryCreate(sw));
  PetscCall(PetscMalloc1(MemberBytes(sw), &buf));
  PetscCallMPI(MPI_Barrier(sw->comm));
  t0 = MPI_Wtime();
  /* the shared counter of the next member, on rank 0 */
  PetscCallMPI(MPI_Win_allocate(rank == 0 ? (MPI_Aint)sizeof(int) : 0, sizeof(int), MPI_INFO_NULL,
                                sw->comm, &counter, &win));
  if (rank == 0) {
    PetscCallMPI(MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, win));
    *counter = 0;
    PetscCallMPI(MPI_Win_unlock(0, win));
  }
  PetscCallMPI(MPI_Barrier(sw->comm));
  for (;;) {
    PetscCallMPI(MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, win));
    PetscCallMPI(MPI_Fetch_and_op(&one, &next, MPI_INT, 0, 0, MPI_SUM, win));
    PetscCallMPI(MPI_Win_unlock(0, win));
    if (next >= sw->nmem) break;
    PetscCall(RunMember(sw, (PetscInt)next));
    /* every finished member goes to the summary at once: a killed sweep keeps it */
    if (rank == 0) {
      PetscCall(SummaryWriteMember(sw, (PetscInt)next));
      ndone++;
      PetscCall(Drain(sw, PETSC_FALSE, buf, &ndone));
    } else {
      MemberPack(sw, (PetscInt)next, buf);
      PetscCallMPI(MPI_Send(buf, (int)MemberBytes(sw), MPI_BYTE, 0, FV_SWEEP_TAG, sw->comm));
    }
  }
  if (rank == 0)
    while (ndone < sw->nmem)
      PetscCall(Drain(sw, PETSC_TRUE, buf, &ndone));
  PetscCallMPI(MPI_Win_free(&win));
  PetscCall(PetscFree(buf));
  sw->wall = MPI_Wtime() - t0;
  sw->nok  = 0;
  for (size_t j = 0; j < nmr; j++)
    if (sw->status[j] == FV_SWEEP_OK) sw->nok++;
  if (rank == 0) {
    int st = nc_put_att_text(sw->ncid, NC_GLOBAL, "status", 2, "ok");
    if (st == NC_NOERR) st = nc_close(sw->ncid);
    PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "%s: %s", sw->file.part,
               nc_strerror(st));
  }
  PetscCallMPI(MPI_Bcast(&sw->nok, 1, MPIU_INT, 0, sw->comm));
  FvCallUser(FvOutputFileCommit(sw->comm, &sw->file));
  sw->ran = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvSweepGetCounts(FvSweep sw, PetscInt *nmembers, PetscInt *nok, PetscReal *wall) {
  PetscFunctionBeginUser;
  if (nmembers) *nmembers = sw->nmem;
  if (nok) *nok = sw->nok;
  if (wall) *wall = sw->wall;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvSweepDestroy(FvSweep *sw) {
  PetscFunctionBeginUser;
  if (!*sw) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(FvCaseDestroy(&(*sw)->base));
  PetscCall(PetscFree((*sw)->cap));
  PetscCall(PetscFree((*sw)->energy));
  PetscCall(PetscFree((*sw)->time));
  PetscCall(PetscFree((*sw)->status));
  PetscCall(PetscFree((*sw)->reason));
  PetscCall(PetscFree((*sw)->stack));
  PetscCall(PetscFree(*sw));
  PetscFunctionReturn(PETSC_SUCCESS);
}
