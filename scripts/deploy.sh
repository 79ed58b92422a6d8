#!/usr/bin/env bash
# Deploys a release tarball (scripts/package.sh) and rolls it back automatically when it does not become healthy.
#   scripts/deploy.sh TARBALL [local|USER@HOST[:PORT]] [options]
#   --root DIR            host layout root (default PLOY_ROOT or /opt/ploy)
#   --health-timeout S    health gate (default 300 = 5 min); every attempt is logged
#   --interval S          seconds between health attempts (default 1)
#   --rollback-timeout S  health gate after an automatic rollback (default 60)
#   --keep N              releases kept on the host besides current and previous (default 5)
#   --no-validate         skip scripts/validate-config.sh (not recommended)
# Steps: verify the tarball's SHA-256 → unpack to releases/<version> and verify every file → validate the config with
# the NEW binary (`ploy config validate`, env vars, database) → switch `current` atomically → restart → health gate →
# on failure switch back, restart and health-check the previous release → record the outcome (version, previous,
# times, result, commit time, durations) in the journal's deployments log with `ploy deployments record` through the
# release now current (lib/common.sh: record_deployment has the fallbacks). SSH targets get the same steps run there
# (PLOY_SSH_OPTS adds ssh options, e.g. "-i KEY -o UserKnownHostsFile=FILE").
# Exit 0 when the new release is healthy; 1 when the deploy failed (rolled back or rejected); 2 on bad arguments.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$here/lib/common.sh"
PLOY_LOG_TAG=deploy

usage() {
  sed -n '3,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
number() { [[ "$1" =~ ^[0-9]+([.][0-9]+)?$ ]] || usage; }

tarball=""
target="local"
health_timeout=300
interval=1
rollback_timeout=60
keep=5
validate=true
while (($# > 0)); do
  case "$1" in
    --root | --health-timeout | --interval | --rollback-timeout | --keep)
      [[ $# -ge 2 ]] || usage
      case "$1" in
        --root) export PLOY_ROOT="$2" ;;
        --health-timeout) health_timeout="$2" ;;
        --interval) interval="$2" ;;
        --rollback-timeout) rollback_timeout="$2" ;;
        --keep) keep="$2" ;;
      esac
      shift
      ;;
    --no-validate) validate=false ;;
    -h | --help) usage ;;
    -*) usage ;;
    *)
      if [[ -z "$tarball" ]]; then tarball="$1"; else target="$1"; fi
      ;;
  esac
  shift
done
[[ -n "$tarball" ]] || usage
number "$health_timeout"
number "$interval"
number "$rollback_timeout"
[[ "$keep" =~ ^[0-9]+$ ]] || usage
[[ -f "$tarball" ]] || die "no such tarball: $tarball"

# Checksum first, wherever the deploy runs.
if [[ -f "$tarball.sha256" ]]; then
  (cd "$(dirname "$tarball")" && sha256sum --check --quiet --status "$(basename "$tarball").sha256") ||
    die "$tarball does not match $tarball.sha256"
  log "tarball checksum verified"
fi

# --- SSH target: the same script, run on the host --------------------------------------------------------------
if [[ "$target" != "local" ]]; then
  parse_ssh_target "$target" || usage
  log "deploying $(basename "$tarball") to $SSH_USER_HOST (port $SSH_PORT), root $(ploy_root)"
  files=("$tarball")
  [[ -f "$tarball.sha256" ]] && files+=("$tarball.sha256")
  opts=(--health-timeout "$health_timeout" --interval "$interval" --rollback-timeout "$rollback_timeout" --keep "$keep")
  $validate || opts+=(--no-validate)
  run_remote deploy.sh "@TMP@/$(basename "$tarball")" "${opts[@]}" --files "${files[@]}"
  exit $?
fi

# --- local target -------------------------------------------------------------------------------------------
root="$(ploy_root)"
mkdir -p "$root/releases" "$root/config" "$root/data" "$root/run"
exec 9>"$root/run/deploy.lock"
flock -n 9 || die "another deploy or rollback is running on this host ($root/run/deploy.lock)"

started="$(now_ms)"
started_utc="$(utc_now)"
top="$(tar -tzf "$tarball" | sed -n 1p)"
top="${top%%/*}"
[[ "$top" =~ ^ploy-([0-9A-Za-z._+-]+)$ ]] || die "$tarball is not a ploy release (top directory '$top')"
version="${BASH_REMATCH[1]}"
release="$root/releases/$version"
current_before="$(release_of "$root/current")"
previous_before="$(release_of "$root/previous")"
commit=""
commit_time=""

# record RESULT DETAIL [NAME=MS...]: succeeded | rolled_back | failed | rejected. The binaries tried: the release
# current now (the new one when it is healthy, the previous one after a rollback), then the one just staged unless
# it failed its checksums (never run an unverified binary).
record() {
  local result="$1" detail="$2"
  shift 2
  local -a binaries=("$root/current/bin/ploy")
  [[ "$result" == rejected && "$detail" == *SHA256SUMS* ]] || binaries+=("$release/bin/ploy")
  local -a args=(--kind deploy --version "$version" --result "$result" --started "$started_utc" --finished "$(utc_now)")
  [[ -n "$current_before" ]] && args+=(--previous "$current_before")
  [[ -n "$commit_time" ]] && args+=(--commit-time "$commit_time")
  [[ -n "$detail" ]] && args+=(--detail "$detail")
  local phase
  for phase in "$@" "total=$(elapsed_ms "$started")"; do args+=(--duration "$phase"); done
  record_deployment "${binaries[@]}" -- "${args[@]}" || true
}

if [[ "$version" == "$current_before" ]]; then
  die "release $version is already current; nothing to deploy (scripts/service.sh restart restarts it)"
fi

# 1. Stage: unpack beside the releases, verify every file, then rename into place.
if [[ -d "$release" ]]; then
  log "release $version already unpacked; verifying it"
else
  incoming="$root/releases/.incoming.$$"
  rm -rf "$incoming"
  mkdir -p "$incoming"
  tar -xzf "$tarball" -C "$incoming" --no-same-owner
  mv -T "$incoming/$top" "$release"
  rm -rf "$incoming"
fi
if ! (cd "$release" && sha256sum --check --quiet --strict SHA256SUMS >/dev/null); then
  record rejected "release files do not match SHA256SUMS"
  die "release $version: files do not match its SHA256SUMS"
fi
commit="$(jq -r '.commit // empty' "$release/BUILD-INFO.json" 2>/dev/null || true)"
commit_time="$(jq -r '.commit_time // empty' "$release/BUILD-INFO.json" 2>/dev/null || true)"
log "staged release $version${commit:+ (commit ${commit:0:12})} in $release"

# 2. Validate the configuration with the new binary before anything changes.
if $validate; then
  if ! "$here/validate-config.sh" --ploy "$release/bin/ploy"; then
    record rejected "configuration invalid"
    die "configuration invalid for $version: nothing was changed"
  fi
fi

# 3. Switch and restart.
switch_started="$(now_ms)"
switch_symlink "releases/$version" "$root/current"
[[ -n "$current_before" ]] && switch_symlink "releases/$current_before" "$root/previous"
log "current -> releases/$version (was ${current_before:-none})"
"$here/service.sh" restart 9>&- || log "restart reported an error; the health gate decides"

# 4. Health gate.
if "$here/health-check.sh" --timeout "$health_timeout" --interval "$interval" --watch-service; then
  to_healthy_ms="$(elapsed_ms "$switch_started")"
  to_healthy="$(elapsed_s "$switch_started")"
  total="$(elapsed_s "$started")"
  record succeeded "" "to_healthy=$to_healthy_ms"
  log "deployed $version: healthy ${to_healthy} s after the switch, ${total} s in all"
  # Prune old releases (never current or previous).
  mapfile -t old < <(releases_newest_first "$version" "$current_before" | tail -n +"$((keep + 1))")
  for dir in "${old[@]}"; do
    [[ -n "$dir" && -d "$root/releases/$dir" ]] && rm -rf "${root:?}/releases/$dir" && log "pruned release $dir"
  done
  echo "deploy: $version healthy in ${to_healthy} s"
  exit 0
fi

failed_after="$(elapsed_s "$switch_started")"
log "release $version failed its health gate after ${failed_after} s; last service output:"
"$here/service.sh" logs 20 >&2 || true

# 5. Automatic rollback.
if [[ -z "$current_before" || ! -x "$root/releases/$current_before/bin/ploy" ]]; then
  "$here/service.sh" stop 9>&- || true
  record failed "health gate failed; no previous release to roll back to"
  die "no previous release to roll back to; the service is stopped"
fi
rollback_started="$(now_ms)"
log "rolling back to $current_before"
switch_symlink "releases/$current_before" "$root/current"
if [[ -n "$previous_before" ]]; then switch_symlink "releases/$previous_before" "$root/previous"; else rm -f "$root/previous"; fi
"$here/service.sh" restart 9>&- || true
if "$here/health-check.sh" --timeout "$rollback_timeout" --interval "$interval" --watch-service; then
  rollback_ms="$(elapsed_ms "$rollback_started")"
  restore_ms="$(elapsed_ms "$switch_started")"
  rollback_s="$(elapsed_s "$rollback_started")"
  restore_s="$(elapsed_s "$switch_started")"
  record rolled_back "health gate failed after ${failed_after} s" "rollback=$rollback_ms" "restore=$restore_ms"
  log "rolled back to $current_before: healthy ${rollback_s} s after the rollback started (${restore_s} s of impact)"
  echo "deploy: $version FAILED; rolled back to $current_before, healthy in ${rollback_s} s"
else
  record failed "health gate failed; the rollback to $current_before is unhealthy too" "rollback=$(elapsed_ms "$rollback_started")"
  "$here/service.sh" logs 20 >&2 || true
  echo "deploy: $version FAILED and the rollback to $current_before is UNHEALTHY: act now (DEPLOYMENT.md)" >&2
fi
exit 1
