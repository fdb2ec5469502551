/* fuzz_bpx.c -- libFuzzer harness of the BPX importer (solver/bpx.h): the input is a BPX JSON
 * file, imported into a scratch directory (the case and its CSV tables are written there). */
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz.h"
#include "bpx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char dir[256], json[320], yaml[320];
  PetscBool ok;
  FILE *f;
  snprintf(dir, sizeof dir, "%s/fvcell_fuzz_bpx_%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
           (int)getpid());
  mkdir(dir, 0777);
  snprintf(json, sizeof json, "%s/cell.json", dir);
  snprintf(yaml, sizeof yaml, "%s/cell.yaml", dir);
  f = fopen(json, "wb");
  if (!f) abort();
  if (size && fwrite(data, 1, size, f) != size) abort();
  fclose(f);
  FV_FUZZ_CALL(FvBpxImport(PETSC_COMM_SELF, json, yaml, &ok));
  remove(yaml);
  return 0;
}
