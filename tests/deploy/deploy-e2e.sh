#!/usr/bin/env bash
# End-to-end deploy tests on this machine, against the real scripts and a real `ploy run`:
#   (a) a good build is deployed → healthy → recorded as success
#   (b) a broken build (its service exits at start; its config validators work) is deployed → the health gate fails
#       → automatic rollback to the previous release → healthy → recorded as failed and rolled back;
#       (b2, local) a build whose service runs but never answers: the gate times out (--health-timeout 8) → rollback
#   (c) scripts/rollback.sh by hand → the release before → healthy → recorded
#   (d) a deploy whose config fails `ploy config validate` is rejected: nothing switched, still healthy, recorded
# once to a local target (a scratch PLOY_ROOT) and once over SSH to an sshd started here on 127.0.0.1 with a
# throwaway host key and client key. Prints deploy-to-healthy and rollback-to-healthy times, and a summary line.
#
#   tests/deploy/deploy-e2e.sh [--tarball FILE] [--local-only | --ssh-only] [--keep]
#   --tarball  a release from scripts/package.sh (default: package the working tree, Staging, which is fast)
#   --keep     keep the scratch directory for inspection
# Every process started here (sshd, ploy instances) is stopped by its pid at exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scripts="$root/scripts"

usage() {
  sed -n '10,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
tarball=""
run_local=true
run_ssh=true
keep=false
while (($# > 0)); do
  case "$1" in
    --tarball)
      [[ $# -ge 2 ]] || usage
      tarball="$2"
      shift
      ;;
    --local-only) run_ssh=false ;;
    --ssh-only) run_local=false ;;
    --keep) keep=true ;;
    *) usage ;;
  esac
  shift
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/ploy-deploy-e2e.XXXXXX")"
sshd_pid=""
roots=()
passed=0
failed=0

cleanup() {
  local r
  for r in "${roots[@]}"; do
    PLOY_ROOT="$r" "$scripts/service.sh" stop >/dev/null 2>&1 || true
  done
  if [[ -n "$sshd_pid" ]] && kill -0 "$sshd_pid" 2>/dev/null; then
    kill "$sshd_pid" 2>/dev/null || true
    wait "$sshd_pid" 2>/dev/null || true
  fi
  if $keep; then echo "kept $scratch" >&2; else rm -rf "$scratch"; fi
}
trap cleanup EXIT

ok() {
  passed=$((passed + 1))
  echo "ok - $*"
}
not_ok() {
  failed=$((failed + 1))
  echo "not ok - $*"
}
check() { # check DESCRIPTION COMMAND...
  local description="$1"
  shift
  if "$@"; then ok "$description"; else not_ok "$description"; fi
}

indent() { sed 's/^/   /'; }

free_port() { # a random loopback port nothing listens on
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    echo "$port"
    return
  done
}

# --- the releases under test ---------------------------------------------------------------------------------
if [[ -z "$tarball" ]]; then
  echo "== packaging the working tree (Staging)"
  tarball="$("$scripts/package.sh" --configuration Staging --out "$scratch/packages" | tail -n 1)"
fi
[[ -f "$tarball" ]] || {
  echo "no tarball: $tarball" >&2
  exit 1
}

# Re-versions a release (same binaries), optionally breaking it, into a new tarball with its checksums.
derive() { # derive VERSION good|crash|hang → prints the tarball path
  local version="$1" kind="$2" work="$scratch/derive/$1"
  mkdir -p "$work" "$scratch/packages"
  tar -xzf "$tarball" -C "$work"
  local top
  top="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
  mv "$top" "$work/ploy-$version"
  printf '%s\n' "$version" >"$work/ploy-$version/VERSION"
  if [[ "$kind" != good ]]; then
    # A broken build: its config validators work (so the deploy's validation passes, as it would for a real
    # regression), but the service does not come up: "crash" exits at start, "hang" runs and never answers.
    local bin="$work/ploy-$version/bin"
    mv "$bin/ploy" "$bin/ploy.real"
    cat >"$bin/ploy" <<EOS
#!/bin/sh
# deploy-e2e fixture: a build whose service $kind-es at start
if [ "\$1" = run ]; then
  echo "fatal: simulated start-up failure ($kind)" >&2
  [ "$kind" = hang ] && exec sleep 3600
  exit 70
fi
exec "\$(dirname "\$0")/ploy.real" "\$@"
EOS
    chmod +x "$bin/ploy"
  fi
  (cd "$work/ploy-$version" && find . -type f ! -name SHA256SUMS -print0 | LC_ALL=C sort -z | xargs -0 sha256sum >"$work/sums")
  mv "$work/sums" "$work/ploy-$version/SHA256SUMS"
  local out="$scratch/packages/ploy-$version-linux-x64.tar.gz"
  tar -C "$work" -czf "$out" "ploy-$version"
  (cd "$scratch/packages" && sha256sum "$(basename "$out")" >"$(basename "$out").sha256")
  echo "$out"
}
good1="$(derive e2e-1 good)"
good2="$(derive e2e-2 good)"
broken="$(derive e2e-3-broken crash)"
hanging="$(derive e2e-4-hangs hang)"

# A host root: config with its own port, journal under data/.
make_root() { # make_root DIR PORT
  mkdir -p "$1/config" "$1/data"
  jq -n --argjson port "$2" '{Mode: "Paper", Control: {ListenAddress: "127.0.0.1", Port: $port}}' >"$1/config/ploy.json"
  printf '# secrets and overrides, KEY=VALUE\nDOTNET_CLI_TELEMETRY_OPTOUT=1\n' >"$1/config/ploy.env"
  chmod 600 "$1/config/ploy.env"
  roots+=("$1")
}

deployments() { jq -s "$2" "$1/data/deployments.jsonl"; }

# --- one scenario against a target ---------------------------------------------------------------------------
scenario() { # scenario NAME TARGET ROOT
  local name="$1" target="$2" host_root="$3" out rc
  local url
  url="http://127.0.0.1:$(jq -r .Control.Port "$host_root/config/ploy.json")/health"
  export PLOY_ROOT="$host_root"
  echo "== $name: deploy e2e-1 (first release)"
  "$scripts/deploy.sh" "$good1" "$target" 2>&1 | sed 's/^/   /' || true
  check "$name: first deploy healthy" curl -sf -o /dev/null "$url"

  echo "== $name (a): deploy a good build e2e-2"
  out="$("$scripts/deploy.sh" "$good2" "$target" 2>&1)" && rc=0 || rc=$?
  indent <<<"$out"
  check "$name (a): deploy exits 0" test "$rc" -eq 0
  check "$name (a): current is e2e-2" test "$(readlink "$host_root/current")" = releases/e2e-2
  check "$name (a): /health answers 200" curl -sf -o /dev/null "$url"
  check "$name (a): recorded as success" test "$(deployments "$host_root" '[.[] | select(.version == "e2e-2")][-1].result')" = '"success"'
  echo "   deploy-to-healthy ($name): $(deployments "$host_root" '[.[] | select(.version == "e2e-2")][-1].to_healthy_s') s after the switch, $(deployments "$host_root" '[.[] | select(.version == "e2e-2")][-1].duration_s') s in all"

  echo "== $name (b): deploy a broken build e2e-3-broken"
  out="$("$scripts/deploy.sh" "$broken" "$target" 2>&1)" && rc=0 || rc=$?
  indent <<<"$out"
  check "$name (b): deploy exits 1" test "$rc" -eq 1
  check "$name (b): every health attempt logged" grep -q 'health: attempt 1 at' <<<"$out"
  check "$name (b): rolled back: current is e2e-2" test "$(readlink "$host_root/current")" = releases/e2e-2
  check "$name (b): /health answers 200 after the rollback" curl -sf -o /dev/null "$url"
  check "$name (b): recorded as failed and rolled back" test \
    "$(deployments "$host_root" '[.[] | select(.version == "e2e-3-broken")][-1] | "\(.result) \(.rolled_back) \(.rollback_healthy)"')" = '"failed true true"'
  local rollback_s restore_s
  rollback_s="$(deployments "$host_root" '[.[] | select(.version == "e2e-3-broken")][-1].rollback_s')"
  restore_s="$(deployments "$host_root" '[.[] | select(.version == "e2e-3-broken")][-1].restore_s')"
  echo "   failed deploy ($name): rollback-to-healthy ${rollback_s} s, switch-to-restored ${restore_s} s"
  check "$name (b): automatic rollback healthy within 10 s" awk -v s="$restore_s" 'BEGIN { exit !(s <= 10) }'

  if [[ "$target" == local ]]; then
    echo "== $name (b2): deploy a build that never answers (health gate 8 s)"
    out="$("$scripts/deploy.sh" "$hanging" "$target" --health-timeout 8 2>&1)" && rc=0 || rc=$?
    indent <<<"$out"
    check "$name (b2): deploy exits 1" test "$rc" -eq 1
    check "$name (b2): the gate timed out" grep -q 'unhealthy: timeout after 8 s' <<<"$out"
    check "$name (b2): rolled back: current is e2e-2" test "$(readlink "$host_root/current")" = releases/e2e-2
    check "$name (b2): /health answers 200 after the rollback" curl -sf -o /dev/null "$url"
    check "$name (b2): recorded as failed and rolled back" test \
      "$(deployments "$host_root" '[.[] | select(.version == "e2e-4-hangs")][-1] | "\(.result) \(.rolled_back)"')" = '"failed true"'
    local hung_pid
    hung_pid="$(sed -n 's/.*service: started e2e-4-hangs (pid \([0-9]*\)).*/\1/p' <<<"$out" | head -n 1)"
    check "$name (b2): the hung process was stopped" test -n "$hung_pid" -a ! -d "/proc/${hung_pid:-0}"
  fi

  echo "== $name (c): rollback.sh by hand"
  out="$("$scripts/rollback.sh" "$target" 2>&1)" && rc=0 || rc=$?
  indent <<<"$out"
  check "$name (c): rollback exits 0" test "$rc" -eq 0
  check "$name (c): prints Rollback complete" grep -q 'Rollback complete' <<<"$out"
  check "$name (c): current is e2e-1" test "$(readlink "$host_root/current")" = releases/e2e-1
  check "$name (c): /health answers 200" curl -sf -o /dev/null "$url"
  check "$name (c): recorded as a successful rollback" test \
    "$(deployments "$host_root" '[.[] | select(.kind == "rollback")][-1] | "\(.result) \(.version)"')" = '"success e2e-1"'
  echo "   manual rollback ($name): healthy in $(deployments "$host_root" '[.[] | select(.kind == "rollback")][-1].rollback_s') s"

  echo "== $name (d): a deploy with an invalid config is rejected before anything changes"
  cp "$host_root/config/ploy.json" "$scratch/ploy.json.good"
  jq '.Mode = "Sideways" | .Risk.MaxOrderNotional = -5' "$scratch/ploy.json.good" >"$host_root/config/ploy.json"
  out="$("$scripts/deploy.sh" "$good2" "$target" 2>&1)" && rc=0 || rc=$?
  cp "$scratch/ploy.json.good" "$host_root/config/ploy.json"
  indent <<<"$out"
  check "$name (d): deploy exits 1" test "$rc" -eq 1
  check "$name (d): current is still e2e-1" test "$(readlink "$host_root/current")" = releases/e2e-1
  check "$name (d): still healthy" curl -sf -o /dev/null "$url"
  check "$name (d): recorded as rejected" test "$(deployments "$host_root" '.[-1].result')" = '"rejected"'

  check "$name: deployments report computes KPIs" "$scripts/deployments-report.sh" --log "$host_root/data/deployments.jsonl"
  PLOY_ROOT="$host_root" "$scripts/service.sh" stop >/dev/null 2>&1 || true
  unset PLOY_ROOT
}

if $run_local; then
  make_root "$scratch/local" "$(free_port)"
  scenario local local "$scratch/local"
fi

if $run_ssh; then
  echo "== starting sshd on 127.0.0.1 with a throwaway host key"
  ssh_dir="$scratch/ssh"
  mkdir -p "$ssh_dir"
  [[ -d /run/sshd ]] || mkdir -p /run/sshd 2>/dev/null || echo "note: /run/sshd is missing and cannot be created; sshd may refuse to start" >&2
  chmod 700 "$ssh_dir"
  ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/host_key" -C ploy-e2e-host
  ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/client_key" -C ploy-e2e-client
  cp "$ssh_dir/client_key.pub" "$ssh_dir/authorized_keys"
  ssh_port="$(free_port)"
  cat >"$ssh_dir/sshd_config" <<EOF
ListenAddress 127.0.0.1:$ssh_port
HostKey $ssh_dir/host_key
AuthorizedKeysFile $ssh_dir/authorized_keys
PidFile $ssh_dir/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
AllowUsers $(id -un)
EOF
  /usr/sbin/sshd -t -f "$ssh_dir/sshd_config"
  /usr/sbin/sshd -D -e -f "$ssh_dir/sshd_config" 2>"$ssh_dir/sshd.log" &
  sshd_pid=$!
  printf '[127.0.0.1]:%s %s\n' "$ssh_port" "$(cut -d' ' -f1,2 "$ssh_dir/host_key.pub")" >"$ssh_dir/known_hosts"
  export PLOY_SSH_OPTS="-F /dev/null -i $ssh_dir/client_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$ssh_dir/known_hosts -o StrictHostKeyChecking=yes"
  for _ in $(seq 1 50); do
    # shellcheck disable=SC2086 # PLOY_SSH_OPTS is a list of options
    ssh -o BatchMode=yes $PLOY_SSH_OPTS -p "$ssh_port" "$(id -un)@127.0.0.1" true 2>/dev/null && break
    sleep 0.1
  done
  make_root "$scratch/remote" "$(free_port)"
  scenario ssh "$(id -un)@127.0.0.1:$ssh_port" "$scratch/remote"
fi

echo "$passed passed, $failed failed"
((failed == 0))
