#!/usr/bin/python3
"""check_figures.py -- fvcell-plot on files the solver wrote (tests/python fixture).

Usage: check_figures.py POSTPROCESS_DIR OUTDIR. The command on the protocol file: exit 0, every
figure it supports as PNG (> 10 kB) and PDF, listed on stdout. Through fvcell.plot.Figures (PNG
only, to keep the test short) on the one-run, sweep, 2D and 3D files: every figure kind the file
supports is drawn; and what the figures say: titles describe the figure (not the case name), areal
units on the Ragone plot, at least three labelled ticks on log axes, profile panels per step, the
sweep maps' readable key labels (µm, wt%) and no empty panel, uniform P3D fields listed instead of
drawn, the interface-current figure; --vars, --figures and --rate choose what is drawn; bad
options give a one-line error.
"""
import os
import shutil
import subprocess
import sys

POST = sys.argv[1]
sys.path.insert(0, POST)
from fvcell import open_run, open_sweep  # noqa: E402
from fvcell.plot import Figures  # noqa: E402

TOOL = os.path.join(POST, "fvcell-plot")
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def run_tool(*args):
    p = subprocess.run([TOOL, *args], capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def check_command(path, outdir, stems, absent=()):
    rc, out, err = run_tool(path, "-o", outdir)
    check(rc == 0, f"fvcell-plot {path}: exit {rc}: {err.strip()}")
    listed = set(out.split())
    for stem in stems:
        for ext in ("png", "pdf"):
            f = os.path.join(outdir, f"{stem}.{ext}")
            ok = os.path.isfile(f)
            check(ok, f"{f} not written")
            if ok:
                check(os.path.getsize(f) > (10000 if ext == "png" else 1024), f"{f}: only {os.path.getsize(f)} bytes")
                check(f in listed, f"{f} not listed on stdout")
    for stem in absent:
        check(not os.path.exists(os.path.join(outdir, f"{stem}.png")), f"{outdir}: {stem} drawn, should not be")


def texts(info):
    """Every title and label of a figure."""
    out = [info["suptitle"]] + info["texts"]
    for a in info["axes"]:
        out += [a["title"], a["xlabel"], a["ylabel"]]
    return [t for t in out if t]


def figures_of(path, tmp, stems=(), absent=(), **kw):
    """Draw through the API (PNG only); check the stems written (PNG > 10 kB) and absent."""
    figs = Figures(tmp, formats=("png",), **{k: v for k, v in kw.items() if k in ("only", "fields")})
    if path.endswith("sweep.nc"):
        with open_sweep(path) as sw:
            figs.sweep(sw)
    else:
        with open_run(path) as res:
            figs.run_file(res, kw.get("rate"))
    for stem in stems:
        f = os.path.join(tmp, stem + ".png")
        check(f in figs.written and os.path.isfile(f) and os.path.getsize(f) > 10000, f"{path}: {stem} not drawn")
    for stem in absent:
        check(stem not in figs.info, f"{path}: {stem} drawn, should not be")
    return figs


def check_no_case_name(figs, name, path):
    for stem, info in figs.info.items():
        for t in texts(info):
            check(name not in t, f"{path} {stem}: the case name in {t!r}")


def check_protocol(path, tmp):
    figs = figures_of(path, tmp, only=["ragone", "rate_retention", "profiles"])
    check_no_case_name(figs, "dualfoil", path)
    rag = figs.info.get("ragone")
    check(rag is not None, f"{path}: no ragone")
    if rag:
        ax = rag["axes"][0]
        check("specific" not in ax["ylabel"] and "per electrode area" in ax["ylabel"] and "W h m" in ax["ylabel"],
              f"{path}: Ragone y label {ax['ylabel']!r}")
        check(len(ax.get("xticklabels", [])) >= 3, f"{path}: Ragone log x ticks {ax.get('xticklabels')}")
    rr = figs.info.get("rate_retention")
    if rr:
        check(rr["axes"][0]["xscale"] == "log" and len(rr["axes"][0].get("xticklabels", [])) >= 2,
              f"{path}: rate retention ticks {rr['axes'][0].get('xticklabels')}")
    prof = figs.info.get("profiles")
    check(prof is not None, f"{path}: no profiles")
    if prof:
        titles = [a["title"] for a in prof["axes"] if a["title"]]
        # the last cycle: CC charge, CV hold, rest, discharge, each its own column
        check(titles == ["step 4: charge (cycle 2)", "step 5: charge (cycle 2)", "step 6: rest (cycle 2)",
                         "step 7: discharge (cycle 2)"], f"{path}: profile columns {titles}")
    # --vars and --figures choose what is drawn; --rate the run
    only = figures_of(path, tmp, only=["profiles"], fields=["c_e", "phi_s"], rate=2.0)
    check(list(only.info) == ["profiles"], f"{path}: --figures profiles drew {list(only.info)}")
    if "profiles" in only.info:
        ylabels = [a["ylabel"] for a in only.info["profiles"]["axes"] if a["ylabel"]]
        check(len(ylabels) == 2 and "c_e" in ylabels[0] and "phi_s" in ylabels[1], f"{path}: --vars rows {ylabels}")
        check("2C" in only.info["profiles"]["suptitle"], f"{path}: --rate 2: {only.info['profiles']['suptitle']!r}")
    out = os.path.join(tmp, "cli_vars")
    rc, o, e = run_tool(path, "-o", out, "--figures", "profiles,voltage_capacity", "--vars", "c_e", "--format", "png")
    check(rc == 0 and sorted(os.listdir(out)) == ["profiles.png", "voltage_capacity.png"],
          f"{path}: --figures/--vars/--format: exit {rc}, {sorted(os.listdir(out)) if os.path.isdir(out) else e}")
    rc, o, e = run_tool(path, "-o", out, "--vars", "no_such_field")
    check(rc == 1 and "fvcell-plot: error:" in e and "no_such_field" in e and "Traceback" not in e,
          f"{path}: --vars no_such_field: exit {rc}, {e.strip()!r}")
    rc, o, e = run_tool(path, "-o", out, "--figures", "nonsense")
    check(rc == 2 and "unknown figure nonsense" in e, f"{path}: --figures nonsense: exit {rc}, {e.strip()!r}")
    rc, o, e = run_tool(path, "-o", out, "--rate", "3")
    check(rc == 1 and "no run at 3C" in e, f"{path}: --rate 3: exit {rc}, {e.strip()!r}")


def check_sweep(path, tmp):
    figs = figures_of(path, tmp, ["sweep_energy_density", "sweep_specific_energy"])
    check(os.path.isfile(os.path.join(tmp, "sweep_optimum.txt")), "sweep_optimum.txt not written")
    for stem in ("sweep_energy_density", "sweep_specific_energy"):
        info = figs.info.get(stem)
        check(info is not None, f"{path}: no {stem}")
        if not info:
            continue
        panels = [a for a in info["axes"] if a["title"]]
        # static + 4 rates = 5 panels on a 2 x 3 grid: the sixth is removed, plus one colour bar
        check(len(panels) == 5 and len(info["axes"]) == 6, f"{path} {stem}: {len(panels)} panels, {len(info['axes'])} axes")
        for t in texts(info):
            check("um" not in t.split() and "[um]" not in t and "composition.active" not in t and "small_sweep" not in t,
                  f"{path} {stem}: raw label {t!r}")
        labels = {a["xlabel"] for a in panels} | {a["ylabel"] for a in panels}
        check("separator thickness [µm]" in labels and "positive active material [wt%]" in labels,
              f"{path} {stem}: key labels {labels}")


def check_p3d(path, tmp, dim):
    figs = figures_of(path, tmp, ["voltage_capacity", "field_maps", "static_fields", "interface", "interface_current"],
                      absent=["profiles"])
    check_no_case_name(figs, "p3d_", path)
    fm = figs.info.get("field_maps")
    check(fm is not None, f"{path}: no field_maps")
    if dim == 2 and fm:  # the solid electrolyte's c_e is uniform: listed, not drawn
        check(any("uniform" in t and "c_e" in t for t in fm["texts"]), f"{path}: uniform c_e not listed: {fm['texts']}")
        check(not any(a["title"].startswith("electrolyte salt") for a in fm["axes"]), f"{path}: uniform c_e drawn")
    st = figs.info.get("static_fields")
    check(st is not None, f"{path}: no static_fields")
    if st:
        lab = [a["ylabel"] for a in st["axes"] if a["ylabel"] == "µm"]  # colour bar of a length
        radius = [a for a in st["axes"] if a["title"].startswith("particle radius")]
        if radius:
            check(len(lab) >= 1, f"{path}: particle radius not in µm: {[a['ylabel'] for a in st['axes']]}")
        else:
            check(any("particle_radius = 5 µm" in t for t in st["texts"]), f"{path}: radius neither drawn nor listed")
    ic = figs.info.get("interface_current")
    check(ic is not None, f"{path}: no interface_current figure")
    if ic:
        check(any("interface current density" in a["ylabel"] for a in ic["axes"]),
              f"{path}: interface_current labels {[a['ylabel'] for a in ic['axes']]}")


def main():
    out = sys.argv[2]
    tmp = os.path.join(out, "figures")
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    f = {k: os.path.join(out, k + ".nc") for k in ("protocol", "one_run", "sweep", "p3d2d", "p3d3d")}
    check_command(f["protocol"], os.path.join(tmp, "protocol"),
                  ["voltage_capacity", "protocol", "rate_retention", "ragone", "profiles", "cycle_capacity"],
                  absent=["field_maps"])
    figures_of(f["one_run"], os.path.join(tmp, "one_run"), ["voltage_capacity", "profiles"],
               absent=["ragone", "rate_retention", "protocol", "cycle_capacity"])
    check_protocol(f["protocol"], os.path.join(tmp, "api_protocol"))
    check_sweep(f["sweep"], os.path.join(tmp, "api_sweep"))
    check_p3d(f["p3d2d"], os.path.join(tmp, "api_p3d2d"), 2)
    check_p3d(f["p3d3d"], os.path.join(tmp, "api_p3d3d"), 3)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("fvcell-plot OK: every figure of a protocol, one-run, sweep, 2D and 3D file; labels, ticks, steps, "
          "panels, uniform fields; --vars, --figures, --rate")


if __name__ == "__main__":
    main()
