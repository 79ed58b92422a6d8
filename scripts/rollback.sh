#!/usr/bin/env bash
# Rolls Ploy back to the previous release (or a named one) and waits until it is healthy. Usable by hand.
#   scripts/rollback.sh local|USER@HOST[:PORT] [--to VERSION] [--root DIR] [--health-timeout S] [--interval S]
#   --to              the release to return to (default: the `previous` link, else the newest other release)
#   --root            host layout root (default PLOY_ROOT or /opt/ploy)
#   --health-timeout  seconds to wait for health (default 60)
#   --interval        seconds between health attempts (default 1)
# Steps: verify the target release exists and matches its SHA256SUMS → switch `current` atomically → restart →
# health-check (every attempt logged) → record the outcome in the journal's deployments log (`ploy deployments
# record`, kind rollback: rolled_back when healthy, failed otherwise).
# Exit 0 when healthy ("Rollback complete"), 1 otherwise (the last 20 lines of the service log are printed).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$here/lib/common.sh"
PLOY_LOG_TAG=rollback

usage() {
  sed -n '3,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 1
}
number() { [[ "$1" =~ ^[0-9]+([.][0-9]+)?$ ]] || usage; }

target=""
to=""
health_timeout=60
interval=1
while (($# > 0)); do
  case "$1" in
    --to | --root | --health-timeout | --interval)
      [[ $# -ge 2 ]] || usage
      case "$1" in
        --to) to="$2" ;;
        --root) export PLOY_ROOT="$2" ;;
        --health-timeout) health_timeout="$2" ;;
        --interval) interval="$2" ;;
      esac
      shift
      ;;
    -h | --help) usage ;;
    -*) usage ;;
    *)
      [[ -z "$target" || "$1" == "local" ]] || usage
      target="$1"
      ;;
  esac
  shift
done
[[ -n "$target" ]] || usage
number "$health_timeout"
number "$interval"
[[ -z "$to" || "$to" =~ ^[0-9A-Za-z._+-]+$ ]] || usage

if [[ "$target" != "local" ]]; then
  parse_ssh_target "$target" || usage
  log "rolling back on $SSH_USER_HOST (port $SSH_PORT), root $(ploy_root)"
  opts=(--health-timeout "$health_timeout" --interval "$interval")
  [[ -n "$to" ]] && opts+=(--to "$to")
  run_remote rollback.sh "${opts[@]}"
  exit $?
fi

root="$(ploy_root)"
[[ -d "$root/releases" ]] || die "no releases under $root"
mkdir -p "$root/run" "$root/data"
exec 9>"$root/run/deploy.lock"
flock -n 9 || die "another deploy or rollback is running on this host ($root/run/deploy.lock)"

started="$(now_ms)"
started_utc="$(utc_now)"
current="$(release_of "$root/current")"
if [[ -z "$to" ]]; then
  to="$(release_of "$root/previous")"
  if [[ -z "$to" || "$to" == "$current" ]]; then
    to="$(releases_newest_first "$current" | sed -n 1p)"
  fi
fi
[[ -n "$to" ]] || die "no previous release under $root/releases to roll back to"
release="$root/releases/$to"
[[ -x "$release/bin/ploy" ]] || die "release $to does not exist (no $release/bin/ploy)"
[[ "$to" != "$current" ]] || die "release $to is already current"
(cd "$release" && sha256sum --check --quiet --strict SHA256SUMS >/dev/null) || die "release $to does not match its SHA256SUMS"

record() { # record RESULT [DETAIL]: through the release now current, else the one rolled back from
  local -a args=(--kind rollback --version "$to" --result "$1" --started "$started_utc" --finished "$(utc_now)")
  args+=(--duration "rollback=$(elapsed_ms "$started")")
  [[ -n "$current" ]] && args+=(--previous "$current")
  [[ -n "${2:-}" ]] && args+=(--detail "$2")
  record_deployment "$root/current/bin/ploy" "${current:+$root/releases/$current/bin/ploy}" -- "${args[@]}" || true
}

log "rolling back from ${current:-none} to $to"
switch_symlink "releases/$to" "$root/current"
[[ -n "$current" ]] && switch_symlink "releases/$current" "$root/previous"
"$here/service.sh" restart 9>&- || log "restart reported an error; the health check decides"
if "$here/health-check.sh" --timeout "$health_timeout" --interval "$interval" --watch-service; then
  record rolled_back
  echo "Rollback complete: $to healthy in $(elapsed_s "$started") s"
  exit 0
fi
record failed "release $to is not healthy after the rollback"
log "release $to is not healthy after the rollback; last service output:"
"$here/service.sh" logs 20 >&2 || true
exit 1
