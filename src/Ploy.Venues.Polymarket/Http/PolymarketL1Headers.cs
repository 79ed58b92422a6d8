namespace Ploy.Venues.Polymarket.Http;

/// <summary>The four L1 headers (POLY_ADDRESS, POLY_SIGNATURE, POLY_TIMESTAMP, POLY_NONCE).</summary>
public sealed record PolymarketL1Headers(string Address, string Signature, string Timestamp, string Nonce)
{
    public const string NonceHeader = "POLY_NONCE";

    public IEnumerable<KeyValuePair<string, string>> AsPairs()
    {
        yield return new(PolymarketL2Headers.AddressHeader, Address);
        yield return new(PolymarketL2Headers.SignatureHeader, Signature);
        yield return new(PolymarketL2Headers.TimestampHeader, Timestamp);
        yield return new(NonceHeader, Nonce);
    }
}
