#!/usr/bin/env bash
# pre-commit hook: every given text file is empty or ends with exactly one newline. Lists offenders; exit 1 if any.
set -euo pipefail
(($# > 0)) || exit 0
status=0
for file in "$@"; do
  [[ -s "$file" ]] || continue
  if [[ -n "$(tail -c 1 "$file")" ]]; then
    echo "$file: no newline at end of file"
    status=1
  elif [[ "$(tail -c 2 "$file" | od -An -c | tr -d ' ')" == '\n\n' ]]; then
    echo "$file: blank line(s) at end of file"
    status=1
  fi
done
exit "$status"
