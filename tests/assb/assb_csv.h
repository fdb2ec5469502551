/* assb_csv.h -- the data tables of the ASSB calibration tools (cases/assb/data/\*.csv).
 *
 * Owns: reading a small comma-separated table: lines starting with '#' are comments (some carry
 * a "# key: value" the tools read), blank lines are skipped, the first other line names the
 * columns, every further line is a row of a fixed number of fields. Each field is kept as a
 * number (NaN where it is not one) and the first also as text (a word such as "charge"). The
 * callers check their rows' ranges and name the row in their message (AssbCsv.line).
 */
#pragma once
#include <petscsys.h>

#define ASSB_CSV_MAXROWS 64
#define ASSB_CSV_MAXCOLS 8

typedef struct {
  const char *path;
  PetscInt n, ncols;                            /* rows, fields a row */
  double v[ASSB_CSV_MAXROWS][ASSB_CSV_MAXCOLS]; /* the fields as numbers (NaN: not a number) */
  char word[ASSB_CSV_MAXROWS][32];              /* the first field as text */
  char line[ASSB_CSV_MAXROWS][96];              /* the row as written (for messages) */
} AssbCsv;

/* Read path into T; every row must have ncols fields (expect: what a row holds, for the message,
 * e.g. "cycle,relative capacity"); at least one row. */
PetscErrorCode AssbCsvRead(const char *path, PetscInt ncols, const char *expect, AssbCsv *T);
/* The value of a "# key: VALUE" comment of path (NaN when there is none). */
PetscErrorCode AssbCsvComment(const char *path, const char *key, double *v);
