#!/usr/bin/env bash
# Formats every tracked C++ file (*.h, *.cpp) with clang-format and the committed .clang-format.
#   scripts/format.sh            rewrite the files that differ
#   scripts/format.sh --check    change nothing; list the files that differ, exit 1 if any
# CLANG_FORMAT names another binary (default: clang-format, Debian 12: version 14).
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
case "${1:-}" in
    --check) check=true ;;
    "") ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "format.sh: unknown argument '$1' (use --check or nothing)" >&2; exit 2 ;;
esac

clang_format=${CLANG_FORMAT:-clang-format}
if ! command -v "$clang_format" >/dev/null; then
    echo "format.sh: $clang_format not found (scripts/deps.sh installs it)" >&2
    exit 2
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "format.sh: not a git checkout; the tracked files are unknown" >&2
    exit 2
fi

mapfile -t files < <(git ls-files -- '*.h' '*.cpp')
if ! $check; then
    printf '%s\0' "${files[@]}" | xargs -0 -r -n 20 -P "$(nproc)" "$clang_format" -i --style=file
    exit 0
fi

# One clang-format process for all files: --dry-run --Werror reports each difference as
# "FILE:LINE:COL: error: code should be clang-formatted".
existing=()
for f in "${files[@]}"; do
    [ -f "$f" ] && existing+=("$f") # skip files deleted in the work tree but still indexed
done
set +e
report=$("$clang_format" --dry-run --Werror --style=file "${existing[@]}" 2>&1)
status=$?
set -e
mapfile -t differ < <(printf '%s\n' "$report" \
    | sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' | sort -u)
if [ $status -ne 0 ] && [ ${#differ[@]} -eq 0 ]; then
    printf '%s\n' "$report" >&2 # clang-format failed for another reason
    exit 2
fi
if [ ${#differ[@]} -gt 0 ]; then
    echo "format.sh --check: ${#differ[@]} file(s) differ from clang-format (run scripts/format.sh):" >&2
    printf '  %s\n' "${differ[@]}" >&2
    exit 1
fi
echo "format.sh --check: all ${#existing[@]} tracked C++ files are formatted"
