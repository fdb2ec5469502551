#!/usr/bin/python3
"""The condensed solver's Krylov iterations stay bounded when the mesh is refined in-plane.

Usage: condensed_iterations.py BOUND FVCELL CASE N1 N2 [fvcell options ...] [--mpiexec LAUNCHER ...]
Runs CASE on N x N in-plane cells (5 um each) for N1 and N2 with -fvcell_p3d_solver condensed
-fvcell_condensed_view and reads "at most K" (the most Krylov iterations of one linear solve) from
the solver's summary. Fails when a run fails, when the summary is missing, or when K exceeds BOUND
at either size. A count, not a time (docs/p3d-solvers.md). Everything after --mpiexec is put
before FVCELL (e.g. --mpiexec mpiexec --oversubscribe -n 3).
"""
import re
import subprocess
import sys


def main():
    bound, fvcell, case = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    sizes, extra, launch = [int(sys.argv[4]), int(sys.argv[5])], sys.argv[6:], []
    if "--mpiexec" in extra:
        launch = extra[extra.index("--mpiexec") + 1:]
        extra = extra[:extra.index("--mpiexec")]
    ok = True
    for n in sizes:
        cmd = launch + [fvcell, "run", case, "-mesh_y_cells", str(n), "-mesh_z_cells", str(n),
               "-mesh_y_length", f"{5 * n} um", "-mesh_z_length", f"{5 * n} um",
               "-fvcell_p3d_solver", "condensed", "-fvcell_condensed_view", "-o",
               f"condensed_iterations_{n}.nc"] + extra
        r = subprocess.run(cmd, capture_output=True, text=True)
        m = re.search(r"condensed solver: (\d+) linear solves.* \(([0-9.]+) a solve, at most (\d+)\)",
                      r.stdout)
        if r.returncode != 0 or not m:
            print(f"FAIL: N = {n}: exit {r.returncode}, no solver summary\n{r.stdout}\n{r.stderr}")
            return 1
        most = int(m.group(3))
        print(f"N = {n}: {m.group(1)} linear solves, {m.group(2)} Krylov iterations a solve, "
              f"at most {most} (bound {bound})")
        ok &= most <= bound
    print("PASS" if ok else "FAIL: iteration bound exceeded")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
