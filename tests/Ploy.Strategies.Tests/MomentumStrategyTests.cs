using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Strategies.Momentum;

namespace Ploy.Strategies.Tests;

public sealed class MomentumStrategyTests
{
    // 10 minutes left, σ = 0.6: a +0.1% move gives fair P(up) ≈ 0.6487, so with edge 0.02 the YES ask must be ≤ 0.6287.
    private const decimal UpMove = 100_100m;
    private const decimal DownMove = 99_900m;

    [Fact]
    public void OnReferencePrice_BigUpMoveAskBelowFair_BuysYesAtAskSizedByNotional()
    {
        var (strategy, ctx, market) = Setup();

        Tick(strategy, ctx, UpMove);

        var order = Assert.Single(ctx.Placed);
        Assert.Equal(market.Yes, order.Token);
        Assert.Equal(Side.Buy, order.Side);
        Assert.Equal(0.55m, order.LimitPrice.Value);
        Assert.Equal(18.18m, order.Quantity.Shares); // $10 / 0.55, truncated to hundredths
        Assert.Equal(OrderType.Fak, order.Intent.Type);
        Assert.Equal(new StrategyId("momentum"), order.Strategy);
    }

    [Fact]
    public void OnReferencePrice_BigDownMove_BuysNo()
    {
        var (strategy, ctx, market) = Setup();

        Tick(strategy, ctx, DownMove);

        var order = Assert.Single(ctx.Placed);
        Assert.Equal(market.No, order.Token);
        Assert.Equal(0.47m, order.LimitPrice.Value);
    }

    [Fact]
    public void OnReferencePrice_MoveBelowThreshold_DoesNothing()
    {
        var (strategy, ctx, _) = Setup();

        Tick(strategy, ctx, 100_040m); // 0.04% < 0.05%

        Assert.Empty(ctx.Placed);
    }

    [Theory]
    [InlineData(0.63, false)]
    [InlineData(0.62, true)]
    public void OnReferencePrice_AskAgainstFairMinusEdge_BuysOnlyBelow(decimal ask, bool buys)
    {
        var (strategy, ctx, market) = Setup();
        ctx.SetBook(market.Yes, [(0.50m, 100m)], [(ask, 100m)]);

        Tick(strategy, ctx, UpMove);

        Assert.Equal(buys ? 1 : 0, ctx.Placed.Count);
    }

    [Fact]
    public void OnReferencePrice_UntrustedBook_DoesNothing()
    {
        var (strategy, ctx, market) = Setup();
        ctx.MarkUntrusted(market.Yes);

        Tick(strategy, ctx, UpMove);

        Assert.Empty(ctx.Placed);
    }

    [Fact]
    public void OnReferencePrice_InLastSecondsOfRound_DoesNothing()
    {
        var (strategy, ctx, _) = Setup(elapsed: TestMarkets.Length - TimeSpan.FromSeconds(30));

        Tick(strategy, ctx, UpMove);

        Assert.Empty(ctx.Placed);
    }

    [Fact]
    public void OnReferencePrice_InFirstSecondsOfRound_DoesNothing()
    {
        var (strategy, ctx, _) = Setup(elapsed: TimeSpan.FromSeconds(10));

        Tick(strategy, ctx, UpMove);

        Assert.Empty(ctx.Placed);
    }

    [Fact]
    public void OnReferencePrice_EntryStillOpen_DoesNotStack()
    {
        var (strategy, ctx, _) = Setup();

        Tick(strategy, ctx, UpMove);
        Tick(strategy, ctx, UpMove + 50m);
        strategy.OnTimer(ctx);

        Assert.Single(ctx.Placed);
    }

    [Fact]
    public void OnReferencePrice_AfterEntryFilled_DoesNotEnterAgainThisRound()
    {
        var (strategy, ctx, _) = Setup();
        Tick(strategy, ctx, UpMove);
        ctx.Fill(strategy, ctx.Placed[0].Id, 18.18m);

        Tick(strategy, ctx, UpMove + 50m);
        ctx.Now += TimeSpan.FromMinutes(1);
        strategy.OnTimer(ctx);

        Assert.Single(ctx.Placed);
    }

    [Fact]
    public void OnOrderUpdate_EntryRejected_BacksOffBeforeRetrying()
    {
        var (strategy, ctx, _) = Setup();
        Tick(strategy, ctx, UpMove);
        ctx.Reject(strategy, ctx.Placed[0].Id);

        Tick(strategy, ctx, UpMove);
        ctx.Now += TimeSpan.FromSeconds(1);
        strategy.OnTimer(ctx);
        Assert.Single(ctx.Placed);

        ctx.Now += TimeSpan.FromSeconds(5);
        strategy.OnTimer(ctx);
        Assert.Equal(2, ctx.Placed.Count);
    }

    [Fact]
    public void OnOrderUpdate_EntryKilledUnfilled_BacksOffBeforeRetrying()
    {
        var (strategy, ctx, _) = Setup();
        Tick(strategy, ctx, UpMove);
        ctx.Kill(strategy, ctx.Placed[0].Id);

        Tick(strategy, ctx, UpMove);
        Assert.Single(ctx.Placed);

        ctx.Now += TimeSpan.FromSeconds(6);
        Tick(strategy, ctx, UpMove);
        Assert.Equal(2, ctx.Placed.Count);
    }

    [Fact]
    public void OnTimer_GtcEntryRestsPastTimeout_CancelsIt()
    {
        var (strategy, ctx, _) = Setup(new MomentumOptions { EntryOrderType = OrderType.Gtc });
        Tick(strategy, ctx, UpMove);
        var entry = Assert.Single(ctx.Placed);
        Assert.Equal(OrderType.Gtc, entry.Intent.Type);

        ctx.Now += TimeSpan.FromSeconds(2);
        strategy.OnTimer(ctx);
        Assert.Empty(ctx.Cancelled);

        ctx.Now += TimeSpan.FromSeconds(3);
        strategy.OnTimer(ctx);
        Assert.Equal([entry.Id], ctx.Cancelled);
    }

    [Fact]
    public void OnTimer_EntryUpdateLost_StopsWaitingForItAfterGrace()
    {
        var (strategy, ctx, _) = Setup();
        Tick(strategy, ctx, UpMove);
        ctx.EndSilently(ctx.Placed[0].Id);

        ctx.Now += TimeSpan.FromSeconds(10);
        Tick(strategy, ctx, UpMove);
        strategy.OnTimer(ctx);
        Assert.Single(ctx.Placed);

        ctx.Now += TimeSpan.FromSeconds(21);
        strategy.OnTimer(ctx);
        Assert.Equal(2, ctx.Placed.Count);
    }

    [Fact]
    public void OnBook_MarkReachesTakeProfit_SellsPositionAtBestBid()
    {
        var (strategy, ctx, market) = Setup();
        Tick(strategy, ctx, UpMove);
        ctx.Fill(strategy, ctx.Placed[0].Id, 18.18m);

        ctx.SetBook(market.Yes, [(0.66m, 100m)], [(0.68m, 100m)]);
        strategy.OnBook(ctx, market, market.Yes);

        var exit = ctx.Placed[^1];
        Assert.Equal(2, ctx.Placed.Count);
        Assert.Equal((market.Yes, Side.Sell, 0.66m, 18.18m, OrderType.Fak), (exit.Token, exit.Side, exit.LimitPrice.Value, exit.Quantity.Shares, exit.Intent.Type));
        Assert.Equal("take-profit", exit.Intent.Tag);
    }

    [Fact]
    public void OnBook_MarkReachesStopLoss_SellsPositionAtBestBid()
    {
        var (strategy, ctx, market) = Setup();
        Tick(strategy, ctx, UpMove);
        ctx.Fill(strategy, ctx.Placed[0].Id, 18.18m);

        ctx.SetBook(market.Yes, [(0.44m, 100m)], [(0.46m, 100m)]);
        strategy.OnBook(ctx, market, market.Yes);

        var exit = ctx.Placed[^1];
        Assert.Equal((Side.Sell, 0.44m, "stop-loss"), (exit.Side, exit.LimitPrice.Value, exit.Intent.Tag));
    }

    [Fact]
    public void OnBook_MarkBetweenStopAndTarget_HoldsPosition()
    {
        var (strategy, ctx, market) = Setup();
        Tick(strategy, ctx, UpMove);
        ctx.Fill(strategy, ctx.Placed[0].Id, 18.18m);

        ctx.SetBook(market.Yes, [(0.60m, 100m)], [(0.62m, 100m)]);
        strategy.OnBook(ctx, market, market.Yes);
        strategy.OnTimer(ctx);

        Assert.Single(ctx.Placed);
    }

    [Fact]
    public void OnBook_TakeProfitOnUntrustedBook_DoesNotSell()
    {
        var (strategy, ctx, market) = Setup();
        Tick(strategy, ctx, UpMove);
        ctx.Fill(strategy, ctx.Placed[0].Id, 18.18m);

        ctx.SetBook(market.Yes, [(0.70m, 100m)], [(0.72m, 100m)]);
        ctx.MarkUntrusted(market.Yes);
        strategy.OnBook(ctx, market, market.Yes);

        Assert.Single(ctx.Placed);
    }

    [Fact]
    public void OnBook_AfterStopLossExit_DoesNotReenter()
    {
        var (strategy, ctx, market) = Setup();
        Tick(strategy, ctx, UpMove);
        ctx.Fill(strategy, ctx.Placed[0].Id, 18.18m);
        ctx.SetBook(market.Yes, [(0.44m, 100m)], [(0.46m, 100m)]);
        strategy.OnBook(ctx, market, market.Yes);
        ctx.Fill(strategy, ctx.Placed[1].Id, 18.18m);

        Tick(strategy, ctx, UpMove);
        strategy.OnTimer(ctx);

        Assert.Equal(2, ctx.Placed.Count);
        Assert.Equal(0m, ctx.Position(market.Yes));
    }

    [Fact]
    public void OnReferencePrice_SmallNotional_RaisesSizeToVenueMinimum()
    {
        var (strategy, ctx, _) = Setup(new MomentumOptions { OrderNotional = 1m });

        Tick(strategy, ctx, UpMove);

        Assert.Equal(5m, Assert.Single(ctx.Placed).Quantity.Shares);
    }

    [Fact]
    public void Validate_Defaults_HasNoProblems() => Assert.Empty(new MomentumOptions().Validate());

    [Fact]
    public void Validate_BadValues_ListsEveryProblemWithItsKey()
    {
        var problems = new MomentumOptions { EntryThreshold = 0m, OrderNotional = 0.5m, EntryOrderType = OrderType.Gtd }.Validate();

        Assert.Contains("Strategies:Momentum:EntryThreshold must be > 0", problems);
        Assert.Contains(problems, p => p.StartsWith("Strategies:Momentum:OrderNotional", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Strategies:Momentum:EntryOrderType", StringComparison.Ordinal));
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws() =>
        Assert.Throws<ArgumentException>(() => new MomentumStrategy(new MomentumOptions { AnnualizedVolatility = 0m }));

    [Fact]
    public void ProbabilityUp_Cases_MatchLogNormalModel()
    {
        var tenMinutes = TimeSpan.FromMinutes(10);
        Assert.Equal(0.5m, MomentumFairValue.ProbabilityUp(100m, 100m, 0.6m, tenMinutes));
        Assert.InRange(MomentumFairValue.ProbabilityUp(UpMove, 100_000m, 0.6m, tenMinutes), 0.648m, 0.650m);
        Assert.InRange(MomentumFairValue.ProbabilityUp(DownMove, 100_000m, 0.6m, tenMinutes), 0.350m, 0.352m);
        Assert.Equal(1m, MomentumFairValue.ProbabilityUp(101m, 100m, 0.6m, TimeSpan.Zero));
        Assert.Equal(0m, MomentumFairValue.ProbabilityUp(99m, 100m, 0.6m, TimeSpan.Zero));
        Assert.Equal(0.975, MomentumFairValue.NormalCdf(1.959964), 6);
    }

    private static (MomentumStrategy Strategy, FakeStrategyContext Context, BinaryMarket Market) Setup(
        MomentumOptions? options = null, TimeSpan? elapsed = null)
    {
        var market = TestMarkets.Round();
        var ctx = new FakeStrategyContext(TestMarkets.Open + (elapsed ?? TimeSpan.FromMinutes(5)));
        ctx.MarketList.Add(market);
        ctx.SetBook(market.Yes, [(0.53m, 100m)], [(0.55m, 100m)]);
        ctx.SetBook(market.No, [(0.45m, 100m)], [(0.47m, 100m)]);
        var strategy = new MomentumStrategy(options ?? new MomentumOptions());
        strategy.OnMarketListed(ctx, market);
        return (strategy, ctx, market);
    }

    private static void Tick(MomentumStrategy strategy, FakeStrategyContext ctx, decimal price)
    {
        ctx.ReferencePrices[TestMarkets.Symbol] = price;
        strategy.OnReferencePrice(ctx, TestMarkets.Symbol, price);
    }
}
