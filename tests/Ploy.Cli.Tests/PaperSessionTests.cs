using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Cli.Paper;
using Ploy.Persistence.Sqlite;
using Ploy.Strategies;

namespace Ploy.Cli.Tests;

/// <summary>End-to-end paper sessions: the whole engine, the simulated venue and a real SQLite journal file.</summary>
public sealed class PaperSessionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-paper-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task RunAsync_HalfHour_EveryStrategyTradesAndTheJournalMatchesTheVenue()
    {
        var summary = await RunAsync(Settings("a"));

        Assert.True(summary.Completed);
        Assert.True(summary.LedgerMatchesVenue, string.Join("; ", summary.LedgerDifferences));
        Assert.Equal(2, summary.RoundsResolved);
        foreach (var name in StrategyCatalog.Names)
        {
            var strategy = summary.Strategies[name];
            Assert.True(strategy.Orders > 0, $"{name} placed no order");
            Assert.True(strategy.Fills > 0, $"{name} had no fill");
        }

        Assert.Equal(summary.Strategies.Values.Sum(s => s.Orders), summary.OrdersPlaced);
        Assert.Equal(summary.Strategies.Values.Sum(s => s.RealizedPnl), summary.RealizedPnl);
        Assert.Equal(1000m + summary.RealizedPnl, summary.Cash); // everything settled or sold: cash is PnL
        Assert.False(summary.Halted);
    }

    [Fact]
    public async Task RunAsync_SameSeedTwice_GivesIdenticalSummaries_AndAnotherSeedDiffers()
    {
        var first = Json(await RunAsync(Settings("one", seed: 7)));
        var second = Json(await RunAsync(Settings("two", seed: 7)));
        var other = Json(await RunAsync(Settings("three", seed: 8)));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task RunAsync_TinyDailyLossLimit_HaltsAndTheHaltSurvivesARestart()
    {
        var settings = Settings("halt");
        settings.Risk.DailyLossLimit = 0.01m;
        var first = await RunAsync(settings);
        Assert.True(first.Halted);
        Assert.Contains("daily loss limit", first.HaltReason, StringComparison.Ordinal);

        var restarted = await RunAsync(Settings("halt"));
        Assert.True(restarted.Halted);
        Assert.Equal(first.HaltReason, restarted.HaltReason);
        Assert.True(restarted.RiskDenials.GetValueOrDefault("Halted") > 0, "buys were not refused while halted");
        Assert.True(restarted.LedgerMatchesVenue);
    }

    private PaperSettings Settings(string directory, int seed = 1) => new()
    {
        Seed = seed,
        Duration = TimeSpan.FromSeconds(30),
        Fast = true,
        DataDirectory = Path.Combine(_root, directory),
    };

    private static async Task<PaperSummary> RunAsync(PaperSettings settings)
    {
        Directory.CreateDirectory(settings.DataDirectory);
        await using var journal = new SqliteJournal(settings.JournalPath, TimeProvider.System);
        var session = new PaperSession(settings, StrategyCatalog.CreateEnabled(settings.Strategies), journal, NullLoggerFactory.Instance, TextWriter.Null);
        return await session.RunAsync(CancellationToken.None);
    }

    private static string Json(PaperSummary summary) => JsonSerializer.Serialize(summary, PaperJsonContext.Default.PaperSummary);
}
