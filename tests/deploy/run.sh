#!/usr/bin/env bash
# The delivery-pipeline tests, for scripts/test.sh:
#   1. secret scan: a planted 64-hex key fails secretlint and git-secrets, and is never printed
#   2. the systemd unit verifies offline and keeps its hardening score
#   3. deploy end-to-end, local and over SSH: good deploy, failed deploy with automatic rollback, rollback by hand,
#      of the real release artifact: the working tree packaged by scripts/package.sh (Release, ReadyToRun)
#   4. reproducible build: one snapshot of the working tree packaged twice (at once) in two directories gives
#      identical bytes; the first package is the release 3 deploys (runs before 3)
#
#   tests/deploy/run.sh [--quick] [--build-output DIR]
#   --quick         skip 4 and deploy the existing build output instead of a real package (PLOY_TEST_REPRODUCIBLE=0
#                   does the same): for iterating on the scripts, not for the test command
#   --build-output  with --quick, the `ploy` build to deploy (default: $PLOY_ARTIFACTS or ./artifacts,
#                   bin/Ploy.Cli/<configuration>, configuration from PLOY_TEST_CONFIGURATION, default Release)
# Ends with "N passed, N failed"; exit 0 only when all passed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tests/deploy"
configuration="${PLOY_TEST_CONFIGURATION:-Release}"
build_output="${PLOY_ARTIFACTS:-$root/artifacts}/bin/Ploy.Cli/$(tr '[:upper:]' '[:lower:]' <<<"$configuration")"
reproducible="${PLOY_TEST_REPRODUCIBLE:-1}"
while (($# > 0)); do
  case "$1" in
    --build-output)
      [[ $# -ge 2 ]] || {
        echo "usage: $0 [--quick] [--build-output DIR]" >&2
        exit 2
      }
      build_output="$2"
      shift
      ;;
    --quick) reproducible=0 ;;
    *)
      echo "usage: $0 [--quick] [--build-output DIR]" >&2
      exit 2
      ;;
  esac
  shift
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/ploy-deploy-tests.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0
# Runs one test script, shows its output, and adds its "N passed, N failed" line (or 1 either way) to the totals.
run() { # run NAME COMMAND...
  local name="$1" rc=0 line p f
  shift
  echo "== deploy tests: $name"
  "$@" 2>&1 | tee "$scratch/out" || rc=$?
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$scratch/out" | tail -n 1 || true)"
  if [[ -n "$line" ]]; then
    p="${line%% passed*}"
    f="${line#*, }"
    f="${f%% failed}"
  elif ((rc == 0)); then
    p=1 f=0
  else
    p=0 f=1
  fi
  ((rc == 0 || f > 0)) || f=1 # a script that failed without counting a failure still fails
  passed=$((passed + p))
  failed=$((failed + f))
}

run "secret scan" "$here/secret-scan.sh"
run "systemd unit" "$root/deploy/systemd/verify.sh"

tarball=""
if [[ "$reproducible" == 1 ]]; then
  # Two Release builds of one snapshot of the working tree, compared byte for byte; the first is the release the
  # deploy tests then deploy, so the check costs one build more than deploying a real package at all.
  started=$(date +%s)
  run "reproducible build (the working tree, Release, twice)" "$here/reproducible-build.sh" --worktree \
    --version e2e-base --keep-release "$scratch/packages"
  echo "reproducible build and release package: $(($(date +%s) - started)) s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  tarball="$(find "$scratch/packages" -name 'ploy-e2e-base-*.tar.gz' 2>/dev/null | head -n 1)"
  [[ -n "$tarball" ]] || echo "no release package to deploy" >&2
elif [[ -x "$build_output/ploy" && -f "$build_output/ploy.dll" ]]; then
  tarball="$("$root/scripts/package.sh" --prebuilt "$build_output" --version e2e-base --out "$scratch/packages" | tail -n 1)"
else
  echo "no ploy build at $build_output (build src/Ploy.Cli first)" >&2
fi

if [[ -n "$tarball" ]]; then
  run "deploy end-to-end (local and SSH)" "$here/deploy-e2e.sh" --tarball "$tarball"
else
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
((failed == 0))
