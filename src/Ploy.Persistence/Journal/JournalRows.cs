using System.Data.Common;
using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Persistence.Journal;

/// <summary>
/// Maps the journal's rows to records, the same on both providers: the columns are selected in the orders below, and
/// the dialect reads the values each provider stores differently (money, timestamps, flags).
/// </summary>
internal static class JournalRows
{
    public const string OrderColumns =
        "client_order_id, venue_order_id, strategy, condition_id, token_id, side, price, quantity, order_type, post_only, " +
        "expires_at, tag, payload, fencing_epoch, status, filled, filled_notional, reason, created_at, updated_at";

    public const string FillColumns =
        "trade_id, client_order_id, venue_order_id, token_id, side, price, quantity, fee, is_maker, settlement, time";

    public const string PositionColumns = "strategy, token_id, shares, average_cost, realized_pnl, fees_paid";

    public const string EventColumns = "from_status, to_status, filled, filled_notional, reason, at";

    /// <summary>A row of <see cref="OrderColumns"/>.</summary>
    public static JournaledOrder Order(DbDataReader reader, JournalDialect dialect)
    {
        var intent = new OrderIntent(
            new StrategyId(reader.GetString(2)),
            new ConditionId(reader.GetString(3)),
            new TokenId(reader.GetString(4)),
            DbText.ToEnum<Side>(reader.GetString(5)),
            Price.Of(dialect.ReadDecimal(reader, 6)),
            Size.Of(dialect.ReadDecimal(reader, 7)),
            DbText.ToEnum<OrderType>(reader.GetString(8)),
            dialect.ReadBoolean(reader, 9),
            reader.IsDBNull(10) ? null : dialect.ReadTimestamp(reader, 10),
            NullableText(reader, 11));
        var record = new OrderRecord(
            new ClientOrderId(reader.GetString(0)),
            new VenueOrderId(reader.GetString(1)),
            intent,
            NullableText(reader, 12),
            reader.GetInt64(13),
            dialect.ReadTimestamp(reader, 18));
        return new JournaledOrder(
            record,
            DbText.ToEnum<OrderStatus>(reader.GetString(14)),
            Size.Of(dialect.ReadDecimal(reader, 15)),
            dialect.ReadDecimal(reader, 16),
            NullableText(reader, 17),
            dialect.ReadTimestamp(reader, 19));
    }

    /// <summary>A row of <see cref="FillColumns"/>.</summary>
    public static Fill Fill(DbDataReader reader, JournalDialect dialect) =>
        new(
            new TradeId(reader.GetString(0)),
            new ClientOrderId(reader.GetString(1)),
            new VenueOrderId(reader.GetString(2)),
            new TokenId(reader.GetString(3)),
            DbText.ToEnum<Side>(reader.GetString(4)),
            Price.Of(dialect.ReadDecimal(reader, 5)),
            Size.Of(dialect.ReadDecimal(reader, 6)),
            dialect.ReadDecimal(reader, 7),
            dialect.ReadBoolean(reader, 8),
            dialect.ReadTimestamp(reader, 10),
            DbText.ToEnum<SettlementStatus>(reader.GetString(9)));

    /// <summary>A row of <see cref="PositionColumns"/>.</summary>
    public static PositionSnapshot Position(DbDataReader reader, JournalDialect dialect) =>
        new(
            new StrategyId(reader.GetString(0)),
            new TokenId(reader.GetString(1)),
            dialect.ReadDecimal(reader, 2),
            dialect.ReadDecimal(reader, 3),
            dialect.ReadDecimal(reader, 4),
            dialect.ReadDecimal(reader, 5));

    /// <summary>A row of <see cref="EventColumns"/> in the log of <paramref name="order"/>.</summary>
    public static OrderTransitionRecord Event(ClientOrderId order, DbDataReader reader, JournalDialect dialect) =>
        new(
            order,
            DbText.ToEnum<OrderStatus>(reader.GetString(0)),
            DbText.ToEnum<OrderStatus>(reader.GetString(1)),
            Size.Of(dialect.ReadDecimal(reader, 2)),
            dialect.ReadDecimal(reader, 3),
            NullableText(reader, 4),
            dialect.ReadTimestamp(reader, 5));

    /// <summary>A row of <c>halted, reason, changed_at</c>.</summary>
    public static KillSwitchState KillSwitch(DbDataReader reader, JournalDialect dialect) =>
        new(dialect.ReadBoolean(reader, 0), NullableText(reader, 1), dialect.ReadTimestamp(reader, 2));

    /// <summary>A row of <c>realized_pnl, orders_placed, risk_denials</c> for <paramref name="day"/>.</summary>
    public static DailyRiskState DailyRisk(DateOnly day, DbDataReader reader, JournalDialect dialect) =>
        new(day, dialect.ReadDecimal(reader, 0), reader.GetInt32(1), reader.GetInt32(2));

    private static string? NullableText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
