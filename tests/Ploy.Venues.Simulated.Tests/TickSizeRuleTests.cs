using Ploy.Core.MarketData;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.Venues.Simulated.Tests;

public sealed class TickSizeRuleTests
{
    private static readonly TickSizeRule Rule = new(TickSize.Hundredth, TickSize.Thousandth);

    [Theory]
    [InlineData("0.97", "0.99", "0.001")] // best bid above 0.96
    [InlineData("0.961", null, "0.001")]
    [InlineData("0.01", "0.03", "0.001")] // best ask below 0.04
    [InlineData(null, "0.039", "0.001")]
    [InlineData("0.96", "0.98", "0.01")] // exactly at the limits: not beyond them
    [InlineData("0.02", "0.04", "0.01")]
    [InlineData("0.45", "0.55", "0.01")]
    [InlineData(null, null, "0.01")]
    public void TickFor_Touch_FineOnlyBeyondTheLimits(string? bid, string? ask, string expected)
    {
        var tick = Rule.TickFor(Parse(bid), Parse(ask));

        Assert.Equal(TickSize.Of(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), tick);
    }

    [Fact]
    public void ChangeTick_ToFine_AcceptsFinePricesAndKeepsRestingOrders()
    {
        var f = new EngineFixture(finestTick: TickSize.Thousandth);
        var resting = f.Place(EngineFixture.Alice, f.Yes, Side.Buy, 0.95m, 10m);
        Assert.False(f.Submit(EngineFixture.Bob, f.Yes, Side.Buy, 0.955m, 10m).IsAccepted);

        var market = f.Engine.ChangeTick(f.Market.Condition, TickSize.Thousandth);

        Assert.Equal(TickSize.Thousandth, market.Tick);
        Assert.Equal(TickSize.Thousandth, f.Engine.Market(f.Market.Condition)!.Tick);
        Assert.True(f.Submit(EngineFixture.Bob, f.Yes, Side.Buy, 0.955m, 10m).IsAccepted);
        Assert.True(resting.IsResting);
        Assert.Equal(0.955m, f.Engine.BestBid(f.Market.Condition, f.Yes)!.Value.Price.Value);
    }

    [Fact]
    public void ChangeTick_BackToCoarse_RefusesOffGridOrders_AndOffGridRestingOrdersStillTrade()
    {
        var f = new EngineFixture(finestTick: TickSize.Thousandth);
        f.Engine.ChangeTick(f.Market.Condition, TickSize.Thousandth);
        var fine = f.Place(EngineFixture.Alice, f.Yes, Side.Sell, 0.965m, 10m);

        f.Engine.ChangeTick(f.Market.Condition, TickSize.Hundredth);

        var refused = f.Submit(EngineFixture.Bob, f.Yes, Side.Buy, 0.975m, 10m);
        Assert.False(refused.IsAccepted);
        Assert.Contains("grid", refused.Error!.Message, StringComparison.Ordinal);
        // A taker on the new grid still meets the order that rested before the change, at the maker's price.
        var taker = f.Place(EngineFixture.Bob, f.Yes, Side.Buy, 0.97m, 10m, OrderType.Fak);
        Assert.Equal(10m, taker.Filled);
        Assert.False(fine.IsResting);
        f.AssertConserved();
    }

    [Fact]
    public void ChangeTick_FinerThanTheEngineGrid_Throws()
    {
        var f = new EngineFixture();

        Assert.Throws<ArgumentOutOfRangeException>(() => f.Engine.ChangeTick(f.Market.Condition, TickSize.Thousandth));
    }

    [Fact]
    public void Exchange_PriceAtTheExtremes_PublishesTickChangeThenFreshBooks_AndMovesBack()
    {
        // A steep reference walk in short rounds drives the fair value to the edges often.
        var h = new ExchangeHarness(new SimulationOptions { Seed = 11, AnnualizedVolatility = 6, RoundLength = TimeSpan.FromMinutes(5) });

        h.Run(TimeSpan.FromHours(2));

        var changes = h.MarketEvents.OfType<TickSizeChangeEvent>().ToList();
        Assert.Contains(changes, c => c.NewTick == TickSize.Thousandth);
        Assert.Contains(changes, c => c.NewTick == TickSize.Hundredth && c.OldTick == TickSize.Thousandth);
        foreach (var change in changes)
        {
            // Every change is followed, before any delta of the token, by a snapshot of the token.
            var index = h.MarketEvents.IndexOf(change);
            var next = h.MarketEvents.Skip(index + 1).First(e => e is BookSnapshotEvent s && s.Token == change.Token || e is PriceChangeEvent p && p.Token == change.Token);
            Assert.IsType<BookSnapshotEvent>(next);
        }

        // Both tokens of a market always change together.
        Assert.Equal(0, changes.Count % 2);
    }

    [Fact]
    public void Exchange_SameSeed_SameTickChanges()
    {
        var options = new SimulationOptions { Seed = 11, AnnualizedVolatility = 6, RoundLength = TimeSpan.FromMinutes(5) };
        var a = new ExchangeHarness(options);
        var b = new ExchangeHarness(options);

        a.Run(TimeSpan.FromHours(1));
        b.Run(TimeSpan.FromHours(1));

        var changes = a.MarketEvents.OfType<TickSizeChangeEvent>().ToList();
        Assert.NotEmpty(changes);
        Assert.Equal(changes, b.MarketEvents.OfType<TickSizeChangeEvent>());
    }

    private static decimal? Parse(string? value) =>
        value is null ? null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
