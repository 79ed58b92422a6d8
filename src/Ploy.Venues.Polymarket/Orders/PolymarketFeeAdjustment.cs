namespace Ploy.Venues.Polymarket.Orders;

/// <summary>
/// The client's optional BUY shrink so that amount plus estimated fees fit <c>userUSDCBalance</c> (protocol
/// reference §10.5, vectors pub-v2-15 and hid-v2-109…113). Computed in doubles as the client does: it is an
/// estimate whose result then goes through the normal amount rounding.
/// </summary>
public static class PolymarketFeeAdjustment
{
    /// <summary>Returns the (possibly reduced) pUSD amount to spend.</summary>
    /// <param name="amount">Notional to spend: the market amount, or size × rounded price for a limit order.</param>
    /// <param name="price">Market: the unrounded price; limit: the rounded price.</param>
    /// <param name="userUsdcBalance">The balance the order must fit.</param>
    /// <param name="feeRate">Market fee rate <c>fd.r</c>.</param>
    /// <param name="feeExponent">Market fee exponent <c>fd.e</c>.</param>
    /// <param name="builderTakerFeeRate"><c>builder_taker_fee_rate_bps / 10^4</c>, 0 without a builder code.</param>
    /// <param name="feeSlippagePercent">0, or 1–100.</param>
    public static double AdjustBuyAmount(double amount, double price, double userUsdcBalance, double feeRate, double feeExponent,
        double builderTakerFeeRate, double feeSlippagePercent = 0)
    {
        if (!double.IsFinite(feeSlippagePercent) || feeSlippagePercent < 0 || feeSlippagePercent > 100
            || (feeSlippagePercent > 0 && feeSlippagePercent < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(feeSlippagePercent), feeSlippagePercent, "feeSlippage must be 0 or a percentage between 1 and 100.");
        }

        var platformFeeRate = feeRate * Math.Pow(price * (1 - price), feeExponent);
        var effectivePlatformFeeRate = platformFeeRate * (1 + (feeSlippagePercent / 100));
        var feeBase = Math.Min(amount, userUsdcBalance);
        var platformFee = feeBase / price * effectivePlatformFeeRate;
        var builderFee = feeBase * builderTakerFeeRate;
        var totalCost = amount + platformFee + builderFee;
        return userUsdcBalance <= totalCost ? Math.Max(userUsdcBalance - platformFee - builderFee, 0) : amount;
    }
}
