using System.Globalization;

namespace Ploy.Venues.Polymarket.Orders;

/// <summary>
/// JavaScript number semantics the reference client's rounding depends on: <c>Number.prototype.toString</c>
/// (shortest round-trip digits, plain notation between 1e-7 and 1e21) and the helpers built on it.
/// </summary>
internal static class PolymarketJsNumber
{
    // Number.EPSILON, not double.Epsilon (the smallest subnormal).
    private const double JsEpsilon = 2.220446049250313e-16;

    public static string ToJsString(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        var sign = value < 0 ? "-" : string.Empty;
        // .NET's "R" gives the same shortest round-trip digits as JS but switches to E notation elsewhere.
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var ePos = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = ePos < 0 ? text : text[..ePos];
        var exponent = ePos < 0 ? 0 : int.Parse(text.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? mantissa : mantissa[..dot];
        var fraction = dot < 0 ? string.Empty : mantissa[(dot + 1)..];
        var all = integerPart + fraction;
        var trimmed = all.TrimStart('0');
        var n = integerPart.Length + exponent - (all.Length - trimmed.Length);
        var digits = trimmed.TrimEnd('0');
        var k = digits.Length;

        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (n is > 0 and <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (n is > -6 and <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        var e = n - 1;
        var exponentText = (e >= 0 ? "e+" : "e-") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        return sign + (k == 1 ? digits : digits[..1] + "." + digits[1..]) + exponentText;
    }

    /// <summary>The client's <c>decimalPlaces</c>: characters after "." in <c>toString()</c>.</summary>
    public static int DecimalPlaces(double value)
    {
        if (double.IsFinite(value) && Math.Floor(value) == value)
        {
            return 0;
        }

        var text = ToJsString(value);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.Length - dot - 1;
    }

    public static double RoundNormal(double value, int decimals) =>
        DecimalPlaces(value) <= decimals ? value : JsRound((value + JsEpsilon) * Pow10(decimals)) / Pow10(decimals);

    public static double RoundDown(double value, int decimals) =>
        DecimalPlaces(value) <= decimals ? value : Math.Floor(value * Pow10(decimals)) / Pow10(decimals);

    public static double RoundUp(double value, int decimals) =>
        DecimalPlaces(value) <= decimals ? value : Math.Ceiling(value * Pow10(decimals)) / Pow10(decimals);

    /// <summary>The round-up-at-amount+4-then-truncate guard applied to computed notionals and quotients.</summary>
    public static double FixAmount(double value, int amountDecimals)
    {
        if (DecimalPlaces(value) > amountDecimals)
        {
            value = RoundUp(value, amountDecimals + 4);
            if (DecimalPlaces(value) > amountDecimals)
            {
                value = RoundDown(value, amountDecimals);
            }
        }

        return value;
    }

    /// <summary>viem <c>parseUnits(value.toString(), 6)</c>.</summary>
    public static ulong ParseUnits6(double value)
    {
        var text = ToJsString(value);
        if (text.Contains('e', StringComparison.Ordinal) || text.StartsWith('-'))
        {
            throw new FormatException($"Amount {text} cannot be converted to base units.");
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integer = ulong.Parse(dot < 0 ? text : text[..dot], NumberStyles.None, CultureInfo.InvariantCulture);
        var fraction = dot < 0 ? string.Empty : text[(dot + 1)..].TrimEnd('0');
        if (fraction.Length > 6)
        {
            // viem rounds the 6th digit by Math.round of "<6th digit>.<rest>".
            var left = fraction[..5];
            var unit = fraction[5] - '0';
            var rest = double.Parse("0." + fraction[6..], NumberStyles.Float, CultureInfo.InvariantCulture);
            var rounded = (ulong)(ulong.Parse(left, NumberStyles.None, CultureInfo.InvariantCulture) * 10 + (ulong)unit) + (JsRound(unit + rest) > unit ? 1UL : 0UL);
            return checked((integer * 1_000_000) + rounded);
        }

        var micro = fraction.Length == 0 ? 0 : ulong.Parse(fraction.PadRight(6, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        return checked((integer * 1_000_000) + micro);
    }

    /// <summary>A double as the decimal its JS string spells (what the reference "sees").</summary>
    public static decimal ToDecimal(double value) =>
        decimal.Parse(ToJsString(value), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The double JS would parse from a decimal's text.</summary>
    public static double FromDecimal(decimal value) =>
        double.Parse(value.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    // Math.round: ties toward +∞.
    private static double JsRound(double value) => value >= 0 ? Math.Round(value, MidpointRounding.AwayFromZero) : Math.Floor(value + 0.5);

    private static double Pow10(int decimals) => decimals switch
    {
        0 => 1,
        1 => 10,
        2 => 100,
        3 => 1e3,
        4 => 1e4,
        5 => 1e5,
        6 => 1e6,
        7 => 1e7,
        8 => 1e8,
        9 => 1e9,
        10 => 1e10,
        _ => Math.Pow(10, decimals),
    };
}
