using Ploy.Core.Primitives;

namespace Ploy.Strategies.MarketMaking;

/// <summary>The market maker's pricing, pure so that it can be checked for every book and inventory.</summary>
public static class MarketMakerQuoter
{
    /// <summary>
    /// Quotes around the mid of the others' best YES bid and ask, shifted against inventory, on the tick grid
    /// (bids rounded down, asks up), never at or through the other side (they are post-only), and without the
    /// side that would take net YES inventory past <see cref="MarketMakerOptions.MaxInventory"/>.
    /// </summary>
    public static QuotePlan Compute(MarketMakerOptions options, TickSize tick, decimal bestBid, decimal bestAsk, decimal inventory, decimal quoteSize)
    {
        if (bestBid >= bestAsk)
        {
            return QuotePlan.None; // Locked or crossed: no meaningful mid.
        }

        var mid = (bestBid + bestAsk) / 2m;
        var center = mid - (options.SkewPerShare * inventory);
        decimal? bid = tick.RoundDown(Math.Min(center - options.HalfSpread, bestAsk - tick.Value));
        decimal? ask = tick.RoundUp(Math.Max(center + options.HalfSpread, bestBid + tick.Value));

        // RoundDown/RoundUp clamp into [tick, 1 − tick]; a clamp can push a quote onto the other side.
        if (bid >= bestAsk || inventory + quoteSize > options.MaxInventory)
        {
            bid = null;
        }

        if (ask <= bestBid || inventory - quoteSize < -options.MaxInventory)
        {
            ask = null;
        }

        if (bid is { } b && ask is { } a && b >= a)
        {
            return new QuotePlan(null, null, center);
        }

        return new QuotePlan(bid, ask, center);
    }
}
