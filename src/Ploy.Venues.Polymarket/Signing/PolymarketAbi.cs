using System.Buffers.Binary;

namespace Ploy.Venues.Polymarket.Signing;

/// <summary>ABI encoding of the static EIP-712 field types (each a 32-byte big-endian word).</summary>
internal static class PolymarketAbi
{
    public static void WriteUInt64(Span<byte> word, ulong value)
    {
        word[..24].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(word[24..], value);
    }

    /// <summary>A uint256 from its decimal string (token ids are 77–78 digits).</summary>
    public static void WriteUInt256Decimal(Span<byte> word, ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            throw new FormatException("Empty uint256.");
        }

        // Four 64-bit limbs, little-endian by limb; multiply by 10 and add each digit.
        Span<ulong> limbs = stackalloc ulong[4];
        limbs.Clear();
        foreach (var ch in digits)
        {
            if (ch is < '0' or > '9')
            {
                throw new FormatException("A uint256 must be a decimal integer.");
            }

            UInt128 carry = (uint)(ch - '0');
            for (var i = 0; i < 4; i++)
            {
                var product = ((UInt128)limbs[i] * 10) + carry;
                limbs[i] = (ulong)product;
                carry = product >> 64;
            }

            if (carry != 0)
            {
                throw new OverflowException("Value exceeds uint256.");
            }
        }

        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(word[((3 - i) * 8)..], limbs[i]);
        }
    }

    /// <summary>An address (20 bytes) left-padded to a word, from "0x…" hex of any case.</summary>
    public static void WriteAddress(Span<byte> word, ReadOnlySpan<char> address)
    {
        word[..12].Clear();
        PolymarketHex.Decode(address, word.Slice(12, 20));
    }

    public static void WriteBytes32(Span<byte> word, ReadOnlySpan<char> hex) => PolymarketHex.Decode(hex, word[..32]);

    public static void WriteKeccakOfUtf8(Span<byte> word, ReadOnlySpan<char> text)
    {
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[max] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = System.Text.Encoding.UTF8.GetBytes(text, buffer);
            PolymarketKeccak256.Hash(buffer[..length], word);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
