#!/usr/bin/env bash
# pre-commit hook: no given file is larger than MAX_KB (first argument). Lists offenders; exit 1 if any.
set -euo pipefail
[[ $# -ge 1 && "$1" =~ ^[0-9]+$ ]] || {
  echo "usage: $0 MAX_KB [FILE...]" >&2
  exit 2
}
max_kb="$1"
shift
status=0
for file in "$@"; do
  [[ -f "$file" ]] || continue
  size_kb=$((($(stat -c %s "$file") + 1023) / 1024))
  if ((size_kb > max_kb)); then
    echo "$file: ${size_kb} KB (limit ${max_kb} KB)"
    status=1
  fi
done
exit "$status"
