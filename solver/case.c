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
                               const char *origin, const char *default_name, FvCase *c, char *msg,
                               size_t msglen) {
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

PetscErrorCode FvCaseLoad(MPI_Comm comm, const char *path, FvCase *c) {
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  ierr = FvCaseLoadQuiet(comm, path, c, NULL, 0);
  if (ierr == PETSC_ERR_USER) PetscFunctionReturn(ierr);
  PetscCall(ierr);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCaseLoadQuiet(MPI_Comm comm, const char *path, FvCase *c, char *msg,
                               size_t msglen) {
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
  PetscCall(CaseReadFileBcast(comm, path, &text, &len, &err));
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
  PetscCall(CaseDestroyProps(c));
  free(c->yaml_text);
  PetscCall(PetscMemzero(c, sizeof *c));
  PetscFunctionReturn(PETSC_SUCCESS);
}
