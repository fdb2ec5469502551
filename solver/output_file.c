/* output_file.c -- output path checks, the partial file, its lock and the rename (output_file.h).
 *
 * Rank 0 does every file-system operation and broadcasts the outcome (a one-line message), so all
 * ranks return the same error code and no rank is left waiting in a collective call.
 */
#define _GNU_SOURCE /* F_OFD_SETLK, O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output_file.h"
#include "cli.h"

/* Broadcast rank 0's outcome: code (0, PETSC_ERR_USER, FV_ERR_IO) and its message, printed once. */
static PetscErrorCode Outcome(MPI_Comm comm, int code, const char *msg) {
  int c = code;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Bcast(&c, 1, MPI_INT, 0, comm));
  if (c) PetscCall(PetscFPrintf(comm, PETSC_STDERR, "%s\n", msg));
  PetscFunctionReturn((PetscErrorCode)c);
}

/* An open-file-description lock on the whole file (type F_WRLCK or F_UNLCK), not waiting: it
 * belongs to this descriptor alone (closing another descriptor of the file, as HDF5 and MPI-IO
 * do, keeps it) and does not conflict with the flock(2) HDF5 takes when it opens the file. */
static int Lock(int fd, short type) {
  struct flock fl;
  memset(&fl, 0, sizeof fl);
  fl.l_type   = type;
  fl.l_whence = SEEK_SET;
  return fcntl(fd, F_OFD_SETLK, &fl);
}

static PetscErrorCode Dir(const char *path, char *dir, size_t len) {
  const char *slash = strrchr(path, '/');
  PetscFunctionBeginUser;
  if (!slash)
    PetscCall(PetscStrncpy(dir, ".", len));
  else if (slash == path)
    PetscCall(PetscStrncpy(dir, "/", len));
  else
    PetscCall(PetscSNPrintf(dir, len, "%.*s", (int)(slash - path), path));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputFileCheck(MPI_Comm comm, const char *path, PetscInt ninputs,
                                 const char *const inputs[]) {
  PetscMPIInt rank;
  int code                           = 0;
  char msg[PETSC_MAX_PATH_LEN + 512] = "";
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    const size_t len = strlen(path);
    struct stat so, si;
    char dir[PETSC_MAX_PATH_LEN];
    if (!len) {
      code = PETSC_ERR_USER;
      PetscCall(PetscSNPrintf(msg, sizeof msg, "command line: -o \"\": expected a file name"));
    } else if (len + strlen(FV_PART_SUFFIX) > FV_OUTPUT_PATH_MAX) {
      code = FV_ERR_IO;
      PetscCall(PetscSNPrintf(msg, sizeof msg,
                              "%.80s...: the output path has %zu characters, at most %d are "
                              "supported (Open MPI's file name limit): give a shorter -o",
                              path, len, FV_OUTPUT_PATH_MAX - (int)strlen(FV_PART_SUFFIX)));
    }
    if (!code) { /* mkdir -p of the directory part */
      char buf[PETSC_MAX_PATH_LEN];
      PetscCall(PetscStrncpy(buf, path, sizeof buf));
      for (char *p = buf + 1; *p && !code; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(buf, 0777) && errno != EEXIST) {
          code = FV_ERR_IO;
          PetscCall(PetscSNPrintf(msg, sizeof msg, "%s: cannot create the output directory %s: %s",
                                  path, buf, strerror(errno)));
        }
        *p = '/';
      }
    }
    if (!code) {
      PetscCall(Dir(path, dir, sizeof dir));
      if (stat(dir, &so) || !S_ISDIR(so.st_mode)) {
        code = FV_ERR_IO;
        PetscCall(PetscSNPrintf(msg, sizeof msg, "%s: the output directory %s does not exist", path,
                                dir));
      } else if (access(dir, W_OK | X_OK)) {
        code = FV_ERR_IO;
        PetscCall(PetscSNPrintf(msg, sizeof msg, "%s: cannot write in the output directory %s: %s",
                                path, dir, strerror(errno)));
      } else if (!stat(path, &so) && S_ISDIR(so.st_mode)) {
        code = FV_ERR_IO;
        PetscCall(PetscSNPrintf(msg, sizeof msg,
                                "%s: the output path is a directory, expected a file "
                                "name such as %s/result.nc",
                                path, path));
      } else if (!stat(path, &so)) {
        for (PetscInt i = 0; i < ninputs && !code; i++)
          if (inputs[i] && inputs[i][0] && !stat(inputs[i], &si) && si.st_dev == so.st_dev &&
              si.st_ino == so.st_ino) {
            code = PETSC_ERR_USER;
            PetscCall(PetscSNPrintf(msg, sizeof msg,
                                    "command line: -o %s: is an input of this run (%s); "
                                    "expected another output file",
                                    path, inputs[i]));
          }
      }
    }
  }
  FvCallUser(Outcome(comm, code, msg));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputFileOpen(MPI_Comm comm, const char *path, FvOutputFile *f) {
  PetscMPIInt rank;
  int code                         = 0;
  char msg[2 * PETSC_MAX_PATH_LEN] = "";
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(PetscStrncpy(f->path, path, sizeof f->path));
  PetscCall(PetscSNPrintf(f->part, sizeof f->part, "%s%s", path, FV_PART_SUFFIX));
  f->fd = -1;
  if (rank == 0) {
    /* lock the partial file; if it was renamed away between open and flock (its writer just
     * finished), the lock is on the old inode: open the new name again */
    for (int attempt = 0; attempt < 8 && !code; attempt++) {
      struct stat sf, sp;
      int fd = open(f->part, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
      if (fd < 0) {
        code = FV_ERR_IO;
        PetscCall(PetscSNPrintf(msg, sizeof msg, "%s: cannot create %s: %s", path, f->part,
                                strerror(errno)));
        break;
      }
      if (Lock(fd, F_WRLCK)) {
        code = FV_ERR_IO;
        PetscCall(PetscSNPrintf(msg, sizeof msg,
                                "%s: another fvcell run is writing this file (its partial file %s "
                                "is locked): give another -o or wait for it",
                                path, f->part));
        close(fd);
        break;
      }
      if (!fstat(fd, &sf) && !stat(f->part, &sp) && sf.st_ino == sp.st_ino &&
          sf.st_dev == sp.st_dev) {
        f->fd = fd;
        break;
      }
      close(fd);
    }
    if (!code && f->fd < 0) {
      code = FV_ERR_IO;
      PetscCall(PetscSNPrintf(msg, sizeof msg, "%s: could not lock %s", path, f->part));
    }
  }
  FvCallUser(Outcome(comm, code, msg));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputFileCommit(MPI_Comm comm, FvOutputFile *f) {
  PetscMPIInt rank;
  int code                         = 0;
  char msg[2 * PETSC_MAX_PATH_LEN] = "";
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0 && f->fd >= 0) {
    if (rename(f->part, f->path)) {
      code = FV_ERR_IO;
      PetscCall(PetscSNPrintf(msg, sizeof msg,
                              "%s: cannot rename %s to it: %s (the result is in %s)", f->path,
                              f->part, strerror(errno), f->part));
    }
  }
  PetscCall(FvOutputFileRelease(f));
  FvCallUser(Outcome(comm, code, msg));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputFileRelease(FvOutputFile *f) {
  PetscFunctionBeginUser;
  if (f->fd >= 0) {
    (void)Lock(f->fd, F_UNLCK);
    close(f->fd);
  }
  f->fd = -1;
  PetscFunctionReturn(PETSC_SUCCESS);
}
