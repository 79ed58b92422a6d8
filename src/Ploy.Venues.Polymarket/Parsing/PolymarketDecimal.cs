using System.Buffers.Text;
using System.Globalization;

namespace Ploy.Venues.Polymarket.Parsing;

/// <summary>The venue's decimal strings ("0.52", "10", and in docs examples ".48"), parsed invariantly without allocating.</summary>
public static class PolymarketDecimal
{
    /// <summary>Parses UTF-8 digits; accepts a missing leading zero. Empty fails.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out decimal value)
    {
        if (utf8.IsEmpty)
        {
            value = 0m;
            return false;
        }

        // Venue quirk: docs examples send ".48" (protocol reference §7); Utf8Parser wants a leading digit.
        if (utf8[0] == (byte)'.')
        {
            Span<byte> padded = stackalloc byte[Math.Min(utf8.Length + 1, 64)];
            if (utf8.Length + 1 > padded.Length)
            {
                value = 0m;
                return false;
            }

            padded[0] = (byte)'0';
            utf8.CopyTo(padded[1..]);
            return Utf8Parser.TryParse(padded, out value, out var used) && used == padded.Length;
        }

        return Utf8Parser.TryParse(utf8, out value, out var consumed) && consumed == utf8.Length;
    }

    public static bool TryParse(string? text, out decimal value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = 0m;
            return false;
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses, or 0 for null, empty or garbage (for optional amounts the venue sends as <c>""</c>).</summary>
    public static decimal OrZero(string? text) => TryParse(text, out var value) ? value : 0m;

    /// <summary>Parses a decimal string that must be present.</summary>
    public static decimal Parse(string? text, string field) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{field}' is not a decimal string.");
}
