namespace Ploy.Venues.Polymarket.Orders;

/// <summary>Inputs of the client-side BUY fee adjustment (see <see cref="PolymarketFeeAdjustment"/>).</summary>
/// <param name="UserUsdcBalance">The pUSD the order plus fees must fit.</param>
/// <param name="FeeRate">Market <c>fd.r</c> from <c>GET /clob-markets/{condition_id}</c>.</param>
/// <param name="FeeExponent">Market <c>fd.e</c>.</param>
/// <param name="BuilderTakerFeeRate">Builder taker bps / 10^4 (0 without a builder code).</param>
/// <param name="FeeSlippagePercent">0 or 1–100.</param>
public sealed record PolymarketFeeContext(decimal UserUsdcBalance, double FeeRate, double FeeExponent, double BuilderTakerFeeRate = 0, double FeeSlippagePercent = 0);
