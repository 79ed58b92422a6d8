using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>
/// <c>POST /order</c> (and each element of <c>POST /orders</c>): every field mapped (protocol reference §10.6).
/// Amounts may be <c>""</c>; <see cref="Status"/> is live, matched, delayed or unmatched.
/// </summary>
public sealed record PolymarketOrderResponse
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("errorMsg")]
    public string? ErrorMsg { get; init; }

    [JsonPropertyName("orderID")]
    public string? OrderId { get; init; }

    [JsonPropertyName("transactionsHashes")]
    public IReadOnlyList<string>? TransactionsHashes { get; init; }

    [JsonPropertyName("tradeIDs")]
    public IReadOnlyList<string>? TradeIds { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("takingAmount")]
    public string? TakingAmount { get; init; }

    [JsonPropertyName("makingAmount")]
    public string? MakingAmount { get; init; }

    /// <summary>The HTTP 400 shape some rejects use instead of <see cref="ErrorMsg"/>.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
