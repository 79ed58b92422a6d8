#!/usr/bin/env bash
# Builds the release artifact: a versioned tarball with the published `ploy`, the example config, the operations
# scripts and the systemd unit, plus its SHA-256. Reproducible: the same commit packaged in any directory gives
# byte-identical binaries and tarball contents (tests/deploy/reproducible-build.sh proves it).
#
#   scripts/package.sh [--source worktree|COMMIT] [--configuration Release|Staging] [--rid RID]
#                      [--self-contained] [--version VERSION] [--out DIR] [--work DIR] [--keep-work]
#
#   --source         what to build: the working tree (tracked + untracked, .gitignore applied; default) or a commit
#   --configuration  Release (ReadyToRun, default) or Staging (no ReadyToRun, full symbols; fast)
#   --rid            runtime identifier (default linux-x64)
#   --self-contained bundle the .NET runtime (default: framework-dependent; the host needs the .NET 10 runtime)
#   --version        release version (default: <Version in Directory.Build.props>-<commit>[-dirty])
#   --out            where the tarball goes (default: $PLOY_ARTIFACTS/packages or ./artifacts/packages)
#   --work           build directory (default: a fresh temporary one)
#   --snapshot       with --work DIR: only copy the source (and its commit, dirty flag, commit time) into DIR, then stop
#   --from-work DIR  build the source tree a --snapshot (or --keep-work) run left in DIR, as that commit: the
#                    reproducibility check builds one snapshot twice, so the working tree may change meanwhile
#   --prebuilt DIR   package an existing build output (e.g. artifacts/bin/Ploy.Cli/release) instead of publishing;
#                    for tests of the deploy mechanics, never for releases (not reproducible, not ReadyToRun)
# Prints the tarball path as the last line of stdout; the SHA-256 is beside it as <tarball>.sha256.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

source_ref="worktree"
configuration="Release"
rid="linux-x64"
self_contained=false
version=""
out="${PLOY_ARTIFACTS:-$root/artifacts}/packages"
work=""
keep_work=false
prebuilt=""
from_work=""
snapshot=false
while (($# > 0)); do
  case "$1" in
    --source | --configuration | --rid | --version | --out | --work | --prebuilt | --from-work)
      [[ $# -ge 2 && -n "$2" ]] || usage
      case "$1" in
        --source) source_ref="$2" ;;
        --configuration) configuration="$2" ;;
        --rid) rid="$2" ;;
        --version) version="$2" ;;
        --out) out="$2" ;;
        --work) work="$2" ;;
        --prebuilt) prebuilt="$2" ;;
        --from-work) from_work="$2" ;;
      esac
      shift
      ;;
    --self-contained) self_contained=true ;;
    --keep-work) keep_work=true ;;
    --snapshot) snapshot=true ;;
    -h | --help) usage ;;
    *)
      echo "package: unknown argument '$1'" >&2
      usage
      ;;
  esac
  shift
done
case "$configuration" in Release | Staging) ;; *)
  echo "package: --configuration must be Release or Staging" >&2
  usage
  ;;
esac
if [[ ! "$version" =~ ^[0-9A-Za-z._+-]*$ ]]; then
  echo "package: --version may hold only letters, digits and . _ + -" >&2
  exit 2
fi

log() { echo "package: $*" >&2; }
die_usage() {
  echo "package: $*" >&2
  exit 2
}

# --- what to build -----------------------------------------------------------------------------------------
cd "$root"
if [[ -n "$from_work" ]]; then
  [[ -f "$from_work/source.env" && -d "$from_work/src" ]] || die_usage "--from-work $from_work: no source.env and src/ from a --keep-work run"
  from_work="$(cd "$from_work" && pwd)"
  # shellcheck source=/dev/null # written by this script: commit=, dirty=, commit_epoch=
  . "$from_work/source.env"
  source_ref="copy"
elif [[ "$source_ref" == "worktree" ]]; then
  commit="$(git rev-parse HEAD)"
  dirty=""
  [[ -z "$(git status --porcelain --untracked-files=normal 2>/dev/null)" ]] || dirty="-dirty"
else
  commit="$(git rev-parse --verify "$source_ref^{commit}")" || {
    echo "package: no such commit: $source_ref" >&2
    exit 2
  }
  dirty=""
fi
short="${commit:0:12}"
# The source date: the commit's time. Every timestamp in the tarball is this, never the build time.
[[ -n "$from_work" ]] || commit_epoch="$(git log -1 --format=%ct "$commit")"
source_date_epoch="${SOURCE_DATE_EPOCH:-$commit_epoch}"
# The commit time in BUILD-INFO.json: deploy.sh records it, and `ploy deployments` measures lead time from it.
commit_time="$(date -u -d "@$commit_epoch" +%Y-%m-%dT%H:%M:%SZ)"
base_version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)"
[[ -n "$version" ]] || version="${base_version:-0.0.0}-${short}${dirty}"
name="ploy-$version"

if $snapshot; then
  [[ -n "$work" && -z "$prebuilt" && -z "$from_work" ]] || die_usage "--snapshot needs --work DIR (and no --prebuilt or --from-work)"
  keep_work=true
fi
if [[ -z "$work" ]]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/ploy-package.XXXXXX")"
else
  mkdir -p "$work"
  work="$(cd "$work" && pwd)"
fi
cleanup() { $keep_work || rm -rf "$work"; }
trap cleanup EXIT
src="$work/src"
stage="$work/stage/$name"
[[ "$work" != "$from_work" ]] || die_usage "--work must differ from --from-work"
rm -rf "$src" "$work/stage"
mkdir -p "$src" "$stage"
printf 'commit=%q\ndirty=%q\ncommit_epoch=%q\n' "$commit" "$dirty" "$commit_epoch" >"$work/source.env"

if [[ -n "$prebuilt" ]]; then
  [[ -x "$prebuilt/ploy" && -f "$prebuilt/ploy.dll" ]] || die_usage "--prebuilt $prebuilt holds no ploy build"
  source_ref="worktree"
fi
case "$source_ref" in
  worktree) described="the working tree (HEAD $short$dirty)" ;;
  copy) described="the source kept in $from_work (commit $short$dirty)" ;;
  *) described="commit $short" ;;
esac
log "$name from $described, $configuration, $rid, $($self_contained && echo self-contained || echo framework-dependent)"
r2r=false
if [[ -n "$prebuilt" ]]; then
  # The deploy tests' shortcut: the build output as it is, plus this working tree's scripts and unit.
  mkdir -p "$stage/bin"
  cp -a "$prebuilt/." "$stage/bin/"
  src="$root"
else
  if [[ "$source_ref" == "copy" ]]; then
    (cd "$from_work/src" && tar --exclude=./artifacts -cf - .) | tar -xf - -C "$src"
  elif [[ "$source_ref" == "worktree" ]]; then
    # shellcheck disable=SC2016 # the inner sh expands them
    git ls-files -z -co --exclude-standard | xargs -0 -r -n 200 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh |
      tar --null -T - -cf - | tar -xf - -C "$src"
  else
    git archive --format=tar "$commit" | tar -xf - -C "$src"
  fi

  if $snapshot; then
    log "source snapshot in $src (commit $short$dirty)"
    exit 0
  fi

  # --- publish -----------------------------------------------------------------------------------------------
  [[ "$configuration" == "Release" ]] && r2r=true
  started=$(date +%s)
  (
    cd "$src"
    unset PLOY_ARTIFACTS
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
    # Reproducibility: Deterministic + ContinuousIntegrationBuild + PathMap of the checkout directory to /_/,
    # so neither the directory nor the machine leaks into the binaries. The lock files pin every package; they
    # carry no RID-specific section, so a RID restore may not run in locked mode.
    dotnet publish src/Ploy.Cli/Ploy.Cli.csproj -c "$configuration" -r "$rid" --self-contained "$self_contained" \
      --nologo -v quiet -o "$stage/bin" \
      -p:PublishReadyToRun="$r2r" -p:Deterministic=true -p:ContinuousIntegrationBuild=true \
      -p:PathMap="$src/=/_/" -p:PLOY_REPRODUCIBLE=true -p:RestoreLockedMode=false \
      -p:SourceRevisionId="$commit" -p:InformationalVersion="$version" -p:UseAppHost=true
  ) >&2
  log "published in $(($(date +%s) - started)) s"
  [[ -x "$stage/bin/ploy" ]] || {
    echo "package: the publish produced no bin/ploy" >&2
    exit 1
  }
fi

# --- assemble ----------------------------------------------------------------------------------------------
mkdir -p "$stage/config" "$stage/scripts/lib" "$stage/deploy/systemd"
cp "$src/config/ploy.example.json" "$stage/config/"
for script in deploy.sh rollback.sh health-check.sh validate-config.sh service.sh; do
  [[ -f "$src/scripts/$script" ]] && cp "$src/scripts/$script" "$stage/scripts/"
done
cp "$src/scripts/lib/"*.sh "$stage/scripts/lib/" 2>/dev/null || true
cp "$src/deploy/systemd/ploy.service" "$stage/deploy/systemd/"
[[ -f "$src/DEPLOYMENT.md" ]] && cp "$src/DEPLOYMENT.md" "$stage/"
printf '%s\n' "$version" >"$stage/VERSION"
cat >"$stage/BUILD-INFO.json" <<EOF
{"version": "$version", "commit": "$commit", "commit_time": "$commit_time", "dirty": $([[ -n $dirty ]] && echo true || echo false), "configuration": "$configuration", "rid": "$rid", "self_contained": $self_contained, "ready_to_run": $r2r, "prebuilt": $([[ -n $prebuilt ]] && echo true || echo false), "source_date_epoch": $source_date_epoch}
EOF
# Checksums of every file in the release, verified by deploy.sh after unpacking.
(cd "$stage" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum >"$work/SHA256SUMS")
mv "$work/SHA256SUMS" "$stage/SHA256SUMS"

mkdir -p "$out"
tarball="$out/$name-$rid.tar.gz"
# A reproducible tarball: sorted names, fixed owner, modes and times, no gzip timestamp.
tar --sort=name --owner=0 --group=0 --numeric-owner --mode='u+rwX,go+rX,go-w' --mtime="@$source_date_epoch" \
  --format=gnu -C "$work/stage" -cf - "$name" | gzip -n -6 >"$tarball.tmp"
mv "$tarball.tmp" "$tarball"
(cd "$out" && sha256sum "$(basename "$tarball")" >"$(basename "$tarball").sha256")
log "$(basename "$tarball"): $(du -h "$tarball" | cut -f1), sha256 $(cut -d' ' -f1 "$tarball.sha256")"
echo "$tarball"
