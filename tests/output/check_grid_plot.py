#!/usr/bin/python3
"""check_grid_plot.py -- postprocess/fvcell-plot on the 2D/3D files of test_output_write -mode grid.

Owns: the plot tool's contract for 2D/3D runs. Usage: check_grid_plot.py FVCELL_PLOT FILE2D FILE3D OUTDIR
  - each file: exit 0; voltage_capacity, field_maps, static_fields, interface, contact_fraction as
    PNG (> 1 kB) and PDF, listed on stdout; no 1D profiles figure;
  - what the maps show (fvcell_plot.FvResult): c_e, phi_e, c_s_surf, contact_fraction at the last
    record of the mapped run -- the mid-z slice in 3D -- the static fields and the interface map,
    equal to the values in the file.
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
    import fvcell_plot

    res = fvcell_plot.FvResult(path)
    mp, run = res.maps, res.map_run
    check(mp is not None, f"{path}: no maps read")
    if mp is None:
        return
    with netCDF4.Dataset(path) as ds:
        ds.set_auto_mask(False)
        grp = ds if run.name == "run" else ds.groups[run.name]
        dim = int(grp.getncattr("mesh_dimension"))
        check(run.dim == dim, f"{path}: plot tool sees a {run.dim}D run, file says {dim}D")
        kmid = len(grp.dimensions["z"]) // 2 if dim == 3 else None

        def want(name, rec=None):
            a = grp.variables[name][rec] if rec is not None else grp.variables[name][:]
            return a[kmid] if kmid is not None and a.ndim == 3 else a

        last = len(grp.dimensions["time"]) - 1
        check(sorted(mp["fields"]) == sorted(["c_e", "phi_e", "c_s_surf", "contact_fraction"]),
              f"{path}: mapped fields {sorted(mp['fields'])}")
        for name, (a, unit) in mp["fields"].items():
            check(np.array_equal(a, want(name, last), equal_nan=True), f"{path}: map of {name} differs from the file")
            check(unit == grp.variables[name].units, f"{path}: map of {name}: units {unit!r}")
        check(sorted(mp["static"]) == ["particle_radius", "solid_electrolyte_fraction"], f"{path}: static fields {sorted(mp['static'])}")
        for name, (a, _) in mp["static"].items():
            check(np.array_equal(a, want(name)), f"{path}: static map of {name} differs from the file")
        check(list(mp["plane"]) == ["metal_contact_fraction"], f"{path}: interface maps {list(mp['plane'])}")
        for name, (a, _) in mp["plane"].items():
            check(np.array_equal(a, grp.variables[name][:]), f"{path}: interface map {name} differs from the file")


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
