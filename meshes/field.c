/* field.c -- microstructure fields and interface maps sampled on the cell mesh (see field.h).
 *
 * Every value is a function of the cell's coordinates and the spec alone (the random modes come
 * from the seed, the voxel image is read whole), so any subset of cells, in any order, on any rank
 * gets bitwise the same values.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <netcdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include "field.h"

#define FV_FIELD_DEFAULT_MODES 256

/* ------------------------------------------------------------------------------------------------
 * Random Fourier features (Rahimi & Recht, NIPS 2007): with w ~ N(0, I/l^2) and p ~ U(0, 2 pi),
 * E[2 cos(w.x + p) cos(w.y + p)] = E[cos(w.(x - y))] = exp(-|x - y|^2 / (2 l^2)), so
 * g(x) = sqrt(2/K) sum_k cos(w_k.x + p_k) has unit variance and the Gaussian covariance, and tends
 * to a Gaussian field as K grows (central limit theorem).
 * ---------------------------------------------------------------------------------------------- */
typedef struct {
  PetscInt K;      /* modes */
  PetscInt na;     /* active directions */
  PetscInt dir[3]; /* the active directions (0 = x, 1 = y, 2 = z) */
  PetscReal *w;    /* K x na wave-vector components of the active directions [m-1] */
  PetscReal *p;    /* K phases */
  PetscReal amp;   /* sqrt(2/K) */
} FvRff;

/* Active directions: x, y, z up to dim; an interface map (plane) has only y (and z in 3D). */
static PetscErrorCode RffCreate(const FvFieldSpec *s, const char *what, PetscInt dim,
                                PetscBool plane, FvRff *f) {
  gsl_rng *r;
  PetscReal wk[3];
  char buf[64];
  PetscFunctionBeginUser;
  snprintf(buf, sizeof buf, "%g", (double)s->corr_length);
  PetscCheck(s->corr_length > 0 && PetscIsNormalReal(s->corr_length), PETSC_COMM_SELF,
             PETSC_ERR_USER, "%s: corr_length must be a positive length, got %s", what, buf);
  snprintf(buf, sizeof buf, "%d", (int)s->nmodes);
  PetscCheck(s->nmodes >= 0, PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: nmodes must be positive (0 = the default %d), got %s", what,
             FV_FIELD_DEFAULT_MODES, buf);
  f->K  = s->nmodes > 0 ? s->nmodes : FV_FIELD_DEFAULT_MODES;
  f->na = 0;
  for (PetscInt d = plane ? 1 : 0; d < dim; d++)
    f->dir[f->na++] = d;
  f->amp = PetscSqrtReal(2.0 / f->K);
  PetscCall(PetscMalloc2(f->K * (f->na > 0 ? f->na : 1), &f->w, f->K, &f->p));
  r = gsl_rng_alloc(gsl_rng_mt19937);
  PetscCheck(r, PETSC_COMM_SELF, PETSC_ERR_MEM, "%s: cannot allocate the random generator", what);
  /* GSL's mt19937 maps seed 0 to its default seed 4357 (GSL manual, "Random number generator
   * algorithms"). Every mode draws all three wave-vector components, then its phase, whatever the
   * active directions: the modes depend on (seed, K) only, the first K' modes of K > K' are the
   * modes of K', and a 2D field is the z = 0 slice of the 3D field with the same seed (dropping a
   * component of w leaves the others N(0, 1/l^2)). gsl_ran_gaussian(r, sigma) is sigma times a unit
   * draw, so the field in units of l does not depend on l. */
  gsl_rng_set(r, (unsigned long)s->seed);
  for (PetscInt k = 0; k < f->K; k++) {
    for (PetscInt d = 0; d < 3; d++)
      wk[d] = gsl_ran_gaussian(r, 1.0 / s->corr_length);
    for (PetscInt a = 0; a < f->na; a++)
      f->w[k * f->na + a] = wk[f->dir[a]];
    f->p[k] = gsl_ran_flat(r, 0.0, 2.0 * PETSC_PI);
  }
  gsl_rng_free(r);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode RffDestroy(FvRff *f) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree2(f->w, f->p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The unit field at the centres of n cells, u[c].
 * cos(w.x + p) = Re[exp(i (w_0 x_0 + p)) P], P = exp(i w_1 x_1) exp(i w_2 x_2) over the active
 * directions: the cells of a structured box share their coordinate along each direction, so the
 * factors are tabulated once per distinct coordinate of a chunk of cells, P is formed once per run
 * of cells with the same (x_1, x_2) (a row of the box), and a cell then costs two multiplications
 * per mode instead of a cosine (1e6 cells of a 100^3 box, K = 256: 0.13 s CPU here;
 * a cosine per cell and mode took several seconds). Cells with no shared coordinates (a scattered
 * list) still work, at about six trigonometric calls per cell and mode.
 * Every factor and product is a function of its coordinates and mode only, computed by the same
 * expression whatever the chunk or the cache, and every cell sums its modes in the same fixed
 * order: a cell's value does not depend on the other cells sampled with it, so any subset of cells
 * on any rank gets bitwise the same values. */
#define FV_RFF_CHUNK 65536            /* cells per chunk */
#define FV_RFF_TABLE_BYTES (32 << 20) /* a chunk with more distinct coordinates is split */

typedef struct {
  PetscInt *id;       /* per cell of the chunk: the row of its coordinate */
  PetscReal *cs, *sn; /* rows x K: cos, sin of w_k x (+ p_k in the first active direction) */
  PetscInt nu, cap;   /* rows used, allocated */
} FvRffAxis;

/* Distinct centre coordinates of cells [c0, c0 + m) along direction d, by an open-addressing hash
 * of their bits (linear time; a comparison sort was most of the cost): ax->id, ax->nu, their values
 * in xs[0, nu) in order of first appearance. hkey, hid: the table, nh (a power of 2 >= 2 m)
 * entries. Equal bits, equal row; two rows with the same value (0 and -0) are harmless. */
static void RffDistinct(PetscInt c0, PetscInt m, PetscInt d, const PetscReal *lo,
                        const PetscReal *hi, PetscReal *xs, uint64_t *hkey, PetscInt *hid,
                        PetscInt nh, FvRffAxis *ax) {
  for (PetscInt h = 0; h < nh; h++)
    hid[h] = -1;
  ax->nu = 0;
  for (PetscInt j = 0; j < m; j++) {
    const PetscReal x = 0.5 * (lo[3 * (c0 + j) + d] + hi[3 * (c0 + j) + d]);
    uint64_t bits;
    PetscInt h;
    memcpy(&bits, &x, sizeof bits);
    /* multiplicative (Fibonacci) hashing, Knuth, TAOCP vol. 3, sec. 6.4 */
    h = (PetscInt)(((bits ^ (bits >> 29)) * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (nh - 1);
    while (hid[h] >= 0 && hkey[h] != bits)
      h = (h + 1) & (nh - 1);
    if (hid[h] < 0) {
      hkey[h]      = bits;
      hid[h]       = ax->nu;
      xs[ax->nu++] = x;
    }
    ax->id[j] = hid[h];
  }
}

/* sum_k Re[(c_k + i s_k)(pr_k + i pi_k)] in four interleaved partial sums: a fixed order, the same
 * for every cell, that does not wait on one long chain of additions. pr = NULL: sum_k c_k. */
static inline PetscReal SumModes(PetscInt K, const PetscReal *restrict c,
                                 const PetscReal *restrict s, const PetscReal *restrict pr,
                                 const PetscReal *restrict pi) {
  PetscReal a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  PetscInt k = 0;
  if (!pr) {
    for (; k + 4 <= K; k += 4) {
      a0 += c[k];
      a1 += c[k + 1];
      a2 += c[k + 2];
      a3 += c[k + 3];
    }
    for (; k < K; k++)
      a0 += c[k];
  } else {
    for (; k + 4 <= K; k += 4) {
      a0 += c[k] * pr[k] - s[k] * pi[k];
      a1 += c[k + 1] * pr[k + 1] - s[k + 1] * pi[k + 1];
      a2 += c[k + 2] * pr[k + 2] - s[k + 2] * pi[k + 2];
      a3 += c[k + 3] * pr[k + 3] - s[k + 3] * pi[k + 3];
    }
    for (; k < K; k++)
      a0 += c[k] * pr[k] - s[k] * pi[k];
  }
  return (a0 + a1) + (a2 + a3);
}

static PetscErrorCode RffSample(const FvRff *f, PetscInt n, const PetscReal *lo,
                                const PetscReal *hi, PetscReal *u) {
  const PetscInt K = f->K, na = f->na, chunk = PetscMin(n, FV_RFF_CHUNK);
  PetscInt *hid, nh = 1;
  uint64_t *hkey;
  PetscReal *xs[3], *pr, *pi;
  FvRffAxis ax[3];
  PetscFunctionBeginUser;
  if (na == 0) { /* an interface map of a 1D mesh: one point, the value of the field at 0 */
    PetscReal v;
    PetscCall(PetscMalloc1(K, &pr));
    for (PetscInt k = 0; k < K; k++)
      pr[k] = PetscCosReal(f->p[k]);
    v = f->amp * SumModes(K, pr, NULL, NULL, NULL);
    for (PetscInt c = 0; c < n; c++)
      u[c] = v;
    PetscCall(PetscFree(pr));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (n == 0) PetscFunctionReturn(PETSC_SUCCESS);
  while (nh < 2 * chunk)
    nh *= 2;
  PetscCall(PetscMalloc4(nh, &hkey, nh, &hid, K, &pr, K, &pi));
  for (PetscInt a = 0; a < na; a++) {
    PetscCall(PetscMalloc2(chunk, &ax[a].id, chunk, &xs[a]));
    ax[a].cs = ax[a].sn = NULL;
    ax[a].cap           = 0;
  }
  for (PetscInt c0 = 0, m; c0 < n; c0 += m) {
    PetscInt last1 = -1, last2 = -1; /* the rows of the cached P */
    m = PetscMin(chunk, n - c0);
    for (;;) { /* halve the chunk until its tables fit the budget (only for scattered cells) */
      size_t rows = 0;
      for (PetscInt a = 0; a < na; a++) {
        RffDistinct(c0, m, f->dir[a], lo, hi, xs[a], hkey, hid, nh, &ax[a]);
        rows += (size_t)ax[a].nu;
      }
      if (rows * K * 2 * sizeof(PetscReal) <= FV_RFF_TABLE_BYTES || m <= 64) break;
      m /= 2;
    }
    for (PetscInt a = 0; a < na; a++) {
      if (ax[a].nu > ax[a].cap) {
        PetscCall(PetscFree2(ax[a].cs, ax[a].sn));
        ax[a].cap = PetscMax(ax[a].nu, 2 * ax[a].cap);
        PetscCall(PetscMalloc2((size_t)ax[a].cap * K, &ax[a].cs, (size_t)ax[a].cap * K, &ax[a].sn));
      }
      for (PetscInt r = 0; r < ax[a].nu; r++)
        for (PetscInt k = 0; k < K; k++) {
          const PetscReal wx          = f->w[k * na + a] * xs[a][r];
          const PetscReal arg         = a == 0 ? wx + f->p[k] : wx;
          ax[a].cs[(size_t)r * K + k] = PetscCosReal(arg);
          ax[a].sn[(size_t)r * K + k] = PetscSinReal(arg);
        }
    }
    for (PetscInt j = 0; j < m; j++) {
      const size_t r0      = (size_t)ax[0].id[j] * K;
      const PetscReal *c0r = ax[0].cs + r0, *s0r = ax[0].sn + r0;
      if (na == 1) {
        u[c0 + j] = f->amp * SumModes(K, c0r, NULL, NULL, NULL);
      } else if (na == 2) {
        const size_t r1 = (size_t)ax[1].id[j] * K;
        u[c0 + j]       = f->amp * SumModes(K, c0r, s0r, ax[1].cs + r1, ax[1].sn + r1);
      } else {
        if (ax[1].id[j] != last1 || ax[2].id[j] != last2) {
          const size_t r1 = (size_t)ax[1].id[j] * K, r2 = (size_t)ax[2].id[j] * K;
          const PetscReal *c1 = ax[1].cs + r1, *s1 = ax[1].sn + r1;
          const PetscReal *c2 = ax[2].cs + r2, *s2 = ax[2].sn + r2;
          for (PetscInt k = 0; k < K; k++) {
            pr[k] = c1[k] * c2[k] - s1[k] * s2[k];
            pi[k] = c1[k] * s2[k] + s1[k] * c2[k];
          }
          last1 = ax[1].id[j];
          last2 = ax[2].id[j];
        }
        u[c0 + j] = f->amp * SumModes(K, c0r, s0r, pr, pi);
      }
    }
  }
  for (PetscInt a = 0; a < na; a++) {
    PetscCall(PetscFree2(ax[a].cs, ax[a].sn));
    PetscCall(PetscFree2(ax[a].id, xs[a]));
  }
  PetscCall(PetscFree4(hkey, hid, pr, pi));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SampleGaussian(const FvFieldSpec *s, const char *what, PetscInt dim,
                                     PetscBool plane, PetscInt n, const PetscReal *lo,
                                     const PetscReal *hi, PetscReal *out) {
  FvRff f;
  const PetscBool clip = s->min < s->max; /* a hand-built spec with min = max = 0: no clipping */
  char buf[128];
  PetscFunctionBeginUser;
  snprintf(buf, sizeof buf, "mean %g, std %g", (double)s->mean, (double)s->std);
  PetscCheck(!PetscIsInfOrNanReal(s->mean) && s->std >= 0 && !PetscIsInfOrNanReal(s->std),
             PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: the gaussian field needs a finite mean and a std >= 0, got %s", what, buf);
  PetscCall(RffCreate(s, what, dim, plane, &f));
  PetscCall(RffSample(&f, n, lo, hi, out));
  for (PetscInt c = 0; c < n; c++) {
    PetscReal v = s->mean + s->std * out[c];
    if (clip) v = PetscMin(PetscMax(v, s->min), s->max);
    out[c] = v;
  }
  PetscCall(RffDestroy(&f));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* random_voids: a void (0) where the unit field exceeds the (1 - void_fraction) quantile of the
 * standard normal, so the expected void area fraction is void_fraction (the field's one-point
 * distribution is N(0, 1) in the many-mode limit). Always in-plane: x is ignored. */
static PetscErrorCode SampleRandomVoids(const FvFieldSpec *s, const char *what, PetscInt dim,
                                        PetscInt n, const PetscReal *lo, const PetscReal *hi,
                                        PetscReal *out) {
  FvRff f;
  PetscReal t;
  char buf[64];
  PetscFunctionBeginUser;
  snprintf(buf, sizeof buf, "%g", (double)s->void_fraction);
  PetscCheck(s->void_fraction >= 0 && s->void_fraction <= 1, PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: void_fraction must lie in [0, 1], got %s", what, buf);
  t = gsl_cdf_ugaussian_Pinv(1.0 - s->void_fraction); /* +inf at 0 (no voids), -inf at 1 */
  PetscCall(RffCreate(s, what, dim, PETSC_TRUE, &f));
  PetscCall(RffSample(&f, n, lo, hi, out));
  for (PetscInt c = 0; c < n; c++)
    out[c] = out[c] > t ? 0.0 : s->background;
  PetscCall(RffDestroy(&f));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* patches: closed rectangles [y0, y1] x [z0, z1]; a direction the mesh lacks (z in 2D, y and z in
 * 1D) is not tested. Always in-plane: x is ignored. */
static PetscErrorCode SamplePatches(const FvFieldSpec *s, const char *what, PetscInt dim,
                                    PetscInt n, const PetscReal *lo, const PetscReal *hi,
                                    PetscReal *out) {
  char buf[160];
  PetscFunctionBeginUser;
  snprintf(buf, sizeof buf, "%d", (int)s->npatches);
  PetscCheck(s->npatches >= 0 && s->npatches <= FV_MAX_PATCHES, PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: %s patches given, at most %d allowed", what, buf, FV_MAX_PATCHES);
  for (PetscInt k = 0; k < s->npatches; k++) {
    const PetscReal *r = s->patch[k];
    snprintf(buf, sizeof buf, "%d: y %g to %g, z %g to %g", (int)k, (double)r[0], (double)r[1],
             (double)r[2], (double)r[3]);
    PetscCheck(dim < 2 || r[0] <= r[1], PETSC_COMM_SELF, PETSC_ERR_USER,
               "%s: patch %s: y0 > y1 (or not a number)", what, buf);
    PetscCheck(dim < 3 || r[2] <= r[3], PETSC_COMM_SELF, PETSC_ERR_USER,
               "%s: patch %s: z0 > z1 (or not a number)", what, buf);
  }
  for (PetscInt c = 0; c < n; c++) {
    const PetscReal yc = 0.5 * (lo[3 * c + 1] + hi[3 * c + 1]);
    const PetscReal zc = 0.5 * (lo[3 * c + 2] + hi[3 * c + 2]);
    PetscBool in       = PETSC_FALSE;
    for (PetscInt k = 0; k < s->npatches && !in; k++) {
      const PetscReal *r = s->patch[k];
      in                 = (PetscBool)((dim < 2 || (yc >= r[0] && yc <= r[1])) &&
                       (dim < 3 || (zc >= r[2] && zc <= r[3])));
    }
    out[c] = in ? s->value : s->background;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ------------------------------------------------------------------------------------------------
 * Voxel images
 * ---------------------------------------------------------------------------------------------- */
typedef struct {
  PetscInt N[3]; /* voxels along x, y, z (1 along a direction the image lacks) */
  double *v;     /* values, x fastest: v[(iz N[1] + iy) N[0] + ix] */
} FvVoxels;

static const char *VoxelDimNames(PetscInt nd, PetscBool plane) {
  if (plane) return nd == 2 ? "(z, y)" : "(y)";
  return nd == 3 ? "(z, y, x)" : nd == 2 ? "(y, x)" : "(x)";
}

/* The fill value convention of the NetCDF User Guide ("Attribute Conventions", _FillValue): an
 * explicit _FillValue marks unwritten voxels; without one the type's default fill does, except for
 * the one-byte types, whose default is a legitimate value (a 0/255 image) and is not treated as
 * missing (as the NUG advises generic applications). */
static PetscBool DefaultFill(nc_type t, double *fill) {
  switch (t) {
  case NC_SHORT:
    *fill = NC_FILL_SHORT;
    return PETSC_TRUE;
  case NC_USHORT:
    *fill = NC_FILL_USHORT;
    return PETSC_TRUE;
  case NC_INT:
    *fill = NC_FILL_INT;
    return PETSC_TRUE;
  case NC_UINT:
    *fill = NC_FILL_UINT;
    return PETSC_TRUE;
  case NC_INT64:
    *fill = (double)NC_FILL_INT64;
    return PETSC_TRUE;
  case NC_UINT64:
    *fill = (double)NC_FILL_UINT64;
    return PETSC_TRUE;
  case NC_FLOAT:
    *fill = NC_FILL_FLOAT;
    return PETSC_TRUE;
  case NC_DOUBLE:
    *fill = NC_FILL_DOUBLE;
    return PETSC_TRUE;
  default:
    return PETSC_FALSE;
  }
}

/* Read attribute `name` (up to 16 numbers) of variable varid as doubles; *len = 0 when absent. */
static PetscErrorCode GetAttDoubles(int ncid, int varid, const char *name, const char *what,
                                    const char *file, double *val, size_t *len) {
  nc_type t;
  int st;
  PetscFunctionBeginUser;
  *len = 0;
  if (nc_inq_att(ncid, varid, name, &t, len) != NC_NOERR) {
    *len = 0;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (t == NC_CHAR || t == NC_STRING || *len > 16) {
    *len = 0; /* not a number: not one of the conventions handled here */
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  st = nc_get_att_double(ncid, varid, name, val);
  PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_USER, "%s: voxel file %s: attribute %s: %s",
             what, file, name, nc_strerror(st));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Read the variable from the open file ncid into vox (vox->v allocated here; the caller frees it on
 * error and closes the file). */
static PetscErrorCode VoxelRead(int ncid, const FvFieldSpec *s, const char *what, PetscInt dim,
                                PetscBool plane, FvVoxels *vox) {
  const char *file = s->file, *var = s->variable;
  const PetscInt nd = plane ? dim - 1 : dim, d0 = plane ? 1 : 0; /* first used direction */
  int st, varid, ndims, dimids[NC_MAX_VAR_DIMS], no_fill = 0;
  nc_type type;
  size_t len, total = 1, nfill, nmiss, nscale, noff;
  double fill[16], miss[16], scale[16], offset[16];
  char buf[1024];
  PetscFunctionBeginUser;
  st = nc_inq_varid(ncid, var, &varid);
  if (st == NC_ENOTVAR) {
    int nvars = 0;
    char name[NC_MAX_NAME + 1];
    buf[0] = 0;
    if (nc_inq_nvars(ncid, &nvars) == NC_NOERR) {
      for (int k = 0; k < nvars; k++) {
        if (nc_inq_varname(ncid, k, name) != NC_NOERR) continue;
        if (strlen(buf) + strlen(name) + 8 >= sizeof buf) {
          strcat(buf, ", ...");
          break;
        }
        if (k) strcat(buf, ", ");
        strcat(buf, name);
      }
    }
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER,
            "%s: voxel file %s has no variable '%s' (its variables: %s)", what, file, var,
            nvars ? buf : "none");
  }
  PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: voxel file %s: variable '%s': %s", what, file, var, nc_strerror(st));
  st = nc_inq_var(ncid, varid, NULL, &type, &ndims, dimids, NULL);
  PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: voxel file %s: variable '%s': %s", what, file, var, nc_strerror(st));
  snprintf(buf, sizeof buf, "has %d dimensions, expected %d %s for a%s %dD mesh", ndims, (int)nd,
           VoxelDimNames(nd, plane), plane ? "n interface map of a" : "", (int)dim);
  PetscCheck(ndims == nd, PETSC_COMM_SELF, PETSC_ERR_USER, "%s: variable '%s' in voxel file %s %s",
             what, var, file, buf);
  PetscCheck(type != NC_CHAR && type != NC_STRING && type <= NC_MAX_ATOMIC_TYPE, PETSC_COMM_SELF,
             PETSC_ERR_USER, "%s: variable '%s' in voxel file %s is not numeric", what, var, file);
  /* NetCDF dimension k (slowest first) is direction d0 + nd - 1 - k: (z, y, x) is C order. */
  vox->N[0] = vox->N[1] = vox->N[2] = 1;
  for (int k = 0; k < ndims; k++) {
    st = nc_inq_dimlen(ncid, dimids[k], &len);
    PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_USER,
               "%s: voxel file %s: variable '%s': %s", what, file, var, nc_strerror(st));
    PetscCheck(len > 0, PETSC_COMM_SELF, PETSC_ERR_USER,
               "%s: variable '%s' in voxel file %s is empty", what, var, file);
    vox->N[d0 + nd - 1 - k] = (PetscInt)len;
    total *= len;
  }
  PetscCall(PetscMalloc1(total, &vox->v));
  st = nc_get_var_double(ncid, varid, vox->v);
  PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: voxel file %s: reading variable '%s': %s", what, file, var, nc_strerror(st));

  /* Unwritten (fill) or missing voxels and NaN/Inf are errors: no value to average. */
  PetscCall(GetAttDoubles(ncid, varid, "_FillValue", what, file, fill, &nfill));
  if (!nfill && nc_inq_var_fill(ncid, varid, &no_fill, NULL) == NC_NOERR && !no_fill &&
      DefaultFill(type, &fill[0]))
    nfill = 1;
  PetscCall(GetAttDoubles(ncid, varid, "missing_value", what, file, miss, &nmiss));
  for (size_t j = 0; j < total; j++) {
    const double v  = vox->v[j];
    const char *bad = isfinite(v) ? NULL : "a NaN or infinite value";
    for (size_t k = 0; k < nfill && !bad; k++)
      if (v == fill[k]) bad = "the fill value (an unwritten voxel)";
    for (size_t k = 0; k < nmiss && !bad; k++)
      if (v == miss[k]) bad = "the missing_value";
    if (bad) {
      const size_t ix = j % (size_t)vox->N[0], iy = (j / (size_t)vox->N[0]) % (size_t)vox->N[1],
                   iz = j / ((size_t)vox->N[0] * vox->N[1]);
      if (plane)
        snprintf(buf, sizeof buf, "(z, y) = (%zu, %zu)", iz, iy);
      else
        snprintf(buf, sizeof buf, "(z, y, x) = (%zu, %zu, %zu)", iz, iy, ix);
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER,
              "%s: variable '%s' in voxel file %s holds %s at voxel %s (0-based); every voxel "
              "needs a value",
              what, var, file, bad, buf);
    }
  }
  /* Packed data (CF conventions 1.10, section 8.1): value = packed * scale_factor + add_offset. */
  PetscCall(GetAttDoubles(ncid, varid, "scale_factor", what, file, scale, &nscale));
  PetscCall(GetAttDoubles(ncid, varid, "add_offset", what, file, offset, &noff));
  if (nscale == 1 || noff == 1)
    for (size_t j = 0; j < total; j++)
      vox->v[j] = vox->v[j] * (nscale == 1 ? scale[0] : 1.0) + (noff == 1 ? offset[0] : 0.0);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode VoxelLoad(const FvFieldSpec *s, const char *what, PetscInt dim,
                                PetscBool plane, FvVoxels *vox) {
  int ncid, st;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  vox->v = NULL;
  PetscCheck(!(plane && dim == 1), PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: an interface map of a 1D mesh is a single value: give it as uniform, not voxel",
             what);
  PetscCheck(s->file[0], PETSC_COMM_SELF, PETSC_ERR_USER, "%s: voxel field without a file", what);
  PetscCheck(s->variable[0], PETSC_COMM_SELF, PETSC_ERR_USER,
             "%s: voxel field (file %s) without a variable", what, s->file);
  st = nc_open(s->file, NC_NOWRITE, &ncid);
  PetscCheck(st == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_USER, "%s: cannot open voxel file %s: %s",
             what, s->file, nc_strerror(st));
  ierr = VoxelRead(ncid, s, what, dim, plane, vox);
  (void)nc_close(ncid); /* read-only: closing cannot lose data */
  if (ierr) {
    PetscCall(PetscFree(vox->v));
    PetscCall(ierr);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Voxels j0 <= j < j1 along one direction whose centres dlo + (j + 1/2) dx lie in [a, b); when
 * none does, the one nearest to the cell centre (a + b)/2. The first guess from the division is
 * corrected against the centres as computed, so the test is exactly "centre in [a, b)". */
static PetscInt FirstCentreAtOrAbove(PetscReal a, PetscReal dlo, PetscReal dx, PetscInt N) {
  const PetscReal t = PetscCeilReal((a - dlo) / dx - 0.5);
  PetscInt j        = !(t > 0) ? 0 : t >= N ? N : (PetscInt)t;
  while (j > 0 && dlo + (j - 1 + 0.5) * dx >= a)
    j--;
  while (j < N && dlo + (j + 0.5) * dx < a)
    j++;
  return j;
}

static void VoxelRange(PetscReal a, PetscReal b, PetscReal dlo, PetscReal dx, PetscInt N,
                       PetscInt *j0, PetscInt *j1) {
  *j0 = FirstCentreAtOrAbove(a, dlo, dx, N);
  *j1 = FirstCentreAtOrAbove(b, dlo, dx, N);
  if (*j1 <= *j0) {
    const PetscReal t = PetscFloorReal((0.5 * (a + b) - dlo) / dx);
    *j0               = !(t > 0) ? 0 : t >= N - 1 ? N - 1 : (PetscInt)t;
    *j1               = *j0 + 1;
  }
}

static PetscErrorCode SampleVoxel(const FvFieldSpec *s, const char *what, PetscInt dim,
                                  PetscBool plane, const PetscReal dlo[3], const PetscReal dhi[3],
                                  PetscInt n, const PetscReal *lo, const PetscReal *hi,
                                  PetscReal *out) {
  FvVoxels vox;
  PetscBool used[3];
  PetscReal dx[3];
  char buf[128];
  PetscFunctionBeginUser;
  for (PetscInt d = 0; d < 3; d++) {
    used[d] = (PetscBool)(d < dim && !(plane && d == 0));
    if (!used[d]) continue;
    snprintf(buf, sizeof buf, "%g to %g in %c", (double)dlo[d], (double)dhi[d], (char)('x' + d));
    PetscCheck(dhi[d] > dlo[d], PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
               "%s: the box of the voxel image %s spans %s: empty", what, s->file, buf);
  }
  PetscCall(VoxelLoad(s, what, dim, plane, &vox));
  for (PetscInt d = 0; d < 3; d++)
    dx[d] = used[d] ? (dhi[d] - dlo[d]) / vox.N[d] : 1;
  if (s->phase >= 0) /* a phase fraction: the mean of the label's indicator */
    for (PetscInt j = 0; j < vox.N[0] * vox.N[1] * vox.N[2]; j++)
      vox.v[j] = round(vox.v[j]) == (PetscReal)s->phase ? 1.0 : 0.0;
  for (PetscInt c = 0; c < n; c++) {
    PetscInt j0[3] = {0, 0, 0}, j1[3] = {1, 1, 1};
    double sum = 0;
    /* Per direction, so a cell finer than the voxels in x but coarser in y takes the mean over its
     * y-range of the nearest x-layer of voxels. */
    for (PetscInt d = 0; d < 3; d++)
      if (used[d])
        VoxelRange(lo[3 * c + d], hi[3 * c + d], dlo[d], dx[d], vox.N[d], &j0[d], &j1[d]);
    for (PetscInt iz = j0[2]; iz < j1[2]; iz++)
      for (PetscInt iy = j0[1]; iy < j1[1]; iy++)
        for (PetscInt ix = j0[0]; ix < j1[0]; ix++)
          sum += vox.v[(iz * vox.N[1] + iy) * vox.N[0] + ix];
    out[c] = sum / ((j1[0] - j0[0]) * (j1[1] - j0[1]) * (j1[2] - j0[2]));
  }
  PetscCall(PetscFree(vox.v));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvFieldSample(const FvFieldSpec *s, const char *what, PetscInt dim, PetscBool plane,
                             const PetscReal dlo[3], const PetscReal dhi[3], PetscInt n,
                             const PetscReal *lo, const PetscReal *hi, PetscReal *out) {
  char buf[64];
  PetscFunctionBeginUser;
  if (!what) what = "field";
  PetscCheck(s, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "%s: no field spec", what);
  snprintf(buf, sizeof buf, "dim %d, n %d", (int)dim, (int)n);
  PetscCheck(dim >= 1 && dim <= 3 && n >= 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "%s: FvFieldSample: %s", what, buf);
  PetscCheck(n == 0 || (lo && hi && out), PETSC_COMM_SELF, PETSC_ERR_ARG_NULL,
             "%s: FvFieldSample: no cell arrays", what);
  /* Checks and file reads happen even when n == 0, so every rank fails alike on a bad spec. */
  switch (s->kind) {
  case FV_FIELDSPEC_UNIFORM:
    for (PetscInt c = 0; c < n; c++)
      out[c] = s->value;
    break;
  case FV_FIELDSPEC_GAUSSIAN:
    PetscCall(SampleGaussian(s, what, dim, plane, n, lo, hi, out));
    break;
  case FV_FIELDSPEC_VOXEL:
    PetscCheck(dlo && dhi, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL,
               "%s: FvFieldSample: a voxel field needs the box it spans", what);
    PetscCall(SampleVoxel(s, what, dim, plane, dlo, dhi, n, lo, hi, out));
    break;
  case FV_FIELDSPEC_PATCHES:
    PetscCall(SamplePatches(s, what, dim, n, lo, hi, out));
    break;
  case FV_FIELDSPEC_RANDOM_VOIDS:
    PetscCall(SampleRandomVoids(s, what, dim, n, lo, hi, out));
    break;
  case FV_FIELDSPEC_NONE:
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG,
            "%s: FvFieldSample: the spec is not given (kind none): use the region's uniform value",
            what);
  default:
    snprintf(buf, sizeof buf, "%d", (int)s->kind);
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "%s: FvFieldSample: unknown field kind %s", what,
            buf);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}
