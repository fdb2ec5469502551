/* field.h -- microstructure fields and interface maps sampled on the cell mesh (issue 6).
 *
 * Owns: turning an FvFieldSpec (case.h) into one value per control volume:
 *  - uniform: the value;
 *  - gaussian: a stationary Gaussian random field with the given mean, standard deviation and
 *    Gaussian covariance of correlation length l, C(r) = std^2 exp(-r^2 / (2 l^2)), by random
 *    Fourier features (Rahimi & Recht, NIPS 2007; the spectral method of Shinozuka & Deodatis,
 *    Appl. Mech. Rev. 44, 191 (1991)): g(x) = mean + std sqrt(2/K) sum_k cos(w_k . x + p_k) with
 *    w_k ~ N(0, I/l^2) and p_k ~ U(0, 2 pi) drawn from the seed (GSL mt19937). The field is a
 *    function of position only, so it is identical on any number of ranks and consistent under
 *    mesh refinement; cells take the value at their centre, clipped to [min, max];
 *  - voxel: a NetCDF variable of dimensions (z, y, x) in 3D, (y, x) in 2D, (x) in 1D [an interface
 *    map: (z, y) in 3D, (y) in 2D] whose voxels span the box [dlo, dhi] uniformly; a cell takes
 *    the mean of the voxels whose centres lie inside it (the nearest voxel when none does); with
 *    phase >= 0 a voxel counts 1 when its label equals phase, else 0 (a phase fraction);
 *  - patches: value inside any rectangle [y0, y1] x [z0, z1] containing the cell centre, background
 *    elsewhere;
 *  - random_voids: 0 where the unit Gaussian field (as above, corr_length, seed) exceeds the
 *    standard-normal quantile of 1 - void_fraction, background elsewhere.
 * Every rank may sample any cells (e.g. its ghosted box); nothing here is collective.
 */
#pragma once
#include "case.h"

/* Sample spec s at n cells. Cell c spans [lo[3c + d], hi[3c + d]] in direction d = x, y, z [m].
 * dim is the mesh dimension (directions d >= dim are ignored). plane: the field is an interface
 * map over (y, z) (its x is ignored and a voxel variable has one dimension fewer). dlo, dhi: the
 * box a voxel image spans (the region, or the interface). what names the field in error messages
 * (e.g. "positive.fields.solid_electrolyte_fraction"). Values are written to out[c]. */
PetscErrorCode FvFieldSample(const FvFieldSpec *s, const char *what, PetscInt dim, PetscBool plane,
                             const PetscReal dlo[3], const PetscReal dhi[3], PetscInt n,
                             const PetscReal *lo, const PetscReal *hi, PetscReal *out);
