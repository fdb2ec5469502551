/* materials.h -- the material library: one YAML data file per material in models/materials/.
 *
 * Owns: the public view of a material file (FvMaterial), loading and validating one on its own,
 * the library's search directory and its listing (`fvcell materials`).  The parsing itself lives
 * in solver/case_materials.c, next to the case schema whose keys and value forms a material
 * file uses: reading files is the case layer's job, the physics never parses them.
 *
 * A material file (models/materials/NAME.yaml; README.md "Material library" has the format):
 *   name: NAME                      (the file name without .yaml)
 *   kind: active | electrolyte | solid_electrolyte | metal | inactive
 *   description: "..."
 *   sources: {KEY: "citation", ...} (every property key, or KEY.SUBKEY for each key of a map)
 *   KEY: value ...                  (the case schema's keys of the section the kind serves, plus
 *                                    the kind's data-only keys, kept for later models)
 * A case section (negative, positive, electrolyte) takes `material: NAME` (or a path to a
 * material file, relative to the case); keys given in the case override the material's.
 *
 * Search directory: option -materials_dir DIR, else environment FVCELL_MATERIALS, else
 * FVCELL_SOURCE_DIR "/models/materials".
 */
#pragma once
#include <petscsys.h>
#include "property.h"
#include "case.h"

#define FV_MAT_MAX_PROPS 40
#define FV_MAT_MAX_SOURCES 64
#define FV_MAT_SOURCE_LEN 1024
#define FV_MAT_MSG_LEN 2048

typedef enum {
  FV_MAT_ACTIVE = 0,        /* insertion material of a porous electrode */
  FV_MAT_ELECTROLYTE,       /* liquid binary electrolyte */
  FV_MAT_SOLID_ELECTROLYTE, /* single-ion conductor (a region's solid_electrolyte: section) */
  FV_MAT_METAL,             /* metal foil electrode (planar interface) */
  FV_MAT_INACTIVE           /* carbon, binder, current collectors (densities of compositions) */
} FvMaterialKind;

/* One property of a material, in SI.  Quantities are FV_PROP_CONST with arg FV_ARG_NONE. */
typedef struct {
  char key[FV_NAME_LEN]; /* the material file's key: "ocp", "kinetics.rate_constant" */
  char unit[64];         /* SI unit of the value */
  PetscBool data_only;   /* stored for later models, not used by the solver yet */
  FvProperty prop;       /* owned (FvMaterialDestroy frees it) */
} FvMaterialProperty;

typedef struct {
  char name[FV_NAME_LEN];
  char path[FV_PATH_LEN];
  FvMaterialKind kind;
  const char *kind_name; /* "active", ... (static string) */
  char description[1024];
  PetscInt nsources;
  char source_key[FV_MAT_MAX_SOURCES][FV_NAME_LEN];
  char source[FV_MAT_MAX_SOURCES][FV_MAT_SOURCE_LEN];
  PetscInt nprops;
  FvMaterialProperty props[FV_MAT_MAX_PROPS];
  PetscReal c_ref; /* electrolyte: its initial_concentration, 0 when not given */
  PetscReal c_max; /* active: c_s,max [mol m-3] with n = 1 and CODATA F (0 otherwise) */
} FvMaterial;

/* The directory searched for NAME.yaml (see above). */
PetscErrorCode FvMaterialsDir(char *dir, size_t len);
/* The names of the library's material files (*.yaml in the directory), sorted; free with
 * FvMaterialsNamesDestroy.  Collective: rank 0 reads the directory. */
PetscErrorCode FvMaterialsNames(MPI_Comm comm, PetscInt *n, char ***names);
PetscErrorCode FvMaterialsNamesDestroy(PetscInt n, char ***names);
/* Load and validate one material: NAME from the library, or a path to a material file (it
 * contains '/' or ends in .yaml).  A bad file is not a PETSc error: *ok = PETSC_FALSE and msg
 * holds the one-line message "FILE:LINE: KEY: VALUE: expected ...".  Collective. */
PetscErrorCode FvMaterialLoad(MPI_Comm comm, const char *name, FvMaterial *m, PetscBool *ok,
                              char *msg, size_t msglen);
PetscErrorCode FvMaterialDestroy(FvMaterial *m);
/* Print the library (rank 0): every material file with its kind, description and sources, sorted
 * by name; broken files are listed with their message and *all_ok is set false. */
PetscErrorCode FvMaterialsView(MPI_Comm comm, PetscBool *all_ok);
