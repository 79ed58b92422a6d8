namespace Ploy.Venues.Polymarket.Signing;

/// <summary>Which implementation signs: secp256k1 for orders (<see cref="PolymarketSigner"/>), HMAC-SHA256 for L2 headers.</summary>
public enum PolymarketSigningBackend
{
    /// <summary>
    /// A system library through P/Invoke, the fast path: libsecp256k1 (Debian <c>libsecp256k1-1</c>) for orders,
    /// OpenSSL 3's libcrypto for the HMAC.
    /// </summary>
    Native,

    /// <summary>The fallback when the library is missing: BouncyCastle for orders, .NET's own API for the HMAC.</summary>
    Managed,
}
