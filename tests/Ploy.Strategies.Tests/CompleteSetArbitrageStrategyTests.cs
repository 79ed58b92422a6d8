using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Strategies.Arbitrage;

namespace Ploy.Strategies.Tests;

public sealed class CompleteSetArbitrageStrategyTests
{
    // Default book: YES ask 0.45 × 30, NO ask 0.50 × 20. Fees at 2%: 0.02 × (0.45 × 0.55 + 0.5 × 0.5) = 0.00995,
    // so the pair (0.95) is below 1 − 0.00995 − 0.005.
    [Fact]
    public void OnBook_AsksSumBelowOneMinusFeesAndBuffer_BuysBothLegsAsFok()
    {
        var (strategy, ctx, market) = Setup();

        strategy.OnBook(ctx, market, market.Yes);

        Assert.Equal(2, ctx.Placed.Count);
        var yes = ctx.Placed.Single(o => o.Token == market.Yes);
        var no = ctx.Placed.Single(o => o.Token == market.No);
        Assert.Equal((Side.Buy, 0.45m, 20m, OrderType.Fok), (yes.Side, yes.LimitPrice.Value, yes.Quantity.Shares, yes.Intent.Type));
        Assert.Equal((Side.Buy, 0.50m, 20m, OrderType.Fok), (no.Side, no.LimitPrice.Value, no.Quantity.Shares, no.Intent.Type));
    }

    [Fact]
    public void OnBook_SizeCap_LimitsSetSize()
    {
        var (strategy, ctx, market) = Setup(new CompleteSetArbitrageOptions { MaxSetSize = 10m });

        strategy.OnBook(ctx, market, market.Yes);

        Assert.All(ctx.Placed, o => Assert.Equal(10m, o.Quantity.Shares));
    }

    [Fact]
    public void OnBook_AsksSumNotBelowThreshold_DoesNothing()
    {
        var (strategy, ctx, market) = Setup();
        ctx.SetBook(market.Yes, [(0.47m, 100m)], [(0.49m, 100m)]);

        strategy.OnBook(ctx, market, market.Yes);

        Assert.Empty(ctx.Placed);
    }

    [Theory]
    [InlineData(0.02, false)] // fees ≈ 0.0099977: 0.986 is not below 1 − fees − 0.005 ≈ 0.98500
    [InlineData(0.0, true)]
    public void OnBook_PairJustBelowOne_FiresOnlyWhenFeesLeaveAnEdge(decimal feeRate, bool fires)
    {
        var market = TestMarkets.Round(tick: TickSize.Thousandth);
        var (strategy, ctx, _) = Setup(new CompleteSetArbitrageOptions { TakerFeeRate = feeRate }, market);
        ctx.SetBook(market.Yes, [(0.47m, 100m)], [(0.49m, 100m)]);
        ctx.SetBook(market.No, [(0.48m, 100m)], [(0.496m, 100m)]);

        strategy.OnBook(ctx, market, market.Yes);

        Assert.Equal(fires ? 2 : 0, ctx.Placed.Count);
    }

    [Fact]
    public void OnBook_TopLevelBelowMinimumSize_DoesNothing()
    {
        var (strategy, ctx, market) = Setup();
        ctx.SetBook(market.No, [(0.48m, 100m)], [(0.50m, 4m)]);

        strategy.OnBook(ctx, market, market.Yes);

        Assert.Empty(ctx.Placed);
    }

    [Fact]
    public void OnBook_UntrustedBook_DoesNothing()
    {
        var (strategy, ctx, market) = Setup();
        ctx.MarkUntrusted(market.No);

        strategy.OnBook(ctx, market, market.Yes);

        Assert.Empty(ctx.Placed);
    }

    [Fact]
    public void OnBook_LegsStillOpen_DoesNotSendMore()
    {
        var (strategy, ctx, market) = Setup();

        strategy.OnBook(ctx, market, market.Yes);
        strategy.OnBook(ctx, market, market.No);
        strategy.OnTimer(ctx);

        Assert.Equal(2, ctx.Placed.Count);
    }

    [Fact]
    public void OnTimer_BothLegsFilled_HoldsTheSet()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);
        FillLegs(strategy, ctx, market, yes: 20m, no: 20m);
        ctx.SetBook(market.Yes, [(0.40m, 100m)], [(0.55m, 100m)]);
        ctx.SetBook(market.No, [(0.40m, 100m)], [(0.55m, 100m)]);

        ctx.Now += TimeSpan.FromSeconds(10);
        strategy.OnTimer(ctx);

        Assert.Equal(2, ctx.Placed.Count);
        Assert.Empty(ctx.Cancelled);
    }

    [Fact]
    public void OnTimer_OneLegFilledAloneAndPairStillCheap_CompletesTheSet()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);
        FillLegs(strategy, ctx, market, yes: 20m, no: 0m);
        ctx.SetBook(market.No, [(0.48m, 100m)], [(0.52m, 100m)]);

        strategy.OnTimer(ctx);
        Assert.Equal(2, ctx.Placed.Count); // fills may still be arriving: wait FillSettleDelay

        ctx.Now += TimeSpan.FromSeconds(1);
        strategy.OnTimer(ctx);

        var repair = ctx.Placed[^1];
        Assert.Equal(3, ctx.Placed.Count);
        Assert.Equal((market.No, Side.Buy, 0.52m, 20m, OrderType.Fak, "complete-set"),
            (repair.Token, repair.Side, repair.LimitPrice.Value, repair.Quantity.Shares, repair.Intent.Type, repair.Intent.Tag));
    }

    [Fact]
    public void OnTimer_OneLegFilledAloneAndPairTooExpensive_UnwindsAtBestBid()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);
        FillLegs(strategy, ctx, market, yes: 20m, no: 0m);
        ctx.SetBook(market.No, [(0.55m, 100m)], [(0.60m, 100m)]);

        ctx.Now += TimeSpan.FromSeconds(1);
        strategy.OnTimer(ctx);

        var repair = ctx.Placed[^1];
        Assert.Equal((market.Yes, Side.Sell, 0.43m, 20m, "unwind"), (repair.Token, repair.Side, repair.LimitPrice.Value, repair.Quantity.Shares, repair.Intent.Tag));
    }

    [Fact]
    public void OnTimer_NakedLegPastTimeLimit_UnwindsInsteadOfCompleting()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);
        FillLegs(strategy, ctx, market, yes: 20m, no: 0m);
        ctx.SetBook(market.No, [(0.48m, 100m)], [(0.52m, 100m)]);
        ctx.Now += TimeSpan.FromSeconds(1);
        strategy.OnTimer(ctx);
        Assert.Equal("complete-set", ctx.Placed[^1].Intent.Tag);
        ctx.Kill(strategy, ctx.Placed[^1].Id);

        ctx.Now += TimeSpan.FromSeconds(31);
        strategy.OnTimer(ctx);

        var repair = ctx.Placed[^1];
        Assert.Equal(4, ctx.Placed.Count);
        Assert.Equal((market.Yes, Side.Sell, "unwind"), (repair.Token, repair.Side, repair.Intent.Tag));
    }

    [Fact]
    public void OnTimer_RepairKilled_RetriesAfterShortDelayNotEveryStep()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);
        FillLegs(strategy, ctx, market, yes: 20m, no: 0m);
        ctx.SetBook(market.No, [(0.55m, 100m)], [(0.60m, 100m)]);
        ctx.Now += TimeSpan.FromSeconds(1);
        strategy.OnTimer(ctx);
        ctx.Kill(strategy, ctx.Placed[^1].Id);

        strategy.OnTimer(ctx);
        Assert.Equal(3, ctx.Placed.Count);

        ctx.Now += TimeSpan.FromSeconds(1);
        strategy.OnTimer(ctx);
        Assert.Equal(4, ctx.Placed.Count);
    }

    [Fact]
    public void OnTimer_NakedLegInLastSecondsOfRound_UnwindsEvenIfCompletionIsCheap()
    {
        var (strategy, ctx, market) = Setup(elapsed: TestMarkets.Length - TimeSpan.FromSeconds(35));
        strategy.OnBook(ctx, market, market.Yes);
        FillLegs(strategy, ctx, market, yes: 20m, no: 0m);
        ctx.SetBook(market.No, [(0.48m, 100m)], [(0.50m, 100m)]);

        ctx.Now = TestMarkets.Close - TimeSpan.FromSeconds(14);
        strategy.OnTimer(ctx);

        var repair = ctx.Placed[^1];
        Assert.Equal((market.Yes, Side.Sell, "unwind"), (repair.Token, repair.Side, repair.Intent.Tag));
    }

    [Fact]
    public void OnTimer_LegsRejected_BacksOffBeforeRetrying()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);
        ctx.Reject(strategy, ctx.Placed[0].Id);
        ctx.Reject(strategy, ctx.Placed[1].Id);

        ctx.Now += TimeSpan.FromSeconds(1);
        strategy.OnTimer(ctx);
        Assert.Equal(2, ctx.Placed.Count);

        ctx.Now += TimeSpan.FromSeconds(5);
        strategy.OnTimer(ctx);
        Assert.Equal(4, ctx.Placed.Count);
    }

    [Fact]
    public void OnBook_FirstLegRejectedInsidePlace_DoesNotSendTheSecond()
    {
        var (strategy, ctx, market) = Setup();
        ctx.OnPlaced = order => ctx.Reject(strategy, order.Id);

        strategy.OnBook(ctx, market, market.Yes);

        Assert.Equal(OrderStatus.Rejected, Assert.Single(ctx.Placed).Status);
    }

    [Fact]
    public void OnBook_InEntryCutoff_DoesNothing()
    {
        var (strategy, ctx, market) = Setup(elapsed: TestMarkets.Length - TimeSpan.FromSeconds(20));

        strategy.OnBook(ctx, market, market.Yes);

        Assert.Empty(ctx.Placed);
    }

    [Fact]
    public void Validate_Defaults_HasNoProblems() => Assert.Empty(new CompleteSetArbitrageOptions().Validate());

    [Fact]
    public void Validate_BadValues_NamesEachKey()
    {
        var problems = new CompleteSetArbitrageOptions { LegOrderType = OrderType.Gtc, MaxSetSize = 2m, TakerFeeRate = -0.1m }.Validate();

        Assert.Contains("Strategies:Arbitrage:LegOrderType must be Fok or Fak", problems);
        Assert.Contains("Strategies:Arbitrage:MaxSetSize must be >= 5", problems);
        Assert.Contains("Strategies:Arbitrage:TakerFeeRate must be >= 0", problems);
    }

    [Fact]
    public void FeePerShare_AtHalf_IsRateTimesQuarter() =>
        Assert.Equal(0.005m, CompleteSetArbitrageStrategy.FeePerShare(0.02m, 0.5m));

    private static (CompleteSetArbitrageStrategy Strategy, FakeStrategyContext Context, BinaryMarket Market) Setup(
        CompleteSetArbitrageOptions? options = null, BinaryMarket? market = null, TimeSpan? elapsed = null)
    {
        market ??= TestMarkets.Round();
        var ctx = new FakeStrategyContext(TestMarkets.Open + (elapsed ?? TimeSpan.FromMinutes(5)));
        ctx.MarketList.Add(market);
        ctx.SetBook(market.Yes, [(0.43m, 100m)], [(0.45m, 30m)]);
        ctx.SetBook(market.No, [(0.48m, 100m)], [(0.50m, 20m)]);
        var strategy = new CompleteSetArbitrageStrategy(options ?? new CompleteSetArbitrageOptions());
        strategy.OnMarketListed(ctx, market);
        return (strategy, ctx, market);
    }

    /// <summary>Fills (or kills, for 0) the two legs just placed.</summary>
    private static void FillLegs(CompleteSetArbitrageStrategy strategy, FakeStrategyContext ctx, BinaryMarket market, decimal yes, decimal no)
    {
        foreach (var (token, shares) in new[] { (market.Yes, yes), (market.No, no) })
        {
            var leg = ctx.Placed.Last(o => o.Token == token);
            if (shares > 0m)
            {
                ctx.Fill(strategy, leg.Id, shares);
            }
            else
            {
                ctx.Kill(strategy, leg.Id);
            }
        }
    }
}
