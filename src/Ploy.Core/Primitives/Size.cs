using System.Globalization;

namespace Ploy.Core.Primitives;

/// <summary>
/// A non-negative number of outcome shares, exact to the venue's 6 base-unit decimals.
/// Orders are sized in hundredths (the venue truncates order sizes to 2 decimals); fills may be finer.
/// </summary>
public readonly record struct Size : IComparable<Size>
{
    /// <summary>Base units per share (both pUSD and outcome tokens have 6 decimals).</summary>
    public const long MicrosPerShare = 1_000_000;

    public static readonly Size Zero;

    private Size(decimal shares) => Shares = shares;

    public decimal Shares { get; }

    public bool IsZero => Shares == 0m;

    /// <summary>The size in 10⁻⁶ share base units.</summary>
    public long Micros => (long)(Shares * MicrosPerShare);

    public static Size Of(decimal shares) =>
        TryCreate(shares, out var size)
            ? size
            : throw new ArgumentOutOfRangeException(nameof(shares), shares, "A size must be ≥ 0 with at most 6 decimals.");

    public static bool TryCreate(decimal shares, out Size size)
    {
        if (shares < 0m || decimal.Round(shares, 6) != shares)
        {
            size = default;
            return false;
        }

        size = new Size(shares);
        return true;
    }

    public static Size FromMicros(long micros) =>
        micros >= 0
            ? new(micros / (decimal)MicrosPerShare)
            : throw new ArgumentOutOfRangeException(nameof(micros), micros, "A size must be ≥ 0.");

    /// <summary>Truncates to whole hundredths, as the venue's client does for order sizes.</summary>
    public Size TruncateToLot() => new(decimal.Truncate(Shares * 100m) / 100m);

    public int CompareTo(Size other) => Shares.CompareTo(other.Shares);

    public static Size operator +(Size left, Size right) => new(left.Shares + right.Shares);

    public static Size operator -(Size left, Size right) =>
        left.Shares >= right.Shares ? new(left.Shares - right.Shares) : throw new InvalidOperationException("Size would become negative.");

    public static bool operator <(Size left, Size right) => left.Shares < right.Shares;

    public static bool operator >(Size left, Size right) => left.Shares > right.Shares;

    public static bool operator <=(Size left, Size right) => left.Shares <= right.Shares;

    public static bool operator >=(Size left, Size right) => left.Shares >= right.Shares;

    public static Size Min(Size a, Size b) => a <= b ? a : b;

    public override string ToString() => Shares.ToString("0.######", CultureInfo.InvariantCulture);
}
