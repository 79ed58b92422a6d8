using System.Globalization;

namespace Ploy.Core.Primitives;

/// <summary>
/// A probability price strictly between 0 and 1, exact as a decimal. <see cref="Units"/> is the price in
/// 0.0001 steps, the finest venue grid, so order books can index levels without floating point.
/// </summary>
public readonly record struct Price : IComparable<Price>
{
    /// <summary>The finest price step any venue grid uses.</summary>
    public const decimal Unit = 0.0001m;

    /// <summary>Number of <see cref="Unit"/>s in 1.0.</summary>
    public const int UnitsPerOne = 10_000;

    private Price(decimal value) => Value = value;

    public decimal Value { get; }

    public int Units => (int)(Value * UnitsPerOne);

    /// <summary>The complementary outcome's price (1 − p): a YES bid at p is a NO ask at 1 − p.</summary>
    public Price Complement => new(1m - Value);

    public static Price Of(decimal value) =>
        TryCreate(value, out var price)
            ? price
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A price must lie strictly between 0 and 1 on the 0.0001 grid.");

    public static bool TryCreate(decimal value, out Price price)
    {
        if (value <= 0m || value >= 1m || value % Unit != 0m)
        {
            price = default;
            return false;
        }

        price = new Price(value);
        return true;
    }

    /// <summary>A price that must also be on <paramref name="tick"/>'s grid and inside its range.</summary>
    public static bool TryCreate(decimal value, TickSize tick, out Price price)
    {
        if (!tick.IsOnGrid(value))
        {
            price = default;
            return false;
        }

        return TryCreate(value, out price);
    }

    /// <summary>A price from whole 0.0001 units: on the grid by construction, so only the range is checked (hot path).</summary>
    public static Price FromUnits(int units) =>
        units is > 0 and < UnitsPerOne
            ? new Price(units * Unit)
            : throw new ArgumentOutOfRangeException(nameof(units), units, "A price must lie strictly between 0 and 1.");

    public int CompareTo(Price other) => Value.CompareTo(other.Value);

    public static bool operator <(Price left, Price right) => left.Value < right.Value;

    public static bool operator >(Price left, Price right) => left.Value > right.Value;

    public static bool operator <=(Price left, Price right) => left.Value <= right.Value;

    public static bool operator >=(Price left, Price right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString("0.####", CultureInfo.InvariantCulture);
}
