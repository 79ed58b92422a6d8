using Ploy.Venues.Polymarket.Orders;

namespace Ploy.Venues.Polymarket.Tests.Orders;

public sealed class PolymarketJsNumberTests
{
    [Theory]
    [InlineData(0.57, "0.57")]
    [InlineData(56.99999999999999, "56.99999999999999")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(2401.2999999999997, "2401.2999999999997")]
    public void ToJsString_MatchesNumberToString(double value, string expected) =>
        Assert.Equal(expected, PolymarketJsNumber.ToJsString(value));

    [Fact]
    public void FixAmount_BinaryNoise_IsAbsorbed()
    {
        Assert.Equal(57, PolymarketJsNumber.FixAmount(0.57 * 100, 4));
        Assert.Equal(2401.3, PolymarketJsNumber.FixAmount(480.26 / 0.2, 3));
    }

    [Fact]
    public void RoundNormal_Tie_RoundsHalfUp() => Assert.Equal(0.13, PolymarketJsNumber.RoundNormal(0.125, 2));
}
