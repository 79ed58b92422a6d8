using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>The answer of every cancel endpoint: <c>{"canceled":[…], "not_canceled":{id: reason}}</c>.</summary>
public sealed record PolymarketCancelResponse(
    [property: JsonPropertyName("canceled")] IReadOnlyList<string>? Canceled,
    [property: JsonPropertyName("not_canceled")] IReadOnlyDictionary<string, string>? NotCanceled);
