using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>The venue's error shape <c>{"error":"…"}</c>; order rejects may use <c>errorMsg</c> instead.</summary>
public sealed record PolymarketErrorBody(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("errorMsg")] string? ErrorMsg);
