#!/usr/bin/env bash
# Verifies deploy/systemd/ploy.service offline: `systemd-analyze verify` with unknown keys and bad values as
# errors (--recursive-errors=no; without it verify exits 0 on them), then `systemd-analyze security --offline`
# with a minimum score. ExecStart's binary must exist for verify, so a copy of the unit points at a stub.
#   deploy/systemd/verify.sh [UNIT] [--max-exposure N]   (default unit: next to this script; N default 2.5)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
unit="$here/ploy.service"
max_exposure="2.5"
while (($# > 0)); do
  case "$1" in
    --max-exposure)
      [[ $# -ge 2 ]] || {
        echo "usage: $0 [UNIT] [--max-exposure N]" >&2
        exit 2
      }
      max_exposure="$2"
      shift
      ;;
    -*)
      echo "usage: $0 [UNIT] [--max-exposure N]" >&2
      exit 2
      ;;
    *) unit="$1" ;;
  esac
  shift
done
[[ -f "$unit" ]] || {
  echo "no such unit: $unit" >&2
  exit 2
}

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin"
printf '#!/bin/sh\nexit 0\n' >"$scratch/bin/ploy"
chmod +x "$scratch/bin/ploy"
name="$(basename "$unit")"
sed "s#^ExecStart=/opt/ploy/current/bin/ploy#ExecStart=$scratch/bin/ploy#" "$unit" >"$scratch/$name"

status=0
if out="$(systemd-analyze verify --recursive-errors=no "$scratch/$name" 2>&1)"; then
  echo "systemd-analyze verify: ok"
else
  echo "systemd-analyze verify: FAILED" >&2
  status=1
fi
[[ -z "$out" ]] || printf '%s\n' "$out" | sed "s#$scratch/##g" >&2

security="$(systemd-analyze security --offline=true --no-pager "$scratch/$name" 2>&1 || true)"
line="$(grep -E 'Overall exposure level' <<<"$security" | sed "s#$scratch/##g" || true)"
score="$(sed -nE 's/.*Overall exposure level for [^:]*: ([0-9.]+).*/\1/p' <<<"$line")"
if [[ -z "$score" ]]; then
  echo "systemd-analyze security: no score" >&2
  printf '%s\n' "$security" | tail -n 20 >&2
  exit 1
fi
echo "systemd-analyze security: exposure $score (lower is safer; gate <= $max_exposure) — ${line##*: }"
if awk -v s="$score" -v m="$max_exposure" 'BEGIN { exit !(s > m) }'; then
  echo "exposure $score is above $max_exposure: the unit lost hardening" >&2
  grep -E '^✗' <<<"$security" >&2 || true
  status=1
fi
exit "$status"
