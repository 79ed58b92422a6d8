using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>The user channel's <c>order</c> event (protocol reference §7): every field mapped.</summary>
public sealed record PolymarketOrderEvent
{
    [JsonPropertyName("event_type")]
    public string? EventType { get; init; }

    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    [JsonPropertyName("market")]
    public string? Market { get; init; }

    [JsonPropertyName("asset_id")]
    public string AssetId { get; init; } = string.Empty;

    [JsonPropertyName("side")]
    public string Side { get; init; } = string.Empty;

    [JsonPropertyName("price")]
    public string Price { get; init; } = "0";

    /// <summary>PLACEMENT, UPDATE or CANCELLATION.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("outcome")]
    public string? Outcome { get; init; }

    [JsonPropertyName("owner")]
    public string? Owner { get; init; }

    [JsonPropertyName("order_owner")]
    public string? OrderOwner { get; init; }

    [JsonPropertyName("original_size")]
    public string OriginalSize { get; init; } = "0";

    [JsonPropertyName("size_matched")]
    public string SizeMatched { get; init; } = "0";

    /// <summary>Unix milliseconds as a string.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("associate_trades")]
    public IReadOnlyList<string>? AssociateTrades { get; init; }
}
