#!/usr/bin/python3
"""Voxel round trip: a run's microstructure, written as a voxel image, read back as a
voxel field, gives the same microstructure.

Usage: voxel_roundtrip.py FVCELL CASE WORKDIR [fvcell options...]
1. run CASE (its positive electrode has a Gaussian solid_electrolyte_fraction field);
2. write the positive electrode's electrolyte_fraction(z, y, x) from the output as a NetCDF voxel
   image (one voxel per cell) and a copy of CASE whose field is {kind: voxel} on that image;
3. run the copy; its electrolyte_fraction, active_fraction and conductivities must equal the
   first run's exactly (one voxel per cell: the mean of one voxel is the voxel).
Also a label image at twice the resolution (2 x 2 x 2 voxels per cell, phase 1 = SE) must give
fractions in multiples of 1/8 that match the counted labels.
"""
import os
import re
import subprocess
import sys
import numpy as np
from netCDF4 import Dataset


def run(fvcell, case, out, opts):
    cmd = [fvcell, "run", case, "-o", out, "-quiet"] + opts
    print(" ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)
    with Dataset(out) as ds:
        g = ds if "voltage" in ds.variables else ds.groups[sorted(ds.groups)[0]]
        return {v: np.ma.filled(g[v][:], np.nan) for v in
                ("electrolyte_fraction", "active_fraction", "electronic_conductivity",
                 "solid_electrolyte_conductivity", "x")}


def with_field(case_text, spec):
    new, n = re.subn(r"solid_electrolyte_fraction: \{kind: gaussian[^}]*\}",
                     "solid_electrolyte_fraction: " + spec, case_text)
    assert n == 1, "the case has no gaussian solid_electrolyte_fraction field"
    return new


def main():
    fvcell, case, work = sys.argv[1], sys.argv[2], sys.argv[3]
    opts = sys.argv[4:]
    os.makedirs(work, exist_ok=True)
    text = open(case).read()
    a = run(fvcell, case, os.path.join(work, "rt_gauss.nc"), opts)
    pos = ~np.isnan(a["active_fraction"][0, 0, :])  # the positive electrode's x cells
    eps = a["electrolyte_fraction"][:, :, pos]
    vox = os.path.join(work, "rt_voxels.nc")
    with Dataset(vox, "w") as ds:
        for d, n in zip(("z", "y", "x"), eps.shape):
            ds.createDimension(d, n)
        ds.createVariable("se_fraction", "f8", ("z", "y", "x"))[:] = eps
        # label image, 2 voxels per cell and direction: phase 1 where a hashed pattern says so
        nz, ny, nx = eps.shape
        rng = np.random.default_rng(3)
        lab = rng.integers(0, 3, size=(2 * nz, 2 * ny, 2 * nx)).astype("i4")
        for d, n in zip(("z2", "y2", "x2"), lab.shape):
            ds.createDimension(d, n)
        ds.createVariable("label", "i4", ("z2", "y2", "x2"))[:] = lab
    ok = True
    case2 = os.path.join(work, "rt_voxel.yaml")
    case_dir = os.path.dirname(os.path.abspath(case))
    text = text.replace("data/", case_dir + "/data/")  # keep the case's tables reachable
    open(case2, "w").write(with_field(text, "{kind: voxel, file: %s, variable: se_fraction}" % vox))
    b = run(fvcell, case2, os.path.join(work, "rt_voxel.nc"), opts)
    for v in ("electrolyte_fraction", "active_fraction", "electronic_conductivity",
              "solid_electrolyte_conductivity"):
        same = np.array_equal(a[v], b[v], equal_nan=True)
        print(f"voxel round trip {v}: {'identical' if same else 'DIFFERENT'} "
              f"(range {np.nanmin(a[v]):.4g} .. {np.nanmax(a[v]):.4g})")
        ok &= same
    case3 = os.path.join(work, "rt_label.yaml")
    open(case3, "w").write(with_field(text, "{kind: voxel, file: %s, variable: label, phase: 1}" % vox))
    c = run(fvcell, case3, os.path.join(work, "rt_label.nc"), opts)
    expect = (lab == 1).reshape(nz, 2, ny, 2, nx, 2).mean(axis=(1, 3, 5))
    got = c["electrolyte_fraction"][:, :, pos]
    err = np.max(np.abs(got - expect))
    print(f"label image: max |fraction - counted| = {err:.2e} "
          f"(fractions {sorted(set(np.round(expect.ravel() * 8).astype(int)))} / 8)")
    ok &= err < 1e-12
    print("PASSED" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
