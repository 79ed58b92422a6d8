using System.Globalization;
using Ploy.Core.Orders;

namespace Ploy.Persistence.Tests;

public sealed class DbTextTests
{
    [Fact]
    public void ToEnum_NumericOrWrongCaseText_IsRejected()
    {
        Assert.Equal(OrderStatus.PartiallyFilled, DbText.ToEnum<OrderStatus>("PartiallyFilled"));
        Assert.Throws<FormatException>(() => DbText.ToEnum<OrderStatus>("3"));
        Assert.Throws<FormatException>(() => DbText.ToEnum<OrderStatus>("filled"));
    }

    [Fact]
    public void FromTimestamp_AnyOffset_WritesSortableUtc()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)).AddTicks(7);

        var text = DbText.FromTimestamp(at);

        Assert.Equal("2026-01-02T08:04:05.0000007Z", text);
        Assert.Equal(at, DbText.ToTimestamp(text));
    }

    [Fact]
    public void ToDecimal_ExponentOrGrouping_IsRejected()
    {
        Assert.Equal(-1.5m, DbText.ToDecimal("-1.5"));
        Assert.Throws<FormatException>(() => DbText.ToDecimal("1e3"));
        Assert.Throws<FormatException>(() => DbText.ToDecimal("1,000"));
        Assert.Equal("1.500", DbText.FromDecimal(decimal.Parse("1.500", CultureInfo.InvariantCulture)));
    }
}
