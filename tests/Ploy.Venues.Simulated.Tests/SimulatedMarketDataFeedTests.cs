using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Simulated.Ledger;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.Venues.Simulated.Tests;

public sealed class SimulatedMarketDataFeedTests
{
    private static readonly SimulationOptions Quiet = new() { LiquidityProviders = 0, NoiseOrdersPerMinute = 0 };
    private int _clientIds;
    private int _engineIds;

    [Fact]
    public async Task LevelChanged_RestingNoBid_PublishedAsYesAskAtComplementAndGoneWhenCancelled()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        var before = h.MarketEvents.Count;

        var placed = await Submit(h, market, market.No, Side.Buy, 0.40m, 10m);
        h.Drain();

        Assert.Equal(
            [Change(market.No, Side.Buy, 0.40m, 10m), Change(market.Yes, Side.Sell, 0.60m, 10m)],
            Changes(h, before));
        Assert.Equal(new BookLevel(Price.Of(0.60m), Size.Of(10m)), h.Books[market.Yes].BestAsk);
        Assert.Equal(new BookLevel(Price.Of(0.40m), Size.Of(10m)), h.Books[market.No].BestBid);
        Assert.Null(h.Books[market.Yes].BestBid);
        Assert.Null(h.Books[market.No].BestAsk);

        before = h.MarketEvents.Count;
        Assert.True((await h.Exchange.Venue.CancelAsync(placed.State!.Id, default)).Value);
        h.Drain();

        Assert.Equal(
            [Change(market.No, Side.Buy, 0.40m, 0m), Change(market.Yes, Side.Sell, 0.60m, 0m)],
            Changes(h, before));
        Assert.All([h.Books[market.Yes], h.Books[market.No]], b => Assert.True(b.BestBid is null && b.BestAsk is null));
    }

    [Fact]
    public async Task LevelChanged_RestingNoAsk_PublishedAsYesBidAtComplement()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        Assert.True(h.Exchange.Ledger.Split(SimulatedExchange.TraderAccount, market, 50m));
        var before = h.MarketEvents.Count;

        await Submit(h, market, market.No, Side.Sell, 0.45m, 12m);
        h.Drain();

        Assert.Equal(
            [Change(market.No, Side.Sell, 0.45m, 12m), Change(market.Yes, Side.Buy, 0.55m, 12m)],
            Changes(h, before));
        Assert.Equal(new BookLevel(Price.Of(0.55m), Size.Of(12m)), h.Books[market.Yes].BestBid);
    }

    [Fact]
    public async Task LevelChanged_OwnAndMirroredOrdersAtOnePrice_PublishedAsTheirSum()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        Assert.True(h.Exchange.Ledger.Split(SimulatedExchange.TraderAccount, market, 50m));
        await Submit(h, market, market.Yes, Side.Sell, 0.60m, 10m);
        h.Drain();
        var before = h.MarketEvents.Count;

        await Submit(h, market, market.No, Side.Buy, 0.40m, 5m);
        h.Drain();

        // YES ask 0.60 and NO bid 0.40 are one pair of mirrored levels: both are 10 (the YES sell) + 5 (the NO buy).
        Assert.Equal(
            [Change(market.No, Side.Buy, 0.40m, 15m), Change(market.Yes, Side.Sell, 0.60m, 15m)],
            Changes(h, before));
        Assert.Equal(Size.Of(15m), h.Books[market.Yes].SizeAt(Side.Sell, Price.Of(0.60m)));
        Assert.Equal(Size.Of(15m), h.Books[market.No].SizeAt(Side.Buy, Price.Of(0.40m)));
    }

    [Fact]
    public async Task Flush_MintAgainstMirroredAsk_EachPublishedLevelChangesOnce()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        await Submit(h, market, market.No, Side.Buy, 0.40m, 10m);
        await Submit(h, market, market.No, Side.Buy, 0.40m, 5m);
        h.Drain();
        var before = h.MarketEvents.Count;

        // Fills both NO bids in one operation (two trades): still one change per published level, net.
        var taken = await Submit(h, market, market.Yes, Side.Buy, 0.60m, 15m, OrderType.Fok);
        h.Drain();

        Assert.Equal(VenueOrderStatus.Matched, taken.State!.Status);
        Assert.Equal(
            [Change(market.No, Side.Buy, 0.40m, 0m), Change(market.Yes, Side.Sell, 0.60m, 0m)],
            Changes(h, before));
        // One operation, one batch: only its last change tells the engine the books are whole again.
        Assert.Equal([true, false], h.MarketEvents.Skip(before).OfType<PriceChangeEvent>().Select(p => p.MoreInBatch));
    }

    [Fact]
    public async Task LevelChanged_SellsSummingBelowOne_BothRestAndBooksShowCrossed()
    {
        // Merge matching is off by default, so neither sell takes the other; mirrored, the books cross. That is the
        // complete-set arbitrage signal (buy YES at 0.45 and NO at 0.50, redeem for 1) and is published as it is.
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        Assert.True(h.Exchange.Ledger.Split(SimulatedExchange.TraderAccount, market, 50m));

        await Submit(h, market, market.Yes, Side.Sell, 0.45m, 10m);
        await Submit(h, market, market.No, Side.Sell, 0.50m, 10m);
        h.Drain();

        Assert.Equal(2, h.Exchange.Engine.LiveOrderCount);
        var yes = h.Books[market.Yes];
        var no = h.Books[market.No];
        Assert.Equal((0.50m, 0.45m), (yes.BestBid!.Value.Price.Value, yes.BestAsk!.Value.Price.Value));
        Assert.Equal((0.55m, 0.50m), (no.BestBid!.Value.Price.Value, no.BestAsk!.Value.Price.Value));
        Assert.True(yes.IsCrossed);
        Assert.True(no.IsCrossed);
    }

    [Fact]
    public async Task Forget_RoundResolves_MirroredLevelsRemovedFromBothBooks()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        await Submit(h, market, market.No, Side.Buy, 0.40m, 10m);
        h.Drain();
        var before = h.MarketEvents.Count;

        h.Run(TimeSpan.FromMinutes(15));

        Assert.DoesNotContain(market, h.Exchange.ActiveMarkets);
        var changes = Changes(h, before).Where(c => market.Contains(c.Token)).ToList();
        Assert.Equal([Change(market.No, Side.Buy, 0.40m, 0m), Change(market.Yes, Side.Sell, 0.60m, 0m)], changes);
        Assert.Null(h.Books[market.Yes].BestAsk);
        Assert.Null(h.Books[market.No].BestBid);
    }

    [Fact]
    public void Snapshot_RestingOrdersOnEverySide_BooksIncludeMirroredComplementSummedByPrice()
    {
        var (feed, engine, market) = Feed();
        var at = EngineFixture.T0;
        Place(engine, market, market.Yes, Side.Buy, 0.40m, 10m);
        Place(engine, market, market.Yes, Side.Buy, 0.38m, 7m);
        Place(engine, market, market.Yes, Side.Sell, 0.60m, 20m);
        Place(engine, market, market.No, Side.Buy, 0.40m, 5m); // YES ask 0.60
        Place(engine, market, market.No, Side.Buy, 0.35m, 6m);  // YES ask 0.65
        Place(engine, market, market.No, Side.Sell, 0.62m, 8m); // YES bid 0.38
        Place(engine, market, market.No, Side.Sell, 0.58m, 9m); // YES bid 0.42
        feed.Flush(at);
        Assert.Equal(10, Read(feed).Count); // 7 orders, coalesced into one flush: 5 own levels and their 5 mirrors

        feed.Snapshot(engine, market, at);

        var snapshots = Read(feed).Cast<BookSnapshotEvent>().ToDictionary(s => s.Token);
        Assert.Equal([L(0.42m, 9m), L(0.40m, 10m), L(0.38m, 15m)], snapshots[market.Yes].Bids);
        Assert.Equal([L(0.60m, 25m), L(0.65m, 6m)], snapshots[market.Yes].Asks);
        Assert.Equal([L(0.40m, 25m), L(0.35m, 6m)], snapshots[market.No].Bids);
        Assert.Equal([L(0.58m, 9m), L(0.60m, 10m), L(0.62m, 15m)], snapshots[market.No].Asks);

        // The snapshot is the published state: a later change is published net of it.
        Assert.NotNull(engine.Cancel(new VenueOrderId("o-4"), at));
        feed.Flush(at);
        Assert.Equal(
            [new PriceChangeEvent(market.No, Side.Buy, Price.Of(0.40m), Size.Of(20m), null, at, MoreInBatch: true),
             new PriceChangeEvent(market.Yes, Side.Sell, Price.Of(0.60m), Size.Of(20m), null, at)],
            Read(feed));
    }

    [Fact]
    public void LevelChanged_TokenOfNoRegisteredMarket_Throws()
    {
        var feed = new SimulatedMarketDataFeed();

        Assert.Throws<InvalidOperationException>(() => feed.LevelChanged(new TokenId("unknown"), Side.Buy, Price.Of(0.5m), 1m));
    }

    private static (SimulatedMarketDataFeed Feed, MatchingEngine Engine, BinaryMarket Market) Feed()
    {
        var feed = new SimulatedMarketDataFeed();
        var ledger = new VenueLedger();
        var engine = new MatchingEngine(ledger, new MatchingEngineOptions(), new ExchangeEventRouter(feed));
        var market = new BinaryMarket(
            new ConditionId("0xmarket"), new TokenId("m-yes"), new TokenId("m-no"), TickSize.Hundredth, Size.Of(5m),
            "test?", EngineFixture.T0, EngineFixture.T0.AddHours(1));
        engine.AddMarket(market);
        feed.Register(market);
        ledger.Deposit(EngineFixture.Alice, 1_000m);
        Assert.True(ledger.Split(EngineFixture.Alice, market, 100m));
        return (feed, engine, market);
    }

    private void Place(MatchingEngine engine, BinaryMarket market, TokenId token, Side side, decimal price, decimal size)
    {
        var result = engine.Submit(EngineFixture.Alice, new VenueOrderId($"o-{++_engineIds}"), Intent(market, token, side, price, size), EngineFixture.T0);
        Assert.True(result.IsAccepted, result.Error?.ToString());
        Assert.Equal(VenueOrderStatus.Live, result.Order!.Status);
    }

    private static List<MarketDataEvent> Read(SimulatedMarketDataFeed feed)
    {
        var events = new List<MarketDataEvent>();
        while (feed.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    private static BookLevel L(decimal price, decimal size) => new(Price.Of(price), Size.Of(size));

    private static (TokenId Token, Side Side, decimal Price, decimal Size) Change(TokenId token, Side side, decimal price, decimal size) =>
        (token, side, price, size);

    private static List<(TokenId Token, Side Side, decimal Price, decimal Size)> Changes(ExchangeHarness h, int from) =>
        [.. h.MarketEvents.Skip(from).OfType<PriceChangeEvent>().Select(p => (p.Token, p.Side, p.Price.Value, p.Size.Shares))];

    private static OrderIntent Intent(BinaryMarket market, TokenId token, Side side, decimal price, decimal size, OrderType type = OrderType.Gtc) =>
        new(new StrategyId("test"), market.Condition, token, side, Price.Of(price), Size.Of(size), type);

    private Task<SubmitResult> Submit(ExchangeHarness h, BinaryMarket market, TokenId token, Side side, decimal price, decimal size, OrderType type = OrderType.Gtc)
    {
        var intent = Intent(market, token, side, price, size, type);
        var prepared = h.Exchange.Venue.Prepare(new ClientOrderId($"c-{++_clientIds}"), intent, h.Clock.GetUtcNow());
        return h.Exchange.Venue.SubmitAsync(prepared, default);
    }
}
