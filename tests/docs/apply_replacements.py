#!/usr/bin/python3
"""apply_replacements.py -- apply docs/.replacements.tsv (comment rewrites for files that were being
edited on other branches when the docs/ pages were written).

Usage: apply_replacements.py [--dry-run] [TSV]     (default TSV: docs/.replacements.tsv; run from
                                                     the repository root)

Each row is: file, line, old text, new text (tab-separated; a header row first). The old text is
replaced on the given line when it is there, else where it occurs exactly once in the file (the
line moved after other changes). Rows whose old text is gone or ambiguous are listed as "not
applied": the file changed since the list was made; edit those by hand (the new text says what to
write). Exit status 1 if any row was not applied. Afterwards run the docs_selfcontained test and
delete the TSV.
"""
import sys


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
    applied, missed = 0, []
    for path, line, old, new in rows:
        if path not in files:
            try:
                with open(path, encoding="utf-8") as fh:
                    files[path] = fh.read().split("\n")
            except OSError as e:
                missed.append((path, line, old, f"cannot read: {e}"))
                continue
        lines = files[path]
        if 0 < line <= len(lines) and lines[line - 1].count(old) == 1:
            lines[line - 1] = lines[line - 1].replace(old, new)
            applied += 1
            continue
        hits = [i for i, text in enumerate(lines) if old in text]
        if len(hits) == 1 and lines[hits[0]].count(old) == 1:
            lines[hits[0]] = lines[hits[0]].replace(old, new)
            applied += 1
            continue
        missed.append((path, line, old, "not found" if not hits else f"{len(hits)} occurrences"))
    if not dry:
        for path, lines in files.items():
            with open(path, "w", encoding="utf-8") as fh:
                fh.write("\n".join(lines))
    print(f"{'would apply' if dry else 'applied'} {applied} of {len(rows)} replacements")
    for path, line, old, why in missed:
        print(f"not applied: {path}:{line}: {why}: {old}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
