#!/usr/bin/python3
"""check_grid.py -- checks the 2D/3D files written by test_output_write -mode grid.

Owns: the expected layout of a 2D/3D fvcell result file (output.h) and the synthetic
values (mirrors GridField and friends in test_output_write.c). Usage:
    check_grid.py DIM PREFIX [PREFIX ...]
checks PREFIX_s1.nc (root run, stride 1) and PREFIX_s2.nc (groups rate_0: stride 2, rate_1:
stride 1) for each prefix -- dimensions, coordinates, attributes, every value of the fields, the
family field, the static fields and the interface map, chunk sizes -- then that every prefix's
files are identical (1 vs 2 vs 4 ranks, other decompositions).
"""
import math
import os
import sys

import netCDF4
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
from check_output import dump, same  # noqa: E402

NG = (8, 5, 4)  # cells in x, y, z
LY, LZ = 3e-5, 2e-5
SEP_LO, SEP_HI = 3, 5
NREC, NFAM = 6, 2
CHUNK_BYTES = 4 << 20
FIELDS = ["c_e", "phi_e", "phi_s", "c_s_surf", "c_s_avg", "contact_fraction", "active_area",
          "interphase_resistance", "active_material_fraction"]
STATIC = [("solid_electrolyte_fraction", "1"), ("particle_radius", "m")]
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def kept(d, dim, s):
    """Global indices of the written cells in direction d (0 = x)."""
    n = NG[d] if d < dim else 1
    return np.arange(0, n, s)


def grid_ijk(dim, s):
    """Index arrays i, j, k of the written grid in file order (z, y, x) without the absent axes."""
    i, j, k = kept(0, dim, s), kept(1, dim, s), kept(2, dim, s)
    K, J, Ii = np.meshgrid(k, j, i, indexing="ij")
    shape = tuple(len(a) for a in (k, j, i)[3 - dim:])
    return Ii.reshape(shape), J.reshape(shape), K.reshape(shape)


def compare(where, got, want):
    ok = got.shape == want.shape and np.array_equal(np.isnan(got), np.isnan(want)) and \
        np.allclose(np.nan_to_num(got), np.nan_to_num(want), rtol=0, atol=1e-9)
    if ok:
        return
    if got.shape != want.shape:
        check(False, f"{where}: shape {got.shape}, expected {want.shape}")
        return
    bad = np.argwhere(~np.isclose(got, want, rtol=0, atol=1e-9, equal_nan=True))
    idx = tuple(bad[0])
    check(False, f"{where}: at {idx} {got[idx]}, expected {want[idx]} ({len(bad)} wrong)")


def check_run(grp, where, dim, s, run, c_rate):
    spatial = ("z", "y", "x")[3 - dim:]
    nw = [len(kept(d, dim, s)) for d in range(3)]
    check(grp.dimensions["time"].isunlimited() and len(grp.dimensions["time"]) == NREC,
          f"{where}: time dimension {grp.dimensions['time']}")
    for d, name in enumerate("xyz"):
        if d < dim:
            check(name in grp.dimensions and len(grp.dimensions[name]) == nw[d],
                  f"{where}: dimension {name} {grp.dimensions.get(name)}, expected {nw[d]}")
        else:
            check(name not in grp.dimensions and name not in grp.variables, f"{where}: {name} present in a {dim}D run")
    check(len(grp.dimensions["family"]) == NFAM, f"{where}: family dimension")
    check(grp.getncattr("mesh_dimension") == dim, f"{where}: mesh_dimension {grp.getncattr('mesh_dimension')}")
    check(grp.getncattr("output_stride") == s, f"{where}: output_stride {grp.getncattr('output_stride')}")
    check(grp.getncattr("c_rate") == c_rate, f"{where}: c_rate {grp.getncattr('c_rate')}")
    check(grp.getncattr("termination_reason") == "cut-off voltage reached", f"{where}: termination_reason")
    check(grp.getncattr("solve_time_s") == 1.5 + run, f"{where}: solve_time_s")
    # coordinates
    want = {"x": (kept(0, dim, s) + 0.5) * 1e-5, "y": (kept(1, dim, s) + 0.5) * LY / NG[1],
            "z": (kept(2, dim, s) + 0.5) * LZ / NG[2]}
    for d, name in enumerate("xyz"[:dim]):
        var = grp.variables[name]
        check(var.dimensions == (name,), f"{where}/{name}: dimensions {var.dimensions}")
        check(var.units == "m" and bool(getattr(var, "long_name", "")), f"{where}/{name}: units/long_name")
        check(getattr(var, "axis", "") == name.upper(), f"{where}/{name}: axis {getattr(var, 'axis', None)!r}")
        check(np.allclose(var[:], want[name], rtol=1e-14, atol=0), f"{where}/{name}: {var[:]}, expected {want[name]}")
    # scalars
    r = np.arange(NREC)
    check(np.allclose(grp.variables["time"][:], 10.0 * r), f"{where}/time: wrong values")
    check(np.allclose(grp.variables["voltage"][:], 4.0 - 0.1 * r), f"{where}/voltage: wrong values")
    # fields, every record
    ii, jj, kk = grid_ijk(dim, s)
    rr = r.reshape((NREC,) + (1,) * dim)
    for f, name in enumerate(FIELDS + ["contact_fraction_family"]):
        var = grp.variables[name]
        fam = name == "contact_fraction_family"
        dims = ("time", "family") + spatial if fam else ("time",) + spatial
        check(var.dimensions == dims, f"{where}/{name}: dimensions {var.dimensions}, expected {dims}")
        check(math.isnan(var._FillValue), f"{where}/{name}: _FillValue is not NaN")
        chunks = var.chunking()
        check(chunks != "contiguous" and int(np.prod(chunks)) * 8 <= CHUNK_BYTES, f"{where}/{name}: chunking {chunks}")
        got = var[:]
        for q in range(NFAM if fam else 1):
            ff = len(FIELDS) + q if fam else f
            w = 1e4 * (ff + 1) + 1000.0 * kk + 100.0 * jj + ii + 0.1 * run + 0.01 * rr
            if name in ("c_s_surf", "c_s_avg"):
                w = np.where((ii >= SEP_LO) & (ii < SEP_HI), np.nan, w)
            compare(f"{where}/{name}" + (f"[family {q}]" if fam else ""), got[:, q] if fam else got, w)
    # static fields and the interface map
    for q, (name, unit) in enumerate(STATIC):
        if name not in grp.variables:
            check(False, f"{where}: static field {name} missing")
            continue
        var = grp.variables[name]
        check(var.dimensions == spatial, f"{where}/{name}: dimensions {var.dimensions}")
        check(var.units == unit and bool(getattr(var, "long_name", "")), f"{where}/{name}: units/long_name")
        compare(f"{where}/{name}", var[:], 1e5 * (q + 1) + 1000.0 * kk + 100.0 * jj + ii + 0.1 * run)
    var = grp.variables.get("metal_contact_fraction")
    if var is None:
        check(False, f"{where}: interface map metal_contact_fraction missing")
    else:
        check(var.dimensions == spatial[:-1], f"{where}/metal_contact_fraction: dimensions {var.dimensions}")
        check(var.units == "1", f"{where}/metal_contact_fraction: units {var.units!r}")
        compare(f"{where}/metal_contact_fraction", var[:], 1000.0 * kk[..., 0] + 100.0 * jj[..., 0] + 0.25 + 0.1 * run)


def check_prefix(dim, prefix):
    path = prefix + "_s1.nc"
    with netCDF4.Dataset(path) as ds:
        ds.set_auto_mask(False)
        check(ds.getncattr("termination_reason") == "cut-off voltage reached", f"{path}: termination_reason")
        check(len(ds.groups) == 0, f"{path}: groups {list(ds.groups)}")
        check_run(ds, path, dim, 1, 0, 1.0)
    path = prefix + "_s2.nc"
    with netCDF4.Dataset(path) as ds:
        ds.set_auto_mask(False)
        check(ds.getncattr("termination_reason") == "2 of 2 rates completed", f"{path}: termination_reason")
        check(sorted(ds.groups) == ["rate_0", "rate_1"], f"{path}: groups {list(ds.groups)}")
        check("x" not in ds.dimensions, f"{path}: root has an x dimension")
        check_run(ds.groups["rate_0"], path + "/rate_0", dim, 2, 1, 1.0)
        check_run(ds.groups["rate_1"], path + "/rate_1", dim, 1, 2, 2.0)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("2", "3"):
        sys.exit("usage: check_grid.py 2|3 PREFIX [PREFIX ...]")
    dim, prefixes = int(sys.argv[1]), sys.argv[2:]
    for p in prefixes:
        check_prefix(dim, p)
    for kind in ("_s1.nc", "_s2.nc"):
        ref = dump(prefixes[0] + kind)
        for p in prefixes[1:]:
            other = dump(p + kind)
            check(ref.keys() == other.keys(), f"{p}{kind}: different contents than {prefixes[0]}{kind}")
            for key in ref.keys() & other.keys():
                check(same(ref[key], other[key]), f"{p}{kind}: {key} differs from {prefixes[0]}{kind}")
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print(f"{dim}D output OK: {', '.join(prefixes)} (stride 1 and 2, static fields, interface map; files identical)")


if __name__ == "__main__":
    main()
