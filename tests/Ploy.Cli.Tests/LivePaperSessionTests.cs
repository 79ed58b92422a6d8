using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Cli.Paper;
using Ploy.Core.Orders;
using Ploy.Persistence.Sqlite;
using Ploy.Strategies;
using Ploy.Venues.Polymarket.Signing;
using Ploy.VenueServer;

namespace Ploy.Cli.Tests;

/// <summary>
/// The live path end to end: the engine and strategies trade through the Polymarket adapter (REST, L1/L2 auth,
/// signed V2 orders, WebSocket streams) against `ploy venue` on loopback, and the journal is checked against
/// the venue's own ledger.
/// </summary>
public sealed class LivePaperSessionTests : IDisposable
{
    private const string AdminToken = "test-admin";
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-live-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task RunAsync_AgainstPloyVenue_TradesAndTheJournalMatchesTheVenueLedger()
    {
        await using var venue = await StartVenueAsync();

        var (summary, journal) = await RunAsync(venue, "plain", TimeSpan.FromSeconds(25));
        await journal.DisposeAsync();

        Assert.True(summary.OrdersPlaced > 0, "no order reached the venue");
        Assert.True(summary.Fills > 0, "no fill came back from the venue");
        Assert.True(summary.LedgerMatchesVenue, string.Join("; ", summary.LedgerDifferences));
    }

    [Fact]
    public async Task RunAsync_ThroughARestartWindow_NothingIsSentTwiceOrLost()
    {
        await using var venue = await StartVenueAsync();
        var window = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(8));
            venue.Mode = VenueMode.Restart; // order endpoints answer 425
            await Task.Delay(TimeSpan.FromSeconds(6));
            venue.Mode = VenueMode.Normal;
        });

        var (summary, journal) = await RunAsync(venue, "restart", TimeSpan.FromSeconds(25));
        await using var disposeJournal = journal;
        await window;

        var orders = (await journal.LoadAsync(CancellationToken.None)).Orders;
        Assert.True(summary.LedgerMatchesVenue, string.Join("; ", summary.LedgerDifferences));
        Assert.Equal(orders.Count, orders.Select(o => o.Record.VenueId).Distinct().Count());
        Assert.DoesNotContain(orders, o => o.Reason?.Contains("DUPLICATED", StringComparison.OrdinalIgnoreCase) == true);
        Assert.DoesNotContain(orders, o => o.Status is OrderStatus.Journaled or OrderStatus.Submitted or OrderStatus.Unknown);
        Assert.True(summary.Fills > 0, "no fill came back from the venue");
    }

    [Fact]
    public async Task RunAsync_AgainstAVenueSixtyTimesAsFast_TheMarketMakerQuotesRoundAfterRound()
    {
        // ploy venue --speed 60 runs its rounds on a simulated clock: 30 s here is two rounds there. Read on this machine's
        // clock every round after the first would look not yet open, and only the first would ever be quoted.
        await using var venue = await StartVenueAsync();

        var (summary, journal) = await RunAsync(venue, "sped-up", TimeSpan.FromSeconds(32), "market-maker");
        await using var disposeJournal = journal;

        var orders = (await journal.LoadAsync(CancellationToken.None)).Orders;
        var quotedMarkets = orders.Select(o => o.Record.Intent.Condition).Distinct().Count();
        Assert.True(quotedMarkets >= 2, $"the market maker quoted {quotedMarkets} market(s) over two rounds of the venue");
        Assert.True(summary.SimulatedSeconds >= 25 * 60, $"the session spans {summary.SimulatedSeconds} s of the venue's time, not ~32 min");
        Assert.True(summary.LedgerMatchesVenue, string.Join("; ", summary.LedgerDifferences));

        // The session ends with nothing resting: a quote left on the book could fill while the ledgers are compared.
        var resting = await VenueOrderStatusesAsync(venue);
        Assert.DoesNotContain("Live", resting);
        Assert.NotEmpty(resting);
    }

    /// <summary>The status of every order our account ever sent, from the venue's admin audit.</summary>
    private static async Task<List<string>> VenueOrderStatusesAsync(VenueHost venue)
    {
        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(new VenueUrlSettings().PrivateKey));
        using var http = new HttpClient { BaseAddress = venue.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/orders?address=" + Uri.EscapeDataString(signer.Address));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var audit = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. audit.RootElement.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("status").GetString()!)];
    }

    private static async Task<VenueHost> StartVenueAsync()
    {
        var venue = VenueHost.Create(new VenueServerOptions { Port = 0, Speed = 60, AdminToken = AdminToken });
        await venue.StartAsync(CancellationToken.None);
        return venue;
    }

    private async Task<(PaperSummary Summary, SqliteJournal Journal)> RunAsync(VenueHost venue, string name, TimeSpan duration, params string[] strategies)
    {
        var settings = new PaperSettings { Duration = duration, DataDirectory = Path.Combine(_root, name) };
        if (strategies.Length > 0)
        {
            settings.Strategies = new StrategiesOptions { Enabled = strategies };
        }

        Directory.CreateDirectory(settings.DataDirectory);
        var journal = new SqliteJournal(settings.JournalPath, TimeProvider.System);
        var live = new VenueUrlSettings { VenueUrl = venue.BaseAddress, AdminToken = AdminToken };
        var session = new LivePaperSession(settings, live, StrategyCatalog.CreateEnabled(settings.Strategies), journal, NullLoggerFactory.Instance, TextWriter.Null);
        return (await session.RunAsync(CancellationToken.None), journal);
    }
}
