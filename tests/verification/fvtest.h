/* fvtest.h -- small helpers shared by the verification tests (header-only). */
#pragma once
#include <math.h>
#include <stdio.h>
#include "run.h"

#define FV_CHECK(cond, ...)                                                                        \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      printf("FAIL: " __VA_ARGS__);                                                                \
      printf("\n");                                                                                \
      fails++;                                                                                     \
    }                                                                                              \
  } while (0)

/* Load cases/reference/NAME.yaml from the source tree. */
static inline PetscErrorCode FvTestLoadReference(const char *name, FvCase *c) {
  char path[FV_PATH_LEN];
  PetscFunctionBeginUser;
  snprintf(path, sizeof path, "%s/cases/reference/%s.yaml", FVCELL_SOURCE_DIR, name);
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, c));
  PetscFunctionReturn(PETSC_SUCCESS);
}
