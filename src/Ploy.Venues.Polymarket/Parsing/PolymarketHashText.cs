using System.Runtime.CompilerServices;
using System.Text;

namespace Ploy.Venues.Polymarket.Parsing;

/// <summary>A book hash as received (hex, up to 64 ASCII characters), held inline so parsing allocates nothing.</summary>
internal struct PolymarketHashText
{
    private Buffer64 _bytes;
    private byte _length;

    public readonly int Length => _length;

    public readonly bool IsEmpty => _length == 0;

    public void Set(ReadOnlySpan<byte> utf8)
    {
        var length = Math.Min(utf8.Length, 64);
        utf8[..length].CopyTo(_bytes);
        _length = (byte)length;
    }

    public void Clear() => _length = 0;

    /// <summary>Case-insensitive comparison with 20 raw SHA-1 bytes.</summary>
    public readonly bool Matches(ReadOnlySpan<byte> digest)
    {
        if (_length != digest.Length * 2)
        {
            return false;
        }

        ReadOnlySpan<byte> text = _bytes;
        for (var i = 0; i < digest.Length; i++)
        {
            if (Nibble(text[2 * i]) != digest[i] >> 4 || Nibble(text[(2 * i) + 1]) != (digest[i] & 0xF))
            {
                return false;
            }
        }

        return true;
    }

    public override readonly string ToString()
    {
        ReadOnlySpan<byte> text = _bytes;
        return Encoding.ASCII.GetString(text[.._length]);
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    [InlineArray(64)]
    private struct Buffer64
    {
        private byte _element;
    }
}
