#!/usr/bin/env bash
# Signing side by side: the official Polymarket TypeScript client (@polymarket/clob-client-v2 1.1.0 on Node) and
# Ploy's C# order builder each create N signed V2 limit orders after a warm-up, one after the other in this run, on
# the same token and the same price/size/side sequence. Prints both rates and their ratio (target: ours ≥ 20×).
#
# Usage: scripts/bench-signing.sh [--orders N] [--warmup N] [--min-ratio R]
#   --min-ratio R   exit 1 when ours is less than R times the official client's rate (default: report only)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
orders=2000
warmup=200
min_ratio=""

usage() {
  sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

positive() {
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || {
    echo "$1 needs a positive whole number, got '$2'" >&2
    exit 2
  }
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --orders)
      [[ $# -ge 2 ]] || usage
      positive "$1" "$2"
      orders="$2"
      shift 2
      ;;
    --warmup)
      [[ $# -ge 2 ]] || usage
      positive "$1" "$2"
      warmup="$2"
      shift 2
      ;;
    --min-ratio)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || usage
      min_ratio="$2"
      shift 2
      ;;
    *) usage ;;
  esac
done

"$root/scripts/setup.sh" --runtime >/dev/null

echo "== official client: npm ci (clob-client-v2 1.1.0, ethers 5.8.0)"
(cd "$root/scripts/interop" && npm ci --no-audit --no-fund --loglevel=error)

echo "== ours: building bench/Ploy.Benchmarks (Release)"
artifacts="${PLOY_ARTIFACTS:-$root/artifacts}"
dotnet build "$root/bench/Ploy.Benchmarks/Ploy.Benchmarks.csproj" -c Release --nologo -v quiet >/dev/null
bench="$artifacts/bin/Ploy.Benchmarks/release/Ploy.Benchmarks.dll"

echo "== $orders orders each, after $warmup of warm-up; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
theirs="$(node "$root/scripts/interop/sign-rate.mjs" --orders "$orders" --warmup "$warmup")"
ours="$(dotnet "$bench" sign-rate --orders "$orders" --warmup "$warmup")"
echo "official: $theirs"
echo "ploy:     $ours"

rate() { sed -n 's/.*"orders_per_second":\([0-9.eE+-]*\).*/\1/p' <<<"$1"; }
awk -v theirs="$(rate "$theirs")" -v ours="$(rate "$ours")" -v min="$min_ratio" 'BEGIN {
  if (theirs <= 0 || ours <= 0) { print "could not read both rates" > "/dev/stderr"; exit 1 }
  ratio = ours / theirs
  printf "official client: %.0f orders/s (%.3f ms/order)\n", theirs, 1000 / theirs
  printf "ploy:            %.0f orders/s (%.1f µs/order)\n", ours, 1e6 / ours
  printf "ratio:           %.1fx (target >= 20x: %s)\n", ratio, (ratio >= 20 ? "met" : "NOT met")
  if (min != "" && ratio < min) { printf "ratio %.1f is below --min-ratio %s\n", ratio, min > "/dev/stderr"; exit 1 }
}'
