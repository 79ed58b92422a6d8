using System.Globalization;
using Ploy.Core.Primitives;

namespace Ploy.Core.Tests.Primitives;

public sealed class PriceTests
{
    [Theory]
    [InlineData("0.0001")]
    [InlineData("0.5")]
    [InlineData("0.50")]
    [InlineData("0.1234")]
    [InlineData("0.9999")]
    public void Of_StrictlyBetweenZeroAndOneOnGrid_Accepted(string value)
    {
        var price = Price.Of(D(value));

        Assert.Equal(D(value), price.Value);
        Assert.True(Price.TryCreate(D(value), out _));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-0.5")]
    [InlineData("1.0001")]
    [InlineData("0.00005")]
    [InlineData("0.12345")]
    [InlineData("0.99995")]
    public void Of_OutsideRangeOrOffGrid_Throws(string value)
    {
        Assert.False(Price.TryCreate(D(value), out var price));
        Assert.Equal(default, price);
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.Of(D(value)));
    }

    [Theory]
    [InlineData("0.01", "0.42", true)]
    [InlineData("0.01", "0.425", false)]
    [InlineData("0.005", "0.425", true)]
    [InlineData("0.01", "0.0001", false)]
    [InlineData("0.1", "0.95", false)]
    public void TryCreate_WithTick_RequiresTheTickGrid(string tick, string value, bool expected)
    {
        var created = Price.TryCreate(D(value), TickSize.Of(D(tick)), out var price);

        Assert.Equal(expected, created);
        Assert.Equal(expected ? D(value) : 0m, price.Value);
    }

    [Fact]
    public void Units_EveryUnitFromOneTo9999_RoundTripsThroughFromUnits()
    {
        for (var units = 1; units < Price.UnitsPerOne; units++)
        {
            var price = Price.FromUnits(units);

            Assert.Equal(units, price.Units);
            Assert.Equal(units * 0.0001m, price.Value);
            Assert.Equal(price, Price.Of(price.Value));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    [InlineData(-1)]
    public void FromUnits_NotAPrice_Throws(int units)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.FromUnits(units));
    }

    [Fact]
    public void Complement_EveryPrice_IsOneMinusAndAnInvolution()
    {
        for (var units = 1; units < Price.UnitsPerOne; units++)
        {
            var price = Price.FromUnits(units);

            Assert.Equal(1m - price.Value, price.Complement.Value);
            Assert.Equal(Price.UnitsPerOne - units, price.Complement.Units);
            Assert.Equal(price, price.Complement.Complement);
        }
    }

    [Fact]
    public void Comparison_TwoPrices_OrdersByValue()
    {
        var low = Price.Of(0.3m);
        var high = Price.Of(0.7m);

        Assert.True(low < high);
        Assert.True(high > low);
        Assert.True(low <= Price.Of(0.30m));
        Assert.True(high >= Price.Of(0.7000m));
        Assert.False(low > high);
        Assert.True(low.CompareTo(high) < 0);
        Assert.Equal(0, high.CompareTo(Price.Of(0.70m)));
    }

    [Fact]
    public void Equality_SameValueDifferentScale_EqualWithSameHash()
    {
        Assert.Equal(Price.Of(0.5m), Price.Of(0.5000m));
        Assert.Equal(Price.Of(0.5m).GetHashCode(), Price.Of(0.5000m).GetHashCode());
    }

    [Fact]
    public void ToString_Price_InvariantWithoutTrailingZeros()
    {
        Assert.Equal("0.5", Price.Of(0.5000m).ToString());
        Assert.Equal("0.0025", Price.Of(0.0025m).ToString());
    }

    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
