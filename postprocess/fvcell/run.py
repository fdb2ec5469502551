"""fvcell.run -- one fvcell result file (`fvcell run`) as xarray objects.

Owns: opening the root group or the rate groups "rate_<i>" of a run file, the cleaning that makes
every file look like the documented layout (records of a killed run that were only partly written
are dropped; `time` strictly increasing, a step switch kept once as the end state of the finished
step; integer indices as integers, strings as str; a `rate` coordinate per run and on the rate
summary), and the selections by label: a run by C-rate, a cycle, a step, a region across x.
"""
import os

import numpy as np

from . import case as fvcase


class FvcellError(Exception):
    """A file that is missing, unreadable or not what was asked for; the message names it."""


def _xr():
    try:
        import xarray  # Debian's python3-xarray
    except ImportError:  # pragma: no cover - scripts/setup installs it
        raise FvcellError("the fvcell reader needs python3-xarray (apt-get install python3-xarray)") from None
    return xarray


PART_SUFFIX = ".part"  # a run writes PATH.part and renames it to PATH when it ends


def resolve(path):
    """The file to read for path: path itself, or path.part while the run is still being written
    (or was killed: its status says "incomplete")."""
    path = os.fspath(path)
    if not os.path.exists(path) and os.path.isfile(path + PART_SUFFIX):
        return path + PART_SUFFIX
    return path


def check_readable(path):
    """Raise FvcellError unless path is an existing NetCDF file; return its root attributes,
    groups and root variables."""
    if not os.path.exists(path):
        raise FvcellError(f"{path}: no such file (nor {os.path.basename(path)}{PART_SUFFIX})")
    if os.path.isdir(path):
        raise FvcellError(f"{path}: is a directory, not a NetCDF file")
    import netCDF4

    try:
        with netCDF4.Dataset(path) as nc:
            return {k: nc.getncattr(k) for k in nc.ncattrs()}, list(nc.groups), set(nc.variables)
    except OSError as e:
        raise FvcellError(f"{path}: not a readable NetCDF file ({e})") from None


def open_group(path, group=None):
    """A group of the file as an xarray Dataset, values as stored (no fill-value masking: the
    floats' fill is NaN already and integer indices stay integers)."""
    xr = _xr()
    try:
        ds = xr.open_dataset(path, group=group, engine="netcdf4", mask_and_scale=False, decode_times=False,
                             decode_timedelta=False)
    except OSError as e:
        raise FvcellError(f"{path}: cannot open group {group or '/'} ({e})") from None
    for v in ds.variables.values():
        v.attrs.pop("_FillValue", None)
    return ds


def _as_str(a):
    """Strings stored as NC_STRING, as char arrays or as bytes, as an array of str."""
    a = np.asarray(a)
    if a.dtype.kind == "S":
        return np.array([s.decode("utf-8", "replace").rstrip("\x00").strip() for s in a.ravel()],
                        dtype=object).reshape(a.shape)
    if a.dtype.kind in "OU":
        return np.array([(s.decode("utf-8", "replace") if isinstance(s, bytes) else str(s)).strip()
                         for s in a.ravel()], dtype=object).reshape(a.shape)
    return a


def _clean_run(ds):
    """The documented layout from what the file holds (today's and older files)."""
    xr = _xr()
    if "time" not in ds.variables:
        return ds
    t = np.asarray(ds["time"].values, dtype=float)
    ok = np.isfinite(t)
    if "voltage" in ds.variables:
        ok &= np.isfinite(np.asarray(ds["voltage"].values, dtype=float))
    # keep a record only if its time is later than every record before it: a step switch written
    # twice (end of the finished step, then the start of the next at the same time) keeps the first
    tt = np.where(ok, t, -np.inf)
    prev = np.concatenate([[-np.inf], np.maximum.accumulate(tt)[:-1]]) if len(t) else tt
    keep = ok & (t > prev)
    dropped_switch = np.nonzero(ok & ~keep)[0]
    if "step" in ds.dims and "step_initial_voltage" not in ds.variables and "step_index" in ds.variables \
            and "voltage" in ds.variables:
        # older files: the post-jump voltage of a step is the dropped second record of its switch
        v0 = np.full(ds.sizes["step"], np.nan)
        sidx = np.asarray(ds["step_index"].values)
        volt = np.asarray(ds["voltage"].values, dtype=float)
        if len(t) and ok[0] and 0 <= sidx[0] < len(v0):
            v0[sidx[0]] = volt[0]
        for i in dropped_switch:
            s = int(sidx[i]) + 1 if i > 0 and sidx[i] == sidx[i - 1] else int(sidx[i])
            if 0 <= s < len(v0) and np.isnan(v0[s]):
                v0[s] = volt[i]
        ds["step_initial_voltage"] = xr.DataArray(v0, dims=("step",), attrs={
            "units": "V", "long_name": "cell voltage at the start of the step (after the switch)"})
    if not keep.all():
        ds = ds.isel(time=np.nonzero(keep)[0])
    for name in ("step_index", "cycle_index", "step_cycle", "step_protocol_index"):
        if name in ds.variables and ds[name].dtype.kind == "f":
            a = np.asarray(ds[name].values)
            if np.isfinite(a).all():
                ds[name] = ds[name].copy(data=a.astype(np.int32))
    for name, v in list(ds.variables.items()):
        if v.dtype.kind in "SOU" and name not in ds.dims:
            ds[name] = xr.DataArray(_as_str(v.values), dims=v.dims, attrs=v.attrs)
    for d in ("step", "cycle"):  # labels for .sel(step=...), .sel(cycle=...)
        if d in ds.dims and d not in ds.variables:
            ds = ds.assign_coords({d: np.arange(ds.sizes[d], dtype=np.int32)})
    if "rate" in ds.data_vars:
        ds = ds.set_coords("rate")
    elif "rate" not in ds.coords and "c_rate" in ds.attrs:
        ds = ds.assign_coords(rate=float(ds.attrs["c_rate"]))
        ds["rate"].attrs.update(units="1", long_name="C-rate")
    return ds


class Run:
    """One run of a result file (the root group, or one rate group of a rate list).

    ds       the run as an xarray Dataset (dimension time, and x [, y, z] for fields, step, cycle)
    rate     the C-rate (None when the file does not say)
    name     the group ("rate_0", ...; "/" for a root run)
    reason   why the run ended ("" while it has not)
    """

    def __init__(self, ds, name, case, path):
        self.ds = ds
        self.name = name
        self.case = case
        self.path = path
        self.rate = float(ds["rate"].values) if "rate" in ds.coords else None
        self.reason = str(ds.attrs.get("termination_reason", ""))
        self._bounds = fvcase.region_bounds(case)

    def __repr__(self):
        r = f"{self.rate:g}C" if self.rate is not None else "no rate"
        return f"<fvcell.Run {self.name} ({r}): {self.ds.sizes.get('time', 0)} records, {self.dim}D>"

    @property
    def label(self):
        """'1C' (or the group name when the rate is unknown)."""
        return f"{self.rate:g}C" if self.rate is not None else self.name

    @property
    def dim(self):
        """1, 2 or 3: fields on (time, x), (time, y, x) or (time, z, y, x)."""
        if "mesh_dimension" in self.ds.attrs:
            return int(self.ds.attrs["mesh_dimension"])
        return 1 + ("y" in self.ds.dims) + ("z" in self.ds.dims)

    @property
    def cycles(self):
        """The cycle labels present in the records (the file's 0-based cycle_index)."""
        if "cycle_index" not in self.ds.variables:
            return [0] if self.ds.sizes.get("time", 0) else []
        return [int(c) for c in np.unique(self.ds["cycle_index"].values)]

    @property
    def steps(self):
        """The step labels of the run (rows of the step table; 0-based, counting across cycles)."""
        if "step" in self.ds.dims:
            return list(range(self.ds.sizes["step"]))
        if "step_index" in self.ds.variables:
            return [int(s) for s in np.unique(self.ds["step_index"].values)]
        return []

    @property
    def step_table(self):
        """The per-step table (dimension step): start/end time, capacity, energy, cycle, protocol
        index, end reason, initial voltage; None for a run without one."""
        if "step" not in self.ds.dims:
            return None
        names = [n for n, v in self.ds.variables.items() if v.dims[:1] == ("step",) and n != "step"]
        return self.ds[names]

    def cycle(self, n):
        """The records of cycle n (the file's cycle_index label)."""
        if n not in self.cycles:
            raise FvcellError(f"{self.path}: run {self.label}: no cycle {n} (cycles: {self.cycles})")
        if "cycle_index" not in self.ds.variables:
            return self.ds
        return self.ds.isel(time=np.nonzero(self.ds["cycle_index"].values == n)[0])

    def step(self, n, with_start=False):
        """The records of step n (step_index == n) with two more variables: time_in_step [s] and
        capacity_in_step [A h m-2], counted from the step's start. with_start=True puts the
        step-switch record in front (it belongs to the step before: the end state at the switch
        time), with the voltage of the step's start (step_initial_voltage) when the file has it,
        so that a step's curve starts at zero capacity."""
        if "step_index" not in self.ds.variables:
            raise FvcellError(f"{self.path}: run {self.label}: no step_index in the file")
        sidx = self.ds["step_index"].values
        idx = np.nonzero(sidx == n)[0]
        if not len(idx):
            raise FvcellError(f"{self.path}: run {self.label}: no records of step {n} (steps: {self.steps})")
        t = self.ds["time"].values
        t0 = float(self.ds["step_start_time"].values[n]) if "step_start_time" in self.ds.variables else float(t[idx[0]])
        if with_start and idx[0] > 0 and sidx[idx[0] - 1] != n:
            idx = np.concatenate([[idx[0] - 1], idx])
        sel = self.ds.isel(time=idx)
        if with_start and "step_initial_voltage" in self.ds.variables and idx[0] != np.nonzero(sidx == n)[0][0]:
            v0 = float(self.ds["step_initial_voltage"].values[n])
            if np.isfinite(v0):
                volt = sel["voltage"].values.copy()
                volt[0] = v0
                sel["voltage"] = sel["voltage"].copy(data=volt)
        sel["time_in_step"] = (sel["time"] - t0).assign_attrs(units="s", long_name="time since the start of the step")
        if "capacity" in sel.variables:
            cap0 = float(np.interp(t0, t, self.ds["capacity"].values))
            sel["capacity_in_step"] = (sel["capacity"] - cap0).assign_attrs(
                units="A h m-2", long_name="charge delivered since the start of the step")
        return sel

    def step_kind(self, n):
        """'discharge', 'charge' or 'rest' from the step's delivered capacity (None if unknown)."""
        tab = self.step_table
        if tab is None or "step_capacity" not in tab:
            return None
        c = float(tab["step_capacity"].values[n])
        cap_scale = max(float(np.nanmax(np.abs(tab["step_capacity"].values))), 1e-30)
        if abs(c) < 1e-6 * cap_scale:
            return "rest"
        return "discharge" if c > 0 else "charge"

    def discharge_steps(self):
        """The steps that delivered charge, in order."""
        return [s for s in self.steps if self.step_kind(s) == "discharge"]

    @property
    def regions(self):
        """{region: (x_start, x_end)} [m] from the resolved case (negative, separator, positive)."""
        return dict(self._bounds)

    def region_masks(self):
        """A Dataset of boolean masks on x: negative, separator, positive (from the case; without
        a case in the file, from where c_s_surf has values)."""
        xr = _xr()
        if "x" not in self.ds.coords:
            raise FvcellError(f"{self.path}: run {self.label} has no x coordinate")
        x = self.ds["x"].values
        if self._bounds:
            names = fvcase.region_of(x, self._bounds)
        else:
            names = self._regions_from_fields(x)
        return xr.Dataset({r: ("x", names == r) for r in fvcase.REGIONS}, coords={"x": self.ds["x"]})

    def _regions_from_fields(self, x):
        names = np.full(len(x), "separator", dtype=object)
        if "c_s_surf" in self.ds.variables and self.ds.sizes.get("time", 0):
            a = np.asarray(self.ds["c_s_surf"].isel(time=0).values, dtype=float)
            solid = np.isfinite(a.reshape(-1, a.shape[-1])).any(axis=0)
            gaps = np.nonzero(~solid)[0]
            if len(gaps):
                names[: gaps[0]][solid[: gaps[0]]] = "negative"
                names[gaps[-1] + 1:] = "positive"
            else:
                names[:] = "positive"
        return names

    def region(self, name):
        """The run restricted to the cells of one region across x."""
        if name not in fvcase.REGIONS:
            raise FvcellError(f"region {name!r}: expected one of {', '.join(fvcase.REGIONS)}")
        mask = self.region_masks()[name].values
        return self.ds.isel(x=np.nonzero(mask)[0])

    def at(self, time):
        """The record nearest to time [s]."""
        return self.ds.sel(time=time, method="nearest")


class Result:
    """A run file: its runs (one per rate of a rate list, or the root run), the rate summary, the
    resolved case and the file's status. Use fvcell.open(path)."""

    def __init__(self, path):
        path = resolve(path)
        attrs, groups, root_vars = check_readable(path)
        self.path = path
        self.attrs = attrs
        self.case = fvcase.parse(str(attrs.get("case", "")))
        self.name = str(self.case.get("name") or os.path.splitext(os.path.basename(path))[0])
        self.runs = []
        if "time" in root_vars and "voltage" in root_vars:
            self.runs.append(Run(_clean_run(open_group(path)), "/", self.case, path))
        rate_groups = sorted((g for g in groups if g.startswith("rate_") and g[5:].isdigit()), key=lambda g: int(g[5:]))
        for g in rate_groups:
            ds = open_group(path, g)
            if "time" in ds.variables:
                self.runs.append(Run(_clean_run(ds), g, self.case, path))
        self.summary = None
        if "discharge_capacity" in root_vars and ("rate" in root_vars or "c_rate" in root_vars):
            s = open_group(path)
            names = [n for n, v in s.variables.items() if v.dims == ("rate",)]
            s = s[names]
            src = "rate" if "rate" in s.variables else "c_rate"
            if src in s.variables:  # older files: c_rate(rate) without a coordinate variable
                rate = s[src]
                s = s.drop_vars(src).assign_coords(rate=("rate", np.asarray(rate.values, dtype=float), rate.attrs))
            self.summary = s
        self._root_vars = root_vars

    def __repr__(self):
        return f"<fvcell.Result {self.path}: case {self.name}, rates {self.rates}, status {self.status!r}>"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        for r in self.runs:
            r.ds.close()
        if self.summary is not None:
            self.summary.close()

    @property
    def status(self):
        """"ok", "solver stop: <reason>" or "incomplete" (older files: "ok" once a termination reason
        is written, "incomplete" before)."""
        if "status" in self.attrs:
            return str(self.attrs["status"])
        return "ok" if self.attrs.get("termination_reason") else "incomplete"

    @property
    def rates(self):
        """The C-rates of the runs, in file order ([] for a root run without a rate)."""
        return [r.rate for r in self.runs if r.rate is not None]

    def rate(self, c):
        """The run at C-rate c (matched to 1e-9 relative)."""
        for r in self.runs:
            if r.rate is not None and abs(r.rate - c) <= 1e-9 * max(abs(c), 1.0):
                return r
        raise FvcellError(f"{self.path}: no run at {c:g}C (rates: {', '.join(f'{x:g}' for x in self.rates) or 'none'})")

    @property
    def run(self):
        """The only run of the file (a rate list with several rates: choose one with rate())."""
        if len(self.runs) != 1:
            raise FvcellError(f"{self.path}: {len(self.runs)} runs in the file; choose one with .rate(c) "
                              f"(rates: {', '.join(f'{x:g}' for x in self.rates)})")
        return self.runs[0]

    @property
    def ds(self):
        return self.run.ds

    def cycle(self, n):
        return self.run.cycle(n)

    def step(self, n, with_start=False):
        return self.run.step(n, with_start)

    def region(self, name):
        return self.run.region(name)

    def region_masks(self):
        return self.run.region_masks()
