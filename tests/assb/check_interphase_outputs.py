"""check_interphase_outputs.py -- the interphase's output fields on a short run of
cases/assb/conforto2021_polycrystal.yaml (two cycles at 0.1C with its CAM | SE interphase):

- interphase_resistance [ohm m2] and active_material_fraction [1] are fields over (time, x), NaN
  outside the electrodes;
- in the positive electrode the resistance starts at the case's initial_resistance (0), grows on
  the first charge and never falls (a film only grows), and the connected fraction is in [0, 1];
- fvcell-plot draws the interphase figure.

Usage: check_interphase_outputs.py RUN.nc FVCELL_PLOT OUTDIR
"""
import os
import subprocess
import sys

import netCDF4
import numpy as np

fails = 0


def check(ok, what):
    global fails
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        fails += 1


path, plot, outdir = sys.argv[1:4]
with netCDF4.Dataset(path) as nc:
    g = nc.groups["rate_0"] if "rate_0" in nc.groups else nc
    R = g["interphase_resistance"]
    A = g["active_material_fraction"]
    check(R.units == "ohm m2" and A.units == "1", f"units {R.units!r}, {A.units!r}")
    check(R.dimensions == ("time", "x") and A.dimensions == ("time", "x"),
          f"dimensions {R.dimensions}, {A.dimensions}")
    r = R[:].filled(np.nan)
    a = A[:].filled(np.nan)
    pos = np.isfinite(r[0]) & (r[0] == 0)  # electrode cells (the negative is a metal: none)
    check(pos.sum() > 0 and np.isnan(r[0][~pos]).all(),
          f"{pos.sum()} electrode cells start at 0; NaN in the {(~pos).sum()} others")
    rp = r[:, pos]
    check(np.nanmax(rp[-1]) > 1e-3, f"grown on the first charge: {np.nanmax(rp[-1]):.4g} ohm m2")
    check((np.diff(rp, axis=0) >= -1e-12).all(), "never falls")
    ap = a[:, pos]
    check(((ap >= 0) & (ap <= 1)).all(), f"connected fraction in [0, 1] ({ap.min():.3f} .. {ap.max():.3f})")

res = subprocess.run([sys.executable, plot, path, "-o", outdir, "--figures", "interphase"],
                     capture_output=True, text=True)
check(res.returncode == 0, f"fvcell-plot exits 0 ({res.stderr.strip()[-200:]})")
check(os.path.exists(os.path.join(outdir, "interphase.png")), "interphase.png drawn")
sys.exit(1 if fails else 0)
