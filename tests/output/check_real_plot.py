#!/usr/bin/python3
"""Run fvcell on a real protocol (CCCV charge, rest, discharge at 2 rates, 2 cycles) and check
that fvcell-plot writes every figure the file supports, each a non-trivial PNG, and that the
file holds the protocol variables (step_index, cycle_index, the step table, per-cycle capacity).

Usage: check_real_plot.py FVCELL CASE PLOTTOOL OUTDIR
"""
import os
import subprocess
import sys

from netCDF4 import Dataset


def main():
    fvcell, case, plot, outdir = sys.argv[1:5]
    os.makedirs(outdir, exist_ok=True)
    nc = os.path.join(outdir, "cccv.nc")
    protocol = ("Charge at C/3 until 4.2 V; Hold at 4.2 V until C/50; Rest for 30 minutes; "
                "Discharge at {rate}C until 3.0 V")
    subprocess.run([fvcell, "run", case, "-quiet", "-rates", "0.5,2", "-cycles", "2", "-protocol", protocol,
                    "-o", nc], check=True)
    fails = 0
    with Dataset(nc) as d:
        g = d["rate_1"]
        for v in ("step_index", "cycle_index", "step_start_time", "step_end_time", "step_capacity", "step_end_reason",
                  "cycle_discharge_capacity", "cycle_charge_capacity"):
            if v not in g.variables:
                print(f"FAIL: {v} missing from rate_1")
                fails += 1
        for v in ("mean_discharge_voltage", "specific_power"):
            if v not in d.variables:
                print(f"FAIL: {v} missing from the root group")
                fails += 1
        if not fails:
            n = len(g["step_start_time"])
            print(f"rate_1: {n} steps, cycle discharge capacity {g['cycle_discharge_capacity'][:]}, "
                  f"mean discharge voltage per rate {d['mean_discharge_voltage'][:]}")
            if n != 8:
                print(f"FAIL: expected 8 steps (4 x 2 cycles), found {n}")
                fails += 1
    figs = os.path.join(outdir, "plots")
    subprocess.run(["/usr/bin/python3", plot, nc, "-o", figs], check=True)
    for stem in ("voltage_capacity", "protocol", "rate_retention", "ragone", "profiles", "cycle_capacity"):
        png = os.path.join(figs, stem + ".png")
        size = os.path.getsize(png) if os.path.exists(png) else 0
        print(f"{png}: {size} bytes")
        if size < 10000:
            print(f"FAIL: {png} missing or too small")
            fails += 1
    print("PASS" if not fails else "FAIL")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
