#!/usr/bin/python3
"""bench/report.py -- turns bench/run's raw measurements into bench/results.md.

Inputs (written by bench/run into its scratch directory):
  configs.tsv   id, label, environment, fvcell options
  timings.tsv   id, solve s, process s, steps, residuals, Jacobians, linear solves (one line a run)
  accuracy.tsv  id, NetCDF path of the run with -fvcell_output_interval 10, then the same numbers
  the reference NetCDF file, the -log_view output, and optionally `perf script` output or
  callgrind_annotate output of the default configuration.
Accuracy: max |V - V_ref| over the output times (multiples of 10 s) that both runs reached, the
same restricted to V_ref >= 3.5 V (before the end-of-discharge knee), the delivered capacity's
relative error and the cut-off time difference.
"""
import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
from collections import defaultdict

import numpy as np
import netCDF4

PLATEAU_V = 3.55  # V: the "plateau" metric only counts times where V_ref >= this (the knee starts below)
TOL_MV = 1.0     # the accuracy target


def load(path):
    with netCDF4.Dataset(path) as d:
        g = d.groups.get("rate_0", d)
        t = np.asarray(g.variables["time"][:], dtype=float)
        v = np.asarray(g.variables["voltage"][:], dtype=float)
        cap = float(np.asarray(g.variables["capacity"][:], dtype=float)[-1])
    return t, v, cap


def compare(ref, path):
    tr, vr, cr = ref
    t, v, c = load(path)
    tend = min(t[-1], tr[-1])
    # the fixed output times: multiples of the 10 s interval present in both files
    def grid(tt):
        k = np.round(tt / 10.0)
        ok = np.abs(tt - 10.0 * k) < 1e-6
        return {int(kk): i for i, kk in zip(np.nonzero(ok)[0], k[ok])}
    gr, gc = grid(tr), grid(t)
    common = sorted(k for k in gr if k in gc and 10.0 * k <= tend)
    ir = np.array([gr[k] for k in common])
    ic = np.array([gc[k] for k in common])
    dv = np.abs(v[ic] - vr[ir])
    i = int(np.argmax(dv))
    plateau = vr[ir] >= PLATEAU_V
    return {
        "max_dv_mv": 1e3 * float(dv[i]),
        "t_max": 10.0 * common[i],
        "max_dv_plateau_mv": 1e3 * float(dv[plateau].max()) if plateau.any() else float("nan"),
        "cap_err_pct": 100.0 * (c - cr) / cr,
        "dt_end": t[-1] - tr[-1],
        "n": len(common),
    }


def parse_run_line(fields):
    """solve s, process s, steps, residuals, Jacobians, linear solves[, process CPU s]"""
    s, p, st, r, j, l = fields[:6]
    cpu = float(fields[6]) if len(fields) > 6 else float("nan")
    return float(s), float(p), int(st), int(r), int(j), int(l), cpu


def sh(cmd, cwd=None):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False).stdout.rstrip()
    except OSError:
        return ""


def machine(root, fvcell, pin):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    commit = sh(["git", "rev-parse", "HEAD"], cwd=root).strip() or "unknown"
    dirty = sh(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root)
    dirty_files = [l[3:] for l in dirty.splitlines() if l[3:] and not l[3:].startswith("bench/")]
    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"] * 3
    return {
        "nproc": sh(["nproc"]).strip() or str(os.cpu_count()),
        "cpu": cpu,
        "kernel": sh(["uname", "-r"]).strip(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "dirty": dirty_files,
        "fvcell": fvcell,
        "load": " ".join(load),
        "pin": pin or "not pinned",
    }


# ---------------------------------------------------------------------------------------------
# -log_view
def logview_events(path):
    events, total = [], None
    try:
        text = open(path).read()
    except OSError:
        return events, total
    m = re.search(r"^Time \(sec\):\s+(\S+)", text, re.M)
    if m:
        total = float(m.group(1))
    in_events = False
    for line in text.splitlines():
        if line.startswith("--- Event Stage 0"):
            in_events = True
            continue
        if in_events and (line.startswith("--- Event Stage 1") or line.startswith("Memory usage")
                          or line.startswith("----")):
            if events:
                break
            continue
        if in_events:
            f = line.split()
            if len(f) >= 5:
                try:
                    events.append((f[0], int(f[1]), float(f[3])))
                except ValueError:
                    pass
    events.sort(key=lambda e: -e[2])
    return events, total


# ---------------------------------------------------------------------------------------------
# perf script -F comm,tid,period,ip,sym,dso  (dwarf call graphs, leaf first)
FRAME = re.compile(r"^\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$")


def perf_samples(path):
    comm, period, frames = None, 0, []
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                if comm is not None:
                    yield comm, period, frames
                comm, period, frames = None, 0, []
                continue
            if not line[0].isspace():
                parts = line.split()
                comm = parts[0]
                try:
                    period = int(parts[-1])
                except ValueError:
                    period = 1
                frames = []
                continue
            m = FRAME.match(line)
            if m:
                frames.append((m.group(2), m.group(3)))
    if comm is not None:
        yield comm, period, frames


SOLVE_CATS = [
    "Jacobian: residual evaluations for finite differences (MatFDColoringApply)",
    "Jacobian: KLU numeric factorisation",
    "Jacobian: colouring overhead (MatFDColoringApply vector ops, copies)",
    "linear solves (KLU triangular solves via KSPSolve)",
    "residual evaluations (IDA Newton iterations and predictor)",
    "root function (cut-off voltage)",
    "MPI_Allreduce (N_VWrmsNorm/N_VMin/... reductions)",
    "IDA vector operations (N_Vector over PETSc Vec)",
    "IDA internals and other",
]


SOLVE_MARKERS = {"FvIntegratorStep", "FvIntegratorReset", "IDASolve", "IDACalcIC", "JacobianSetup",
                 "LSSetup", "LSSolve", "Residual", "FDFunction", "Roots", "SUNNonlinSolSolve_Newton",
                 "idaLsSolve", "idaLsSetup", "idaLsPSetup"}


def classify(comm, frames):
    names = [s for s, _ in frames]
    dsos = [d for _, d in frames]
    has = lambda *keys: any(n == k or n.startswith(k) for n in names for k in keys)
    if comm not in ("fvcell",):
        return "process", "other processes (orted singleton daemon, bash)"
    # inside the time integration: FvIntegratorStep, or (when the unwinder stopped early in IDA's
    # frames) one of the callbacks IDA makes into fvcell
    if any(n in SOLVE_MARKERS for n in names):
        if "JacobianSetup" in names:
            if has("FDFunction", "FvProblemResidual"):
                return "solve", SOLVE_CATS[0]
            if has("klu_", "MatLUFactor", "PCSetUp", "KSPSetUp"):
                return "solve", SOLVE_CATS[1]
            return "solve", SOLVE_CATS[2]
        if has("LSSolve", "KSPSolve", "klu_"):
            return "solve", SOLVE_CATS[3]
        if has("Roots", "FvProblemVoltage"):
            return "solve", SOLVE_CATS[5]
        if has("FvProblemResidual", "Residual"):
            return "solve", SOLVE_CATS[4]
        if has("PMPI_Allreduce", "MPI_Allreduce", "ompi_coll", "mca_coll", "ompi_op", "opal_"):
            return "solve", SOLVE_CATS[6]
        if has("N_V"):
            return "solve", SOLVE_CATS[7]
        return "solve", SOLVE_CATS[8]
    # the only file writer is the NetCDF output; stacks cut short at the system call still show it
    if has("WriteRecord", "FvOutput", "nc_", "NC4_", "NC_", "H5", "__GI_fsync", "fsync", "__libc_pwrite",
           "__GI_pwritev", "pwritev", "__x64_sys_fsync", "ext4_sync_file", "__x64_sys_pwrite64",
           "ksys_pwrite64", "__x64_sys_pwritev"):
        return "process", "NetCDF output (per-record append + nc_sync/fsync, create, close)"
    if has("PetscInitialize", "PMPI_Init", "MPI_Init", "ompi_mpi_init", "orte_init"):
        return "process", "MPI + PETSc initialisation (Open MPI singleton start, hwloc, plugins)"
    if has("PetscFinalize", "MPI_Finalize", "ompi_mpi_finalize", "exit", "__run_exit_handlers", "_dl_fini"):
        return "process", "finalisation and exit"
    if has("clock_nanosleep", "__GI___clock_nanosleep", "epoll_wait", "opal_progress", "opal_libevent", "event_base_loop", "pmix"):
        return "process", "Open MPI runtime threads (PMIx, event loop: polling and sleeping)"
    if has("FvRunDischarge", "FvIntegratorCreate", "FvProblemCreate", "FvRunCase"):
        return "process", "solver set-up and per-step bookkeeping outside IDA (colouring, IC, voltage)"
    if has("FvCase", "yaml_"):
        return "process", "case loading (YAML)"
    if any("ld-linux" in d for d in dsos) or has("_dl_", "dl_main", "_start"):
        return "process", "dynamic loading and relocation (118 shared libraries)"
    return "process", "other (kernel: exec, page faults, scheduling; unattributed)"


def perf_profile(path):
    solve, proc = defaultdict(int), defaultdict(int)
    tot_solve = tot = 0
    nsamp = 0
    for comm, period, frames in perf_samples(path):
        kind, cat = classify(comm, frames)
        nsamp += 1
        tot += period
        if kind == "solve":
            solve[cat] += period
            tot_solve += period
            proc["time integration (IDA: everything above)"] += period
        else:
            proc[cat] += period
    return solve, tot_solve, proc, tot, nsamp


def perf_top_symbols(path, n=15):
    """Self time of the leaf symbols inside the time integration."""
    cnt, tot = defaultdict(int), 0
    for comm, period, frames in perf_samples(path):
        if comm != "fvcell" or not frames or not any(s in SOLVE_MARKERS for s, _ in frames):
            continue
        sym, dso = frames[0]
        cnt[(sym, os.path.basename(dso))] += period
        tot += period
    return sorted(cnt.items(), key=lambda kv: -kv[1])[:n], tot


def callgrind_summary(path, keys):
    rows, total = {}, None
    try:
        for line in open(path):
            m = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+(\S+)", line)
            if not m:
                continue
            ir, pct, where = int(m.group(1).replace(",", "")), float(m.group(2)), m.group(3)
            if "PROGRAM TOTALS" in line:
                total = ir
            fn = where.split(":", 1)[-1]
            for k in keys:
                if fn == k and k not in rows:
                    rows[k] = (ir, pct)
    except OSError:
        pass
    return rows, total


# ---------------------------------------------------------------------------------------------
def more_runs(a, w):
    """Other rates and cases (bench/run's MORE_RUNS), each against its own reference."""
    if not a.more_acc or not os.path.exists(a.more_acc) or os.path.getsize(a.more_acc) == 0:
        return
    times = defaultdict(list)
    if a.more_time and os.path.exists(a.more_time):
        for line in open(a.more_time):
            f = line.split()
            times[f[0]].append(parse_run_line(f[1:8]))
    w("## Other rates and the Marquis2019 DFN\n")
    w("Each against its own converged reference (options in the last column; same metrics as "
      "above, medians of the timed runs).\n")
    w("| run | median solve ms | min solve ms | median process ms | median process CPU ms | steps "
      "| residuals | Jacobians | linear solves | max \\|dV\\| mV vs converged | max \\|dV\\| plateau mV "
      "| capacity error % | reference |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for line in open(a.more_acc):
        f = line.rstrip("\n").split("\t")
        rid, label, case, rate, opts, refopts, refp, accp = f[:8]
        rs = times.get(rid, [])
        cm = compare(load(refp), accp)
        if rs:
            solve = statistics.median(r[0] for r in rs) * 1e3
            smin = min(r[0] for r in rs) * 1e3
            proc = statistics.median(r[1] for r in rs) * 1e3
            cpus = [r[6] for r in rs if r[6] == r[6]]
            cpu = f"{statistics.median(cpus)*1e3:.0f}" if cpus else "n/a"
            counts = rs[0][2:6]
        else:
            solve = smin = proc = float("nan")
            cpu = "n/a"
            counts = parse_run_line(f[8].split())[2:6]
        w(f"| {label}<br>`{case} -rates {rate} {opts}` | {solve:.1f} | {smin:.1f} | {proc:.0f} | {cpu} "
          f"| {counts[0]} | {counts[1]} | {counts[2]} | {counts[3]} | {cm['max_dv_mv']:.2f} (t={cm['t_max']:.0f} s) "
          f"| {cm['max_dv_plateau_mv']:.2f} | {cm['cap_err_pct']:+.4f} | `{refopts}` |")
    w("")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--configs", required=True)
    ap.add_argument("--timings", required=True)
    ap.add_argument("--accuracy", required=True)
    ap.add_argument("--ref", required=True)
    ap.add_argument("--ref-opts", default="")
    ap.add_argument("--refcheck", action="append", default=[])
    ap.add_argument("--logview", default="")
    ap.add_argument("--perf", default="")
    ap.add_argument("--callgrind", default="")
    ap.add_argument("--fvcell", default="")
    ap.add_argument("--case", default="")
    ap.add_argument("--note", default="")
    ap.add_argument("--root", default=".")
    ap.add_argument("--n", default="")
    ap.add_argument("--bench-seconds", default="")
    ap.add_argument("--pin", default="")
    ap.add_argument("--analysis", default="")
    ap.add_argument("--more-acc", default="")
    ap.add_argument("--more-time", default="")
    ap.add_argument("--load-start", default="")
    ap.add_argument("-o", required=True)
    a = ap.parse_args()

    configs = []
    for line in open(a.configs):
        f = line.rstrip("\n").split("\t")
        configs.append({"id": f[0], "label": f[1], "env": f[2], "opts": f[3]})
    runs = defaultdict(list)
    for line in open(a.timings):
        f = line.split()
        runs[f[0]].append(parse_run_line(f[1:8]))
    acc = {}
    for line in open(a.accuracy):
        f = line.split("\t")
        acc[f[0]] = (f[1], parse_run_line(f[2].split()))

    ref = load(a.ref)
    out = []
    w = out.append
    mach = machine(a.root, a.fvcell, a.pin)
    w("# fvcell benchmark: 1C DUALFOIL discharge\n")
    w("Generated by `bench/run` (do not edit by hand; the analysis at the end comes from "
      "`bench/analysis.md`). Case `cases/reference/dualfoil.yaml -rates 1`, one MPI rank.\n")
    w("| | |\n|---|---|")
    w(f"| date | {mach['date']} |")
    w(f"| git commit of the work tree | `{mach['commit']}`" +
      (f" + uncommitted changes in {', '.join('`%s`' % d for d in mach['dirty'])}" if mach["dirty"] else "") + " |")
    w(f"| machine | {mach['nproc']} CPUs, {mach['cpu']}, Linux {mach['kernel']} |")
    if a.load_start:
        w(f"| load average at the start | {a.load_start} (1, 5, 15 min) |")
    w(f"| load average at the end | {mach['load']} (the machine is shared: medians, not means; "
      "the minimum is the best estimate of the uncontended time) |")
    w(f"| pinning | {mach['pin']} |")
    w(f"| executable | `{mach['fvcell']}` |")
    w(f"| case file | `{a.case}` |")
    if a.note:
        w(f"| note | {a.note} |")
    w(f"| runs per configuration | {a.n} timed (round-robin over configurations) + 1 accuracy run |")
    w(f"| bench wall time | {a.bench_seconds} s |")
    w("")
    w("**Solve** = the in-process time-integration wall time printed by fvcell (IDA steps only; "
      "excludes start-up, set-up, output). **Process** = wall time of the whole `fvcell run` "
      "command, measured around it (MPI/PETSc start-up, case loading, set-up, NetCDF output of "
      "every step, exit); **process CPU** = its user + system CPU time (`/usr/bin/time`, 10 ms "
      "resolution), less sensitive to other load on the machine. Counts are IDA's (residuals include those of the finite-difference "
      "Jacobian). Accuracy is measured on a separate run with `-fvcell_output_interval 10` "
      "(records at fixed times from IDA's interpolant; the steps and counts are identical, "
      "checked below) against the reference: "
      f"`{a.ref_opts}`. **max |dV|** is over all common 10 s output times up to the earlier "
      f"cut-off; **max |dV| plateau** only where V_ref >= {PLATEAU_V} V (before the "
      "end-of-discharge knee, where V falls ~8 mV/s and any error in the timing of the knee "
      "shows up magnified). **within 1 mV**: yes if max |dV| <= 1 mV, \"plateau only\" if only the "
      "plateau metric is. **max |dV| vs (a)** compares with the default configuration's own "
      "solution instead (same metric): for configurations on the default mesh it isolates the "
      "error added by the option (tolerance, solver) from the mesh error they share.\n")

    w("## Results\n")
    w("| configuration | median solve ms | min solve ms | median process ms | min process ms | median process CPU ms | steps | residuals | Jacobians "
      "| linear solves | max \\|dV\\| mV vs converged | max \\|dV\\| plateau mV | capacity error % "
      "| cut-off time error s | within 1 mV | max \\|dV\\| mV vs (a) |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|---:|")
    base_acc = load(acc["a"][0]) if "a" in acc else None
    summary = {}
    for c in configs:
        rs = runs.get(c["id"], [])
        if not rs:
            continue
        solve = statistics.median(r[0] for r in rs) * 1e3
        proc = statistics.median(r[1] for r in rs) * 1e3
        counts = rs[0][2:6]
        same = all(r[2:6] == counts for r in rs)
        path, accrun = acc[c["id"]]
        cmpr = compare(ref, path)
        summary[c["id"]] = (solve, proc, counts, cmpr, same, accrun[2:6] == counts, rs)
        opts = " ".join(x for x in (c["env"], c["opts"]) if x)
        ok = "yes" if cmpr["max_dv_mv"] <= TOL_MV else ("plateau only" if cmpr["max_dv_plateau_mv"] <= TOL_MV else "no")
        vs_a = f"{compare(base_acc, path)['max_dv_mv']:.2f}" if base_acc else ""
        cpus = [r[6] for r in rs if r[6] == r[6]]
        cpu_med = f"{statistics.median(cpus)*1e3:.0f}" if cpus else "n/a"
        w(f"| {c['label']}<br>`{opts or '(no options)'}` | {solve:.1f} | {min(r[0] for r in rs)*1e3:.1f} | {proc:.0f} | {min(r[1] for r in rs)*1e3:.0f} | {cpu_med} | {counts[0]} | {counts[1]} "
          f"| {counts[2]} | {counts[3]} | {cmpr['max_dv_mv']:.2f} (t={cmpr['t_max']:.0f} s) "
          f"| {cmpr['max_dv_plateau_mv']:.2f} | {cmpr['cap_err_pct']:+.4f} | {cmpr['dt_end']:+.2f} | {ok} "
          f"| {vs_a} |")
    w("")
    w("Spread of the timed runs (min-max, ms):\n")
    w("| id | solve min-max | process min-max | counts identical across runs | accuracy run has the same counts |")
    w("|---|---|---|:-:|:-:|")
    for c in configs:
        if c["id"] not in summary:
            continue
        solve, proc, counts, cmpr, same, same_acc, rs = summary[c["id"]]
        w(f"| {c['id']} | {min(r[0] for r in rs)*1e3:.1f}-{max(r[0] for r in rs)*1e3:.1f} "
          f"| {min(r[1] for r in rs)*1e3:.0f}-{max(r[1] for r in rs)*1e3:.0f} | {'yes' if same else 'NO'} "
          f"| {'yes' if same_acc else 'NO'} |")
    w("")

    more_runs(a, w)

    w("## Reference checks\n")
    w("How far the reference itself is from convergence: other fine solutions compared with it "
      "(same metrics).\n")
    w("| solution | max \\|dV\\| mV | max \\|dV\\| plateau mV | capacity error % | cut-off time error s |")
    w("|---|---:|---:|---:|---:|")
    for rc in a.refcheck:
        label, path, opts = rc.split("|", 2)
        if not os.path.exists(path):
            continue
        cm = compare(ref, path)
        w(f"| {label}<br>`{opts}` | {cm['max_dv_mv']:.3f} (t={cm['t_max']:.0f} s) | {cm['max_dv_plateau_mv']:.3f} "
          f"| {cm['cap_err_pct']:+.4f} | {cm['dt_end']:+.2f} |")
    w("")

    # ---- where the time goes
    w("## Where the time goes (default configuration)\n")
    base = summary.get("a")
    if a.perf and os.path.exists(a.perf):
        solve, tot_solve, proc, tot, nsamp = perf_profile(a.perf)
        w(f"`perf record -F 4000 --call-graph dwarf` over 3 runs of the default configuration "
          f"({nsamp} samples of on-CPU time; waiting, e.g. for fsync to complete, is not sampled), "
          "each sample attributed by its call stack.\n")
        if tot_solve:
            w("### Inside the time integration (FvIntegratorStep)\n")
            w("| category | share of solve | ~ms of the min solve time |")
            w("|---|---:|---:|")
            for cat in SOLVE_CATS:
                if solve.get(cat):
                    sh_ = solve[cat] / tot_solve
                    ms = f"{sh_ * min(r[0] for r in base[6]) * 1e3:.1f}" if base else ""
                    w(f"| {cat} | {100*sh_:.1f}% | {ms} |")
            w("")
            top, ttot = perf_top_symbols(a.perf)
            w("Top leaf functions inside the time integration (self time):\n")
            w("| function | library | share of solve |")
            w("|---|---|---:|")
            for (sym, dso), p in top:
                w(f"| `{sym}` | {dso} | {100*p/ttot:.1f}% |")
            w("")
        w("### The whole process\n")
        cpus = [r[6] for r in base[6] if r[6] == r[6]] if base else []
        cpu_ms = statistics.median(cpus) * 1e3 if cpus else None
        w("| category | share of on-CPU samples | ~ms of the median process CPU time |")
        w("|---|---:|---:|")
        for cat, p in sorted(proc.items(), key=lambda kv: -kv[1]):
            ms = f"{p / tot * cpu_ms:.0f}" if cpu_ms else ""
            w(f"| {cat} | {100*p/tot:.1f}% | {ms} |")
        w("")
    if a.callgrind and os.path.exists(a.callgrind):
        keys = ["FvIntegratorStep", "FvProblemResidual", "MatFDColoringApply", "MatLUFactorNumeric",
                "KSPSolve", "N_VWrmsNorm", "N_VWSqrSumLocal_Petsc", "PMPI_Allreduce", "N_VLinearSum",
                "FvPropertyEval", "FvParticleResidual", "FvKineticsResidual"]
        rows, total = callgrind_summary(a.callgrind, keys)
        w("### callgrind (instructions inside FvIntegratorStep, inclusive)\n")
        w("| function | instructions | share |")
        w("|---|---:|---:|")
        for k in keys:
            if k in rows:
                w(f"| `{k}` | {rows[k][0]:,} | {rows[k][1]:.1f}% |")
        w("")
    events, ltotal = logview_events(a.logview)
    if events:
        w("### PETSc -log_view (one default run)\n")
        w(f"PETSc's total time (PetscInitialize to PetscFinalize): {ltotal:.3f} s. Events by time "
          "(events nest: KSPSolve contains PCApply contains MatSolve; MatFDColorApply contains "
          "MatFDColorFunc, the residual calls):\n")
        w("| event | count | time ms |")
        w("|---|---:|---:|")
        for name, count, t in events[:14]:
            w(f"| {name} | {count} | {1e3*t:.2f} |")
        w("")
    if a.analysis and os.path.exists(a.analysis):
        w(open(a.analysis).read().rstrip() + "\n")
    with open(a.o, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    sys.exit(main())
