using FsCheck;
using FsCheck.Fluent;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Orders;

namespace Ploy.Venues.Polymarket.Tests.Orders;

public sealed class PolymarketAmountsTests
{
    private static readonly decimal[] Ticks = [0.1m, 0.01m, 0.005m, 0.0025m, 0.001m, 0.0001m];

    [Theory]
    [InlineData("BUY", 0.57, 100, 0.01, 57_000_000UL, 100_000_000UL)] // binary64 gives 56.99999999999999
    [InlineData("BUY", 0.125, 12.345, 0.01, 1_604_200UL, 12_340_000UL)] // half-up 0.13, size truncated
    [InlineData("SELL", 0.235, 333.33, 0.005, 333_330_000UL, 78_332_550UL)]
    [InlineData("BUY", 0.0475, 77.77, 0.0025, 3_694_075UL, 77_770_000UL)]
    [InlineData("BUY", 0.3, 10.129, 0.1, 3_036_000UL, 10_120_000UL)]
    public void Limit_ReferenceExamples_Match(string side, double price, double size, double tick, ulong maker, ulong taker)
    {
        var amounts = PolymarketAmounts.Limit(side == "BUY" ? Side.Buy : Side.Sell, (decimal)price, (decimal)size, TickSize.Of((decimal)tick));

        Assert.Equal(maker, amounts.MakerAmount);
        Assert.Equal(taker, amounts.TakerAmount);
    }

    [Theory]
    [InlineData("BUY", 100, 0.57, 0.01, 100_000_000UL, 175_438_500UL)]
    [InlineData("SELL", 55.555, 0.4567, 0.001, 55_550_000UL, 25_330_800UL)] // price truncated to 0.456
    [InlineData("BUY", 480.26, 0.2, 0.1, 480_260_000UL, 2_401_300_000UL)]
    [InlineData("SELL", 90.01, 0.333, 0.001, 90_010_000UL, 29_973_330UL)]
    public void Market_ReferenceExamples_Match(string side, double amount, double price, double tick, ulong maker, ulong taker)
    {
        var amounts = PolymarketAmounts.Market(side == "BUY" ? Side.Buy : Side.Sell, (decimal)amount, (decimal)price, TickSize.Of((decimal)tick));

        Assert.Equal(maker, amounts.MakerAmount);
        Assert.Equal(taker, amounts.TakerAmount);
    }

    [Fact]
    public void Market_GuardRoundsUpAtAmountPlusFourDecimals_BeforeTruncating()
    {
        // 1/0.07 = 14.28571428…: ceil at 8 decimals = 14.28571429, floor at 4 = 14.2857.
        var amounts = PolymarketAmounts.Market(Side.Buy, 1m, 0.07m, TickSize.Hundredth);

        Assert.Equal(14_285_700UL, amounts.TakerAmount);
    }

    [Fact]
    public void CapMarketTaker_FiveDecimals_TruncatesToFour()
    {
        var amounts = PolymarketAmounts.Market(Side.Sell, 90.01m, 0.333m, TickSize.Thousandth);

        Assert.Equal(29_973_300UL, PolymarketAmounts.CapMarketTaker(amounts).TakerAmount);
    }

    [Fact]
    public void Limit_AnyPriceAndSize_AmountsNonNegativeAndExactlyPriceTimesShares()
    {
        var property = Prop.ForAll(Arb.From(OrderGen()), o =>
        {
            var (side, tick, priceSteps, cents) = o;
            var price = tick * priceSteps;
            var size = cents / 100m;
            var amounts = PolymarketAmounts.Limit(side, price, size, TickSize.Of(tick));
            var shares = side == Side.Buy ? amounts.TakerAmount : amounts.MakerAmount;
            var usd = side == Side.Buy ? amounts.MakerAmount : amounts.TakerAmount;
            // Limit notionals are exact: usd = shares × rounded price, to the base unit.
            return amounts.MakerAmount >= 0 && shares == (ulong)(cents * 10_000) && usd == (ulong)(shares * amounts.RoundedPrice);
        });
        PropertyCheck.Run(property, seed: 7, maxTest: 500);
    }

    [Fact]
    public void Market_Buy_TakerIsAmountOverPriceTruncated_WithinOneAmountStep()
    {
        var property = Prop.ForAll(Arb.From(OrderGen()), o =>
        {
            var (_, tick, priceSteps, cents) = o;
            var tickSize = TickSize.Of(tick);
            var price = tick * priceSteps;
            var amounts = PolymarketAmounts.Market(Side.Buy, cents / 100m, price, tickSize);
            var step = 1_000_000m / (decimal)Math.Pow(10, PolymarketAmounts.AmountDecimals(tickSize));
            var exactShares = amounts.MakerAmount / price; // in base units
            var gap = exactShares - amounts.TakerAmount;
            // Truncation never pays more than the limit price, and loses less than one amount step (plus the guard's 10^-4 step).
            return amounts.TakerAmount * price <= amounts.MakerAmount + (step * price / 10_000m) && gap < step;
        });
        PropertyCheck.Run(property, seed: 11, maxTest: 500);
    }

    [Fact]
    public void ExactDecimalAndReferenceDouble_OrdersUpTo1000_Agree()
    {
        // The reference's binary64 artefacts only appear near 2^53 (thousands of pUSD at the minimum tick, or
        // hundreds of thousands of shares): below that both algorithms must give the same base units.
        var property = Prop.ForAll(Arb.From(OrderGen()), o =>
        {
            var (side, tick, priceSteps, cents) = o;
            var tickSize = TickSize.Of(tick);
            var price = tick * priceSteps;
            var size = cents / 100m;
            return PolymarketAmounts.Limit(side, price, size, tickSize) == PolymarketAmounts.Limit(side, price, size, tickSize, PolymarketAmountMode.ReferenceDouble)
                && PolymarketAmounts.Market(side, size, price, tickSize) == PolymarketAmounts.Market(side, size, price, tickSize, PolymarketAmountMode.ReferenceDouble);
        });
        PropertyCheck.Run(property, seed: 3, maxTest: 2000);
    }

    private static Gen<(Side Side, decimal Tick, int PriceSteps, int Cents)> OrderGen() =>
        from side in Gen.Elements(Side.Buy, Side.Sell)
        from tick in Gen.Elements(Ticks)
        from steps in Gen.Choose(1, (int)((1m / tick) - 1))
        from cents in Gen.Choose(1, 100_000)
        select (side, tick, steps, cents);
}
