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
            seed, duration, speed, fast, config, dataDir, summaryJson, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            PaperSettings settings;
            try
            {
                settings = PaperSettingsLoader.Load(parse.GetValue(config));
                settings.Seed = parse.GetValue(seed);
                settings.Duration = DurationParser.TryParse(parse.GetValue(duration), out var d) ? d : settings.Duration;
                settings.Speed = parse.GetValue(speed) ?? settings.Speed;
                settings.Fast |= parse.GetValue(fast);
                settings.DataDirectory = parse.GetValue(dataDir) ?? settings.DataDirectory;
                settings.SummaryJsonPath = parse.GetValue(summaryJson) ?? settings.SummaryJsonPath;
                var problems = settings.Validate();
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

            return await RunAsync(settings, parse.GetValue(logLevel), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(PaperSettings settings, LogLevel level, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(b => b
            .SetMinimumLevel(level)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        Directory.CreateDirectory(settings.DataDirectory);
        await using var journal = new SqliteJournal(settings.JournalPath, TimeProvider.System);
        var strategies = StrategyCatalog.CreateEnabled(settings.Strategies);
        var session = new PaperSession(settings, strategies, journal, loggers, Console.Out);
        var span = settings.SimulatedSpan is { } s ? $"{s.TotalMinutes:0.#} simulated minutes" : "until Ctrl-C";
        Console.WriteLine($"ploy paper — seed {settings.Seed}, {span} at {(settings.Fast ? "full speed" : $"{settings.Speed:0.#}x")}, " +
            $"strategies: {string.Join(", ", strategies.Select(x => x.Id.Value))}, journal {settings.JournalPath}");
        var summary = await session.RunAsync(cancellationToken);
        Console.Write(SummaryTable.Render(summary));
        if (settings.SummaryJsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(summary, PaperJsonContext.Default.PaperSummary) + Environment.NewLine, CancellationToken.None);
        }

        return summary.LedgerMatchesVenue ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
