/* case.c -- loading a case (see case.h, case_loader.h).
 *
 * Owns: the public entry points of case.h: reading a case file (or the built-in default case),
 * loading every section in order and handing back an FvCase, or the one-line message of the
 * first mistake.
 */
#define _POSIX_C_SOURCE 200809L
#include "case_loader.h"
#include "default_case.h"

PetscErrorCode CaseDestroyProps(FvCase *c) {
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
    PetscCall(
        FileProblem(comm, msg, msglen, "%s: cannot read the case file: %s", path, strerror(err)));
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
