/* parameter_set.h -- named published parameter sets: `-parameter_set Chen2020`.
 *
 * Owns: the registry of the published sets fvcell ships (name, the case file that holds it, what
 * it is, where it comes from), resolving a name to that case file, the -parameter_set option
 * and the `fvcell parameter-sets` listing.  A set IS a shipped case file (cases/...): the name
 * only finds it, so the case loader needs nothing new and every case key can still be overridden
 * on the command line (-positive_thickness "80 um").
 *
 * Search directory of the case files: environment FVCELL_CASES, else FVCELL_SOURCE_DIR "/cases"
 * (as the material library is found).  Names match case-insensitively.
 */
#pragma once
#include <petscsys.h>

typedef struct {
  const char *name;        /* "Chen2020" */
  const char *file;        /* relative to the search directory: "reference/chen2020.yaml" */
  const char *description; /* one line: cell and chemistry */
  const char *source;      /* the paper (and the transcription) it comes from */
} FvParameterSet;

/* The registry (static, read-only) and its length. */
const FvParameterSet *FvParameterSets(PetscInt *n);
/* The set named name (case-insensitive), or NULL. */
const FvParameterSet *FvParameterSetFind(const char *name);
/* The absolute path of a set's case file. */
PetscErrorCode FvParameterSetPath(const FvParameterSet *s, char *path, size_t len);
/* Read -parameter_set NAME.  *given: the option was set; then path holds the set's case file, or,
 * for an unknown name, *ok = PETSC_FALSE and a one-line error (with the nearest name and the list)
 * was printed on rank 0. */
PetscErrorCode FvParameterSetFromOptions(MPI_Comm comm, char *path, size_t len, PetscBool *given,
                                         PetscBool *ok);
/* `fvcell parameter-sets`: name, description, case file and source of each set. */
PetscErrorCode FvParameterSetsView(MPI_Comm comm);
