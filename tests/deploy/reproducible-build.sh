#!/usr/bin/env bash
# Proves the build is reproducible: one source snapshot packaged twice, in two different directories (different path
# lengths, different artifacts trees), must give a byte-identical ploy.dll, identical release contents and an
# identical tarball. Exit 0 when identical, 1 otherwise.
#   tests/deploy/reproducible-build.sh [--commit REF | --worktree] [--configuration Release|Staging] [--version V]
#                                      [--keep-release DIR] [--sequential]
#   --commit         build a commit (default HEAD); --worktree: the working tree (tracked + untracked, as package.sh)
#   --configuration  Release (ReadyToRun, default) or Staging
#   --version        the release version (default repro)
#   --keep-release   copy the first build's tarball (and .sha256) into DIR and print its path last: tests/deploy/run.sh
#                    deploys it, so the deploy tests and this check share their builds
#   --sequential     one build after the other (default: both at once; each build alone leaves cores idle in its
#                    serial phases, and on a shared machine two builds get a fairer share of the CPU)
# The source is snapshotted once (package.sh --snapshot) and both builds start from copies of that snapshot
# (package.sh --from-work), so the working tree may change during the run without making them differ.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
usage() {
  sed -n '5,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
source_args=(--source HEAD)
configuration="Release"
version="repro"
keep_release=""
sequential=false
while (($# > 0)); do
  case "$1" in
    --commit | --configuration | --version | --keep-release)
      [[ $# -ge 2 ]] || usage
      case "$1" in
        --commit) source_args=(--source "$2") ;;
        --configuration) configuration="$2" ;;
        --version) version="$2" ;;
        --keep-release) keep_release="$2" ;;
      esac
      shift
      ;;
    --worktree) source_args=(--source worktree) ;;
    --sequential) sequential=true ;;
    *) usage ;;
  esac
  shift
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/ploy-repro.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
one="$scratch/a"
two="$scratch/second/build/directory/with/a/longer/path"
mkdir -p "$one" "$two"

"$root/scripts/package.sh" "${source_args[@]}" --snapshot --work "$scratch/snapshot" --version "$version"
build() { # build DIR
  "$root/scripts/package.sh" --from-work "$scratch/snapshot" --configuration "$configuration" --work "$1/work" --keep-work \
    --out "$1/out" --version "$version" >"$1/path" 2>"$1/log"
}
started=$(date +%s)
status=0
if $sequential; then
  build "$one" || status=1
  build "$two" || status=1
else
  build "$one" &
  pid_one=$!
  build "$two" &
  pid_two=$!
  wait "$pid_one" || status=1
  wait "$pid_two" || status=1
fi
cat "$one/log" "$two/log" >&2
if ((status != 0)); then
  echo "a build failed" >&2
  echo "reproducible build: FAIL" >&2
  exit 1
fi
echo "two $configuration builds ($($sequential && echo "one after the other" || echo "at once")) in $(($(date +%s) - started)) s (load average $(cut -d' ' -f1-3 /proc/loadavg))"

name="ploy-$version"
dll_one="$one/work/stage/$name/bin/ploy.dll"
dll_two="$two/work/stage/$name/bin/ploy.dll"
if cmp -s "$dll_one" "$dll_two"; then
  echo "ploy.dll identical: $(sha256sum "$dll_one" | cut -c1-64)"
else
  echo "ploy.dll DIFFERS between the two directories" >&2
  status=1
fi
sums() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); }
if diff <(sums "$one/work/stage") <(sums "$two/work/stage") >"$scratch/diff"; then
  echo "release contents identical: $(find "$one/work/stage" -type f | wc -l) files"
else
  echo "release contents differ:" >&2
  grep '^[<>]' "$scratch/diff" | head -n 20 >&2
  status=1
fi
tar_one="$(tail -n 1 "$one/path")"
tar_two="$(tail -n 1 "$two/path")"
if cmp -s "$tar_one" "$tar_two"; then
  echo "tarball identical: $(sha256sum "$tar_one" | cut -c1-64)"
else
  echo "tarballs differ" >&2
  status=1
fi
((status == 0)) && echo "reproducible build: PASS" || echo "reproducible build: FAIL" >&2
if [[ -n "$keep_release" ]]; then
  mkdir -p "$keep_release"
  cp "$tar_one" "$tar_one.sha256" "$keep_release/"
  echo "$keep_release/$(basename "$tar_one")"
fi
exit "$status"
