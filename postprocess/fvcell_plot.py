"""fvcell_plot.py -- figures from an fvcell NetCDF result file (the layout of solver/output.h).

Owns: reading a result file (root run or rate groups "rate_<i>", rate summary, cycle data) and
the standard figures, chosen by what the file holds:
  voltage_capacity   cell voltage vs delivered capacity, one curve per run
  rate_retention     discharge capacity / the first rate's, vs C-rate       (>= 2 rates)
  ragone             delivered energy [W h m-2] vs mean power = energy / time [W m-2] (>= 2 rates)
  profiles           c_e, phi_e, c_s_surf across x at a few times, for the 1C run (or the only run)
  cycle_capacity     discharge capacity vs cycle                            (cycle_discharge_capacity)
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
        self.fields = {f: var[f] for f in ("c_e", "phi_e", "c_s_surf") if f in var and var[f].dimensions[-1] == "x"}

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


def main(argv=None):
    ap = argparse.ArgumentParser(prog="fvcell-plot", description="Plot an fvcell NetCDF result file (PNG and PDF).")
    ap.add_argument("file", help="fvcell result file (.nc)")
    ap.add_argument("-o", "--outdir", help="output directory (default: FILE's stem + '_plots' beside it)")
    a = ap.parse_args(argv)
    try:
        res = FvResult(a.file)
        outdir = a.outdir or os.path.splitext(a.file)[0] + "_plots"
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
