using Ploy.Venues.Polymarket.Http;

namespace Ploy.VenueServer;

/// <summary>An API key the venue issued: bound to the L1 signer's address. <see cref="ToString"/> redacts.</summary>
internal sealed record ApiKeyRecord(string Key, string Secret, string Passphrase, string Address, ulong Nonce)
{
    public PolymarketApiCredentials Credentials => new(Key, Secret, Passphrase);

    public override string ToString() => $"ApiKeyRecord {{ Key = {Key}, Address = {Address}, Secret = ***, Passphrase = *** }}";
}
