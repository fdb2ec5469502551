#!/usr/bin/python3
"""check_cli.py -- the `fvcell` command line: help, exit statuses, unknown options, output paths.

Usage: check_cli.py FVCELL CASE WORKDIR TEST
FVCELL is the binary, CASE the DUALFOIL case file (never modified), WORKDIR a scratch directory
(each test works in its own subdirectory, which is also the current directory, so a stray
out/ is seen). TEST is one of the functions named test_* below. Exit status 0 when it passed.
"""
import os
import shutil
import subprocess
import sys
import time

import netCDF4
import numpy as np

FVCELL, CASE, WORK, TEST = sys.argv[1:5]
DIR = os.path.join(WORK, TEST)
fails = []


def check(cond, msg):
    if not cond:
        fails.append(msg)
        print("FAIL:", msg)


def run(*args, timeout=600):
    p = subprocess.run([FVCELL, *args], cwd=DIR, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def one_line_error(err, where):
    """stderr is one line, without a PETSc traceback."""
    lines = [l for l in err.splitlines() if l.strip()]
    check(len(lines) == 1, f"{where}: expected one line on stderr, got {len(lines)}:\n{err}")
    check("PETSC ERROR" not in err and "Traceback" not in err, f"{where}: traceback on stderr:\n{err}")


def nothing_written(where):
    left = sorted(os.listdir(DIR))
    check(left == [], f"{where}: files written: {left}")


def test_help():
    """--help, -h, help, -help and --version, -version print and exit 0, writing nothing."""
    for args in (["--help"], ["-h"], ["help"], ["-help"], ["--help", "-o", "x.nc"]):
        rc, out, err = run(*args)
        check(rc == 0, f"fvcell {' '.join(args)}: exit {rc}")
        check("usage:" in out and "fvcell run" in out and "exit status" in out, f"fvcell {args}: usage text:\n{out}")
    for args in (["--version"], ["-version"]):
        rc, out, err = run(*args)
        check(rc == 0 and out.startswith("fvcell ") and "PETSc" in out, f"fvcell {args}: exit {rc}, {out!r}")
    nothing_written("help/version")


def test_run_help():
    """`fvcell run -help` lists fvcell's options with defaults and the case-key reference."""
    for args in (["run", CASE, "-help"], ["run", CASE, "--help"], ["check", CASE, "-help"]):
        rc, out, err = run(*args)
        check(rc == 0, f"fvcell {args}: exit {rc}\n{err}")
        if args[0] == "run":
            for opt in ("-fvcell_output_interval", "-quiet", "-o ", "-fvcell_rtol", "-fvcell_output_deflate",
                        "docs/case-keys.md"):
                check(opt in out, f"fvcell {args}: {opt!r} not listed")
    nothing_written("run -help")


def test_unknown_option():
    """An option nothing uses fails before the run, naming the nearest known option."""
    cases = [(["-quite"], "-quiet"), (["-fvcell_rtoll", "1e-3"], "-fvcell_rtol"), (["-rate", "2"], "-rates"),
             (["-positve_thickness", "80 um"], "-positive_thickness"),
             (["-fvcell_output_intervall", "10"], "-fvcell_output_interval")]
    for extra, near in cases:
        for cmd in ("run", "check"):
            rc, out, err = run(cmd, CASE, *extra, "-o", "x.nc")
            where = f"fvcell {cmd} {' '.join(extra)}"
            check(rc == 1, f"{where}: exit {rc}, expected 1 (bad input)\n{err}")
            one_line_error(err, where)
            check(f"{extra[0]}" in err and f"did you mean {near}?" in err, f"{where}: message {err!r}")
    rc, out, err = run("run", CASE, "-zzzzqqqq", "-o", "x.nc")
    check(rc == 1 and "-zzzzqqqq" in err and "unknown option" in err, f"a far-off option: exit {rc}, {err!r}")
    rc, out, err = run("frobnicate")
    check(rc == 1 and "unknown command" in err, f"unknown command: exit {rc}, {err!r}")
    nothing_written("unknown options")


def test_solver_stop():
    """A failed solve ends with the solver-stop status, its named reason and a valid file."""
    # a pristine, fully lithiated ASSB cathode cannot be discharged at 10C: the run stops at t = 0
    # saying so ("nothing to discharge"; a 200C discharge of the DUALFOIL cell no longer fails: it
    # ends by electrolyte depletion)
    assb = os.path.join(os.path.dirname(os.path.dirname(CASE)), "assb_nmc811_lps_li.yaml")
    rc, out, err = run("run", assb, "-rates", "10", "-protocol", "Discharge at {rate}C until 2.5 V",
                       "-quiet", "-o", "stop.nc")
    check(rc == 2, f"pristine ASSB at 10C: exit {rc}, expected 2 (solver stop)\n{err}")
    check("solver stop:" in err and "stop.nc" in err and "nothing to discharge" in err,
          f"pristine ASSB at 10C: stderr {err!r}")
    with netCDF4.Dataset(os.path.join(DIR, "stop.nc")) as ds:
        check(ds.getncattr("status").startswith("solver stop: "), f"status {ds.getncattr('status')!r}")
        g = ds["rate_0"]
        check(g.getncattr("status").startswith("solver stop: "), "group status")
        check(len(g["time"]) >= 1 and len(g["step_end_reason"]) == 1, "the computed record and the step table")
        check(np.isnan(np.ma.filled(ds["discharge_capacity"][:], np.nan)[0]), "summary of a stopped run is not NaN")
    check(not os.path.exists(os.path.join(DIR, "stop.nc.part")), "partial file left after a solver stop")


def test_bad_output():
    """Output paths checked before the run: one line, exit 3 (I/O) or 1 (an input of the run)."""
    os.makedirs(os.path.join(DIR, "ro"))
    os.chmod(os.path.join(DIR, "ro"), 0o555)
    unwritable = os.access(os.path.join(DIR, "ro"), os.W_OK) is False  # root may write anyway
    bad = [("/proc/fvcell/x.nc", "cannot create the output directory"), ("d" * 250 + ".nc", "characters"),
           (".", "is a directory")]
    if unwritable:
        bad.append(("ro/x.nc", "cannot write in the output directory"))
    for path, what in bad:
        rc, out, err = run("run", CASE, "-quiet", "-o", path)
        check(rc == 3, f"-o {path[:40]}: exit {rc}, expected 3\n{err}")
        one_line_error(err, f"-o {path[:40]}")
        check(what in err, f"-o {path[:40]}: message {err!r} lacks {what!r}")
    # the case file itself: refused, and left as it was
    case = os.path.join(DIR, "case.yaml")
    shutil.copy(CASE, case)
    before = open(case).read()
    for path in ("case.yaml", "./case.yaml", os.path.join(DIR, "case.yaml")):
        rc, out, err = run("run", "case.yaml", "-quiet", "-o", path)
        check(rc == 1, f"-o {path} (the case file): exit {rc}, expected 1\n{err}")
        one_line_error(err, f"-o {path}")
        check("is an input of this run" in err, f"-o case: message {err!r}")
    check(open(case).read() == before, "the case file was modified")
    os.chmod(os.path.join(DIR, "ro"), 0o755)


def test_concurrent_writers():
    """A second run writing the same -o is refused at once; the first finishes a valid file."""
    path = os.path.join(DIR, "same.nc")
    a = subprocess.Popen([FVCELL, "run", CASE, "-rates", "1", "-fvcell_max_step", "0.5", "-quiet", "-o", path],
                         cwd=DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    t0 = time.time()
    while not os.path.exists(path + ".part") and time.time() - t0 < 120 and a.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)
    check(a.poll() is None, "the first run ended before the second started: the test says nothing")
    rc, out, err = run("run", CASE, "-rates", "1", "-quiet", "-o", path)
    check(rc == 3, f"second writer: exit {rc}, expected 3\n{err}")
    one_line_error(err, "second writer")
    check("another fvcell run is writing" in err, f"second writer: message {err!r}")
    out, err = a.communicate(timeout=600)
    check(a.returncode == 0, f"first writer: exit {a.returncode}\n{err}")
    with netCDF4.Dataset(path) as ds:
        check(ds.getncattr("status") == "ok", f"first writer's file: status {ds.getncattr('status')!r}")
        t = ds["rate_0"]["time"][:]
        check(len(t) > 100 and np.all(np.diff(t) > 0), "first writer's file: records")
    check(not os.path.exists(path + ".part"), "partial file left")


def test_protocol_without_rate():
    """A protocol without {rate} on a case with a rate list runs once, into the root group."""
    rc, out, err = run("run", CASE, "-rates", "0.5,1,2", "-protocol", "Discharge at 1C until 3.6 V", "-quiet",
                       "-o", "once.nc")
    check(rc == 0, f"exit {rc}\n{err}")
    check("runs once" in out, f"no note that the rates are not used: {out!r}")
    with netCDF4.Dataset(os.path.join(DIR, "once.nc")) as ds:
        check(len(ds.groups) == 0 and "time" in ds.variables, f"groups {list(ds.groups)}")
        check(np.isnan(ds["rate"][...]), "rate of a protocol without {rate} is not NaN")


def test_record_bound():
    """An output interval that would write more records than the bound is refused before the run."""
    rc, out, err = run("run", CASE, "-fvcell_output_interval", "1e-9", "-quiet", "-o", "many.nc")
    check(rc == 1, f"exit {rc}\n{err}")
    one_line_error(err, "-fvcell_output_interval 1e-9")
    check("-fvcell_output_max_records" in err, f"message {err!r}")
    nothing_written("record bound")


def test_protocol_file_cf():
    """A real protocol run: time strictly increasing, one record per step switch, CF attributes,
    readable by xarray with selection by time."""
    proto = "Discharge at 1C until 3.6 V; Rest for 10 minutes; Charge at 1C until 4.0 V; Hold at 4.0 V until C/5"
    rc, out, err = run("run", CASE, "-protocol", proto, "-quiet", "-o", "p.nc")
    check(rc == 0, f"exit {rc}\n{err}")
    path = os.path.join(DIR, "p.nc")
    with netCDF4.Dataset(path) as ds:
        check(ds.getncattr("Conventions") == "CF-1.8" and ds.getncattr("status") == "ok", "root attributes")
        t = ds["time"][:]
        check(bool(np.all(np.diff(t) > 0)), "time not strictly increasing")
        for c in ("time", "x", "rate"):
            check("_FillValue" not in ds[c].ncattrs(), f"{c}: _FillValue on a coordinate")
        check(ds["time"].units == "s" and ds["time"].axis == "T", "time attributes")
        check(ds["step_index"].dtype == np.int32 and ds["cycle_index"].dtype == np.int32, "indices not int32")
        check(ds["step_end_reason"].dtype == str and len(ds["step_end_reason"]) == 4, "step_end_reason strings")
        check(ds["step_initial_voltage"].units == "V" and len(ds["step_initial_voltage"]) == 4, "step_initial_voltage")
        ends = ds["step_end_time"][:]
        for e in ends[:-1]:
            check(int(np.sum(np.isclose(t, e, rtol=0, atol=1e-9))) == 1, f"step end {e}: not recorded exactly once")
        for name, var in ds.variables.items():
            check(bool(getattr(var, "long_name", "")), f"{name}: no long_name")
            check(var.dtype == str or bool(getattr(var, "units", "")), f"{name}: no units")
    try:
        import xarray as xr
        with xr.open_dataset(path) as x:
            v = x["voltage"].sel(time=1000.0, method="nearest")
            check(float(v) > 3.0, "xarray: sel by time")
            # the protocol has no {rate}: the run's rate coordinate is NaN
            check(np.isnan(float(x["rate"])) and "rate" in x["voltage"].coords, "xarray: rate coordinate")
            x["voltage"].interp(time=[10.0, 20.0])
    except ImportError:
        print("xarray not installed: the xarray part is skipped")


def test_sweep_incremental():
    """A killed sweep keeps every finished member in its partial summary (a member's line is
    printed when it is computed, just before rank 0 writes it: after 3 lines, >= 2 are on disk)."""
    case = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kill_sweep.yaml")
    path = os.path.join(DIR, "sw.nc")
    p = subprocess.Popen([FVCELL, "sweep", case, "-o", path], cwd=DIR, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, start_new_session=True)
    seen = 0
    for line in p.stdout:
        if line.startswith("member "):
            seen += 1
            if seen == 3:
                os.killpg(p.pid, 9)
                break
    p.wait()
    check(seen == 3, f"saw {seen} members before the end")
    check(not os.path.exists(path), "a killed sweep left the final file")
    with netCDF4.Dataset(path + ".part") as ds:
        check(ds.getncattr("status") == "incomplete", f"status {ds.getncattr('status')!r}")
        st = np.asarray(ds["status"][:]).ravel()
        done = [s for s in st if s != "not run"]
        check(len(done) >= 2 * len(ds["rate"]), f"{len(done)} member-rate entries kept, expected >= 2 members")
        check(all(s == "ok" or s.startswith("failed: ") for s in done), f"statuses {set(done)}")
        e = np.ma.filled(ds["discharge_energy"][:], np.nan).ravel()
        flags = np.asarray(ds["status_flag"][:]).ravel()
        check(np.all(np.isnan(e[flags != 0])) and np.all(e[flags == 0] > 0), "NaN exactly where a member has no result")


if __name__ == "__main__":
    shutil.rmtree(DIR, ignore_errors=True)
    os.makedirs(DIR)
    globals()["test_" + TEST]()
    print(f"{TEST}: {'FAILED' if fails else 'passed'}")
    sys.exit(1 if fails else 0)
