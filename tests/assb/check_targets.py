#!/usr/bin/env python3
"""check_targets.py -- the measured solid-state cells' fade targets on full runs of their cases
(docs/assb.md s3): the per-cycle discharge capacity per gram of active material of the file.

Usage: check_targets.py shi2020|conforto2021 RESULT.nc

  shi2020       below 30 mAh/g by cycle 40 at 2 MPa (Shi et al. 2020: < 20 by cycle 30-40), and
                80 +- 15 mAh/g on the discharge after the 300 MPa re-press (the last cycle)
  conforto2021  100-cycle retention 48 +- 10 % of the first discharge (Conforto et al. 2021,
                polycrystalline NCM-811)
"""
import sys

import netCDF4
import numpy as np


def cycles(path):
    with netCDF4.Dataset(path) as nc:
        g = nc.groups["rate_0"] if "rate_0" in nc.groups else nc
        if "cycle_specific_discharge_capacity" not in g.variables:
            sys.exit("FAIL: %s has no cycle_specific_discharge_capacity" % path)
        return np.asarray(g["cycle_specific_discharge_capacity"][:], dtype=float)


def main():
    which, path = sys.argv[1], sys.argv[2]
    q = cycles(path)
    fails = []
    if which == "shi2020":
        below = np.nonzero(q[:-1] < 30.0)[0]
        first = int(below[0]) + 1 if below.size else None
        print("cycle 1 %.1f mAh/g; first cycle below 30 mAh/g: %s; after the re-press (cycle %d) %.1f"
              % (q[0], first, q.size, q[-1]))
        if first is None or first > 40:
            fails.append("no collapse below 30 mAh/g by cycle 40")
        if abs(q[-1] - 80.0) > 15.0:
            fails.append("recovery %.1f mAh/g outside 80 +- 15" % q[-1])
    elif which == "conforto2021":
        if q.size < 100:
            sys.exit("FAIL: %d cycles in %s, expected 100" % (q.size, path))
        r = q[99] / q[0]
        print("first discharge %.1f mAh/g, cycle 100 %.1f mAh/g: retention %.1f %%" % (q[0], q[99], 100 * r))
        if abs(r - 0.48) > 0.10:
            fails.append("100-cycle retention %.1f %% outside 48 +- 10 %%" % (100 * r))
    else:
        sys.exit("usage: check_targets.py shi2020|conforto2021 RESULT.nc")
    if fails:
        sys.exit("FAIL: " + "; ".join(fails))
    print("ok")


if __name__ == "__main__":
    main()
