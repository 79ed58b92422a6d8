using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;
using Ploy.Execution.Engine;
using Ploy.Strategies;

namespace Ploy.Execution.Tests.Engine;

/// <summary>
/// Book integrity end to end in the engine: a <see cref="BookUntrustedEvent"/> or a <see cref="TickSizeChangeEvent"/>
/// makes the book untrusted — strategies see it so and nothing is placed on it, even by a strategy that ignores the
/// flag — until the next snapshot.
/// </summary>
public sealed class TradingEngineBookTrustTests
{
    [Fact]
    public async Task BookUntrusted_StrategySeesItUntrusted_AndNoOrderReachesTheVenue_UntilTheSnapshot()
    {
        await using var h = new GatewayHarness();
        var careless = new CarelessStrategy(h.Market);
        var engine = new TradingEngine(h.Gateway, h.Markets, [careless], h.Clock, new EngineOptions());

        await engine.OnMarketDataAsync(new BookUntrustedEvent(h.Market.Yes, "delta hash mismatch", GatewayHarness.Start), CancellationToken.None);

        Assert.Equal([false], careless.TrustSeen);
        Assert.Empty(h.Venue.Submitted);
        var denied = Assert.Single(h.Gateway.Orders.All);
        Assert.Equal(OrderStatus.Rejected, denied.Status);
        Assert.Contains("not trusted", denied.Reason, StringComparison.Ordinal);
        Assert.Equal("delta hash mismatch", ((OrderBook)h.Markets.Book(h.Market.Yes)!).UntrustedReason);

        // A delta does not restore trust: only a snapshot does.
        await engine.OnMarketDataAsync(new PriceChangeEvent(h.Market.Yes, Side.Buy, Price.Of(0.47m), Size.Of(5m), null, GatewayHarness.Start), CancellationToken.None);
        Assert.Empty(h.Venue.Submitted);

        await engine.OnMarketDataAsync(Snapshot(h.Market.Yes), CancellationToken.None);

        Assert.Equal([false, false, true], careless.TrustSeen);
        var placed = Assert.Single(h.Venue.Submitted);
        Assert.Equal(h.Market.Yes, placed.Intent.Token);
    }

    [Fact]
    public async Task TickSizeChange_UntrustsTheBook_MovesTheMarketToTheNewGrid_AndTheSnapshotRestoresTrading()
    {
        await using var h = new GatewayHarness();
        var careless = new CarelessStrategy(h.Market) { Price = 0.455m };
        var engine = new TradingEngine(h.Gateway, h.Markets, [careless], h.Clock, new EngineOptions());

        await engine.OnMarketDataAsync(new TickSizeChangeEvent(h.Market.Yes, TickSize.Hundredth, TickSize.Thousandth, GatewayHarness.Start), CancellationToken.None);

        Assert.Empty(h.Venue.Submitted);
        Assert.Equal(TickSize.Thousandth, h.Markets.Market(h.Market.Condition)!.Tick);
        Assert.Equal(TickSize.Thousandth, careless.TickSeen);

        await engine.OnMarketDataAsync(Snapshot(h.Market.Yes), CancellationToken.None);

        // 0.455 is on the new grid only: accepted by the risk gate after the change, and sent.
        var placed = Assert.Single(h.Venue.Submitted);
        Assert.Equal(0.455m, placed.Intent.LimitPrice.Value);
    }

    [Fact]
    public async Task StaleBook_IsUntrustedOnTheTimer_AndNothingIsPlaced()
    {
        await using var h = new GatewayHarness();
        var careless = new CarelessStrategy(h.Market) { OnTimerToo = true };
        var engine = new TradingEngine(h.Gateway, h.Markets, [careless], h.Clock, new EngineOptions { MaxBookAge = TimeSpan.FromSeconds(5) });

        h.Clock.Advance(TimeSpan.FromSeconds(6));
        await engine.OnTimerAsync(CancellationToken.None);

        Assert.Equal([false], careless.TrustSeen);
        Assert.Empty(h.Venue.Submitted);
        Assert.StartsWith("stale", ((OrderBook)h.Markets.Book(h.Market.Yes)!).UntrustedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleBook_AgainstASpedUpVenue_IsJudgedInMachineTime()
    {
        // Book times are the venue's, 60 times as fast as this machine's clock; a silent feed is silent in machine time.
        await using var h = new GatewayHarness();
        var market = h.SpedUpVenueClock(60);
        var engine = new TradingEngine(h.Gateway, h.Markets, [new CarelessStrategy(h.Market)], market, new EngineOptions { MaxBookAge = TimeSpan.FromSeconds(5) });

        h.Clock.Advance(TimeSpan.FromSeconds(2)); // two minutes of the venue's time
        await engine.OnTimerAsync(CancellationToken.None);
        Assert.True(h.Markets.Book(h.Market.Yes)!.IsTrusted);

        h.Clock.Advance(TimeSpan.FromSeconds(4)); // six seconds of silence here
        await engine.OnTimerAsync(CancellationToken.None);
        Assert.False(h.Markets.Book(h.Market.Yes)!.IsTrusted);
    }

    private static BookSnapshotEvent Snapshot(TokenId token) =>
        new(token, [new BookLevel(Price.Of(0.48m), Size.Of(100))], [new BookLevel(Price.Of(0.52m), Size.Of(100))], null, GatewayHarness.Start);

    /// <summary>Records the trust it sees and buys YES on every book event regardless — what the engine must not let through.</summary>
    private sealed class CarelessStrategy(BinaryMarket market) : StrategyBase(new StrategyId("test"))
    {
        public decimal Price { get; init; } = 0.45m;

        public bool OnTimerToo { get; init; }

        public List<bool> TrustSeen { get; } = [];

        public TickSize? TickSeen { get; private set; }

        public override void OnBook(IStrategyContext context, BinaryMarket current, TokenId token) => Act(context);

        public override void OnTimer(IStrategyContext context)
        {
            if (OnTimerToo)
            {
                Act(context);
            }
        }

        private void Act(IStrategyContext context)
        {
            TrustSeen.Add(context.Book(market.Yes)!.IsTrusted);
            TickSeen = context.Markets.Single(m => m.Condition == market.Condition).Tick;
            context.Place(new OrderIntent(Id, market.Condition, market.Yes, Side.Buy, Core.Primitives.Price.Of(Price), Size.Of(10m), OrderType.Gtc));
        }
    }
}
