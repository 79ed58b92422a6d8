#!/usr/bin/env bash
# The whole test suite: set-up, a warnings-as-errors build, every test project, and a closing
# "N passed, N failed" line. Exit 0 only when everything passed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
configuration="${PLOY_TEST_CONFIGURATION:-Release}"
results="$root/artifacts/test-results"

"$root/scripts/setup.sh" --test

echo "== build ($configuration, warnings are errors)"
dotnet build Ploy.slnx -c "$configuration" --nologo -v quiet

rm -rf "$results"
mkdir -p "$results"
echo "== tests"
status=0
dotnet test Ploy.slnx -c "$configuration" --no-build --nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true || status=$?

echo "== smoke: the README's first command, briefly"
smoke="$(mktemp -d)"
if "$root/ploy" paper --duration 10s --fast --data-dir "$smoke/data" --summary-json "$smoke/summary.json" >"$smoke/out.txt" 2>&1 &&
  grep -q '"ledger_matches_venue": true' "$smoke/summary.json"; then
  echo "ploy paper: ok ($(grep -c . "$smoke/out.txt") lines of output)"
else
  echo "ploy paper smoke run FAILED:" >&2
  cat "$smoke/out.txt" >&2
  status=1
fi
rm -rf "$smoke"

echo "== deploy pipeline tests (a Release package deployed locally and over SSH to a loopback sshd; reproducible build)"
deploy_log="$results/deploy.txt"
PLOY_TEST_CONFIGURATION="$configuration" "$root/tests/deploy/run.sh" 2>&1 | tee "$deploy_log" || status=1

passed=0
failed=0
failed_names=()
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  # Name every failed test and the start of its message here, beside the totals, so the end of a
  # CI log says which one failed and why.
  while IFS= read -r line; do
    failed_names+=("$line")
  done < <(awk '
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); inside = 1; shown = 0; next }
    inside && /<\/UnitTestResult>/ { if (!shown) print name; inside = 0; next }
    inside && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print name ": " substr($0, 1, 300); shown = 1 }
  ' "$trx")
done
# The deploy suite prints its own "N passed, N failed" line: add it to the totals.
if deploy_counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$deploy_log" | tail -n 1); then
  passed=$((passed + $(cut -d' ' -f1 <<<"$deploy_counts")))
  failed=$((failed + $(cut -d' ' -f3 <<<"$deploy_counts")))
fi
if ((passed == 0)); then
  echo "no test ran" >&2
  status=1
fi
for name in "${failed_names[@]}"; do
  echo "FAILED: $name"
done
echo "$passed passed, $failed failed"
exit "$status"
