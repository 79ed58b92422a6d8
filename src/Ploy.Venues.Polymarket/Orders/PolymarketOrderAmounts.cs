namespace Ploy.Venues.Polymarket.Orders;

/// <summary>Signed amounts of an order, in 6-decimal base units, and the price they were computed at.</summary>
/// <param name="MakerAmount">What the maker gives (pUSD for BUY, shares for SELL).</param>
/// <param name="TakerAmount">What the maker wants.</param>
/// <param name="RoundedPrice">The price after rounding (limit) or truncation (market) to the tick's decimals.</param>
public readonly record struct PolymarketOrderAmounts(ulong MakerAmount, ulong TakerAmount, decimal RoundedPrice);
