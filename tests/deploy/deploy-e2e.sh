#!/usr/bin/env bash
# End-to-end deploy tests on this machine, against the real scripts and a real `ploy run`:
#   (a) a good build is deployed → healthy → recorded as success
#   (b) a broken build (its service exits at start; its config validators work) is deployed → the health gate fails
#       → automatic rollback to the previous release → healthy → recorded as failed and rolled back;
#       (b2, local) a build whose service runs but never answers: the gate times out (--health-timeout 8) → rollback
#   (c) scripts/rollback.sh by hand → the release before → healthy → recorded
#   (d) a deploy whose config fails `ploy config validate` is rejected: nothing switched, still healthy, recorded
#   every record lands in the host's journal (`ploy deployments`, whose KPIs are checked) and the running service's
#   ploy_deployments_total agrees with it, label by label;
#   (e, local) the first deploy to a fresh host is a build whose binary cannot run at all: no binary can record, so the
#       outcome waits in data/deployments.pending.jsonl and the next good deploy replays it into the journal
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
derive() { # derive VERSION good|crash|hang|dead → prints the tarball path
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
    # "dead" cannot run at all, whatever the command (a build for the wrong platform, a missing runtime).
    local bin="$work/ploy-$version/bin"
    mv "$bin/ploy" "$bin/ploy.real"
    cat >"$bin/ploy" <<EOS
#!/bin/sh
# deploy-e2e fixture: a build whose service $kind-es at start
if [ "$kind" = dead ]; then
  echo "fatal: simulated broken binary" >&2
  exit 70
fi
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
dead="$(derive e2e-5-dead dead)"

# A host root: config with its own port, journal under data/.
make_root() { # make_root DIR PORT
  mkdir -p "$1/config" "$1/data"
  jq -n --argjson port "$2" '{Mode: "Paper", Control: {ListenAddress: "127.0.0.1", Port: $port}}' >"$1/config/ploy.json"
  printf '# secrets and overrides, KEY=VALUE\nDOTNET_CLI_TELEMETRY_OPTOUT=1\n' >"$1/config/ploy.env"
  chmod 600 "$1/config/ploy.env"
  roots+=("$1")
}

# The host's deployments log as `ploy deployments --json` prints it (run as the service runs: from the host root, so
# the default journal data/ploy.db is the one the scripts recorded into), filtered by a jq program.
deployments_json() { (cd "$1" && ./current/bin/ploy deployments --config config/ploy.json --json); }
deployments() { deployments_json "$1" | jq -c "$2"; }
record_of() { deployments "$1" "[.deployments[] | select($2)][-1]"; } # record_of ROOT JQ-CONDITION → the newest match

# ploy_deployments_total of the running service equals the journal's records counted by result.
metrics_match_journal() { # metrics_match_journal ROOT URL
  local expected actual
  expected="$(deployments "$1" '[.deployments[].result] | group_by(.) | map({(.[0]): length}) | add')"
  for _ in $(seq 1 20); do
    curl -sf -o /dev/null "$2" || true # /health runs the database probe, which refreshes the counts
    actual="$(curl -sf "${2%/health}/metrics" | sed -n 's/^ploy_deployments_total{result="\([a-z_]*\)"} \([0-9]*\).*/\1 \2/p' |
      jq -Rn '[inputs | split(" ") | {(.[0]): (.[1] | tonumber)}] | add')"
    [[ "$(jq -S . <<<"$expected")" == "$(jq -S . <<<"$actual")" ]] && return 0
    sleep 0.25
  done
  echo "   journal: $(jq -c . <<<"$expected"); /metrics: $(jq -c . <<<"$actual")"
  return 1
}

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
  local rec
  rec="$(record_of "$host_root" '.version == "e2e-2"')"
  check "$name (a): recorded in the journal as succeeded, from e2e-1" test "$(jq -r '"\(.kind) \(.result) \(.previous_version)"' <<<"$rec")" = "deploy succeeded e2e-1"
  check "$name (a): the record carries the commit time" test "$(jq -r '.commit_time != null' <<<"$rec")" = true
  echo "   deploy-to-healthy ($name): $(jq -r '.durations_ms.to_healthy / 1000' <<<"$rec") s after the switch, $(jq -r '.durations_ms.total / 1000' <<<"$rec") s in all"

  echo "== $name (b): deploy a broken build e2e-3-broken"
  out="$("$scripts/deploy.sh" "$broken" "$target" 2>&1)" && rc=0 || rc=$?
  indent <<<"$out"
  check "$name (b): deploy exits 1" test "$rc" -eq 1
  check "$name (b): every health attempt logged" grep -q 'health: attempt 1 at' <<<"$out"
  check "$name (b): rolled back: current is e2e-2" test "$(readlink "$host_root/current")" = releases/e2e-2
  check "$name (b): /health answers 200 after the rollback" curl -sf -o /dev/null "$url"
  rec="$(record_of "$host_root" '.version == "e2e-3-broken"')"
  check "$name (b): recorded in the journal as rolled_back, with why" test \
    "$(jq -r '"\(.result) \(.detail | startswith("health gate failed"))"' <<<"$rec")" = "rolled_back true"
  local rollback_s restore_s
  rollback_s="$(jq -r '.durations_ms.rollback / 1000' <<<"$rec")"
  restore_s="$(jq -r '.durations_ms.restore / 1000' <<<"$rec")"
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
    check "$name (b2): recorded in the journal as rolled_back" test "$(record_of "$host_root" '.version == "e2e-4-hangs"' | jq -r .result)" = rolled_back
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
  rec="$(record_of "$host_root" '.kind == "rollback"')"
  check "$name (c): recorded in the journal as a rollback to e2e-1 from e2e-2" test \
    "$(jq -r '"\(.result) \(.version) \(.previous_version)"' <<<"$rec")" = "rolled_back e2e-1 e2e-2"
  echo "   manual rollback ($name): healthy in $(jq -r '.durations_ms.rollback / 1000' <<<"$rec") s"

  echo "== $name (d): a deploy with an invalid config is rejected before anything changes"
  cp "$host_root/config/ploy.json" "$scratch/ploy.json.good"
  jq '.Mode = "Sideways" | .Risk.MaxOrderNotional = -5' "$scratch/ploy.json.good" >"$host_root/config/ploy.json"
  out="$("$scripts/deploy.sh" "$good2" "$target" 2>&1)" && rc=0 || rc=$?
  cp "$scratch/ploy.json.good" "$host_root/config/ploy.json"
  indent <<<"$out"
  check "$name (d): deploy exits 1" test "$rc" -eq 1
  check "$name (d): current is still e2e-1" test "$(readlink "$host_root/current")" = releases/e2e-1
  check "$name (d): still healthy" curl -sf -o /dev/null "$url"
  check "$name (d): recorded in the journal as rejected" test "$(deployments "$host_root" '.deployments[-1] | "\(.result) \(.detail)"')" = '"rejected configuration invalid"'

  # The KPIs over this scenario: deploys e2e-1, e2e-2 (succeeded), e2e-3 (and locally e2e-4) rolled back; one
  # rejected, one rollback by hand.
  local failures=1
  [[ "$target" == local ]] && failures=2
  local expected
  expected="$(jq -cn --argjson f "$failures" '{deploys: (2 + $f), succeeded: 2, rolled_back: $f, failed: 0, rejected: 1, manual_rollbacks: 1,
    success_rate: ((2 / (2 + $f)) * 1000 | round / 1000), change_failure_rate: (($f / (2 + $f)) * 1000 | round / 1000), unrestored: 0}')"
  check "$name: ploy deployments KPIs match the scenario" test \
    "$(deployments "$host_root" '.kpis | {deploys, succeeded, rolled_back, failed, rejected, manual_rollbacks, success_rate, change_failure_rate, unrestored}')" = "$expected"
  check "$name: ploy deployments has a mean time to restore and a lead time" test \
    "$(deployments "$host_root" '.kpis | (.mean_time_to_restore_s > 0 and .mean_lead_time_s > 0 and .deploys_per_day > 0)')" = true
  out="$(cd "$host_root" && ./current/bin/ploy deployments --config config/ploy.json --limit 3 2>&1)" || true
  indent <<<"$out"
  check "$name: ploy deployments prints the history and the KPIs" grep -q 'change-failure rate' <<<"$out"
  check "$name: ploy_deployments_total on /metrics agrees with the journal" metrics_match_journal "$host_root" "$url"
  PLOY_ROOT="$host_root" "$scripts/service.sh" stop >/dev/null 2>&1 || true
  unset PLOY_ROOT
}

if $run_local; then
  make_root "$scratch/local" "$(free_port)"
  scenario local local "$scratch/local"

  echo "== local (e): the first deploy to a fresh host is a binary that cannot run; the next good deploy records both"
  fresh="$scratch/fresh"
  make_root "$fresh" "$(free_port)"
  export PLOY_ROOT="$fresh"
  out="$("$scripts/deploy.sh" "$dead" local --no-validate --health-timeout 8 2>&1)" && rc=0 || rc=$?
  indent <<<"$out"
  check "local (e): deploy exits 1" test "$rc" -eq 1
  check "local (e): the outcome waits in deployments.pending.jsonl" test "$(wc -l <"$fresh/data/deployments.pending.jsonl" 2>/dev/null || echo 0)" -eq 1
  out="$("$scripts/deploy.sh" "$good1" local 2>&1)" && rc=0 || rc=$?
  indent <<<"$out"
  check "local (e): the good deploy exits 0" test "$rc" -eq 0
  check "local (e): the pending record was replayed and removed" test ! -e "$fresh/data/deployments.pending.jsonl"
  check "local (e): the journal holds both, failed first" test \
    "$(deployments "$fresh" '[.deployments[] | "\(.version):\(.result)"] | join(" ")')" = '"e2e-5-dead:failed e2e-1:succeeded"'
  check "local (e): the failure counts as restored by the good deploy" test "$(deployments "$fresh" '.kpis | "\(.failed) \(.unrestored)"')" = '"1 0"'
  "$scripts/service.sh" stop >/dev/null 2>&1 || true
  unset PLOY_ROOT
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
