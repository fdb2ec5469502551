"""fvcell_plot.py -- figures from an fvcell NetCDF result file (the layout of solver/output.h).

Owns: reading a result file (root run or rate groups "rate_<i>", rate summary, cycle data) and
the standard figures, chosen by what the file holds:
  voltage_capacity   cell voltage vs delivered capacity, one curve per run
  rate_retention     discharge capacity / the first rate's, vs C-rate       (>= 2 rates)
  ragone             delivered energy [W h m-2] vs mean power = energy / time [W m-2] (>= 2 rates)
  profiles           c_e, phi_e, c_s_surf across x at a few times, for the 1C run (or the only run)
                     (1D runs; for the static fields of a 1D run also static_fields, lines across x)
  field_maps         2D/3D runs: c_e, phi_e, c_s_surf, contact_fraction at the last record of that
                     run, x across, y up (3D: the mid-z slice)
  static_fields      2D/3D runs: maps of the time-independent fields on the grid (any variable over
                     (y, x) or (z, y, x) without time, e.g. solid_electrolyte_fraction)
  interface          2D/3D runs: the x = 0 interface maps ((y) variables: lines vs y; (z, y): maps)
  cycle_capacity     discharge capacity vs cycle                            (cycle_discharge_capacity)
  contact_fraction   mean contact fraction of the positive electrode vs time (when it varies)
A sweep summary (`fvcell sweep`, global attribute fvcell_kind = "sweep") gets instead, per metric,
  sweep_energy_density, sweep_specific_energy   maps over the first two swept keys: the static
                     (full-utilisation) estimate beside the simulated value at each rate, the optimum
                     of each panel marked; failed or invalid members are blank. One swept key: curves.
  sweep_optimum.txt  the optimum of each panel (also printed).
Each figure is written as PNG and PDF. Used by the `fvcell-plot` command beside this file.
"""
import argparse
import os
import re
import sys

import numpy as np

FIGURE_FORMATS = ("png", "pdf")


class FvPlotError(Exception):
    """A problem with the input file that the user must fix."""


class Run:
    """One discharge: a root run or a rate group."""

    def __init__(self, name, grp):
        self.name = name
        self.c_rate = float(grp.getncattr("c_rate")) if "c_rate" in grp.ncattrs() else float("nan")
        self.reason = str(grp.getncattr("termination_reason")) if "termination_reason" in grp.ncattrs() else ""
        var = grp.variables
        self.t = np.asarray(var["time"][:], dtype=float)
        self.v = np.asarray(var["voltage"][:], dtype=float)
        n = len(self.t)
        # A run killed mid-append may end in records that are only partly written (fill = NaN).
        ok = np.isfinite(self.t) & np.isfinite(self.v)
        self.valid = np.nonzero(ok)[0]

        def series(name):
            return np.asarray(var[name][:], dtype=float) if name in var else np.full(n, np.nan)

        self.cap = series("capacity")
        self.energy = series("energy")
        self.current = series("current_density")
        self.x = np.asarray(var["x"][:], dtype=float) if "x" in var else None
        self.y = np.asarray(var["y"][:], dtype=float) if "y" in var else None
        self.z = np.asarray(var["z"][:], dtype=float) if "z" in var else None
        # the spatial dimensions of the fields: (x,), (y, x) or (z, y, x)
        self.spatial = ("x",)
        if "c_e" in var and var["c_e"].dimensions[:1] == ("time",) and var["c_e"].dimensions[-1:] == ("x",):
            self.spatial = tuple(var["c_e"].dimensions[1:])
        self.dim = len(self.spatial)
        self._var = var  # read while the file is open (FvResult)
        self.contact = None  # positive electrode mean contact fraction per record (ASSB cases)
        self.contact_idx = self.valid
        if "contact_fraction" in var and n and var["contact_fraction"].dimensions == ("time",) + self.spatial:
            if self.dim == 1:
                f = np.asarray(np.ma.filled(var["contact_fraction"][:], np.nan), dtype=float)
            else:  # 2D/3D: the (y, z) mean per x cell, at up to 200 records (the fields may be large)
                sel = self.valid
                if len(sel) > 200:
                    sel = sel[np.unique(np.linspace(0, len(sel) - 1, 200).round().astype(int))]
                self.contact_idx = sel
                f = np.full((n, len(self.x)), np.nan)
                for r in sel:
                    rec = np.asarray(np.ma.filled(var["contact_fraction"][r], np.nan), dtype=float)
                    rec = rec.reshape(-1, rec.shape[-1])
                    ok = np.isfinite(rec).any(axis=0)
                    f[r, ok] = np.nanmean(rec[:, ok], axis=0)
            cols = np.nonzero(np.isfinite(f).any(axis=0))[0]
            if len(cols):  # the positive electrode: the last contiguous block of columns with values
                brk = np.nonzero(np.diff(cols) > 1)[0]
                pos = cols[brk[-1] + 1:] if len(brk) else cols
                with np.errstate(invalid="ignore"):
                    self.contact = np.nanmean(f[:, pos], axis=1)
        # Protocol runs: the discharge curve is the last discharge step, its capacity counted
        # from the start of that step (a charge before it would otherwise shift the curve).
        self.curve = self.valid
        self.curve_cap = self.cap
        if "step_index" in var and "step_capacity" in var and len(var["step_capacity"]) > 1:
            step = np.asarray(var["step_index"][:], dtype=float)
            scap = np.asarray(var["step_capacity"][:], dtype=float)
            dis = np.nonzero(scap > 0)[0]
            if len(dis):
                sel = self.valid[step[self.valid] == dis[-1]]
                if len(sel):
                    self.curve = sel
                    self.curve_cap = self.cap - self.cap[sel[0]]
        self.cycles = None
        if "cycle_discharge_capacity" in var and len(var["cycle_discharge_capacity"]) > 1:
            c = np.asarray(var["cycle_discharge_capacity"][:], dtype=float)
            self.cycles = (np.arange(1, len(c) + 1), c)
        self.fields = {f: var[f] for f in ("c_e", "phi_e", "c_s_surf") if f in var and var[f].dimensions == ("time", "x")}
        # time-independent fields on the grid and (2D/3D) maps over the x = 0 interface
        coords = ("x", "y", "z")
        self.static_names = [k for k, v in var.items() if k not in coords and v.dimensions == self.spatial]
        plane = self.spatial[:-1]
        self.plane_names = [k for k, v in var.items() if k not in coords and plane and v.dimensions == plane]

    @property
    def label(self):
        return f"{self.c_rate:g}C" if np.isfinite(self.c_rate) else self.name

    def last(self, arr):
        return arr[self.valid[-1]] if len(self.valid) else float("nan")

    def duration(self):
        return self.t[self.valid[-1]] - self.t[self.valid[0]] if len(self.valid) > 1 else float("nan")


class FvResult:
    """What an fvcell result file holds."""

    def __init__(self, path):
        import netCDF4  # Debian's python3-netcdf4 (run with /usr/bin/python3)

        if not os.path.exists(path):
            raise FvPlotError(f"{path}: no such file")
        if os.path.isdir(path):
            raise FvPlotError(f"{path}: is a directory, not a NetCDF file")
        try:
            ds = netCDF4.Dataset(path)
        except OSError as e:
            raise FvPlotError(f"{path}: not a readable NetCDF file ({e})") from None
        with ds:
            ds.set_auto_mask(False)
            self.path = path
            self.title = os.path.basename(path)
            case = str(ds.getncattr("case")) if "case" in ds.ncattrs() else ""
            m = re.search(r"^name:\s*(\S.*)$", case, re.M)
            if m:
                self.title = m.group(1).strip().strip("\"'")
            self.runs = []
            if "voltage" in ds.variables and "time" in ds.variables:
                self.runs.append(Run("run", ds))
            groups = [(n, g) for n, g in ds.groups.items() if "voltage" in g.variables and "time" in g.variables]
            groups.sort(key=lambda ng: (int(ng[0].split("_")[-1]) if re.fullmatch(r"rate_\d+", ng[0]) else 10**9, ng[0]))
            self.runs += [Run(n, g) for n, g in groups]
            var = ds.variables
            self.summary = None
            if "c_rate" in var and "discharge_capacity" in var:
                energy = var["discharge_energy"][:] if "discharge_energy" in var else np.full(len(var["c_rate"]), np.nan)
                self.summary = (np.asarray(var["c_rate"][:], float), np.asarray(var["discharge_capacity"][:], float),
                                np.asarray(energy, float))
            self.power = np.asarray(var["specific_power"][:], float) if "specific_power" in var else None
            self.cycles = None
            if "cycle_discharge_capacity" in var:
                cap = np.asarray(var["cycle_discharge_capacity"][:], float)
                cyc = np.asarray(var["cycle"][:], float) if "cycle" in var and len(var["cycle"]) == len(cap) else np.arange(1, len(cap) + 1)
                self.cycles = (cyc, cap)
            self.is_fvcell = "fvcell_version" in ds.ncattrs()
            self.reason = str(ds.getncattr("termination_reason")) if "termination_reason" in ds.ncattrs() else ""
            # Field snapshots are read now, while the file is open.
            self.profile_run = self._pick_profile_run()
            self.profiles = self._read_profiles(self.profile_run) if self.profile_run else None
            self.map_run = self._pick_map_run()
            self.maps = self._read_maps(self.map_run) if self.map_run else None
        if self.cycles is None:  # per-run cycle data (protocol runs): one curve per rate
            per = [(r.label, r.cycles) for r in self.runs if r.cycles is not None]
            self.run_cycles = per
        else:
            self.run_cycles = [("", self.cycles)]
        if not self.runs and self.summary is None and self.cycles is None:
            if self.is_fvcell:
                raise FvPlotError(f"{path}: fvcell file with no run in it yet (termination_reason: {self.reason!r})")
            raise FvPlotError(f"{path}: not an fvcell result file (no voltage/time variables in the root group "
                              f"or a rate group, no rate summary, no cycle data)")

    def _pick_profile_run(self):
        runs = [r for r in self.runs if r.fields and r.x is not None and len(r.valid)]
        if not runs:
            return None
        if len(runs) == 1:
            return runs[0]
        return min(runs, key=lambda r: abs(np.log(r.c_rate)) if np.isfinite(r.c_rate) and r.c_rate > 0 else np.inf)

    def _pick_map_run(self):
        """The 2D/3D run to map (as for the profiles: the 1C run, or the only one); else a run with
        static fields or interface maps."""
        runs = [r for r in self.runs if r.x is not None and ((r.dim >= 2 and len(r.valid)) or r.static_names or r.plane_names)]
        if not runs:
            return None
        return min(runs, key=lambda r: abs(np.log(r.c_rate)) if np.isfinite(r.c_rate) and r.c_rate > 0 else np.inf)

    @staticmethod
    def _read_maps(run):
        """Fields at the last record, static fields, interface maps; 3D: the mid-z slice."""
        var = run._var
        kmid = len(run.z) // 2 if run.dim == 3 else None

        def read(name, rec=None):
            v = var[name]
            a = v[rec] if rec is not None else v[:]
            a = np.asarray(np.ma.filled(a, np.nan), dtype=float)
            if kmid is not None and a.ndim == 3:
                a = a[kmid]
            unit = v.getncattr("units") if "units" in v.ncattrs() else ""
            return a, unit

        out = {"fields": {}, "static": {}, "plane": {}, "t": np.nan, "zmid": None}
        if run.dim >= 2 and len(run.valid):
            last = int(run.valid[-1])
            out["t"] = run.t[last]
            for f in ("c_e", "phi_e", "c_s_surf", "contact_fraction"):
                if f in var and var[f].dimensions == ("time",) + run.spatial:
                    out["fields"][f] = read(f, last)
        if kmid is not None:
            out["zmid"] = run.z[kmid]
        for name in run.static_names:
            out["static"][name] = read(name)
        for name in run.plane_names:
            v = var[name]
            unit = v.getncattr("units") if "units" in v.ncattrs() else ""
            out["plane"][name] = (np.asarray(np.ma.filled(v[:], np.nan), dtype=float), unit)
        return out

    @staticmethod
    def _read_profiles(run, nsnap=5):
        idx = run.valid[np.unique(np.linspace(0, len(run.valid) - 1, min(nsnap, len(run.valid))).round().astype(int))]
        return {"t": run.t[idx], "fields": {f: np.asarray(v[idx, :], float) for f, v in run.fields.items()}}

    def rate_table(self):
        """(c_rate, capacity, energy, duration) per rate: the summary if present, else the runs' ends."""
        durations = {r.c_rate: r.duration() for r in self.runs}
        if self.summary is not None:
            c, cap, en = self.summary
            dur = np.array([durations.get(x, np.nan) for x in c])
            if len(self.runs) == len(c) and np.isnan(dur).any():  # match by order when c_rate attrs are absent
                dur = np.array([r.duration() for r in self.runs])
            return c, cap, en, dur
        runs = [r for r in self.runs if np.isfinite(r.c_rate)]
        return (np.array([r.c_rate for r in runs]), np.array([r.last(r.cap) for r in runs]),
                np.array([r.last(r.energy) for r in runs]), np.array([r.duration() for r in runs]))


def _save(fig, outdir, stem, written):
    for ext in FIGURE_FORMATS:
        path = os.path.join(outdir, f"{stem}.{ext}")
        fig.savefig(path, dpi=150, bbox_inches="tight")
        written.append(path)


def plot_all(res, outdir):
    """Write every figure the file supports into outdir; return the paths written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(outdir, exist_ok=True)
    written = []

    runs = [r for r in res.runs if len(r.valid)]
    if runs:
        fig, ax = plt.subplots(figsize=(6, 4.2))
        for r in runs:
            i = r.curve
            ax.plot(r.curve_cap[i], r.v[i], label=r.label)
        ax.set_xlabel("capacity [A h m$^{-2}$]")
        ax.set_ylabel("cell voltage [V]")
        ax.set_title(f"{res.title}: discharge curves")
        ax.grid(True, alpha=0.3)
        if len(runs) > 1 or np.isfinite(runs[0].c_rate):
            ax.legend(title="C-rate" if len(runs) > 1 else None)
        _save(fig, outdir, "voltage_capacity", written)
        plt.close(fig)

    c, cap, en, dur = (np.asarray(a, dtype=float) for a in res.rate_table())
    order = np.argsort(c)
    if len(c) >= 2 and np.isfinite(cap[0]) and cap[0] > 0:
        fig, ax = plt.subplots(figsize=(6, 4.2))
        ax.plot(c[order], 100.0 * cap[order] / cap[0], "o-")
        ax.set_xscale("log")
        ax.set_xlabel("C-rate")
        ax.set_ylabel(f"discharge capacity [% of {c[0]:g}C]")
        ax.set_title(f"{res.title}: rate capability")
        ax.grid(True, which="both", alpha=0.3)
        _save(fig, outdir, "rate_retention", written)
        plt.close(fig)
    with np.errstate(divide="ignore", invalid="ignore"):
        power = en * 3600.0 / dur
    if res.power is not None and len(res.power) == len(c):  # the run's own discharge power (protocol runs)
        power = np.asarray(res.power, dtype=float)
    ok = np.isfinite(power) & (power > 0) & np.isfinite(en) & (en > 0)
    if len(c) >= 2 and np.count_nonzero(ok) >= 2:
        fig, ax = plt.subplots(figsize=(6, 4.2))
        ax.loglog(power[ok], en[ok], "o-")
        if en[ok].max() < 3.0 * en[ok].min():  # a narrow energy range reads better on a linear axis
            ax.set_yscale("linear")
        for p, e, cr in zip(power[ok], en[ok], c[ok]):
            ax.annotate(f"{cr:g}C", (p, e), textcoords="offset points", xytext=(4, 4), fontsize=8)
        ax.set_xlabel("mean power [W m$^{-2}$]")
        ax.set_ylabel("specific energy [W h m$^{-2}$]")
        ax.set_title(f"{res.title}: Ragone")
        ax.grid(True, which="both", alpha=0.3)
        _save(fig, outdir, "ragone", written)
        plt.close(fig)

    if res.profiles:
        r, prof = res.profile_run, res.profiles
        names = [f for f in ("c_e", "phi_e", "c_s_surf") if f in prof["fields"]]
        labels = {"c_e": "c$_e$ [mol m$^{-3}$]", "phi_e": r"$\phi_e$ [V]", "c_s_surf": "c$_{s,surf}$ [mol m$^{-3}$]"}
        fig, axes = plt.subplots(1, len(names), figsize=(4.2 * len(names), 3.8), squeeze=False)
        xum = r.x * 1e6
        for ax, f in zip(axes[0], names):
            for t, row in zip(prof["t"], prof["fields"][f]):
                ax.plot(xum, row, label=f"{t / 60:.3g} min")
            ax.set_xlabel("x [$\\mu$m]")
            ax.set_ylabel(labels[f])
            ax.grid(True, alpha=0.3)
        axes[0][0].legend(fontsize=8)
        fig.suptitle(f"{res.title}: profiles across the cell ({r.label})")
        fig.tight_layout()
        _save(fig, outdir, "profiles", written)
        plt.close(fig)

    if res.maps:
        _plot_maps(plt, res, outdir, written)

    varying = [r for r in runs if r.contact is not None and np.ptp(np.nan_to_num(r.contact[r.contact_idx])) > 1e-9]
    if varying:
        fig, ax = plt.subplots(figsize=(6, 4.2))
        for r in varying:
            i = r.contact_idx
            ax.plot(r.t[i] / 3600.0, r.contact[i], label=r.label)  # time: a charge then a discharge folds a capacity axis
        ax.set_xlabel("time [h]")
        ax.set_ylabel("mean contact fraction, positive electrode")
        ax.set_title(f"{res.title}: active | solid-electrolyte contact")
        ax.grid(True, alpha=0.3)
        if len(varying) > 1:
            ax.legend(title="C-rate")
        _save(fig, outdir, "contact_fraction", written)
        plt.close(fig)

    if res.run_cycles:
        fig, ax = plt.subplots(figsize=(6, 4.2))
        for lab, (cyc, ccap) in res.run_cycles:
            ax.plot(cyc, ccap, "o-", ms=3, label=lab or None)
        if any(lab for lab, _ in res.run_cycles):
            ax.legend(title="C-rate")
        ax.set_xlabel("cycle")
        ax.set_ylabel("discharge capacity [A h m$^{-2}$]")
        ax.set_title(f"{res.title}: capacity vs cycle")
        ax.grid(True, alpha=0.3)
        _save(fig, outdir, "cycle_capacity", written)
        plt.close(fig)
    return written


LABELS = {"c_e": "c$_e$", "phi_e": r"$\phi_e$", "c_s_surf": "c$_{s,surf}$", "contact_fraction": "contact fraction"}


def _edges(c):
    """Cell edges from the (written) cell centres: midpoints between them, the grid starting at 0
    (a strided grid's cells drawn as blocks around the written centres)."""
    c = np.asarray(c, dtype=float)
    if len(c) == 1:
        return np.array([0.0, 2.0 * c[0]]) if c[0] > 0 else np.array([c[0] - 0.5, c[0] + 0.5])
    mid = 0.5 * (c[1:] + c[:-1])
    first = c[0] - (mid[0] - c[0])
    if c[0] > 0:
        first = max(first, 0.0)
    return np.concatenate([[first], mid, [c[-1] + (c[-1] - mid[-1])]])


def _unit(u):
    return "" if u in ("", "1") else f" [{u}]"


def _map_panel(fig, ax, xe, ye, a, title, unit):
    a = np.ma.masked_invalid(a)
    if a.count() == 0:
        ax.text(0.5, 0.5, "no values", ha="center", va="center", transform=ax.transAxes)
        ax.set_xlim(xe[0], xe[-1])
        ax.set_ylim(ye[0], ye[-1])
    else:
        m = ax.pcolormesh(xe, ye, a, shading="flat", cmap="viridis")
        fig.colorbar(m, ax=ax, label=unit if unit not in ("", "1") else None)
    ax.set_title(title, fontsize=9)


def _plot_maps(plt, res, outdir, written):
    """field_maps, static_fields, interface of a 2D/3D run (static fields of a 1D run: lines)."""
    r, mp = res.map_run, res.maps
    um = 1e6
    xe = _edges(r.x) * um
    ye = _edges(r.y) * um if r.y is not None else None
    where = f", mid-plane z = {mp['zmid'] * um:.3g} $\mu$m" if mp["zmid"] is not None else ""

    def grid_fig(items, stem, title):
        n = len(items)
        ncol = min(n, 2)
        nrow = (n + ncol - 1) // ncol
        fig, axes = plt.subplots(nrow, ncol, figsize=(5.2 * ncol, 3.9 * nrow), squeeze=False)
        for ax, (name, (a, unit)) in zip(axes.ravel(), items):
            if r.dim == 1:
                ax.plot(r.x * um, a)
                ax.set_ylabel(f"{LABELS.get(name, name)}{_unit(unit)}")
                ax.set_title(name, fontsize=9)
                ax.grid(True, alpha=0.3)
            else:
                _map_panel(fig, ax, xe, ye, a, f"{LABELS.get(name, name)}{_unit(unit)}", unit)
                ax.set_ylabel("y [$\mu$m]")
            ax.set_xlabel("x [$\mu$m]")
        for ax in axes.ravel()[n:]:
            ax.set_visible(False)
        fig.suptitle(title)
        fig.tight_layout()
        _save(fig, outdir, stem, written)
        plt.close(fig)

    if mp["fields"]:
        grid_fig(list(mp["fields"].items()), "field_maps",
                 f"{res.title}: fields at t = {mp['t'] / 60:.3g} min ({r.label}{where})")
    if mp["static"]:
        grid_fig(list(mp["static"].items()), "static_fields",
                 f"{res.title}: time-independent fields ({r.label}{where})")
    if mp["plane"]:
        items = list(mp["plane"].items())
        fig, axes = plt.subplots(1, len(items), figsize=(5.2 * len(items), 3.9), squeeze=False)
        for ax, (name, (a, unit)) in zip(axes[0], items):
            if a.ndim == 1:
                ax.plot(r.y * um, a, "o-", ms=3)
                ax.set_xlabel("y [$\mu$m]")
                ax.set_ylabel(f"{name}{_unit(unit)}")
                ax.grid(True, alpha=0.3)
                ax.set_title(name, fontsize=9)
            else:
                _map_panel(fig, ax, ye, _edges(r.z) * um, a, f"{name}{_unit(unit)}", unit)
                ax.set_xlabel("y [$\mu$m]")
                ax.set_ylabel("z [$\mu$m]")
        fig.suptitle(f"{res.title}: the x = 0 interface ({r.label})")
        fig.tight_layout()
        _save(fig, outdir, "interface", written)
        plt.close(fig)


def is_sweep(path):
    import netCDF4

    try:
        with netCDF4.Dataset(path) as d:
            return "fvcell_kind" in d.ncattrs() and d.getncattr("fvcell_kind") == "sweep"
    except OSError:  # not readable: FvResult says why in its own words
        return False


def _label(ds, name):
    v = ds[name]
    key = v.getncattr("case_key") if "case_key" in v.ncattrs() else name
    unit = v.getncattr("units") if "units" in v.ncattrs() else "1"
    if key.endswith("composition.active"):
        return f"{key} [% of solids]"
    return f"{key} [{unit}]" if unit not in ("", "1") else key


def sweep_optima(path):
    """[(metric, panel, value, {key: value}), ...]: the best member of each panel."""
    import netCDF4

    out = []
    with netCDF4.Dataset(path) as ds:
        keys = [d for d in ds.dimensions if d != "rate"]
        rates = np.asarray(ds["rate"][:], dtype=float)
        st = np.asarray(ds["status"][:])
        for metric in ("energy_density", "specific_energy"):
            unit = ds[metric].units
            panels = [("static", np.asarray(np.ma.filled(ds["static_" + metric][:], np.nan), dtype=float))]
            sim = np.asarray(np.ma.filled(ds[metric][:], np.nan), dtype=float)
            for k, r in enumerate(rates):
                z = sim[..., k].copy()
                z[st[..., k] != 0] = np.nan
                panels.append((f"{r:g}C", z))
            for name, z in panels:
                if not np.isfinite(z).any():
                    continue
                idx = np.unravel_index(np.nanargmax(z), z.shape)
                where = {ds[key].getncattr("case_key") if "case_key" in ds[key].ncattrs() else key:
                         f"{float(ds[key][i]):.4g} {ds[key].units if ds[key].units != '1' else ''}".strip()
                         for key, i in zip(keys, idx)}
                out.append((metric, name, float(z[idx]), unit, where))
    return out


def plot_sweep(path, outdir):
    """Maps (or curves) of a sweep summary; returns the paths written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import netCDF4

    os.makedirs(outdir, exist_ok=True)
    written = []
    with netCDF4.Dataset(path) as ds:
        keys = [d for d in ds.dimensions if d != "rate"]
        if not keys:
            raise FvPlotError(f"{path}: a sweep summary without swept keys")
        rates = np.asarray(ds["rate"][:], dtype=float)
        st = np.asarray(ds["status"][:])
        title = os.path.splitext(os.path.basename(str(ds.getncattr("case_file"))))[0] if "case_file" in ds.ncattrs() else "sweep"
        # more than two swept keys: the maps show the first two at the first value of the others
        sel = tuple([slice(None)] * min(2, len(keys)) + [0] * max(0, len(keys) - 2))
        note = "" if len(keys) <= 2 else " (" + ", ".join(f"{k} = {float(ds[k][0]):g}" for k in keys[2:]) + ")"
        for metric, nice in (("energy_density", "energy density"), ("specific_energy", "specific energy")):
            unit = ds[metric].units.replace("W h L-1", "W h L$^{-1}$").replace("W h kg-1", "W h kg$^{-1}$")
            sim = np.asarray(np.ma.filled(ds[metric][:], np.nan), dtype=float)
            panels = [("static (full utilisation)", np.asarray(np.ma.filled(ds["static_" + metric][:], np.nan), dtype=float)[sel])]
            for k, r in enumerate(rates):
                z = sim[..., k].copy()
                z[st[..., k] != 0] = np.nan
                panels.append((f"simulated, {r:g}C", z[sel]))
            finite = [z[np.isfinite(z)] for _, z in panels]
            vmax = max((f.max() for f in finite if len(f)), default=1.0)
            n = len(panels)
            if len(keys) == 1:
                x = np.asarray(ds[keys[0]][:], dtype=float)
                fig, ax = plt.subplots(figsize=(6.5, 4.2))
                for name, z in panels:
                    ax.plot(x, z, "o-", label=name)
                    if np.isfinite(z).any():
                        i = int(np.nanargmax(z))
                        ax.plot(x[i], z[i], "k*", ms=12)
                ax.set_xlabel(_label(ds, keys[0]))
                ax.set_ylabel(f"{nice} [{unit}]")
                ax.legend(fontsize=8)
                ax.grid(True, alpha=0.3)
            else:
                y = np.asarray(ds[keys[0]][:], dtype=float)
                x = np.asarray(ds[keys[1]][:], dtype=float)
                logx = len(x) > 2 and np.all(x > 0) and np.allclose(np.diff(np.log(x)), np.diff(np.log(x))[0], rtol=1e-6)
                ncol = min(n, 3)
                nrow = (n + ncol - 1) // ncol
                fig, axes = plt.subplots(nrow, ncol, figsize=(4.3 * ncol, 3.8 * nrow), squeeze=False)
                fig.subplots_adjust(hspace=0.42, wspace=0.32)
                for ax, (name, z) in zip(axes.ravel(), panels):
                    m = ax.pcolormesh(x, y, np.ma.masked_invalid(z), shading="nearest", vmin=0, vmax=vmax, cmap="viridis")
                    if np.isfinite(z).any():
                        zz = np.where(np.isfinite(z), z, -np.inf)
                        cs = ax.contour(x, y, zz, levels=np.linspace(0, vmax, 9)[1:-1], colors="w", linewidths=0.6)
                        ax.clabel(cs, fontsize=6, fmt="%.0f")
                        iy, ix = np.unravel_index(np.nanargmax(z), z.shape)
                        ax.plot(x[ix], y[iy], "r*", ms=14, mec="k")
                        ax.annotate(f"{z[iy, ix]:.0f}", (x[ix], y[iy]), textcoords="offset points", xytext=(6, 6), color="r",
                                    fontsize=8, weight="bold")
                    if logx:
                        ax.set_xscale("log")
                    ax.set_title(name, fontsize=9)
                    ax.set_xlabel(_label(ds, keys[1]), fontsize=8)
                    ax.set_ylabel(_label(ds, keys[0]), fontsize=8)
                for ax in axes.ravel()[n:]:
                    ax.set_visible(False)
                fig.colorbar(m, ax=axes.ravel().tolist(), label=f"{nice} [{unit}]", shrink=0.9)
            fig.suptitle(f"{title}: {nice} of the stack unit{note}; * = optimum")
            _save(fig, outdir, f"sweep_{metric}", written)
            plt.close(fig)
    lines = [f"{metric} {panel}: {value:.4g} {unit} at " + ", ".join(f"{k} = {v}" for k, v in where.items())
             for metric, panel, value, unit, where in sweep_optima(path)]
    txt = os.path.join(outdir, "sweep_optimum.txt")
    with open(txt, "w") as f:
        f.write("\n".join(lines) + "\n")
    written.append(txt)
    for line in lines:
        print(line)
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(prog="fvcell-plot", description="Plot an fvcell NetCDF result file (PNG and PDF).")
    ap.add_argument("file", help="fvcell result file (.nc)")
    ap.add_argument("-o", "--outdir", help="output directory (default: FILE's stem + '_plots' beside it)")
    a = ap.parse_args(argv)
    try:
        outdir = a.outdir or os.path.splitext(a.file)[0] + "_plots"
        if is_sweep(a.file):
            written = plot_sweep(a.file, outdir)
        else:
            res = FvResult(a.file)
            written = plot_all(res, outdir)
    except FvPlotError as e:
        print(f"fvcell-plot: error: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"fvcell-plot: error: {e}", file=sys.stderr)
        return 1
    if not written:
        print(f"fvcell-plot: error: {a.file}: nothing to plot (no records)", file=sys.stderr)
        return 1
    for p in written:
        print(p)
    return 0
