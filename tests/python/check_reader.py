#!/usr/bin/python3
"""check_reader.py -- the fvcell Python reader on files the solver wrote (tests/python fixture).

Usage: check_reader.py POSTPROCESS_DIR OUTDIR   (OUTDIR holds protocol.nc, one_run.nc, sweep.nc,
p3d2d.nc, p3d3d.nc). Imports the package from the source tree, as a user would without pip.
"""
import os
import shutil
import sys

import netCDF4
import numpy as np

sys.path.insert(0, sys.argv[1])
import fvcell  # noqa: E402

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def raises(fn, words):
    try:
        fn()
    except fvcell.FvcellError as e:
        check(all(w in str(e) for w in words), f"error {e!r} lacks {words}")
        return
    check(False, f"no FvcellError (expected one naming {words})")


def check_run_basics(run, path, min_records=10):
    t = run.ds["time"].values
    check(len(t) >= min_records, f"{path} {run.label}: only {len(t)} records")
    check(np.all(np.diff(t) > 0), f"{path} {run.label}: time not strictly increasing")
    check(np.isfinite(run.ds["voltage"].values).all(), f"{path} {run.label}: NaN voltage")
    for v in ("step_index", "cycle_index"):
        if v in run.ds:
            check(run.ds[v].dtype.kind == "i", f"{path} {run.label}: {v} is {run.ds[v].dtype}, expected integers")
    if "step_end_reason" in run.ds:
        check(all(isinstance(s, str) and s for s in run.ds["step_end_reason"].values),
              f"{path} {run.label}: step_end_reason not strings")
    # selections that fail on repeated times
    mid = 0.5 * (t[0] + t[-1])
    check(abs(float(run.ds.sel(time=mid, method="nearest")["time"]) - mid) <= np.max(np.diff(t)),
          f"{path} {run.label}: sel(time, nearest)")
    check(np.isfinite(float(run.ds["voltage"].interp(time=mid))), f"{path} {run.label}: interp(time)")


def check_protocol(path):
    res = fvcell.open(path)
    check(isinstance(res, fvcell.Result), f"{path}: not opened as a run file")
    check(res.rates == [0.5, 2.0], f"{path}: rates {res.rates}")
    check(res.status == "ok", f"{path}: status {res.status!r}")
    check(res.name == "dualfoil" and res.case.get("name") == "dualfoil", f"{path}: case name {res.name!r}")
    check(abs(fvcell.case.value(res.case, "negative.thickness") - 1e-4) < 1e-12, f"{path}: negative.thickness")
    check(fvcell.case.value(res.case, "positive.cells") == 8, f"{path}: positive.cells (the -positive_cells 8 override)")
    raises(lambda: res.rate(3), ["no run at 3C", "0.5", "2"])
    raises(lambda: res.run, ["2 runs", "rate("])
    s = res.summary
    check(s is not None and list(s["rate"].values) == [0.5, 2.0], f"{path}: summary rate coordinate")
    for c in res.rates:
        run = res.rate(c)
        check(run.rate == c and run.label == f"{c:g}C", f"{path}: run {run.label} at {c}")
        check_run_basics(run, path)
        check(run.cycles == [0, 1], f"{path} {run.label}: cycles {run.cycles}")
        check(run.steps == list(range(8)), f"{path} {run.label}: steps {run.steps}")
        kinds = [run.step_kind(n) for n in run.steps]
        check(kinds == ["charge", "charge", "rest", "discharge"] * 2, f"{path} {run.label}: step kinds {kinds}")
        tab = run.step_table
        cyc = run.cycle(1)
        check(set(np.unique(cyc["cycle_index"].values)) == {1}, f"{path} {run.label}: cycle(1) holds other cycles")
        check(set(np.unique(cyc["step_index"].values)) == {4, 5, 6, 7}, f"{path} {run.label}: cycle(1) steps")
        check(float(cyc["time"].values[0]) >= float(tab["step_start_time"].values[4]), f"{path} {run.label}: cycle(1) start")
        raises(lambda: run.cycle(2), ["no cycle 2", "[0, 1]"])
        st = run.step(3)
        check(set(np.unique(st["step_index"].values)) == {3}, f"{path} {run.label}: step(3) holds other steps")
        dt = np.diff(run.ds["time"].values).max()
        check(0 < float(st["time_in_step"].values[0]) <= dt, f"{path} {run.label}: step(3) time_in_step starts at "
                                                             f"{float(st['time_in_step'].values[0])}")
        want = float(tab["step_capacity"].values[3])
        got = float(st["capacity_in_step"].values[-1])
        check(abs(got - want) <= 1e-3 * abs(want), f"{path} {run.label}: step(3) capacity {got} vs table {want}")
        check(abs(float(s["discharge_capacity"].sel(rate=c)) - float(tab["step_capacity"].values[7]))
              <= 1e-3 * want, f"{path} {run.label}: summary capacity vs the last discharge step")
        s0 = run.step(3, with_start=True)
        check(float(s0["time_in_step"].values[0]) == 0.0 and float(s0["capacity_in_step"].values[0]) == 0.0,
              f"{path} {run.label}: step(3, with_start) does not start at the step's start")
        v0 = float(tab["step_initial_voltage"].values[3])
        check(float(s0["voltage"].values[0]) == v0, f"{path} {run.label}: with_start voltage is not step_initial_voltage")
        check(v0 < float(run.step(2)["voltage"].values[-1]), f"{path} {run.label}: the discharge starts below the rest's end")
        raises(lambda: run.step(8), ["no records of step 8"])
        # regions from the case: 8 | 4 | 8 cells of 100 | 25 | 100 um
        m = run.region_masks()
        counts = {k: int(m[k].sum()) for k in ("negative", "separator", "positive")}
        check(counts == {"negative": 8, "separator": 4, "positive": 8}, f"{path} {run.label}: region cells {counts}")
        check(not (m["negative"] & m["positive"]).any(), f"{path}: overlapping regions")
        check(run.regions["separator"] == (1e-4, 1.25e-4), f"{path}: separator bounds {run.regions['separator']}")
        sep, pos = run.region("separator"), run.region("positive")
        check(np.isnan(sep["c_s_surf"].values).all(), f"{path}: c_s_surf has values in the separator")
        check(np.isfinite(pos["c_s_surf"].values).all(), f"{path}: c_s_surf has NaN in the positive electrode")
        check(float(pos["x"].min()) > 1.25e-4, f"{path}: positive region starts at {float(pos['x'].min())}")
    res.close()


def check_one_run(path):
    res = fvcell.open(path)
    check(len(res.runs) == 1 and res.run.name == "/", f"{path}: expected one root run, got {res.runs}")
    check(res.summary is None, f"{path}: a plain run with a rate summary")
    check_run_basics(res.run, path)
    check(res.run.steps == [0] and res.run.cycles == [0], f"{path}: steps {res.run.steps}, cycles {res.run.cycles}")
    st = res.step(0)
    check(len(st["time"]) == len(res.ds["time"]), f"{path}: step(0) is not the whole run")
    check(int(res.region_masks()["positive"].sum()) == 8, f"{path}: positive cells")
    res.close()


def check_sweep(path, tmp):
    sw = fvcell.open(path)
    check(isinstance(sw, fvcell.Sweep), f"{path}: not opened as a sweep")
    check(list(sw.keys) == ["positive.composition.active", "separator.thickness"], f"{path}: keys {sw.keys}")
    check(sw.rates == [0.05, 0.5, 1.0, 2.0], f"{path}: rates {sw.rates}")
    d = sw.keys["positive.composition.active"]
    st = sw.status.sel({d: 96})
    check(all(str(s).startswith("failed: ") and "remainder" in str(s) for s in st.values.ravel()),
          f"{path}: status of the 96 wt% members {st.values.ravel()}")
    check(all(s == "ok" for s in sw.status.sel({d: 70}).values.ravel()), f"{path}: 70 wt% members not ok")
    check(np.isnan(sw.ds["energy_density"].sel({d: 96}).values).all(), f"{path}: failed members not masked")
    check(np.isfinite(sw.ds["energy_density"].sel({d: 70}).values).all(), f"{path}: ok members masked")
    e = sw.sel({"separator.thickness": 20, "positive.composition.active": 70}, rate=0.05)["energy_density"]
    check(float(e) > 100, f"{path}: sel by case keys gave {e.values}")
    best = sw.optimum("energy_density", rate=0.05)
    check(best is not None and best["positive.composition.active"] == 70 and best["separator.thickness"] == 20,
          f"{path}: optimum {best}")
    raises(lambda: sw.sel({"negative.thickness": 1}), ["not a swept key", "separator.thickness"])
    sw.close()
    # a failed member whose numbers look valid (a status that is not ok) must be masked as well
    fake = os.path.join(tmp, "sweep_failed_member.nc")
    shutil.copy(path, fake)
    with netCDF4.Dataset(fake, "a") as nc:
        ed = nc["energy_density"]
        i = [n for n in nc["status"].dimensions].index(d)
        idx = [0] * len(ed.dimensions)
        idx[i] = 0  # the 70 wt%, 20 um member at 0.05C
        ed[tuple(idx)] = 0.0
        status = nc["status"]
        if status.dtype == str:
            status[tuple(idx)] = "failed: solver stop"
        else:
            status[tuple(idx)] = 2
    sw = fvcell.open(fake)
    check(np.isnan(float(sw.ds["energy_density"].values[tuple(idx)])), f"{fake}: a failed member's 0 is not masked")
    check(str(sw.status.values[tuple(idx)]).startswith("failed"), f"{fake}: status {sw.status.values[tuple(idx)]}")
    sw.close()


def check_p3d(path, dim):
    res = fvcell.open(path)
    run = res.run
    check(run.dim == dim, f"{path}: dim {run.dim}")
    check_run_basics(run, path, min_records=6)  # 2 minutes recorded every 20 s
    want = ("time", "y", "x") if dim == 2 else ("time", "z", "y", "x")
    check(run.ds["c_e"].dims == want, f"{path}: c_e dims {run.ds['c_e'].dims}")
    for c in ("x", "y") + (("z",) if dim == 3 else ()):
        a = run.ds[c].values
        check(run.ds[c].attrs.get("units") == "m", f"{path}: {c} units {run.ds[c].attrs.get('units')}")
        check(np.all(np.diff(a) > 0) and a[0] > 0 and a[-1] < 1e-3, f"{path}: {c} = {a}")
    ny = 12 if dim == 2 else 3
    ly = 24e-6 if dim == 2 else 15e-6
    check(np.allclose(run.ds["y"].values, (np.arange(ny) + 0.5) * ly / ny), f"{path}: y centres {run.ds['y'].values}")
    ic = run.ds["interface_current_density"].dims if "interface_current_density" in run.ds else None
    check(ic == ("time", "y") if dim == 2 else ic == ("time", "z", "y"), f"{path}: interface_current_density {ic}")
    m = run.region_masks()
    counts = {k: int(m[k].sum()) for k in ("negative", "separator", "positive")}
    check(counts == {"negative": 0, "separator": 4, "positive": 6}, f"{path}: region cells {counts} (metal negative)")
    check(run.region("positive")["c_s_surf"].dims == want, f"{path}: region keeps the field dims")
    res.close()


def check_incomplete(path, tmp):
    """A killed run: left as PATH.part, no termination reason, a last record only partly written;
    opening PATH reads PATH.part."""
    cut = os.path.join(tmp, "killed.nc.part")
    shutil.copy(path, cut)
    with netCDF4.Dataset(cut, "a") as nc:
        for a in ("termination_reason", "status"):
            if a in nc.ncattrs():
                nc.delncattr(a)
        if "status" in fvcell.open(path).attrs:
            nc.setncattr("status", "incomplete")
        g = nc["rate_1"]
        n = len(g["time"])
        g["time"][n] = g["time"][n - 1] + 1.0  # time written, voltage not (NaN fill)
    res = fvcell.open(cut[: -len(".part")])
    check(res.path == cut, f"{cut}: opened {res.path}")
    check(res.status == "incomplete", f"{cut}: status {res.status!r}")
    run = res.rate(2)
    with fvcell.open(path) as full:
        want = len(full.rate(2).ds["time"])
    check(len(run.ds["time"]) == want, f"{cut}: {len(run.ds['time'])} records, expected {want} (the partial one dropped)")
    check(np.isfinite(run.ds["voltage"].values).all(), f"{cut}: NaN voltage kept")
    res.close()


def check_bad_files(tmp):
    raises(lambda: fvcell.open(os.path.join(tmp, "missing.nc")), ["missing.nc", "no such file"])
    junk = os.path.join(tmp, "junk.nc")
    with open(junk, "w") as f:
        f.write("not NetCDF\n")
    raises(lambda: fvcell.open(junk), ["junk.nc", "not a readable NetCDF file"])
    other = os.path.join(tmp, "other.nc")
    with netCDF4.Dataset(other, "w") as nc:
        nc.createDimension("n", 2)
        nc.createVariable("t", "f8", ("n",))[:] = [1, 2]
    raises(lambda: fvcell.open(other), ["other.nc", "not an fvcell result file"])


def main():
    out = sys.argv[2]
    tmp = os.path.join(out, "reader_tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    check_protocol(os.path.join(out, "protocol.nc"))
    check_one_run(os.path.join(out, "one_run.nc"))
    check_sweep(os.path.join(out, "sweep.nc"), tmp)
    check_p3d(os.path.join(out, "p3d2d.nc"), 2)
    check_p3d(os.path.join(out, "p3d3d.nc"), 3)
    check_incomplete(os.path.join(out, "protocol.nc"), tmp)
    check_bad_files(tmp)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("fvcell reader OK: protocol file (rates, cycles, steps, regions, case), one-run file, sweep masking, "
          "2D and 3D coordinates, an incomplete file, bad files")


if __name__ == "__main__":
    main()
