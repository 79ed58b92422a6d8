using FsCheck;
using FsCheck.Fluent;
using Ploy.Core.Primitives;

namespace Ploy.Core.Tests.Primitives;

public sealed class TickSizeTests
{
    public static TheoryData<decimal, int> VenueTicks => new()
    {
        { 0.1m, 1 },
        { 0.01m, 2 },
        { 0.005m, 3 },
        { 0.0025m, 4 },
        { 0.001m, 3 },
        { 0.0001m, 4 },
    };

    public static TheoryData<decimal> NotVenueTicks => new() { 0m, -0.01m, 1m, 0.5m, 0.25m, 0.05m, 0.02m, 0.0005m, 0.00001m, 0.011m };

    private static readonly decimal[] Ticks = [0.1m, 0.01m, 0.005m, 0.0025m, 0.001m, 0.0001m];

    [Theory]
    [MemberData(nameof(VenueTicks))]
    public void TryCreate_VenueTick_AcceptedWithItsDecimals(decimal value, int decimals)
    {
        Assert.True(TickSize.TryCreate(value, out var tick));
        Assert.Equal(value, tick.Value);
        Assert.Equal(decimals, tick.PriceDecimals);
        Assert.Equal(value, TickSize.Of(value).Value);
    }

    [Theory]
    [MemberData(nameof(NotVenueTicks))]
    public void TryCreate_NotAVenueTick_Rejected(decimal value)
    {
        Assert.False(TickSize.TryCreate(value, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => TickSize.Of(value));
    }

    [Fact]
    public void Units_EachVenueTick_IsItsWidthInPriceUnits()
    {
        Assert.Equal(
            [1000, 100, 50, 25, 10, 1],
            Ticks.Select(t => TickSize.Of(t).Units).ToArray());
    }

    [Fact]
    public void MinAndMaxPrice_Hundredth_AreOneTickFromTheEnds()
    {
        Assert.Equal(0.01m, TickSize.Hundredth.MinPrice);
        Assert.Equal(0.99m, TickSize.Hundredth.MaxPrice);
    }

    [Theory]
    [InlineData("0.01", "0.125", "0.13")]
    [InlineData("0.01", "0.135", "0.14")]
    [InlineData("0.01", "0.1249", "0.12")]
    [InlineData("0.1", "0.25", "0.3")]
    [InlineData("0.005", "0.0125", "0.015")]
    [InlineData("0.0025", "0.00375", "0.005")]
    [InlineData("0.001", "0.4445", "0.445")]
    public void RoundNearest_HalfwayOrNear_RoundsHalfUp(string tick, string price, string expected)
    {
        var result = TickSize.Of(D(tick)).RoundNearest(D(price));

        Assert.Equal(D(expected), result);
    }

    [Fact]
    public void Round_OutsideTradableRange_ClampsToFirstOrLastTick()
    {
        var tick = TickSize.Hundredth;

        Assert.Equal(0.01m, tick.RoundDown(0.004m));
        Assert.Equal(0.01m, tick.RoundNearest(0m));
        Assert.Equal(0.99m, tick.RoundUp(0.996m));
        Assert.Equal(0.99m, tick.RoundNearest(1.5m));
        Assert.Equal(0.01m, tick.RoundUp(-3m));
    }

    [Fact]
    public void RoundDownAndUp_OffGrid_BracketThePrice()
    {
        var tick = TickSize.Of(0.005m);

        Assert.Equal(0.335m, tick.RoundDown(0.3371m));
        Assert.Equal(0.34m, tick.RoundUp(0.3371m));
    }

    [Theory]
    [InlineData("0.01", "0.50", true)]
    [InlineData("0.01", "0.505", false)]
    [InlineData("0.01", "0.99", true)]
    [InlineData("0.01", "0.995", false)]
    [InlineData("0.01", "0", false)]
    [InlineData("0.1", "0.9", true)]
    [InlineData("0.1", "1", false)]
    [InlineData("0.0025", "0.0075", true)]
    [InlineData("0.0025", "0.0076", false)]
    public void IsOnGrid_Price_TrueOnlyOnGridInsideRange(string tick, string price, bool expected)
    {
        Assert.Equal(expected, TickSize.Of(D(tick)).IsOnGrid(D(price)));
    }

    [Fact]
    public void Rounding_RandomPricesInAndOutOfRange_LandsOnGridWithinRange()
    {
        var property = Prop.ForAll(Arb.From(TickAndPrice(-0.5m, 1.5m)), case_ =>
        {
            var (tick, x) = case_;
            var down = tick.RoundDown(x);
            var up = tick.RoundUp(x);
            var nearest = tick.RoundNearest(x);
            return tick.IsOnGrid(down) && tick.IsOnGrid(up) && tick.IsOnGrid(nearest)
                && Price.TryCreate(nearest, tick, out var price) && price.Value == nearest;
        });

        PropertyCheck.Run(property, seed: 11, maxTest: 1000);
    }

    [Fact]
    public void Rounding_RandomPricesInRange_BracketsAndPicksNearestHalfUp()
    {
        var property = Prop.ForAll(Arb.From(TickAndPrice(0m, 1m)), case_ =>
        {
            var (tick, x) = case_;
            if (x < tick.MinPrice || x > tick.MaxPrice)
            {
                return true;
            }

            var down = tick.RoundDown(x);
            var up = tick.RoundUp(x);
            var nearest = tick.RoundNearest(x);
            var onGrid = x % tick.Value == 0m;
            var bracketed = down <= x && x <= up && (onGrid ? down == up && up == x : up - down == tick.Value);
            var distanceDown = x - down;
            var distanceUp = up - x;
            var expectedNearest = distanceUp <= distanceDown ? up : down;
            return bracketed && nearest == expectedNearest;
        });

        PropertyCheck.Run(property, seed: 12, maxTest: 2000);
    }

    [Fact]
    public void Rounding_GridPrice_IsIdempotent()
    {
        var property = Prop.ForAll(Arb.From(TickAndPrice(-0.5m, 1.5m)), case_ =>
        {
            var (tick, x) = case_;
            var down = tick.RoundDown(x);
            var up = tick.RoundUp(x);
            return tick.RoundDown(down) == down && tick.RoundUp(down) == down && tick.RoundNearest(down) == down
                && tick.RoundDown(up) == up && tick.RoundUp(up) == up && tick.RoundNearest(up) == up;
        });

        PropertyCheck.Run(property, seed: 13, maxTest: 1000);
    }

    /// <summary>
    /// A venue tick and an exact decimal in [<paramref name="min"/>, <paramref name="max"/>) with 1 to 18 decimals;
    /// one case in four lies exactly halfway between two grid prices, to exercise ties.
    /// </summary>
    private static Gen<(TickSize Tick, decimal Price)> TickAndPrice(decimal min, decimal max)
    {
        var ticks = Gen.Elements(Ticks).Select(TickSize.Of);
        var anyPrice =
            from scale in Gen.Choose(1, 18)
            from high in Gen.Choose(0, int.MaxValue)
            from low in Gen.Choose(0, int.MaxValue)
            select Scaled(high, low, scale, min, max);
        return from tick in ticks
               from kind in Gen.Choose(0, 3)
               from price in anyPrice
               select (tick, kind == 0 ? Halfway(tick, price) : price);
    }

    private static decimal Scaled(int high, int low, int scale, decimal min, decimal max)
    {
        var denominator = 1m;
        for (var i = 0; i < scale; i++)
        {
            denominator *= 10m;
        }

        var numerator = (((decimal)high * int.MaxValue) + low) % denominator;
        return min + ((max - min) * numerator / denominator);
    }

    private static decimal Halfway(TickSize tick, decimal price) =>
        (Math.Floor(price / tick.Value) * tick.Value) + (tick.Value / 2m);

    private static decimal D(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
