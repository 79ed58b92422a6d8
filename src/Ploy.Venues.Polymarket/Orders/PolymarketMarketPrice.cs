using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Venues.Polymarket.Orders;

/// <summary>
/// The price of a market order given without one: the client's walk over <c>/book</c>.
/// Venue quirk: the client assumes bids ascending and asks descending (best level last) and walks from the last
/// element backwards (protocol reference §5.5, vector pub-v2-12).
/// </summary>
public static class PolymarketMarketPrice
{
    /// <summary>
    /// BUY accumulates size × price over <paramref name="asks"/>, SELL accumulates size over <paramref name="bids"/>;
    /// the first level whose running total reaches <paramref name="amount"/> prices the order. An exhausted book
    /// gives null for FOK ("no match") and the worst level (element 0) for FAK.
    /// </summary>
    public static decimal? FromBook(Side side, IReadOnlyList<PolymarketBookLevel> bids, IReadOnlyList<PolymarketBookLevel> asks, decimal amount, OrderType orderType)
    {
        var levels = side == Side.Buy ? asks : bids;
        if (levels.Count == 0)
        {
            return null;
        }

        var sum = 0m;
        for (var i = levels.Count - 1; i >= 0; i--)
        {
            sum += side == Side.Buy ? levels[i].Size * levels[i].Price : levels[i].Size;
            if (sum >= amount)
            {
                return levels[i].Price;
            }
        }

        return orderType == OrderType.Fok ? null : levels[0].Price;
    }

    /// <summary>The same walk in binary64, as the reference client sums (for <see cref="PolymarketAmountMode.ReferenceDouble"/>).</summary>
    public static decimal? FromBookReference(Side side, IReadOnlyList<PolymarketBookLevel> bids, IReadOnlyList<PolymarketBookLevel> asks, decimal amount, OrderType orderType)
    {
        var levels = side == Side.Buy ? asks : bids;
        if (levels.Count == 0)
        {
            return null;
        }

        var target = PolymarketJsNumber.FromDecimal(amount);
        var sum = 0.0;
        for (var i = levels.Count - 1; i >= 0; i--)
        {
            var size = PolymarketJsNumber.FromDecimal(levels[i].Size);
            sum += side == Side.Buy ? size * PolymarketJsNumber.FromDecimal(levels[i].Price) : size;
            if (sum >= target)
            {
                return levels[i].Price;
            }
        }

        return orderType == OrderType.Fok ? null : levels[0].Price;
    }
}
