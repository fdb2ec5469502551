/* assb_csv.c -- the ASSB tools' data tables (see assb_csv.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "assb_csv.h"

PetscErrorCode AssbCsvRead(const char *path, PetscInt ncols, const char *expect, AssbCsv *T) {
  FILE *fp;
  char line[512];
  PetscBool header = PETSC_FALSE;
  PetscFunctionBeginUser;
  PetscCheck(ncols >= 1 && ncols <= ASSB_CSV_MAXCOLS, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "AssbCsvRead: %" PetscInt_FMT " columns, expected 1 to %d", ncols, ASSB_CSV_MAXCOLS);
  PetscCall(PetscMemzero(T, sizeof *T));
  T->path = path, T->ncols = ncols;
  fp = fopen(path, "r");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s: cannot open the data table", path);
  while (fgets(line, sizeof line, fp)) {
    char *s                     = line, *end;
    PetscInt k                  = 0;
    line[strcspn(line, "\r\n")] = 0;
    if (line[0] == '#' || !line[0]) continue;
    if (!header) { /* the column names */
      header = PETSC_TRUE;
      continue;
    }
    if (T->n >= ASSB_CSV_MAXROWS) {
      fclose(fp);
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: more than %d rows", path,
              ASSB_CSV_MAXROWS);
    }
    PetscCall(PetscStrncpy(T->line[T->n], line, sizeof T->line[T->n]));
    for (;; k++) {
      const size_t len = strcspn(s, ",");
      char field[64];
      snprintf(field, sizeof field, "%.*s", (int)PetscMin(len, sizeof field - 1), s);
      if (k < ASSB_CSV_MAXCOLS) {
        const double d = strtod(field, &end);
        T->v[T->n][k]  = end != field && strspn(end, " \t") == strlen(end) ? d : NAN;
        if (k == 0) PetscCall(PetscStrncpy(T->word[T->n], field, sizeof T->word[T->n]));
      }
      if (!s[len]) break;
      s += len + 1;
    }
    if (k + 1 != ncols) {
      fclose(fp);
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED,
              "%s: row \"%.60s\": expected %" PetscInt_FMT " fields (%s)", path, T->line[T->n],
              ncols, expect);
    }
    T->n++;
  }
  fclose(fp);
  PetscCheck(T->n > 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: no rows (%s)", path,
             expect);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode AssbCsvComment(const char *path, const char *key, double *v) {
  FILE *fp;
  char line[512];
  const size_t n = strlen(key);
  PetscFunctionBeginUser;
  *v = NAN;
  fp = fopen(path, "r");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s: cannot open the data table", path);
  while (fgets(line, sizeof line, fp)) {
    const char *s = line + 1;
    if (line[0] != '#') continue;
    s += strspn(s, " ");
    if (!strncmp(s, key, n) && s[n] == ':') *v = strtod(s + n + 1, NULL);
  }
  fclose(fp);
  PetscFunctionReturn(PETSC_SUCCESS);
}
