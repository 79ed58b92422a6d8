using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Orders;

namespace Ploy.Venues.Polymarket.Tests.Orders;

public sealed class PolymarketMarketPriceTests
{
    // REST /book order: best level last.
    private static readonly PolymarketBookLevel[] Bids = [new(0.4m, 100m), new(0.45m, 100m), new(0.5m, 100m)];
    private static readonly PolymarketBookLevel[] Asks = [new(0.6m, 100m), new(0.55m, 100m), new(0.52m, 100m)];

    [Theory]
    [InlineData("BUY", 50, "FOK", 0.52)]
    [InlineData("BUY", 150, "FAK", 0.6)] // 52 + 55 + 60 = 167 ≥ 150 at the third level
    [InlineData("SELL", 150, "FOK", 0.45)]
    [InlineData("SELL", 1000, "FAK", 0.4)] // exhausted: FAK takes the worst level
    public void FromBook_WalksFromTheLastLevel(string side, double amount, string type, double expected)
    {
        var price = PolymarketMarketPrice.FromBook(side == "BUY" ? Side.Buy : Side.Sell, Bids, Asks, (decimal)amount,
            type == "FOK" ? OrderType.Fok : OrderType.Fak);

        Assert.Equal((decimal)expected, price);
    }

    [Fact]
    public void FromBook_ExhaustedFok_IsNoMatch() =>
        Assert.Null(PolymarketMarketPrice.FromBook(Side.Buy, Bids, Asks, 1000m, OrderType.Fok));
}
