#!/usr/bin/env bash
# Proves the quality gate's secret scan catches a 64-hex private key and never prints it: plants a random key in a
# scratch git repository (as an env-file assignment, as a bare secrets-directory file, and in a C# constant),
# runs the gate's secretlint and git-secrets steps there and requires both to fail; a clean repository must pass.
#   tests/deploy/secret-scan.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
(($# == 0)) || {
  echo "usage: $0" >&2
  exit 2
}
scratch="$(mktemp -d "${TMPDIR:-/tmp}/ploy-secret-scan.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0
result() {
  if [[ "$1" == ok ]]; then
    passed=$((passed + 1))
    echo "ok - $2"
  else
    failed=$((failed + 1))
    echo "not ok - $2"
  fi
}

new_repo() {
  rm -rf "$scratch/repo"
  mkdir -p "$scratch/repo/config" "$scratch/repo/secrets" "$scratch/repo/src"
  git -C "$scratch/repo" init -q
  echo "# clean" >"$scratch/repo/README.md"
  # A 64-hex hash under a non-secret name is not a key: must not be flagged.
  printf 'const string EmptyHash = "0x%s";\n' "$(printf '' | sha256sum | cut -c1-64)" >"$scratch/repo/src/Hashes.cs"
}
scan() { # scan STEP → exit status; output in $scratch/out
  PLOY_SCAN_ROOT="$scratch/repo" PLOY_ARTIFACTS="$scratch/artifacts" \
    "$root/scripts/quality-gate.sh" --fast --only "$1" >"$scratch/out" 2>&1
}

key="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"

new_repo
for step in secretlint git-secrets; do
  if scan "$step"; then result ok "$step: clean repository passes"; else
    result fail "$step: clean repository passes"
    cat "$scratch/out"
  fi
done

for variant in env bare csharp; do
  new_repo
  case "$variant" in
    env) printf 'PLOY__POLYMARKET__PRIVATEKEY=0x%s\n' "$key" >"$scratch/repo/config/ploy.env" ;;
    bare) printf '%s\n' "$key" >"$scratch/repo/secrets/Polymarket__PrivateKey" ;;
    csharp) printf 'private const string SignerKey = "0x%s";\n' "$key" >"$scratch/repo/src/Keys.cs" ;;
  esac
  git -C "$scratch/repo" add -A
  for step in secretlint git-secrets; do
    if scan "$step"; then result fail "$step: planted key ($variant) fails the scan"; else
      result ok "$step: planted key ($variant) fails the scan"
    fi
    if grep -qi "$key" "$scratch/out"; then result fail "$step: the key is not printed ($variant)"; else
      result ok "$step: the key is not printed ($variant)"
    fi
  done
done

echo "$passed passed, $failed failed"
((failed == 0))
