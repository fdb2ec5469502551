#!/usr/bin/python3
"""check_grid_plot.py -- postprocess/fvcell-plot on the 2D/3D files of test_output_write -mode grid.

Owns: the plot tool's contract for 2D/3D runs. Usage: check_grid_plot.py FVCELL_PLOT FILE2D FILE3D OUTDIR
  - each file: exit 0; voltage_capacity, field_maps, static_fields, interface, contact_fraction as
    PNG (> 1 kB) and PDF, listed on stdout; no 1D profiles figure;
  - what the maps are drawn from (the fvcell reader beside the tool): c_e, phi_e, c_s_surf,
    contact_fraction at the last record -- the mid-z slice in 3D -- the static fields and the
    interface map, equal to the values in the file, with the coordinates of the file.
"""
import os
import shutil
import sys

import netCDF4
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
from check_plot import check_figures, failures, check  # noqa: E402

STEMS = ["voltage_capacity", "field_maps", "static_fields", "interface", "contact_fraction"]


def check_maps(tool, path):
    sys.path.insert(0, os.path.dirname(os.path.realpath(tool)))
    import fvcell

    res = fvcell.open(path)
    run = min(res.runs, key=lambda r: abs(np.log(r.rate)) if r.rate else np.inf)
    with netCDF4.Dataset(path) as ds:
        ds.set_auto_mask(False)
        grp = ds if run.name == "/" else ds.groups[run.name]
        dim = int(grp.getncattr("mesh_dimension"))
        check(run.dim == dim, f"{path}: reader sees a {run.dim}D run, file says {dim}D")
        for c in ("x", "y", "z")[:dim]:
            check(np.array_equal(run.ds[c].values, grp.variables[c][:]), f"{path}: coordinate {c} differs")
        last = len(grp.dimensions["time"]) - 1
        for name in ("c_e", "phi_e", "c_s_surf", "contact_fraction"):
            a = run.ds[name].isel(time=-1).values
            check(np.array_equal(a, grp.variables[name][last], equal_nan=True), f"{path}: last record of {name} differs")
            check(run.ds[name].attrs.get("units") == grp.variables[name].units, f"{path}: units of {name}")
        spatial = tuple(d for d in ("z", "y", "x") if d in run.ds.dims)
        static = sorted(n for n, v in run.ds.data_vars.items() if v.dims == spatial)
        check(static == ["particle_radius", "solid_electrolyte_fraction"], f"{path}: static fields {static}")
        for name in static:
            check(np.array_equal(run.ds[name].values, grp.variables[name][:]), f"{path}: static {name} differs")
        plane = [n for n, v in run.ds.data_vars.items() if v.dims == spatial[:-1]]
        check(plane == ["metal_contact_fraction"], f"{path}: interface maps {plane}")
        for name in plane:
            check(np.array_equal(run.ds[name].values, grp.variables[name][:]), f"{path}: interface map {name} differs")
    res.close()


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: check_grid_plot.py FVCELL_PLOT FILE2D FILE3D OUTDIR")
    tool, f2, f3, outdir = sys.argv[1:]
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    for tag, path in (("2d", f2), ("3d", f3)):
        d = os.path.join(outdir, tag)
        check_figures(tool, [path, "-o", d], d, STEMS)
        check(not os.path.exists(os.path.join(d, "profiles.png")), f"{path}: 1D profiles plotted for a {tag} run")
        check_maps(tool, path)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print(f"fvcell-plot OK on 2D and 3D files: {', '.join(STEMS)}")


if __name__ == "__main__":
    main()
