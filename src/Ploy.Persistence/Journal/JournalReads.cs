using System.Data.Common;
using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Persistence.Journal;

/// <summary>The journal's queries, the same SQL on both providers; each runs in the caller's transaction.</summary>
internal static class JournalReads
{
    /// <summary>Everything a restart needs; the caller's transaction gives the statements one view.</summary>
    public static async Task<JournalSnapshot> SnapshotAsync(JournalSession session, CancellationToken cancellationToken)
    {
        var orders = await OrdersAsync(session, cancellationToken);
        var fills = await FillsAsync(session, cancellationToken);
        var portfolio = await PortfolioAsync(session, cancellationToken);
        var killSwitch = await KillSwitchAsync(session, cancellationToken);
        await using var afterCommand = session.Command(FillsAfterPortfolio.Sql);
        var after = await FillsAfterPortfolio.SelectAsync(afterCommand.Inner, portfolio is not null, fills, cancellationToken);
        return new JournalSnapshot(orders, fills, portfolio, killSwitch) { FillsAfterPortfolio = after };
    }

    public static async Task<DailyRiskState?> DailyRiskAsync(JournalSession session, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT realized_pnl, orders_placed, risk_denials FROM daily_risk WHERE day = @day");
        command.Day("@day", day);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? JournalRows.DailyRisk(day, reader, session.Dialect) : null;
    }

    public static async Task<JournalCounts> CountsAsync(JournalSession session, CancellationToken cancellationToken)
    {
        var byStatus = new Dictionary<OrderStatus, long>();
        await using (var command = session.Command("SELECT status, COUNT(*) FROM orders GROUP BY status"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                byStatus[DbText.ToEnum<OrderStatus>(reader.GetString(0))] = reader.GetInt64(1);
            }
        }

        await using var counts = session.Command("SELECT (SELECT COUNT(*) FROM fills), (SELECT COUNT(*) FROM order_events)");
        await using var countReader = await counts.ExecuteReaderAsync(cancellationToken);
        await countReader.ReadAsync(cancellationToken);
        return new JournalCounts(byStatus, countReader.GetInt64(0), countReader.GetInt64(1));
    }

    public static async Task<IReadOnlyList<OrderTransitionRecord>> OrderEventsAsync(
        JournalSession session, ClientOrderId order, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            $"SELECT {JournalRows.EventColumns} FROM order_events WHERE client_order_id = @id ORDER BY id");
        command.Text("@id", order.Value);
        return await ListAsync(command, reader => JournalRows.Event(order, reader, session.Dialect), cancellationToken);
    }

    private static async Task<IReadOnlyList<JournaledOrder>> OrdersAsync(JournalSession session, CancellationToken cancellationToken)
    {
        await using var command = session.Command($"SELECT {JournalRows.OrderColumns} FROM orders ORDER BY created_at, client_order_id");
        return await ListAsync(command, reader => JournalRows.Order(reader, session.Dialect), cancellationToken);
    }

    private static async Task<IReadOnlyList<Fill>> FillsAsync(JournalSession session, CancellationToken cancellationToken)
    {
        await using var command = session.Command($"SELECT {JournalRows.FillColumns} FROM fills ORDER BY time, trade_id, client_order_id");
        return await ListAsync(command, reader => JournalRows.Fill(reader, session.Dialect), cancellationToken);
    }

    private static async Task<PortfolioSnapshot?> PortfolioAsync(JournalSession session, CancellationToken cancellationToken)
    {
        decimal cash;
        DateTimeOffset at;
        await using (var command = session.Command("SELECT cash, at FROM portfolio_snapshot WHERE id = 1"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            cash = session.Dialect.ReadDecimal(reader, 0);
            at = session.Dialect.ReadTimestamp(reader, 1);
        }

        await using var positionsCommand = session.Command(
            $"SELECT {JournalRows.PositionColumns} FROM portfolio_positions ORDER BY strategy, token_id");
        var positions = await ListAsync(positionsCommand, reader => JournalRows.Position(reader, session.Dialect), cancellationToken);
        return new PortfolioSnapshot(cash, positions, at);
    }

    private static async Task<KillSwitchState?> KillSwitchAsync(JournalSession session, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT halted, reason, changed_at FROM kill_switch WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? JournalRows.KillSwitch(reader, session.Dialect) : null;
    }

    /// <summary>Every row of <paramref name="command"/>'s result, mapped in order.</summary>
    private static async Task<List<T>> ListAsync<T>(JournalCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
