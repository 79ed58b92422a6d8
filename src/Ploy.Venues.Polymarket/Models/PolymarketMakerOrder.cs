using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>One maker order of a trade (REST <c>maker_orders[]</c> and the user channel's): every field mapped.</summary>
public sealed record PolymarketMakerOrder
{
    [JsonPropertyName("order_id")]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("owner")]
    public string? Owner { get; init; }

    [JsonPropertyName("maker_address")]
    public string? MakerAddress { get; init; }

    [JsonPropertyName("matched_amount")]
    public string MatchedAmount { get; init; } = "0";

    [JsonPropertyName("price")]
    public string Price { get; init; } = "0";

    [JsonPropertyName("fee_rate_bps")]
    public string? FeeRateBps { get; init; }

    [JsonPropertyName("asset_id")]
    public string? AssetId { get; init; }

    [JsonPropertyName("outcome")]
    public string? Outcome { get; init; }

    [JsonPropertyName("side")]
    public string? Side { get; init; }
}
