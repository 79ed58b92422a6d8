using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>
/// <c>OrderBookSummary</c> (<c>GET /book</c>, <c>POST /books</c>): every field mapped. Bids ascending and asks descending
/// (best level last); <see cref="Timestamp"/> is unix milliseconds as a string.
/// </summary>
public sealed record PolymarketOrderBookSummary(
    [property: JsonPropertyName("market")] string Market,
    [property: JsonPropertyName("asset_id")] string AssetId,
    [property: JsonPropertyName("timestamp")] string? Timestamp,
    [property: JsonPropertyName("bids")] IReadOnlyList<PolymarketPriceLevel>? Bids,
    [property: JsonPropertyName("asks")] IReadOnlyList<PolymarketPriceLevel>? Asks,
    [property: JsonPropertyName("min_order_size")] string? MinOrderSize,
    [property: JsonPropertyName("tick_size")] string? TickSize,
    [property: JsonPropertyName("neg_risk")] bool NegRisk,
    [property: JsonPropertyName("last_trade_price")] string? LastTradePrice,
    [property: JsonPropertyName("hash")] string? Hash);
