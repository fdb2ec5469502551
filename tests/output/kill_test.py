#!/usr/bin/python3
"""kill_test.py -- a writer killed with SIGKILL mid-run must leave a readable NetCDF file.

Owns: the crash-safety check of solver/output.c. Usage:
    kill_test.py --out DIR [--after 5,40,133] [--random K --seed S] -- WRITER_COMMAND...
WRITER_COMMAND is `test_output_write -mode stream` (optionally under mpiexec); it prints
"pid P" for every rank, then "appended k" on rank 0 whenever k records are on disk (the writer
syncs on a wall-clock interval, not after every record). The writer writes FILE.part and renames
it to FILE only when it finishes: a killed writer must leave FILE.part, and no FILE.
 --after N: wait for "appended N" (or more), then SIGKILL every rank at once (a job killed by
            the scheduler); FILE.part must open, hold >= N complete, correct records, the records
            past N must each be correct or fill (NaN), and termination_reason and status must say
            the run did not finish.
 --random K: K more kills at a random moment (not aligned with any append: also during
            nc_sync itself); the same checks with N = the last "appended" seen before the kill.
Exit status 0 when every kill left a readable, consistent file.
"""
import argparse
import os
import random
import signal
import subprocess
import sys
import threading
import time

import netCDF4
import numpy as np

FIELDS = ["c_e", "phi_e", "phi_s", "c_s_surf", "c_s_avg"]
SEP_LO, SEP_HI, I1C = 4, 8, 30.0


def expected(nx, nrec):
    k = np.arange(nrec)[:, None].astype(float)
    g = np.arange(nx)[None, :].astype(float)
    fields = {}
    for f, name in enumerate(FIELDS):
        v = 1000.0 * (f + 1) + g + 1e-3 * k + 0.0 * g * k
        if name in ("c_s_surf", "c_s_avg"):
            v[:, SEP_LO:SEP_HI] = np.nan
        fields[name] = v
    kk = np.arange(nrec).astype(float)
    scal = {"time": kk, "voltage": 4.0 - 1e-4 * kk, "current_density": np.full(nrec, I1C),
            "capacity": I1C * kk / 3600.0, "energy": 4.0 * I1C * kk / 3600.0}
    return fields, scal


def check_file(path, n_done):
    """Return (records, problems) for a file whose writer had finished n_done appends."""
    problems = []
    try:
        ds = netCDF4.Dataset(path)
    except Exception as e:  # noqa: BLE001 -- any failure to open is the finding
        return -1, [f"cannot open {path}: {e}"]
    with ds:
        ds.set_auto_mask(False)
        nrec = len(ds.dimensions["time"])
        nx = len(ds.dimensions["x"])
        if nrec < n_done:
            problems.append(f"{nrec} records, but {n_done} appends had completed")
        reason = ds.getncattr("termination_reason")
        if "incomplete" not in reason:
            problems.append(f"termination_reason {reason!r} does not say the run was incomplete")
        if ds.getncattr("status") != "incomplete":
            problems.append(f"status {ds.getncattr('status')!r}, expected 'incomplete'")
        fields, scal = expected(nx, nrec)
        for name in FIELDS + list(scal):
            try:
                got = ds.variables[name][:]
            except Exception as e:  # noqa: BLE001
                problems.append(f"cannot read {name}: {e}")
                continue
            want = fields[name] if name in fields else scal[name]
            ok = np.isclose(got, want, rtol=0, atol=1e-9, equal_nan=True)
            done = ok[:n_done]
            if not done.all():
                bad = np.argwhere(~done)[0]
                problems.append(f"{name}: completed record {bad[0]} is wrong ({got[tuple(bad)]} vs {want[tuple(bad)]})")
            tail = ok[n_done:] | np.isnan(got[n_done:])
            if not tail.all():
                problems.append(f"{name}: a record past the last completed append holds garbage")
    return nrec, problems


def run_once(cmd, path, after, delay):
    """Start the writer, kill it after `after` appends or `delay` seconds; return appends seen."""
    for p in (path, path + ".part"):
        if os.path.exists(p):
            os.remove(p)
    proc = subprocess.Popen(cmd + ["-o", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    pids, done = [], 0
    state = {"killed": False}

    def kill_all():
        if not state["killed"]:
            state["killed"] = True
            for p in pids:
                try:
                    os.kill(p, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    timer = None
    try:
        for line in proc.stdout:
            w = line.split()
            if len(w) == 2 and w[0] == "pid":
                pids.append(int(w[1]))
            elif len(w) == 2 and w[0] == "appended":
                if state["killed"]:
                    break
                done = int(w[1])
                if delay is not None and timer is None:
                    timer = threading.Timer(delay, kill_all)
                    timer.start()
                if after is not None and done >= after:
                    kill_all()
                    break
        if timer:
            timer.join()
        proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    if not state["killed"]:
        raise RuntimeError(f"writer ended before it was killed (exit {proc.returncode}): {proc.stderr.read()[-2000:]}")
    # "appended k" lines may have been in flight when the kill landed: done is a lower bound.
    return done


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--after", default="")
    ap.add_argument("--random", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no writer command after --")
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    plan = [(int(n), None) for n in a.after.split(",") if n] + [(None, rng.uniform(0.0, 0.3)) for _ in range(a.random)]
    nfail = 0
    for i, (after, delay) in enumerate(plan):
        path = os.path.join(a.out, f"kill_{i}.nc")
        t0 = time.time()
        done = run_once(cmd, path, after, delay)
        nrec, problems = check_file(path + ".part", done)
        if os.path.exists(path):
            problems.append(f"{path} exists: a killed writer must leave only its partial file")
        how = f"after append {after}" if after is not None else f"at a random moment ({delay:.3f} s after the first append)"
        status = "OK" if not problems else "FAIL"
        print(f"{status}: kill {i} {how}: {done} appends reported, file opens with {nrec} records "
              f"({time.time() - t0:.1f} s)")
        for p in problems:
            print("    " + p)
        nfail += bool(problems)
    print(f"{len(plan) - nfail} of {len(plan)} killed writers left a readable, consistent file")
    sys.exit(1 if nfail else 0)


if __name__ == "__main__":
    main()
