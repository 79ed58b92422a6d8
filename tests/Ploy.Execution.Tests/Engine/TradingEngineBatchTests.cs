using Ploy.Core.MarketData;
using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;
using Ploy.Execution.Engine;
using Ploy.Strategies;

namespace Ploy.Execution.Tests.Engine;

/// <summary>
/// A trade moves several levels in one venue message; strategies look at the books only once the whole message is
/// applied, so they never see (and never price off) the crossed book between two of its changes.
/// </summary>
public sealed class TradingEngineBatchTests
{
    [Fact]
    public async Task PriceChangeBatch_StrategiesSeeEachChangedBookOnce_AfterTheLastChange_NeverCrossed()
    {
        await using var h = new GatewayHarness(); // both books: 0.48 bid, 0.52 ask
        var watcher = new BookWatcher();
        var engine = new TradingEngine(h.Gateway, h.Markets, [watcher], h.Clock, new EngineOptions());
        var at = GatewayHarness.Start;

        // A seller quotes 0.56; a buyer lifts the 0.52 ask and rests the rest of its order at 0.53. The NO book mirrors both.
        PriceChangeEvent[] batch =
        [
            new(h.Market.Yes, Side.Sell, Price.Of(0.56m), Size.Of(20m), null, at, MoreInBatch: true),
            new(h.Market.Yes, Side.Buy, Price.Of(0.53m), Size.Of(40m), null, at, MoreInBatch: true), // crossed until the next line
            new(h.Market.Yes, Side.Sell, Price.Of(0.52m), Size.Of(0m), null, at, MoreInBatch: true),
            new(h.Market.No, Side.Buy, Price.Of(0.44m), Size.Of(20m), null, at, MoreInBatch: true),
            new(h.Market.No, Side.Sell, Price.Of(0.47m), Size.Of(40m), null, at, MoreInBatch: true),
            new(h.Market.No, Side.Buy, Price.Of(0.48m), Size.Of(0m), null, at),
        ];
        foreach (var change in batch)
        {
            await engine.OnMarketDataAsync(change, CancellationToken.None);
        }

        Assert.Equal([h.Market.Yes, h.Market.No], watcher.Seen.Select(s => s.Token));
        Assert.All(watcher.Seen, s => Assert.True(s.Bid < s.Ask, $"{s.Token}: saw bid {s.Bid} >= ask {s.Ask}"));
        Assert.Equal(0.53m, watcher.Seen[0].Bid);
    }

    [Fact]
    public async Task PriceChangeBatch_CutShortByAnotherEvent_IsShownBeforeIt()
    {
        await using var h = new GatewayHarness();
        var watcher = new BookWatcher();
        var engine = new TradingEngine(h.Gateway, h.Markets, [watcher], h.Clock, new EngineOptions());

        await engine.OnMarketDataAsync(new PriceChangeEvent(h.Market.Yes, Side.Buy, Price.Of(0.49m), Size.Of(10m), null, GatewayHarness.Start, MoreInBatch: true),
            CancellationToken.None);
        Assert.Empty(watcher.Seen);
        await engine.OnMarketDataAsync(new BookUntrustedEvent(h.Market.No, "delta hash mismatch", GatewayHarness.Start), CancellationToken.None);

        Assert.Equal([h.Market.Yes, h.Market.No], watcher.Seen.Select(s => s.Token));
    }

    private sealed class BookWatcher() : StrategyBase(new StrategyId("watcher"))
    {
        public List<(TokenId Token, decimal? Bid, decimal? Ask)> Seen { get; } = [];

        public override void OnBook(IStrategyContext context, BinaryMarket current, TokenId token)
        {
            var book = context.Book(token)!;
            Seen.Add((token, book.BestBid?.Price.Value, book.BestAsk?.Price.Value));
        }
    }
}
