namespace Ploy.Venues.Polymarket.Signing;

/// <summary>
/// A keyed HMAC-SHA256 reused for many messages. Not thread-safe: the caller serialises access. Two implementations:
/// RFC 2104 on OpenSSL's SHA-256 with the key's pad states kept (<see cref="OpenSslHmacSha256"/>) and .NET's
/// <c>IncrementalHash</c> (<see cref="IncrementalHmacSha256"/>), which computes the same MAC with more work per call.
/// </summary>
internal interface IHmacSha256 : IDisposable
{
    PolymarketSigningBackend Backend { get; }

    /// <summary>Writes HMAC(key, <paramref name="prefix"/> ‖ <paramref name="body"/>) into 32 bytes.</summary>
    void Compute(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, Span<byte> mac);
}
