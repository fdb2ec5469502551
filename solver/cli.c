/* cli.c -- exit statuses and the unknown-option check (see cli.h).
 *
 * PETSc marks an option "used" when anything queries it (PetscOptionsGet*, PetscOptionsBegin
 * blocks, SetFromOptions of its objects); PetscOptionsLeftGet lists the others. An option left
 * over once the run is configured was read by nothing: a typo (-quite, -fvcell_rtoll,
 * -positve_thickness) that would otherwise be ignored in silence. Keys of the resolved case count
 * as used even when the loader reads its overrides from elsewhere than the global database.
 */
#include <string.h>
#include <yaml.h>
#include "cli.h"
#include "edit_distance.h"

/* fvcell's own options (the suggestions for a typo; each is declared with its help text where it
 * is read) and the PETSc options a user is likely to give. */
static const char *const known_options[] = {"-o",
                                            "-quiet",
                                            "-rates",
                                            "-protocol",
                                            "-cycles",
                                            "-materials_dir",
                                            "-sweep_quiet",
                                            "-fvcell_output_interval",
                                            "-fvcell_output_deflate",
                                            "-fvcell_output_max_records",
                                            "-fvcell_monitor_steps",
                                            "-fvcell_rtol",
                                            "-fvcell_max_step",
                                            "-fvcell_suppress_alg",
                                            "-fvcell_check_jacobian",
                                            "-fvcell_jacobian",
                                            "-fvcell_dmda_coloring",
                                            "-fvcell_ida_messages",
                                            "-fvcell_dense_stencil",
                                            "-fvcell_processors_x",
                                            "-fvcell_processors_y",
                                            "-fvcell_processors_z",
                                            "-parameter_set",
                                            "-bpx_initial_soc",
                                            "-fvcell_depletion_fraction",
                                            "-fvcell_surface_margin",
                                            "-fvcell_ksp_type",
                                            "-fvcell_pc_type",
                                            "-fvcell_pc_factor_mat_solver_type",
                                            "-help",
                                            "-version",
                                            "-log_view",
                                            "-options_left",
                                            "-malloc_debug",
                                            "-malloc_dump",
                                            "-info",
                                            NULL};

/* The case loader's shortcuts: used whenever a case is loaded (they need not be marked used in the
 * global database when the loader reads its overrides from an options object of its own). */
static const char *const loader_options[] = {"rates", "protocol", "cycles", "materials_dir", NULL};

/* Options PETSc reads only in PetscFinalize (so they are still "unused" during the run). */
static const char *const finalize_options[] = {"options_left",
                                               "options_view",
                                               "malloc_dump",
                                               "malloc_view",
                                               "memory_view",
                                               "objects_dump",
                                               "log_view",
                                               "log_view_memory",
                                               "log_view_gpu_time",
                                               "log_all",
                                               "log_trace",
                                               "log_summary",
                                               "get_total_flops",
                                               "history",
                                               "malloc_test",
                                               "check_pointer_intensity",
                                               NULL};

/* Options that PETSc reads only when a solver is set up, after the check: the levels of a
 * multigrid preconditioner (GAMG creates its levels at its first set-up, from the first Jacobian),
 * under fvcell's own solver prefixes. The check passes them over; the solver checks them itself
 * after its first set-up (FvCliCheckDeferredOptions), so a typo there fails too, a step later. */
static PetscBool Deferred(const char *name) {
  static const char *const prefixes[] = {"fvcell_condensed_", NULL};
  static const char *const levels[]   = {"mg_levels_", "mg_coarse_", NULL};
  for (size_t i = 0; prefixes[i]; i++)
    if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
      for (size_t k = 0; levels[k]; k++)
        if (strstr(name + strlen(prefixes[i]), levels[k])) return PETSC_TRUE;
  return PETSC_FALSE;
}

FvExitStatus FvExitStatusFromError(PetscErrorCode ierr) {
  if (!ierr) return FV_EXIT_OK;
  if (ierr == PETSC_ERR_USER) return FV_EXIT_BAD_INPUT;
  if (ierr == PETSC_ERR_FILE_WRITE || ierr == PETSC_ERR_FILE_OPEN || ierr == PETSC_ERR_FILE_READ)
    return FV_EXIT_IO;
  return FV_EXIT_INTERNAL;
}

/* The option names of the keys of a resolved case: every mapping key, its path joined by '_'
 * (positive.kinetics.rate_constant -> -positive_kinetics_rate_constant). */
typedef struct {
  char **names;
  size_t n, cap;
} NameList;

static PetscErrorCode NameAdd(NameList *l, const char *name) {
  PetscFunctionBeginUser;
  if (l->n == l->cap) {
    char **more;
    const size_t cap = l->cap ? 2 * l->cap : 64;
    PetscCall(PetscCalloc1(cap, &more));
    if (l->n) PetscCall(PetscArraycpy(more, l->names, l->n));
    PetscCall(PetscFree(l->names));
    l->names = more, l->cap = cap;
  }
  PetscCall(PetscStrallocpy(name, &l->names[l->n++]));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode NameListFree(NameList *l) {
  PetscFunctionBeginUser;
  for (size_t i = 0; i < l->n; i++)
    PetscCall(PetscFree(l->names[i]));
  PetscCall(PetscFree(l->names));
  l->n = l->cap = 0;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode WalkKeys(yaml_document_t *doc, yaml_node_t *node, const char *prefix,
                               int depth, NameList *l) {
  PetscFunctionBeginUser;
  if (!node || node->type != YAML_MAPPING_NODE || depth > 8) PetscFunctionReturn(PETSC_SUCCESS);
  for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top;
       p++) {
    yaml_node_t *k = yaml_document_get_node(doc, p->key);
    char name[512];
    if (!k || k->type != YAML_SCALAR_NODE) continue;
    PetscCall(PetscSNPrintf(name, sizeof name, "%s%s%s", prefix, prefix[0] ? "_" : "-",
                            (const char *)k->data.scalar.value));
    PetscCall(NameAdd(l, name));
    PetscCall(WalkKeys(doc, yaml_document_get_node(doc, p->value), name, depth + 1, l));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CaseKeys(const char *yaml_text, NameList *l) {
  yaml_parser_t parser;
  yaml_document_t doc;
  PetscFunctionBeginUser;
  if (!yaml_text) PetscFunctionReturn(PETSC_SUCCESS);
  if (!yaml_parser_initialize(&parser)) PetscFunctionReturn(PETSC_SUCCESS);
  yaml_parser_set_input_string(&parser, (const unsigned char *)yaml_text, strlen(yaml_text));
  if (yaml_parser_load(&parser, &doc)) {
    PetscErrorCode ierr = WalkKeys(&doc, yaml_document_get_root_node(&doc), "", 0, l);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    PetscCall(ierr);
  } else
    yaml_parser_delete(&parser);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static void Nearest(const char *name, const char *const *list, size_t n, const char **best,
                    size_t *bestd) {
  for (size_t i = 0; list && (n ? i < n : list[i] != NULL); i++) {
    const size_t d = FvEditDistance(name, list[i], 0);
    if (d < *bestd) *bestd = d, *best = list[i];
  }
}

static PetscErrorCode NearestIn(const char *name, const NameList *keys, char *buf, size_t len,
                                PetscBool *found) {
  const char *best = NULL;
  size_t bestd     = (size_t)-1, limit;
  PetscFunctionBeginUser;
  Nearest(name, known_options, 0, &best, &bestd);
  Nearest(name, (const char *const *)keys->names, keys->n, &best, &bestd);
  /* close enough to be a typo: a quarter of the name, at least 2 edits */
  limit  = PetscMax((size_t)2, strlen(name) / 4);
  *found = (PetscBool)(best && bestd <= limit);
  buf[0] = 0;
  if (*found) PetscCall(PetscStrncpy(buf, best, len));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCliNearestOption(const char *name, const char *case_yaml, char *buf, size_t len,
                                  PetscBool *found) {
  NameList keys = {NULL, 0, 0};
  PetscFunctionBeginUser;
  PetscCall(CaseKeys(case_yaml, &keys));
  PetscCall(NearestIn(name, &keys, buf, len, found));
  PetscCall(NameListFree(&keys));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscBool InList(const char *name, const char *const *list, size_t n) {
  for (size_t i = 0; n ? i < n : list[i] != NULL; i++)
    if (!strcmp(name, list[i])) return PETSC_TRUE;
  return PETSC_FALSE;
}

/* The check of FvCliCheckOptions (deferred: only the options Deferred() names, else all but
 * those). */
static PetscErrorCode CheckLeft(MPI_Comm comm, const char *case_yaml, PetscBool deferred) {
  PetscInt n;
  char **names, **values, line[1024] = "";
  NameList keys = {NULL, 0, 0};
  PetscFunctionBeginUser;
  PetscCall(CaseKeys(case_yaml, &keys));
  PetscCall(PetscOptionsLeftGet(NULL, &n, &names, &values));
  for (PetscInt i = 0; i < n && !line[0]; i++) {
    char opt[512], near[512];
    PetscBool found;
    if (Deferred(names[i]) != deferred) continue;
    if (InList(names[i], finalize_options, 0)) continue;
    if (case_yaml && InList(names[i], loader_options, 0)) continue;
    PetscCall(PetscSNPrintf(opt, sizeof opt, "-%s", names[i]));
    if (keys.n && InList(opt, (const char *const *)keys.names, keys.n)) continue;
    PetscCall(NearestIn(opt, &keys, near, sizeof near, &found));
    if (found)
      PetscCall(PetscSNPrintf(
          line, sizeof line, "command line: %s%s%s%s: unknown option (did you mean %s?)\n", opt,
          values[i] ? " \"" : "", values[i] ? values[i] : "", values[i] ? "\"" : "", near));
    else
      PetscCall(PetscSNPrintf(line, sizeof line,
                              "command line: %s%s%s%s: unknown option (fvcell COMMAND -help "
                              "lists the options; docs/case-keys.md the case keys)\n",
                              opt, values[i] ? " \"" : "", values[i] ? values[i] : "",
                              values[i] ? "\"" : ""));
  }
  PetscCall(PetscOptionsLeftRestore(NULL, &n, &names, &values));
  PetscCall(NameListFree(&keys));
  if (line[0]) {
    PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s", line));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCliCheckOptions(MPI_Comm comm, const char *case_yaml) {
  PetscFunctionBeginUser;
  PetscCall(CheckLeft(comm, case_yaml, PETSC_FALSE));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCliCheckDeferredOptions(MPI_Comm comm) {
  PetscFunctionBeginUser;
  PetscCall(CheckLeft(comm, NULL, PETSC_TRUE));
  PetscFunctionReturn(PETSC_SUCCESS);
}
