namespace Ploy.Venues.Polymarket.Signing;

/// <summary>The few secp256k1 operations Ethereum signing needs; one native and one managed implementation.</summary>
internal interface ISecp256k1
{
    PolymarketSigningBackend Backend { get; }

    /// <summary>Writes the 64-byte uncompressed public key (x‖y, no 0x04 prefix).</summary>
    void GetPublicKey(ReadOnlySpan<byte> secretKey, Span<byte> publicKey64);

    /// <summary>
    /// RFC 6979 deterministic, low-s signature as r‖s‖v with v = 27/28. <paramref name="publicKey64"/> is the key's
    /// public key, which the managed backend needs to pick the recovery id.
    /// </summary>
    void Sign(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> publicKey64, Span<byte> signature65);

    /// <summary>Recovers the 64-byte public key from r‖s‖v (v = 27/28 or 0/1).</summary>
    bool TryRecover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64);
}
