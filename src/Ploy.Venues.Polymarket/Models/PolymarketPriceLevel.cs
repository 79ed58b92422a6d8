using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>One book level as served: decimal strings (protocol reference §2.1).</summary>
public sealed record PolymarketPriceLevel(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("size")] string Size);
