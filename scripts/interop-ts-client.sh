#!/usr/bin/env bash
# Interop check: the official Polymarket CLOB V2 TypeScript client (@polymarket/clob-client-v2 1.1.0, ethers 5.8.0)
# against `ploy venue` on 127.0.0.1 — derive an API key, read a book (and check its hash), post a signed GTC order,
# see it in open orders, cancel it, heartbeat. Exits non-zero when any step fails.
#
# Usage: scripts/interop-ts-client.sh [--port N]
# The venue is started from, in order of preference:
#   $PLOY_VENUE_CMD          a command line that serves the venue (e.g. "dotnet /path/ploy.dll venue"); --port is appended
#   the built CLI            when `ploy venue` is registered (dotnet build src/Ploy.Cli)
#   a scratch host           a throwaway console project referencing src/Ploy.VenueServer (outside the repo)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
interop="$root/scripts/interop"
port=18090
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port)
      port="$2"
      shift 2
      ;;
    *)
      echo "unknown argument: $1" >&2
      exit 2
      ;;
  esac
done

artifacts="${PLOY_ARTIFACTS:-/tmp/ploy-interop-artifacts}"
scratch="$(mktemp -d /tmp/ploy-interop.XXXXXX)"
venue_pid=""
cleanup() {
  if [[ -n "$venue_pid" ]] && kill -0 "$venue_pid" 2>/dev/null; then
    kill "$venue_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$venue_pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$venue_pid" 2>/dev/null; then kill -9 "$venue_pid" 2>/dev/null || true; fi
    wait "$venue_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

echo "== npm install (clob-client-v2 1.1.0, ethers 5.8.0)"
(cd "$interop" && npm ci --no-audit --no-fund --loglevel=error)

venue_cmd=()
if [[ -n "${PLOY_VENUE_CMD:-}" ]]; then
  read -r -a venue_cmd <<<"$PLOY_VENUE_CMD"
else
  echo "== building the CLI"
  cli_dll=""
  if PLOY_ARTIFACTS="$artifacts" dotnet build "$root/src/Ploy.Cli/Ploy.Cli.csproj" --nologo -v q -o "$scratch/cli" >"$scratch/cli-build.log" 2>&1 &&
    dotnet "$scratch/cli/ploy.dll" --help 2>/dev/null | grep -Eq '^[[:space:]]+venue[[:space:]]'; then
    cli_dll="$scratch/cli/ploy.dll"
    venue_cmd=(dotnet "$cli_dll" venue)
  else
    echo "   (\`ploy venue\` not available from the CLI build; using a scratch host over src/Ploy.VenueServer)"
    mkdir -p "$scratch/host"
    cat >"$scratch/host/VenueHostRunner.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/src/Ploy.VenueServer/Ploy.VenueServer.csproj" />
  </ItemGroup>
</Project>
XML
    cat >"$scratch/host/Program.cs" <<'CS'
using Ploy.VenueServer;
var port = args.Length > 1 && args[0] == "--port" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8090;
using var stop = new CancellationTokenSource();
// SIGINT/SIGTERM cancel the wait; the host then stops on the main thread (never inside a ProcessExit handler).
using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
await using var host = VenueHost.Create(new VenueServerOptions { Port = port, AdminToken = "interop" });
await host.StartAsync(stop.Token);
Console.WriteLine($"venue listening on {host.BaseAddress}");
await host.WaitForShutdownAsync(stop.Token);
CS
    # Analyzer findings are the build gate's business, not this check's: don't let a warning elsewhere in the tree
    # (promoted to an error by Directory.Build.props) block the interop run.
    PLOY_ARTIFACTS="$artifacts" dotnet build "$scratch/host/VenueHostRunner.csproj" --nologo -v q -o "$scratch/host/bin" \
      -p:TreatWarningsAsErrors=false >"$scratch/host-build.log" 2>&1 ||
      {
        cat "$scratch/host-build.log" >&2
        echo "FAIL: could not build the venue host" >&2
        exit 1
      }
    venue_cmd=(dotnet "$scratch/host/bin/VenueHostRunner.dll")
  fi
fi

echo "== starting the venue on 127.0.0.1:$port"
"${venue_cmd[@]}" --port "$port" >"$scratch/venue.log" 2>&1 &
venue_pid=$!
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$port/ok" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$venue_pid" 2>/dev/null; then
    cat "$scratch/venue.log" >&2
    echo "FAIL: the venue exited" >&2
    exit 1
  fi
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/ok" >/dev/null || {
  cat "$scratch/venue.log" >&2
  echo "FAIL: the venue did not come up" >&2
  exit 1
}

echo "== official TS client against the venue"
status=0
(cd "$interop" && node interop.mjs "http://127.0.0.1:$port") || status=$?
if [[ $status -ne 0 ]]; then
  echo "-- venue log --" >&2
  tail -n 50 "$scratch/venue.log" >&2
fi
exit $status
