#!/usr/bin/python3
"""check_output.py -- checks the synthetic files written by test_output_write (-mode synthetic).

Owns: the expected layout of an fvcell result file (output.h contract) and the synthetic values
(mirrors the formulas in test_output_write.c). Usage:
    check_output.py PREFIX [PREFIX ...]
checks PREFIX_root.nc and PREFIX_rates.nc for each prefix, then that every prefix's files hold
identical data and attributes (1 rank vs 2 ranks vs 2 ranks with an empty rank 0).
"""
import math
import sys

import netCDF4
import numpy as np

NX, SEP_LO, SEP_HI = 13, 4, 8
I1C = 30.0
FIELDS = ["c_e", "phi_e", "phi_s", "c_s_surf", "c_s_avg", "contact_fraction", "active_area",
          "interphase_resistance", "active_material_fraction"]
UNITS = {"time": "s", "voltage": "V", "current_density": "A m-2", "capacity": "A h m-2",
         "energy": "W h m-2", "x": "m", "c_e": "mol m-3", "phi_e": "V", "phi_s": "V",
         "c_s_surf": "mol m-3", "c_s_avg": "mol m-3", "contact_fraction": "1", "active_area": "m-1",
         "interphase_resistance": "ohm m2", "active_material_fraction": "1"}
RATES = [(0.5, 40), (1.0, 25), (2.0, 18)]
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def expected_field(f, nrec, run):
    k = np.arange(nrec)[:, None]
    g = np.arange(NX)[None, :]
    v = 1000.0 * (f + 1) + g + 1e-3 * k + 0.1 * run + 0.0 * k * g
    if FIELDS[f] in ("c_s_surf", "c_s_avg"):
        v[:, SEP_LO:SEP_HI] = np.nan
    return v


def check_run(grp, where, c_rate, nrec, run):
    check(grp.dimensions["time"].isunlimited(), f"{where}: time is not unlimited")
    check(len(grp.dimensions["time"]) == nrec, f"{where}: {len(grp.dimensions['time'])} records, expected {nrec}")
    check(len(grp.dimensions["x"]) == NX, f"{where}: x has {len(grp.dimensions['x'])} cells, expected {NX}")
    for name, unit in UNITS.items():
        if name not in grp.variables:
            check(False, f"{where}: variable {name} missing")
            continue
        var = grp.variables[name]
        check(getattr(var, "units", None) == unit, f"{where}/{name}: units {getattr(var, 'units', None)!r}, expected {unit!r}")
        check(bool(getattr(var, "long_name", "")), f"{where}/{name}: no long_name")
        check(var.dtype == np.float64, f"{where}/{name}: dtype {var.dtype}")
    for name in FIELDS:
        var = grp.variables[name]
        check(var.dimensions == ("time", "x"), f"{where}/{name}: dimensions {var.dimensions}")
        check(math.isnan(var._FillValue), f"{where}/{name}: _FillValue is not NaN")
        chunks = var.chunking()
        check(chunks != "contiguous" and chunks[1] == NX, f"{where}/{name}: chunking {chunks}")
    x = grp.variables["x"][:]
    check(np.allclose(x, (np.arange(NX) + 0.5) * 1e-5, rtol=0, atol=1e-15), f"{where}/x: wrong values {x}")
    for f, name in enumerate(FIELDS):
        got = grp.variables[name][:]
        want = expected_field(f, nrec, run)
        ok = got.shape == want.shape and np.array_equal(np.isnan(got), np.isnan(want)) and \
            np.allclose(np.nan_to_num(got), np.nan_to_num(want), rtol=0, atol=1e-9)
        if not ok and got.shape == want.shape:
            bad = np.argwhere(~np.isclose(got, want, rtol=0, atol=1e-9, equal_nan=True))
            k, g = bad[0]
            check(False, f"{where}/{name}: record {k} cell {g} = {got[k, g]}, expected {want[k, g]} ({len(bad)} wrong)")
        else:
            check(ok, f"{where}/{name}: shape {got.shape}, expected {want.shape}")
    t = grp.variables["time"][:]
    tend = 0.95 * 3600.0 / c_rate
    check(np.allclose(t, np.linspace(0, tend, nrec)), f"{where}/time: wrong values")
    i = grp.variables["current_density"][:]
    check(np.allclose(i, c_rate * I1C), f"{where}/current_density: wrong values")
    cap = grp.variables["capacity"][:]
    check(np.allclose(cap, c_rate * I1C * t / 3600.0), f"{where}/capacity: wrong values")
    v = grp.variables["voltage"][:]
    s = np.linspace(0, 1, nrec)
    check(np.allclose(v, 4.2 - 0.05 * c_rate - 0.9 * s - 0.3 * s ** 8), f"{where}/voltage: wrong values")
    e = grp.variables["energy"][:]
    check(np.allclose(e, np.concatenate([[0], np.cumsum(0.5 * (v[1:] + v[:-1]) * c_rate * I1C * np.diff(t) / 3600.0)])),
          f"{where}/energy: wrong values")
    check(grp.getncattr("c_rate") == c_rate, f"{where}: c_rate attribute {grp.getncattr('c_rate')}")
    # CF: the run's rate is a scalar coordinate every time series refers to
    check("rate" in grp.variables and grp.variables["rate"].dimensions == () and grp.variables["rate"][...] == c_rate,
          f"{where}: scalar coordinate rate")
    check(grp.variables["rate"].units == "1" and grp.variables["rate"].long_name == "C-rate", f"{where}/rate: attributes")
    for name in FIELDS + ["voltage", "current_density", "capacity", "energy", "step_index", "cycle_index"]:
        check(getattr(grp.variables[name], "coordinates", "") == "rate", f"{where}/{name}: coordinates attribute")
    # coordinates carry no _FillValue; time is the T axis and strictly increasing
    for name in ("time", "x", "rate"):
        check("_FillValue" not in grp.variables[name].ncattrs(), f"{where}/{name}: has a _FillValue")
    check(grp.variables["time"].axis == "T", f"{where}/time: axis")
    check(bool(np.all(np.diff(t) > 0)), f"{where}/time: not strictly increasing")
    for name in ("step_index", "cycle_index"):
        var = grp.variables[name]
        check(var.dtype == np.int32 and "_FillValue" not in var.ncattrs(), f"{where}/{name}: dtype {var.dtype}, attrs {var.ncattrs()}")
    for name, var in grp.variables.items():
        check(bool(getattr(var, "long_name", "")), f"{where}/{name}: no long_name")
        check(var.dtype == str or bool(getattr(var, "units", "")), f"{where}/{name}: no units")
    check(grp.getncattr("status") == "ok" if "run" in grp.ncattrs() else True, f"{where}: run status")
    check(grp.getncattr("termination_reason") == "cut-off voltage reached", f"{where}: termination_reason {grp.getncattr('termination_reason')!r}")
    check(grp.getncattr("solve_time_s") == 1.5 + run, f"{where}: solve_time_s {grp.getncattr('solve_time_s')}")


def check_root_attrs(ds, where, reason):
    check(ds.data_model == "NETCDF4", f"{where}: data model {ds.data_model}")
    check(ds.getncattr("fvcell_version") == "0.1.0-test", f"{where}: fvcell_version")
    check(ds.getncattr("case").startswith("name: synthetic\n"), f"{where}: case attribute {ds.getncattr('case')!r}")
    check(ds.getncattr("one_c_current_density") == I1C, f"{where}: one_c_current_density")
    check(ds.getncattr("termination_reason") == reason, f"{where}: termination_reason {ds.getncattr('termination_reason')!r}")
    check(ds.getncattr("Conventions") == "CF-1.8", f"{where}: Conventions")
    check(bool(ds.getncattr("title")), f"{where}: title")
    check(ds.getncattr("status") == "ok", f"{where}: status {ds.getncattr('status')!r}")


def check_prefix(prefix):
    path = prefix + "_root.nc"
    with netCDF4.Dataset(path) as ds:
        ds.set_auto_mask(False)
        check_root_attrs(ds, path, "cut-off voltage reached")
        check(len(ds.groups) == 0, f"{path}: unexpected groups {list(ds.groups)}")
        check_run(ds, path, 1.0, 37, 0)
    path = prefix + "_rates.nc"
    with netCDF4.Dataset(path) as ds:
        ds.set_auto_mask(False)
        check_root_attrs(ds, path, "3 of 3 rates completed")
        check(sorted(ds.groups) == ["rate_0", "rate_1", "rate_2"], f"{path}: groups {list(ds.groups)}")
        check(len(ds.dimensions["rate"]) == 3, f"{path}: rate dimension")
        for r, (c_rate, nrec) in enumerate(RATES):
            check_run(ds.groups[f"rate_{r}"], f"{path}/rate_{r}", c_rate, nrec, r + 1)
        for name, unit in (("rate", "1"), ("discharge_capacity", "A h m-2"), ("discharge_energy", "W h m-2")):
            check(ds.variables[name].dimensions == ("rate",), f"{path}/{name}: dimensions")
            check(ds.variables[name].units == unit, f"{path}/{name}: units {ds.variables[name].units!r}")
        check(list(ds.variables["rate"][:]) == [r[0] for r in RATES], f"{path}/rate: values")
        check("_FillValue" not in ds.variables["rate"].ncattrs(), f"{path}/rate: coordinate with a _FillValue")
        caps = [ds.groups[f"rate_{r}"].variables["capacity"][-1] for r in range(3)]
        ens = [ds.groups[f"rate_{r}"].variables["energy"][-1] for r in range(3)]
        check(np.allclose(ds.variables["discharge_capacity"][:], caps), f"{path}/discharge_capacity: values")
        check(np.allclose(ds.variables["discharge_energy"][:], ens), f"{path}/discharge_energy: values")


def dump(path):
    """Everything in a file (attributes, variables, values) as a comparable structure."""
    out = {}

    def walk(grp, name):
        out[name + "@attrs"] = {k: grp.getncattr(k) for k in grp.ncattrs()}
        out[name + "@dims"] = {k: (len(d), d.isunlimited()) for k, d in grp.dimensions.items()}
        for vname, var in grp.variables.items():
            out[f"{name}/{vname}@attrs"] = {k: var.getncattr(k) for k in var.ncattrs()}
            out[f"{name}/{vname}"] = var[:]
        for gname, sub in grp.groups.items():
            walk(sub, name + "/" + gname)

    with netCDF4.Dataset(path) as ds:
        ds.set_auto_mask(False)
        walk(ds, "")
    return out


def same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def main():
    prefixes = sys.argv[1:]
    if not prefixes:
        sys.exit("usage: check_output.py PREFIX [PREFIX ...]")
    for p in prefixes:
        check_prefix(p)
    for kind in ("_root.nc", "_rates.nc"):
        ref = dump(prefixes[0] + kind)
        for p in prefixes[1:]:
            other = dump(p + kind)
            check(ref.keys() == other.keys(), f"{p}{kind}: different contents than {prefixes[0]}{kind}")
            for key in ref.keys() & other.keys():
                check(same(ref[key], other[key]), f"{p}{kind}: {key} differs from {prefixes[0]}{kind}")
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print(f"output layout OK: {', '.join(prefixes)} (root run, 3 rate groups + summary; files identical)")


if __name__ == "__main__":
    main()
