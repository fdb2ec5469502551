/* fvtest.h -- small helpers shared by the C tests (verification, chemistry; header-only). */
#pragma once
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "run.h"

/* Count a failure (in the caller's `fails`) and say where, what and why. */
#define FV_CHECK(cond, ...)                                                                        \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fails++;                                                                                     \
      printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                                       \
      printf(__VA_ARGS__);                                                                         \
      printf("\n");                                                                                \
    }                                                                                              \
  } while (0)

/* |a - b| <= tol |b| */
#define FV_CLOSE(a, b, tol)                                                                        \
  FV_CHECK(fabs((double)(a) - (double)(b)) <= (tol)*fabs((double)(b)),                             \
           "%s = %.17g, expected %.17g", #a, (double)(a), (double)(b))

/* A copy of text without its comment lines (*out is PetscMalloc'ed): resolved case YAML notes its
 * materials and source file in comments, which differ between otherwise identical cases. */
static inline PetscErrorCode FvTestStripComments(const char *text, char **out) {
  size_t n = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(strlen(text) + 1, out));
  while (*text) {
    const char *e = strchr(text, '\n');
    size_t len    = e ? (size_t)(e - text + 1) : strlen(text);
    const char *p = text;
    while (*p == ' ')
      p++;
    if (*p != '#') {
      memcpy(*out + n, text, len);
      n += len;
    }
    text += len;
  }
  (*out)[n] = 0;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Load cases/reference/NAME.yaml from the source tree. */
static inline PetscErrorCode FvTestLoadReference(const char *name, FvCase *c) {
  char path[FV_PATH_LEN];
  PetscFunctionBeginUser;
  snprintf(path, sizeof path, "%s/cases/reference/%s.yaml", FVCELL_SOURCE_DIR, name);
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Volume-averaged particle concentration of each electrode [mol m-3] (every rank). */
static inline PetscErrorCode FvTestMeanConcentrations(FvProblem *p, Vec Y, PetscReal *c_neg,
                                                      PetscReal *c_pos) {
  PetscInt xs, xm;
  const PetscScalar **v;
  PetscReal loc[4] = {0, 0, 0, 0}, glob[4];
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOFRead(p->mesh.da, Y, (void *)&v));
  for (PetscInt i = xs; i < xs + xm; i++) {
    const PetscInt g       = p->mesh.region[i];
    const FvRegionModel *r = &p->model.reg[g];
    if (!r->electrode) continue;
    loc[g == FV_NEG ? 0 : 2] += p->mesh.h[i] * FvParticleAverage(r, &v[i][FV_CS0]);
    loc[g == FV_NEG ? 1 : 3] += p->mesh.h[i];
  }
  PetscCall(DMDAVecRestoreArrayDOFRead(p->mesh.da, Y, (void *)&v));
  PetscCall(
      MPIU_Allreduce(loc, glob, 4, MPIU_REAL, MPI_SUM, PetscObjectComm((PetscObject)p->mesh.da)));
  *c_neg = glob[1] > 0 ? glob[0] / glob[1] : 0;
  *c_pos = glob[3] > 0 ? glob[2] / glob[3] : 0;
  PetscFunctionReturn(PETSC_SUCCESS);
}
