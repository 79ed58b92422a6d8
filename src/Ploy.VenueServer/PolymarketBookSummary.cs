namespace Ploy.VenueServer;

/// <summary>
/// <c>OrderBookSummary</c> as served: bids ascending and asks descending (best level last, as the official client's
/// market-price walk assumes); every number a decimal string.
/// </summary>
/// <param name="Market">Condition id.</param>
/// <param name="AssetId">Token id (decimal uint256).</param>
/// <param name="Timestamp">Unix milliseconds, as a string.</param>
/// <param name="Bids">Ascending by price.</param>
/// <param name="Asks">Descending by price.</param>
/// <param name="MinOrderSize">Minimum resting size, e.g. "5".</param>
/// <param name="TickSize">e.g. "0.01".</param>
/// <param name="NegRisk">Whether the market is neg-risk.</param>
/// <param name="LastTradePrice">Last trade price, or "" before the first trade.</param>
public sealed record PolymarketBookSummary(
    string Market,
    string AssetId,
    string Timestamp,
    IReadOnlyList<PolymarketBookLevel> Bids,
    IReadOnlyList<PolymarketBookLevel> Asks,
    string MinOrderSize,
    string TickSize,
    bool NegRisk,
    string LastTradePrice);
