"""check_no_path.py -- a cell with no path left for the current (docs/assb.md s8), on a run of
tests/assb/cases/isolation_repress.yaml: every particle loses its contact within two cycles at
2 MPa, the cell is re-pressed at 300 MPa in cycle 5.

- the run ends "ok" (no solver stop): the steps that find no contact end with the named reason
  "no path for the current" and the protocol goes on,
- such steps pass no charge, and some cycle between the collapse and the re-press delivers
  nothing,
- after the re-press the discharge delivers capacity again (above half the first cycle's).

Usage: check_no_path.py RUN.nc
"""
import sys

import netCDF4

fails = 0


def check(ok, what):
    global fails
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        fails += 1


with netCDF4.Dataset(sys.argv[1]) as nc:
    g = nc.groups["rate_0"] if "rate_0" in nc.groups else nc
    status = nc.getncattr("status")
    reasons = [str(r) for r in g["step_end_reason"][:]]
    cap = g["step_capacity"][:].filled(float("nan"))
    cyc = g["step_cycle"][:]
    dis = g["cycle_specific_discharge_capacity"][:].filled(float("nan"))
check(status == "ok", f"the run ends ok ({status!r})")
named = [i for i, r in enumerate(reasons) if r.startswith("no path for the current")]
check(len(named) >= 1, f"{len(named)} steps end with no path for the current")
check(all(abs(cap[i]) < 1e-9 for i in named), "those steps pass no charge")
check(all(cyc[i] < 4 for i in named), "none after the re-press (cycles 1-4)")
check(len(dis) == 5, f"five cycles ({len(dis)})")
check(min(dis[1:4]) == 0, f"a cycle before the re-press delivers nothing ({list(dis)})")
check(dis[4] > 0.5 * dis[0],
      f"after the re-press the discharge delivers {dis[4]:.1f} mAh/g (cycle 1: {dis[0]:.1f})")
sys.exit(1 if fails else 0)
