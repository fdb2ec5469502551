#!/usr/bin/env python3
"""check_resolved_rerun.py -- the resolved case written into a result file reproduces the run.

Usage: check_resolved_rerun.py FVCELL CASE.yaml OUTDIR [overrides ...]

Runs CASE with the overrides, takes the resolved case text from the file's `case` attribute,
runs that text again (no overrides: they are in it) and requires the same voltage and current
series, value for value. A key that changes the run but is left out of the resolved text (as the
entropic coefficient of an isothermal run away from the OCP's reference temperature once was)
fails it."""
import os
import subprocess
import sys

import netCDF4
import numpy as np


def run(fvcell, case, out, extra):
    cmd = [fvcell, "run", case, "-quiet", "-o", out] + extra
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("FAIL: %s exited %d\n%s%s" % (" ".join(cmd), r.returncode, r.stdout, r.stderr))


def series(path):
    with netCDF4.Dataset(path) as d:
        text = d.getncattr("case")
        groups = list(d.groups.values()) or [d]
        v = np.concatenate([np.asarray(g.variables["voltage"][:]) for g in groups])
        i = np.concatenate([np.asarray(g.variables["current_density"][:]) for g in groups])
    return text, v, i


def main():
    fvcell, case, outdir, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    os.makedirs(outdir, exist_ok=True)
    first = os.path.join(outdir, "first.nc")
    again = os.path.join(outdir, "again.nc")
    resolved = os.path.join(outdir, "resolved.yaml")
    run(fvcell, case, first, extra)
    text, v1, i1 = series(first)
    with open(resolved, "w") as f:
        f.write(text)
    run(fvcell, resolved, again, [])
    _, v2, i2 = series(again)
    if v1.shape != v2.shape or not (np.array_equal(v1, v2) and np.array_equal(i1, i2)):
        n = min(v1.size, v2.size)
        dv = np.max(np.abs(v1[:n] - v2[:n])) if n else float("nan")
        sys.exit("FAIL: the resolved case runs differently: %d vs %d records, max |dV| %.3g V"
                 % (v1.size, v2.size, dv))
    print("ok: %d records identical from the resolved case (%s)" % (v1.size, resolved))


if __name__ == "__main__":
    main()
