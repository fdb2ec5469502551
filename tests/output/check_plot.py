#!/usr/bin/python3
"""check_plot.py -- tests postprocess/fvcell-plot on the synthetic files of test_output_write.

Owns: the plot tool's contract. Usage: check_plot.py FVCELL_PLOT PREFIX OUTDIR
  - PREFIX_rates.nc (3 rate groups + summary): exit 0, voltage_capacity, rate_retention, ragone,
    profiles as PNG (> 1 kB) and PDF, every file written listed on stdout;
  - PREFIX_root.nc without -o: the default directory PREFIX_root_plots, voltage_capacity + profiles;
  (cycle_capacity and the protocol figures: check_real_plot.py and tests/python on solver output);
  - a missing file, a non-NetCDF file, a NetCDF file that is not an fvcell result: non-zero exit
    and a one-line message naming the file.
"""
import os
import shutil
import subprocess
import sys

import netCDF4

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def run(tool, *args):
    p = subprocess.run([tool, *args], capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def check_figures(tool, args, outdir, stems):
    rc, out, err = run(tool, *args)
    check(rc == 0, f"fvcell-plot {' '.join(args)}: exit {rc}: {err.strip()}")
    listed = set(out.split())
    for stem in stems:
        for ext in ("png", "pdf"):
            path = os.path.join(outdir, f"{stem}.{ext}")
            ok = os.path.isfile(path)
            check(ok, f"{path} not written")
            if ok:
                check(os.path.getsize(path) > 1024, f"{path}: only {os.path.getsize(path)} bytes")
                check(any(os.path.samefile(path, p) for p in listed if os.path.exists(p)), f"{path} not listed on stdout")


def check_rejects(tool, path, words):
    rc, out, err = run(tool, path)
    check(rc != 0, f"fvcell-plot {path}: exit 0, expected failure")
    check("fvcell-plot: error:" in err and path in err and words in err,
          f"fvcell-plot {path}: message {err.strip()!r} lacks {words!r}")
    check("Traceback" not in err, f"fvcell-plot {path}: Python traceback instead of a message")


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: check_plot.py FVCELL_PLOT PREFIX OUTDIR")
    tool, prefix, outdir = sys.argv[1:]
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)

    rates_dir = os.path.join(outdir, "rates")
    check_figures(tool, [prefix + "_rates.nc", "-o", rates_dir], rates_dir,
                  ["voltage_capacity", "rate_retention", "ragone", "profiles"])
    root_dir = prefix + "_root_plots"
    shutil.rmtree(root_dir, ignore_errors=True)
    check_figures(tool, [prefix + "_root.nc"], root_dir, ["voltage_capacity", "profiles"])
    check(not os.path.exists(os.path.join(root_dir, "ragone.png")), "ragone plotted for a single run")

    check_rejects(tool, os.path.join(outdir, "no_such_file.nc"), "no such file")
    junk = os.path.join(outdir, "junk.nc")
    with open(junk, "w") as f:
        f.write("this is not NetCDF\n")
    check_rejects(tool, junk, "not a readable NetCDF file")
    other = os.path.join(outdir, "other.nc")
    with netCDF4.Dataset(other, "w") as ds:
        ds.createDimension("n", 3)
        ds.createVariable("temperature", "f8", ("n",))[:] = [1, 2, 3]
    check_rejects(tool, other, "not an fvcell result file")

    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("fvcell-plot OK: rate file, root run, and three kinds of bad input")


if __name__ == "__main__":
    main()
