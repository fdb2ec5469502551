/* case_fields.c -- the mesh, per-cell fields and interface maps (see case.h, case_loader.h).
 *
 * Owns: the `mesh:` section (FvCase.mesh), a region's `fields:` and a metal electrode's
 * `contact_map:` (FvFieldSpec).  They are parsed and checked here; meshes/field.c samples them.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>
#include <unistd.h>
#include <netcdf.h>
#include "case_loader.h"

/* Cells of one field written per record in 2D and 3D when mesh.output_stride is not given. */
#define FV_OUTPUT_FIELD_CELLS 2048

/* Can path be read?  Rank 0 looks, every rank gets *err (an errno, 0 = readable) and the absolute
 * path (the resolved case then loads from any directory). */
static PetscErrorCode CheckFile(MPI_Comm comm, const char *path, char *abs, size_t n, int *err) {
  PetscMPIInt rank;
  int e = 0;
  char buf[FV_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  CaseSfmt(buf, sizeof buf, "%s", path);
  if (rank == 0) {
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f)
      e = errno ? errno : EIO;
    else {
      fclose(f);
      if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) e = EISDIR;
    }
    if (!e && path[0] != '/') {
      char cwd[FV_PATH_LEN];
      const char *rel = path;
      while (rel[0] == '.' && rel[1] == '/')
        rel += 2;
      if (getcwd(cwd, sizeof cwd))
        CaseSfmt(buf, sizeof buf, "%s%s%s", cwd, strcmp(cwd, "/") ? "/" : "", rel);
    }
  }
  PetscCallMPI(MPI_Bcast(&e, 1, MPI_INT, 0, comm));
  PetscCallMPI(MPI_Bcast(buf, (int)sizeof buf, MPI_CHAR, 0, comm));
  *err = e;
  CaseSfmt(abs, n, "%s", buf);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* One in-plane direction of the mesh (y: need_dim 2, z: need_dim 3): {length, cells}, required when
 * the mesh has it and refused when not.  vdim: the mesh's dimension key (for messages). */
static PetscErrorCode LoadAxis(Loader *L, const Sec *ms, const char *name, PetscInt need_dim,
                               const Val *vdim, PetscReal *len, PetscInt *n) {
  const PetscInt dim = L->c->mesh.dim;
  Sec as;
  Val va, vl, vc;
  PetscBool given;
  PetscFunctionBeginUser;
  *len = 1;
  *n   = 1;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, ms, name, &va));
  CaseOpenSection(L, &va, CaseSchemaKeys(L, FV_SEC_MESH_AXIS),
                  "a map {length: \"40 um\", cells: 8}", &as);
  PetscCall(CaseLookup(L, &as, "length", &vl)); /* also -mesh_y_length without a y map */
  PetscCall(CaseLookup(L, &as, "cells", &vc));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  given = (PetscBool)(va.present || vl.present || vc.present);
  if (dim < need_dim) {
    if (given) {
      char at[64] = ", the default";
      if (vdim->present) CaseValWhere(vdim, at, sizeof at);
      CaseFail(L,
               va.present   ? &va
               : vl.present ? &vl
                            : &vc,
               "expected no %s in a %dD mesh (mesh.dimension is %d%s): %s", name, (int)dim,
               (int)dim, at,
               need_dim == 2 ? "y is the in-plane direction of a 2D or 3D mesh"
                             : "z is the second in-plane direction of a 3D mesh");
    }
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!given) {
    if (vdim->cmdline)
      CaseFail(
          L, vdim,
          "expected mesh.%s with a %dD mesh: give mesh.%s: {length: \"40 um\", cells: 8} in the "
          "case, or -mesh_%s_length and -mesh_%s_cells",
          name, (int)dim, name, name, name);
    else
      CaseFail(L, &va,
               "expected a map {length: \"40 um\", cells: 8}: a %dD mesh needs its extent and "
               "cells in %s",
               (int)dim, name);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* one of length and cells missing: with the direction only on the command line, say so there */
  if (!vl.present) {
    char hint[64] = "";
    if (!va.present && vc.cmdline)
      CaseSfmt(hint, sizeof hint, ": give -mesh_%s_length with it", name);
    CaseFail(L, hint[0] ? &vc : &vl,
             "expected %s (e.g. \"40 um\") for the extent of the mesh in %s%s", Q_LENGTH.what, name,
             hint);
  } else
    PetscCall(CaseQtyOf(L, &vl, &Q_LENGTH, NULL, len));
  if (!L->failed && !vc.present) {
    char hint[64] = "";
    if (!va.present && vl.cmdline)
      CaseSfmt(hint, sizeof hint, ": give -mesh_%s_cells with it", name);
    CaseFail(L, hint[0] ? &vl : &vc, "expected a number of cells >= 1 (e.g. 8) in %s%s", name,
             hint);
  } else
    CaseIntOf(L, &vc, 1, 1000000, "a number of cells >= 1", "8", n);
  if (!L->failed && *n > FV_LIMIT_AXIS_CELLS) CaseFailLimit(L, &vc, FV_LIMIT_AXIS_CELLS, NULL);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The `mesh:` section (optional; absent = a 1D cell): dimension, the in-plane directions y (2D, 3D)
 * and z (3D), the grading of the cells in x and the output stride. */
PetscErrorCode CaseLoadMesh(Loader *L, const Sec *root) {
  FvMeshSpec *m = &L->c->mesh;
  Sec ms;
  Val vd;
  PetscFunctionBeginUser;
  m->dim = 1;
  m->Ly = m->Lz = 1;
  m->ny = m->nz    = 1;
  m->x_grading     = 1;
  m->output_stride = 0; /* absent: chosen by CaseResolveOutputStride once the cells are known */
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseGetSection(L, root, "mesh", CaseSchemaKeys(L, FV_SEC_MESH), PETSC_FALSE,
                           "a map of the mesh's keys (dimension, y, z, x_grading, output_stride)",
                           &ms));
  PetscCall(CaseLoadRows(L, &ms, FV_SEC_MESH, m)); /* dimension, x_grading */
  PetscCall(CaseLookup(L, &ms, "dimension", &vd));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(LoadAxis(L, &ms, "y", 2, &vd, &m->Ly, &m->ny));
  PetscCall(LoadAxis(L, &ms, "z", 3, &vd, &m->Lz, &m->nz));
  /* absent: 0, chosen by CaseResolveOutputStride once the cells are known */
  PetscCall(CaseLoadKeyAs(L, &ms, FV_SEC_MESH, "output_stride", m, PETSC_FALSE, 0, NULL));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The output stride when the case does not give one: every cell in 1D (a few hundred values a
 * record, and the profiles near region boundaries matter); in 2D and 3D the smallest stride that
 * writes at most FV_OUTPUT_FIELD_CELLS cells of each field per record, so that a run recorded at
 * every integrator step stays at tens of megabytes rather than hundreds (docs/output.md). */
PetscErrorCode CaseResolveOutputStride(Loader *L) {
  FvMeshSpec *m = &L->c->mesh;
  PetscInt nx   = 0;
  PetscFunctionBeginUser;
  if (L->failed || m->output_stride > 0) PetscFunctionReturn(PETSC_SUCCESS);
  m->output_stride = 1;
  if (m->dim < 2) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt g = 0; g < FV_NREGIONS; g++)
    nx += L->c->region[g].ncells;
  for (;; m->output_stride++) {
    const PetscInt s = m->output_stride;
    const double kx = (double)((nx + s - 1) / s), ky = (double)((m->ny + s - 1) / s),
                 kz = m->dim > 2 ? (double)((m->nz + s - 1) / s) : 1.0;
    if (kx * ky * kz <= FV_OUTPUT_FIELD_CELLS || s >= PetscMax(nx, PetscMax(m->ny, m->nz))) break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Rank 0 opens voxel file path and looks at variable var: *err = 1 when the file is no NetCDF
 * file, *var_ok = false when the variable is missing, not numeric, has other than nd dimensions
 * (nd < 1: not checked) or more than FV_LIMIT_VOXELS voxels; why says which.  Every rank gets the
 * verdict. */
static PetscErrorCode CheckVoxel(MPI_Comm comm, const char *path, const char *var, PetscInt nd,
                                 int *err, PetscBool *var_ok, char *why, size_t n) {
  PetscMPIInt rank;
  int verdict[2] = {0, 1};
  char msg[512]  = "";
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    int ncid, varid, ndims, dimids[NC_MAX_VAR_DIMS], st;
    nc_type type;
    st = nc_open(path, NC_NOWRITE, &ncid);
    if (st != NC_NOERR) {
      verdict[0] = 1;
      CaseSfmt(msg, sizeof msg, "cannot open %s: %s", path, nc_strerror(st));
    } else {
      double total = 1;
      verdict[1]   = 0;
      if (nc_inq_varid(ncid, var, &varid) != NC_NOERR)
        CaseSfmt(msg, sizeof msg, "the file has no variable '%s'", var);
      else if (nc_inq_var(ncid, varid, NULL, &type, &ndims, dimids, NULL) != NC_NOERR)
        CaseSfmt(msg, sizeof msg, "cannot read variable '%s'", var);
      else if (type == NC_CHAR || type == NC_STRING || type > NC_MAX_ATOMIC_TYPE)
        CaseSfmt(msg, sizeof msg, "variable '%s' is not numeric", var);
      else if (nd >= 1 && ndims != nd)
        CaseSfmt(msg, sizeof msg, "variable '%s' has %d dimensions, expected %d for this mesh", var,
                 ndims, (int)nd);
      else {
        for (int k = 0; k < ndims; k++) {
          size_t len = 0;
          if (nc_inq_dimlen(ncid, dimids[k], &len) != NC_NOERR) len = 0;
          total *= (double)len;
        }
        if (!(total > 0))
          CaseSfmt(msg, sizeof msg, "variable '%s' is empty", var);
        else if (total > (double)FV_LIMIT_VOXELS)
          CaseSfmt(msg, sizeof msg, "variable '%s' has %.0f voxels, more than fvcell's limit %ld",
                   var, total, (long)FV_LIMIT_VOXELS);
        else
          verdict[1] = 1;
      }
      nc_close(ncid);
    }
  }
  PetscCallMPI(MPI_Bcast(verdict, 2, MPI_INT, 0, comm));
  PetscCallMPI(MPI_Bcast(msg, (int)sizeof msg, MPI_CHAR, 0, comm));
  *err    = verdict[0];
  *var_ok = (PetscBool)verdict[1];
  CaseSfmt(why, n, "%s", msg);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A voxel field's keys: the NetCDF file (relative to the file that names it; it must be readable
 * now, its contents are read by meshes/field.c), the variable and the phase label. */
static PetscErrorCode LoadVoxel(Loader *L, const Sec *m, PetscBool map, FvFieldSpec *f) {
  Val vf, vv, vp;
  char path[FV_PATH_LEN];
  int err = 0;
  PetscFunctionBeginUser;
  PetscCall(CaseLookup(L, m, "file", &vf));
  PetscCall(CaseLookup(L, m, "variable", &vv));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!vf.str) {
    CaseFail(L, &vf,
             "expected the NetCDF file of the voxel image (e.g. ct.nc, relative to the case file)");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (!vv.str) {
    CaseFail(L, &vv, "expected the name of the voxel image's variable in %s (e.g. label)", vf.str);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (strlen(vv.str) >= sizeof f->variable) {
    CaseFail(L, &vv, "expected a variable name of at most %d characters",
             (int)sizeof f->variable - 1);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  CaseResolvePath(L, vf.org, vf.str, path, sizeof path);
  PetscCall(CheckFile(L->comm, path, f->file, sizeof f->file, &err));
  if (err) {
    CaseFail(L, &vf, "expected a readable NetCDF file: cannot read %s: %s", path,
             CaseFileError(err));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  CaseSfmt(f->variable, sizeof f->variable, "%s", vv.str);
  { /* what meshes/field.c will read must be there now, so that `fvcell check` finds a bad file */
    const PetscInt nd = map ? L->c->mesh.dim - 1 : L->c->mesh.dim;
    PetscBool var_ok  = PETSC_FALSE;
    char why[512];
    PetscCall(CheckVoxel(L->comm, f->file, f->variable, nd, &err, &var_ok, why, sizeof why));
    if (err) {
      CaseFail(L, &vf, "expected a NetCDF voxel image: %s", why);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (!var_ok) {
      if (strstr(why, "fvcell's limit")) L->outcome = FV_CASE_LIMIT;
      CaseFail(L, &vv, "expected a voxel variable of %s: %s", vf.str, why);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
  }
  PetscCall(CaseLookup(L, m, "phase", &vp));
  if (!L->failed && vp.present)
    CaseIntOf(L, &vp, 0, PETSC_MAX_INT,
              "a phase label >= 0 (the field is the fraction of voxels with this label)", "0",
              &f->phase);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* An interval [a, b] of positions (a patch's y or z): a list of two lengths with a < b. */
static PetscErrorCode LoadInterval(Loader *L, const Val *v, PetscReal *a, PetscReal *b) {
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!v->node || v->node->type != YAML_SEQUENCE_NODE ||
      v->node->data.sequence.items.top - v->node->data.sequence.items.start != 2) {
    CaseFail(L, v, "expected a pair of positions [from, to] (e.g. [\"10 um\", \"20 um\"])");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  for (int j = 0; j < 2; j++) {
    Val vj;
    CaseSeqItem(v, j, &vj);
    PetscCall(CaseQtyOf(L, &vj, &Q_POSITION, NULL, j ? b : a));
  }
  if (!L->failed && !(*a < *b))
    CaseFail(L, v, "expected [from, to] with from < to (e.g. [\"10 um\", \"20 um\"])");
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The patches of an interface map: a list of {y: [y0, y1], z: [z0, z1]} (z omitted: every z). */
static PetscErrorCode LoadPatches(Loader *L, const Sec *m, FvFieldSpec *f) {
  Val vp;
  PetscInt n;
  PetscFunctionBeginUser;
  PetscCall(CaseLookup(L, m, "patches", &vp));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  n = (vp.node && vp.node->type == YAML_SEQUENCE_NODE)
          ? (PetscInt)(vp.node->data.sequence.items.top - vp.node->data.sequence.items.start)
          : -1;
  if (n < 1 || n > FV_MAX_PATCHES) {
    CaseFail(L, &vp,
             "expected a list of 1 to %d patches "
             "[{y: [\"10 um\", \"20 um\"], z: [\"0 um\", \"5 um\"]}, ...]",
             FV_MAX_PATCHES);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  for (PetscInt i = 0; i < n && !L->failed; i++) {
    Val vi, vy, vz;
    Sec ps;
    CaseSeqItem(&vp, i, &vi);
    CaseOpenSection(L, &vi, patch_keys,
                    "a patch {y: [\"10 um\", \"20 um\"], z: [\"0 um\", \"5 um\"]} (z optional)",
                    &ps);
    PetscCall(CaseLookup(L, &ps, "y", &vy));
    PetscCall(CaseLookup(L, &ps, "z", &vz));
    if (L->failed) break;
    if (!vy.present) {
      CaseFail(L, &vy, "expected the patch's extent in y, [y0, y1] (e.g. [\"10 um\", \"20 um\"])");
      break;
    }
    PetscCall(LoadInterval(L, &vy, &f->patch[i][0], &f->patch[i][1]));
    f->patch[i][2] = -PETSC_MAX_REAL;
    f->patch[i][3] = PETSC_MAX_REAL;
    if (vz.present) PetscCall(LoadInterval(L, &vz, &f->patch[i][2], &f->patch[i][3]));
  }
  f->npatches = n;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Field spec `name` of section s: a bare value (kind uniform), or a map {kind: ..., ...} of the
 * keys of its kind.  map: an interface map (also the kinds patches and random_voids).  v: the value
 * (not present: kind NONE, the region's uniform value). */
static PetscErrorCode LoadFieldSpec(Loader *L, const Sec *s, const char *name, const FieldQty *fq,
                                    PetscBool map, FvFieldSpec *f, Val *v) {
  const char *const kinds_text =
      map ? "uniform, gaussian, voxel, patches or random_voids" : "uniform, gaussian or voxel";
  Sec m;
  Val vk, vx;
  int kind = -1;
  PetscBool other;
  char at[64];

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(f, sizeof *f));
  f->seed       = 1;
  f->nmodes     = FV_FIELD_MODES_DEFAULT;
  f->min        = fq->lo;
  f->max        = fq->hi;
  f->phase      = -1;
  f->background = 1;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, s, name, v));
  if (L->failed || !v->present) PetscFunctionReturn(PETSC_SUCCESS);
  if (v->str || v->isnull) { /* a bare value */
    f->kind = FV_FIELDSPEC_UNIFORM;
    PetscCall(CaseQtyOf(L, v, fq->q, NULL, &f->value));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  {
    char what[256];
    CaseSfmt(what, sizeof what, "%s (e.g. \"%s\"), or a map {kind: %s, ...}", fq->q->what,
             fq->q->example,
             map ? "uniform|gaussian|voxel|patches|random_voids" : "uniform|gaussian|voxel");
    CaseOpenSection(L, v, field_keys, what, &m);
  }
  PetscCall(CaseMatchWord(L, &m, "kind", field_kinds, &kind, &vk, &other));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!vk.present || other || (!map && kind >= 3)) {
    const char *near = other && vk.str ? CaseClosest(vk.str, map ? field_kinds : cell_kinds) : NULL;
    if (!vk.present)
      CaseFail(L, &vk, "expected a field kind: %s", kinds_text);
    else if (!other)
      CaseFail(L, &vk,
               "expected a field kind: %s (%s is a kind of an interface map: "
               "a metal electrode's contact_map)",
               kinds_text, field_kinds[kind]);
    else if (near)
      CaseFail(L, &vk, "expected a field kind: %s (did you mean \"%s\"?)", kinds_text, near);
    else
      CaseFail(L, &vk, "expected a field kind: %s", kinds_text);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  /* keys of another kind would be ignored */
  CaseValWhere(&vk, at, sizeof at);
  for (yaml_node_pair_t *pr = m.map->data.mapping.pairs.start;
       pr < m.map->data.mapping.pairs.top && !L->failed; pr++) {
    const char *k = CaseNodeScalar(yaml_document_get_node(m.doc, pr->key));
    if (!k || CaseInList(k, kind_keys[kind])) continue;
    {
      char list[256] = "";
      for (const char *const *q = kind_keys[kind] + 1; *q; q++) {
        if (q != kind_keys[kind] + 1) strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, *q, sizeof list - strlen(list) - 1);
      }
      PetscCall(CaseLookup(L, &m, k, &vx));
      CaseFail(L, &vx, "expected no %s: %s is %s%s, which takes %s", k, vk.key, field_kinds[kind],
               at, list);
    }
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  f->kind = (FvFieldKind)(kind + 1);
  switch (f->kind) {
  case FV_FIELDSPEC_UNIFORM:
    PetscCall(CaseGetQty(L, &m, "value", fq->q, PETSC_TRUE, 0, &vx, &f->value));
    break;
  case FV_FIELDSPEC_GAUSSIAN: {
    const Qty qs   = {fq->q->unit,
                      "a standard deviation >= 0",
                      fq->std_example,
                      0,
                      INF,
                      PETSC_FALSE,
                      PETSC_TRUE,
                      0};
    const char *bw = fq->hi == 1 ? "a clip bound in [0, 1]" : "a clip bound >= 0";
    const Qty qb   = {fq->q->unit, bw,          fq->bound_example, fq->lo,
                      fq->hi,      PETSC_FALSE, PETSC_FALSE,       0};
    Val vmean, vmin, vmax;
    char t1[128], t2[128];
    PetscCall(CaseGetQty(L, &m, "mean", fq->q, PETSC_TRUE, 0, &vmean, &f->mean));
    PetscCall(CaseGetQty(L, &m, "std", &qs, PETSC_TRUE, 0, &vx, &f->std));
    PetscCall(
        CaseGetQty(L, &m, "correlation_length", &Q_CORR, PETSC_TRUE, 0, &vx, &f->corr_length));
    PetscCall(CaseGetInt(L, &m, "seed", 0, PETSC_MAX_INT, "a random seed >= 0", "7", 1, &f->seed));
    PetscCall(CaseGetInt(L, &m, "modes", 16, 1000000, "a number of Fourier modes >= 16", "256",
                         FV_FIELD_MODES_DEFAULT, &f->nmodes));
    PetscCall(CaseGetQty(L, &m, "min", &qb, PETSC_FALSE, fq->lo, &vmin, &f->min));
    PetscCall(CaseGetQty(L, &m, "max", &qb, PETSC_FALSE, fq->hi, &vmax, &f->max));
    if (L->failed) break;
    CaseQ(t1, sizeof t1, f->min, fq->q->unit);
    CaseQ(t2, sizeof t2, f->max, fq->q->unit);
    if (!(f->min < f->max))
      CaseFail(L, vmax.present ? &vmax : &vmin, "expected min < max (min %s, max %s)", t1, t2);
    else if (f->mean < f->min || f->mean > f->max)
      CaseFail(L, &vmean, "expected a mean within the clip range [min, max] = [%s, %s]", t1, t2);
  } break;
  case FV_FIELDSPEC_VOXEL:
    PetscCall(LoadVoxel(L, &m, map, f));
    break;
  case FV_FIELDSPEC_PATCHES:
    PetscCall(CaseGetQty(L, &m, "value", fq->q, PETSC_FALSE, 0, &vx, &f->value));
    PetscCall(CaseGetQty(L, &m, "background", fq->q, PETSC_FALSE, 1, &vx, &f->background));
    PetscCall(LoadPatches(L, &m, f));
    break;
  case FV_FIELDSPEC_RANDOM_VOIDS:
    PetscCall(CaseGetQty(L, &m, "void_fraction", &Q_VOIDS, PETSC_TRUE, 0, &vx, &f->void_fraction));
    PetscCall(
        CaseGetQty(L, &m, "correlation_length", &Q_CORR, PETSC_TRUE, 0, &vx, &f->corr_length));
    PetscCall(CaseGetInt(L, &m, "seed", 0, PETSC_MAX_INT, "a random seed >= 0", "7", 1, &f->seed));
    PetscCall(CaseGetInt(L, &m, "modes", 16, 1000000, "a number of Fourier modes >= 16", "256",
                         FV_FIELD_MODES_DEFAULT, &f->nmodes));
    PetscCall(CaseGetQty(L, &m, "background", fq->q, PETSC_FALSE, 1, &vx, &f->background));
    break;
  default:
    break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A region's `fields:` section: the electrolyte phase's volume fraction
 * (solid_electrolyte_fraction with a solid_electrolyte section, porosity without), and in an
 * electrode particle_radius and electronic_conductivity.  In an electrode the active material takes
 * up the difference between the region's value and the field, so a uniform field (a gaussian's
 * mean) must leave it >= 0. */
PetscErrorCode CaseLoadFields(Loader *L, const Sec *s, PetscInt g) {
  FvRegion *r            = &L->c->region[g];
  const PetscBool elec   = (PetscBool)(g != FV_SEP);
  const PetscBool has_se = L->has_se[g];
  const char *eps_key    = has_se ? "solid_electrolyte_fraction" : "porosity";
  Sec fs;
  Val v;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseGetSection(
      L, s, "fields", CaseSchemaKeys(L, FV_SEC_FIELDS), PETSC_FALSE,
      "a map of the region's fields (solid_electrolyte_fraction or porosity, particle_radius, "
      "electronic_conductivity)",
      &fs));
  PetscCall(CaseLookup(L, &fs, has_se ? "porosity" : "solid_electrolyte_fraction", &v));
  if (!L->failed && v.present) {
    if (has_se)
      CaseFail(L, &v,
               "expected no porosity field: %s has a solid_electrolyte section, so the field of "
               "its electrolyte's volume fraction is solid_electrolyte_fraction",
               region_names[g]);
    else
      CaseFail(L, &v,
               "expected no solid_electrolyte_fraction: %s has no solid_electrolyte section "
               "(its electrolyte is the liquid), so the field of its electrolyte's volume "
               "fraction is porosity",
               region_names[g]);
  }
  PetscCall(LoadFieldSpec(L, &fs, eps_key, &FQ_EPS, PETSC_FALSE, &r->field[FV_PF_EPS], &v));
  if (!L->failed && elec) {
    const FvFieldSpec *fe = &r->field[FV_PF_EPS];
    const PetscReal eps   = has_se ? r->eps_se : r->porosity;
    const PetscReal x     = fe->kind == FV_FIELDSPEC_UNIFORM    ? fe->value
                            : fe->kind == FV_FIELDSPEC_GAUSSIAN ? fe->mean
                                                                : -1;
    if (x > eps + r->eps_am + 1e-12)
      CaseFail(L, &v,
               "expected %s of at most %g, the region's %s (%g) plus its active fraction (%g): "
               "the active material takes up the difference",
               fe->kind == FV_FIELDSPEC_UNIFORM ? "a value" : "a mean", (double)(eps + r->eps_am),
               has_se ? "solid-electrolyte fraction" : "porosity", (double)eps, (double)r->eps_am);
  }
  if (!elec) {
    for (int i = 0; i < 2 && !L->failed; i++) {
      PetscCall(CaseLookup(L, &fs, i ? "electronic_conductivity" : "particle_radius", &v));
      if (!L->failed && v.present)
        CaseFail(L, &v,
                 "expected no %s field in the separator: particle_radius and "
                 "electronic_conductivity are fields of an electrode",
                 i ? "electronic_conductivity" : "particle_radius");
    }
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(LoadFieldSpec(L, &fs, "particle_radius", &FQ_RADIUS, PETSC_FALSE,
                          &r->field[FV_PF_RADIUS], &v));
  PetscCall(LoadFieldSpec(L, &fs, "electronic_conductivity", &FQ_SIGMA, PETSC_FALSE,
                          &r->field[FV_PF_SIGMA_S], &v));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A metal electrode's contact_map: its contact fraction with the electrolyte over the
 * interface (y, z). */
PetscErrorCode CaseLoadContactMap(Loader *L, const Sec *s, FvRegion *r) {
  Val v;
  PetscFunctionBeginUser;
  PetscCall(LoadFieldSpec(L, s, "contact_map", &FQ_CONTACT, PETSC_TRUE, &r->contact_map, &v));
  PetscFunctionReturn(PETSC_SUCCESS);
}
