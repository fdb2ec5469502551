#!/usr/bin/python3
"""Options of the 2D/3D solvers that are not about the answer.

Usage: p3d_options.py CHECK FVCELL CASE [MPIEXEC ...] -- [fvcell options ...]
CHECK is one of
  levels   the condensed solver's multigrid level options pass the command-line check and act
           (a Richardson + SOR smoother changes the Krylov count), and a misspelt one fails with
           the one-line message naming it (they are checked after the first set-up)
  weight   -fvcell_partition_electrode_weight: 2 ranks cut x by work (16 | 14 columns of the
           10 + 20 cell mesh by default, 15 | 15 with weight 1); a value below 1 is refused
  steps    the interface currents out of IDA's error test (the 2D/3D default) take fewer than
           half the steps of the full test (-fvcell_error_test_currents true); the voltages are
           compared by compare_p3d.py in a separate test
MPIEXEC (weight only): the launcher and its options, e.g. mpiexec --oversubscribe -n.
"""
import re
import subprocess
import sys

LEVEL = "-fvcell_condensed_fields_fieldsplit_p_mg_levels_"


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def krylov(out):
    m = re.search(r"(\d+) Krylov iterations on S", out)
    return int(m.group(1)) if m else None


def steps(out):
    m = re.search(r"\((\d+) steps,", out)
    return int(m.group(1)) if m else None


def check_levels(fvcell, case, extra):
    base = [fvcell, "run", case, "-fvcell_p3d_solver", "condensed", "-fvcell_condensed_view"] + extra
    a = run(base + ["-o", "levels_default.nc"])
    b = run(base + [LEVEL + "ksp_type", "richardson", LEVEL + "pc_type", "sor",
                    "-o", "levels_sor.nc"])
    c = run(base + [LEVEL + "ksp_typo", "richardson", "-o", "levels_typo.nc"])
    ka, kb = krylov(a.stdout), krylov(b.stdout)
    print(f"default smoother: exit {a.returncode}, {ka} Krylov iterations; Richardson + SOR: "
          f"exit {b.returncode}, {kb}")
    print(f"misspelt level option: exit {c.returncode}, stderr: {c.stderr.strip()}")
    ok = a.returncode == 0 and b.returncode == 0 and ka and kb and ka != kb
    ok = ok and c.returncode == 1 and c.stderr.strip().count("\n") == 0 \
        and (LEVEL + "ksp_typo") in c.stderr \
        and "unknown option" in c.stderr
    return ok


def check_weight(fvcell, case, mpiexec, extra):
    base = mpiexec + ["2", fvcell, "run", case, "-dm_view", "-protocol",
                      "Discharge at 1C for 1 seconds"] + extra
    ok = True
    for w, first in (("1.4", 16), ("1", 15)):
        r = run(base + ["-fvcell_partition_electrode_weight", w, "-o", f"weight_{w}.nc"])
        ranges = re.findall(r"X range of indices: (\d+) (\d+)", r.stdout)
        print(f"weight {w}: exit {r.returncode}, x ranges {sorted(set(ranges))}")
        ok = ok and r.returncode == 0 and ("0", str(first)) in ranges \
            and (str(first), "30") in ranges
    r = run([fvcell, "run", case, "-fvcell_partition_electrode_weight", "0.5", "-o",
             "weight_bad.nc"] + extra)
    first = (r.stderr.strip().splitlines() or [""])[0]
    print(f"weight 0.5: exit {r.returncode}, first line of stderr: {first}")
    return ok and r.returncode == 1 and "-fvcell_partition_electrode_weight 0.5" in first \
        and ">= 1" in first


def check_steps(fvcell, case, extra):
    base = [fvcell, "run", case] + extra
    masked = run(base + ["-o", "steps_masked.nc"])
    full = run(base + ["-fvcell_error_test_currents", "true", "-o", "steps_full.nc"])
    sm, sf = steps(masked.stdout), steps(full.stdout)
    print(f"interface currents out of the error test: {sm} steps; in it: {sf} steps")
    return masked.returncode == 0 and full.returncode == 0 and sm and sf and 2 * sm < sf


def main():
    check, fvcell, case = sys.argv[1], sys.argv[2], sys.argv[3]
    rest = sys.argv[4:]
    k = rest.index("--")
    mpiexec, extra = rest[:k], rest[k + 1:]
    if check == "levels":
        ok = check_levels(fvcell, case, extra)
    elif check == "weight":
        ok = check_weight(fvcell, case, mpiexec, extra)
    elif check == "steps":
        ok = check_steps(fvcell, case, extra)
    else:
        print(f"unknown check {check}")
        return 2
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
