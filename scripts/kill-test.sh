#!/usr/bin/env bash
# The crash-recovery kill test: builds `ploy` and the harness (tests/Ploy.KillTest), then runs the engine as its own
# process against `ploy venue`, SIGKILLs it at seeded random moments (many while an order's answer is on its way),
# restarts it, and finally audits the journal against the venue. Prints its figures; exit 0 only when every check passed.
# Usage: scripts/kill-test.sh [--kills N] [--seed S] [--answer-delay-ms MS] [--work-dir DIR] [--keep]   (default 200 kills)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="${PLOY_BUILD_CONFIGURATION:-Release}"
lower="$(tr '[:upper:]' '[:lower:]' <<<"$config")"

"$root/scripts/setup.sh" --runtime
echo "kill-test: building ploy and the harness ($config)…" >&2
dotnet build "$root/src/Ploy.Cli/Ploy.Cli.csproj" -c "$config" --nologo -v quiet >&2
dotnet build "$root/tests/Ploy.KillTest/Ploy.KillTest.csproj" -c "$config" --nologo -v quiet >&2

exec dotnet "$root/artifacts/bin/Ploy.KillTest/$lower/Ploy.KillTest.dll" \
  --ploy "$root/artifacts/bin/Ploy.Cli/$lower/ploy.dll" "$@"
