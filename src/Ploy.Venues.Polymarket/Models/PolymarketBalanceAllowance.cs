using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>
/// <c>GET /balance-allowance</c>: balance in 6-decimal base units as an integer string; older servers send one
/// <c>allowance</c>, newer ones <c>allowances{exchange: amount}</c> (protocol reference §10.8). Both mapped.
/// </summary>
public sealed record PolymarketBalanceAllowance(
    [property: JsonPropertyName("balance")] string Balance,
    [property: JsonPropertyName("allowance")] string? Allowance,
    [property: JsonPropertyName("allowances")] IReadOnlyDictionary<string, string>? Allowances);
