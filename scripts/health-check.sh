#!/usr/bin/env bash
# Polls Ploy's /health until it answers HTTP 200 or the timeout passes; logs every attempt with its elapsed time.
#   scripts/health-check.sh [TIMEOUT] [--timeout S] [--interval S] [--url URL] [--attempt-timeout S] [--watch-service]
#   TIMEOUT / --timeout   total seconds to wait (default 60)
#   --interval            seconds between attempts (default 5, as the review's script; deploy.sh uses 1)
#   --url                 default PLOY_HEALTH_URL, else http://<Control.ListenAddress>:<Control.Port>/health from
#                         PLOY_ROOT/config/ploy.json, else http://127.0.0.1:8080/health
#   --attempt-timeout     seconds one HTTP attempt may take (default 5)
#   --watch-service       also fail fast when the service process is gone on two consecutive attempts
#                         (scripts/service.sh is-running) instead of waiting out the whole timeout
# Exit 0 when healthy, 1 on timeout (or a dead service with --watch-service), 2 on bad arguments.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$here/lib/common.sh"
PLOY_LOG_TAG=health

usage() {
  sed -n '3,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
number() { [[ "$1" =~ ^[0-9]+([.][0-9]+)?$ ]] || usage; }

timeout=60
interval=5
attempt_timeout=5
url=""
watch=false
while (($# > 0)); do
  case "$1" in
    --timeout | --interval | --url | --attempt-timeout)
      [[ $# -ge 2 ]] || usage
      case "$1" in
        --timeout) timeout="$2" ;;
        --interval) interval="$2" ;;
        --url) url="$2" ;;
        --attempt-timeout) attempt_timeout="$2" ;;
      esac
      shift
      ;;
    --watch-service) watch=true ;;
    -h | --help) usage ;;
    [0-9]*) timeout="$1" ;;
    *) usage ;;
  esac
  shift
done
number "$timeout"
number "$interval"
number "$attempt_timeout"
[[ -n "$url" ]] || url="$(ploy_health_url)"
[[ "$url" =~ ^https?:// ]] || usage
command -v curl >/dev/null 2>&1 || die "curl is required"

started="$(now_ms)"
deadline=$((started + $(awk -v t="$timeout" 'BEGIN { printf "%d", t * 1000 }')))
attempt=0
dead=0 # 2 = the service process is gone (confirmed twice)
body="$(mktemp)"
trap 'rm -f "$body"' EXIT
log "polling $url (timeout ${timeout} s, every ${interval} s)"
while :; do
  attempt=$((attempt + 1))
  code="$(curl -s -o "$body" -w '%{http_code}' --max-time "$attempt_timeout" "$url" 2>/dev/null || true)"
  status="$(jq -r '.status // empty' "$body" 2>/dev/null || true)"
  if [[ "$code" == "200" ]]; then
    log "attempt $attempt at $(elapsed_s "$started") s: HTTP 200${status:+ ($status)} — healthy"
    exit 0
  fi
  detail="HTTP ${code:-000}"
  [[ "$code" == "000" || -z "$code" ]] && detail="no answer"
  if $watch && ! "$here/service.sh" is-running >/dev/null 2>&1; then
    # Confirm once, a moment later, so a restart in progress is not mistaken for a dead service.
    sleep 0.3
    if ! "$here/service.sh" is-running >/dev/null 2>&1; then
      dead=2
      detail="$detail, service not running"
    fi
  fi
  log "attempt $attempt at $(elapsed_s "$started") s: $detail${status:+ (status $status)}"
  if ((dead >= 2)); then
    log "unhealthy: the service is not running (after $(elapsed_s "$started") s)"
    exit 1
  fi
  if (($(now_ms) + $(awk -v t="$interval" 'BEGIN { printf "%d", t * 1000 }') > deadline)); then
    log "unhealthy: timeout after ${timeout} s ($attempt attempts)"
    exit 1
  fi
  sleep "$interval"
done
