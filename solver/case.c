/* case.c -- loading a case (see case.h, case_loader.h).
 *
 * Owns: the public entry points of case.h: reading a case file (or the built-in default case),
 * loading every section in order and handing back an FvCase, or the one-line message of the
 * first mistake.
 */
#define _POSIX_C_SOURCE 200809L
#include "case_loader.h"
#include "default_case.h"

/* ---- loading ------------------------------------------------------------------------------ */

PetscErrorCode CaseLoadDocument(Loader *L, const char *text, size_t len, const char *default_name) {
  FvCase *c = L->c;
  Sec root;
  Val v;
  char why[512];
  int line;
  PetscBool ok;
  yaml_node_t *rn;

  PetscFunctionBeginUser;
  PetscCall(CaseParseYaml(text, len, &L->doc, &ok, why, sizeof why, &line));
  if (!ok) {
    CaseFailMsg(L, "%s:%d: invalid YAML: %s", L->origin, line, why);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  L->has_doc = PETSC_TRUE;
  rn         = yaml_document_get_root_node(&L->doc);
  if (!rn) {
    CaseFailMsg(L,
                "%s:1: empty case file: expected a YAML map of case keys (name, temperature, "
                "electrolyte, negative, separator, positive, operation)",
                L->origin);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (rn->type != YAML_MAPPING_NODE) {
    CaseFailMsg(
        L,
        "%s:%d: expected a YAML map of case keys (name, temperature, electrolyte, ...) at the "
        "top level",
        L->origin, CaseNodeLine(rn));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(PetscMemzero(&root, sizeof root));
  root.doc  = &L->doc;
  root.map  = rn;
  root.line = CaseNodeLine(rn);
  CaseCheckKeys(L, &root, CaseSchemaKeys(L, FV_SEC_ROOT));

  /* name and description */
  PetscCall(PetscStrncpy(c->name, default_name, sizeof c->name));
  PetscCall(CaseGetText(L, &root, "name", c->name, sizeof c->name, &v));
  if (!L->failed && v.present && !CaseValidName(c->name))
    CaseFail(
        L, &v,
        "expected a name made of letters, digits, '_', '-' and '.' (it names the output file)");
  if (!L->failed && !CaseValidName(c->name)) { /* a file name that is no good as an output name */
    for (char *q = c->name; *q; q++)
      if (!(isalnum((unsigned char)*q) || *q == '_' || *q == '-' || *q == '.')) *q = '_';
    if (!CaseValidName(c->name)) PetscCall(PetscStrncpy(c->name, "case", sizeof c->name));
  }
  PetscCall(CaseGetText(L, &root, "description", L->description, sizeof L->description, &v));

  /* constants and temperature */
  {
    Sec s;
    PetscCall(CaseGetSection(
        L, &root, "constants", CaseSchemaKeys(L, FV_SEC_CONSTANTS), PETSC_FALSE,
        "a map {faraday: \"96485.33212 C/mol\", gas_constant: \"8.314462618 J/mol/K\"}", &s));
    PetscCall(CaseLoadRows(L, &s, FV_SEC_CONSTANTS, c));
  }
  PetscCall(CaseLoadRows(L, &root, FV_SEC_ROOT, c)); /* temperature */
  PetscCall(CaseLoadMesh(L, &root));

  /* the regions first decide whether the liquid electrolyte is used and what the working ion is */
  {
    Sec peek[FV_NREGIONS];
    PetscBool liquid = PETSC_FALSE;
    for (PetscInt g = 0; g < FV_NREGIONS; g++)
      PetscCall(CaseScanRegion(L, &root, g, &peek[g]));
    for (PetscInt g = 0; g < FV_NREGIONS; g++) {
      if (!L->metal[g] && !L->has_se[g]) liquid = PETSC_TRUE;
      if (L->has_se[g]) PetscCall(CaseLoadSolidElectrolyte(L, &peek[g], g));
    }
    PetscCall(CaseLoadElectrolyte(L, &root, liquid));
    PetscCall(CaseResolveWorkingIon(L));
  }
  for (PetscInt g = 0; g < FV_NREGIONS; g++)
    PetscCall(CaseLoadRegion(L, &root, g));
  PetscCall(CaseResolveExcess(L));
  PetscCall(CaseResolveOutputStride(L));
  PetscCall(CaseLoadCell(L, &root));
  PetscCall(CaseLoadThermal(L, &root));
  PetscCall(CaseLoadSweep(L, &root));
  PetscCall(CaseLoadOperation(L, &root));
  PetscCall(CaseCheckUnusedOptions(L));
  PetscCall(CaseCheckMemory(L));
  if (!L->failed) PetscCall(CaseBuildYaml(L));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseDestroyProps(FvCase *c) {
  PetscFunctionBeginUser;
  PetscCall(FvPropertyDestroy(&c->electrolyte.kappa));
  PetscCall(FvPropertyDestroy(&c->electrolyte.D));
  PetscCall(FvPropertyDestroy(&c->electrolyte.tplus));
  PetscCall(FvPropertyDestroy(&c->electrolyte.tdf));
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    PetscCall(FvPropertyDestroy(&c->region[g].ocp));
    PetscCall(FvPropertyDestroy(&c->region[g].Ds));
    PetscCall(FvPropertyDestroy(&c->region[g].dUdT));
    PetscCall(FvPropertyDestroy(&c->region[g].k0));
    PetscCall(FvPropertyDestroy(&c->region[g].se.sigma));
    PetscCall(FvPropertyDestroy(&c->region[g].contact.dvv));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Load from text (a file's contents or the built-in case).  Returns PETSC_ERR_USER after
 * printing the message when the case is not valid. */
static PetscErrorCode LoadText(MPI_Comm comm, const char *text, size_t len, const char *path,
                               const char *origin, const char *default_name,
                               const FvCaseOverrides *ov, FvCase *c, FvCaseOutcome *outcome,
                               char *msg, size_t msglen) {
  Loader *L;
  PetscBool failed;
  PetscErrorCode ierr;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&L));
  L->comm   = comm;
  L->origin = origin;
  L->c      = c;
  L->ov     = *ov;
  if (path[0]) { /* the directory of the case file, for relative table paths */
    const char *slash = strrchr(path, '/');
    if (slash) CaseSfmt(L->dir, sizeof L->dir, "%.*s", (int)(slash - path), path);
    if (slash == path) CaseSfmt(L->dir, sizeof L->dir, "/");
  }
  PetscCall(PetscStrncpy(c->path, path, sizeof c->path));
  PetscCall(FvUnitsCreate(&L->units));
  ierr = CaseLoadDocument(L, text, len, default_name);
  /* clean up whatever happened */
  if (L->has_doc) yaml_document_delete(&L->doc);
  for (int i = 0; i < L->nodoc; i++) {
    yaml_document_delete(L->odoc[i]);
    PetscCall(PetscFree(L->odoc[i]));
  }
  PetscCall(FvUnitsDestroy(&L->units));
  for (int i = 0; i < MAT_SLOTS; i++)
    PetscCall(CaseMatFileDestroy(&L->mat[i]));
  for (int i = 0; i < L->nseen; i++)
    PetscCall(PetscFree(L->seen[i]));
  PetscCall(PetscFree(L->seen));
  PetscCall(PetscFree(L->seenlist));
  PetscCall(ierr);
  failed = L->failed;
  if (outcome) *outcome = failed ? L->outcome : FV_CASE_OK;
  if (failed) {
    if (msg)
      CaseSfmt(msg, msglen, "%s", L->msg);
    else
      PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s\n", L->msg));
    PetscCall(CaseDestroyProps(c));
    free(c->yaml_text);
    PetscCall(PetscMemzero(c, sizeof *c));
  }
  PetscCall(PetscFree(L));
  if (failed)
    PetscFunctionReturn(PETSC_ERR_USER); /* a user error: the message says it all, no traceback */
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A file-level problem (no file, unreadable): the message goes where LoadText would put it. */
static PetscErrorCode FileProblem(MPI_Comm comm, char *msg, size_t msglen, const char *fmt, ...)
    PETSC_ATTRIBUTE_FORMAT(4, 5);
static PetscErrorCode FileProblem(MPI_Comm comm, char *msg, size_t msglen, const char *fmt, ...) {
  char text[FV_PATH_LEN + 512];
  va_list ap;
  PetscFunctionBeginUser;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  if (msg)
    CaseSfmt(msg, msglen, "%s", text);
  else
    PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s\n", text));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCaseLoadWith(MPI_Comm comm, const char *path, const FvCaseOverrides *ov, FvCase *c,
                              FvCaseOutcome *outcome, char *msg, size_t msglen) {
  char *text;
  size_t len;
  int err;
  char base[FV_NAME_LEN];
  FvCaseOverrides none = {PETSC_FALSE, NULL};
  FvCaseOutcome out    = FV_CASE_INVALID;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(c, sizeof *c));
  if (outcome) *outcome = FV_CASE_INVALID;
  if (!path || !path[0]) {
    PetscCall(FileProblem(comm, msg, msglen, "fvcell: no case file given"));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
  if (strlen(path) >= FV_PATH_LEN) {
    PetscCall(FileProblem(comm, msg, msglen, "%.200s...: the path is longer than %d characters",
                          path, FV_PATH_LEN - 1));
    PetscFunctionReturn(PETSC_ERR_USER);
  }
  PetscCall(CaseReadFileBcast(comm, path, &text, &len, &err));
  if (err) {
    PetscCall(FileProblem(comm, msg, msglen, "%s: cannot read the case file: %s", path,
                          CaseFileError(err)));
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
    PetscErrorCode ierr =
        LoadText(comm, text, len, path, path, base, ov ? ov : &none, c, &out, msg, msglen);
    free(text);
    if (outcome) *outcome = out;
    if (ierr == PETSC_ERR_USER) PetscFunctionReturn(ierr);
    PetscCall(ierr);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCaseLoad(MPI_Comm comm, const char *path, FvCase *c) {
  const FvCaseOverrides cmdline = {PETSC_TRUE, NULL};
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  ierr = FvCaseLoadWith(comm, path, &cmdline, c, NULL, NULL, 0);
  if (ierr == PETSC_ERR_USER) PetscFunctionReturn(ierr);
  PetscCall(ierr);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCaseLoadQuiet(MPI_Comm comm, const char *path, FvCase *c, char *msg,
                               size_t msglen) {
  const FvCaseOverrides cmdline = {PETSC_TRUE, NULL};
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  ierr = FvCaseLoadWith(comm, path, &cmdline, c, NULL, msg, msglen);
  if (ierr == PETSC_ERR_USER) PetscFunctionReturn(ierr);
  PetscCall(ierr);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCaseLoadDefault(MPI_Comm comm, FvCase *c) {
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(c, sizeof *c));
  { /* the built-in case takes the command line's overrides like a case file */
    const FvCaseOverrides cmdline = {PETSC_TRUE, NULL};
    ierr = LoadText(comm, fv_default_case_yaml, strlen(fv_default_case_yaml), "", default_origin,
                    "dualfoil", &cmdline, c, NULL, NULL, 0);
  }
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
  PetscCall(CaseDestroyProps(c));
  free(c->yaml_text);
  PetscCall(PetscMemzero(c, sizeof *c));
  PetscFunctionReturn(PETSC_SUCCESS);
}
