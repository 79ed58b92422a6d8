using Ploy.Core.Markets;
using Ploy.Core.Primitives;

namespace Ploy.Strategies.Common;

/// <summary>Order sizing and price-grid helpers shared by the strategies.</summary>
internal static class Sizing
{
    /// <summary>The smallest share quantity the venue accepts in an order (it truncates to hundredths).</summary>
    public const decimal Lot = 0.01m;

    /// <summary>Truncates shares to whole hundredths (never rounds up: we cannot sell what we do not hold).</summary>
    public static Size ToLot(decimal shares) =>
        shares <= 0m ? Size.Zero : Size.Of(decimal.Truncate(shares * 100m) / 100m);

    /// <summary>
    /// Shares for a buy of about <paramref name="notional"/> pUSD at <paramref name="price"/>, raised to the
    /// venue minimums: <paramref name="minShares"/> shares and a 1 pUSD marketable notional.
    /// </summary>
    public static Size SharesForNotional(decimal notional, decimal price, Size minShares)
    {
        var shares = decimal.Truncate(notional / price * 100m) / 100m;
        var minForNotional = decimal.Ceiling(BinaryMarket.MinMarketableNotional / price * 100m) / 100m;
        return Size.Of(Math.Max(shares, Math.Max(minShares.Shares, minForNotional)));
    }

    public static bool IsMarketable(Size shares, decimal price) =>
        shares.Shares >= Lot && shares.Shares * price >= BinaryMarket.MinMarketableNotional;

    /// <summary>A buy limit on the grid: rounds up (a buy at the ask must reach the ask).</summary>
    public static bool TryBuyPrice(TickSize tick, decimal price, out Price result) =>
        Price.TryCreate(tick.RoundUp(price), tick, out result);

    /// <summary>A sell limit on the grid: rounds down (a sell at the bid must reach the bid).</summary>
    public static bool TrySellPrice(TickSize tick, decimal price, out Price result) =>
        Price.TryCreate(tick.RoundDown(price), tick, out result);
}
