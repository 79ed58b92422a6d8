using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>One outcome token of a CLOB market; <see cref="Winner"/> is set once the market resolved.</summary>
public sealed record PolymarketMarketToken(
    [property: JsonPropertyName("token_id")] string TokenId,
    [property: JsonPropertyName("outcome")] string? Outcome,
    [property: JsonPropertyName("price")] decimal? Price,
    [property: JsonPropertyName("winner")] bool Winner);
