#!/usr/bin/env python3
"""check_cell_output.py FILE AREA -- a run with cell.electrode_area holds cell_current [A],
cell_capacity [A h] and cell_energy [W h] equal to the areal variables times the area, and a
protocol capacity end given in A h ends the step at that cell capacity."""
import sys
import netCDF4

path, area = sys.argv[1], float(sys.argv[2])
d = netCDF4.Dataset(path)
g = d.groups.get("rate_0", d)
fails = 0
for cell, areal, unit in (("cell_current", "current_density", "A"),
                          ("cell_capacity", "capacity", "A h"),
                          ("cell_energy", "energy", "W h")):
    v = g.variables[cell]
    c, a = v[:].filled(float("nan")), g.variables[areal][:].filled(float("nan"))
    err = float(abs(c - a * area).max())
    ok = v.units == unit and err <= 1e-12 * max(1.0, float(abs(c).max()))
    print(("ok  " if ok else "FAIL"), cell, v.units, "max |cell - areal*area| =", err)
    fails += not ok
last = float(g.variables["cell_capacity"][-1])
ok = abs(last - 0.5) < 1e-6
print(("ok  " if ok else "FAIL"), "the step ended at the cell capacity 0.5 A h:", last)
fails += not ok
sys.exit(1 if fails else 0)
