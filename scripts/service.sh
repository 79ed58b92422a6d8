#!/usr/bin/env bash
# Starts, stops and inspects the Ploy service behind one interface:
#   scripts/service.sh start|stop|restart|status|is-running|logs [N]
# On a host where systemd is PID 1 and ploy.service is installed it calls `systemctl` / `journalctl`.
# Elsewhere (containers, CI, this machine) it runs the same command line as the unit's ExecStart under
# Debian's start-stop-daemon: pidfile PLOY_ROOT/run/ploy.pid, output to PLOY_ROOT/data/logs/ploy.log, the unit's
# EnvironmentFile (PLOY_ROOT/config/ploy.env) loaded first, working directory PLOY_ROOT.
# PLOY_SERVICE_MANAGER=systemd|start-stop-daemon overrides the detection; PLOY_SERVICE_NAME (default ploy).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$here/lib/common.sh"
PLOY_LOG_TAG=service

usage() {
  echo "usage: $0 start|stop|restart|status|is-running|logs [N]" >&2
  exit 2
}
(($# >= 1)) || usage
action="$1"
lines="${2:-20}"
[[ "$lines" =~ ^[0-9]+$ ]] || usage

root="$(ploy_root)"
unit="${PLOY_SERVICE_NAME:-ploy}"
pidfile="$root/run/ploy.pid"
logfile="$root/data/logs/ploy.log"

manager="${PLOY_SERVICE_MANAGER:-}"
if [[ -z "$manager" ]]; then
  if [[ -d /run/systemd/system ]] && systemctl cat "$unit.service" >/dev/null 2>&1; then
    manager=systemd
  else
    manager=start-stop-daemon
  fi
fi

ssd_running() {
  [[ -f "$pidfile" ]] || return 1
  start-stop-daemon --status --pidfile "$pidfile"
}

ssd_start() {
  if ssd_running; then
    log "already running (pid $(cat "$pidfile"))"
    return 0
  fi
  local exe="$root/current/bin/ploy"
  [[ -x "$exe" ]] || die "no executable at $exe (is a release deployed?)"
  mkdir -p "$root/run" "$root/data/logs"
  (
    # The unit's EnvironmentFile: KEY=VALUE lines; loaded into this subshell only, never printed.
    env_file="$(ploy_env_file)"
    if [[ -f "$env_file" ]]; then
      set -a
      # shellcheck disable=SC1090
      . "$env_file"
      set +a
    fi
    printf '\n--- %s start %s\n' "$(utc_now)" "$(release_of "$root/current")" >>"$logfile"
    # --startas, not --exec: after a symlink switch the old and new binaries differ, so the pidfile alone
    # identifies the instance.
    exec start-stop-daemon --start --background --make-pidfile --pidfile "$pidfile" --chdir "$root" \
      --output "$logfile" --startas "$exe" -- run --config "$(ploy_config)"
  )
  log "started $(release_of "$root/current") (pid $(cat "$pidfile"))"
}

ssd_stop() {
  if ! ssd_running; then
    rm -f "$pidfile"
    log "not running"
    return 0
  fi
  # SIGTERM first (graceful shutdown within Service:ShutdownTimeout), SIGKILL after 30 s, as the unit does.
  start-stop-daemon --stop --pidfile "$pidfile" --remove-pidfile --retry TERM/30/KILL/5 --oknodo --quiet || true
  rm -f "$pidfile"
  log "stopped"
}

case "$manager:$action" in
  systemd:start | systemd:stop | systemd:restart) systemctl "$action" "$unit.service" ;;
  systemd:status) systemctl status --no-pager "$unit.service" ;;
  systemd:is-running) systemctl is-active --quiet "$unit.service" ;;
  systemd:logs) journalctl -u "$unit.service" -n "$lines" --no-pager ;;
  start-stop-daemon:start) ssd_start ;;
  start-stop-daemon:stop) ssd_stop ;;
  start-stop-daemon:restart)
    ssd_stop
    ssd_start
    ;;
  start-stop-daemon:status)
    if ssd_running; then
      echo "ploy: running (pid $(cat "$pidfile"), release $(release_of "$root/current"))"
    else
      echo "ploy: not running (release $(release_of "$root/current"))"
      exit 3
    fi
    ;;
  start-stop-daemon:is-running) ssd_running ;;
  start-stop-daemon:logs) [[ -f "$logfile" ]] && tail -n "$lines" "$logfile" ;;
  systemd:* | start-stop-daemon:*) usage ;;
  *) die "unknown PLOY_SERVICE_MANAGER '$manager' (systemd or start-stop-daemon)" ;;
esac
