namespace Ploy.Core.Primitives;

/// <summary>
/// A venue price increment. Polymarket uses 0.1, 0.01, 0.005, 0.0025, 0.001 and 0.0001; every one is a
/// whole multiple of <see cref="Price.Unit"/>, which lets books index prices by integer.
/// </summary>
public readonly record struct TickSize
{
    private static readonly decimal[] Allowed = [0.1m, 0.01m, 0.005m, 0.0025m, 0.001m, 0.0001m];

    public static readonly TickSize Tenth = new(0.1m);
    public static readonly TickSize Hundredth = new(0.01m);
    public static readonly TickSize Thousandth = new(0.001m);
    public static readonly TickSize TenThousandth = new(0.0001m);

    private TickSize(decimal value) => Value = value;

    public decimal Value { get; }

    /// <summary>Decimals of a price on this grid (0.005 → 3, 0.0025 → 4), as the official client rounds.</summary>
    public int PriceDecimals => Value switch
    {
        0.1m => 1,
        0.01m => 2,
        0.005m or 0.001m => 3,
        _ => 4,
    };

    /// <summary>Grid width in <see cref="Price.Unit"/>s.</summary>
    public int Units => (int)(Value / Price.Unit);

    public decimal MinPrice => Value;

    public decimal MaxPrice => 1m - Value;

    public static bool TryCreate(decimal value, out TickSize tick)
    {
        foreach (var allowed in Allowed)
        {
            if (allowed == value)
            {
                tick = new TickSize(allowed);
                return true;
            }
        }

        tick = default;
        return false;
    }

    public static TickSize Of(decimal value) =>
        TryCreate(value, out var tick)
            ? tick
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a venue tick size (0.1, 0.01, 0.005, 0.0025, 0.001, 0.0001).");

    public bool IsOnGrid(decimal price) => price % Value == 0m && price >= MinPrice && price <= MaxPrice;

    /// <summary>Largest grid price ≤ <paramref name="price"/>, clamped into the tradable range.</summary>
    public decimal RoundDown(decimal price) => Clamp(Math.Floor(price / Value) * Value);

    /// <summary>Smallest grid price ≥ <paramref name="price"/>, clamped into the tradable range.</summary>
    public decimal RoundUp(decimal price) => Clamp(Math.Ceiling(price / Value) * Value);

    /// <summary>Nearest grid price, ties away from zero (half-up, as the venue's client rounds).</summary>
    public decimal RoundNearest(decimal price) => Clamp(Math.Round(price / Value, MidpointRounding.AwayFromZero) * Value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private decimal Clamp(decimal price) => Math.Min(MaxPrice, Math.Max(MinPrice, price));
}
