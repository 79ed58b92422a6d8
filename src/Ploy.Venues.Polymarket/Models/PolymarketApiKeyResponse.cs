using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary><c>POST /auth/api-key</c> and <c>GET /auth/derive-api-key</c>. Never logged: it carries the secret.</summary>
public sealed record PolymarketApiKeyResponse(
    [property: JsonPropertyName("apiKey")] string? ApiKey,
    [property: JsonPropertyName("secret")] string? Secret,
    [property: JsonPropertyName("passphrase")] string? Passphrase)
{
    public override string ToString() => $"PolymarketApiKeyResponse {{ ApiKey = {ApiKey}, Secret = ***, Passphrase = *** }}";
}
