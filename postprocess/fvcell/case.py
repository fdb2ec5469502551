"""fvcell.case -- the resolved case stored in a result file, as a dict, and the cell's regions.

Owns: parsing the `case` attribute (the resolved case YAML: every value in SI units, written as
"<number> <unit>" strings), reading a quantity out of it, and the region boundaries across x
(negative | separator | positive) that the region masks use.
"""
import re

import numpy as np

REGIONS = ("negative", "separator", "positive")


class CaseError(ValueError):
    """The case text is missing a key or holds a value that is not a quantity."""


def parse(text):
    """The resolved case YAML as a dict ({} for an empty or absent case)."""
    if not text:
        return {}
    try:
        import yaml  # Debian's python3-yaml
    except ImportError:  # pragma: no cover - scripts/setup installs it
        raise CaseError("reading the case needs python3-yaml (apt-get install python3-yaml)") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise CaseError(f"the case attribute is not valid YAML ({e})") from None
    return data if isinstance(data, dict) else {}


def get(case, key, default=KeyError):
    """The value at a dotted key ("positive.thickness"); default if given, else CaseError."""
    node = case
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            if default is KeyError:
                raise CaseError(f"case key {key}: not in the case")
            return default
        node = node[part]
    return node


_QUANTITY = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def quantity(value, key="value"):
    """(number, unit) of a resolved value: 1e-4 -> (1e-4, ""), "0.0001 m" -> (1e-4, "m")."""
    if isinstance(value, bool):
        raise CaseError(f"case key {key}: {value!r} is not a number")
    if isinstance(value, (int, float)):
        return float(value), ""
    m = _QUANTITY.match(str(value))
    if not m:
        raise CaseError(f"case key {key}: {value!r} is not a number with an optional unit")
    return float(m.group(1)), m.group(2)


def value(case, key, default=KeyError):
    """The number at a dotted key, in the SI unit the resolved case is written in; default (if
    given) when the key is absent."""
    v = get(case, key, None)
    if v is None:
        if default is KeyError:
            raise CaseError(f"case key {key}: not in the case")
        return default
    return quantity(v, key)[0]


def region_bounds(case):
    """{region: (x_start, x_end)} [m] across the cell from the case's thicknesses. A metal (or
    otherwise unmeshed) negative electrode has no cells in x: its region is empty and x = 0 is the
    metal | separator face. Empty dict when the case lacks the thicknesses."""
    neg = case.get("negative") or {}
    try:
        ls = value(case, "separator.thickness")
        lp = value(case, "positive.thickness")
    except CaseError:
        return {}
    meshed = isinstance(neg, dict) and "cells" in neg and neg.get("type", "porous") != "metal"
    ln = value(case, "negative.thickness", 0.0) if meshed else 0.0
    return {"negative": (0.0, ln), "separator": (ln, ln + ls), "positive": (ln + ls, ln + ls + lp)}


def region_of(x, bounds):
    """Region name per x [m] (cell centres): an array of strings ("" where no region)."""
    x = np.asarray(x, dtype=float)
    out = np.full(x.shape, "", dtype=object)
    for name in REGIONS:
        lo, hi = bounds.get(name, (0.0, 0.0))
        if hi > lo:
            out[(x >= lo) & (x < hi)] = name
    if "positive" in bounds:  # the last centre sits inside; a rounding error must not drop it
        lo, hi = bounds["positive"]
        out[(x >= lo) & (x <= hi * (1 + 1e-9))] = "positive"
    return out
