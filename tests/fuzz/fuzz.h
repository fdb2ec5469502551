/* fuzz.h -- shared set-up of the libFuzzer harnesses (tests/fuzz, docs/testing.md).
 *
 * libFuzzer calls LLVMFuzzerTestOneInput once per input in one process, so the harness keeps what
 * is expensive to make (PETSc, a UDUNITS unit system) from the first call on: the one place in the
 * project with process-wide state, confined to these test programs.  A user error in an input is
 * the expected outcome; any other PETSc error code, a crash or a sanitizer report is a finding.
 */
#pragma once
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <petscsys.h>
#if defined(__has_include)
#if __has_include(<sanitizer/lsan_interface.h>)
#include <sanitizer/lsan_interface.h>
#define FV_FUZZ_HAVE_LSAN 1
#endif
#endif

/* Initialise PETSc (and MPI) once, without libFuzzer's command-line flags.  LeakSanitizer ignores
 * what is allocated meanwhile: Open MPI keeps some of it until exit by design, and some of it
 * belongs to components it unloads again during MPI_Init, so a later leak report could no longer
 * name the library (a 30-byte "leak" from "<unknown module>" that no suppression can match). */
static inline void FvFuzzInit(void) {
  PetscBool init;
  if (PetscInitialized(&init) || init) return;
  /* Open MPI's own SIGABRT/SIGSEGV handler would swallow the crash before libFuzzer saves the input
   */
  setenv("OMPI_MCA_opal_signal", "", 1);
#if defined(FV_FUZZ_HAVE_LSAN)
  __lsan_disable();
#endif
  if (PetscInitializeNoArguments()) abort();
#if defined(FV_FUZZ_HAVE_LSAN)
  __lsan_enable();
#endif
  /* no PETSc signal handler: a crash must reach the sanitizer and libFuzzer as itself */
  if (PetscPopSignalHandler()) abort();
}

/* libFuzzer calls this once before the first input: PETSc and MPI are set up here, so their
 * one-time allocations (Open MPI keeps some until exit) are not charged to an input as a leak. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  FvFuzzInit();
  return 0;
}

/* The input as a NUL-terminated string (caller frees), cut at an embedded NUL. */
static inline char *FvFuzzString(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s) abort();
  memcpy(s, data, size);
  s[size] = 0;
  return s;
}

/* A PETSc error code other than "user error" is a finding: stop with it. */
#define FV_FUZZ_CALL(call)                                                                         \
  do {                                                                                             \
    PetscErrorCode fv_fuzz_ierr = (call);                                                          \
    if (fv_fuzz_ierr && fv_fuzz_ierr != PETSC_ERR_USER) {                                          \
      fprintf(stderr, "%s:%d: %s returned PETSc error %d\n", __FILE__, __LINE__, #call,            \
              (int)fv_fuzz_ierr);                                                                  \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)
