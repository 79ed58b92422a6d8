using System.Globalization;
using FsCheck.Fluent;
using Ploy.Core.Primitives;

namespace Ploy.Core.Tests.Primitives;

public sealed class SizeTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("0.000001")]
    [InlineData("12.5")]
    [InlineData("1000000.123456")]
    public void Of_NonNegativeWithAtMostSixDecimals_Accepted(string value)
    {
        var size = Size.Of(D(value));

        Assert.Equal(D(value), size.Shares);
        Assert.True(Size.TryCreate(D(value), out _));
    }

    [Theory]
    [InlineData("-0.000001")]
    [InlineData("-1")]
    [InlineData("0.0000001")]
    [InlineData("1.1234567")]
    public void Of_NegativeOrTooFine_Throws(string value)
    {
        Assert.False(Size.TryCreate(D(value), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Size.Of(D(value)));
    }

    [Fact]
    public void Micros_KnownSizes_AreSharesTimesAMillion()
    {
        Assert.Equal(1_500_000L, Size.Of(1.5m).Micros);
        Assert.Equal(1L, Size.Of(0.000001m).Micros);
        Assert.Equal(0L, Size.Zero.Micros);
        Assert.Equal(Size.Of(2.25m), Size.FromMicros(2_250_000));
    }

    [Fact]
    public void FromMicros_RandomNonNegative_RoundTripsThroughSharesAndMicros()
    {
        var micros = Gen.Choose(0, int.MaxValue).Two().Select(p => ((long)p.Item1 * 1000) + (p.Item2 % 1000));
        var property = Prop.ForAll(Arb.From(micros), m =>
        {
            var size = Size.FromMicros(m);
            return size.Micros == m && Size.Of(size.Shares) == size && size.Shares * Size.MicrosPerShare == m;
        });

        PropertyCheck.Run(property, seed: 21, maxTest: 500);
    }

    [Fact]
    public void FromMicros_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Size.FromMicros(-1));
    }

    [Theory]
    [InlineData("12.349", "12.34")]
    [InlineData("12.3", "12.3")]
    [InlineData("0.009999", "0")]
    [InlineData("5", "5")]
    [InlineData("7.999999", "7.99")]
    public void TruncateToLot_Size_TruncatesToWholeHundredths(string value, string expected)
    {
        Assert.Equal(D(expected), Size.Of(D(value)).TruncateToLot().Shares);
    }

    [Fact]
    public void Arithmetic_AddAndSubtract_AreExact()
    {
        var a = Size.Of(10.25m);
        var b = Size.Of(0.000001m);

        Assert.Equal(10.250001m, (a + b).Shares);
        Assert.Equal(10.249999m, (a - b).Shares);
        Assert.Equal(Size.Zero, a - a);
        Assert.True((a - a).IsZero);
    }

    [Fact]
    public void Subtract_MoreThanHeld_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Size.Of(1m) - Size.Of(1.000001m));
    }

    [Fact]
    public void MinAndComparison_TwoSizes_PickTheSmaller()
    {
        var small = Size.Of(1m);
        var large = Size.Of(2m);

        Assert.Equal(small, Size.Min(small, large));
        Assert.Equal(small, Size.Min(large, small));
        Assert.True(small < large && large > small && small <= Size.Of(1.0m) && large >= small);
        Assert.True(small.CompareTo(large) < 0);
        Assert.False(small.IsZero);
    }

    [Fact]
    public void ToString_Size_InvariantWithoutTrailingZeros()
    {
        Assert.Equal("1.5", Size.Of(1.500000m).ToString());
        Assert.Equal("0", Size.Zero.ToString());
    }

    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
