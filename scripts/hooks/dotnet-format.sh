#!/usr/bin/env bash
# pre-commit hook: whitespace formatting of the given C# files, without loading the solution (seconds, not minutes).
# The full `dotnet format --verify-no-changes` (style and analyzer fixes) runs in scripts/quality-gate.sh.
#   scripts/hooks/dotnet-format.sh FILE...
set -euo pipefail
(($# > 0)) || exit 0
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dotnet format whitespace --folder --verify-no-changes --include "$@"
