using FsCheck.Fluent;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Strategies.MarketMaking;

namespace Ploy.Strategies.Tests;

public sealed class MarketMakerStrategyTests
{
    [Fact]
    public void OnBook_FlatInventory_QuotesYesBidAndNoBidOnGridAroundMid()
    {
        // Mid 0.50, half-spread 0.015: bid 0.485 rounds down to 0.48, ask 0.515 rounds up to 0.52 (a NO bid at 0.48).
        var (strategy, ctx, market) = Setup(new MarketMakerOptions { HalfSpread = 0.015m });

        strategy.OnBook(ctx, market, market.Yes);

        Assert.Equal(2, ctx.Placed.Count);
        var bid = ctx.Placed.Single(o => o.Token == market.Yes);
        var ask = ctx.Placed.Single(o => o.Token == market.No);
        Assert.Equal((Side.Buy, 0.48m, 10m), (bid.Side, bid.LimitPrice.Value, bid.Quantity.Shares));
        Assert.Equal((Side.Buy, 0.48m, 10m), (ask.Side, ask.LimitPrice.Value, ask.Quantity.Shares));
        Assert.All(ctx.Placed, o => Assert.True(o.Intent is { Type: OrderType.Gtc, PostOnly: true }));
    }

    [Fact]
    public void OnBook_LongYes_SkewsDownAndSellsYesFromInventory()
    {
        var (strategy, ctx, market) = Setup();
        ctx.Positions[market.Yes] = 25m; // center 0.50 − 0.0004 × 25 = 0.49

        strategy.OnBook(ctx, market, market.Yes);

        var bid = ctx.Placed.Single(o => o.Side == Side.Buy);
        var ask = ctx.Placed.Single(o => o.Side == Side.Sell);
        Assert.Equal((market.Yes, 0.47m), (bid.Token, bid.LimitPrice.Value));
        Assert.Equal((market.Yes, 0.51m), (ask.Token, ask.LimitPrice.Value));
    }

    [Fact]
    public void OnBook_LongNo_SkewsUpAndSellsNoAsTheBid()
    {
        var (strategy, ctx, market) = Setup();
        ctx.Positions[market.No] = 25m; // inventory −25: center 0.51, bid 0.49 (sell NO at 0.51), ask 0.53 (buy NO at 0.47)

        strategy.OnBook(ctx, market, market.Yes);

        var sellNo = ctx.Placed.Single(o => o.Side == Side.Sell);
        var buyNo = ctx.Placed.Single(o => o.Side == Side.Buy);
        Assert.Equal((market.No, 0.51m), (sellNo.Token, sellNo.LimitPrice.Value));
        Assert.Equal((market.No, 0.47m), (buyNo.Token, buyNo.LimitPrice.Value));
    }

    [Fact]
    public void OnBook_InventoryNearCap_StopsTheSideThatWouldGrowIt()
    {
        var (strategy, ctx, market) = Setup();
        ctx.Positions[market.Yes] = 45m; // 45 + 10 > 50: no more buying YES

        strategy.OnBook(ctx, market, market.Yes);

        var only = Assert.Single(ctx.Placed);
        Assert.Equal((market.Yes, Side.Sell), (only.Token, only.Side));
    }

    [Fact]
    public void OnBook_ShortInventoryNearCap_StopsTheAsk()
    {
        var (strategy, ctx, market) = Setup();
        ctx.Positions[market.No] = 45m;

        strategy.OnBook(ctx, market, market.Yes);

        var only = Assert.Single(ctx.Placed);
        Assert.Equal((market.No, Side.Sell), (only.Token, only.Side)); // the bid side, selling held NO
    }

    [Fact]
    public void OnTimer_NearClose_PullsAllQuotesAndPlacesNone()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);

        ctx.Now = TestMarkets.Close - TimeSpan.FromSeconds(30);
        strategy.OnTimer(ctx);

        Assert.Equal(ctx.Placed.Select(o => o.Id).ToHashSet(), ctx.Cancelled.ToHashSet());
        Assert.Equal(2, ctx.Placed.Count);
    }

    [Fact]
    public void OnBook_UntrustedBook_PullsAllQuotes()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);

        ctx.MarkUntrusted(market.No);
        strategy.OnBook(ctx, market, market.Yes);
        strategy.OnTimer(ctx);

        Assert.Equal(2, ctx.Cancelled.Distinct().Count());
        Assert.Equal(2, ctx.Placed.Count);
    }

    [Fact]
    public void TickSizeChange_PullsOnTheUntrustedBook_ThenRequotesOnTheNewGridAfterTheSnapshot()
    {
        // On the fine grid the quotes sit at 0.485 (YES bid) and 0.485 (NO bid), prices the coarse grid does not have.
        var (strategy, ctx, fine) = Setup(new MarketMakerOptions { HalfSpread = 0.015m }, TestMarkets.Round(tick: TickSize.Thousandth));
        strategy.OnBook(ctx, fine, fine.Yes);
        Assert.All(ctx.Placed, o => Assert.Equal(0.485m, o.LimitPrice.Value));

        // The venue moves the market back to 0.01: the engine untrusts the book and updates the market's tick.
        var coarse = fine with { Tick = TickSize.Hundredth };
        ctx.MarketList[0] = coarse;
        ctx.MarkUntrusted(fine.Yes);
        strategy.OnBook(ctx, coarse, coarse.Yes);
        Assert.Equal(ctx.Placed.Select(o => o.Id).ToHashSet(), ctx.Cancelled.ToHashSet());
        Assert.Equal(2, ctx.Placed.Count);

        // The fresh snapshot: quotes come back, on the new grid only.
        SetMirroredBook(ctx, coarse, 0.47m, 0.53m);
        strategy.OnBook(ctx, coarse, coarse.Yes);

        var requoted = ctx.PlacedSince(2);
        Assert.Equal(2, requoted.Count);
        Assert.All(requoted, o => Assert.True(TickSize.Hundredth.IsOnGrid(o.LimitPrice.Value), $"{o.LimitPrice} is off the 0.01 grid"));
        Assert.Equal((0.48m, 0.48m), (requoted.Single(o => o.Token == coarse.Yes).LimitPrice.Value, requoted.Single(o => o.Token == coarse.No).LimitPrice.Value));
    }

    [Fact]
    public void OnBook_NothingMoved_DoesNotRequote()
    {
        var (strategy, ctx, market) = Setup();

        strategy.OnBook(ctx, market, market.Yes);
        strategy.OnBook(ctx, market, market.No);
        ctx.Now += TimeSpan.FromSeconds(1);
        strategy.OnTimer(ctx);

        Assert.Equal(2, ctx.Placed.Count);
        Assert.Empty(ctx.Cancelled);
    }

    [Fact]
    public void OnBook_MidMovedByATick_CancelsAndReplacesBothQuotes()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);
        var first = ctx.Placed.Select(o => o.Id).ToList();

        SetMirroredBook(ctx, market, 0.48m, 0.54m);
        strategy.OnBook(ctx, market, market.Yes);
        Assert.Empty(ctx.Cancelled); // a quote lives MinQuoteLife before it chases the price

        ctx.Now += new MarketMakerOptions().MinQuoteLife;
        strategy.OnBook(ctx, market, market.Yes);

        Assert.Equal(first.ToHashSet(), ctx.Cancelled.ToHashSet());
        var fresh = ctx.PlacedSince(2);
        Assert.Equal(0.49m, fresh.Single(o => o.Token == market.Yes).LimitPrice.Value);
        Assert.Equal(0.47m, fresh.Single(o => o.Token == market.No).LimitPrice.Value);
    }

    [Fact]
    public void OnBook_ReplacingASell_WaitsForTheCancelBeforeSellingTheSameSharesAgain()
    {
        var (strategy, ctx, market) = Setup(new MarketMakerOptions { SkewPerShare = 0m });
        ctx.Positions[market.Yes] = 10m; // one quote's worth: the ask sells it
        strategy.OnBook(ctx, market, market.Yes);
        var sell = ctx.Placed.Single(o => o.Side == Side.Sell);
        Assert.Equal((market.Yes, 0.52m), (sell.Token, sell.LimitPrice.Value));

        SetMirroredBook(ctx, market, 0.48m, 0.54m);
        ctx.Now += new MarketMakerOptions().MinQuoteLife;
        strategy.OnBook(ctx, market, market.Yes);
        strategy.OnBook(ctx, market, market.Yes);

        // Cancel asked for, not confirmed: those 10 YES are still offered on the venue, and a second sell of them
        // would be refused. Nothing is offered for them meanwhile (no flip to a NO bid and back).
        Assert.Contains(sell.Id, ctx.Cancelled);
        Assert.DoesNotContain(ctx.PlacedSince(2), o => (o.Token == market.Yes && o.Side == Side.Sell) || o.Token == market.No);

        ctx.ConfirmCancels(strategy);
        var before = ctx.Placed.Count;
        strategy.OnBook(ctx, market, market.Yes);

        var fresh = ctx.PlacedSince(before).Single(o => o.Side == Side.Sell);
        Assert.Equal((market.Yes, 0.53m), (fresh.Token, fresh.LimitPrice.Value));
    }

    [Fact]
    public void OnFill_QuotePartlyFilled_RequotesThatSideOnly()
    {
        var (strategy, ctx, market) = Setup(new MarketMakerOptions { SkewPerShare = 0m });
        strategy.OnBook(ctx, market, market.Yes);
        var bid = ctx.Placed.Single(o => o.Token == market.Yes);

        ctx.Fill(strategy, bid.Id, 5m);
        strategy.OnBook(ctx, market, market.Yes);

        Assert.Equal([bid.Id], ctx.Cancelled);
        var fresh = Assert.Single(ctx.PlacedSince(2));
        Assert.Equal((market.Yes, Side.Buy, 0.48m, 10m), (fresh.Token, fresh.Side, fresh.LimitPrice.Value, fresh.Quantity.Shares));
    }

    [Fact]
    public void OnBook_OwnQuotesInTheBook_AreLeftOutOfTheMid()
    {
        // Half-spread 0.01 around 0.50: quotes at 0.49 / 0.51, inside the others' 0.47 / 0.53.
        var (strategy, ctx, market) = Setup(new MarketMakerOptions { HalfSpread = 0.01m });
        strategy.OnBook(ctx, market, market.Yes);
        var bid = ctx.Placed.Single(o => o.Token == market.Yes);
        ctx.SetBook(market.Yes, [(0.49m, 10m), (0.47m, 100m)], [(0.51m, 10m), (0.53m, 100m)]);
        ctx.SetBook(market.No, [(0.49m, 10m), (0.47m, 100m)], [(0.51m, 10m), (0.53m, 100m)]);
        strategy.OnBook(ctx, market, market.Yes);
        Assert.Empty(ctx.Cancelled);

        // The bid fills: inventory +10 skews the center to 0.496 around the others' mid 0.50, not our 0.49.
        ctx.Fill(strategy, bid.Id, 10m);
        ctx.SetBook(market.Yes, [(0.47m, 100m)], [(0.51m, 10m), (0.53m, 100m)]);
        ctx.SetBook(market.No, [(0.49m, 10m), (0.47m, 100m)], [(0.53m, 100m)]);
        strategy.OnBook(ctx, market, market.Yes);

        var fresh = ctx.PlacedSince(2);
        Assert.Equal(0.48m, fresh.Single(o => o.Side == Side.Buy).LimitPrice.Value);
        var ask = fresh.Single(o => o.Side == Side.Sell);
        Assert.Equal((market.Yes, 0.51m), (ask.Token, ask.LimitPrice.Value));
    }

    [Fact]
    public void OnBook_TickSizeCoarsened_ReplacesQuotesOffTheNewGrid()
    {
        var fine = TestMarkets.Round(tick: TickSize.Thousandth);
        var (strategy, ctx, _) = Setup(new MarketMakerOptions { HalfSpread = 0.015m }, fine);
        strategy.OnBook(ctx, fine, fine.Yes); // bid 0.485, ask 0.515 on the 0.001 grid
        Assert.Contains(ctx.Placed, o => o.LimitPrice.Value == 0.485m);

        var coarse = fine with { Tick = TickSize.Hundredth };
        strategy.OnBook(ctx, coarse, coarse.Yes);

        Assert.Equal(2, ctx.Cancelled.Count);
        Assert.All(ctx.PlacedSince(2), o => Assert.True(TickSize.Hundredth.IsOnGrid(o.LimitPrice.Value)));
    }

    [Fact]
    public void OnOrderUpdate_QuoteRejected_BacksOffBeforeQuotingAgain()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);
        ctx.Reject(strategy, ctx.Placed.Single(o => o.Token == market.Yes).Id, "post-only would cross");

        strategy.OnBook(ctx, market, market.Yes);
        ctx.Now += TimeSpan.FromSeconds(1);
        strategy.OnTimer(ctx);
        Assert.Equal(2, ctx.Placed.Count);

        ctx.Now += TimeSpan.FromSeconds(5);
        strategy.OnTimer(ctx);
        Assert.Equal(3, ctx.Placed.Count);
    }

    [Fact]
    public void OnTimer_CancelNotConfirmed_ResendsItLaterNotEveryStep()
    {
        var (strategy, ctx, market) = Setup();
        strategy.OnBook(ctx, market, market.Yes);
        ctx.MarkUntrusted(market.Yes);

        strategy.OnTimer(ctx);
        strategy.OnTimer(ctx);
        Assert.Equal(2, ctx.Cancelled.Count);

        ctx.Now += TimeSpan.FromSeconds(5);
        strategy.OnTimer(ctx);
        Assert.Equal(4, ctx.Cancelled.Count);

        ctx.ConfirmCancels(strategy);
        ctx.Now += TimeSpan.FromSeconds(5);
        strategy.OnTimer(ctx);
        Assert.Equal(4, ctx.Cancelled.Count);
    }

    [Fact]
    public void OnBook_RandomBooksAndInventories_QuotesAreOnGridInsideRangeAndUncrossed()
    {
        var ticks = new[] { TickSize.Tenth, TickSize.Hundredth, TickSize.Of(0.005m), TickSize.Thousandth };
        var scenario =
            from tick in Gen.Elements(ticks)
            let steps = (int)(1m / tick.Value)
            from bidSteps in Gen.Choose(1, steps - 2)
            from askSteps in Gen.Choose(bidSteps + 1, steps - 1)
            from yes in Gen.Choose(0, 80)
            from no in Gen.Choose(0, 80)
            from halfSpreadTicks in Gen.Choose(1, 10)
            from skewMicros in Gen.Choose(0, 2_000)
            select (Tick: tick, Bid: bidSteps * tick.Value, Ask: askSteps * tick.Value, Yes: (decimal)yes, No: (decimal)no,
                HalfSpread: halfSpreadTicks * tick.Value, Skew: skewMicros / 1_000_000m);

        var property = Prop.ForAll(Arb.From(scenario), s =>
        {
            var options = new MarketMakerOptions { HalfSpread = Math.Min(s.HalfSpread, 0.49m), SkewPerShare = s.Skew };
            var (strategy, ctx, market) = Setup(options, TestMarkets.Round(tick: s.Tick));
            SetMirroredBook(ctx, market, s.Bid, s.Ask);
            ctx.Positions[market.Yes] = s.Yes;
            ctx.Positions[market.No] = s.No;

            strategy.OnBook(ctx, market, market.Yes);

            decimal? yesBid = null, yesAsk = null;
            foreach (var order in ctx.Placed)
            {
                Assert.True(s.Tick.IsOnGrid(order.LimitPrice.Value), $"{order.LimitPrice} off the {s.Tick} grid");
                Assert.True(order.Intent is { Type: OrderType.Gtc, PostOnly: true });
                Assert.True(order.Quantity.Shares >= 5m);
                var yesPrice = order.Token == market.Yes ? order.LimitPrice.Value : 1m - order.LimitPrice.Value;
                var buysYes = (order.Token == market.Yes) == (order.Side == Side.Buy);
                if (buysYes)
                {
                    yesBid = yesPrice;
                }
                else
                {
                    yesAsk = yesPrice;
                }
            }

            var inventory = s.Yes - s.No;
            Assert.True(yesBid is null || (yesBid < s.Ask && inventory + 10m <= 50m), $"bid {yesBid} vs ask {s.Ask}, inventory {inventory}");
            Assert.True(yesAsk is null || (yesAsk > s.Bid && inventory - 10m >= -50m), $"ask {yesAsk} vs bid {s.Bid}, inventory {inventory}");
            Assert.True(yesBid is null || yesAsk is null || yesBid < yesAsk);
        });

        PropertyCheck.Run(property, seed: 17, maxTest: 300);
    }

    private static (MarketMakerStrategy Strategy, FakeStrategyContext Context, BinaryMarket Market) Setup(
        MarketMakerOptions? options = null, BinaryMarket? market = null)
    {
        market ??= TestMarkets.Round();
        var ctx = new FakeStrategyContext(TestMarkets.Open + TimeSpan.FromMinutes(2));
        ctx.MarketList.Add(market);
        SetMirroredBook(ctx, market, 0.47m, 0.53m);
        var strategy = new MarketMakerStrategy(options ?? new MarketMakerOptions());
        strategy.OnMarketListed(ctx, market);
        return (strategy, ctx, market);
    }

    /// <summary>A YES book and its mirror image as the NO book (a YES bid at p is a NO ask at 1 − p).</summary>
    private static void SetMirroredBook(FakeStrategyContext ctx, BinaryMarket market, decimal bid, decimal ask)
    {
        ctx.SetBook(market.Yes, [(bid, 100m)], [(ask, 100m)]);
        ctx.SetBook(market.No, [(1m - ask, 100m)], [(1m - bid, 100m)]);
    }
}
