"""fvcell.sweep -- a sweep summary file (`fvcell sweep`) as an xarray Dataset.

Owns: the Dataset indexed by the swept keys (one dimension per key, named as in the file, plus
rate), the per-member status as strings ("ok" or "failed: <reason>", also from older files that
store an integer flag and a reason), the masking of the results of members that did not finish,
selection by case key and the optimum of a result.
"""
import os

import numpy as np

from . import case as fvcase
from .run import FvcellError, _as_str, check_readable, open_group, resolve


class Sweep:
    """A sweep summary. Use fvcell.open(path).

    ds      the results, members that did not finish masked (NaN); dims: the swept keys, rate
    raw     the file as stored
    keys    {case key: dimension name}, in the file's order (e.g. {"separator.thickness":
            "separator_thickness"})
    rates   the C-rates
    status  "ok" or "failed: <reason>" per member and rate (a DataArray of str)
    ok      status == "ok" (a boolean DataArray)
    """

    def __init__(self, path):
        path = resolve(path)
        attrs, _, _ = check_readable(path)
        self.path = path
        self.attrs = attrs
        self.case = fvcase.parse(str(attrs.get("case", "")))
        name = self.case.get("name") or os.path.splitext(os.path.basename(str(attrs.get("case_file", path))))[0]
        self.name = str(name)
        raw = open_group(path)
        if "status" not in raw.variables:
            raise FvcellError(f"{path}: a sweep summary without a status variable")
        self.raw = raw
        dims = raw["status"].dims
        self.keys = {str(raw[d].attrs.get("case_key", d)) if d in raw.variables else d: d for d in dims if d != "rate"}
        self.rates = [float(r) for r in raw["rate"].values] if "rate" in raw.variables else []
        self.status = self._status_strings(raw)
        self.ok = self.status == "ok"
        ds = raw.copy()
        ds["status"] = self.status
        for name, v in raw.data_vars.items():
            if name in ("status", "reason") or v.dtype.kind != "f":
                continue
            if set(self.ok.dims) <= set(v.dims):
                ds[name] = v.where(self.ok)
        self.ds = ds

    def __repr__(self):
        sizes = ", ".join(f"{k} ({self.ds.sizes[d]})" for k, d in self.keys.items())
        return f"<fvcell.Sweep {self.path}: {sizes}; rates {self.rates}; {int(self.ok.sum())} of {self.ok.size} ok>"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.raw.close()

    @staticmethod
    def _status_strings(raw):
        st = raw["status"]
        if st.dtype.kind in "SOU":
            return st.copy(data=_as_str(st.values))
        reason = _as_str(raw["reason"].values) if "reason" in raw.variables else np.full(st.shape, "", dtype=object)
        meanings = str(st.attrs.get("flag_meanings", "")).split()
        flags = [int(f) for f in np.atleast_1d(st.attrs.get("flag_values", []))]
        out = np.empty(st.shape, dtype=object)
        code = np.asarray(st.values)
        for idx in np.ndindex(st.shape):
            c = int(code[idx])
            if c == 0:
                out[idx] = "ok"
            else:
                why = str(reason[idx]) or (meanings[flags.index(c)] if c in flags and flags.index(c) < len(meanings) else f"status {c}")
                out[idx] = f"failed: {why}"
        return st.copy(data=out).assign_attrs(long_name="member status: ok or failed: <reason>")

    def dim(self, key):
        """The dimension of a case key (or a dimension name itself)."""
        if key in self.keys:
            return self.keys[key]
        if key in self.keys.values() or key == "rate":
            return key
        raise FvcellError(f"{self.path}: {key!r} is not a swept key (swept: {', '.join(self.keys)})")

    def sel(self, selection=None, **kw):
        """ds.sel by case keys or dimension names: sw.sel({"separator.thickness": 20}, rate=0.5)."""
        sel = dict(selection or {})
        sel.update(kw)
        return self.ds.sel({self.dim(k): v for k, v in sel.items()})

    def optimum(self, var, rate=None):
        """{case key: value, ..., "value": best} of the largest finite value of var (at one rate if
        var has a rate dimension); None when no member has a value."""
        a = self.ds[var]
        if "rate" in a.dims:
            if rate is None:
                raise FvcellError(f"{var} depends on the rate: give rate= (rates: {self.rates})")
            a = a.sel(rate=rate)
        vals = np.asarray(a.values, dtype=float)
        if not np.isfinite(vals).any():
            return None
        idx = np.unravel_index(np.nanargmax(vals), vals.shape)
        out = {}
        for k, d in self.keys.items():
            if d in a.dims:
                out[k] = float(a[d].values[idx[a.dims.index(d)]])
        out["value"] = float(vals[idx])
        return out
