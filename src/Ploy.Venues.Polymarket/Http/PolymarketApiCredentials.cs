namespace Ploy.Venues.Polymarket.Http;

/// <summary>L2 API credentials. <see cref="ToString"/> redacts the secret and passphrase.</summary>
/// <param name="Key">API key (UUID); also the order <c>owner</c>.</param>
/// <param name="Secret">base64url HMAC secret.</param>
/// <param name="Passphrase">Sent as POLY_PASSPHRASE.</param>
public sealed record PolymarketApiCredentials(string Key, string Secret, string Passphrase)
{
    public override string ToString() => $"PolymarketApiCredentials {{ Key = {Key}, Secret = ***, Passphrase = *** }}";
}
