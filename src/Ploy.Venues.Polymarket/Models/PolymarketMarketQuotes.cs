using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>
/// The small public answers in one shape: <c>/price</c> <c>{"price"}</c>, <c>/midpoint</c> <c>{"mid"}</c>,
/// <c>/spread</c> <c>{"spread"}</c>, <c>/tick-size</c> <c>{"minimum_tick_size"}</c> (a JSON number),
/// <c>/neg-risk</c> <c>{"neg_risk"}</c>, <c>/fee-rate</c> <c>{"base_fee"}</c>, <c>/version</c> <c>{"version"}</c>.
/// Decimal fields accept strings and numbers.
/// </summary>
public sealed record PolymarketMarketQuotes
{
    [JsonPropertyName("price")]
    public decimal? Price { get; init; }

    [JsonPropertyName("mid")]
    public decimal? Mid { get; init; }

    [JsonPropertyName("spread")]
    public decimal? Spread { get; init; }

    [JsonPropertyName("minimum_tick_size")]
    public decimal? MinimumTickSize { get; init; }

    [JsonPropertyName("neg_risk")]
    public bool? NegRisk { get; init; }

    [JsonPropertyName("base_fee")]
    public decimal? BaseFee { get; init; }

    [JsonPropertyName("version")]
    public int? Version { get; init; }
}
