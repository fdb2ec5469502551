"""fvcell.plot -- the standard figures of a run file or a sweep summary (the fvcell-plot command).

Owns: choosing the figures a file supports, drawing them (matplotlib, Agg) from the reader's
objects, and the command line. Figures (stem: what it shows, when it is drawn):
  voltage_capacity  cell voltage vs capacity delivered in the last discharge step, one curve per
                    C-rate
  protocol          voltage and current vs time over the whole protocol (runs of several steps)
  rate_retention    discharge capacity relative to the lowest rate's, vs C-rate (>= 2 rates)
  ragone            areal discharge energy vs mean areal discharge power (>= 2 rates)
  profiles          1D runs: fields across x, snapshots per step (the steps of the last cycle),
                    labelled by step and time, a sequential colour map within a step
  field_maps        2D/3D runs: fields at the last record over (x, y) (3D: the mid-z slice);
                    uniform fields are listed, not drawn
  static_fields     2D/3D runs: the time-independent fields (microstructure), lengths in µm
  interface         2D/3D runs: maps over the x = 0 interface (e.g. metal_contact_fraction)
  interface_current 2D/3D runs: interface_current_density over y and time (3D: over the
                    interface at the last record) and its peak / mean vs time
  cycle_capacity    discharge (and charge) capacity vs cycle number, per mass of active material
                    when the file has it, and the coulombic efficiency (runs of several cycles)
  contact_fraction  mean contact fraction of the positive electrode vs time (when it varies)
  interphase        mean interphase resistance and connected active-material fraction of the
                    positive electrode vs time (when either varies)
  sweep_<metric>    sweep summaries: maps of energy_density and specific_energy over the first two
                    swept keys (static estimate beside each rate; optimum marked), sweep_optimum.txt
"""
import argparse
import os
import re
import sys

import numpy as np

from . import FvcellError, is_sweep, open_run, open_sweep
from . import case as fvcase

FIGURES = ("voltage_capacity", "protocol", "rate_retention", "ragone", "profiles", "field_maps", "static_fields",
           "interface", "interface_current", "cycle_capacity", "contact_fraction", "interphase", "temperature",
           "sweep")
MAP_FIELDS = ("c_e", "phi_e", "phi_s", "c_s_surf", "contact_fraction")
PROFILE_FIELDS = ("c_e", "phi_e", "c_s_surf")
SYMBOLS = {"c_e": "$c_e$", "phi_e": r"$\phi_e$", "phi_s": r"$\phi_s$", "c_s_surf": r"$c_{s,\mathrm{surf}}$",
           "c_s_avg": r"$\bar c_s$", "contact_fraction": "$f_c$", "active_area": "$a$"}
STEP_CMAPS = {"discharge": "Reds", "charge": "Blues", "rest": "Greys", None: "viridis"}


def tex_unit(u):
    """'mol m-3' -> 'mol m$^{-3}$', 'um' -> 'µm'; '' for dimensionless."""
    u = str(u or "").strip()
    if u in ("", "1", "-"):
        return ""
    if u == "percent":
        return "%"
    u = re.sub(r"\bum\b", "µm", u)
    return re.sub(r"([A-Za-zµ])(-?\d+)\b", r"\1$^{\2}$", u)


def var_label(da, name=None):
    """'electrolyte salt concentration $c_e$ [mol m$^{-3}$]' from a variable's attributes."""
    name = name or da.name
    text = str(da.attrs.get("long_name", name))
    if name in SYMBOLS:
        text += " " + SYMBOLS[name]
    u = tex_unit(da.attrs.get("units", ""))
    return f"{text} [{u}]" if u else text


def wrap(text, width=42):
    """Wrap at spaces, never inside a "[unit]" or a $math$ group."""
    words, out, line = re.findall(r"\[[^\]]*\]|\$[^$]*\$|\S+", text), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    return "\n".join(out + [line])


def fmt_time(t):
    """A legend's time: seconds below a minute, else minutes."""
    return f"{t:.2g} s" if t < 60.0 else f"{t / 60:.3g} min"


def time_unit(t_end):
    """(seconds per unit, unit) for a time axis ending at t_end [s]: hours beyond two hours."""
    return (3600.0, "h") if t_end > 7200.0 else (60.0, "min")


def log_ticks(ax, axis, values):
    """Readable labels on a log axis: ticks at 1-2-5 (or every integer multiple for a narrow
    range), printed as plain numbers, no minor labels."""
    from matplotlib import ticker

    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v > 0)]
    a = ax.xaxis if axis == "x" else ax.yaxis
    subs = (1.0, 2.0, 5.0) if len(v) and v.max() / v.min() > 8 else tuple(range(1, 10))
    a.set_major_locator(ticker.LogLocator(base=10, subs=subs))
    a.set_major_formatter(ticker.FuncFormatter(lambda x, _: f"{x:g}"))
    a.set_minor_formatter(ticker.NullFormatter())


class Figures:
    """Draws into outdir; keeps the list of files written."""

    def __init__(self, outdir, formats=("png", "pdf"), only=None, fields=None):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        self.plt = plt
        self.outdir = outdir
        self.formats = formats
        self.only = set(only) if only else None
        self.fields = list(fields) if fields else None
        self.written = []
        self.notes = []
        self.info = {}  # stem -> what the figure says (Figures._describe)
        os.makedirs(outdir, exist_ok=True)

    def want(self, stem):
        return self.only is None or stem in self.only or (stem.startswith("sweep") and "sweep" in self.only)

    def save(self, fig, stem):
        for ext in self.formats:
            path = os.path.join(self.outdir, f"{stem}.{ext}")
            fig.savefig(path, dpi=150, bbox_inches="tight")
            self.written.append(path)
        self.info[stem] = self._describe(fig)
        self.plt.close(fig)

    @staticmethod
    def _describe(fig):
        """What a drawn figure says (titles, axis labels, tick labels of log axes, footnotes): the
        tests read it, and so can a user who scripts the figures."""
        axes = []
        for ax in fig.axes:
            d = {"title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
                 "xscale": ax.get_xscale(), "yscale": ax.get_yscale(), "visible": ax.get_visible()}
            for a in ("x", "y"):
                if d[a + "scale"] == "log":
                    lo, hi = sorted(getattr(ax, f"get_{a}lim")())
                    ticks = getattr(ax, f"get_{a}ticks")()
                    labels = getattr(ax, f"get_{a}ticklabels")()
                    d[a + "ticklabels"] = [t.get_text() for v, t in zip(ticks, labels) if lo <= v <= hi and t.get_text()]
            axes.append(d)
        return {"suptitle": fig._suptitle.get_text() if fig._suptitle else "", "axes": axes,
                "texts": [t.get_text() for t in fig.texts]}

    # ---------------------------------------------------------------- run files
    def run_file(self, res, rate=None):
        runs = [r for r in res.runs if r.ds.sizes.get("time", 0)]
        focus = self._focus_run(runs, rate)
        if self.want("voltage_capacity") and runs:
            self.voltage_capacity(runs)
        if self.want("protocol") and focus is not None and len(focus.steps) > 1:
            self.protocol(focus)
        table = self._rate_table(res, runs)
        if self.want("rate_retention") and table is not None and len(table["rate"]) >= 2:
            self.rate_retention(table)
        if self.want("ragone") and table is not None and len(table["rate"]) >= 2:
            self.ragone(table)
        if focus is not None and focus.dim == 1 and self.want("profiles"):
            self.profiles(focus)
        if focus is not None and focus.dim >= 2:
            if self.want("field_maps"):
                self.field_maps(focus)
            if self.want("static_fields"):
                self.static_fields(focus)
            if self.want("interface"):
                self.interface(focus)
            if self.want("interface_current"):
                self.interface_current(focus)
        if self.want("cycle_capacity"):
            self.cycle_capacity(runs)
        if self.want("contact_fraction"):
            self.contact_fraction(runs)
        if self.want("interphase"):
            self.interphase(runs)
        if self.want("temperature") and any("temperature_mean" in r.ds for r in runs):
            self.temperature([r for r in runs if "temperature_mean" in r.ds])

    def temperature(self, runs):
        """T(t) of a thermal run: the mean (solid) and hottest control volume (dashed) of each run,
        the ambient (dotted) and, when the file has them, the heat released below."""
        heat = all("heat_total" in r.ds for r in runs)
        t_end = max(float(r.ds["time"].values[-1]) for r in runs)
        scale, unit = time_unit(t_end)
        fig, axes = self.plt.subplots(2 if heat else 1, 1, figsize=(6.5, 6 if heat else 4), sharex=True, squeeze=False)
        ax1 = axes[0, 0]
        cmap = self.plt.get_cmap("viridis")
        for i, r in enumerate(runs):
            ds, col = r.ds, cmap(i / max(len(runs) - 1, 1) * 0.9)
            th = ds["time"].values / scale
            ax1.plot(th, ds["temperature_mean"].values - 273.15, color=col, label=r.label)
            ax1.plot(th, ds["temperature_max"].values - 273.15, color=col, ls="--", lw=0.8)
            if i == 0:
                ax1.plot(th, ds["ambient_temperature"].values - 273.15, color="0.5", ls=":", lw=1, label="ambient")
            if heat:
                axes[1, 0].plot(th, ds["heat_total"].values, color=col)
        ax1.set_ylabel("temperature [°C]")
        ax1.set_title("Cell temperature: mean (solid), hottest control volume (dashed)")
        ax1.legend(title="C-rate" if runs[0].rate is not None else None, fontsize=8)
        if heat:
            axes[1, 0].set_ylabel("heat released [W m$^{-2}$]")
        axes[-1, 0].set_xlabel(f"time [{unit}]")
        for ax in axes.ravel():
            ax.grid(True, alpha=0.3)
        fig.tight_layout()
        self.save(fig, "temperature")

    @staticmethod
    def _focus_run(runs, rate):
        """The run the profiles and maps show: the asked rate, else the one nearest 1C."""
        if not runs:
            return None
        if rate is not None:
            for r in runs:
                if r.rate is not None and abs(r.rate - rate) <= 1e-9 * max(rate, 1):
                    return r
            raise FvcellError(f"no run at {rate:g}C (rates: {', '.join(r.label for r in runs)})")
        return min(runs, key=lambda r: abs(np.log(r.rate)) if r.rate and r.rate > 0 else np.inf)

    @staticmethod
    def _discharge_curve(run):
        """(capacity in step, voltage) of the run's last discharge step (the whole run if the
        file has no step table)."""
        steps = run.discharge_steps()
        if steps:
            s = run.step(steps[-1], with_start=True)
            return np.asarray(s["capacity_in_step"].values), np.asarray(s["voltage"].values)
        return np.asarray(run.ds["capacity"].values), np.asarray(run.ds["voltage"].values)

    def voltage_capacity(self, runs):
        fig, ax = self.plt.subplots(figsize=(6, 4.2))
        cmap = self.plt.get_cmap("viridis")
        for i, r in enumerate(runs):
            cap, v = self._discharge_curve(r)
            ax.plot(cap, v, color=cmap(i / max(len(runs) - 1, 1) * 0.9), label=r.label)
        ax.set_xlabel("capacity delivered [A h m$^{-2}$]")
        ax.set_ylabel("cell voltage [V]")
        several_steps = any(len(r.steps) > 1 for r in runs)
        ax.set_title("Discharge curves" + (" (last discharge step of each run)" if several_steps else ""))
        ax.grid(True, alpha=0.3)
        if len(runs) > 1 or runs[0].rate is not None:
            ax.legend(title="C-rate")
        self.save(fig, "voltage_capacity")

    def protocol(self, run):
        ds = run.ds
        scale, unit = time_unit(float(ds["time"].values[-1]))
        th = ds["time"].values / scale
        fig, (ax1, ax2) = self.plt.subplots(2, 1, figsize=(7.5, 5), sharex=True, gridspec_kw={"height_ratios": [2, 1]})
        ax1.plot(th, ds["voltage"].values, lw=1)
        ax2.plot(th, ds["current_density"].values, lw=1, color="C3")
        tab = run.step_table
        colours = {"discharge": "#fbe3e3", "charge": "#e1ecf8", "rest": "#eeeeee"}
        for n in run.steps:
            t0, t1 = float(tab["step_start_time"].values[n]) / scale, float(tab["step_end_time"].values[n]) / scale
            kind = run.step_kind(n)
            for ax in (ax1, ax2):
                ax.axvspan(t0, t1, color=colours.get(kind, "white"), lw=0, zorder=0)
            if len(run.steps) <= 12:
                ax1.text(0.5 * (t0 + t1), 1.0, str(n), transform=ax1.get_xaxis_transform(), ha="center",
                         va="bottom", fontsize=7)
        ax1.set_ylabel("cell voltage [V]")
        ax2.set_ylabel("current density\n[A m$^{-2}$] (+ discharge)")
        ax2.set_xlabel(f"time [{unit}]")
        for ax in (ax1, ax2):
            ax.grid(True, alpha=0.3)
        ax1.set_title(f"Protocol at {run.label}: steps numbered, charge blue, rest grey, discharge red", pad=14)
        fig.tight_layout()
        self.save(fig, "protocol")

    @staticmethod
    def _rate_table(res, runs):
        """rate, capacity, energy, power per rate: the summary if present, else each run's end."""
        if res.summary is not None and "discharge_capacity" in res.summary:
            s = res.summary
            out = {"rate": np.asarray(s["rate"].values, float), "capacity": np.asarray(s["discharge_capacity"].values, float),
                   "energy": np.asarray(s["discharge_energy"].values, float) if "discharge_energy" in s else None,
                   "power": np.asarray(s["specific_power"].values, float) if "specific_power" in s else None}
        else:
            rr = [r for r in runs if r.rate is not None]
            if not rr:
                return None
            out = {"rate": np.array([r.rate for r in rr]),
                   "capacity": np.array([float(r.ds["capacity"].values[-1]) for r in rr]),
                   "energy": np.array([float(r.ds["energy"].values[-1]) for r in rr]), "power": None}
        if out["power"] is None and out["energy"] is not None:
            dur = {r.rate: float(r.ds["time"].values[-1] - r.ds["time"].values[0]) for r in runs}
            with np.errstate(divide="ignore", invalid="ignore"):
                out["power"] = out["energy"] * 3600.0 / np.array([dur.get(c, np.nan) for c in out["rate"]])
        order = np.argsort(out["rate"])
        return {k: (v[order] if v is not None else None) for k, v in out.items()}

    def rate_retention(self, t):
        c, cap = t["rate"], t["capacity"]
        if not (np.isfinite(cap[0]) and cap[0] > 0):
            return
        fig, ax = self.plt.subplots(figsize=(6, 4.2))
        ax.plot(c, 100.0 * cap / cap[0], "o-")
        ax.set_xscale("log")
        log_ticks(ax, "x", c)
        ax.set_xlabel("C-rate")
        ax.set_ylabel(f"discharge capacity [% of the {c[0]:g}C value]")
        ax.set_title("Rate capability: capacity retention vs C-rate")
        ax.grid(True, which="both", alpha=0.3)
        self.save(fig, "rate_retention")

    def ragone(self, t):
        if t["energy"] is None or t["power"] is None:
            return
        p, e, c = t["power"], t["energy"], t["rate"]
        ok = np.isfinite(p) & (p > 0) & np.isfinite(e) & (e > 0)
        if np.count_nonzero(ok) < 2:
            return
        fig, ax = self.plt.subplots(figsize=(6, 4.2))
        ax.plot(p[ok], e[ok], "o-")
        ax.set_xscale("log")
        log_ticks(ax, "x", p[ok])
        if e[ok].max() > 3.0 * e[ok].min():  # a narrow energy range reads better on a linear axis
            ax.set_yscale("log")
            log_ticks(ax, "y", e[ok])
        for pp, ee, cr in zip(p[ok], e[ok], c[ok]):
            ax.annotate(f"{cr:g}C", (pp, ee), textcoords="offset points", xytext=(4, 4), fontsize=8)
        ax.set_xlabel("mean discharge power per electrode area [W m$^{-2}$]")
        ax.set_ylabel("discharge energy per electrode area [W h m$^{-2}$]")
        ax.set_title("Ragone plot (areal): energy vs power over the C-rates")
        ax.grid(True, which="both", alpha=0.3)
        self.save(fig, "ragone")

    def _fields(self, run, default):
        """The fields to draw: --vars if given (those this run has on (time, x...)), else default."""
        spatial = ("time",) + tuple(d for d in ("z", "y", "x") if d in run.ds.dims)
        have = [n for n, v in run.ds.data_vars.items() if v.dims == spatial]
        if self.fields:
            return [f for f in self.fields if f in have]
        return [f for f in default if f in have]

    def profiles(self, run):
        names = self._fields(run, PROFILE_FIELDS)
        if not names:
            return
        steps = run.steps
        if len(steps) > 1:  # the steps of the last cycle (a charge, a rest and a discharge read apart)
            last = run.cycles[-1]
            tab = run.step_table
            steps = [s for s in steps if int(tab["step_cycle"].values[s]) == last] if "step_cycle" in tab else steps[-4:]
            steps = [s for s in steps if (run.ds["step_index"].values == s).sum() >= 1][-5:]
        ncol = max(len(steps), 1)
        nrow = len(names)
        if ncol == 1:
            fig, axes = self.plt.subplots(1, nrow, figsize=(4.2 * nrow, 3.8), squeeze=False)
            axes = axes.T
        else:
            fig, axes = self.plt.subplots(nrow, ncol, figsize=(3.3 * ncol, 2.7 * nrow), squeeze=False, sharey="row")
        xum = run.ds["x"].values * 1e6
        for j, s in enumerate(steps or [None]):
            # the records inside the step (the switch record is the previous step's end state)
            sel = run.step(s) if s is not None else run.ds
            tin = sel["time_in_step"].values if s is not None else sel["time"].values
            # five snapshots evenly spaced in time (the records crowd where the solver steps short)
            want = np.linspace(tin[0], tin[-1], min(5, len(tin)))
            idx = np.unique(np.abs(tin[None, :] - want[:, None]).argmin(axis=1))
            kind = run.step_kind(s) if s is not None else None
            cmap = self.plt.get_cmap(STEP_CMAPS.get(kind, "viridis"))
            for i, f in enumerate(names):
                ax = axes[i, j]
                data = sel[f].isel(time=idx).values
                for k, row in enumerate(data):
                    ax.plot(xum, row, color=cmap(0.35 + 0.65 * k / max(len(idx) - 1, 1)),
                            label=fmt_time(tin[idx[k]]))
                ax.grid(True, alpha=0.3)
                if i == nrow - 1 or ncol == 1:
                    ax.set_xlabel("x [µm]")
                if j == 0 or ncol == 1:
                    ax.set_ylabel(wrap(var_label(run.ds[f]), 30), fontsize=8)
            head = f"step {s}: {kind}" if s is not None else run.label
            if s is not None and "step_cycle" in run.ds:
                head += f" (cycle {int(run.ds['step_cycle'].values[s]) + 1})"
            axes[0, j].set_title(head, fontsize=9)
            axes[0, j].legend(fontsize=6, title="time in step" if s is not None else "time", title_fontsize=6)
        self._shade_regions(run, axes.ravel())
        fig.suptitle(f"Profiles across the cell at {run.label}, snapshots within each step")
        fig.tight_layout()
        self.save(fig, "profiles")

    @staticmethod
    def _shade_regions(run, axes):
        b = run.regions
        if not b:
            return
        lo, hi = b["separator"]
        for ax in axes:
            ax.axvspan(lo * 1e6, hi * 1e6, color="0.92", lw=0, zorder=0)

    # ---------------------------------------------------------------- 2D / 3D
    @staticmethod
    def _edges(c):
        c = np.asarray(c, dtype=float)
        if len(c) == 1:
            return np.array([0.0, 2.0 * c[0]]) if c[0] > 0 else np.array([c[0] - 0.5, c[0] + 0.5])
        mid = 0.5 * (c[1:] + c[:-1])
        first = max(c[0] - (mid[0] - c[0]), 0.0) if c[0] > 0 else c[0] - (mid[0] - c[0])
        return np.concatenate([[first], mid, [c[-1] + (c[-1] - mid[-1])]])

    @staticmethod
    def _scaled(da):
        """Values and unit label; lengths in µm."""
        a = np.asarray(da.values, dtype=float)
        u = str(da.attrs.get("units", ""))
        if u == "m":
            return a * 1e6, "µm"
        return a, tex_unit(u)

    @staticmethod
    def _uniform(a):
        f = a[np.isfinite(a)]
        return len(f) == 0 or np.ptp(f) <= 1e-9 * max(np.abs(f).max(), 1e-300)

    def _map_grid(self, run, items, stem, title):
        """Panels of (name, DataArray over ([z,] y, x)); uniform ones are listed under the figure."""
        from matplotlib import ticker

        zmid = None
        drawn, uniform = [], []
        for name, da in items:
            if "z" in da.dims:
                zmid = float(da["z"].values[da.sizes["z"] // 2])
                da = da.isel(z=da.sizes["z"] // 2)
            a, u = self._scaled(da)
            if self._uniform(a):
                f = a[np.isfinite(a)]
                uniform.append(f"{name} = {f[0]:.4g} {u}".strip() if len(f) else f"{name}: no values")
            else:
                drawn.append((name, da, a, u))
        if not drawn:
            if uniform:
                self.notes.append(f"{stem}: not drawn, every field uniform: {'; '.join(uniform)}")
            return
        n = len(drawn)
        ncol = min(n, 2)
        nrow = (n + ncol - 1) // ncol
        fig, axes = self.plt.subplots(nrow, ncol, figsize=(5.4 * ncol, 3.6 * nrow), squeeze=False)
        xe = self._edges(run.ds["x"].values) * 1e6
        ye = self._edges(run.ds["y"].values) * 1e6
        for ax, (name, da, a, u) in zip(axes.ravel(), drawn):
            m = ax.pcolormesh(xe, ye, np.ma.masked_invalid(a), shading="flat", cmap="viridis")
            cb = fig.colorbar(m, ax=ax, label=u or None)
            cb.formatter = ticker.ScalarFormatter(useOffset=False)
            cb.update_ticks()
            ax.set_title(wrap(str(da.attrs.get("long_name", name)) + (f" {SYMBOLS[name]}" if name in SYMBOLS else ""), 50),
                         fontsize=9)
            ax.set_xlabel("x [µm]")
            ax.set_ylabel("y [µm]")
            self._mark_regions(ax, run)
        for ax in axes.ravel()[n:]:
            fig.delaxes(ax)
        where = f", mid-plane z = {zmid * 1e6:.3g} µm" if zmid is not None else ""
        fig.suptitle(title + where)
        if uniform:
            fig.text(0.5, -0.01, wrap("uniform (not drawn): " + "; ".join(uniform), 110), ha="center", va="top", fontsize=8)
        fig.tight_layout()
        self.save(fig, stem)

    @staticmethod
    def _mark_regions(ax, run):
        b = run.regions
        for name in ("separator", "positive"):
            if name in b and b[name][0] > 0:
                ax.axvline(b[name][0] * 1e6, color="w", lw=0.8, ls="--")

    def field_maps(self, run):
        names = self._fields(run, MAP_FIELDS)
        if not names:
            return
        last = run.ds.isel(time=-1)
        t = float(last["time"].values)
        self._map_grid(run, [(f, last[f]) for f in names], "field_maps",
                       f"Fields at the last record, t = {t / 60:.3g} min, {run.label}")

    def static_fields(self, run):
        spatial = tuple(d for d in ("z", "y", "x") if d in run.ds.dims)
        items = [(n, v) for n, v in run.ds.data_vars.items() if v.dims == spatial]
        if items:
            self._map_grid(run, items, "static_fields", "Microstructure: time-independent fields")

    def interface(self, run):
        plane = tuple(d for d in ("z", "y") if d in run.ds.dims)
        items = [(n, v) for n, v in run.ds.data_vars.items() if v.dims == plane]
        if not items:
            return
        fig, axes = self.plt.subplots(1, len(items), figsize=(5.4 * len(items), 3.6), squeeze=False)
        for ax, (name, da) in zip(axes[0], items):
            a, u = self._scaled(da)
            if a.ndim == 1:
                ax.step(run.ds["y"].values * 1e6, a, where="mid")
                ax.set_xlabel("y [µm]")
                ax.set_ylabel(u or name)
                ax.grid(True, alpha=0.3)
            else:
                m = ax.pcolormesh(self._edges(run.ds["y"].values) * 1e6, self._edges(run.ds["z"].values) * 1e6,
                                  np.ma.masked_invalid(a), shading="flat", cmap="viridis")
                fig.colorbar(m, ax=ax, label=u or None)
                ax.set_xlabel("y [µm]")
                ax.set_ylabel("z [µm]")
            ax.set_title(wrap(str(da.attrs.get("long_name", name)), 50), fontsize=9)
        fig.suptitle("The x = 0 interface (metal | separator)")
        fig.tight_layout()
        self.save(fig, "interface")

    def interface_current(self, run):
        from matplotlib import ticker

        if "interface_current_density" not in run.ds:
            return
        da = run.ds["interface_current_density"]
        t = run.ds["time"].values
        a = np.asarray(da.values, dtype=float)
        flat = a.reshape(len(t), -1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.nanmean(flat, axis=1)
            peak = np.nanmax(np.abs(flat), axis=1) / np.abs(mean)
        u = tex_unit(da.attrs.get("units", "A m-2"))
        fig, axes = self.plt.subplots(1, 2, figsize=(11, 3.9), gridspec_kw={"width_ratios": [3, 2]})
        ax = axes[0]
        if "z" not in da.dims:  # 2D: the current along the interface at a few times, voids shaded
            y = run.ds["y"].values * 1e6
            contact = next((np.asarray(v.values) for n, v in run.ds.data_vars.items()
                            if v.dims == ("y",) and "contact" in n), None)
            if contact is not None:
                ye = self._edges(y / 1e6) * 1e6
                for j in np.nonzero(np.asarray(contact) < 0.5)[0]:
                    ax.axvspan(ye[j], ye[j + 1], color="0.88", lw=0, zorder=0)
            want = np.linspace(t[0], t[-1], min(5, len(t)))
            idx = np.unique(np.abs(t[None, :] - want[:, None]).argmin(axis=1))
            cmap = self.plt.get_cmap("Reds")
            for k, i in enumerate(idx):
                ax.plot(y, a[i], "o-", ms=2.5, color=cmap(0.35 + 0.65 * k / max(len(idx) - 1, 1)),
                        label=fmt_time(t[i]))
            ax.axhline(mean[-1], color="k", lw=0.8, ls="--", label="mean")
            ax.set_xlabel("y along the interface [µm]")
            ax.set_ylabel(f"interface current density [{u}]")
            ax.grid(True, alpha=0.3)
            ax.legend(fontsize=7, title="time", title_fontsize=7)
            ax.set_title("current density through the x = 0 interface" +
                         (" (grey: no metal contact)" if contact is not None else ""), fontsize=9)
        else:
            m = ax.pcolormesh(self._edges(run.ds["y"].values) * 1e6, self._edges(run.ds["z"].values) * 1e6,
                              np.ma.masked_invalid(a[-1]), shading="flat", cmap="magma")
            ax.set_xlabel("y [µm]")
            ax.set_ylabel("z [µm]")
            ax.set_title(f"current density through the x = 0 interface at t = {t[-1] / 60:.3g} min", fontsize=9)
            cb = fig.colorbar(m, ax=ax, label=f"interface current density [{u}]")
            cb.formatter = ticker.ScalarFormatter(useOffset=False)
            cb.update_ticks()
        ax = axes[1]
        scale, unit = time_unit(float(t[-1]))
        ax.plot(t / scale, peak, color="C3")
        ax.axhline(1.0, color="0.5", lw=0.8, ls=":")
        ax.set_xlabel(f"time [{unit}]")
        ax.set_ylabel("peak / mean interface current")
        top = np.nanmax(peak) if np.isfinite(peak).any() else 1.0
        ax.set_ylim(0, 1.15 * max(top, 1.0))
        ax.grid(True, alpha=0.3)
        ax.set_title("current focusing", fontsize=9)
        fig.suptitle(f"Current through the metal | separator interface, {run.label}")
        fig.tight_layout()
        self.save(fig, "interface_current")

    def cycle_capacity(self, runs):
        per = []
        for r in runs:
            if "cycle_discharge_capacity" in r.ds and r.ds.sizes.get("cycle", 0) > 1:
                per.append((r.label, r.ds))
        if not per:
            return
        from matplotlib import ticker

        # per mass of active material and the coulombic efficiency when the file has them (papers' axes)
        specific = all("cycle_specific_discharge_capacity" in ds for _, ds in per)
        effic = all("cycle_coulombic_efficiency" in ds for _, ds in per)
        fig, axes = self.plt.subplots(1, 2 if effic else 1, figsize=(10.5 if effic else 6, 4.2), squeeze=False)
        ax = axes[0][0]
        for i, (lab, ds) in enumerate(per):
            name = "cycle_specific_discharge_capacity" if specific else "cycle_discharge_capacity"
            cap = np.asarray(ds[name].values, float)
            n = np.arange(1, len(cap) + 1)
            line, = ax.plot(n, cap, "o-", ms=3, label=f"{lab} discharge")
            if specific and "cycle_specific_charge_capacity" in ds:
                ax.plot(n, np.asarray(ds["cycle_specific_charge_capacity"].values, float), "s--", ms=2.5,
                        color=line.get_color(), alpha=0.7, label=f"{lab} charge")
        ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
        ax.legend(title="C-rate", fontsize=8)
        ax.set_xlabel("cycle number")
        ax.set_ylabel("specific capacity [mA h g$^{-1}$ active material]" if specific
                      else "discharge capacity [A h m$^{-2}$]")
        ax.set_title("Capacity per cycle")
        ax.grid(True, alpha=0.3)
        if effic:
            ax = axes[0][1]
            for lab, ds in per:
                ce = 100 * np.asarray(ds["cycle_coulombic_efficiency"].values, float)
                ax.plot(np.arange(1, len(ce) + 1), ce, "o-", ms=3, label=lab)
            ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
            ax.legend(title="C-rate", fontsize=8)
            ax.set_xlabel("cycle number")
            ax.set_ylabel("coulombic efficiency [%]")
            ax.set_title("Coulombic efficiency per cycle")
            ax.grid(True, alpha=0.3)
        fig.tight_layout()
        self.save(fig, "cycle_capacity")

    def contact_fraction(self, runs):
        curves = []
        for r in runs:
            if "contact_fraction" not in r.ds or "x" not in r.ds.dims:
                continue
            try:
                pos = r.region("positive")["contact_fraction"]
            except FvcellError:
                continue
            t = r.ds["time"].values
            step = max(1, len(t) // 400)  # 2D/3D fields may be large: at most ~400 records
            sub = pos.isel(time=slice(None, None, step))
            other = [d for d in sub.dims if d != "time"]
            mean = np.asarray(sub.mean(dim=other, skipna=True).values, dtype=float)
            if np.isfinite(mean).any() and np.nanmax(mean) - np.nanmin(mean) > 1e-9:
                curves.append((r.label, t[::step], mean))
        if not curves:
            return
        fig, ax = self.plt.subplots(figsize=(6, 4.2))
        scale, unit = time_unit(max(float(t[-1]) for _, t, _ in curves))
        for lab, t, m in curves:
            ax.plot(t / scale, m, label=lab)
        ax.set_xlabel(f"time [{unit}]")
        ax.set_ylabel("mean contact fraction, positive electrode")
        ax.set_title("Contact of the active material with the solid electrolyte")
        ax.grid(True, alpha=0.3)
        if len(curves) > 1:
            ax.legend(title="C-rate")
        self.save(fig, "contact_fraction")

    @staticmethod
    def _positive_mean(runs, var):
        """(label, time, mean of var over the positive electrode) of the runs where var varies."""
        curves = []
        for r in runs:
            if var not in r.ds or "x" not in r.ds.dims:
                continue
            try:
                pos = r.region("positive")[var]
            except FvcellError:
                continue
            t = r.ds["time"].values
            step = max(1, len(t) // 400)
            sub = pos.isel(time=slice(None, None, step))
            mean = np.asarray(sub.mean(dim=[d for d in sub.dims if d != "time"], skipna=True).values,
                              dtype=float)
            if np.isfinite(mean).any() and np.nanmax(mean) - np.nanmin(mean) > 1e-9:
                curves.append((r.label, t[::step], mean))
        return curves

    def interphase(self, runs):
        panels = [(v, self._positive_mean(runs, v)) for v in ("interphase_resistance", "active_material_fraction")]
        panels = [(v, c) for v, c in panels if c]
        if not panels:
            return
        fig, axes = self.plt.subplots(1, len(panels), figsize=(6 * len(panels), 4.2), squeeze=False)
        labels = {"interphase_resistance": r"interphase resistance [$\Omega\,\mathrm{cm}^2$ of contact]",
                  "active_material_fraction": "connected active-material fraction"}
        for ax, (v, curves) in zip(axes[0], panels):
            scale, unit = time_unit(max(float(t[-1]) for _, t, _ in curves))
            for lab, t, m in curves:
                ax.plot(t / scale, m * (1e4 if v == "interphase_resistance" else 1), label=lab)
            ax.set_xlabel(f"time [{unit}]")
            ax.set_ylabel(labels[v])
            ax.grid(True, alpha=0.3)
            if len(curves) > 1:
                ax.legend(title="C-rate")
        fig.suptitle("Positive electrode: CAM | SE interphase and connected active material")
        fig.tight_layout()
        self.save(fig, "interphase")

    # ---------------------------------------------------------------- sweeps
    def sweep(self, sw):
        if not sw.keys:
            raise FvcellError(f"{sw.path}: a sweep summary without swept keys")
        keys = list(sw.keys)
        for metric, what in (("energy_density", "Energy density"), ("specific_energy", "Specific energy")):
            if metric not in sw.ds:
                continue
            self._sweep_metric(sw, keys, metric, what)
        lines = []
        for metric in ("energy_density", "specific_energy"):
            if metric not in sw.ds:
                continue
            unit = sw.ds[metric].attrs.get("units", "")
            panels = [("static", "static_" + metric, None)] + [(f"{r:g}C", metric, r) for r in sw.rates]
            for label, var, rate in panels:
                if var not in sw.ds:
                    continue
                best = sw.optimum(var, rate)
                if best is None:
                    continue
                where = ", ".join(f"{k} = {v:.4g}{self._key_unit(sw, k, plain=True)}" for k, v in best.items() if k != "value")
                lines.append(f"{metric} {label}: {best['value']:.4g} {unit} at {where}")
        if lines:
            path = os.path.join(self.outdir, "sweep_optimum.txt")
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")
            self.written.append(path)
            for line in lines:
                print(line)

    @staticmethod
    def _key_unit(sw, key, plain=False):
        u = str(sw.raw[sw.keys[key]].attrs.get("units", "1"))
        if key.endswith("composition.active") and u in ("1", "percent", "%"):
            basis = str(fvcase.get(sw.case, key.rsplit(".", 1)[0] + ".basis", "weight"))
            return " wt%" if basis == "weight" else " vol%"
        u = tex_unit(u)
        return f" {u}" if u else ""

    def _key_label(self, sw, key):
        parts = key.split(".")
        if key.endswith("composition.active"):
            text = f"{parts[0]} active material"
        else:
            text = " ".join(p.replace("_", " ") for p in parts)
        u = self._key_unit(sw, key).strip()
        return f"{text} [{u}]" if u else text

    def _sweep_metric(self, sw, keys, metric, what):
        from matplotlib import ticker

        ds = sw.ds
        unit = tex_unit(ds[metric].attrs.get("units", ""))
        d0 = sw.keys[keys[0]]
        d1 = sw.keys[keys[1]] if len(keys) > 1 else None
        rest = {sw.keys[k]: 0 for k in keys[2:]}
        note = "" if not rest else " (" + ", ".join(f"{k} = {float(ds[sw.keys[k]].values[0]):g}" for k in keys[2:]) + ")"
        panels = []
        static = "static_" + metric
        if static in ds:
            panels.append(("static estimate (full utilisation)", ds[static].isel(rest)))
        for r in sw.rates:
            panels.append((f"simulated at {r:g}C", ds[metric].sel(rate=r).isel(rest)))
        vals = np.concatenate([np.asarray(p.values, float).ravel() for _, p in panels])
        vals = vals[np.isfinite(vals)]
        vmin, vmax = (float(vals.min()), float(vals.max())) if len(vals) else (0.0, 1.0)
        if d1 is None:  # one swept key: curves
            fig, ax = self.plt.subplots(figsize=(6.5, 4.2))
            x = np.asarray(ds[d0].values, float)
            for name, z in panels:
                z = np.asarray(z.values, float)
                ax.plot(x, z, "o-", label=name)
                if np.isfinite(z).any():
                    i = int(np.nanargmax(z))
                    ax.plot(x[i], z[i], "k*", ms=12)
            ax.set_xlabel(self._key_label(sw, keys[0]))
            ax.set_ylabel(f"{what.lower()} [{unit}]")
            ax.legend(fontsize=8)
            ax.grid(True, alpha=0.3)
            fig.suptitle(f"{what} of the stack unit; * = optimum{note}")
            self.save(fig, f"sweep_{metric}")
            return
        y = np.asarray(ds[d0].values, float)
        x = np.asarray(ds[d1].values, float)
        xs, ys = (x * 1e6, "m") if str(ds[d1].attrs.get("units")) == "m" else (x, None)
        logx = len(x) > 2 and np.all(x > 0) and np.allclose(np.diff(np.log(x)), np.diff(np.log(x))[0], rtol=1e-6)
        n = len(panels)
        ncol = min(n, 3)
        nrow = (n + ncol - 1) // ncol
        fig, axes = self.plt.subplots(nrow, ncol, figsize=(4.4 * ncol, 3.9 * nrow), squeeze=False)
        fig.subplots_adjust(hspace=0.45, wspace=0.35)
        levels = ticker.MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]).tick_values(vmin, vmax)
        levels = levels[(levels > vmin) & (levels < vmax)]
        m = None
        for ax, (name, z) in zip(axes.ravel(), panels):
            z = np.asarray(z.transpose(d0, d1).values, float)
            m = ax.pcolormesh(xs, y, np.ma.masked_invalid(z), shading="nearest", vmin=vmin, vmax=vmax, cmap="viridis")
            if np.isfinite(z).sum() >= 4 and len(levels) and min(z.shape) >= 2:
                zz = np.where(np.isfinite(z), z, np.nan)
                cs = ax.contour(xs, y, np.ma.masked_invalid(zz), levels=levels, colors="w", linewidths=0.6)
                ax.clabel(cs, fontsize=6, fmt="%g")
            if np.isfinite(z).any():
                iy, ix = np.unravel_index(np.nanargmax(z), z.shape)
                ax.plot(xs[ix], y[iy], "r*", ms=14, mec="k", clip_on=False, zorder=5)
                # the label points into the panel, so it is never cut at the edge
                right = ix >= len(x) / 2
                top = iy >= len(y) / 2
                ax.annotate(f"{z[iy, ix]:.0f}", (xs[ix], y[iy]), textcoords="offset points",
                            xytext=(-8 if right else 8, -8 if top else 8), ha="right" if right else "left",
                            va="top" if top else "bottom", color="r", fontsize=8, weight="bold",
                            bbox={"boxstyle": "round,pad=0.15", "fc": "w", "ec": "none", "alpha": 0.8}, zorder=6)
            if logx:
                ax.set_xscale("log")
                log_ticks(ax, "x", xs)
            elif len(xs) <= 6:
                ax.set_xticks(xs)
            if len(y) <= 6:
                ax.set_yticks(y)
            ax.set_facecolor("0.85")  # members without a result
            ax.set_title(name, fontsize=9)
            ax.set_xlabel(self._key_label(sw, keys[1]), fontsize=8)
            ax.set_ylabel(self._key_label(sw, keys[0]), fontsize=8)
        for ax in axes.ravel()[n:]:
            fig.delaxes(ax)
        fig.colorbar(m, ax=[a for a in axes.ravel()[:n]], label=f"{what.lower()} [{unit}]", shrink=0.9)
        if any(np.isnan(np.asarray(z.values, float)).any() for _, z in panels):
            fig.text(0.5, 0.02, "grey: no result (the member failed; its status says why)", ha="center", fontsize=8)
        fig.suptitle(f"{what} of the stack unit{note}; * = optimum")
        self.save(fig, f"sweep_{metric}")


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="fvcell-plot",
        description="Figures (PNG and PDF) from an fvcell result file or sweep summary. Figures: " + ", ".join(FIGURES) + ".")
    ap.add_argument("file", help="fvcell result file or sweep summary (.nc)")
    ap.add_argument("-o", "--outdir", help="output directory (default: FILE's stem + '_plots' beside it)")
    ap.add_argument("--figures", help="comma-separated figures to draw (default: every one the file supports)")
    ap.add_argument("--vars", help="comma-separated fields for profiles and field maps (default: "
                                   f"{','.join(PROFILE_FIELDS)} for profiles, {','.join(MAP_FIELDS)} for maps)")
    ap.add_argument("--rate", type=float, help="C-rate of the run the profiles and maps show (default: nearest 1C)")
    ap.add_argument("--format", default="png,pdf", help="comma-separated file formats (default: png,pdf)")
    a = ap.parse_args(argv)
    only = [s.strip() for s in a.figures.split(",") if s.strip()] if a.figures else None
    bad = [s for s in only or [] if s not in FIGURES]
    if bad:
        print(f"fvcell-plot: error: --figures: unknown figure {', '.join(bad)} (known: {', '.join(FIGURES)})", file=sys.stderr)
        return 2
    fields = [s.strip() for s in a.vars.split(",") if s.strip()] if a.vars else None
    formats = tuple(s.strip() for s in a.format.split(",") if s.strip())
    try:
        outdir = a.outdir or os.path.splitext(a.file)[0] + "_plots"
        figs = Figures(outdir, formats, only, fields)
        if is_sweep(a.file):
            with open_sweep(a.file) as sw:
                figs.sweep(sw)
        else:
            with open_run(a.file) as res:
                if fields:
                    known = set()
                    for r in res.runs:
                        known |= {n for n, v in r.ds.data_vars.items() if "time" in v.dims and "x" in v.dims}
                    missing = [f for f in fields if f not in known]
                    if missing:
                        raise FvcellError(f"{a.file}: --vars: no field {', '.join(missing)} in the file "
                                          f"(fields: {', '.join(sorted(known))})")
                figs.run_file(res, a.rate)
    except (FvcellError, fvcase.CaseError, OSError) as e:
        print(f"fvcell-plot: error: {e}", file=sys.stderr)
        return 1
    for note in figs.notes:
        print(f"fvcell-plot: note: {note}", file=sys.stderr)
    if not figs.written:
        print(f"fvcell-plot: error: {a.file}: nothing to plot (no records, or no figure of those asked)", file=sys.stderr)
        return 1
    for p in figs.written:
        print(p)
    return 0
