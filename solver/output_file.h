/* output_file.h -- where a result file is written, and how it is never silently lost.
 *
 * Owns: the checks of an output path before a run starts (its directory can be made and written,
 * the path is short enough for the MPI-IO layer, it is no input of the run), the partial file and
 * its lock, and the final rename:
 *  - a run writes PATH.part and renames it to PATH when it ends (also when its solve stopped
 *    early), so an earlier PATH stays intact until the new one is complete, and a killed run
 *    leaves PATH.part (readable, status "incomplete");
 *  - rank 0 holds an exclusive lock (fcntl F_OFD_SETLK) on PATH.part while it is written, so a
 * second run writing the same path is refused at once with a one-line error instead of corrupting
 * the first (the kernel drops the lock when a writer dies, so a stale PATH.part never blocks).
 * Failures print one line and return PETSC_ERR_USER (the path is an input of the run) or FV_ERR_IO
 * (cli.h: cannot be written, too long, taken). All calls are collective.
 */
#pragma once
#include <petscsys.h>

/* Longest path (as given, ".part" included) Open MPI's shared-file-pointer component handles:
 * 245 characters overflow a buffer inside MPI_File_open (measured with Open MPI 4.1, Debian 12). */
#define FV_OUTPUT_PATH_MAX 244
#define FV_PART_SUFFIX ".part"

typedef struct {
  char path[PETSC_MAX_PATH_LEN]; /* the final name */
  char part[PETSC_MAX_PATH_LEN]; /* the name written to: path + ".part" */
  int fd;                        /* rank 0: the locked descriptor of part (-1 elsewhere) */
} FvOutputFile;

/* Make the directories of path (mkdir -p) and check that path can be written: its directory is
 * writable, it is no directory, it is at most FV_OUTPUT_PATH_MAX - 5 characters, and it is none of
 * inputs[0..ninputs) (compared by device and inode; missing inputs are skipped). */
PetscErrorCode FvOutputFileCheck(MPI_Comm comm, const char *path, PetscInt ninputs,
                                 const char *const inputs[]);
/* Take path for writing: lock path.part (refused when another run holds it). */
PetscErrorCode FvOutputFileOpen(MPI_Comm comm, const char *path, FvOutputFile *f);
/* The file is complete: rename path.part to path and drop the lock. */
PetscErrorCode FvOutputFileCommit(MPI_Comm comm, FvOutputFile *f);
/* Drop the lock and leave path.part as it is (a run that could not finish). */
PetscErrorCode FvOutputFileRelease(FvOutputFile *f);
