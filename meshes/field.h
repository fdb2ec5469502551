/* field.h -- microstructure fields and interface maps on the cell mesh (docs/model.md §13).
 *
 * Owns: turning an FvFieldSpec (case.h) into one value per control volume:
 *  - uniform: the value;
 *  - gaussian: a stationary Gaussian random field with the given mean, standard deviation and
 *    Gaussian covariance of correlation length l, C(r) = std^2 exp(-r^2 / (2 l^2)), by random
 *    Fourier features (Rahimi & Recht, NIPS 2007; the spectral method of Shinozuka & Deodatis,
 *    Appl. Mech. Rev. 44, 191 (1991)): g(x) = mean + std sqrt(2/K) sum_k cos(w_k . x + p_k) with
 *    w_k ~ N(0, I/l^2) and p_k ~ U(0, 2 pi) drawn from the seed (GSL mt19937; seed 0 is GSL's
 *    default 4357). Draw order, per mode k = 0..K-1: w_x, w_y, w_z by gsl_ran_gaussian(1/l), then
 *    p by gsl_ran_flat(0, 2 pi), whatever the active directions, so the modes depend on (seed, K)
 *    only and a 2D field is the z = 0 slice of the 3D one. K = nmodes (0: 256). Active directions:
 *    x, y, z up to dim; for an interface map (plane) y and z only. The field is a function of
 *    position only, so it is identical on any number of ranks (bitwise: a cell's value does not
 *    depend on which other cells are sampled with it) and consistent under mesh refinement; cells
 *    take the value at their centre, clipped to [min, max] when min < max (a spec with
 *    min = max, e.g. zeroed by hand, is not clipped);
 *  - voxel: a NetCDF variable of dimensions (z, y, x) in 3D, (y, x) in 2D, (x) in 1D [an interface
 *    map: (z, y) in 3D, (y) in 2D; none in 1D] whose voxels span the box [dlo, dhi] uniformly; a
 *    cell takes the mean of the voxels whose centres lie in [lo, hi); in a direction where no voxel
 *    centre lies in the cell, the voxels nearest to the cell centre in that direction (so a cell
 *    finer than the voxels takes its nearest voxel, and a cell outside the box the edge voxels);
 *    with phase >= 0 a voxel counts 1 when its value rounded to an integer equals phase, else 0 (a
 *    phase fraction). The whole variable is read on each call. Errors (PETSC_ERR_USER, naming
 *    `what`, the file and the variable): the file cannot be opened, no such variable (the message
 *    lists the file's variables), wrong number of dimensions, a voxel that is NaN/Inf, equals
 *    _FillValue or missing_value, or (without _FillValue) the type's default fill (not for the
 *    one-byte types, whose default fill 255/-127 is ordinary data). Packed data are unpacked
 *    (scale_factor, add_offset; CF conventions 8.1);
 *  - patches: value inside any closed rectangle [y0, y1] x [z0, z1] containing the cell centre,
 *    background elsewhere; always an interface map (x is ignored), z is not tested when dim < 3
 *    (nor y when dim = 1: the single point is inside when there is any patch);
 *  - random_voids: 0 where the unit Gaussian field (as gaussian with mean 0, std 1, the same seed,
 *    modes and corr_length, in y and z only) exceeds the standard-normal quantile of
 *    1 - void_fraction, background elsewhere; void_fraction in [0, 1].
 * Kind none is an error (the caller uses the region's uniform value instead).
 * Every rank may sample any cells (e.g. its ghosted box); nothing here is collective, global or
 * printed. Cost: 1e6 cells of a box with K = 256 take ~0.1 s (the cosines are tabulated per
 * distinct coordinate; field.c).
 */
#pragma once
#include "cell_params.h"

/* Sample spec s at n cells. Cell c spans [lo[3c + d], hi[3c + d]] in direction d = x, y, z [m].
 * dim is the mesh dimension (directions d >= dim are ignored). plane: the field is an interface
 * map over (y, z) (its x is ignored and a voxel variable has one dimension fewer). dlo, dhi: the
 * box a voxel image spans (the region, or the interface; only read for voxel, may be NULL
 * otherwise; a direction the image lacks may be empty). what names the field in error messages
 * (e.g. "positive.fields.solid_electrolyte_fraction"). Values are written to out[c]. */
PetscErrorCode FvFieldSample(const FvFieldSpec *s, const char *what, PetscInt dim, PetscBool plane,
                             const PetscReal dlo[3], const PetscReal dhi[3], PetscInt n,
                             const PetscReal *lo, const PetscReal *hi, PetscReal *out);
