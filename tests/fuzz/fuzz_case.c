/* fuzz_case.c -- libFuzzer harness of the case loader (solver/case.h): the input is a case file.
 * It is written to a scratch file (the loader reads files, and resolves materials and tables
 * relative to them) and loaded; a user error is the expected outcome for most inputs. */
#include <unistd.h>
#include "fuzz.h"
#include "case.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[256], msg[4096];
  FvCase c;
  FILE *f;
  PetscErrorCode ierr;
  FvFuzzInit();
  snprintf(path, sizeof path, "%s/fvcell_fuzz_case_%d.yaml",
           getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
  f = fopen(path, "wb");
  if (!f) abort();
  if (size && fwrite(data, 1, size, f) != size) abort();
  fclose(f);
  memset(&c, 0, sizeof c);
  ierr = FvCaseLoadQuiet(PETSC_COMM_SELF, path, &c, msg, sizeof msg);
  FV_FUZZ_CALL(ierr);
  if (!ierr) FV_FUZZ_CALL(FvCaseDestroy(&c));
  remove(path);
  return 0;
}
