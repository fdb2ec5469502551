/* sweep.c -- design studies: product grids of case keys over MPI ranks (see sweep.h).
 *
 * A member is applied as command-line overrides of its swept keys (the loader's own override path,
 * so every check of the case applies to every member), loaded on PETSC_COMM_SELF, accounted
 * (energy.h) and discharged once per rate from the case's initial state (FvRunDischarge).  Members
 * are independent serial problems, so the ranks share them through a counter on rank 0 (MPI-3
 * passive-target MPI_Fetch_and_op): each rank takes the next member when it is free, which balances
 * members of very different cost.  The computing rank alone fills a member's entries; rank 0 gathers
 * them with MPI_Reduce (sums of zeros elsewhere, so the values are bit-identical on any rank count).
 */
#include <math.h>
#include <string.h>
#include <netcdf.h>
#include "sweep.h"
#include "run.h"

enum { ST_MASS = 0, ST_THICK, ST_RATED_Q, ST_RATED_E, ST_STATIC_Q, ST_STATIC_E, ST_N };

struct _p_FvSweep {
  MPI_Comm   comm;
  char       path[FV_PATH_LEN];
  FvCase     base;
  PetscInt   ndim, nrates, nmem;
  PetscReal  rates[FV_MAX_RATES];
  PetscBool  quiet;
  /* per member x rate (rate fastest) */
  PetscReal *cap, *energy, *time;
  int       *status;
  unsigned char *reason;      /* FV_SWEEP_REASON bytes each */
  PetscReal *stack;           /* per member: ST_N values */
  PetscReal  wall;
  PetscInt   nok;
  PetscBool  ran;
};

/* option name of a dotted key: positive.composition.active -> -positive_composition_active */
static void OptName(char *dst, size_t n, const char *key) {
  size_t i = 0;
  if (n < 2) return;
  dst[i++] = '-';
  for (; *key && i < n - 1; key++) dst[i++] = *key == '.' ? '_' : *key;
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
    len += (size_t)snprintf(buf + len, n - len, "%s%s = %s", d ? ", " : "", sw->base.sweep[d].key, sw->base.sweep[d].text[idx[d]]);
}

/* The case with the swept values idx: the member's values are an explicit override set on top of
 * the command line's options (the global options database is not touched). */
static PetscErrorCode LoadMember(FvSweep sw, MPI_Comm comm, const PetscInt *idx, FvCase *c, FvCaseOutcome *outcome,
                                 char *msg, size_t len) {
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
  /* a swept key also given on the command line would be silently replaced: refuse it */
  for (PetscInt d = 0; d < sw->ndim; d++) {
    char opt[FV_NAME_LEN + 2];
    PetscBool set;
    OptName(opt, sizeof opt, sw->base.sweep[d].key);
    PetscCall(PetscOptionsHasName(NULL, NULL, opt, &set));
    if (set) {
      PetscCall(PetscFPrintf(comm, PETSC_STDERR, "command line: %s: expected no value for a swept key (sweep.%s in %s)\n", opt,
                             sw->base.sweep[d].key, casefile));
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
    if (!ierr) PetscCall(FvCaseDestroy(&c));
    else if (ierr != PETSC_ERR_USER) PetscCall(ierr);
    else if (outcome == FV_CASE_UNKNOWN_OVERRIDE) {
      PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s: sweep: %s\n", casefile, msg));
      PetscCall(FvCaseDestroy(&sw->base));
      PetscCall(PetscFree(sw));
      PetscFunctionReturn(PETSC_ERR_USER);
    }
  }
  sw->nrates = PetscMax(1, sw->base.nrates);
  for (PetscInt k = 0; k < sw->nrates; k++) sw->rates[k] = sw->base.nrates ? sw->base.rates[k] : 1.0;
  sw->nmem = 1;
  for (PetscInt d = 0; d < sw->ndim; d++) sw->nmem *= sw->base.sweep[d].n;
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
  PetscCall(PetscOptionsBool("-sweep_quiet", "no line per member", NULL, sw->quiet, &sw->quiet, NULL));
  PetscOptionsEnd();
  PetscFunctionReturn(PETSC_SUCCESS);
}

static void SetReason(FvSweep sw, PetscInt j, const char *text) {
  char *dst       = (char *)sw->reason + (size_t)j * FV_SWEEP_REASON;
  const size_t n  = PetscMin(strlen(text), (size_t)FV_SWEEP_REASON - 1);
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
  for (PetscInt i = 0; i < ST_N; i++) sw->stack[m * ST_N + i] = NAN;
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
        sw->cap[j]    = res.dis_capacity;
        sw->energy[j] = res.dis_energy;
        sw->time[j]   = res.dis_time;
        sw->status[j] = res.ok ? FV_SWEEP_OK : FV_SWEEP_FAILED;
        snprintf(why, sizeof why, "%s%s", res.ok ? "" : "solver failed: ", res.reason);
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
      snprintf(line, sizeof line, "member %d/%d [%.300s]: %.600s\n", (int)m + 1, (int)sw->nmem, label, why);
    else {
      size_t len = (size_t)snprintf(line, sizeof line, "member %d/%d [%s]: %d/%d rates ok;", (int)m + 1, (int)sw->nmem, label, (int)nok,
                                    (int)sw->nrates);
      for (PetscInt k = 0; k < sw->nrates && len < sizeof line; k++)
        len += (size_t)snprintf(line + len, sizeof line - len, " %gC %.4g Wh/L", (double)sw->rates[k],
                                (double)FvStackEnergyDensity(&st, sw->energy[m * sw->nrates + k]));
      if (len < sizeof line - 1) snprintf(line + len, sizeof line - len, "\n");
    }
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "%s", line));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvSweepRun(FvSweep sw) {
  PetscMPIInt rank;
  MPI_Win win;
  int *counter = NULL, one = 1, next;
  const size_t nmr = (size_t)(sw->nmem * sw->nrates);
  double t0;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(sw->comm, &rank));
  for (size_t j = 0; j < nmr; j++) sw->status[j] = -1; /* not run here (MPI_MAX keeps the computing rank's) */
  PetscCallMPI(MPI_Barrier(sw->comm));
  t0 = MPI_Wtime();
  /* the shared counter of the next member, on rank 0 */
  PetscCallMPI(MPI_Win_allocate(rank == 0 ? (MPI_Aint)sizeof(int) : 0, sizeof(int), MPI_INFO_NULL, sw->comm, &counter, &win));
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
  }
  PetscCallMPI(MPI_Win_free(&win));
  /* gather on rank 0: every entry was filled by exactly one rank, zeros (or -1) elsewhere */
  {
    void *in = rank == 0 ? MPI_IN_PLACE : NULL;
#define FV_REDUCE(buf, n, type, op) PetscCallMPI(MPI_Reduce(rank == 0 ? in : (void *)(buf), (buf), (int)(n), type, op, 0, sw->comm))
    FV_REDUCE(sw->cap, nmr, MPIU_REAL, MPI_SUM);
    FV_REDUCE(sw->energy, nmr, MPIU_REAL, MPI_SUM);
    FV_REDUCE(sw->time, nmr, MPIU_REAL, MPI_SUM);
    FV_REDUCE(sw->stack, (size_t)sw->nmem * ST_N, MPIU_REAL, MPI_SUM);
    FV_REDUCE(sw->status, nmr, MPI_INT, MPI_MAX);
    FV_REDUCE(sw->reason, nmr * FV_SWEEP_REASON, MPI_UNSIGNED_CHAR, MPI_MAX);
#undef FV_REDUCE
  }
  sw->wall = MPI_Wtime() - t0;
  sw->nok  = 0;
  for (size_t j = 0; j < nmr; j++) {
    if (sw->status[j] < 0) sw->status[j] = FV_SWEEP_NOT_RUN;
    if (sw->status[j] == FV_SWEEP_OK) sw->nok++;
  }
  PetscCallMPI(MPI_Bcast(&sw->nok, 1, MPIU_INT, 0, sw->comm));
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

/* ---- the summary NetCDF (rank 0) ---------------------------------------------------------- */

static PetscErrorCode NcCheck(int st, const char *what, const char *path) {
  PetscFunctionBeginUser;
  PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "%s: %s: %s", path, what, nc_strerror(st));
  PetscFunctionReturn(PETSC_SUCCESS);
}
#define NC(call) PetscCall(NcCheck((call), #call, path))

static PetscErrorCode DefVar(int ncid, const char *path, const char *name, int ndims, const int *dims, const char *units,
                             const char *longname, int *var) {
  PetscFunctionBeginUser;
  NC(nc_def_var(ncid, name, NC_DOUBLE, ndims, dims, var));
  NC(nc_put_att_text(ncid, *var, "units", strlen(units), units));
  NC(nc_put_att_text(ncid, *var, "long_name", strlen(longname), longname));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvSweepWrite(FvSweep sw, const char *path) {
  PetscMPIInt rank;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(sw->comm, &rank));
  PetscCheck(sw->ran, sw->comm, PETSC_ERR_ORDER, "FvSweepRun before FvSweepWrite");
  if (rank == 0) {
    const PetscInt nm = sw->nmem, nr = sw->nrates;
    const size_t nmr  = (size_t)(nm * nr);
    int ncid, dims[FV_MAX_SWEEP + 1], var;
    PetscReal *buf;
    char name[FV_NAME_LEN];
    static const signed char flags[] = {FV_SWEEP_OK, FV_SWEEP_INVALID, FV_SWEEP_FAILED, FV_SWEEP_NOT_RUN};
    static const char *const meanings = "ok invalid solver_failed not_run";
    NC(nc_create(path, NC_NETCDF4 | NC_CLOBBER, &ncid));
    for (PetscInt d = 0; d < sw->ndim; d++) {
      const FvSweepDim *D = &sw->base.sweep[d];
      char desc[FV_NAME_LEN + 64];
      for (size_t i = 0; i <= strlen(D->key); i++) name[i] = D->key[i] == '.' ? '_' : D->key[i];
      NC(nc_def_dim(ncid, name, (size_t)D->n, &dims[d]));
      snprintf(desc, sizeof desc, "swept case key %s", D->key);
      PetscCall(DefVar(ncid, path, name, 1, &dims[d], D->unit[0] ? D->unit : "1", desc, &var));
      NC(nc_put_att_text(ncid, var, "case_key", strlen(D->key), D->key));
      NC(nc_put_var_double(ncid, var, D->value));
    }
    NC(nc_def_dim(ncid, "rate", (size_t)nr, &dims[sw->ndim]));
    PetscCall(DefVar(ncid, path, "rate", 1, &dims[sw->ndim], "1", "C-rate of the discharge (operation.rates)", &var));
    NC(nc_put_var_double(ncid, var, sw->rates));
    PetscCall(PetscMalloc1(nmr, &buf));
    { /* per member x rate */
      static const char *const names[] = {"discharge_capacity", "discharge_energy", "discharge_time", "mean_voltage", "specific_energy",
                                          "energy_density"};
      static const char *const units[] = {"A h m-2", "W h m-2", "s", "V", "W h kg-1", "W h L-1"};
      static const char *const longs[] = {"delivered discharge capacity per electrode area", "delivered discharge energy per electrode area",
                                          "duration of the discharge", "mean discharge voltage (energy / capacity)",
                                          "specific energy of the stack unit at this rate", "energy density of the stack unit at this rate"};
      for (int v = 0; v < 6; v++) {
        for (PetscInt m = 0; m < nm; m++)
          for (PetscInt k = 0; k < nr; k++) {
            const PetscInt j = m * nr + k;
            const PetscReal e = sw->energy[j], mass = sw->stack[m * ST_N + ST_MASS], th = sw->stack[m * ST_N + ST_THICK];
            buf[j] = v == 0 ? sw->cap[j] : v == 1 ? e : v == 2 ? sw->time[j] : v == 3 ? e / sw->cap[j] : v == 4 ? e / mass : e / th / 1000;
          }
        PetscCall(DefVar(ncid, path, names[v], sw->ndim + 1, dims, units[v], longs[v], &var));
        NC(nc_put_var_double(ncid, var, buf));
      }
    }
    { /* per member: the stack and the static estimates */
      static const char *const names[] = {"stack_mass", "stack_thickness", "rated_capacity", "rated_energy", "static_capacity", "static_energy",
                                          "static_specific_energy", "static_energy_density", "rated_specific_energy", "rated_energy_density"};
      static const char *const units[] = {"kg m-2", "m", "A h m-2", "W h m-2", "A h m-2", "W h m-2", "W h kg-1", "W h L-1", "W h kg-1", "W h L-1"};
      static const char *const longs[] = {"mass of the repeating stack unit per electrode area",
                                          "thickness of the repeating stack unit",
                                          "rated capacity of the positive stoichiometry window",
                                          "rated capacity x mean OCV over the window (the seed's Fig. 13 basis)",
                                          "equilibrium capacity between the voltage cut-offs (full utilisation)",
                                          "equilibrium energy between the voltage cut-offs (full utilisation)",
                                          "static (full-utilisation) specific energy",
                                          "static (full-utilisation) energy density",
                                          "rated-window specific energy",
                                          "rated-window energy density"};
      for (int v = 0; v < 10; v++) {
        for (PetscInt m = 0; m < nm; m++) {
          const PetscReal *s = &sw->stack[m * ST_N];
          buf[m] = v < 6 ? s[v] : v == 6 ? s[ST_STATIC_E] / s[ST_MASS] : v == 7 ? s[ST_STATIC_E] / s[ST_THICK] / 1000
                                        : v == 8 ? s[ST_RATED_E] / s[ST_MASS] : s[ST_RATED_E] / s[ST_THICK] / 1000;
        }
        PetscCall(DefVar(ncid, path, names[v], sw->ndim, dims, units[v], longs[v], &var));
        NC(nc_put_var_double(ncid, var, buf));
      }
    }
    NC(nc_def_var(ncid, "status", NC_INT, sw->ndim + 1, dims, &var));
    NC(nc_put_att_schar(ncid, var, "flag_values", NC_BYTE, 4, flags));
    NC(nc_put_att_text(ncid, var, "flag_meanings", strlen(meanings), meanings));
    NC(nc_put_var_int(ncid, var, sw->status));
    {
      char **txt;
      PetscCall(PetscMalloc1(nmr, &txt));
      for (size_t j = 0; j < nmr; j++) txt[j] = (char *)sw->reason + j * FV_SWEEP_REASON;
      NC(nc_def_var(ncid, "reason", NC_STRING, sw->ndim + 1, dims, &var));
      NC(nc_put_att_text(ncid, var, "long_name", 47, "why the member ended (the failure reason if any)"));
      NC(nc_put_var_string(ncid, var, (const char **)txt));
      PetscCall(PetscFree(txt));
    }
    NC(nc_put_att_text(ncid, NC_GLOBAL, "fvcell_version", strlen(FVCELL_VERSION), FVCELL_VERSION));
    NC(nc_put_att_text(ncid, NC_GLOBAL, "fvcell_kind", 5, "sweep"));
    NC(nc_put_att_text(ncid, NC_GLOBAL, "case_file", strlen(sw->path), sw->path));
    if (sw->base.yaml_text) NC(nc_put_att_text(ncid, NC_GLOBAL, "case", strlen(sw->base.yaml_text), sw->base.yaml_text));
    NC(nc_close(ncid));
    PetscCall(PetscFree(buf));
  }
  PetscCallMPI(MPI_Barrier(sw->comm));
  PetscFunctionReturn(PETSC_SUCCESS);
}
#undef NC

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
