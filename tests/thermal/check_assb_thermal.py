#!/usr/bin/python3
"""check_assb_thermal.py CHECK FVCELL SRCDIR OUTDIR -- the coupled ASSB thermal cases.

Owns: the run-level checks of cases/reference/assb_thermal_25C.yaml and assb_thermal_60C.yaml
(docs/thermal.md s7) and of the isothermal ASSB cases against the materials' thermal data (s5).
CHECK is one of
  balance               the 25 C pouch's protocol at 1C (C/10 charge, rest, 1C discharge, rest),
                        lumped: m c_p and h A_cool/A are read from the resolved case (`fvcell
                        check`); over the run, released = trapezoid of heat_total, rejected =
                        trapezoid of h A/A (T - T_amb), stored = m c_p (T_end - T_0), and
                        |stored + rejected - released| / released <= 1e-4 (the trapezoid over
                        IDA's steps is what this bounds, as in the DUALFOIL balance of s7); the
                        cell releases heat (released > 0) and warms above the ambient.
  capacity_60C          the 25 C and 60 C pouches at 1C: the first cycle's discharge capacity at
                        60 C exceeds the one at 25 C (the Li3PS4 conducts 5 times better).
  isothermal_unchanged  cases/assb_nmc811_lps_li.yaml and assb_nmc811_lpscl_li.yaml at 1C, with
                        the material data as they are and with NMC 811's entropic coefficient set
                        back to "0 V/K" (its value before the thermal data): every variable of
                        the two result files is bit for bit equal (at the OCP's reference
                        temperature, 298.15 K, the entropic shift (T - T_ocp) dU/dT is exactly 0,
                        and the heat capacities and conductivities of the materials are read by
                        no isothermal code), and the resolved cases are the same text, which names
                        none of the thermal keys.
  x_resolved            the 25 C pouch at 2C with the conduction through its layers (x_resolved,
                        the layers' conductivities of the case) against the lumped run: the cell
                        stays uniform (largest max_x T - min_x T over the run below 10 mK: its
                        Biot number h L / lambda is 1e-3), its hottest temperature rise is the
                        lumped one's to 5 mK and its discharge capacity to 1e-3 (at 2C the
                        capacity grows 12 % per kelvin of self-heating, and the hottest cells of
                        the resolved cell run about 1 mK above the lumped temperature).
Runs with Debian's /usr/bin/python3 (python3-netcdf4).
"""
import os
import re
import subprocess
import sys

import netCDF4
import numpy as np

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def run(fvcell, case, out, *args):
    p = subprocess.run([fvcell, "run", case, "-o", out, "-quiet", *args], capture_output=True, text=True,
                       timeout=900)
    check(p.returncode == 0, f"fvcell run {case} {' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
    return p.returncode == 0


def resolved(fvcell, case, *args):
    p = subprocess.run([fvcell, "check", case, *args], capture_output=True, text=True, timeout=300)
    check(p.returncode == 0, f"fvcell check {case}: exit {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def quantity(text, key):
    """The number of `key: "V unit"` or `key: V` in the thermal: section of a resolved case."""
    section = text.split("\nthermal:\n", 1)[1] if "\nthermal:\n" in text else ""
    m = re.search(r"^\s+" + key + r': "?([-+0-9.eE]+)', section, re.M)
    return float(m.group(1)) if m else float("nan")


def trap(y, t):
    return float(np.sum(0.5 * (y[1:] + y[:-1]) * np.diff(t)))


def check_balance(fvcell, src, outdir):
    case = os.path.join(src, "cases/reference/assb_thermal_25C.yaml")
    text = resolved(fvcell, case)
    mcp = quantity(text, "heat_capacity")
    hA = quantity(text, "heat_transfer_coefficient") * quantity(text, "cooling_area_ratio")
    check(mcp > 0 and hA > 0, f"m c_p {mcp}, h A/A {hA} from the resolved case")
    nc = os.path.join(outdir, "assb_thermal_25C_1C.nc")
    if failures or not run(fvcell, case, nc, "-rates", "1"):
        return
    with netCDF4.Dataset(nc) as d:
        g = d.groups["rate_0"]
        t = g["time"][:].data
        Tm, Tx, Ta = g["temperature_mean"][:].data, g["temperature_max"][:].data, g["ambient_temperature"][:].data
        q = g["heat_total"][:].data
        released, rejected, stored = trap(q, t), trap(hA * (Tm - Ta), t), mcp * (Tm[-1] - Tm[0])
        rel = (stored + rejected - released) / released
        print(f"assb_thermal_25C 1C protocol: m c_p {mcp:.4f} J/m2/K, h A/A {hA:g} W/m2/K, end {t[-1]:.1f} s, "
              f"discharge {float(g['cycle_discharge_capacity'][0]):.4f} A h/m2, max T - T_amb "
              f"{float(np.max(Tx - Ta)):.4f} K; released {released:.2f} J/m2, stored {stored:.4f}, rejected "
              f"{rejected:.2f}: balance {rel:.3e}")
        check(released > 0 and np.max(Tx - Ta) > 0, "the cell releases heat and warms above the ambient")
        check(abs(rel) <= 1e-4, f"energy balance {rel:.3e} of the released heat")


def check_capacity_60C(fvcell, src, outdir):
    cap = {}
    for tc in ("25C", "60C"):
        nc = os.path.join(outdir, f"assb_thermal_{tc}_1C.nc")
        if not run(fvcell, os.path.join(src, f"cases/reference/assb_thermal_{tc}.yaml"), nc, "-rates", "1"):
            return
        with netCDF4.Dataset(nc) as d:
            g = d.groups["rate_0"]
            cap[tc] = float(g["cycle_discharge_capacity"][0])
            rise = float(np.max(g["temperature_max"][:] - g["ambient_temperature"][:]))
        print(f"assb_thermal_{tc} 1C: discharge {cap[tc]:.4f} A h/m2, max T - T_amb {rise:.4f} K")
    check(cap["60C"] > cap["25C"], f"1C discharge at 60 C {cap['60C']:.4f} <= at 25 C {cap['25C']:.4f} A h/m2")


def check_isothermal_unchanged(fvcell, src, outdir):
    before = ("-positive_entropic_coefficient", "0 V/K")
    for name in ("assb_nmc811_lps_li", "assb_nmc811_lpscl_li"):
        case = os.path.join(src, "cases", name + ".yaml")
        a, b = os.path.join(outdir, name + "_data.nc"), os.path.join(outdir, name + "_before.nc")
        ta, tb = resolved(fvcell, case), resolved(fvcell, case, *before)
        check(ta == tb, f"{name}: the resolved case differs with the entropic coefficient 0")
        for key in ("heat_capacity", "thermal_conductivity", "entropic", "specific_heat", "thermal:"):
            check(key not in ta, f"{name}: the resolved isothermal case names {key}")
        if not (run(fvcell, case, a, "-rates", "1") and run(fvcell, case, b, "-rates", "1", *before)):
            continue
        with netCDF4.Dataset(a) as da, netCDF4.Dataset(b) as db:
            ga, gb = da.groups["rate_0"], db.groups["rate_0"]
            check(sorted(ga.variables) == sorted(gb.variables), f"{name}: the files' variables differ")
            differ = []
            for v in ga.variables:
                x, y = ga[v][:], gb[v][:]
                if x.dtype.kind in "fiu":
                    x, y = np.ma.filled(x.astype("f8"), np.nan), np.ma.filled(y.astype("f8"), np.nan)
                    same = x.shape == y.shape and np.array_equal(x.view("u8"), y.view("u8"))
                else:
                    same = np.array_equal(np.asarray(x), np.asarray(y))
                if not same:
                    differ.append(v)
            n = len(ga["time"])
            print(f"{name} 1C protocol: {n} records, discharge {float(ga['cycle_discharge_capacity'][0]):.6f} "
                  f"A h/m2; variables that differ from the run without NMC 811's entropic data: {differ or 'none'}")
            check(not differ, f"{name}: {differ} differ bit for bit")


def check_x_resolved(fvcell, src, outdir):
    case = os.path.join(src, "cases/reference/assb_thermal_25C.yaml")
    res = {}
    for model in ("lumped", "x_resolved"):
        nc = os.path.join(outdir, f"assb_thermal_25C_2C_{model}.nc")
        if not run(fvcell, case, nc, "-rates", "2", "-thermal_model", model):
            return
        with netCDF4.Dataset(nc) as d:
            g = d.groups["rate_0"]
            T, Ta = g["temperature"][:].data, g["ambient_temperature"][:].data
            res[model] = (float(g["cycle_discharge_capacity"][0]), float(np.max(T.max(axis=1) - Ta)),
                          float(np.max(T.max(axis=1) - T.min(axis=1))))
        print(f"assb_thermal_25C 2C {model}: discharge {res[model][0]:.6f} A h/m2, max T - T_amb "
              f"{res[model][1]:.6f} K, largest spread through the cell {res[model][2]:.3e} K")
    (c0, r0, _), (c1, r1, spread) = res["lumped"], res["x_resolved"]
    check(spread < 0.01, f"x_resolved spread {spread:.3e} K")
    check(abs(r1 - r0) < 0.005, f"x_resolved rise {r1:.6f} K vs lumped {r0:.6f} K")
    check(abs(c1 - c0) <= 1e-3 * c0, f"x_resolved capacity {c1:.6f} vs lumped {c0:.6f} A h/m2")


def main():
    what, fvcell, src, outdir = sys.argv[1:5]
    os.makedirs(outdir, exist_ok=True)
    checks = {"balance": check_balance, "capacity_60C": check_capacity_60C,
              "isothermal_unchanged": check_isothermal_unchanged, "x_resolved": check_x_resolved}
    if what not in checks:
        check(False, f"unknown check {what}")
    else:
        checks[what](fvcell, src, outdir)
    print("FAILED" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
