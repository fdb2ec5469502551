#!/usr/bin/python3
"""check_thermal_output.py -- the thermal variables of a result file and their figure.

Owns: the contract of docs/output.md for a thermal run. Usage:
  check_thermal_output.py FVCELL FVCELL_PLOT CASE OUTDIR
runs CASE (the adiabatic DUALFOIL-thermal cell: h = 0, lumped) at 1C and checks
  - temperature(time, x) [K], temperature_mean, temperature_max, ambient_temperature (time) [K]
    and the heat terms heat_* (time) [W m-2] exist with their units;
  - the lumped cell is uniform (temperature equals temperature_mean in every cell), starts at
    the case's temperature and the ambient is the case's;
  - adiabatic: m c_p (T_end - T_0) equals the trapezoid of heat_total over the records to 1e-4
    (the trapezoid over IDA's steps; the heat terms are the state's, FvProblemHeat), and
    heat_total is the sum of the other terms to 1e-12;
  - fvcell-plot draws the temperature figure;
  - an isothermal run's file has none of these variables.
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


def main():
    fvcell, plot, case, outdir = sys.argv[1:5]
    os.makedirs(outdir, exist_ok=True)
    nc = os.path.join(outdir, "thermal_adiabatic.nc")
    p = subprocess.run([fvcell, "run", case, "-o", nc, "-quiet"], capture_output=True, text=True, timeout=600)
    check(p.returncode == 0, f"fvcell run {case}: exit {p.returncode}: {p.stderr.strip()}")
    if p.returncode:
        return 1
    with netCDF4.Dataset(nc) as d:
        g = d.groups["rate_0"] if "rate_0" in d.groups else d
        units = {"temperature": "K", "temperature_mean": "K", "temperature_max": "K",
                 "ambient_temperature": "K", "heat_total": "W m-2", "heat_ohmic_electrolyte": "W m-2",
                 "heat_irreversible": "W m-2", "heat_reversible": "W m-2", "heat_mixing": "W m-2"}
        for v, u in units.items():
            check(v in g.variables and getattr(g[v], "units", None) == u, f"{v}: missing or units != {u}")
        if failures:
            return 1
        t = g["time"][:].data
        T = g["temperature"][:].data
        Tm = g["temperature_mean"][:].data
        check(g["temperature"].dimensions == ("time", "x"), f"temperature dims {g['temperature'].dimensions}")
        check(np.max(np.abs(T - Tm[:, None])) < 1e-9, "a lumped cell is uniform")
        check(abs(Tm[0] - 298.0) < 1e-9 and np.all(np.abs(g["ambient_temperature"][:] - 298.0) < 1e-12),
              f"T_0 {Tm[0]}, ambient {g['ambient_temperature'][0]}")
        q = g["heat_total"][:].data
        parts = sum(g[n][:].data for n in g.variables if n.startswith("heat_") and n != "heat_total")
        check(np.max(np.abs(parts - q)) <= 1e-12 * np.max(np.abs(q)), "heat_total is the sum of the terms")
        intq = float(np.sum(0.5 * (q[1:] + q[:-1]) * np.diff(t)))
        stored = 1633.13 * (Tm[-1] - Tm[0])  # m c_p of the case (docs/thermal.md §4)
        rel = abs(stored - intq) / intq
        print(f"adiabatic 1C: T rise {Tm[-1] - Tm[0]:.6f} K, m c_p dT {stored:.4f} J/m2, int Q dt {intq:.4f} J/m2: "
              f"{rel:.2e}")
        check(rel < 1e-4, f"m c_p dT vs int Q dt: {rel:.3e}")
    p = subprocess.run([plot, nc, "-o", os.path.join(outdir, "plots"), "--figures", "temperature", "--format", "png"],
                       capture_output=True, text=True, timeout=300)
    png = os.path.join(outdir, "plots", "temperature.png")
    check(p.returncode == 0 and os.path.isfile(png) and os.path.getsize(png) > 1000,
          f"fvcell-plot temperature: exit {p.returncode}: {p.stderr.strip()}")
    iso = os.path.join(outdir, "isothermal.nc")
    p = subprocess.run([fvcell, "run", case, "-thermal_model", "isothermal", "-o", iso, "-quiet"],
                       capture_output=True, text=True, timeout=600)
    check(p.returncode == 0, f"isothermal run: exit {p.returncode}: {p.stderr.strip()}")
    if p.returncode == 0:
        with netCDF4.Dataset(iso) as d:
            g = d.groups["rate_0"] if "rate_0" in d.groups else d
            extra = [v for v in g.variables if v.startswith("temperature") or v.startswith("heat_")]
            check(not extra, f"an isothermal file has {extra}")
    print("FAILED" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
