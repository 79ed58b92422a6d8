using Ploy.Venues.Polymarket.Orders;

namespace Ploy.Venues.Polymarket.Tests.Orders;

public sealed class PolymarketFeeAdjustmentTests
{
    [Fact]
    public void AdjustBuyAmount_BalanceBelowNotionalPlusFee_ShrinksByTheFee()
    {
        // pub-v2-15: 100 @ 0.6 with 50 pUSD, r = 0.02, e = 1 → fee on 50 = 0.4 → 49.6.
        Assert.Equal(49.6, PolymarketFeeAdjustment.AdjustBuyAmount(60, 0.6, 50, 0.02, 1, 0), 12);
    }

    [Fact]
    public void AdjustBuyAmount_EnoughBalance_KeepsAmount() =>
        Assert.Equal(60, PolymarketFeeAdjustment.AdjustBuyAmount(60, 0.6, 100, 0.02, 1, 0));

    [Fact]
    public void AdjustBuyAmount_InvalidSlippage_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PolymarketFeeAdjustment.AdjustBuyAmount(60, 0.6, 50, 0.02, 1, 0, 0.5));
}
