#!/usr/bin/python3
"""Compare P3D outputs of the same case on different numbers of MPI ranks.

Usage: compare_p3d.py TOL_VOLTS REF.nc OTHER.nc [OTHER.nc ...]
- voltage at the common output times (-fvcell_output_interval) within TOL_VOLTS;
- the time-independent fields (the microstructure sampled from the random fields) and the
  interface map bit-identical: the random field does not depend on the decomposition;
- the last record's fields (c_e, phi_e, phi_s, c_s_surf) within 1e-5 relative of their range;
- with a metal negative, the area mean of interface_current_density equals current_density at
  every record (1e-9 relative): the current through the metal face is the cell current.
"""
import sys
import numpy as np
from netCDF4 import Dataset


def run_group(ds):
    if "voltage" in ds.variables:
        return ds
    return ds.groups[sorted(ds.groups)[0]]


def main():
    tol = float(sys.argv[1])
    ref_path, others = sys.argv[2], sys.argv[3:]
    ok = True
    with Dataset(ref_path) as R:
        a = run_group(R)
        static = [v for v, var in a.variables.items()
                  if "time" not in var.dimensions and var.ndim >= 1
                  and v not in ("x", "y", "z") and not v.startswith(("step", "cycle"))]
        if not any(v == "electrolyte_fraction" for v in static):
            print("FAIL: no microstructure in", ref_path)
            return 1
        if "interface_current_density" in a.variables:
            j = np.ma.filled(a["interface_current_density"][:], np.nan)
            cur = a["current_density"][:]
            err = np.max(np.abs(j.reshape(len(cur), -1).mean(axis=1) - cur)) / np.max(np.abs(cur))
            print(f"{ref_path}: mean interface current vs cell current: {err:.2e} relative")
            ok &= err < 1e-9
        for path in others:
            with Dataset(path) as O:
                b = run_group(O)
                ta, va = a["time"][:], a["voltage"][:]
                tb, vb = b["time"][:], b["voltage"][:]
                d = np.max(np.abs(np.interp(ta, tb, vb) - va))
                print(f"{path}: {len(ta)} vs {len(tb)} records, max |dV| = {d:.3e} V")
                ok &= d < tol
                for v in static:
                    x, y = np.ma.filled(a[v][:], np.nan), np.ma.filled(b[v][:], np.nan)
                    same = x.shape == y.shape and np.array_equal(x, y, equal_nan=True)
                    print(f"  static {v} {x.shape}: {'identical' if same else 'DIFFERENT'}")
                    ok &= same
                for v in ("c_e", "phi_e", "phi_s", "c_s_surf"):
                    x = np.ma.filled(a[v][-1], np.nan)
                    y = np.ma.filled(b[v][-1], np.nan)
                    if np.all(np.isnan(x)) and np.all(np.isnan(y)):  # no particles (metals)
                        print(f"  last {v}: no values in either file")
                        continue
                    scale = max(np.nanmax(np.abs(x)), 1e-12)
                    err = np.nanmax(np.abs(x - y)) / scale
                    print(f"  last {v}: max relative difference {err:.2e}")
                    ok &= err < 1e-5
    print("PASSED" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
