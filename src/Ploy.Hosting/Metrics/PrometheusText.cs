using System.Globalization;
using System.Text;

namespace Ploy.Hosting.Metrics;

/// <summary>Text exposition format 0.0.4: names, escaping and number formatting.</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Maps any instrument name onto [a-zA-Z_:][a-zA-Z0-9_:]* (dots and dashes become underscores).</summary>
    public static string SanitizeName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var valid = true;
        for (var i = 0; i < name.Length && valid; i++)
        {
            valid = IsNameChar(name[i], i == 0, allowColon: true);
        }

        if (valid)
        {
            return name;
        }

        var sb = new StringBuilder(name.Length + 1);
        if (!IsNameChar(name[0], first: true, allowColon: true) && IsNameChar(name[0], first: false, allowColon: true))
        {
            sb.Append('_');
        }

        foreach (var c in name)
        {
            sb.Append(IsNameChar(c, first: false, allowColon: true) ? c : '_');
        }

        return sb.ToString();
    }

    /// <summary>Label names may not contain colons and may not start with a digit.</summary>
    public static string SanitizeLabelName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var sb = new StringBuilder(name.Length + 1);
        if (!IsNameChar(name[0], first: true, allowColon: false))
        {
            sb.Append('_');
        }

        foreach (var c in name)
        {
            sb.Append(IsNameChar(c, first: false, allowColon: false) ? c : '_');
        }

        return sb.ToString();
    }

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0)
        {
            return value;
        }

        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>HELP text escapes backslash and line feed only.</summary>
    public static string EscapeHelp(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    public static string FormatValue(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        return double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a label value object without the current culture.</summary>
    public static string FormatLabelValue(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => FormatValue(d),
        float f => FormatValue(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static bool IsNameChar(char c, bool first, bool allowColon) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (allowColon && c == ':') || (!first && c is >= '0' and <= '9');
}
