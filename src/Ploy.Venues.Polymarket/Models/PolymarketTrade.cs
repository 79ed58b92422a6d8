using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>
/// <c>Trade</c> (<c>GET /data/trades</c>) and the user channel's <c>trade</c> event (same fields plus <c>type</c>,
/// <c>matchtime</c>, <c>timestamp</c>, <c>trade_owner</c>, <c>event_type</c>): every field mapped.
/// </summary>
public sealed record PolymarketTrade
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    [JsonPropertyName("taker_order_id")]
    public string? TakerOrderId { get; init; }

    [JsonPropertyName("market")]
    public string? Market { get; init; }

    [JsonPropertyName("asset_id")]
    public string AssetId { get; init; } = string.Empty;

    [JsonPropertyName("side")]
    public string Side { get; init; } = string.Empty;

    [JsonPropertyName("size")]
    public string Size { get; init; } = "0";

    [JsonPropertyName("fee_rate_bps")]
    public string? FeeRateBps { get; init; }

    [JsonPropertyName("price")]
    public string Price { get; init; } = "0";

    /// <summary>MATCHED, MINED, CONFIRMED, RETRYING, FAILED.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>Unix seconds as a string (REST).</summary>
    [JsonPropertyName("match_time")]
    public string? MatchTime { get; init; }

    /// <summary>Unix seconds as a string (user channel spelling).</summary>
    [JsonPropertyName("matchtime")]
    public string? MatchTimeWs { get; init; }

    /// <summary>Unix milliseconds as a string (user channel).</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("last_update")]
    public string? LastUpdate { get; init; }

    [JsonPropertyName("outcome")]
    public string? Outcome { get; init; }

    [JsonPropertyName("bucket_index")]
    public int BucketIndex { get; init; }

    [JsonPropertyName("owner")]
    public string? Owner { get; init; }

    [JsonPropertyName("trade_owner")]
    public string? TradeOwner { get; init; }

    [JsonPropertyName("maker_address")]
    public string? MakerAddress { get; init; }

    [JsonPropertyName("maker_orders")]
    public IReadOnlyList<PolymarketMakerOrder>? MakerOrders { get; init; }

    [JsonPropertyName("transaction_hash")]
    public string? TransactionHash { get; init; }

    /// <summary>TAKER or MAKER.</summary>
    [JsonPropertyName("trader_side")]
    public string? TraderSide { get; init; }

    /// <summary>User channel: "TRADE".</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("event_type")]
    public string? EventType { get; init; }
}
