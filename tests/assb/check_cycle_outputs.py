"""check_cycle_outputs.py -- the per-cycle outputs papers use, on a short run of
cases/assb/conforto2021_polycrystal.yaml (two cycles at 0.1C; 10.6 mg/cm2 of NCM-811):

- cycle_specific_discharge_capacity and cycle_specific_charge_capacity [mA h g-1] are the areal
  cycle capacities over the active loading (the case's 10.6 mg/cm2 within the loader's 0.5 %),
- cycle_coulombic_efficiency [1] is discharge over charge of each cycle, in (0, 1] here,
- fvcell-plot draws the cycle_capacity figure with a capacity and an efficiency panel.

Usage: check_cycle_outputs.py RUN.nc FVCELL_PLOT OUTDIR
"""
import os
import subprocess
import sys

import netCDF4

fails = 0


def check(ok, what):
    global fails
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        fails += 1


path, plot, outdir = sys.argv[1:4]
with netCDF4.Dataset(path) as nc:
    g = nc.groups["rate_0"] if "rate_0" in nc.groups else nc
    dis = g["cycle_discharge_capacity"][:].filled(float("nan"))
    chg = g["cycle_charge_capacity"][:].filled(float("nan"))
    sd = g["cycle_specific_discharge_capacity"]
    sc = g["cycle_specific_charge_capacity"]
    ce = g["cycle_coulombic_efficiency"]
    check(sd.units == "mA h g-1" and sc.units == "mA h g-1" and ce.units == "1",
          f"units {sd.units!r}, {sc.units!r}, {ce.units!r}")
    check(len(dis) == 2, f"two cycles ({len(dis)})")
    loading = 10.6e-6 / 1e-4  # kg m-2
    for i in range(len(dis)):
        # A h m-2 / kg m-2 = A h kg-1 = mA h g-1
        check(abs(sd[i] * loading / dis[i] - 1) < 5e-3,
              f"cycle {i + 1}: specific discharge {sd[i]:.2f} mA h/g = {dis[i]:.4f} A h/m2 / 10.6 mg/cm2")
        check(abs(sc[i] * loading / chg[i] - 1) < 5e-3,
              f"cycle {i + 1}: specific charge {sc[i]:.2f} mA h/g = {chg[i]:.4f} A h/m2 / 10.6 mg/cm2")
        check(abs(ce[i] - dis[i] / chg[i]) < 1e-12 and 0 < ce[i] <= 1 + 1e-9,
              f"cycle {i + 1}: coulombic efficiency {ce[i]:.5f} = discharge / charge")
        check(abs(sd[i] / sc[i] - ce[i]) < 1e-9, f"cycle {i + 1}: specific ratio = efficiency")
        check(100 < sd[i] < 276.5, f"cycle {i + 1}: specific discharge below NCM-811's theoretical 276.5 mA h/g")

r = subprocess.run([sys.executable, plot, path, "-o", outdir, "--figures", "cycle_capacity"],
                   capture_output=True, text=True)
check(r.returncode == 0, f"fvcell-plot exits 0 ({r.stderr.strip()[-200:]})")
check(os.path.exists(os.path.join(outdir, "cycle_capacity.png")), "cycle_capacity.png drawn")
sys.exit(1 if fails else 0)
