using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Persistence.Journal;

/// <summary>The journal's write statements, the same SQL on both providers; each runs in the caller's write transaction.</summary>
internal static class JournalWrites
{
    public static async Task RecordOrderAsync(JournalSession session, OrderRecord order, CancellationToken cancellationToken)
    {
        var intent = order.Intent;
        await using (var command = session.Command(
            $"INSERT INTO orders ({JournalRows.OrderColumns}) VALUES (@id, @venue_id, @strategy, @condition, @token, @side, @price, @quantity, " +
            "@type, @post_only, @expires_at, @tag, @payload, @epoch, @status, @filled, @filled_notional, NULL, @created_at, @created_at)"))
        {
            command.Text("@id", order.Id.Value);
            command.Text("@venue_id", order.VenueId.Value);
            command.Text("@strategy", intent.Strategy.Value);
            command.Text("@condition", intent.Condition.Value);
            command.Text("@token", intent.Token.Value);
            command.Text("@side", DbText.FromEnum(intent.Side));
            command.Decimal("@price", intent.LimitPrice.Value);
            command.Decimal("@quantity", intent.Quantity.Shares);
            command.Text("@type", DbText.FromEnum(intent.Type));
            command.Boolean("@post_only", intent.PostOnly);
            command.Timestamp("@expires_at", intent.ExpiresAt);
            command.Text("@tag", intent.Tag);
            command.Text("@payload", order.Payload);
            command.Int64("@epoch", order.FencingEpoch);
            command.Text("@status", DbText.FromEnum(OrderStatus.Journaled));
            command.Decimal("@filled", 0m);
            command.Decimal("@filled_notional", 0m);
            command.Timestamp("@created_at", order.CreatedAt);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // The log starts with the journaling itself, so it holds an order's whole life.
        await InsertEventAsync(
            session,
            new OrderTransitionRecord(order.Id, OrderStatus.Created, OrderStatus.Journaled, Size.Zero, 0m, null, order.CreatedAt),
            cancellationToken);
    }

    /// <summary>Updates the order row and appends the event; an order that was never journaled throws.</summary>
    public static async Task RecordTransitionAsync(JournalSession session, OrderTransitionRecord transition, CancellationToken cancellationToken)
    {
        int updated;
        await using (var command = session.Command(
            "UPDATE orders SET status = @to, filled = @filled, filled_notional = @filled_notional, " +
            "reason = COALESCE(@reason, reason), updated_at = @at WHERE client_order_id = @id"))
        {
            command.Text("@id", transition.Id.Value);
            command.Text("@to", DbText.FromEnum(transition.To));
            command.Decimal("@filled", transition.Filled.Shares);
            command.Decimal("@filled_notional", transition.FilledNotional);
            command.Text("@reason", transition.Reason);
            command.Timestamp("@at", transition.At);
            updated = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (updated != 1)
        {
            throw new InvalidOperationException($"Order {transition.Id} is not journaled; cannot record {transition.From} -> {transition.To}.");
        }

        await InsertEventAsync(session, transition, cancellationToken);
    }

    /// <summary>True when the fill was new; false (and no change) when its trade and order are already stored.</summary>
    public static async Task<bool> RecordFillAsync(JournalSession session, Fill fill, CancellationToken cancellationToken)
    {
        await using var command = session.Command(session.Dialect.InsertFillSql);
        command.Text("@trade", fill.Trade.Value);
        command.Text("@order", fill.Order.Value);
        command.Text("@venue_order", fill.VenueOrder.Value);
        command.Text("@token", fill.Token.Value);
        command.Text("@side", DbText.FromEnum(fill.Side));
        command.Decimal("@price", fill.Price.Value);
        command.Decimal("@quantity", fill.Quantity.Shares);
        command.Decimal("@fee", fill.Fee);
        command.Boolean("@is_maker", fill.IsMaker);
        command.Text("@settlement", DbText.FromEnum(fill.Settlement));
        command.Timestamp("@time", fill.Time);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Replaces the stored portfolio (cash and every position) with <paramref name="snapshot"/>.</summary>
    public static async Task SavePortfolioAsync(JournalSession session, PortfolioSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using (var command = session.Command(
            // The snapshot holds every fill journaled so far (fills are journaled before they are applied).
            "INSERT INTO portfolio_snapshot (id, cash, at, fills_through) VALUES (1, @cash, @at, (SELECT coalesce(max(seq), 0) FROM fills)) " +
            "ON CONFLICT (id) DO UPDATE SET cash = excluded.cash, at = excluded.at, fills_through = excluded.fills_through"))
        {
            command.Decimal("@cash", snapshot.Cash);
            command.Timestamp("@at", snapshot.At);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = session.Command("DELETE FROM portfolio_positions"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = session.Command(
            $"INSERT INTO portfolio_positions ({JournalRows.PositionColumns}) VALUES (@strategy, @token, @shares, @average_cost, @realized, @fees)"))
        {
            foreach (var position in snapshot.Positions)
            {
                command.ClearParameters();
                command.Text("@strategy", position.Strategy.Value);
                command.Text("@token", position.Token.Value);
                command.Decimal("@shares", position.Shares);
                command.Decimal("@average_cost", position.AverageCost);
                command.Decimal("@realized", position.RealizedPnl);
                command.Decimal("@fees", position.FeesPaid);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public static async Task SaveKillSwitchAsync(JournalSession session, KillSwitchState state, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "INSERT INTO kill_switch (id, halted, reason, changed_at) VALUES (1, @halted, @reason, @changed_at) " +
            "ON CONFLICT (id) DO UPDATE SET halted = excluded.halted, reason = excluded.reason, changed_at = excluded.changed_at");
        command.Boolean("@halted", state.Halted);
        command.Text("@reason", state.Reason);
        command.Timestamp("@changed_at", state.ChangedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task SaveDailyRiskAsync(
        JournalSession session, DailyRiskState state, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "INSERT INTO daily_risk (day, realized_pnl, orders_placed, risk_denials, updated_at) " +
            "VALUES (@day, @realized, @placed, @denials, @updated_at) ON CONFLICT (day) DO UPDATE SET " +
            "realized_pnl = excluded.realized_pnl, orders_placed = excluded.orders_placed, " +
            "risk_denials = excluded.risk_denials, updated_at = excluded.updated_at");
        command.Day("@day", state.Day);
        command.Decimal("@realized", state.RealizedPnl);
        command.Int32("@placed", state.OrdersPlaced);
        command.Int32("@denials", state.RiskDenials);
        command.Timestamp("@updated_at", updatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertEventAsync(JournalSession session, OrderTransitionRecord transition, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            $"INSERT INTO order_events (client_order_id, {JournalRows.EventColumns}) " +
            "VALUES (@id, @from, @to, @filled, @filled_notional, @reason, @at)");
        command.Text("@id", transition.Id.Value);
        command.Text("@from", DbText.FromEnum(transition.From));
        command.Text("@to", DbText.FromEnum(transition.To));
        command.Decimal("@filled", transition.Filled.Shares);
        command.Decimal("@filled_notional", transition.FilledNotional);
        command.Text("@reason", transition.Reason);
        command.Timestamp("@at", transition.At);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
