#!/usr/bin/env bash
# Proves the build is reproducible: one source packaged twice, in two different directories (different path lengths,
# different artifacts trees), must give a byte-identical ploy.dll, identical release contents and an identical
# tarball. Exit 0 when identical, 1 otherwise.
#   tests/deploy/reproducible-build.sh [--commit REF] [--configuration Release|Staging]
#   tests/deploy/reproducible-build.sh --reference WORK TARBALL
#   --commit         build a commit (default HEAD) twice
#   --configuration  Release (ReadyToRun, default) or Staging
#   --reference      reuse a build already made: WORK is its `package.sh --work DIR --keep-work` directory and
#                    TARBALL its tarball (tests/deploy/run.sh passes the Release package the deploy e2e deploys), so
#                    only ONE more build runs, from a copy of exactly the same source tree (package.sh --from-work)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
usage() {
  sed -n '5,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
commit="HEAD"
configuration="Release"
reference=""
reference_tarball=""
while (($# > 0)); do
  case "$1" in
    --commit | --configuration)
      [[ $# -ge 2 ]] || usage
      if [[ "$1" == --commit ]]; then commit="$2"; else configuration="$2"; fi
      shift
      ;;
    --reference)
      [[ $# -ge 3 ]] || usage
      reference="$2"
      reference_tarball="$3"
      shift 2
      ;;
    *) usage ;;
  esac
  shift
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/ploy-repro.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
two="$scratch/second/build/directory/with/a/longer/path"
mkdir -p "$two"
started=$(date +%s)

if [[ -n "$reference" ]]; then
  [[ -d "$reference/stage" && -d "$reference/src" && -f "$reference_tarball" ]] || {
    echo "--reference $reference: no kept package.sh work directory (stage/, src/) or no tarball $reference_tarball" >&2
    exit 2
  }
  one_stage="$reference/stage"
  tar_one="$reference_tarball"
  name="$(basename "$(find "$one_stage" -mindepth 1 -maxdepth 1 -type d | head -n 1)")"
  version="${name#ploy-}"
  configuration="$(jq -r .configuration "$one_stage/$name/BUILD-INFO.json")"
  # One more build of exactly the reference's source (package.sh --from-work copies its kept src/ without build
  # outputs), so edits to the working tree meanwhile cannot make the two differ.
  "$root/scripts/package.sh" --from-work "$reference" --configuration "$configuration" --work "$two/work" --keep-work \
    --out "$two/out" --version "$version" >"$two/path"
  echo "one more $configuration build in $(($(date +%s) - started)) s (the other is the deploy e2e's release)"
else
  one="$scratch/a"
  mkdir -p "$one"
  # The two builds run one after the other: concurrent builds would only compete for the same two cores.
  "$root/scripts/package.sh" --source "$commit" --configuration "$configuration" --work "$one/work" --keep-work \
    --out "$one/out" --version repro >"$one/path"
  "$root/scripts/package.sh" --source "$commit" --configuration "$configuration" --work "$two/work" --keep-work \
    --out "$two/out" --version repro >"$two/path"
  echo "two $configuration builds in $(($(date +%s) - started)) s"
  one_stage="$one/work/stage"
  tar_one="$(tail -n 1 "$one/path")"
  name="ploy-repro"
fi

status=0
dll_one="$one_stage/$name/bin/ploy.dll"
dll_two="$two/work/stage/$name/bin/ploy.dll"
if cmp -s "$dll_one" "$dll_two"; then
  echo "ploy.dll identical: $(sha256sum "$dll_one" | cut -c1-64)"
else
  echo "ploy.dll DIFFERS between the two directories" >&2
  status=1
fi
sums() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); }
if diff <(sums "$one_stage") <(sums "$two/work/stage") >"$scratch/diff"; then
  echo "release contents identical: $(find "$one_stage" -type f | wc -l) files"
else
  echo "release contents differ:" >&2
  grep '^[<>]' "$scratch/diff" | head -n 20 >&2
  status=1
fi
tar_two="$(tail -n 1 "$two/path")"
if cmp -s "$tar_one" "$tar_two"; then
  echo "tarball identical: $(sha256sum "$tar_one" | cut -c1-64)"
else
  echo "tarballs differ" >&2
  status=1
fi
((status == 0)) && echo "reproducible build: PASS" || echo "reproducible build: FAIL" >&2
exit "$status"
