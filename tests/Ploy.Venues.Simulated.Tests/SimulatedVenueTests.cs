using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Simulated.Ledger;

namespace Ploy.Venues.Simulated.Tests;

public sealed class SimulatedVenueTests
{
    private static readonly AccountId Other = new("other");
    private static readonly SimulationOptions Quiet = new() { LiquidityProviders = 0, NoiseOrdersPerMinute = 0 };
    private int _clientIds;

    [Fact]
    public void Prepare_SameOrder_SameHashWithoutSubmitting()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        var intent = Intent(market, market.Yes, Side.Buy, 0.40m, 10m);

        var a = h.Exchange.Venue.Prepare(new ClientOrderId("c-1"), intent, h.Clock.GetUtcNow());
        var b = h.Exchange.Venue.Prepare(new ClientOrderId("c-1"), intent, h.Clock.GetUtcNow().AddSeconds(5));
        var c = h.Exchange.Venue.Prepare(new ClientOrderId("c-2"), intent, h.Clock.GetUtcNow());
        var d = h.Exchange.Venue.Prepare(new ClientOrderId("c-1"), intent with { Quantity = Size.Of(11m) }, h.Clock.GetUtcNow());

        Assert.Equal(a.VenueId, b.VenueId);
        Assert.NotEqual(a.VenueId, c.VenueId);
        Assert.NotEqual(a.VenueId, d.VenueId);
        Assert.Matches("^0x[0-9a-f]{64}$", a.VenueId.Value);
        Assert.Equal(0, h.Exchange.Engine.LiveOrderCount);
    }

    [Fact]
    public async Task SubmitAsync_NonCrossingGtc_LiveAndReported()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();

        var result = await Submit(h, Intent(market, market.Yes, Side.Buy, 0.40m, 10m));

        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
        Assert.Equal(VenueOrderStatus.Live, result.State!.Status);
        var open = (await h.Exchange.Venue.GetOpenOrdersAsync(default)).Value!;
        Assert.Equal(result.State.Id, Assert.Single(open).Id);
        Assert.Equal(VenueOrderStatus.Live, (await h.Exchange.Venue.GetOrderAsync(result.State.Id, default)).Value!.Status);
        Assert.Equal(1_000m, h.Exchange.TraderLedger().Cash);
        Assert.Equal(4m, h.Exchange.Ledger.ReservedCash(SimulatedExchange.TraderAccount));
        h.Drain();
        Assert.Contains(h.MarketEvents, e => e is Ploy.Core.MarketData.PriceChangeEvent p && p.Token == market.Yes && p.Price.Value == 0.40m && p.Size.Shares == 10m);
    }

    [Fact]
    public async Task SubmitAsync_CrossingOrder_MatchedWithTakerFillOnEvents()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        Counterparty(h, market, market.Yes, Side.Sell, 0.60m, 10m);

        var result = await Submit(h, Intent(market, market.Yes, Side.Buy, 0.62m, 10m));

        Assert.Equal(VenueOrderStatus.Matched, result.State!.Status);
        Assert.Equal(10m, result.State.SizeMatched.Shares);
        Assert.True(h.Exchange.Venue.Events.TryRead(out var e));
        var fill = Assert.IsType<VenueFillEvent>(e).Fill;
        Assert.Equal((result.State.Id, 0.60m, 10m, false, Side.Buy), (fill.Order, fill.Price.Value, fill.Quantity.Shares, fill.IsMaker, fill.Side));
        Assert.False(h.Exchange.Venue.Events.TryRead(out _));
        var balances = h.Exchange.TraderLedger();
        Assert.Equal(994m, balances.Cash);
        Assert.Equal(10m, balances.Tokens[market.Yes]);
        Assert.Single((await h.Exchange.Venue.GetTradesAsync(result.State.Id, default)).Value!);
        Assert.Empty((await h.Exchange.Venue.GetTradesAsync(new VenueOrderId("0xother"), default)).Value!);
    }

    [Fact]
    public async Task SubmitAsync_RestingOrderHitWhole_MakerFillThenMatchedEvent()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        var placed = await Submit(h, Intent(market, market.No, Side.Buy, 0.30m, 10m));

        // A YES buyer at 0.70 mints against our NO bid: we pay 0.30 and get NO as the maker.
        Counterparty(h, market, market.Yes, Side.Buy, 0.70m, 10m);
        h.Drain();

        var fill = Assert.IsType<VenueFillEvent>(h.VenueEvents[0]).Fill;
        Assert.Equal((placed.State!.Id, 0.30m, 10m, true, 0m), (fill.Order, fill.Price.Value, fill.Quantity.Shares, fill.IsMaker, fill.Fee));
        var matched = Assert.IsType<VenueOrderEvent>(h.VenueEvents[1]);
        Assert.Equal((placed.State.Id, VenueOrderStatus.Matched, 10m), (matched.State.Id, matched.State.Status, matched.State.SizeMatched.Shares));
        Assert.Equal(10m, h.Exchange.TraderLedger().Tokens[market.No]);
        Assert.Equal(997m, h.Exchange.TraderLedger().Cash);
    }

    [Fact]
    public async Task SubmitAsync_FakAgainstThinBook_CancelledWithPartialFill()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        Counterparty(h, market, market.No, Side.Buy, 0.45m, 6m);

        var result = await Submit(h, Intent(market, market.Yes, Side.Buy, 0.55m, 10m, OrderType.Fak));

        Assert.Equal(VenueOrderStatus.Cancelled, result.State!.Status);
        Assert.Equal(6m, result.State.SizeMatched.Shares);
        Assert.Equal(6m, h.Exchange.TraderLedger().Tokens[market.Yes]);
        Assert.Equal(1_000m - 3.3m, h.Exchange.TraderLedger().Cash);
    }

    [Fact]
    public async Task SubmitAsync_SameOrderTwice_SecondRejected()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        var prepared = h.Exchange.Venue.Prepare(new ClientOrderId("once"), Intent(market, market.Yes, Side.Buy, 0.40m, 10m), h.Clock.GetUtcNow());

        var first = await h.Exchange.Venue.SubmitAsync(prepared, default);
        var second = await h.Exchange.Venue.SubmitAsync(prepared, default);

        Assert.Equal(SubmitOutcome.Accepted, first.Outcome);
        Assert.Equal(SubmitOutcome.Rejected, second.Outcome);
        Assert.Equal(VenueErrorKind.Rejected, second.Error!.Kind);
        Assert.Single((await h.Exchange.Venue.GetOpenOrdersAsync(default)).Value!);
    }

    [Fact]
    public async Task SubmitAsync_BeyondCash_InsufficientBalance()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();

        var result = await Submit(h, Intent(market, market.Yes, Side.Buy, 0.50m, 2_001m));

        Assert.Equal(VenueErrorKind.InsufficientBalance, result.Error!.Kind);
        Assert.False(result.Error.IsTransient);
    }

    [Fact]
    public async Task SubmitAsync_OffTick_RejectedWithReason()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();

        var result = await Submit(h, Intent(market, market.Yes, Side.Buy, 0.405m, 10m));

        Assert.Equal(VenueErrorKind.Rejected, result.Error!.Kind);
        Assert.Contains("grid", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_RestingOrder_CancelledEventAndReleased()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        var placed = await Submit(h, Intent(market, market.Yes, Side.Buy, 0.40m, 10m));

        var cancelled = await h.Exchange.Venue.CancelAsync(placed.State!.Id, default);
        var again = await h.Exchange.Venue.CancelAsync(placed.State.Id, default);
        var unknown = await h.Exchange.Venue.CancelAsync(new VenueOrderId("0xnope"), default);

        Assert.True(cancelled.Value);
        Assert.False(again.Value);
        Assert.Equal(VenueErrorKind.NotFound, unknown.Error!.Kind);
        Assert.True(h.Exchange.Venue.Events.TryRead(out var e));
        Assert.Equal(VenueOrderStatus.Cancelled, Assert.IsType<VenueOrderEvent>(e).State.Status);
        Assert.Equal(VenueOrderStatus.Cancelled, (await h.Exchange.Venue.GetOrderAsync(placed.State.Id, default)).Value!.Status);
        Assert.Equal(0m, h.Exchange.Ledger.ReservedCash(SimulatedExchange.TraderAccount));
    }

    [Fact]
    public async Task CancelAllAsync_SeveralOrders_ReturnsAllIds()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        var a = await Submit(h, Intent(market, market.Yes, Side.Buy, 0.40m, 10m));
        var b = await Submit(h, Intent(market, market.No, Side.Buy, 0.30m, 10m));

        var result = await h.Exchange.Venue.CancelAllAsync(default);

        Assert.Equal([a.State!.Id, b.State!.Id], result.Value!);
        Assert.Empty((await h.Exchange.Venue.GetOpenOrdersAsync(default)).Value!);
    }

    [Fact]
    public async Task AdvanceTo_GtdPastExpiry_ExpiredEvent()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        var expires = h.Clock.GetUtcNow().AddSeconds(30);
        var placed = await Submit(h, Intent(market, market.Yes, Side.Buy, 0.40m, 10m, OrderType.Gtd, expires));

        h.Run(TimeSpan.FromSeconds(29));
        Assert.Empty(h.VenueEvents);
        h.Run(TimeSpan.FromSeconds(1));

        var expired = Assert.IsType<VenueOrderEvent>(Assert.Single(h.VenueEvents));
        Assert.Equal((placed.State!.Id, VenueOrderStatus.Expired), (expired.State.Id, expired.State.Status));
        Assert.Equal(expires, expired.At);
    }

    [Fact]
    public async Task AdvanceTo_NoiseHitsOurBestBid_MakerFillEvent()
    {
        var h = new ExchangeHarness(new SimulationOptions { Seed = 5 });
        var market = h.Exchange.ActiveMarkets.Single();
        var bid = h.Books[market.Yes].BestBid!.Value.Price.Value + 0.01m;
        Assert.True(bid < h.Books[market.Yes].BestAsk!.Value.Price.Value, "no room to improve the bid");
        var placed = await Submit(h, Intent(market, market.Yes, Side.Buy, bid, 10m));

        h.Run(TimeSpan.FromMinutes(5));

        var fills = h.VenueEvents.OfType<VenueFillEvent>().Select(e => e.Fill).ToList();
        Assert.NotEmpty(fills);
        Assert.All(fills, f => Assert.True(f.IsMaker && f.Fee == 0m && f.Order == placed.State!.Id && f.Price.Value == bid));
        Assert.Equal(fills.Sum(f => f.Quantity.Shares), h.Exchange.TraderLedger().Tokens[market.Yes]);
    }

    [Fact]
    public async Task AdvanceTo_RoundEnds_OrdersCancelledAndWinningSharesPaid()
    {
        var h = new ExchangeHarness(Quiet);
        var market = h.Exchange.ActiveMarkets.Single();
        Counterparty(h, market, market.Yes, Side.Sell, 0.50m, 10m);
        Counterparty(h, market, market.No, Side.Sell, 0.48m, 10m);
        await Submit(h, Intent(market, market.Yes, Side.Buy, 0.50m, 10m, OrderType.Fok));
        await Submit(h, Intent(market, market.No, Side.Buy, 0.48m, 10m, OrderType.Fok));
        var resting = await Submit(h, Intent(market, market.Yes, Side.Buy, 0.20m, 10m));
        h.Drain();
        h.VenueEvents.Clear();

        h.Run(TimeSpan.FromMinutes(15));

        var cancelled = Assert.IsType<VenueOrderEvent>(Assert.Single(h.VenueEvents));
        Assert.Equal((resting.State!.Id, VenueOrderStatus.Cancelled), (cancelled.State.Id, cancelled.State.Status));
        Assert.DoesNotContain(market, h.Exchange.ActiveMarkets);

        // One YES and one NO always pay exactly 1 between them, whoever wins.
        var balances = h.Exchange.TraderLedger();
        Assert.Equal(1_000m - 9.8m + 10m, balances.Cash);
        Assert.Empty(balances.Tokens);
        Assert.Single(h.Exchange.Resolutions);
    }

    private static void Counterparty(ExchangeHarness h, BinaryMarket market, TokenId token, Side side, decimal price, decimal size)
    {
        h.Exchange.Ledger.Deposit(Other, 1_000m);
        h.Exchange.Ledger.Split(Other, market, 100m);
        var result = h.Exchange.Engine.Submit(Other, new VenueOrderId($"other-{token}-{side}"), Intent(market, token, side, price, size), h.Clock.GetUtcNow());
        Assert.True(result.IsAccepted, result.Error?.ToString());
    }

    private static OrderIntent Intent(BinaryMarket market, TokenId token, Side side, decimal price, decimal size,
        OrderType type = OrderType.Gtc, DateTimeOffset? expiresAt = null) =>
        new(new StrategyId("test"), market.Condition, token, side, Price.Of(price), Size.Of(size), type, ExpiresAt: expiresAt);

    private Task<SubmitResult> Submit(ExchangeHarness h, OrderIntent intent)
    {
        var prepared = h.Exchange.Venue.Prepare(new ClientOrderId($"c-{++_clientIds}"), intent, h.Clock.GetUtcNow());
        return h.Exchange.Venue.SubmitAsync(prepared, default);
    }
}
