/* test_voxel.c -- voxel fields of meshes/field.c on a NetCDF file this test writes
 * (fields_voxel.nc in the build directory): exact cell averages and phase fractions on aligned and
 * unaligned coarse grids, the nearest voxel on finer grids, interface (plane) maps, 1D and 2D
 * images, packed and one-byte data, and the errors a user can make (missing file, missing
 * variable, wrong number of dimensions, NaN or unwritten voxels).
 *
 * Expected values are computed here independently: from index arithmetic where the cells are
 * aligned with the voxels, else by testing every voxel centre against every cell.
 */
#include <netcdf.h>
#include "fieldtest.h"

#define FILE_NAME "fields_voxel.nc"
#define NV 16 /* voxels per direction of the 3D images */

/* the box the 3D images span: an electrode-sized region, anisotropic voxels 1 x 2 x 0.5 um */
static const PetscReal BLO[3] = {1e-4, 0, 0}, BHI[3] = {1e-4 + 16e-6, 32e-6, 8e-6};

static int Label(int ix, int iy, int iz) {
  return (ix * 7 + iy * 13 + iz * 5 + ix * iy + iy * iz) % 3;
}
static double Fraction(int ix, int iy, int iz) {
  return 0.25 + 0.5 * sin(0.7 * ix + 1.3 * iy) * cos(0.4 * iz);
}
static double Contact(int iy, int iz) { /* the (z, y) = (8, 12) interface map */
  return 0.1 + 0.07 * iy + 0.013 * iz * iz;
}

#define NCCHECK(call)                                                                              \
  do {                                                                                             \
    int st_ = (call);                                                                              \
    PetscCheck(st_ == NC_NOERR, PETSC_COMM_SELF, PETSC_ERR_LIB, "%s: %s", #call,                   \
               nc_strerror(st_));                                                                  \
  } while (0)

static PetscErrorCode WriteFile(void) {
  int ncid, dz, dy, dx, dzp, dyp, dy1, dy2, dx2, d2, vl, vf, vc, v1, v2, vn, vu, vb, vp;
  int labels[NV][NV][NV];
  double frac[NV][NV][NV], contact[8][12], c1[6], im2[8][6], nan8[8], part[4];
  unsigned char b8[8] = {0, 255, 255, 0, 255, 255, 255, 0};
  short s8[8]         = {0, 1, 2, 3, 4, 5, 6, 7};
  const double scale = 0.5, offset = 1.0;
  const size_t start[3] = {0, 0, 0}, count[3] = {1, 2, 2};
  PetscFunctionBeginUser;
  for (int iz = 0; iz < NV; iz++)
    for (int iy = 0; iy < NV; iy++)
      for (int ix = 0; ix < NV; ix++) {
        labels[iz][iy][ix] = Label(ix, iy, iz);
        frac[iz][iy][ix]   = Fraction(ix, iy, iz);
      }
  for (int iz = 0; iz < 8; iz++)
    for (int iy = 0; iy < 12; iy++)
      contact[iz][iy] = Contact(iy, iz);
  for (int i = 0; i < 6; i++)
    c1[i] = 1.0 + i * i;
  for (int j = 0; j < 8; j++)
    for (int i = 0; i < 6; i++)
      im2[j][i] = 10.0 * j + i;
  for (int i = 0; i < 8; i++)
    nan8[i] = i;
  nan8[5] = NAN;
  for (int i = 0; i < 4; i++)
    part[i] = i;

  NCCHECK(nc_create(FILE_NAME, NC_NETCDF4 | NC_CLOBBER, &ncid));
  NCCHECK(nc_def_dim(ncid, "z", NV, &dz));
  NCCHECK(nc_def_dim(ncid, "y", NV, &dy));
  NCCHECK(nc_def_dim(ncid, "x", NV, &dx));
  NCCHECK(nc_def_dim(ncid, "z_interface", 8, &dzp));
  NCCHECK(nc_def_dim(ncid, "y_interface", 12, &dyp));
  NCCHECK(nc_def_dim(ncid, "y6", 6, &dy1));
  NCCHECK(nc_def_dim(ncid, "y8", 8, &dy2));
  NCCHECK(nc_def_dim(ncid, "x6", 6, &dx2));
  NCCHECK(nc_def_dim(ncid, "two", 2, &d2));
  {
    const int d3[3] = {dz, dy, dx}, dp[2] = {dzp, dyp}, di[2] = {dy2, dx2}, dd[3] = {d2, d2, d2};
    NCCHECK(nc_def_var(ncid, "labels", NC_INT, 3, d3, &vl));
    NCCHECK(nc_def_var(ncid, "fraction", NC_DOUBLE, 3, d3, &vf));
    NCCHECK(nc_def_var(ncid, "contact", NC_DOUBLE, 2, dp, &vc));
    NCCHECK(nc_def_var(ncid, "contact1d", NC_DOUBLE, 1, &dy1, &v1));
    NCCHECK(nc_def_var(ncid, "image2d", NC_DOUBLE, 2, di, &v2));
    NCCHECK(nc_def_var(ncid, "withnan", NC_DOUBLE, 3, dd, &vn));
    NCCHECK(nc_def_var(ncid, "unwritten", NC_DOUBLE, 3, dd, &vu));
    NCCHECK(nc_def_var(ncid, "labels_byte", NC_UBYTE, 3, dd, &vb));
    NCCHECK(nc_def_var(ncid, "packed", NC_SHORT, 3, dd, &vp));
    NCCHECK(nc_put_att_double(ncid, vp, "scale_factor", NC_DOUBLE, 1, &scale));
    NCCHECK(nc_put_att_double(ncid, vp, "add_offset", NC_DOUBLE, 1, &offset));
  }
  NCCHECK(nc_enddef(ncid));
  NCCHECK(nc_put_var_int(ncid, vl, &labels[0][0][0]));
  NCCHECK(nc_put_var_double(ncid, vf, &frac[0][0][0]));
  NCCHECK(nc_put_var_double(ncid, vc, &contact[0][0]));
  NCCHECK(nc_put_var_double(ncid, v1, c1));
  NCCHECK(nc_put_var_double(ncid, v2, &im2[0][0]));
  NCCHECK(nc_put_var_double(ncid, vn, nan8));
  NCCHECK(nc_put_vara_double(ncid, vu, start, count, part)); /* half the voxels: fill elsewhere */
  NCCHECK(nc_put_var_uchar(ncid, vb, b8));
  NCCHECK(nc_put_var_short(ncid, vp, s8));
  NCCHECK(nc_close(ncid));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static FvFieldSpec Voxel(const char *file, const char *var, PetscInt phase) {
  FvFieldSpec s;
  memset(&s, 0, sizeof s);
  s.kind = FV_FIELDSPEC_VOXEL;
  snprintf(s.file, sizeof s.file, "%s", file);
  snprintf(s.variable, sizeof s.variable, "%s", var);
  s.phase = phase;
  return s;
}

/* The value of 3D voxel (ix, iy, iz) as field.c should see it (a fraction, or a label indicator).
 */
static double Voxel3(PetscInt phase, int ix, int iy, int iz) {
  return phase >= 0 ? (Label(ix, iy, iz) == phase ? 1.0 : 0.0) : Fraction(ix, iy, iz);
}

/* Brute force over all 3D voxels: those whose centre lies in [lo, hi) in every direction; in a
 * direction where no centre does, the voxels nearest to the cell centre in that direction. */
static double Expected3(PetscInt phase, const PetscReal *lo, const PetscReal *hi) {
  int in[3][NV], any[3] = {0, 0, 0}, cnt = 0;
  double sum = 0;
  for (int d = 0; d < 3; d++) {
    const double dx = (BHI[d] - BLO[d]) / NV;
    double best     = 1e300;
    int jb          = 0;
    for (int j = 0; j < NV; j++) {
      const double xc = BLO[d] + (j + 0.5) * dx, dist = fabs(xc - 0.5 * (lo[d] + hi[d]));
      in[d][j] = xc >= lo[d] && xc < hi[d];
      any[d] |= in[d][j];
      if (dist < best) best = dist, jb = j;
    }
    if (!any[d]) in[d][jb] = 1;
  }
  for (int iz = 0; iz < NV; iz++)
    for (int iy = 0; iy < NV; iy++)
      for (int ix = 0; ix < NV; ix++)
        if (in[0][ix] && in[1][iy] && in[2][iz]) sum += Voxel3(phase, ix, iy, iz), cnt++;
  return sum / cnt;
}

static PetscErrorCode TestAligned(Tally *t) {
  Grid g;
  PetscReal out[64], maxd = 0;
  PetscInt nexact = 0;
  char buf[256];
  PetscFunctionBeginUser;
  PetscCall(GridCreate(4, 4, 4, BLO, (PetscReal[]){BHI[0] - BLO[0], BHI[1], BHI[2]}, &g));
  for (PetscInt phase = 0; phase < 3; phase++) {
    FvFieldSpec s = Voxel(FILE_NAME, "labels", phase);
    PetscCall(FvFieldSample(&s, "labels", 3, PETSC_FALSE, BLO, BHI, g.ncells, g.lo, g.hi, out));
    nexact = 0;
    for (int k = 0; k < 4; k++)
      for (int j = 0; j < 4; j++)
        for (int i = 0; i < 4; i++) {
          int n = 0; /* voxels 4i..4i+3 etc. of the label */
          for (int iz = 4 * k; iz < 4 * k + 4; iz++)
            for (int iy = 4 * j; iy < 4 * j + 4; iy++)
              for (int ix = 4 * i; ix < 4 * i + 4; ix++)
                n += Label(ix, iy, iz) == phase;
          nexact += out[(k * 4 + j) * 4 + i] == n / 64.0;
        }
    snprintf(
        buf, sizeof buf,
        "phase %d on 4x4x4 cells of 4x4x4 voxels: %d of 64 cells exactly count/64 (e.g. cell 0: "
        "%.6f)",
        (int)phase, (int)nexact, (double)out[0]);
    CheckTrue(t, nexact == 64, buf);
  }
  {
    FvFieldSpec s = Voxel(FILE_NAME, "fraction", -1);
    PetscCall(FvFieldSample(&s, "fraction", 3, PETSC_FALSE, BLO, BHI, g.ncells, g.lo, g.hi, out));
    for (int k = 0; k < 4; k++)
      for (int j = 0; j < 4; j++)
        for (int i = 0; i < 4; i++) {
          double sum = 0;
          for (int iz = 4 * k; iz < 4 * k + 4; iz++)
            for (int iy = 4 * j; iy < 4 * j + 4; iy++)
              for (int ix = 4 * i; ix < 4 * i + 4; ix++)
                sum += Fraction(ix, iy, iz);
          maxd = PetscMax(maxd, PetscAbsReal(out[(k * 4 + j) * 4 + i] - sum / 64));
        }
    snprintf(buf, sizeof buf, "fraction on 4x4x4 cells: max |mean - expected| = %.3g (<= 1e-15)",
             (double)maxd);
    CheckTrue(t, maxd <= 1e-15, buf);
  }
  PetscCall(GridDestroy(&g));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Cells not aligned with the voxels (3 x 5 x 7, and 48 x 4 x 4: finer than the voxels in x only),
 * cells finer than the voxels (48^3: 3 per voxel; the middle one holds the voxel centre, the
 * others take the nearest), and cells outside the box (nearest edge voxel). */
static PetscErrorCode TestUnaligned(Tally *t, PetscInt nx, PetscInt ny, PetscInt nz,
                                    const PetscReal x0[3], const PetscReal L[3], PetscInt phase,
                                    const char *name) {
  FvFieldSpec s = Voxel(FILE_NAME, phase >= 0 ? "labels" : "fraction", phase);
  Grid g;
  PetscReal *out, maxd = 0;
  char buf[256];
  PetscFunctionBeginUser;
  PetscCall(GridCreate(nx, ny, nz, x0, L, &g));
  PetscCall(PetscMalloc1(g.ncells, &out));
  PetscCall(FvFieldSample(&s, name, 3, PETSC_FALSE, BLO, BHI, g.ncells, g.lo, g.hi, out));
  for (PetscInt c = 0; c < g.ncells; c++)
    maxd = PetscMax(maxd, PetscAbsReal(out[c] - Expected3(phase, g.lo + 3 * c, g.hi + 3 * c)));
  snprintf(buf, sizeof buf, "%s: %dx%dx%d cells, %s: max |value - brute force| = %.3g (<= 1e-15)",
           name, (int)nx, (int)ny, (int)nz, phase >= 0 ? "phase fraction" : "fraction",
           (double)maxd);
  CheckTrue(t, maxd <= 1e-15, buf);
  PetscCall(PetscFree(out));
  PetscCall(GridDestroy(&g));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode TestFine(Tally *t) {
  FvFieldSpec s = Voxel(FILE_NAME, "fraction", -1);
  Grid g;
  PetscReal *out;
  PetscInt nbad = 0;
  char buf[256];
  PetscFunctionBeginUser;
  PetscCall(GridCreate(3 * NV, 3 * NV, 3 * NV, BLO,
                       (PetscReal[]){BHI[0] - BLO[0], BHI[1] - BLO[1], BHI[2] - BLO[2]}, &g));
  PetscCall(PetscMalloc1(g.ncells, &out));
  PetscCall(FvFieldSample(&s, "fine", 3, PETSC_FALSE, BLO, BHI, g.ncells, g.lo, g.hi, out));
  for (int k = 0; k < 3 * NV; k++)
    for (int j = 0; j < 3 * NV; j++)
      for (int i = 0; i < 3 * NV; i++)
        nbad += out[(k * 3 * NV + j) * 3 * NV + i] != Fraction(i / 3, j / 3, k / 3);
  snprintf(buf, sizeof buf,
           "3 cells per voxel and direction (%d cells): %d differ from their voxel's value",
           (int)g.ncells, (int)nbad);
  CheckTrue(t, nbad == 0, buf);
  PetscCall(PetscFree(out));
  PetscCall(GridDestroy(&g));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Interface maps (plane): (z, y) in 3D, (y) in 2D; x of the cells is ignored. Also a 2D image (y,
 * x), a 1D image (x), packed shorts and a one-byte label image holding 255. */
static PetscErrorCode TestOtherShapes(Tally *t) {
  const PetscReal plo[3] = {0, 0, 0}, phi[3] = {0, 24e-6, 8e-6}; /* voxels 2 x 1 um */
  Grid g;
  PetscReal out[64], maxd = 0;
  char buf[256];
  PetscFunctionBeginUser;
  { /* 3D plane: 6 x 4 cells of 2 x 2 voxels, x far away */
    FvFieldSpec s = Voxel(FILE_NAME, "contact", -1);
    PetscCall(GridCreate(1, 6, 4, (PetscReal[]){5, 0, 0}, (PetscReal[]){1, 24e-6, 8e-6}, &g));
    PetscCall(FvFieldSample(&s, "contact", 3, PETSC_TRUE, plo, phi, g.ncells, g.lo, g.hi, out));
    for (int k = 0; k < 4; k++)
      for (int j = 0; j < 6; j++) {
        const double e = (Contact(2 * j, 2 * k) + Contact(2 * j + 1, 2 * k) +
                          Contact(2 * j, 2 * k + 1) + Contact(2 * j + 1, 2 * k + 1)) /
                         4;
        maxd = PetscMax(maxd, PetscAbsReal(out[k * 6 + j] - e));
      }
    snprintf(buf, sizeof buf,
             "3D interface map (z, y) = (8, 12) on 6 x 4 cells: max |diff| = %.3g (<= 1e-15)",
             (double)maxd);
    CheckTrue(t, maxd <= 1e-15, buf);
    PetscCall(GridDestroy(&g));
  }
  { /* 2D plane: (y) = 6 voxels over 12 um, 3 cells */
    FvFieldSpec s = Voxel(FILE_NAME, "contact1d", -1);
    PetscCall(GridCreate(1, 3, 1, (PetscReal[]){0, 0, 0}, (PetscReal[]){1, 12e-6, 1}, &g));
    PetscCall(FvFieldSample(&s, "contact1d", 2, PETSC_TRUE, plo, (PetscReal[]){0, 12e-6, 0},
                            g.ncells, g.lo, g.hi, out));
    snprintf(buf, sizeof buf, "2D interface map (y) = (6): %g %g %g (want 1.5 7.5 21.5)",
             (double)out[0], (double)out[1], (double)out[2]);
    CheckTrue(t, out[0] == 1.5 && out[1] == 7.5 && out[2] == 21.5, buf);
    PetscCall(GridDestroy(&g));
  }
  { /* 1D image (x) = 6 voxels over [1e-4, 1.12e-4], 2 cells */
    FvFieldSpec s = Voxel(FILE_NAME, "contact1d", -1);
    PetscCall(GridCreate(2, 1, 1, (PetscReal[]){1e-4, 0, 0}, (PetscReal[]){12e-6, 1, 1}, &g));
    PetscCall(FvFieldSample(&s, "x image", 1, PETSC_FALSE, (PetscReal[]){1e-4, 0, 0},
                            (PetscReal[]){1.12e-4, 0, 0}, g.ncells, g.lo, g.hi, out));
    snprintf(buf, sizeof buf, "1D image (x) = (6) on 2 cells: %.17g %.17g (want 8/3, 53/3)",
             (double)out[0], (double)out[1]);
    CheckTrue(t, PetscAbsReal(out[0] - 8.0 / 3) < 1e-15 && PetscAbsReal(out[1] - 53.0 / 3) < 1e-14,
              buf);
    PetscCall(GridDestroy(&g));
  }
  { /* 2D image (y, x) = (8, 6) over 12 x 16 um, 3 x 4 cells of 2 x 2 voxels */
    FvFieldSpec s = Voxel(FILE_NAME, "image2d", -1);
    PetscInt nbad = 0;
    PetscCall(GridCreate(3, 4, 1, (PetscReal[]){0, 0, 0}, (PetscReal[]){12e-6, 16e-6, 1}, &g));
    PetscCall(FvFieldSample(&s, "image2d", 2, PETSC_FALSE, (PetscReal[]){0, 0, 0},
                            (PetscReal[]){12e-6, 16e-6, 0}, g.ncells, g.lo, g.hi, out));
    for (int j = 0; j < 4; j++)
      for (int i = 0; i < 3; i++)
        nbad += out[j * 3 + i] != 10.0 * (2 * j + 0.5) + (2 * i + 0.5);
    snprintf(buf, sizeof buf, "2D image (y, x) = (8, 6) on 3 x 4 cells: %d wrong (cell 0: %g)",
             (int)nbad, (double)out[0]);
    CheckTrue(t, nbad == 0, buf);
    PetscCall(GridDestroy(&g));
  }
  { /* packed shorts 0..7 with scale 0.5, offset 1; labels_byte with 255 (not a fill value) */
    FvFieldSpec s          = Voxel(FILE_NAME, "packed", -1);
    const PetscReal box[3] = {2, 2, 2}, zero[3] = {0, 0, 0};
    PetscInt nbad = 0;
    PetscCall(GridCreate(2, 2, 2, zero, box, &g));
    PetscCall(FvFieldSample(&s, "packed", 3, PETSC_FALSE, zero, box, g.ncells, g.lo, g.hi, out));
    for (int c = 0; c < 8; c++)
      nbad += out[c] != 0.5 * c + 1;
    snprintf(buf, sizeof buf, "packed short (scale_factor 0.5, add_offset 1): %d of 8 wrong",
             (int)nbad);
    CheckTrue(t, nbad == 0, buf);
    s = Voxel(FILE_NAME, "labels_byte", 255);
    PetscCall(GridDestroy(&g));
    PetscCall(GridCreate(1, 1, 1, zero, box, &g));
    PetscCall(FvFieldSample(&s, "labels_byte", 3, PETSC_FALSE, zero, box, 1, g.lo, g.hi, out));
    snprintf(buf, sizeof buf,
             "ubyte labels with 255 (the default byte fill is data): phase 255 "
             "fraction %g (want 5/8)",
             (double)out[0]);
    CheckTrue(t, out[0] == 0.625, buf);
    PetscCall(GridDestroy(&g));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode TestErrors(Tally *t) {
  Grid g;
  PetscReal out[8];
  FvFieldSpec s;
  int ncid0, ncid1;
  const char *what = "positive.fields.porosity";
  PetscFunctionBeginUser;
  PetscCall(GridCreate(2, 2, 2, BLO, (PetscReal[]){16e-6, 32e-6, 8e-6}, &g));
  /* the next free NetCDF id: if an error path left the file open, it changes */
  NCCHECK(nc_open(FILE_NAME, NC_NOWRITE, &ncid0));
  NCCHECK(nc_close(ncid0));
  s = Voxel("no_such_dir/no_such_file.nc", "labels", 1);
  ExpectError(t, what, &s, 3, PETSC_FALSE, BLO, BHI, &g, out,
              (const char *const[]){what, "no_such_dir/no_such_file.nc", "cannot open", NULL});
  s = Voxel(FILE_NAME, "nosuch", 1);
  ExpectError(
      t, what, &s, 3, PETSC_FALSE, BLO, BHI, &g, out,
      (const char *const[]){what, FILE_NAME, "'nosuch'", "labels, fraction, contact", NULL});
  s = Voxel(FILE_NAME, "labels", 1);
  ExpectError(
      t, what, &s, 3, PETSC_TRUE, BLO, BHI, &g, out,
      (const char *const[]){what, FILE_NAME, "'labels'", "has 3 dimensions, expected 2", NULL});
  s = Voxel(FILE_NAME, "contact", -1);
  ExpectError(
      t, what, &s, 3, PETSC_FALSE, BLO, BHI, &g, out,
      (const char *const[]){what, FILE_NAME, "'contact'", "has 2 dimensions, expected 3", NULL});
  ExpectError(t, what, &s, 1, PETSC_TRUE, BLO, BHI, &g, out,
              (const char *const[]){what, "1D", NULL});
  s = Voxel(FILE_NAME, "withnan", -1);
  ExpectError(t, what, &s, 3, PETSC_FALSE, BLO, BHI, &g, out,
              (const char *const[]){what, FILE_NAME, "'withnan'", "NaN", "(1, 0, 1)", NULL});
  s = Voxel(FILE_NAME, "unwritten", -1);
  ExpectError(t, what, &s, 3, PETSC_FALSE, BLO, BHI, &g, out,
              (const char *const[]){what, FILE_NAME, "'unwritten'", "fill value", NULL});
  NCCHECK(nc_open(FILE_NAME, NC_NOWRITE, &ncid1));
  NCCHECK(nc_close(ncid1));
  {
    char buf[128];
    snprintf(buf, sizeof buf,
             "the file is closed on every error path (NetCDF id %d before, %d after)", ncid0,
             ncid1);
    CheckTrue(t, ncid0 == ncid1, buf);
  }
  PetscCall(GridDestroy(&g));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  Tally t               = {0, 0};
  const PetscReal L3[3] = {BHI[0] - BLO[0], BHI[1] - BLO[1], BHI[2] - BLO[2]};
  PetscCall(PetscInitialize(&argc, &argv, NULL, "voxel field tests"));
  PetscCall(WriteFile());
  PetscCall(TestAligned(&t));
  PetscCall(TestUnaligned(&t, 3, 5, 7, BLO, L3, 2, "unaligned"));
  PetscCall(TestUnaligned(&t, 3, 5, 7, BLO, L3, -1, "unaligned"));
  PetscCall(TestUnaligned(&t, 48, 4, 4, BLO, L3, -1, "thin in x"));
  PetscCall(TestUnaligned(&t, 48, 4, 4, BLO, L3, 1, "thin in x"));
  PetscCall(TestUnaligned(&t, 2, 2, 2, (PetscReal[]){BHI[0], -4e-6, 2e-6},
                          (PetscReal[]){2e-6, 4e-6, 8e-6}, -1, "outside the box"));
  PetscCall(TestFine(&t));
  PetscCall(TestOtherShapes(&t));
  PetscCall(TestErrors(&t));
  printf("%d checks, %d failures\n", t.checks, t.failures);
  PetscCall(PetscFinalize());
  return t.failures ? 1 : 0;
}
