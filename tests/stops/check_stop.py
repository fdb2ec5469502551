#!/usr/bin/env python3
"""Run fvcell and check that each protocol step ended for the expected, named reason.

usage: check_stop.py OUT.nc 'REGEX0 ## REGEX1 ## ...' -- FVCELL run CASE [options]
(every '@@' in the fvcell arguments becomes ';')

The run may end with a solver stop (a non-zero exit status is fine) but not with a crash
(a signal), and its output must be readable with one step_end_reason per step matching the
regexes in order ('*' matches anything). A reason must never be an IDA code alone.
"""
import re
import subprocess
import sys

import netCDF4

out, patterns = sys.argv[1], sys.argv[2].split(" ## ")
# CMake splits arguments at ';', so the protocol's step separator is written '@@' in the test
cmd = [a.replace("@@", ";") for a in sys.argv[sys.argv.index("--") + 1:]]
print("command:", " ".join(cmd))
proc = subprocess.run(cmd + ["-o", out], capture_output=True, text=True, timeout=600)
sys.stdout.write(proc.stdout[-2000:])
sys.stderr.write(proc.stderr[-2000:])
if proc.returncode < 0:
    sys.exit(f"fvcell died with signal {-proc.returncode}")
with netCDF4.Dataset(out) as d:
    g = d.groups["rate_0"] if "rate_0" in d.groups else d
    v = g.variables["step_end_reason"]
    raw = v[:]
    reasons = [str(r) for r in raw] if v.dtype == str else [str(s) for s in netCDF4.chartostring(raw)]
print("reasons:", reasons)
if len(reasons) < len(patterns):
    sys.exit(f"{len(reasons)} steps recorded, {len(patterns)} expected")
for k, (p, r) in enumerate(zip(patterns, reasons)):
    if p != "*" and not re.search(p, r):
        sys.exit(f"step {k}: reason {r!r} does not match {p!r}")
    if re.fullmatch(r"\s*IDA_[A-Z_]+\s*", r):
        sys.exit(f"step {k}: a bare solver code: {r!r}")
print("ok")
