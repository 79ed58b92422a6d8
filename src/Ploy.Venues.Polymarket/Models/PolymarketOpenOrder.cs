using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary><c>OpenOrder</c> (<c>GET /data/orders</c>, <c>/data/order/{id}</c>): every field mapped (protocol reference §2.3).</summary>
public sealed record PolymarketOpenOrder
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>LIVE, MATCHED, CANCELED (and the venue's other spellings, e.g. ORDER_STATUS_LIVE).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("owner")]
    public string? Owner { get; init; }

    [JsonPropertyName("maker_address")]
    public string? MakerAddress { get; init; }

    [JsonPropertyName("market")]
    public string? Market { get; init; }

    [JsonPropertyName("asset_id")]
    public string AssetId { get; init; } = string.Empty;

    [JsonPropertyName("side")]
    public string Side { get; init; } = string.Empty;

    [JsonPropertyName("original_size")]
    public string OriginalSize { get; init; } = "0";

    [JsonPropertyName("size_matched")]
    public string SizeMatched { get; init; } = "0";

    [JsonPropertyName("price")]
    public string Price { get; init; } = "0";

    [JsonPropertyName("associate_trades")]
    public IReadOnlyList<string>? AssociateTrades { get; init; }

    [JsonPropertyName("outcome")]
    public string? Outcome { get; init; }

    /// <summary>Unix seconds (a JSON number).</summary>
    [JsonPropertyName("created_at")]
    public long CreatedAt { get; init; }

    [JsonPropertyName("expiration")]
    public string? Expiration { get; init; }

    [JsonPropertyName("order_type")]
    public string? OrderType { get; init; }
}
