namespace Ploy.Venues.Polymarket.Signing;

/// <summary>Ethereum addresses: derivation from a public key and EIP-55 checksum casing.</summary>
public static class PolymarketAddress
{
    /// <summary>The address of an uncompressed public key (65 bytes with the 0x04 prefix, or the 64 raw bytes).</summary>
    public static string FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length == 65 && publicKey[0] == 0x04)
        {
            publicKey = publicKey[1..];
        }

        if (publicKey.Length != 64)
        {
            throw new ArgumentException("Expected an uncompressed secp256k1 public key.", nameof(publicKey));
        }

        Span<byte> hash = stackalloc byte[32];
        PolymarketKeccak256.Hash(publicKey, hash);
        return ToChecksum(hash[12..]);
    }

    /// <summary>EIP-55 mixed-case form of a 20-byte address.</summary>
    public static string ToChecksum(ReadOnlySpan<byte> address)
    {
        if (address.Length != 20)
        {
            throw new ArgumentException("An address has 20 bytes.", nameof(address));
        }

        Span<char> chars = stackalloc char[42];
        chars[0] = '0';
        chars[1] = 'x';
        Convert.TryToHexStringLower(address, chars[2..], out _);

        Span<byte> lowerAscii = stackalloc byte[40];
        for (var i = 0; i < 40; i++)
        {
            lowerAscii[i] = (byte)chars[2 + i];
        }

        Span<byte> hash = stackalloc byte[32];
        PolymarketKeccak256.Hash(lowerAscii, hash);
        for (var i = 0; i < 40; i++)
        {
            var nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f;
            if (nibble >= 8 && chars[2 + i] is >= 'a' and <= 'f')
            {
                chars[2 + i] = (char)(chars[2 + i] - 32);
            }
        }

        return new string(chars);
    }

    /// <summary>EIP-55 form of an address given as hex in any case.</summary>
    public static string ToChecksum(string address)
    {
        Span<byte> bytes = stackalloc byte[20];
        PolymarketHex.Decode(address, bytes);
        return ToChecksum(bytes);
    }

    /// <summary>Whether two addresses are the same, ignoring case.</summary>
    public static bool AreEqual(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
