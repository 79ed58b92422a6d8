using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Cli.Paper;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Persistence.Sqlite;
using Ploy.Strategies;
using Ploy.Venues.Simulated;
using Ploy.VenueServer;
using Xunit.Abstractions;

namespace Ploy.Cli.Tests;

/// <summary>
/// The live path through tick-size changes: `ploy venue` runs a steeper reference walk (annualised volatility 2) in 5-minute rounds, so markets reach
/// the 0.96/0.04 extremes and switch to the 0.001 grid and back while the engine trades them through the adapter. The
/// journal must still match the venue's ledger, and no order may be left in doubt.
/// </summary>
public sealed class LivePaperTickSizeTests(ITestOutputHelper output) : IDisposable
{
    private const string AdminToken = "test-admin";
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-live-tick-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task RunAsync_ThroughTickSizeChanges_TheJournalMatchesTheVenueLedger()
    {
        await using var venue = VenueHost.Create(new VenueServerOptions
        {
            Port = 0,
            Speed = 60,
            AdminToken = AdminToken,
            Simulation = new SimulationOptions { TraderStartingCash = 0m, Seed = 11, AnnualizedVolatility = 2, RoundLength = TimeSpan.FromMinutes(5) },
        });
        await venue.StartAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var ticks = WatchTicksAsync(venue, stop.Token);

        var settings = new PaperSettings { Duration = TimeSpan.FromSeconds(30), DataDirectory = Path.Combine(_root, "tick") };
        Directory.CreateDirectory(settings.DataDirectory);
        await using var journal = new SqliteJournal(settings.JournalPath, TimeProvider.System);
        var live = new VenueUrlSettings { VenueUrl = venue.BaseAddress, AdminToken = AdminToken };
        var session = new LivePaperSession(settings, live, StrategyCatalog.CreateEnabled(settings.Strategies), journal, NullLoggerFactory.Instance, TextWriter.Null);
        var summary = await session.RunAsync(CancellationToken.None);
        await stop.CancelAsync();
        var (fine, backToCoarse) = await ticks;

        var orders = (await journal.LoadAsync(CancellationToken.None)).Orders;
        var tickRejections = orders.Count(o => o.Reason?.Contains("TICK", StringComparison.OrdinalIgnoreCase) == true);
        var finePrices = orders.Count(o => !TickSize.Hundredth.IsOnGrid(o.Record.Intent.LimitPrice.Value));
        output.WriteLine($"orders {summary.OrdersPlaced}, fills {summary.Fills}, markets on the fine grid {fine}, back to coarse {backToCoarse}, "
            + $"orders priced on the fine grid only {finePrices}, tick rejections {tickRejections}");
        Assert.True(fine > 0, "no market changed tick size during the run: the test would prove nothing");
        Assert.True(summary.OrdersPlaced > 0, "no order reached the venue");
        Assert.True(summary.LedgerMatchesVenue, string.Join("; ", summary.LedgerDifferences));
        Assert.Equal(orders.Count, orders.Select(o => o.Record.VenueId).Distinct().Count());
        Assert.DoesNotContain(orders, o => o.Status is OrderStatus.Journaled or OrderStatus.Submitted or OrderStatus.Unknown);
    }

    /// <summary>Counts markets seen on the fine grid, and those seen back on the coarse one after it.</summary>
    private static async Task<(int Fine, int BackToCoarse)> WatchTicksAsync(VenueHost venue, CancellationToken cancellationToken)
    {
        var fine = new HashSet<string>(StringComparer.Ordinal);
        var back = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var market in venue.Exchange.ActiveMarkets)
                {
                    if (market.Tick == TickSize.Thousandth)
                    {
                        fine.Add(market.Condition.Value);
                    }
                    else if (fine.Contains(market.Condition.Value))
                    {
                        back.Add(market.Condition.Value);
                    }
                }

                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Run over.
        }

        return (fine.Count, back.Count);
    }
}
