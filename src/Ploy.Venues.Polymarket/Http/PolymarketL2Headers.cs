namespace Ploy.Venues.Polymarket.Http;

/// <summary>The five L2 headers. <see cref="ToString"/> redacts the passphrase and signature.</summary>
public sealed record PolymarketL2Headers(string Address, string Signature, string Timestamp, string ApiKey, string Passphrase)
{
    public const string AddressHeader = "POLY_ADDRESS";
    public const string SignatureHeader = "POLY_SIGNATURE";
    public const string TimestampHeader = "POLY_TIMESTAMP";
    public const string ApiKeyHeader = "POLY_API_KEY";
    public const string PassphraseHeader = "POLY_PASSPHRASE";

    /// <summary>Name/value pairs in the order the reference client sends them.</summary>
    public IEnumerable<KeyValuePair<string, string>> AsPairs()
    {
        yield return new(AddressHeader, Address);
        yield return new(SignatureHeader, Signature);
        yield return new(TimestampHeader, Timestamp);
        yield return new(ApiKeyHeader, ApiKey);
        yield return new(PassphraseHeader, Passphrase);
    }

    public override string ToString() => $"PolymarketL2Headers {{ Address = {Address}, Timestamp = {Timestamp}, ApiKey = {ApiKey}, Signature = ***, Passphrase = *** }}";
}
