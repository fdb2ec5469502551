#!/usr/bin/env bash
# check_selfcontained.sh -- the repository documents itself: no file points outside it.
#
# Usage: check_selfcontained.sh [ROOT]      check the repository at ROOT (default: this checkout)
#        check_selfcontained.sh --self-test  show on throw-away repositories that the check fails
#                                            on each kind of violation and passes on a clean tree
#
# Fails (exit 1, one line per finding) when
#  1. a tracked file mentions a page outside the repository or an issue number: "../shared",
#     "shared/cells", "design.md", "issue N" or "issue #N" (any case). Comments must cite docs/...
#     and papers, and say what the code does and why instead of naming an issue;
#  2. a relative link in a Markdown page under docs/ points at a file or folder that does not
#     exist (web links, mail links and in-page anchors are not checked).
# Tracked files are `git ls-files` (every file below ROOT outside build*/, out/ and .git/ when ROOT
# is not a git checkout). Not scanned: this script, and docs/.replacements.tsv, the list of
# replacements for files being edited elsewhere (it quotes the old text; delete it once applied).
set -u

self="tests/docs/check_selfcontained.sh"
pattern='\.\./shared|shared/cells|design\.md|(^|[^[:alnum:]_])issue #?[0-9]'

list_files() { # tracked files of $1, NUL-separated, relative to $1
  if git -C "$1" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    git -C "$1" ls-files -z
  else
    (cd "$1" && find . -path ./.git -prune -o -path './build*' -prune -o -path ./out -prune \
      -o -type f -print0 | sed -z 's|^\./||')
  fi
}

check() { # check the tree at $1; prints findings, returns the number of them (capped)
  local root="$1" bad=0 f line target path dir
  # 1. references outside the repository and issue numbers
  while IFS= read -r -d '' f; do
    [ "$f" = "$self" ] || [ "$f" = "docs/.replacements.tsv" ] && continue
    [ -f "$root/$f" ] || continue
    # -I: skip binary files; -n: line numbers
    while IFS= read -r line; do
      echo "$f:$line"
      bad=$((bad + 1))
    done < <(grep -I -n -i -E "$pattern" "$root/$f" 2> /dev/null)
  done < <(list_files "$root")
  # 2. relative links in docs/**/*.md
  while IFS= read -r -d '' f; do
    case "$f" in docs/*.md) ;; *) continue ;; esac
    [ -f "$root/$f" ] || continue
    dir=$(dirname "$f")
    while IFS= read -r target; do
      target=${target#](}
      target=${target%)}
      target=${target%% *} # [text](file "title")
      case "$target" in
        '' | '#'* | http://* | https://* | mailto:* | ftp://*) continue ;;
      esac
      path=${target%%#*}
      path=${path%%\?*}
      [ -z "$path" ] && continue
      if [ "${path#/}" != "$path" ]; then
        echo "$f: link to an absolute path: $target"
        bad=$((bad + 1))
      elif [ ! -e "$root/$dir/$path" ]; then
        echo "$f: broken relative link: $target"
        bad=$((bad + 1))
      fi
    done < <(grep -o -E '\]\([^)]+\)' "$root/$f")
  done < <(list_files "$root")
  [ "$bad" -gt 100 ] && bad=100
  return "$bad"
}

self_test() {
  local rc fails=0
  tmp=$(mktemp -d) || exit 2 # global: the EXIT trap removes it
  trap 'rm -rf "$tmp"' EXIT
  mkrepo() { # mkrepo NAME: a git repository with a clean docs page
    mkdir -p "$tmp/$1/docs/cells" "$tmp/$1/src"
    printf '# Index\nSee [the model](model.md), [a cell](cells/a.md#1-stack) and [web](https://example.org).\n' \
      > "$tmp/$1/docs/README.md"
    printf '# Model\n' > "$tmp/$1/docs/model.md"
    printf '# A\n[back](../README.md)\n' > "$tmp/$1/docs/cells/a.md"
    printf '/* a.c -- cites docs/model.md §2 and Doyle et al. 1993; tissue 5 is not an issue */\n' \
      > "$tmp/$1/src/a.c"
  }
  commit() { git -C "$tmp/$1" add -A && git -C "$tmp/$1" -c user.name=t -c user.email=t@t \
    commit -qm t > /dev/null; }
  expect() { # expect NAME pass|fail
    (cd "$tmp" && git init -q "$1" > /dev/null 2>&1)
    commit "$1"
    check "$tmp/$1" > "$tmp/$1.out"
    rc=$?
    if { [ "$2" = pass ] && [ $rc -ne 0 ]; } || { [ "$2" = fail ] && [ $rc -eq 0 ]; }; then
      echo "self-test: $1 should $2 but the check returned $rc:"
      cat "$tmp/$1.out"
      fails=$((fails + 1))
    else
      echo "self-test: $1: expected to $2 and did ($(wc -l < "$tmp/$1.out") findings)"
    fi
  }
  mkrepo clean
  expect clean pass
  mkrepo shared
  printf '# see ../shared/cells/x.md\n' > "$tmp/shared/src/b.yaml"
  expect shared fail
  mkrepo design
  printf '/* equations of design.md s3 */\n' > "$tmp/design/src/b.c"
  expect design fail
  mkrepo issue
  printf '/* the mesh (Issue 6) */\n' > "$tmp/issue/src/b.h"
  expect issue fail
  mkrepo issuehash
  printf '# output contract (issue #2)\n' > "$tmp/issuehash/src/CMakeLists.txt"
  expect issuehash fail
  mkrepo link
  printf '# B\nSee [missing](missing.md) and [c](cells/nothere.md#x).\n' > "$tmp/link/docs/b.md"
  expect link fail
  mkrepo untracked # an untracked file is not the repository's
  (cd "$tmp" && git init -q untracked > /dev/null 2>&1)
  commit untracked
  printf 'design.md\n' > "$tmp/untracked/notes.txt"
  check "$tmp/untracked" > "$tmp/untracked.out"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "self-test: an untracked file was reported:"
    cat "$tmp/untracked.out"
    fails=$((fails + 1))
  else
    echo "self-test: untracked: expected to pass and did"
  fi
  [ $fails -eq 0 ] && echo "self-test: all cases behave" && return 0
  return 1
}

if [ "${1:-}" = "--self-test" ]; then
  self_test
  exit $?
fi
root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
out=$(check "$root")
n=$?
[ -n "$out" ] && printf '%s\n' "$out"
if [ $n -ne 0 ]; then
  echo "docs_selfcontained: $(printf '%s\n' "$out" | wc -l) finding(s) above: cite docs/... and papers instead of pages outside the"
  echo "repository, say what the code does instead of an issue number, and fix broken links in docs/."
  exit 1
fi
echo "docs_selfcontained: no references outside the repository, no issue numbers, docs/ links resolve"
