#!/usr/bin/python3
"""check_thermal_output_2d.py -- the heat map and the heat total of a 2D thermal result file.

Owns: the 2D/3D part of the contract of docs/output.md for a thermal run (docs/thermal.md §10).
Usage:
  check_thermal_output_2d.py FVCELL CASE OUTDIR
runs CASE (the DUALFOIL-thermal cell, lumped) on a y-uniform 2D mesh of 3 columns for 5 minutes
at 1C and on its 1D mesh, and checks
  - volumetric_heat_source(time, y, x) [W m-3] and heat_total(time) [W m-2] exist, and no separate
    heat term (those are 1D);
  - heat_total is the integral of the map at every record, sum_ij q_ij h_i / n_y, to 1e-12 (h_i
    from the cell centres: the first face is at x = 0);
  - the y-uniform cell has the same map in every column, to 1e-10 of its largest value (the
    columns are solved together: the comb sums round differently);
  - the 1D run writes the same map variable (time, x), whose integral is its heat_total (the sum
    of FvProblemHeat's terms) to 1e-9.
"""
import os
import subprocess
import sys

import netCDF4
import numpy as np

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def widths(xc):
    """cell widths from the centres, the first face at 0"""
    h = np.empty_like(xc)
    xf = 0.0
    for i, x in enumerate(xc):
        h[i] = 2.0 * (x - xf)
        xf += h[i]
    return h


def run(fvcell, case, nc, extra):
    p = subprocess.run([fvcell, "run", case, "-protocol", "Discharge at 1C for 5 minutes", "-o", nc,
                        "-quiet"] + extra, capture_output=True, text=True, timeout=600)
    check(p.returncode == 0, f"fvcell run {case} {extra}: exit {p.returncode}: {p.stderr.strip()}")
    return p.returncode == 0


def main():
    fvcell, case, outdir = sys.argv[1:4]
    os.makedirs(outdir, exist_ok=True)
    nc2 = os.path.join(outdir, "thermal_2d.nc")
    nc1 = os.path.join(outdir, "thermal_1d.nc")
    if not run(fvcell, case, nc2, ["-mesh_dimension", "2", "-mesh_y_cells", "3", "-mesh_y_length", "10 um"]):
        return 1
    with netCDF4.Dataset(nc2) as d:
        g = d.groups["rate_0"] if "rate_0" in d.groups else d
        v = g.variables.get("volumetric_heat_source")
        check(v is not None and v.dimensions == ("time", "y", "x") and v.units == "W m-3",
              f"volumetric_heat_source: {v.dimensions if v is not None else 'missing'}")
        check("heat_total" in g.variables and g["heat_total"].units == "W m-2", "heat_total missing")
        terms = [n for n in g.variables if n.startswith("heat_") and n != "heat_total"]
        check(not terms, f"separate heat terms in 2D: {terms}")
        if failures:
            return 1
        q = v[:].data
        h = widths(g["x"][:].data)
        tot = g["heat_total"][:].data
        integral = np.einsum("tjx,x->t", q, h) / q.shape[1]
        big = np.max(np.abs(tot))
        err = np.max(np.abs(integral - tot)) / big
        spread = np.max(np.abs(q - q[:, :1, :])) / np.max(np.abs(q))
        print(f"2D: {q.shape[0]} records, heat_total up to {big:.6f} W/m2; |integral - heat_total| "
              f"{err:.2e}, spread across the columns {spread:.2e}")
        check(big > 0, "no heat")
        check(err <= 1e-12, f"heat_total vs the map's integral: {err:.3e}")
        check(spread <= 1e-10, f"columns differ: {spread:.3e}")
    if not run(fvcell, case, nc1, []):
        return 1
    with netCDF4.Dataset(nc1) as d:
        g = d.groups["rate_0"] if "rate_0" in d.groups else d
        v = g.variables.get("volumetric_heat_source")
        check(v is not None and v.dimensions == ("time", "x"), "1D volumetric_heat_source")
        if v is not None:
            q = v[:].data
            tot = g["heat_total"][:].data
            err = np.max(np.abs(q @ widths(g["x"][:].data) - tot)) / np.max(np.abs(tot))
            print(f"1D: |integral of the map - heat_total (FvProblemHeat)| {err:.2e}")
            check(err <= 1e-9, f"1D map vs FvProblemHeat: {err:.3e}")
    print("FAILED" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
