using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Cli.Paper;
using Ploy.Persistence.Sqlite;
using Ploy.Strategies;
using Ploy.Strategies.Momentum;
using Ploy.VenueServer;

namespace Ploy.Cli.Tests;

/// <summary>
/// The momentum strategy on the live path: `ploy paper --venue-url` learns each round (its price to beat) from the
/// venue's Gamma and the reference price from its RTDS-shaped socket, and momentum trades the rounds through the
/// Polymarket adapter against `ploy venue` on loopback.
/// </summary>
public sealed class MomentumLivePaperTests : IDisposable
{
    private const string AdminToken = "test-admin";
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-momentum-live-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task RunAsync_AgainstPloyVenue_MomentumTradesRoundsLearnedFromGammaAndRtds()
    {
        // Real time on both sides (speed 1), so the strategy's clock and the rounds' windows agree; short rounds so a
        // run sees a few of them.
        var options = new VenueServerOptions { Port = 0, Speed = 1, AdminToken = AdminToken };
        options = options with { Simulation = options.Simulation with { RoundLength = TimeSpan.FromSeconds(20) } };
        await using var venue = VenueHost.Create(options);
        await venue.StartAsync(CancellationToken.None);

        var settings = new PaperSettings
        {
            Duration = TimeSpan.FromSeconds(30),
            DataDirectory = Path.Combine(_root, "momentum"),
            Strategies = new StrategiesOptions
            {
                Enabled = [StrategyCatalog.Momentum],
                Momentum = new MomentumOptions
                {
                    // Scaled to 20-second rounds; a low volatility makes the strategy confident in small moves.
                    EntryThreshold = 0.00002m,
                    AnnualizedVolatility = 0.05m,
                    Edge = 0m,
                    EntryDelayAfterOpen = TimeSpan.FromSeconds(1),
                    EntryCutoffBeforeClose = TimeSpan.FromSeconds(3),
                    RejectBackoff = TimeSpan.FromSeconds(1),
                    MaxRejectBackoff = TimeSpan.FromSeconds(2),
                },
            },
        };
        Directory.CreateDirectory(settings.DataDirectory);
        await using var journal = new SqliteJournal(settings.JournalPath, TimeProvider.System);
        var live = new VenueUrlSettings { VenueUrl = venue.BaseAddress, AdminToken = AdminToken };
        var session = new LivePaperSession(settings, live, StrategyCatalog.CreateEnabled(settings.Strategies), journal, NullLoggerFactory.Instance, TextWriter.Null);

        var summary = await session.RunAsync(CancellationToken.None);

        Assert.True(summary.Strategies[StrategyCatalog.Momentum].Orders > 0, "momentum placed no order: rounds or reference prices did not reach it");
        var orders = (await journal.LoadAsync(CancellationToken.None)).Orders;
        Assert.Contains(orders, o => o.Record.Intent.Strategy.Value == StrategyCatalog.Momentum);
        Assert.True(summary.LedgerMatchesVenue, string.Join("; ", summary.LedgerDifferences));
    }
}
