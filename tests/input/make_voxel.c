/* make_voxel.c -- write a tiny NetCDF voxel image for the field tests (tests/input, tests/case):
 *   input_make_voxel FILE.nc
 * Variables on (z, y, x) = (4, 4, 4): `sigma` [S m-1] (double) and `label` (int phase labels 0, 1),
 * and on (z, y) `contact` (a contact fraction).  The case loader only checks that the file can be
 * read; meshes/field.c reads the contents. */
#include <stdio.h>
#include <netcdf.h>

#define N 4

static int Check(int status, const char *what) {
  if (status != NC_NOERR) fprintf(stderr, "input_make_voxel: %s: %s\n", what, nc_strerror(status));
  return status != NC_NOERR;
}

int main(int argc, char **argv) {
  int nc, dims[3], vs, vl, vc;
  double sigma[N * N * N], contact[N * N];
  int label[N * N * N];
  if (argc != 2) {
    fprintf(stderr, "usage: input_make_voxel FILE.nc\n");
    return 2;
  }
  for (int i = 0; i < N * N * N; i++) {
    sigma[i] = 10.0 + i;
    label[i] = i % 2;
  }
  for (int i = 0; i < N * N; i++)
    contact[i] = (i % 3) ? 1.0 : 0.0;
  if (Check(nc_create(argv[1], NC_CLOBBER, &nc), argv[1])) return 1;
  if (Check(nc_def_dim(nc, "z", N, &dims[0]), "z") ||
      Check(nc_def_dim(nc, "y", N, &dims[1]), "y") ||
      Check(nc_def_dim(nc, "x", N, &dims[2]), "x") ||
      Check(nc_def_var(nc, "sigma", NC_DOUBLE, 3, dims, &vs), "sigma") ||
      Check(nc_def_var(nc, "label", NC_INT, 3, dims, &vl), "label") ||
      Check(nc_def_var(nc, "contact", NC_DOUBLE, 2, dims, &vc), "contact") ||
      Check(nc_enddef(nc), "enddef") || Check(nc_put_var_double(nc, vs, sigma), "sigma") ||
      Check(nc_put_var_int(nc, vl, label), "label") ||
      Check(nc_put_var_double(nc, vc, contact), "contact") || Check(nc_close(nc), "close"))
    return 1;
  return 0;
}
