/* fieldtest.h -- helpers of the field tests (tests/fields): cell boxes of structured grids, checks
 * that print what they compare, and capture of an error's message. Header-only. */
#pragma once
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <petscsys.h>
#include "field.h"

typedef struct {
  int checks, failures;
} Tally;

static inline void CheckTrue(Tally *t, int cond, const char *what) {
  t->checks++;
  if (!cond) t->failures++;
  printf("%-4s %s\n", cond ? "ok" : "FAIL", what);
}

/* The cells of an nx x ny x nz grid over [x0, x0 + Lx] x [y0, y0 + Ly] x [z0, z0 + Lz], x fastest.
 * lo, hi: 3 nx ny nz values each (PetscMalloc'd here). Faces are x0 + i Lx / nx, so a cell of a
 * grid and of a refined grid share faces exactly where they should. */
typedef struct {
  PetscInt n[3], ncells;
  PetscReal x0[3], L[3];
  PetscReal *lo, *hi;
} Grid;

static inline PetscReal GridFace(const Grid *g, PetscInt d, PetscInt i) {
  return g->x0[d] + i * g->L[d] / g->n[d];
}

static inline PetscErrorCode GridCreate(PetscInt nx, PetscInt ny, PetscInt nz,
                                        const PetscReal x0[3], const PetscReal L[3], Grid *g) {
  PetscFunctionBeginUser;
  g->n[0]   = nx;
  g->n[1]   = ny;
  g->n[2]   = nz;
  g->ncells = nx * ny * nz;
  for (PetscInt d = 0; d < 3; d++) {
    g->x0[d] = x0[d];
    g->L[d]  = L[d];
  }
  PetscCall(PetscMalloc2(3 * g->ncells, &g->lo, 3 * g->ncells, &g->hi));
  for (PetscInt k = 0; k < nz; k++)
    for (PetscInt j = 0; j < ny; j++)
      for (PetscInt i = 0; i < nx; i++) {
        const PetscInt c = (k * ny + j) * nx + i, ijk[3] = {i, j, k};
        for (PetscInt d = 0; d < 3; d++) {
          g->lo[3 * c + d] = GridFace(g, d, ijk[d]);
          g->hi[3 * c + d] = GridFace(g, d, ijk[d] + 1);
        }
      }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static inline PetscErrorCode GridDestroy(Grid *g) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree2(g->lo, g->hi));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Error capture: the message of the initial error, so a test can check what the user would see. */
static inline PetscErrorCode Capture(MPI_Comm comm, int line, const char *fun, const char *file,
                                     PetscErrorCode n, PetscErrorType p, const char *mess,
                                     void *ctx) {
  (void)comm;
  (void)line;
  (void)fun;
  (void)file;
  if (p == PETSC_ERROR_INITIAL && mess) {
    strncpy((char *)ctx, mess, 2047);
    ((char *)ctx)[2047] = 0;
  }
  return n;
}

/* FvFieldSample must fail with PETSC_ERR_USER and a message containing every string of `must`
 * (NULL-terminated). */
static inline void ExpectError(Tally *t, const char *what, const FvFieldSpec *s, PetscInt dim,
                               PetscBool plane, const PetscReal dlo[3], const PetscReal dhi[3],
                               const Grid *g, PetscReal *out, const char *const *must) {
  char msg[2048] = "", buf[2600];
  PetscErrorCode ierr;
  int ok;
  PetscPushErrorHandler(Capture, msg);
  ierr = FvFieldSample(s, what, dim, plane, dlo, dhi, g->ncells, g->lo, g->hi, out);
  PetscPopErrorHandler();
  ok = ierr == PETSC_ERR_USER;
  for (const char *const *m = must; *m; m++)
    ok = ok && strstr(msg, *m) != NULL;
  snprintf(buf, sizeof buf, "%s: error %d (want %d), message \"%s\"", what, (int)ierr,
           (int)PETSC_ERR_USER, msg);
  CheckTrue(t, ok, buf);
}
