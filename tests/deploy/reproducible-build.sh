#!/usr/bin/env bash
# Proves the build is reproducible: packages one commit twice, in two different directories (different path
# lengths, different artifacts trees), and requires byte-identical ploy.dll, identical release contents and an
# identical tarball. Exit 0 when identical, 1 otherwise.
#   tests/deploy/reproducible-build.sh [--commit REF] [--configuration Release|Staging]   (default HEAD, Release)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
commit="HEAD"
configuration="Release"
while (($# > 0)); do
  case "$1" in
    --commit | --configuration)
      [[ $# -ge 2 ]] || {
        echo "usage: $0 [--commit REF] [--configuration Release|Staging]" >&2
        exit 2
      }
      [[ "$1" == --commit ]] && commit="$2" || configuration="$2"
      shift
      ;;
    *)
      echo "usage: $0 [--commit REF] [--configuration Release|Staging]" >&2
      exit 2
      ;;
  esac
  shift
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/ploy-repro.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
one="$scratch/a"
two="$scratch/second/build/directory/with/a/longer/path"
mkdir -p "$one" "$two"

started=$(date +%s)
# The two builds run one after the other: concurrent builds would only compete for the same two cores.
"$root/scripts/package.sh" --source "$commit" --configuration "$configuration" --work "$one/work" --keep-work \
  --out "$one/out" --version repro >"$one/path"
"$root/scripts/package.sh" --source "$commit" --configuration "$configuration" --work "$two/work" --keep-work \
  --out "$two/out" --version repro >"$two/path"
echo "two builds in $(($(date +%s) - started)) s"

status=0
dll_one="$one/work/stage/ploy-repro/bin/ploy.dll"
dll_two="$two/work/stage/ploy-repro/bin/ploy.dll"
if cmp -s "$dll_one" "$dll_two"; then
  echo "ploy.dll identical: $(sha256sum "$dll_one" | cut -c1-64)"
else
  echo "ploy.dll DIFFERS between the two directories" >&2
  status=1
fi
if diff <(cd "$one/work/stage" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) \
  <(cd "$two/work/stage" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) >"$scratch/diff"; then
  echo "release contents identical: $(find "$one/work/stage" -type f | wc -l) files"
else
  echo "release contents differ:" >&2
  grep '^[<>]' "$scratch/diff" | head -n 20 >&2
  status=1
fi
tar_one="$(tail -n 1 "$one/path")"
tar_two="$(tail -n 1 "$two/path")"
if cmp -s "$tar_one" "$tar_two"; then
  echo "tarball identical: $(cut -d' ' -f1 "$tar_one.sha256")"
else
  echo "tarballs differ" >&2
  status=1
fi
((status == 0)) && echo "reproducible build: PASS" || echo "reproducible build: FAIL" >&2
exit "$status"
