#!/usr/bin/python3
"""thermal_balance.py FILE.nc MCP HA -- the energy balance of a lumped thermal run (docs/thermal.md §7).

For every run of FILE (an `fvcell run` result of a lumped case), with MCP the cell's m c_p
[J m-2 K-1] and HA = h A_cool/A [W m-2 K-1]: the end time, capacity, the rise of the mean and the
hottest temperature, the heat released (trapezoid of heat_total over the records, and of its
Rao-Newman mixing part), the heat stored m c_p (T_end - T_0) and rejected (trapezoid of
h A (T - T_amb)), and the balance (stored + rejected - released) / released. Runs with
Debian's /usr/bin/python3 (python3-netcdf4).
"""
import sys

import netCDF4
import numpy as np


def main():
    path, mcp, hA = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    with netCDF4.Dataset(path) as d:
        groups = [d.groups[k] for k in sorted(d.groups)] if d.groups else [d]
        for g in groups:
            t = g["time"][:].data
            Tm, Tx, Ta = g["temperature_mean"][:].data, g["temperature_max"][:].data, g["ambient_temperature"][:].data
            q, qm = g["heat_total"][:].data, g["heat_mixing"][:].data

            def trap(y):
                return float(np.sum(0.5 * (y[1:] + y[:-1]) * np.diff(t)))

            released, rejected, stored = trap(q), trap(hA * (Tm - Ta)), mcp * (Tm[-1] - Tm[0])
            print(f"{getattr(g, 'c_rate', float('nan')):g}C: end {t[-1]:.1f} s, {float(g['capacity'][-1]):.4f} A h/m2, "
                  f"max T - T_0 {Tx.max() - Tm[0]:.3f} K, released {released:.1f} J/m2 (mixing {trap(qm):.1f}), "
                  f"stored {stored:.1f}, rejected {rejected:.1f}, balance {(stored + rejected - released) / released:.2e}")


if __name__ == "__main__":
    sys.exit(main())
