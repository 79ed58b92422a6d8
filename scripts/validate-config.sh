#!/usr/bin/env bash
# Validates a Ploy host's configuration before a deploy (and by hand). Lists every problem, never a secret's value.
#   scripts/validate-config.sh [--config FILE] [--env-file FILE] [--ploy BIN] [--require VAR]... [--no-db]
#   --config    the service's JSON config (default PLOY_ROOT/config/ploy.json)
#   --env-file  the unit's EnvironmentFile (default PLOY_ROOT/config/ploy.env; optional), loaded before the checks
#   --ploy      the ploy binary whose validators run (default PLOY_ROOT/current/bin/ploy; deploy.sh passes the new one)
#   --require   an environment variable that must be set and non-empty (repeatable; also PLOY_REQUIRED_ENV="A B")
#   --no-db     skip the database reachability probe
# Checks: required variables (plus the live-mode secrets and the PostgreSQL connection string when the config
# asks for them), the env file's permissions, the JSON syntax, `ploy config validate` (every validator of
# `ploy run`), and that the database is reachable (PostgreSQL: psql SELECT 1; SQLite: directory writable).
# Exit 0 when all pass, 1 when any problem was found, 2 on bad arguments.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$here/lib/common.sh"
PLOY_LOG_TAG=validate-config

usage() {
  sed -n '3,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

config="$(ploy_config)"
env_file="$(ploy_env_file)"
ploy="$(ploy_root)/current/bin/ploy"
check_db=true
# shellcheck disable=SC2206 # a space-separated list of names
required=(${PLOY_REQUIRED_ENV:-})
while (($# > 0)); do
  case "$1" in
    --config | --env-file | --ploy | --require)
      [[ $# -ge 2 && -n "$2" ]] || usage
      case "$1" in
        --config) config="$2" ;;
        --env-file) env_file="$2" ;;
        --ploy) ploy="$2" ;;
        --require)
          [[ "$2" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || usage
          required+=("$2")
          ;;
      esac
      shift
      ;;
    --no-db) check_db=false ;;
    -h | --help) usage ;;
    *) usage ;;
  esac
  shift
done

problems=()
problem() {
  problems+=("$1")
  log "problem: $1"
}
ok() { log "ok: $1"; }

# 1. The environment file: loaded as systemd would, and not readable by others (it holds secrets).
if [[ -f "$env_file" ]]; then
  mode="$(stat -c '%a' "$env_file")"
  if [[ "${mode: -1}" != "0" ]]; then
    problem "$env_file is readable by other users (mode $mode; want 600 or 640)"
  fi
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
  ok "environment file $env_file loaded"
fi

# 2. The config file: present and valid JSON.
json_ok=false
if [[ ! -f "$config" ]]; then
  problem "config file $config does not exist"
elif ! jq -e 'type == "object"' "$config" >/dev/null 2>&1; then
  problem "config file $config is not a JSON object: $(jq . "$config" 2>&1 >/dev/null | head -n 1)"
else
  json_ok=true
  ok "config file $config is valid JSON"
fi

# What the config asks for (environment PLOY__X__Y overrides the file, as in ploy run).
setting() { # setting ENV_NAME JQ_PATH DEFAULT
  local value="${!1:-}"
  if [[ -z "$value" ]] && $json_ok; then
    value="$(jq -r "$2 // empty" "$config")"
  fi
  printf '%s\n' "${value:-$3}"
}
mode="$(setting PLOY__MODE '.Mode' Paper)"
provider="$(setting PLOY__DATABASE__PROVIDER '.Database.Provider' Sqlite)"
secrets_dir="$(setting PLOY__SECRETS__DIRECTORY '.Secrets.Directory' '')"
has_secret() { # has_secret ENV_NAME SECRET_FILE_NAME JQ_PATH
  [[ -n "${!1:-}" ]] && return 0
  [[ -n "$secrets_dir" && -s "$secrets_dir/$2" ]] && return 0
  $json_ok && [[ -n "$(jq -r "$3 // empty" "$config")" ]]
}

# 3. Required environment variables: the explicit list, plus what the mode and provider need.
for name in "${required[@]}"; do
  if [[ -z "${!name:-}" ]]; then problem "required environment variable $name is not set"; else ok "$name is set"; fi
done
if [[ "${mode,,}" == "live" ]]; then
  for pair in PrivateKey ApiKey ApiSecret ApiPassphrase; do
    upper="${pair^^}"
    if ! has_secret "PLOY__POLYMARKET__$upper" "Polymarket__$pair" ".Polymarket.$pair"; then
      problem "live mode needs Polymarket:$pair (PLOY__POLYMARKET__$upper, or Polymarket__$pair in the secrets directory)"
    fi
  done
fi
connection=""
if [[ "${provider,,}" == "postgres" || "${provider,,}" == "postgresql" ]]; then
  connection="${PLOY__DATABASE__CONNECTIONSTRING:-}"
  if [[ -z "$connection" && -n "$secrets_dir" && -s "$secrets_dir/Database__ConnectionString" ]]; then
    connection="$(cat "$secrets_dir/Database__ConnectionString")"
  fi
  if [[ -z "$connection" ]] && $json_ok; then connection="$(jq -r '.Database.ConnectionString // empty' "$config")"; fi
  [[ -n "$connection" ]] || problem "Database:ConnectionString is required for PostgreSQL (PLOY__DATABASE__CONNECTIONSTRING or the secrets directory)"
fi

# 4. Semantics: every validator of `ploy run` (problems listed by key; values never printed).
if [[ ! -x "$ploy" ]]; then
  problem "no ploy binary at $ploy to run the config validators"
elif $json_ok; then
  # From PLOY_ROOT, as the service runs: a relative journal path in the config resolves (and is reported) as there.
  if out="$(
    exe="$(realpath -m "$ploy")" file="$(realpath -m "$config")"
    cd "$(ploy_root)" 2>/dev/null || true
    "$exe" config validate --config "$file" 2>&1
  )"; then
    ok "ploy config validate: ${out%%$'\n'*}"
  else
    while IFS= read -r line; do
      [[ "$line" =~ ^[[:space:]]*-[[:space:]](.*)$ ]] && problem "config: ${BASH_REMATCH[1]}"
    done <<<"$out"
    grep -qE '^[[:space:]]*- ' <<<"$out" || problem "ploy config validate failed: $(head -n 3 <<<"$out" | tr '\n' ' ')"
  fi
fi

# Probes PostgreSQL with `select 1`. Takes a postgres:// URL or an Npgsql "Key=Value;..." string; the parts go
# to psql as PG* environment variables, so the password is never on a command line.
pg_probe() {
  local conn="$1"
  if [[ "$conn" =~ ^postgres(ql)?:// ]]; then
    PGCONNECT_TIMEOUT=5 PGDATABASE="$conn" psql -XAtqc 'select 1' >/dev/null 2>&1
    return
  fi
  (
    local part key value
    IFS=';' read -ra parts <<<"$conn"
    for part in "${parts[@]}"; do
      [[ "$part" == *=* ]] || continue
      key="$(tr -d ' ' <<<"${part%%=*}" | tr '[:upper:]' '[:lower:]')"
      value="${part#*=}"
      case "$key" in
        host | server) export PGHOST="$value" ;;
        port) export PGPORT="$value" ;;
        database | db) export PGDATABASE="$value" ;;
        username | userid | user | uid) export PGUSER="$value" ;;
        password | pwd) export PGPASSWORD="$value" ;;
        sslmode) export PGSSLMODE="${value,,}" ;;
      esac
    done
    PGCONNECT_TIMEOUT=5 psql -XAtqc 'select 1' >/dev/null 2>&1
  )
}

# 5. The database is reachable.
if $check_db; then
  if [[ -n "$connection" ]]; then
    if ! command -v psql >/dev/null 2>&1; then
      problem "psql is not installed: cannot probe PostgreSQL (apt-get install postgresql-client)"
    elif pg_probe "$connection"; then
      ok "PostgreSQL reachable"
    else
      problem "PostgreSQL is not reachable with Database:ConnectionString (value not shown)"
    fi
  elif [[ "${provider,,}" == "sqlite" ]]; then
    path="$(setting PLOY__DATABASE__PATH '.Database.Path' data/ploy.db)"
    [[ "$path" == /* ]] || path="$(ploy_root)/$path"
    dir="$(dirname "$path")"
    if [[ -d "$dir" && -w "$dir" ]] || { [[ ! -e "$dir" ]] && mkdir -p "$dir" 2>/dev/null; }; then
      ok "SQLite directory $dir is writable"
    else
      problem "SQLite directory $dir is not writable"
    fi
  fi
fi

if ((${#problems[@]} > 0)); then
  echo "validation FAILED: ${#problems[@]} problem(s)" >&2
  for p in "${problems[@]}"; do echo "  - $p" >&2; done
  exit 1
fi
echo "validation passed"
