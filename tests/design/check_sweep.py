"""tests/design: the summaries of one sweep on 1 and 2 ranks.

  check_sweep.py NP1.nc NP2.nc
* every variable of the two files is identical (bit for bit, NaN where NaN);
* layout: a dimension per swept key in the order given, then rate; coordinates with units;
* the deliberately invalid member (96 wt% active) has status_flag 1 (invalid) at every rate, NaN
  results, and its status string "failed: invalid: ..." quotes the loader's message; every other
  member succeeded ("ok");
* CF: Conventions, flag_values of the flag variable's own type, a composition share in percent,
  no _FillValue on coordinates, status "ok" of a finished sweep;
* at C/20 the simulated energy density is within 3 % of the static (full-utilisation) estimate.
"""
import sys
import numpy as np
import netCDF4

a, b = (netCDF4.Dataset(p) for p in sys.argv[1:3])
fails = []
def check(cond, msg):
    if not cond:
        fails.append(msg)

check(list(a.dimensions) == ["positive_composition_active", "separator_thickness", "rate"], f"dimensions {list(a.dimensions)}")
check(a["separator_thickness"].units == "um" and list(a["separator_thickness"][:]) == [20, 50], "separator coordinate")
check(a["positive_composition_active"].units == "percent", f"composition units {a['positive_composition_active'].units!r}")
check(a.getncattr("Conventions") == "CF-1.8" and a.getncattr("status") == "ok", "root attributes Conventions, status")
for c in ("positive_composition_active", "separator_thickness", "rate"):
    check("_FillValue" not in a[c].ncattrs(), f"{c}: coordinate with a _FillValue")
check(a["status_flag"].dtype == np.int32 and a["status_flag"].flag_values.dtype == np.int32, "flag_values type")
check(a["positive_composition_active"].case_key == "positive.composition.active", "case_key attribute")
for v in a.variables:
    x, y = a[v][:], b[v][:]
    if a[v].dtype == str:
        same = (np.asarray(x) == np.asarray(y)).all()
    else:
        same = np.array_equal(np.ma.filled(x.astype(float), np.nan), np.ma.filled(y.astype(float), np.nan), equal_nan=True)
    check(same, f"{v}: 1 and 2 ranks differ")
for v in ["specific_energy", "energy_density", "static_specific_energy", "static_energy_density", "discharge_capacity", "mean_voltage", "status", "status_flag"]:
    check(v in a.variables, f"missing variable {v}")
st = np.asarray(a["status_flag"][:])
check(a["status_flag"].flag_meanings.split()[:2] == ["ok", "invalid"], "flag_meanings")
check((st[1] == 1).all(), f"96 wt% members: status_flag {st[1].ravel()}")
check((st[0] == 0).all(), f"70 wt% members: status_flag {st[0].ravel()}")
check(np.isnan(np.ma.filled(a["discharge_energy"][1], np.nan)).all(), "invalid members: results not NaN")
check(all(str(s) == "ok" for s in np.asarray(a["status"][0]).ravel()), "70 wt% members: status strings")
reason = str(a["status"][1, 0, 0])
check(reason.startswith("failed: invalid:") and "remainder" in reason and "positive.composition.solid_electrolyte" in reason, f"status: {reason}")
k = list(a["rate"][:]).index(0.05)
sim = np.asarray(a["energy_density"][0, :, k])
sta = np.asarray(a["static_energy_density"][0, :])
rel = np.abs(sim / sta - 1)
print("C/20 energy density simulated", sim, "static", sta, "relative gap", rel)
print("invalid member:", reason)
check((rel < 0.03).all(), f"C/20 simulated vs static energy density: relative gap {rel}")
sim_g = np.asarray(a["specific_energy"][0, :, k]); sta_g = np.asarray(a["static_specific_energy"][0, :])
check((np.abs(sim_g / sta_g - 1) < 0.03).all(), "C/20 specific energy")
for f in fails:
    print("FAIL", f)
print("sweep checks:", "FAILED" if fails else "passed")
sys.exit(1 if fails else 0)
