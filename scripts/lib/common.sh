#!/usr/bin/env bash
# Shared helpers for the operations scripts (sourced, not run). Host layout under PLOY_ROOT (default /opt/ploy):
#   releases/<version>/   unpacked release tarballs (bin/ploy, scripts/, config/, deploy/)
#   current -> releases/<version>      what runs; switched atomically (rename of a symlink)
#   previous -> releases/<version>     what ran before the last switch (rollback.sh's default target)
#   config/ploy.json, config/ploy.env  configuration and secrets (EnvironmentFile of the systemd unit)
#   data/                  journal (ploy.db: orders, fills and the deployments log), backups, logs/ploy.log (when not
#                          under systemd), deployments.pending.jsonl (records no ploy binary could write; see below)
#   run/                   ploy.pid (start-stop-daemon), deploy.lock

ploy_root() { printf '%s\n' "${PLOY_ROOT:-/opt/ploy}"; }
ploy_config() { printf '%s\n' "${PLOY_CONFIG:-$(ploy_root)/config/ploy.json}"; }
ploy_env_file() { printf '%s\n' "${PLOY_ENV_FILE:-$(ploy_root)/config/ploy.env}"; }
ploy_pending_records() { printf '%s\n' "$(ploy_root)/data/deployments.pending.jsonl"; }
ploy_health_url() {
  if [[ -n "${PLOY_HEALTH_URL:-}" ]]; then
    printf '%s\n' "$PLOY_HEALTH_URL"
    return
  fi
  # The port and address of the control API come from the config file when it sets them.
  local config address="127.0.0.1" port="8080"
  config="$(ploy_config)"
  if [[ -f "$config" ]] && command -v jq >/dev/null 2>&1; then
    address="$(jq -r '.Control.ListenAddress // "127.0.0.1"' "$config" 2>/dev/null || echo 127.0.0.1)"
    port="$(jq -r '.Control.Port // 8080' "$config" 2>/dev/null || echo 8080)"
  fi
  [[ "$address" == "0.0.0.0" || "$address" == "*" || "$address" == "+" ]] && address="127.0.0.1"
  [[ "$address" == "::" ]] && address="[::1]"
  printf 'http://%s:%s/health\n' "$address" "$port"
}

# Milliseconds since the epoch, and elapsed seconds with one decimal since a start in ms.
now_ms() { echo $(($(date +%s%N) / 1000000)); }
elapsed_s() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
elapsed_ms() { echo $(($(now_ms) - $1)); }
utc_now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }

log() { printf '%s %s: %s\n' "$(date -u +%H:%M:%S)" "${PLOY_LOG_TAG:-ploy}" "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# Atomically points LINK at TARGET: a new symlink renamed over the old one (rename(2) is atomic).
switch_symlink() {
  local target="$1" link="$2" tmp
  tmp="$(dirname "$link")/.$(basename "$link").tmp.$$"
  ln -sfn "$target" "$tmp"
  mv -Tf "$tmp" "$link"
}

# The release a symlink points at, as a version name ("" when absent).
release_of() {
  local link="$1"
  [[ -L "$link" ]] || return 0
  basename "$(readlink "$link")"
}

# Release directories under PLOY_ROOT/releases, newest first, except the names given.
releases_newest_first() { # releases_newest_first [EXCEPT...]
  local -a except=("$@")
  local name skip
  find "$(ploy_root)/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%T@ %f\n' 2>/dev/null |
    sort -rn | cut -d' ' -f2- | while IFS= read -r name; do
    skip=false
    for e in "${except[@]}"; do [[ "$name" == "$e" ]] && skip=true; done
    $skip || printf '%s\n' "$name"
  done
}

# Runs a ploy binary as the service runs (working directory PLOY_ROOT, the unit's EnvironmentFile loaded, so a
# relative SQLite path or a PostgreSQL connection string in ploy.env resolves as it does for `ploy run`).
ploy_as_service() { # ploy_as_service BINARY ARGS...
  local exe="$1"
  shift
  (
    cd "$(ploy_root)" || exit 1
    env_file="$(ploy_env_file)"
    if [[ -f "$env_file" ]]; then
      set -a
      # shellcheck disable=SC1090
      . "$env_file"
      set +a
    fi
    exec "$exe" "$@"
  )
}

# Records a deploy or rollback outcome in the deployments log -- the journal's `deployments` table, which
# `ploy deployments` and ploy_deployments_total read -- through `ploy deployments record --config <host config>`.
#   record_deployment BINARY... -- RECORD-ARGS...
# The binaries are tried in order until one records: callers pass the release now current first (after a rollback:
# the known-good one), then the release just staged. When none can (a broken build on a host with no previous
# release, an unreachable database), the arguments are kept as one JSON line in data/deployments.pending.jsonl and
# replayed by the next record that succeeds, so no outcome is lost and the journal stays the one log.
record_deployment() {
  local -a binaries=() args=()
  while (($# > 0)) && [[ "$1" != "--" ]]; do
    binaries+=("$1")
    shift
  done
  (($# > 0)) && shift
  args=("$@")
  local exe tried="" out
  for exe in "${binaries[@]}"; do
    [[ -n "$exe" && -x "$exe" ]] || continue
    exe="$(readlink -f "$exe")"
    [[ " $tried " == *" $exe "* ]] && continue
    tried+=" $exe"
    # Older outcomes waiting in the spool go first, so the journal's ids follow time too.
    replay_pending_records "$exe"
    if out="$(ploy_as_service "$exe" deployments record --config "$(ploy_config)" "${args[@]}" 2>&1)"; then
      log "$out (through $exe)"
      return 0
    fi
    log "recording through $exe failed: $(tail -n 1 <<<"$out")"
  done
  local pending
  pending="$(ploy_pending_records)"
  mkdir -p "$(dirname "$pending")"
  local json="[]" arg
  for arg in "${args[@]}"; do json="$(jq -c --arg a "$arg" '. + [$a]' <<<"$json")"; done
  printf '%s\n' "$json" >>"$pending"
  log "no ploy binary could record this outcome; kept in $pending until the next record replays it"
  return 1
}

# Replays data/deployments.pending.jsonl through BINARY, oldest first; lines that still fail stay.
replay_pending_records() { # replay_pending_records BINARY
  local exe="$1" pending line
  pending="$(ploy_pending_records)"
  [[ -s "$pending" ]] || return 0
  local keep="$pending.keep.$$"
  : >"$keep"
  while IFS= read -r line; do
    local -a args=()
    mapfile -d '' -t args < <(jq -j '.[] | (., "\u0000")' <<<"$line")
    if ploy_as_service "$exe" deployments record --config "$(ploy_config)" "${args[@]}" >/dev/null 2>&1; then
      log "replayed a pending deployment record ($(jq -r 'index("--version") as $i | .[$i + 1]' <<<"$line"))"
    else
      printf '%s\n' "$line" >>"$keep"
    fi
  done <"$pending"
  if [[ -s "$keep" ]]; then mv -f "$keep" "$pending"; else rm -f "$keep" "$pending"; fi
}

# Valid SSH target: user@host or user@host:port.
parse_ssh_target() {
  local target="$1"
  [[ "$target" =~ ^([A-Za-z0-9._-]+)@([A-Za-z0-9._-]+|\[[0-9A-Fa-f:]+\])(:([0-9]{1,5}))?$ ]] || return 1
  SSH_USER_HOST="${BASH_REMATCH[1]}@${BASH_REMATCH[2]}"
  SSH_PORT="${BASH_REMATCH[4]:-22}"
}

# ssh/scp with BatchMode (never prompts) plus PLOY_SSH_OPTS (e.g. "-i key -o UserKnownHostsFile=file").
ssh_run() {
  local -a opts=()
  # shellcheck disable=SC2206 # PLOY_SSH_OPTS is a list of options, split on spaces by design.
  [[ -n "${PLOY_SSH_OPTS:-}" ]] && opts=(${PLOY_SSH_OPTS})
  [[ -n "${PLOY_SSH_CONTROL:-}" ]] && opts+=(-S "$PLOY_SSH_CONTROL")
  ssh -o BatchMode=yes -o ConnectTimeout=10 -p "$SSH_PORT" "${opts[@]}" "$SSH_USER_HOST" "$@"
}
# Copies files into a directory on the target through ssh (no scp/sftp subsystem needed on the host).
scp_to() { # scp_to REMOTE_DIR FILE...
  local dest="$1" file
  shift
  for file in "$@"; do
    local remote_path
    remote_path="$(printf '%q' "$dest/${file##*/}")"
    ssh_run "cat > $remote_path" <"$file" || return 1
  done
}

# Runs one of these scripts on an SSH target (parse_ssh_target first): ships scripts/ (and FILES given after
# `--files`) to a temporary directory there, runs `bash <tmp>/scripts/SCRIPT ARGS... local` with PLOY_ROOT, and
# removes the directory. Output streams back; the exit status is the remote script's.
#   run_remote SCRIPT [ARGS...] [--files FILE...]
run_remote() {
  local script="$1"
  shift
  local -a args=() files=()
  while (($# > 0)); do
    if [[ "$1" == "--files" ]]; then
      shift
      files=("$@")
      break
    fi
    args+=("$1")
    shift
  done
  local here tmp status=0
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # One authenticated connection for every step (ControlMaster), closed when the script exits.
  local control_dir
  control_dir="$(mktemp -d "${TMPDIR:-/tmp}/ploy-ssh.XXXXXX")"
  if ssh_run -o ControlMaster=yes -o ControlPath="$control_dir/cm" -fN 2>/dev/null; then
    export PLOY_SSH_CONTROL="$control_dir/cm"
    # shellcheck disable=SC2064 # expand now: the values are fixed
    trap "ssh -S '$control_dir/cm' -O exit -p '$SSH_PORT' '$SSH_USER_HOST' >/dev/null 2>&1 || true; rm -rf '$control_dir'" EXIT
  else
    rm -rf "$control_dir"
  fi
  tmp="$(ssh_run 'mktemp -d /tmp/ploy-remote.XXXXXX')" || die "cannot reach $SSH_USER_HOST:$SSH_PORT over SSH"
  [[ "$tmp" =~ ^/tmp/ploy-remote\.[A-Za-z0-9]+$ ]] || die "unexpected remote temporary directory"
  tar -C "$here" -cf - deploy.sh rollback.sh service.sh health-check.sh validate-config.sh lib |
    ssh_run "mkdir -p $tmp/scripts && tar -xf - -C $tmp/scripts" || die "copying the scripts to $SSH_USER_HOST failed"
  if ((${#files[@]} > 0)); then
    scp_to "$tmp/" "${files[@]}" || die "copying ${files[*]} to $SSH_USER_HOST failed"
  fi
  local remote_args="" arg
  for arg in "${args[@]}"; do
    arg="${arg//@TMP@/$tmp}"
    remote_args+=" $(printf '%q' "$arg")"
  done
  # The host's own settings apply there; only explicitly set overrides travel.
  local env_prefix name
  env_prefix="PLOY_ROOT=$(printf '%q' "$(ploy_root)")"
  for name in PLOY_SERVICE_MANAGER PLOY_HEALTH_URL PLOY_CONFIG PLOY_ENV_FILE PLOY_REQUIRED_ENV; do
    [[ -n "${!name:-}" ]] && env_prefix+=" $name=$(printf '%q' "${!name}")"
  done
  ssh_run "$env_prefix bash $tmp/scripts/$script$remote_args local" || status=$?
  ssh_run "rm -rf $tmp" || true
  return "$status"
}
