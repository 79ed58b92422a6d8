using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Ploy.Cli.Common;
using Ploy.Cli.Configuration;
using Ploy.Cli.Paper;
using Ploy.Persistence.Sqlite;
using Ploy.Strategies;

namespace Ploy.Cli.Commands;

/// <summary>`ploy paper`: the whole engine against the built-in simulated venue; no config, keys or network.</summary>
public static class PaperCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated market (same seed and duration, same session).", DefaultValueFactory = _ => 1 };
        var duration = new Option<string?>("--duration") { Description = "How long to run, e.g. 30s, 5m, 1h30m (default: until Ctrl-C)." };
        var speed = new Option<double?>("--speed") { Description = "Simulated seconds per second (default 60: a 15-minute round every 15 s)." };
        var fast = new Option<bool>("--fast") { Description = "Run the same simulated span without pacing (needs --duration)." };
        var config = new Option<string?>("--config") { Description = "JSON config file overriding the built-in defaults." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where the SQLite journal lives (default ./data)." };
        var summaryJson = new Option<string?>("--summary-json") { Description = "Also write the final summary as JSON to this file." };
        var venueUrl = new Option<Uri?>("--venue-url")
        {
            Description = "Trade through the Polymarket adapter against `ploy venue` at this loopback URL (e.g. http://127.0.0.1:8090), on real time.",
            // System.CommandLine has no converter for Uri (every value failed with an unhandled exception): parse it here.
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (Uri.TryCreate(text, UriKind.Absolute, out var url))
                {
                    return url;
                }

                result.AddError($"--venue-url: '{text}' is not an absolute URL (e.g. http://127.0.0.1:8090).");
                return null;
            },
        };
        var venueAdminToken = new Option<string?>("--venue-admin-token") { Description = "Bearer token of the venue's /admin/ledger, for the end-of-run ledger comparison." };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Log level on stderr.", DefaultValueFactory = _ => LogLevel.Error };
        duration.Validators.Add(result =>
        {
            if (!DurationParser.TryParse(result.GetValueOrDefault<string?>(), out _))
            {
                result.AddError($"--duration: '{result.GetValueOrDefault<string?>()}' is not a duration (try 30s, 5m, 2h, 1h30m).");
            }
        });
        speed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } s && (s <= 0 || double.IsNaN(s) || double.IsInfinity(s)))
            {
                result.AddError("--speed must be a positive number.");
            }
        });

        var command = new Command("paper", "Trade the built-in strategies against the simulated venue, on SQLite under ./data, no keys or network.")
        {
            seed, duration, speed, fast, config, dataDir, summaryJson, venueUrl, venueAdminToken, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            PaperSettings settings;
            VenueUrlSettings? live = null;
            try
            {
                settings = PaperSettingsLoader.Load(parse.GetValue(config));
                settings.Seed = parse.GetValue(seed);
                settings.Duration = DurationParser.TryParse(parse.GetValue(duration), out var d) ? d : settings.Duration;
                settings.Speed = parse.GetValue(speed) ?? settings.Speed;
                settings.Fast |= parse.GetValue(fast);
                settings.DataDirectory = parse.GetValue(dataDir) ?? settings.DataDirectory;
                settings.SummaryJsonPath = parse.GetValue(summaryJson) ?? settings.SummaryJsonPath;
                var problems = settings.Validate().ToList();
                if (parse.GetValue(venueUrl) is { } url)
                {
                    live = new VenueUrlSettings { VenueUrl = url, AdminToken = parse.GetValue(venueAdminToken) };
                    problems.AddRange(live.Validate());
                    if (settings.Fast)
                    {
                        problems.Add("Paper:Fast cannot be used with --venue-url: an external venue runs on real time.");
                    }
                }

                if (problems.Count > 0)
                {
                    throw new ConfigurationException(problems);
                }
            }
            catch (ConfigurationException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return ExitCodes.InvalidConfiguration;
            }

            return await RunAsync(settings, live, parse.GetValue(logLevel), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(PaperSettings settings, VenueUrlSettings? live, LogLevel level, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(b => b
            .SetMinimumLevel(level)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        Directory.CreateDirectory(settings.DataDirectory);
        await using var journal = new SqliteJournal(settings.JournalPath, TimeProvider.System);
        var strategies = StrategyCatalog.CreateEnabled(settings.Strategies);
        PaperSummary summary;
        if (live is not null)
        {
            Console.WriteLine($"ploy paper — through the Polymarket adapter against {live.VenueUrl}, {settings.Duration?.ToString() ?? "until Ctrl-C"}, " +
                $"strategies: {string.Join(", ", strategies.Select(x => x.Id.Value))}, journal {settings.JournalPath}");
            try
            {
                summary = await new LivePaperSession(settings, live, strategies, journal, loggers, Console.Out).RunAsync(cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                // Sign-in or start-up reconciliation failed: nothing traded (invariant 4).
                await Console.Error.WriteLineAsync("ploy paper: " + ex.Message);
                return ExitCodes.Failure;
            }
        }
        else
        {
            var span = settings.SimulatedSpan is { } s ? $"{s.TotalMinutes:0.#} simulated minutes" : "until Ctrl-C";
            Console.WriteLine($"ploy paper — seed {settings.Seed}, {span} at {(settings.Fast ? "full speed" : $"{settings.Speed:0.#}x")}, " +
                $"strategies: {string.Join(", ", strategies.Select(x => x.Id.Value))}, journal {settings.JournalPath}");
            summary = await new PaperSession(settings, strategies, journal, loggers, Console.Out).RunAsync(cancellationToken);
        }

        Console.Write(SummaryTable.Render(summary));
        if (settings.SummaryJsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(summary, PaperJsonContext.Default.PaperSummary) + Environment.NewLine, CancellationToken.None);
        }

        return summary.LedgerMatchesVenue ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
