using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>A cursor page <c>{limit, count, next_cursor, data}</c>; the last page has <c>next_cursor == "LTE="</c>.</summary>
public sealed record PolymarketPage<T>(
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("next_cursor")] string? NextCursor,
    [property: JsonPropertyName("data")] IReadOnlyList<T>? Data)
{
    /// <summary>base64 "0": the first page.</summary>
    public const string FirstCursor = "MA==";

    /// <summary>base64 "-1": no more pages.</summary>
    public const string EndCursor = "LTE=";

    public bool IsLast => string.IsNullOrEmpty(NextCursor) || NextCursor == EndCursor;
}
