namespace Ploy.Venues.Polymarket.Signing;

/// <summary>
/// An Ethereum account that signs 32-byte digests: secp256k1, RFC 6979 deterministic nonces, low-s, v = 27/28.
/// Uses libsecp256k1 when the library is installed and BouncyCastle otherwise (see <see cref="Backend"/>).
/// Thread-safe: both backends keep no per-call state.
/// </summary>
public sealed class PolymarketSigner : IDisposable
{
    private static readonly Lazy<Secp256k1Native?> NativeBackend = new(Secp256k1Native.TryLoad);
    private static readonly Secp256k1Managed ManagedBackend = new();

    private readonly PolymarketPrivateKey _key;
    private readonly ISecp256k1 _curve;
    private readonly byte[] _publicKey = new byte[64];

    /// <summary>Creates a signer; <paramref name="backend"/> null picks <see cref="DefaultBackend"/>.</summary>
    public PolymarketSigner(PolymarketPrivateKey key, PolymarketSigningBackend? backend = null)
    {
        _key = key;
        _curve = Resolve(backend ?? DefaultBackend);
        _curve.GetPublicKey(key.Bytes, _publicKey);
        Address = PolymarketAddress.FromPublicKey(_publicKey);
    }

    /// <summary>Whether libsecp256k1 (with its recovery module) could be loaded.</summary>
    public static bool IsNativeAvailable => NativeBackend.Value is not null;

    /// <summary>Native when available, else managed.</summary>
    public static PolymarketSigningBackend DefaultBackend => IsNativeAvailable ? PolymarketSigningBackend.Native : PolymarketSigningBackend.Managed;

    /// <summary>The EIP-55 address of the key.</summary>
    public string Address { get; }

    public PolymarketSigningBackend Backend => _curve.Backend;

    /// <summary>Signs a 32-byte digest into 65 bytes r‖s‖v.</summary>
    public void Sign(ReadOnlySpan<byte> digest, Span<byte> signature)
    {
        if (digest.Length != 32 || signature.Length < 65)
        {
            throw new ArgumentException("Sign needs a 32-byte digest and a 65-byte destination.");
        }

        _curve.Sign(digest, _key.Bytes, _publicKey, signature);
    }

    /// <summary>Signs a 32-byte digest; returns r‖s‖v.</summary>
    public byte[] Sign(ReadOnlySpan<byte> digest)
    {
        var signature = new byte[65];
        Sign(digest, signature);
        return signature;
    }

    /// <summary>The EIP-55 address that produced <paramref name="signature"/> over <paramref name="digest"/>, or null.</summary>
    public static string? RecoverAddress(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, PolymarketSigningBackend? backend = null)
    {
        if (digest.Length != 32 || signature.Length != 65)
        {
            return null;
        }

        Span<byte> publicKey = stackalloc byte[64];
        return Resolve(backend ?? DefaultBackend).TryRecover(digest, signature, publicKey) ? PolymarketAddress.FromPublicKey(publicKey) : null;
    }

    public void Dispose() => _key.Dispose();

    public override string ToString() => $"PolymarketSigner({Address}, {Backend})";

    private static ISecp256k1 Resolve(PolymarketSigningBackend backend) => backend switch
    {
        PolymarketSigningBackend.Native => NativeBackend.Value
            ?? throw new InvalidOperationException("libsecp256k1 is not installed (Debian package libsecp256k1-1)."),
        _ => ManagedBackend,
    };
}
