namespace Ploy.Venues.Polymarket.Conformance;

/// <summary>Records the first field where a vector and our result differ.</summary>
internal sealed class PolymarketVectorCheck
{
    public string? FirstDifference { get; private set; }

    public bool Passed => FirstDifference is null;

    /// <summary>Compares exactly (ordinal); returns whether the vector still passes.</summary>
    public bool Equal(string field, string? expected, string? actual)
    {
        if (FirstDifference is null && !string.Equals(expected, actual, StringComparison.Ordinal))
        {
            FirstDifference = $"{field}: expected {Show(expected)}, got {Show(actual)}";
        }

        return FirstDifference is null;
    }

    /// <summary>Compares hex case-insensitively (hashes, signatures).</summary>
    public bool EqualHex(string field, string? expected, string? actual)
    {
        if (FirstDifference is null && !string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            FirstDifference = $"{field}: expected {Show(expected)}, got {Show(actual)}";
        }

        return FirstDifference is null;
    }

    public void Fail(string reason) => FirstDifference ??= reason;

    private static string Show(string? value) => value is null ? "null" : value.Length > 400 ? $"\"{value[..400]}…\" ({value.Length} chars)" : $"\"{value}\"";
}
