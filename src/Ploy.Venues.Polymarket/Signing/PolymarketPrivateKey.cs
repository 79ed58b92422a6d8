namespace Ploy.Venues.Polymarket.Signing;

/// <summary>
/// A secp256k1 private key. Its bytes never leave the signing code: <see cref="ToString"/> redacts, and
/// parse errors never quote the input.
/// </summary>
public sealed class PolymarketPrivateKey : IDisposable
{
    private readonly byte[] _bytes;

    private PolymarketPrivateKey(byte[] bytes) => _bytes = bytes;

    /// <summary>Parses 32 bytes of hex, with or without "0x".</summary>
    public static PolymarketPrivateKey Parse(string hex)
    {
        var bytes = new byte[32];
        try
        {
            PolymarketHex.Decode(hex, bytes);
        }
        catch (FormatException)
        {
            // Never echo the input: it is (almost) a key.
            throw new FormatException("A private key is 32 bytes of hex.");
        }

        return new PolymarketPrivateKey(bytes);
    }

    /// <summary>Copies 32 raw bytes.</summary>
    public static PolymarketPrivateKey FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 32 ? new PolymarketPrivateKey(bytes.ToArray()) : throw new ArgumentException("A private key has 32 bytes.", nameof(bytes));

    internal ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Zeroes the key bytes.</summary>
    public void Dispose() => Array.Clear(_bytes);

    public override string ToString() => "PolymarketPrivateKey(***)";
}
