"""fvcell -- read fvcell's NetCDF result files as xarray objects.

Owns: the package entry point. `fvcell.open(path)` gives a Result for a run file (`fvcell run`)
or a Sweep for a sweep summary (`fvcell sweep`); the figures are in fvcell.plot (the fvcell-plot
command). Plain Python on Debian's python3-xarray, python3-netcdf4 and python3-yaml; importable
from the source tree: PYTHONPATH=postprocess /usr/bin/python3 -c "import fvcell".
"""
import os as _os

# Read a file that a running fvcell is still writing: HDF5's own file lock would refuse it.
_os.environ.setdefault("HDF5_USE_FILE_LOCKING", "FALSE")

from . import case  # noqa: E402
from .run import FvcellError, Result, Run, check_readable, resolve  # noqa: E402
from .sweep import Sweep  # noqa: E402

__all__ = ["open", "open_run", "open_sweep", "is_sweep", "Result", "Run", "Sweep", "FvcellError", "case"]


def is_sweep(path):
    """Whether path is a sweep summary (False for anything unreadable: open() says why)."""
    try:
        attrs, _, variables = check_readable(resolve(path))
    except FvcellError:
        return False
    return str(attrs.get("fvcell_kind", "")) == "sweep" or ("status" in variables and "static_energy_density" in variables)


def open_run(path):
    """A run file as a Result."""
    res = Result(path)
    if not res.runs and res.summary is None:
        attrs, _, variables = check_readable(res.path)
        if "fvcell_version" in attrs:
            raise FvcellError(f"{path}: fvcell file with no run in it yet (status: {res.status})")
        raise FvcellError(f"{path}: not an fvcell result file (no time and voltage in the root group or a "
                          "rate group, no rate summary)")
    return res


def open_sweep(path):
    """A sweep summary as a Sweep."""
    return Sweep(path)


def open(path):  # noqa: A001 - the package's verb, as xarray.open_dataset
    """A run file as a Result, a sweep summary as a Sweep. A path that does not exist yet is read
    from path.part, the file of a run still being written (or killed)."""
    return open_sweep(path) if is_sweep(path) else open_run(path)
