using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Simulated.Matching;
using static Ploy.Venues.Simulated.Tests.EngineFixture;

namespace Ploy.Venues.Simulated.Tests;

public sealed class MatchingEngineTests
{
    [Fact]
    public void Submit_GtcCrossingRestingAsk_FillsAtMakerPrice()
    {
        var f = new EngineFixture();
        var ask = f.Place(Alice, f.Yes, Side.Sell, 0.60m, 10m);
        var bid = f.Place(Bob, f.Yes, Side.Buy, 0.65m, 10m);

        Assert.Equal(VenueOrderStatus.Matched, bid.Status);
        Assert.Equal(VenueOrderStatus.Matched, ask.Status);
        var trade = Assert.Single(f.Observer.Trades);
        Assert.Equal(MatchKind.Direct, trade.Kind);
        Assert.Equal(0.60m, trade.TakerPrice.Value);
        Assert.Equal(1_000m - 6m, f.Ledger.Cash(Bob));
        Assert.Equal(0m, f.Ledger.ReservedCash(Bob));
        Assert.Equal(110m, f.Ledger.Tokens(Bob, f.Yes));
        Assert.Equal(1_006m, f.Ledger.Cash(Alice));
        Assert.Equal(90m, f.Ledger.Tokens(Alice, f.Yes));
        f.AssertConserved();
    }

    [Fact]
    public void Submit_SeveralLevels_PriceThenTimePriority()
    {
        var f = new EngineFixture();
        var first = f.Place(Alice, f.Yes, Side.Sell, 0.60m, 10m);
        var second = f.Place(Carol, f.Yes, Side.Sell, 0.60m, 10m);
        var cheaper = f.Place(Carol, f.Yes, Side.Sell, 0.59m, 10m);

        f.Place(Bob, f.Yes, Side.Buy, 0.60m, 15m);

        Assert.Equal([cheaper.Id, first.Id], f.Observer.Trades.Select(t => t.Maker.Id));
        Assert.Equal(5m, first.Remaining);
        Assert.Equal(10m, second.Remaining);
        Assert.Equal(new BookLevelView(0.60m, 15m), Best(f.Engine.BestAsk(f.Market.Condition, f.Yes)));
    }

    [Fact]
    public void Submit_RestingGtc_ReservesCashUntilCancelled()
    {
        var f = new EngineFixture();
        var bid = f.Place(Bob, f.Yes, Side.Buy, 0.40m, 10m);

        Assert.Equal(VenueOrderStatus.Live, bid.Status);
        Assert.Equal(4m, f.Ledger.ReservedCash(Bob));
        Assert.Same(bid, f.Engine.Cancel(bid.Id, T0));
        Assert.Equal(VenueOrderStatus.Cancelled, bid.Status);
        Assert.Equal(0m, f.Ledger.ReservedCash(Bob));
        Assert.Null(f.Engine.Cancel(bid.Id, T0));
        Assert.Equal((f.Yes, Side.Buy, Price.Of(0.40m), 0m), f.Observer.Levels[^1]);
    }

    [Fact]
    public void Submit_RestingSell_ReservesTokens()
    {
        var f = new EngineFixture();
        f.Place(Alice, f.Yes, Side.Sell, 0.70m, 60m);

        Assert.Equal(40m, f.Ledger.AvailableTokens(Alice, f.Yes));
        var second = f.Submit(Alice, f.Yes, Side.Sell, 0.71m, 41m);
        Assert.Equal(VenueErrorKind.InsufficientBalance, second.Error?.Kind);
    }

    [Fact]
    public void Submit_BuyBeyondFreeCash_InsufficientBalance()
    {
        var f = new EngineFixture(cash: 10m);
        var result = f.Submit(Bob, f.Yes, Side.Buy, 0.50m, 21m);

        Assert.Equal(VenueErrorKind.InsufficientBalance, result.Error?.Kind);
        Assert.Equal(0m, f.Ledger.ReservedCash(Bob));
    }

    [Fact]
    public void Submit_SellWithoutTokens_InsufficientBalanceNoShorting()
    {
        var f = new EngineFixture(sets: 0m);
        var result = f.Submit(Bob, f.No, Side.Sell, 0.50m, 5m);

        Assert.Equal(VenueErrorKind.InsufficientBalance, result.Error?.Kind);
    }

    [Fact]
    public void ExpireDue_GtdAtItsTime_ExpiresAndReleases()
    {
        var f = new EngineFixture();
        var expiry = T0.AddSeconds(10);
        var bid = f.Place(Bob, f.Yes, Side.Buy, 0.40m, 10m, OrderType.Gtd, expiresAt: expiry);

        Assert.Equal(0, f.Engine.ExpireDue(expiry.AddTicks(-1)));
        Assert.Equal(VenueOrderStatus.Live, bid.Status);
        Assert.Equal(1, f.Engine.ExpireDue(expiry));
        Assert.Equal(VenueOrderStatus.Expired, bid.Status);
        Assert.Equal(0m, f.Ledger.ReservedCash(Bob));
        Assert.Equal((bid, VenueOrderStatus.Expired), Assert.Single(f.Observer.Closed));
    }

    [Fact]
    public void Submit_GtdWithoutFutureExpiry_Rejected()
    {
        var f = new EngineFixture();

        Assert.Equal(VenueErrorKind.Rejected, f.Submit(Bob, f.Yes, Side.Buy, 0.40m, 10m, OrderType.Gtd).Error?.Kind);
        Assert.False(f.Submit(Bob, f.Yes, Side.Buy, 0.40m, 10m, OrderType.Gtd, expiresAt: T0).IsAccepted);
    }

    [Fact]
    public void Submit_FokNotFullyFillable_KilledUntouched()
    {
        var f = new EngineFixture();
        var ask = f.Place(Alice, f.Yes, Side.Sell, 0.60m, 10m);

        var fok = f.Place(Bob, f.Yes, Side.Buy, 0.60m, 11m, OrderType.Fok);

        Assert.Equal(VenueOrderStatus.Cancelled, fok.Status);
        Assert.Equal(0m, fok.Filled);
        Assert.Empty(f.Observer.Trades);
        Assert.Equal(10m, ask.Remaining);
        Assert.Equal(0m, f.Ledger.ReservedCash(Bob));
        Assert.Equal(1_000m, f.Ledger.Cash(Bob));
    }

    [Fact]
    public void Submit_FokFillableAcrossLevels_FillsAll()
    {
        var f = new EngineFixture();
        f.Place(Alice, f.Yes, Side.Sell, 0.60m, 10m);
        f.Place(Alice, f.Yes, Side.Sell, 0.61m, 10m);

        var fok = f.Place(Bob, f.Yes, Side.Buy, 0.61m, 15m, OrderType.Fok);

        Assert.Equal(VenueOrderStatus.Matched, fok.Status);
        Assert.Equal(15m, fok.Filled);
        Assert.Equal(1_000m - 6m - 3.05m, f.Ledger.Cash(Bob));
        Assert.Equal(0m, f.Ledger.ReservedCash(Bob));
    }

    [Fact]
    public void Submit_FakPartlyFillable_FillsThenKillsRest()
    {
        var f = new EngineFixture();
        f.Place(Alice, f.Yes, Side.Sell, 0.60m, 10m);
        f.Place(Alice, f.Yes, Side.Sell, 0.70m, 10m);

        var fak = f.Place(Bob, f.Yes, Side.Buy, 0.65m, 25m, OrderType.Fak);

        Assert.Equal(VenueOrderStatus.Cancelled, fak.Status);
        Assert.Equal(10m, fak.Filled);
        Assert.False(fak.IsResting);
        Assert.Equal(0m, f.Ledger.ReservedCash(Bob));
        Assert.Equal(0.70m, f.Engine.BestAsk(f.Market.Condition, f.Yes)!.Value.Price.Value);
    }

    [Fact]
    public void Submit_PostOnlyThatWouldTake_Rejected()
    {
        var f = new EngineFixture();
        f.Place(Alice, f.Yes, Side.Sell, 0.60m, 10m);

        var taking = f.Submit(Bob, f.Yes, Side.Buy, 0.60m, 10m, postOnly: true);
        var resting = f.Submit(Bob, f.Yes, Side.Buy, 0.59m, 10m, postOnly: true);

        Assert.Equal(VenueErrorKind.Rejected, taking.Error?.Kind);
        Assert.Contains("post-only", taking.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(VenueOrderStatus.Live, resting.Order?.Status);
        Assert.Empty(f.Observer.Trades);
    }

    [Fact]
    public void Submit_PostOnlyCrossingComplement_Rejected()
    {
        var f = new EngineFixture();
        f.Place(Alice, f.No, Side.Buy, 0.45m, 10m);

        Assert.False(f.Submit(Bob, f.Yes, Side.Buy, 0.55m, 10m, postOnly: true).IsAccepted);
        Assert.True(f.Submit(Bob, f.Yes, Side.Buy, 0.54m, 10m, postOnly: true).IsAccepted);
    }

    [Theory]
    [InlineData(OrderType.Fok)]
    [InlineData(OrderType.Fak)]
    public void Submit_PostOnlyImmediate_Rejected(OrderType type)
    {
        var f = new EngineFixture();

        Assert.False(f.Submit(Bob, f.Yes, Side.Buy, 0.50m, 10m, type, postOnly: true).IsAccepted);
    }

    [Fact]
    public void Submit_RestingBelowFiveShares_Rejected()
    {
        var f = new EngineFixture();

        Assert.False(f.Submit(Bob, f.Yes, Side.Buy, 0.50m, 4.99m).IsAccepted);
        Assert.True(f.Submit(Bob, f.Yes, Side.Buy, 0.50m, 5m).IsAccepted);
        Assert.False(f.Submit(Bob, f.Yes, Side.Buy, 0.50m, 4m, OrderType.Gtd, expiresAt: T0.AddMinutes(1)).IsAccepted);
    }

    [Theory]
    [InlineData(OrderType.Fok)]
    [InlineData(OrderType.Fak)]
    public void Submit_ImmediateBelowOneDollar_Rejected(OrderType type)
    {
        var f = new EngineFixture();
        f.Place(Alice, f.Yes, Side.Sell, 0.50m, 10m);

        var small = f.Submit(Bob, f.Yes, Side.Buy, 0.50m, 1.99m, type);
        var enough = f.Submit(Bob, f.Yes, Side.Buy, 0.50m, 2m, type);

        Assert.Equal(VenueErrorKind.Rejected, small.Error?.Kind);
        Assert.Equal(VenueOrderStatus.Matched, enough.Order?.Status);
    }

    [Fact]
    public void Submit_LimitWhoseMarketablePartIsBelowOneDollar_Rejected()
    {
        var f = new EngineFixture();
        f.Place(Alice, f.Yes, Side.Sell, 0.10m, 5m);

        // 5 shares at 0.10 are marketable: 0.50 pUSD, under the venue's 1 pUSD minimum.
        var result = f.Submit(Bob, f.Yes, Side.Buy, 0.10m, 20m);

        Assert.Equal(VenueErrorKind.Rejected, result.Error?.Kind);
        Assert.Empty(f.Observer.Trades);
    }

    [Theory]
    [InlineData(0.555)]
    [InlineData(0.995)]
    [InlineData(0.005)]
    public void Submit_PriceOffGridOrOutOfRange_Rejected(double price)
    {
        var f = new EngineFixture();

        Assert.Equal(VenueErrorKind.Rejected, f.Submit(Bob, f.Yes, Side.Buy, (decimal)price, 10m).Error?.Kind);
    }

    [Fact]
    public void Submit_EdgePricesOnGrid_Accepted()
    {
        var f = new EngineFixture();

        Assert.True(f.Submit(Bob, f.Yes, Side.Buy, 0.01m, 10m).IsAccepted);
        Assert.True(f.Submit(Alice, f.Yes, Side.Sell, 0.99m, 10m).IsAccepted);
    }

    [Fact]
    public void Submit_DuplicateLiveId_Rejected()
    {
        var f = new EngineFixture();
        var id = new VenueOrderId("same");
        Assert.True(f.Engine.Submit(Bob, id, f.Intent(f.Yes, Side.Buy, 0.40m, 10m), T0).IsAccepted);

        Assert.False(f.Engine.Submit(Bob, id, f.Intent(f.Yes, Side.Buy, 0.40m, 10m), T0).IsAccepted);
        Assert.Equal(4m, f.Ledger.ReservedCash(Bob));
    }

    [Fact]
    public void Submit_AfterClose_Rejected()
    {
        var f = new EngineFixture();

        var result = f.Submit(Bob, f.Yes, Side.Buy, 0.40m, 10m, at: f.Market.ClosesAt);

        Assert.Equal(VenueErrorKind.Rejected, result.Error?.Kind);
    }

    [Fact]
    public void Submit_BuyYesAgainstRestingBuyNo_MintsASet()
    {
        var f = new EngineFixture();
        var noBid = f.Place(Alice, f.No, Side.Buy, 0.45m, 10m);

        var yesBid = f.Place(Bob, f.Yes, Side.Buy, 0.58m, 10m);

        var trade = Assert.Single(f.Observer.Trades);
        Assert.Equal(MatchKind.Mint, trade.Kind);
        Assert.Equal(0.55m, trade.TakerPrice.Value);
        Assert.Equal(VenueOrderStatus.Matched, yesBid.Status);
        Assert.Equal(VenueOrderStatus.Matched, noBid.Status);
        Assert.Equal(1_000m - 5.5m, f.Ledger.Cash(Bob));
        Assert.Equal(1_000m - 4.5m, f.Ledger.Cash(Alice));
        Assert.Equal(110m, f.Ledger.Tokens(Bob, f.Yes));
        Assert.Equal(110m, f.Ledger.Tokens(Alice, f.No));
        Assert.Equal(310m, f.Ledger.Supply(f.Yes));
        Assert.Equal(310m, f.Ledger.Collateral(f.Market.Condition));
        Assert.Equal(0m, f.Ledger.ReservedCash(Bob) + f.Ledger.ReservedCash(Alice));
        f.AssertConserved();
    }

    [Fact]
    public void Submit_BuyNoAgainstRestingBuyYes_MintsASet()
    {
        var f = new EngineFixture();
        f.Place(Alice, f.Yes, Side.Buy, 0.62m, 10m);

        var noBid = f.Place(Bob, f.No, Side.Buy, 0.40m, 4m, OrderType.Fak);

        Assert.Equal(0.38m, Assert.Single(f.Observer.Trades).TakerPrice.Value);
        Assert.Equal(4m, noBid.Filled);
        Assert.Equal(304m, f.Ledger.Supply(f.No));
        f.AssertConserved();
    }

    [Fact]
    public void Submit_SellYesAgainstRestingSellNo_MergesASet()
    {
        var f = new EngineFixture();
        var noAsk = f.Place(Alice, f.No, Side.Sell, 0.40m, 10m);

        var yesAsk = f.Place(Bob, f.Yes, Side.Sell, 0.58m, 10m);

        var trade = Assert.Single(f.Observer.Trades);
        Assert.Equal(MatchKind.Merge, trade.Kind);
        Assert.Equal(0.60m, trade.TakerPrice.Value);
        Assert.Equal(VenueOrderStatus.Matched, yesAsk.Status);
        Assert.Equal(VenueOrderStatus.Matched, noAsk.Status);
        Assert.Equal(1_006m, f.Ledger.Cash(Bob));
        Assert.Equal(1_004m, f.Ledger.Cash(Alice));
        Assert.Equal(90m, f.Ledger.Tokens(Bob, f.Yes));
        Assert.Equal(90m, f.Ledger.Tokens(Alice, f.No));
        Assert.Equal(290m, f.Ledger.Supply(f.Yes));
        Assert.Equal(290m, f.Ledger.Supply(f.No));
        f.AssertConserved();
    }

    [Fact]
    public void Submit_SellsOfBothOutcomesWithMergeOff_BothRest()
    {
        var f = new EngineFixture(merge: false);
        f.Place(Alice, f.No, Side.Sell, 0.40m, 10m);

        var yesAsk = f.Place(Bob, f.Yes, Side.Sell, 0.58m, 10m);

        Assert.Empty(f.Observer.Trades);
        Assert.Equal(VenueOrderStatus.Live, yesAsk.Status);
        Assert.Equal(0.98m, f.Engine.BestAsk(f.Market.Condition, f.Yes)!.Value.Price.Value + f.Engine.BestAsk(f.Market.Condition, f.No)!.Value.Price.Value);
    }

    [Fact]
    public void Submit_ComplementOffersBetterPrice_TakesItFirst()
    {
        var f = new EngineFixture();
        var directAsk = f.Place(Alice, f.Yes, Side.Sell, 0.54m, 10m);
        var noBid = f.Place(Carol, f.No, Side.Buy, 0.47m, 10m);

        f.Place(Bob, f.Yes, Side.Buy, 0.55m, 15m, OrderType.Fak);

        Assert.Equal([noBid.Id, directAsk.Id], f.Observer.Trades.Select(t => t.Maker.Id));
        Assert.Equal([0.53m, 0.54m], f.Observer.Trades.Select(t => t.TakerPrice.Value));
        f.AssertConserved();
    }

    [Fact]
    public void Submit_EqualPriceAcrossBooks_OlderOrderFirst()
    {
        var f = new EngineFixture();
        var noBid = f.Place(Carol, f.No, Side.Buy, 0.45m, 10m);
        var directAsk = f.Place(Alice, f.Yes, Side.Sell, 0.55m, 10m);

        f.Place(Bob, f.Yes, Side.Buy, 0.55m, 12m, OrderType.Fak);

        Assert.Equal([noBid.Id, directAsk.Id], f.Observer.Trades.Select(t => t.Maker.Id));
        Assert.Equal(8m, directAsk.Remaining);
    }

    [Fact]
    public void Submit_WithFeeRate_ChargesTakerOnly()
    {
        var f = new EngineFixture(feeRate: 0.1m);
        f.Place(Alice, f.Yes, Side.Sell, 0.60m, 10m);

        f.Place(Bob, f.Yes, Side.Buy, 0.60m, 10m, OrderType.Fok);

        // fee = 10 × 0.1 × 0.6 × 0.4
        Assert.Equal(0.24m, Assert.Single(f.Observer.Trades).TakerFee);
        Assert.Equal(1_000m - 6m - 0.24m, f.Ledger.Cash(Bob));
        Assert.Equal(1_006m, f.Ledger.Cash(Alice));
        Assert.Equal(0.24m, f.Ledger.FeesCollected);
        f.AssertConserved();
    }

    [Fact]
    public void Submit_SellTakerWithFee_PaysFromProceeds()
    {
        var f = new EngineFixture(feeRate: 0.2m);
        f.Place(Alice, f.Yes, Side.Buy, 0.50m, 10m);

        f.Place(Bob, f.Yes, Side.Sell, 0.50m, 10m, OrderType.Fak);

        Assert.Equal(1_005m - 0.5m, f.Ledger.Cash(Bob));
        f.AssertConserved();
    }

    [Fact]
    public void CancelAll_Account_CancelsOnlyItsOrders()
    {
        var f = new EngineFixture();
        var a1 = f.Place(Alice, f.Yes, Side.Buy, 0.40m, 10m);
        var b1 = f.Place(Bob, f.Yes, Side.Buy, 0.41m, 10m);
        var a2 = f.Place(Alice, f.No, Side.Sell, 0.70m, 10m);

        var cancelled = f.Engine.CancelAll(Alice, T0);

        Assert.Equal([a1.Id, a2.Id], cancelled.Select(o => o.Id));
        Assert.Equal(VenueOrderStatus.Live, b1.Status);
        Assert.Equal(0m, f.Ledger.ReservedTokens(Alice, f.No));
        Assert.Empty(f.Engine.OpenOrders(Alice));
    }

    [Fact]
    public void CancelMarket_CancelsEveryOrder()
    {
        var f = new EngineFixture();
        f.Place(Alice, f.Yes, Side.Buy, 0.40m, 10m);
        f.Place(Bob, f.No, Side.Sell, 0.70m, 10m);

        Assert.Equal(2, f.Engine.CancelMarket(f.Market.Condition, T0).Count);
        Assert.Equal(0, f.Engine.LiveOrderCount);
        Assert.Null(f.Engine.BestBid(f.Market.Condition, f.Yes));
    }

    [Fact]
    public void Resolve_Winner_PaysOnePerWinningShareAndBurnsTokens()
    {
        var f = new EngineFixture();
        f.Place(Alice, f.No, Side.Buy, 0.45m, 10m);
        f.Place(Bob, f.Yes, Side.Buy, 0.55m, 10m);
        var resting = f.Place(Carol, f.Yes, Side.Buy, 0.30m, 10m);

        var cancelled = f.Engine.Resolve(f.Market.Condition, Ploy.Core.Markets.Outcome.Yes, T0.AddHours(1));

        Assert.Equal([resting.Id], cancelled.Select(o => o.Id));
        Assert.Equal(VenueOrderStatus.Cancelled, resting.Status);
        Assert.Equal(1_000m - 5.5m + 110m, f.Ledger.Cash(Bob));
        Assert.Equal(1_000m - 4.5m + 100m, f.Ledger.Cash(Alice));
        Assert.Equal(1_100m, f.Ledger.Cash(Carol));
        Assert.Equal(0m, f.Ledger.Tokens(Bob, f.Yes));
        Assert.Equal(0m, f.Ledger.Tokens(Alice, f.No));
        Assert.Equal(0m, f.Ledger.Supply(f.Yes));
        Assert.Equal(0m, f.Ledger.TotalCollateral);
        Assert.False(f.Engine.HasMarket(f.Market.Condition));
        Assert.Equal(f.Ledger.TotalDeposits, f.Ledger.TotalCash);
    }

    private static BookLevelView? Best(Ploy.Core.Books.BookLevel? level) =>
        level is { } l ? new BookLevelView(l.Price.Value, l.Size.Shares) : null;

    private sealed record BookLevelView(decimal Price, decimal Size);
}
