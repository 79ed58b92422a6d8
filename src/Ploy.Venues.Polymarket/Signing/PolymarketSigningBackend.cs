namespace Ploy.Venues.Polymarket.Signing;

/// <summary>Which secp256k1 implementation signs.</summary>
public enum PolymarketSigningBackend
{
    /// <summary>libsecp256k1 (Debian package <c>libsecp256k1-1</c>) through P/Invoke: the fast path.</summary>
    Native,

    /// <summary>BouncyCastle in managed code: the fallback when the native library is missing.</summary>
    Managed,
}
