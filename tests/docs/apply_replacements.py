#!/usr/bin/python3
"""apply_replacements.py -- apply docs/.replacements.tsv (comment rewrites for files that were being
edited on other branches when the docs/ pages were written).

Usage: apply_replacements.py [--dry-run] [TSV]     (default TSV: docs/.replacements.tsv; run from
                                                     the repository root)

Each row is: file, line, old text, new text (tab-separated; a header row first). The old text is
replaced on the given line when it is there, else where it occurs exactly once in the file (the
line moved after other changes), else where it occurs exactly once in all tracked files (the code
moved to another file, e.g. when a large file was split). Rows whose old text is gone or ambiguous
are listed as "not applied": edit those by hand (the new text says what to write). Exit status 1
if any row was not applied. Afterwards run the docs_selfcontained test and delete the TSV.
"""
import subprocess
import sys


def tracked_files():
    try:
        out = subprocess.run(["git", "ls-files", "-z"], capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [f for f in out.decode().split("\0") if f]


def read_lines(path, files):
    if path not in files:
        with open(path, encoding="utf-8") as fh:
            files[path] = fh.read().split("\n")
    return files[path]


def unique_hit(lines, old):
    hits = [i for i, text in enumerate(lines) if old in text]
    if len(hits) == 1 and lines[hits[0]].count(old) == 1:
        return hits[0]
    return None


def main(argv):
    dry = "--dry-run" in argv
    args = [a for a in argv if a != "--dry-run"]
    tsv = args[0] if args else "docs/.replacements.tsv"
    rows = []
    with open(tsv, encoding="utf-8") as fh:
        for n, raw in enumerate(fh):
            if n == 0 or not raw.strip():
                continue
            parts = raw.rstrip("\n").split("\t")
            if len(parts) != 4:
                print(f"{tsv}:{n + 1}: expected 4 tab-separated fields, got {len(parts)}")
                return 2
            rows.append((parts[0], int(parts[1]), parts[2], parts[3]))
    files = {}
    applied, missed, moved = 0, [], []
    tracked = None
    for path, line, old, new in rows:
        try:
            lines = read_lines(path, files)
        except OSError:
            lines = []
        if 0 < line <= len(lines) and lines[line - 1].count(old) == 1:
            lines[line - 1] = lines[line - 1].replace(old, new)
            applied += 1
            continue
        i = unique_hit(lines, old)
        if i is not None:
            lines[i] = lines[i].replace(old, new)
            applied += 1
            continue
        # moved to another file?
        if tracked is None:
            tracked = tracked_files()
        where = []
        for f in tracked:
            try:
                other = read_lines(f, files)
            except (OSError, UnicodeDecodeError):
                continue
            n = sum(text.count(old) for text in other)
            if n:
                where.append((f, n))
        if len(where) == 1 and where[0][1] == 1:
            f = where[0][0]
            i = unique_hit(files[f], old)
            files[f][i] = files[f][i].replace(old, new)
            applied += 1
            moved.append((path, f, i + 1))
            continue
        why = "not found" if not where else "ambiguous: " + ", ".join(f"{f} ({n})" for f, n in where)
        missed.append((path, line, old, why))
    changed = {r[0] for r in rows} | {m[1] for m in moved}
    if not dry:
        for path in changed:
            if path in files:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write("\n".join(files[path]))
    print(f"{'would apply' if dry else 'applied'} {applied} of {len(rows)} replacements")
    for path, f, line in moved:
        print(f"moved: a line listed for {path} was found and replaced in {f}:{line}")
    for path, line, old, why in missed:
        print(f"not applied: {path}:{line}: {why}: {old}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
