/* test_case_fields.c -- the issue-6 case keys (solver/case.c): the mesh: section, a region's
 * fields: and a metal electrode's contact_map, their command-line overrides, and the resolved YAML
 * (which must load back to the same case from another directory: voxel files are written as
 * absolute paths). case_fields FIELDS_GOOD.yaml   (tests/input/cases/fields_good.yaml copied next
 * to its voxel.nc) Registered in tests/input/CMakeLists.txt (the fixture that writes voxel.nc lives
 * there).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <petscsys.h>
#include "case.h"
#include "fvtest.h" /* FV_CHECK, FV_CLOSE */

static int fails = 0;

#define GOOD_LIQUID FVCELL_SOURCE_DIR "/tests/input/cases/good.yaml"

static int SameSpec(const FvFieldSpec *a, const FvFieldSpec *b) {
  if (a->kind != b->kind) return 0;
  if (a->kind == FV_FIELDSPEC_NONE) return 1;
  return a->value == b->value && a->mean == b->mean && a->std == b->std &&
         a->corr_length == b->corr_length && a->min == b->min && a->max == b->max &&
         a->seed == b->seed && a->nmodes == b->nmodes && !strcmp(a->file, b->file) &&
         !strcmp(a->variable, b->variable) && a->phase == b->phase &&
         a->background == b->background && a->npatches == b->npatches &&
         !memcmp(a->patch, b->patch, sizeof a->patch) && a->void_fraction == b->void_fraction;
}

/* The resolved YAML text must load back to the same case: identical text (without comment lines),
 * the same mesh and the same field specs.  It is written to the current directory (not the case's).
 */
static PetscErrorCode RoundTrip(MPI_Comm comm, const FvCase *c, const char *tmpname) {
  FILE *f;
  FvCase d;
  PetscErrorCode ierr;
  char *a, *b;

  PetscFunctionBeginUser;
  f = fopen(tmpname, "w");
  FV_CHECK(f != NULL, "cannot write %s", tmpname);
  if (!f) PetscFunctionReturn(PETSC_SUCCESS);
  fputs(c->yaml_text, f);
  fclose(f);
  ierr = FvCaseLoad(comm, tmpname, &d);
  FV_CHECK(ierr == 0, "the resolved case of %s does not load back (error %d):\n%s", c->name,
           (int)ierr, c->yaml_text);
  if (ierr) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(FvTestStripComments(c->yaml_text, &a));
  PetscCall(FvTestStripComments(d.yaml_text, &b));
  FV_CHECK(!strcmp(a, b), "resolved text of %s changes on reloading:\n%s\n----\n%s", c->name,
           c->yaml_text, d.yaml_text);
  PetscCall(PetscFree(a));
  PetscCall(PetscFree(b));
  FV_CHECK(!memcmp(&c->mesh, &d.mesh, sizeof c->mesh), "the mesh changes on reloading");
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    for (PetscInt k = 0; k < FV_NPFIELDS; k++)
      FV_CHECK(SameSpec(&c->region[g].field[k], &d.region[g].field[k]),
               "field %d of region %d changes on reloading", (int)k, (int)g);
    FV_CHECK(SameSpec(&c->region[g].contact_map, &d.region[g].contact_map),
             "contact map of region %d changes", (int)g);
  }
  PetscCall(FvCaseDestroy(&d));
  remove(tmpname);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static int EndsWith(const char *s, const char *tail) {
  size_t n = strlen(s), m = strlen(tail);
  return n >= m && !strcmp(s + n - m, tail);
}

/* tests/input/cases/fields_good.yaml: every mesh, fields and contact_map key */
static PetscErrorCode TestGood(MPI_Comm comm, const char *path) {
  FvCase c;
  const FvFieldSpec *f;
  PetscFunctionBeginUser;
  PetscCall(FvCaseLoad(comm, path, &c));
  FV_CHECK(c.mesh.dim == 3 && c.mesh.ny == 8 && c.mesh.nz == 8 && c.mesh.output_stride == 2,
           "mesh %d %d %d %d", (int)c.mesh.dim, (int)c.mesh.ny, (int)c.mesh.nz,
           (int)c.mesh.output_stride);
  FV_CLOSE(c.mesh.Ly, 40e-6, 1e-14);
  FV_CLOSE(c.mesh.Lz, 40e-6, 1e-14);
  FV_CHECK(c.mesh.x_grading == 1.2, "x_grading %g", c.mesh.x_grading);
  /* positive: a Gaussian solid-electrolyte fraction, a uniform radius, a voxel conductivity */
  f = &c.region[FV_POS].field[FV_PF_EPS];
  FV_CHECK(f->kind == FV_FIELDSPEC_GAUSSIAN && f->mean == 0.25 && f->std == 0.05 && f->seed == 7 &&
               f->nmodes == 256 && f->min == 0 && f->max == 0.6,
           "positive eps field kind %d mean %g std %g seed %d modes %d [%g, %g]", (int)f->kind,
           f->mean, f->std, (int)f->seed, (int)f->nmodes, f->min, f->max);
  FV_CLOSE(f->corr_length, 5e-6, 1e-14);
  f = &c.region[FV_POS].field[FV_PF_RADIUS];
  FV_CHECK(f->kind == FV_FIELDSPEC_UNIFORM, "radius field kind %d", (int)f->kind);
  FV_CLOSE(f->value, 4e-6, 1e-14);
  f = &c.region[FV_POS].field[FV_PF_SIGMA_S];
  FV_CHECK(f->kind == FV_FIELDSPEC_VOXEL && f->file[0] == '/' && EndsWith(f->file, "/voxel.nc") &&
               !strcmp(f->variable, "sigma") && f->phase == -1,
           "sigma field kind %d file %s variable %s phase %d", (int)f->kind, f->file, f->variable,
           (int)f->phase);
  /* separator: a phase fraction of a voxel image */
  f = &c.region[FV_SEP].field[FV_PF_EPS];
  FV_CHECK(f->kind == FV_FIELDSPEC_VOXEL && !strcmp(f->variable, "label") && f->phase == 1,
           "separator field");
  FV_CHECK(c.region[FV_SEP].field[FV_PF_RADIUS].kind == FV_FIELDSPEC_NONE,
           "no radius field in the separator");
  FV_CHECK(c.region[FV_NEG].field[FV_PF_EPS].kind == FV_FIELDSPEC_NONE, "no fields in the metal");
  /* the metal's contact map: two patches, the first over every z */
  f = &c.region[FV_NEG].contact_map;
  FV_CHECK(f->kind == FV_FIELDSPEC_PATCHES && f->npatches == 2 && f->value == 0 &&
               f->background == 1,
           "contact map kind %d n %d value %g background %g", (int)f->kind, (int)f->npatches,
           f->value, f->background);
  if (f->npatches == 2) {
    FV_CLOSE(f->patch[0][0], 10e-6, 1e-14);
    FV_CLOSE(f->patch[0][1], 20e-6, 1e-14);
    FV_CHECK(f->patch[0][2] == -PETSC_MAX_REAL && f->patch[0][3] == PETSC_MAX_REAL,
             "patch 0 spans every z");
    FV_CLOSE(f->patch[1][1], 35e-6, 1e-14);
    FV_CHECK(f->patch[1][2] == 0, "patch 1 z0 %g", f->patch[1][2]);
    FV_CLOSE(f->patch[1][3], 5e-6, 1e-14);
  }
  FV_CHECK(c.region[FV_POS].contact_map.kind == FV_FIELDSPEC_NONE,
           "no contact map in the positive");
  FV_CHECK(strstr(c.yaml_text, "\nmesh:\n  dimension: 3\n") != NULL, "resolved YAML has the mesh");
  FV_CHECK(strstr(c.yaml_text, "contact_map: {kind: patches") != NULL,
           "resolved YAML has the contact map");
  PetscCall(RoundTrip(comm, &c, "roundtrip_fields.yaml"));
  PetscCall(FvCaseDestroy(&c));

  /* overrides: mesh keys, one key of a field map, a whole contact map */
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_y_cells", "16"));
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_z_length", "50 um"));
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_x_grading", "1"));
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_output_stride", "1"));
  PetscCall(PetscOptionsSetValue(NULL, "-positive_fields_solid_electrolyte_fraction_seed", "9"));
  PetscCall(PetscOptionsSetValue(
      NULL, "-negative_contact_map",
      "{kind: random_voids, void_fraction: 0.3, correlation_length: \"3 um\", seed: 4}"));
  PetscCall(FvCaseLoad(comm, path, &c));
  FV_CHECK(c.mesh.ny == 16 && c.mesh.nz == 8 && c.mesh.x_grading == 1 && c.mesh.output_stride == 1,
           "mesh overrides");
  FV_CLOSE(c.mesh.Lz, 50e-6, 1e-14);
  FV_CHECK(c.region[FV_POS].field[FV_PF_EPS].seed == 9 &&
               c.region[FV_POS].field[FV_PF_EPS].mean == 0.25,
           "seed override");
  f = &c.region[FV_NEG].contact_map;
  FV_CHECK(f->kind == FV_FIELDSPEC_RANDOM_VOIDS && f->void_fraction == 0.3 && f->seed == 4 &&
               f->nmodes == 256 && f->background == 1,
           "random voids kind %d", (int)f->kind);
  FV_CLOSE(f->corr_length, 3e-6, 1e-14);
  PetscCall(RoundTrip(comm, &c, "roundtrip_fields_voids.yaml"));
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsClear(NULL));

  /* a bare number is a uniform contact map */
  PetscCall(PetscOptionsSetValue(NULL, "-negative_contact_map", "0.8"));
  PetscCall(FvCaseLoad(comm, path, &c));
  FV_CHECK(c.region[FV_NEG].contact_map.kind == FV_FIELDSPEC_UNIFORM &&
               c.region[FV_NEG].contact_map.value == 0.8,
           "uniform contact map");
  PetscCall(RoundTrip(comm, &c, "roundtrip_fields_uniform.yaml"));
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsClear(NULL));

  /* a 2D override of this 3D case keeps its z: refused */
  {
    char msg[2048] = "";
    PetscErrorCode ierr;
    PetscCall(PetscOptionsSetValue(NULL, "-mesh_dimension", "2"));
    ierr = FvCaseLoadQuiet(comm, path, &c, msg, sizeof msg);
    FV_CHECK(ierr == PETSC_ERR_USER && strstr(msg, "mesh.z") &&
                 strstr(msg, "expected no z in a 2D mesh") && strstr(msg, "(command line)"),
             "-mesh_dimension 2 with a z: %d %s", (int)ierr, msg);
    PetscCall(PetscOptionsClear(NULL));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A liquid cell (tests/input/cases/good.yaml): the default 1D mesh, porosity fields, a 2D mesh from
 * the command line. */
static PetscErrorCode TestLiquid(MPI_Comm comm) {
  FvCase c;
  char msg[2048] = "";
  PetscErrorCode ierr;
  const FvFieldSpec *f;
  PetscFunctionBeginUser;
  PetscCall(FvCaseLoad(comm, GOOD_LIQUID, &c));
  FV_CHECK(c.mesh.dim == 1 && c.mesh.Ly == 1 && c.mesh.Lz == 1 && c.mesh.ny == 1 &&
               c.mesh.nz == 1 && c.mesh.x_grading == 1 && c.mesh.output_stride == 1,
           "default mesh");
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    for (PetscInt k = 0; k < FV_NPFIELDS; k++)
      FV_CHECK(c.region[g].field[k].kind == FV_FIELDSPEC_NONE, "no field %d in region %d", (int)k,
               (int)g);
    FV_CHECK(c.region[g].contact_map.kind == FV_FIELDSPEC_NONE, "no contact map in region %d",
             (int)g);
  }
  FV_CHECK(strstr(c.yaml_text, "mesh:") == NULL && strstr(c.yaml_text, "fields:") == NULL,
           "a 1D case without fields writes neither");
  PetscCall(FvCaseDestroy(&c));

  PetscCall(PetscOptionsSetValue(NULL, "-mesh_dimension", "2"));
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_y_length", "50 um"));
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_y_cells", "16"));
  PetscCall(
      PetscOptionsSetValue(NULL, "-separator_fields_porosity",
                           "{kind: gaussian, mean: 0.5, std: 0.1, correlation_length: \"2 um\"}"));
  PetscCall(PetscOptionsSetValue(NULL, "-positive_fields_porosity", "0.35"));
  PetscCall(PetscOptionsSetValue(NULL, "-negative_fields_electronic_conductivity",
                                 "{kind: gaussian, mean: \"100 S/m\", std: \"20 S/m\", "
                                 "correlation_length: \"10 um\", seed: 3}"));
  PetscCall(FvCaseLoad(comm, GOOD_LIQUID, &c));
  FV_CHECK(c.mesh.dim == 2 && c.mesh.ny == 16 && c.mesh.nz == 1 && c.mesh.Lz == 1, "2D mesh");
  FV_CLOSE(c.mesh.Ly, 50e-6, 1e-14);
  {
    /* no output_stride given: the smallest stride writing at most 2048 cells a record */
    PetscInt nx = 0, s = c.mesh.output_stride;
    for (PetscInt g = 0; g < FV_NREGIONS; g++)
      nx += c.region[g].ncells;
#define KEPT(k) (((nx + (k)-1) / (k)) * ((c.mesh.ny + (k)-1) / (k)))
    FV_CHECK(s >= 1 && KEPT(s) <= 2048 && (s == 1 || KEPT(s - 1) > 2048),
             "automatic output stride %d for %d x %d cells", (int)s, (int)nx, (int)c.mesh.ny);
#undef KEPT
  }
  f = &c.region[FV_SEP].field[FV_PF_EPS];
  FV_CHECK(f->kind == FV_FIELDSPEC_GAUSSIAN && f->mean == 0.5 && f->std == 0.1 && f->seed == 1 &&
               f->nmodes == 256 && f->min == 0 && f->max == 1,
           "separator porosity field defaults");
  f = &c.region[FV_POS].field[FV_PF_EPS];
  FV_CHECK(f->kind == FV_FIELDSPEC_UNIFORM && f->value == 0.35, "positive porosity field");
  f = &c.region[FV_NEG].field[FV_PF_SIGMA_S];
  FV_CHECK(f->kind == FV_FIELDSPEC_GAUSSIAN && f->mean == 100 && f->std == 20 && f->min == 0 &&
               f->max == PETSC_MAX_REAL,
           "conductivity field clip range [%g, %g]", f->min, f->max);
  FV_CHECK(strstr(c.yaml_text, "  y: {length: \"5e-05 m\", cells: 16}\n") != NULL &&
               strstr(c.yaml_text, "  z:") == NULL,
           "resolved 2D mesh");
  FV_CHECK(strstr(c.yaml_text, "    porosity: 0.35\n") != NULL, "resolved porosity field");
  PetscCall(RoundTrip(comm, &c, "roundtrip_fields_liquid.yaml"));
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsClear(NULL));

  /* a finer plane gets a coarser automatic stride; a given stride is kept */
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_dimension", "2"));
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_y_length", "50 um"));
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_y_cells", "400"));
  PetscCall(FvCaseLoad(comm, GOOD_LIQUID, &c));
  {
    PetscInt nx = 0, s = c.mesh.output_stride;
    for (PetscInt g = 0; g < FV_NREGIONS; g++)
      nx += c.region[g].ncells;
    FV_CHECK(s > 1 && ((nx + s - 1) / s) * ((400 + s - 1) / s) <= 2048 &&
                 ((nx + s - 2) / (s - 1)) * ((400 + s - 2) / (s - 1)) > 2048,
             "automatic output stride %d for %d x 400 cells", (int)s, (int)nx);
    FV_CHECK(strstr(c.yaml_text, "  output_stride: ") != NULL, "the resolved case states it");
  }
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_output_stride", "1"));
  PetscCall(FvCaseLoad(comm, GOOD_LIQUID, &c));
  FV_CHECK(c.mesh.output_stride == 1, "a given stride wins: %d", (int)c.mesh.output_stride);
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsClear(NULL));

  /* a dimension override without the direction it needs names the command line */
  PetscCall(PetscOptionsSetValue(NULL, "-mesh_dimension", "2"));
  ierr = FvCaseLoadQuiet(comm, GOOD_LIQUID, &c, msg, sizeof msg);
  FV_CHECK(ierr == PETSC_ERR_USER &&
               strstr(msg, "command line: mesh.dimension (-mesh_dimension)") &&
               strstr(msg, "-mesh_y_length"),
           "-mesh_dimension 2 without y: %d %s", (int)ierr, msg);
  PetscCall(PetscOptionsClear(NULL));
  /* an active fraction below zero on average */
  PetscCall(PetscOptionsSetValue(NULL, "-positive_fields_porosity", "0.9"));
  ierr = FvCaseLoadQuiet(comm, GOOD_LIQUID, &c, msg, sizeof msg);
  FV_CHECK(ierr == PETSC_ERR_USER && strstr(msg, "positive.fields.porosity") &&
               strstr(msg, "at most 0.8"),
           "porosity field above porosity + active fraction: %d %s", (int)ierr, msg);
  PetscCall(PetscOptionsClear(NULL));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  MPI_Comm comm;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  if (argc < 2) {
    printf("usage: case_fields FIELDS_GOOD.yaml\n");
    fails++;
  } else
    PetscCall(TestGood(comm, argv[1]));
  PetscCall(TestLiquid(comm));
  printf("%s: %d failure(s)\n", fails ? "FAILED" : "passed", fails);
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
