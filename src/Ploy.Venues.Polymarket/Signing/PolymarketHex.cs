namespace Ploy.Venues.Polymarket.Signing;

/// <summary>0x-prefixed lower-case hex, as the venue and the reference client write hashes and signatures.</summary>
public static class PolymarketHex
{
    /// <summary>"0x" followed by lower-case hex of <paramref name="bytes"/>.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var length = 2 + (bytes.Length * 2);
        var buffer = length <= 1024 ? stackalloc char[length] : new char[length];
        Encode(bytes, buffer);
        return new string(buffer[..length]);
    }

    /// <summary>Writes "0x…" into <paramref name="destination"/>; returns the characters written.</summary>
    public static int Encode(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        var length = 2 + (bytes.Length * 2);
        if (destination.Length < length)
        {
            throw new ArgumentException("Destination too small.", nameof(destination));
        }

        destination[0] = '0';
        destination[1] = 'x';
        Convert.TryToHexStringLower(bytes, destination[2..], out _);
        return length;
    }

    /// <summary>Decodes hex with or without "0x" into a new array.</summary>
    public static byte[] Decode(ReadOnlySpan<char> hex)
    {
        hex = StripPrefix(hex);
        return Convert.FromHexString(hex);
    }

    /// <summary>Decodes hex (optional "0x") of exactly <paramref name="destination"/>'s length.</summary>
    public static void Decode(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        hex = StripPrefix(hex);
        if (hex.Length != destination.Length * 2
            || Convert.FromHexString(hex, destination, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != destination.Length)
        {
            throw new FormatException($"Expected {destination.Length} bytes of hex.");
        }
    }

    private static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> hex) =>
        hex.Length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X') ? hex[2..] : hex;
}
