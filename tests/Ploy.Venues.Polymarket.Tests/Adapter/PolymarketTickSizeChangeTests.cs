using System.Collections.Concurrent;
using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Testing;
using Ploy.Venues.Polymarket.Adapter;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.WebSocket;
using Ploy.Venues.Simulated;
using Ploy.VenueServer;

namespace Ploy.Venues.Polymarket.Tests.Adapter;

/// <summary>
/// The adapter's market data through a tick-size change of `ploy venue` (in process, over HTTP and WebSocket, the
/// simulation stepped by hand): the book goes untrusted on the change, the token's deltas are dropped until the fresh
/// snapshot, the snapshot makes it trusted again (its hash, computed on the new tick, verifies), and the catalog the
/// order builder reads has the new tick.
/// </summary>
public sealed class PolymarketTickSizeChangeTests
{
    [Fact]
    public async Task TickSizeChange_UntrustsTheBook_UntilTheFreshSnapshot_AndUpdatesTheCatalog()
    {
        var clock = TestTime.NewClock();
        var options = new VenueServerOptions
        {
            Port = 0,
            AutoAdvance = false,
            AdminToken = "admin",
            Simulation = new SimulationOptions { TraderStartingCash = 0m, Seed = 11, AnnualizedVolatility = 6, RoundLength = TimeSpan.FromMinutes(5) },
        };
        await using var host = VenueHost.Create(options, clock);
        await host.StartAsync(CancellationToken.None);
        using var client = new PolymarketClobClient(new HttpClient(), new PolymarketClobClientOptions { BaseAddress = host.BaseAddress }, TimeProvider.System);
        var catalog = new PolymarketMarketCatalog();
        var streamOptions = new PolymarketStreamOptions { BaseAddress = PolymarketStreamOptions.SocketBase(host.BaseAddress), ReconnectMinDelay = TimeSpan.FromMilliseconds(100) };
        await using var feed = new PolymarketMarketDataFeed(client, new PolymarketMarketStream(streamOptions, TimeProvider.System), catalog,
            new PolymarketVenueOptions { HeartbeatInterval = null, MarketPollInterval = TimeSpan.FromHours(1) }, TimeProvider.System);
        var events = new ConcurrentQueue<MarketDataEvent>();
        using var stop = new CancellationTokenSource();
        var collector = CollectAsync(feed, events, stop.Token);
        await feed.StartAsync(CancellationToken.None);

        var known = new HashSet<ConditionId>();
        BinaryMarket? changed = null;
        for (var i = 0; i < 4 * 3600 && changed is null; i++)
        {
            await ListNewMarketsAsync(host, feed, known, events);
            clock.Advance(options.Simulation.Step);
            host.Pump();
            changed = host.Exchange.ActiveMarkets.FirstOrDefault(m => m.Tick == TickSize.Thousandth);
        }

        Assert.NotNull(changed);
        var listedChanged = await ListedAsync(events, changed.Condition);
        var token = listedChanged.Yes;
        var change = await WaitForAsync(events, e => e is TickSizeChangeEvent t && t.Token == token);
        await WaitForAsync(events, e => e is BookSnapshotEvent s && s.Token == token && events.TakeWhile(x => x != s).Contains(change));

        // Replay what the engine would see for the token: untrusted from the change to the snapshot, deltas dropped meanwhile.
        var book = new OrderBook(token);
        var trustBefore = true;
        var trustedAgain = false;
        var sawChange = false;
        foreach (var e in events)
        {
            switch (e)
            {
                case BookSnapshotEvent s when s.Token == token:
                    book.ApplySnapshot([.. s.Bids], [.. s.Asks], s.At);
                    trustedAgain |= sawChange;
                    break;
                case PriceChangeEvent p when p.Token == token:
                    Assert.False(sawChange && !trustedAgain, "a delta was forwarded between the tick change and the fresh snapshot");
                    book.ApplyDelta(p.Side, p.Price, p.Size, p.At);
                    break;
                case TickSizeChangeEvent t when t.Token == token:
                    Assert.Equal((TickSize.Hundredth, TickSize.Thousandth), (t.OldTick, t.NewTick));
                    trustBefore = book.IsTrusted;
                    book.MarkUntrusted("tick size changed");
                    sawChange = true;
                    break;
                default:
                    break;
            }

            if (sawChange && trustedAgain)
            {
                break;
            }
        }

        Assert.True(trustBefore);
        Assert.True(trustedAgain);
        Assert.True(book.IsTrusted);
        // Every hash checked out, the fresh book's included (computed with the new tick_size).
        Assert.DoesNotContain(events, e => e is BookUntrustedEvent);
        Assert.Equal(TickSize.Thousandth, catalog.Token(token)!.Tick);
        Assert.Equal(TickSize.Thousandth, catalog.Token(listedChanged.No)!.Tick);

        await stop.CancelAsync();
        await collector;
    }

    /// <summary>Polls the venue for markets listed since the last look and waits for their first books (so nothing is missed).</summary>
    private static async Task ListNewMarketsAsync(VenueHost host, PolymarketMarketDataFeed feed, HashSet<ConditionId> known, ConcurrentQueue<MarketDataEvent> events)
    {
        var fresh = host.Exchange.ActiveMarkets.Where(m => !known.Contains(m.Condition)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        Assert.True(await feed.PollOnceAsync(CancellationToken.None));
        foreach (var market in fresh)
        {
            known.Add(market.Condition);
            var listed = await ListedAsync(events, market.Condition);
            await WaitForAsync(events, e => e is BookSnapshotEvent s && s.Token == listed.Yes);
            await WaitForAsync(events, e => e is BookSnapshotEvent s && s.Token == listed.No);
        }
    }

    /// <summary>The market as the adapter listed it: same condition id, but the venue's public (uint256) token ids.</summary>
    private static async Task<BinaryMarket> ListedAsync(ConcurrentQueue<MarketDataEvent> events, ConditionId condition) =>
        ((MarketListedEvent)await WaitForAsync(events, e => e is MarketListedEvent l && l.Market.Condition == condition)).Market;

    private static async Task<MarketDataEvent> WaitForAsync(ConcurrentQueue<MarketDataEvent> events, Func<MarketDataEvent, bool> match)
    {
        for (var i = 0; i < 750; i++)
        {
            if (events.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the expected market-data event did not arrive; got " + string.Join(", ", events.GroupBy(e => e.GetType().Name).Select(g => $"{g.Key}×{g.Count()}")));
        return null!;
    }

    private static async Task CollectAsync(PolymarketMarketDataFeed feed, ConcurrentQueue<MarketDataEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in feed.Events.ReadAllAsync(cancellationToken))
            {
                events.Enqueue(e);
            }
        }
        catch (OperationCanceledException)
        {
            // Test over.
        }
    }
}
