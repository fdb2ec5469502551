#!/usr/bin/python3
"""Compare the voltage curves of two fvcell output files (e.g. 1 and 2 MPI ranks).

Usage: compare_ranks.py A.nc B.nc TOL_VOLTS
Each file's run (root group, or every rate_<i> group) is compared: B's voltage is
interpolated onto A's record times (both are IDA step sequences; where they coincide no
interpolation happens) and the largest difference must be below TOL_VOLTS. The end times
(the located cut-off) must agree to 1e-6 relative.
"""
import sys
import numpy as np
from netCDF4 import Dataset


def runs(ds):
    if "voltage" in ds.variables:
        yield "root", ds
    for name, g in sorted(ds.groups.items()):
        if "voltage" in g.variables:
            yield name, g


def main():
    a_path, b_path, tol = sys.argv[1], sys.argv[2], float(sys.argv[3])
    worst = 0.0
    ok = True
    with Dataset(a_path) as A, Dataset(b_path) as B:
        ra, rb = dict(runs(A)), dict(runs(B))
        if sorted(ra) != sorted(rb) or not ra:
            print(f"FAIL: runs differ: {sorted(ra)} vs {sorted(rb)}")
            return 1
        for name in ra:
            ta, va = ra[name]["time"][:], ra[name]["voltage"][:]
            tb, vb = rb[name]["time"][:], rb[name]["voltage"][:]
            same_grid = len(ta) == len(tb) and np.allclose(ta, tb, rtol=1e-12, atol=0)
            d = np.max(np.abs(np.interp(ta, tb, vb) - va))
            tend = abs(ta[-1] - tb[-1]) / ta[-1]
            worst = max(worst, d)
            print(f"{name}: {len(ta)} vs {len(tb)} records (same steps: {same_grid}), "
                  f"max |dV| = {d:.3e} V, end time {ta[-1]:.6f} vs {tb[-1]:.6f} s ({tend:.1e} relative)")
            if d > tol or tend > 1e-6:
                ok = False
    print(f"worst voltage difference {worst:.3e} V (limit {tol:g} V)")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
