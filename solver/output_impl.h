/* output_impl.h -- what the result file's own sources share (not an interface of the library).
 *
 * Owns: the FvOutput object's fields and the helpers output.c (file, runs, records, fields) and
 * output_tables.c (the per-step, per-cycle and per-rate tables) both use.
 */
#pragma once
#include <string.h>
#include <netcdf.h>
#include <netcdf_par.h>
#include <petsctime.h>
#include "output.h"
#include "output_file.h"

/* PETSc 3.18 compatibility (3.19 added PETSC_SUCCESS). */
#if PETSC_VERSION_LT(3, 19, 0) && !defined(PETSC_SUCCESS)
#define PETSC_SUCCESS 0
#endif
#define FvAssertPointer(p, a)                                                                      \
  PetscCheck((p) != NULL, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "Null pointer: argument %d (%s)",   \
             (a), #p)

#if !defined(PETSC_USE_REAL_DOUBLE)
#error "output.c writes PetscReal arrays with nc_put_vara_double: PETSc must use double precision"
#endif

#define FV_INCOMPLETE "incomplete: run did not finish"
/* Upper bound on the bytes of one chunk of a field (FieldChunks). */
#define FV_CHUNK_BYTES (4u << 20)
#define FV_TIME_CHUNK 16
#define FV_SCALAR_CHUNK 1024

enum { FV_S_TIME = 0, FV_S_VOLTAGE, FV_S_CURRENT, FV_S_CAPACITY, FV_S_ENERGY, FV_NSCALARS };

struct _p_FvOutput {
  MPI_Comm comm;
  PetscMPIInt rank, size;
  char path[PETSC_MAX_PATH_LEN];
  int ncid; /* root group */
  PetscBool isopen;
  /* the current run */
  PetscBool inrun;
  int gid;                           /* group of the current run (ncid for a root run) */
  PetscInt nruns;                    /* runs begun so far */
  PetscInt dim, stride;              /* mesh dimension; write every stride-th cell */
  PetscInt n[3], start[3], count[3]; /* global cells and this rank's owned box */
  PetscInt nw[3], ws[3], wc[3];      /* the written grid and this rank's kept box in it */
  PetscInt ncells, nkept;            /* cells of the owned and of the kept box */
  int dimid[3];                      /* dimensions x, y, z of the run's group */
  double *scratch;                   /* kept cells of one field (stride > 1), coordinates */
  size_t nrec;                       /* records appended to the current run */
  int vscalar[FV_NSCALARS], vfield[FV_NFIELDS], vstep, vcycle;
  PetscReal area; /* electrode area [m2] (0: no cell-level variables) */
  int vcell[3];   /* cell_current, cell_capacity, cell_energy */
  PetscInt nfam;  /* particle families (> 1: contact_fraction_family is written) */
  int vfam;
  PetscBool iface; /* interface_current_density is written (FvOutputSetInterfaceSeries) */
  int viface;
  /* the thermal variables of the run (output_thermal.c): temperature field, its mean, maximum
   * and the ambient, the heat terms */
  PetscBool thermal;
  int vtemp, vtscal[3], vheat[FV_MAX_OUT_HEAT], vheatmap;
  PetscInt nheat;
  PetscBool summary;        /* rate summary written */
  FvOutputFile file;        /* the partial file, its lock and final name (output_file.h) */
  PetscReal sync_interval;  /* [s] of wall time between syncs of appended records */
  PetscLogDouble last_sync; /* wall time of the last sync */
  PetscBool dirty;          /* records appended since the last sync */
  size_t nsynced;           /* records of the current run on disk as of the last sync */
  int deflate;              /* deflate level of the chunked variables (0: none) */
  /* string variables, written after the parallel file is closed (parallel HDF5 cannot write
   * variable-length data): group ("" for the root), variable, values (rank 0) */
  PetscInt npending;
  struct {
    char group[64], var[64];
    PetscInt n;
    char **text;
  } pending[64];
};

#define NCCall(o, call) PetscCall(FvNCCheck((call), #call, (o)->path))

/* Turn a NetCDF status into a PETSc error naming the call, the NetCDF message and the file. */
PetscErrorCode FvNCCheck(int status, const char *call, const char *path);
/* A variable of type xtype with units, long_name and optional chunking (output.c says which
 * fill it gets); FvOutDefVar: a double that is not a coordinate. */
PetscErrorCode FvOutDefVarT(FvOutput out, int grp, nc_type xtype, PetscBool coord, const char *name,
                            int ndims, const int dims[], const size_t chunks[], const char *units,
                            const char *long_name, int *varid);
PetscErrorCode FvOutDefVar(FvOutput out, int grp, const char *name, int ndims, const int dims[],
                           const size_t chunks[], const char *units, const char *long_name,
                           int *varid);
/* Keep a string variable of the current run; it is written when the file is closed. */
PetscErrorCode FvOutDeferStrings(FvOutput out, const char *var, PetscInt n,
                                 const char *const *text);
/* Flush to disk (collective). */
PetscErrorCode FvOutSync(FvOutput out);
/* The current run's kept box of a field (vals: the owned box) as the buffer to write, and its
 * selection in a variable whose spatial dimensions start at index `at` (output.c). */
PetscErrorCode FvOutPickBox(FvOutput out, const PetscReal *vals, const double **buf);
void FvOutBoxSelection(FvOutput out, size_t start[], size_t count[], int at);
