using System.Data;
using Npgsql;
using NpgsqlTypes;
using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Persistence.Postgres;

/// <summary>
/// The shared journal for multi-instance deployments. Every call runs in its own transaction on a pooled
/// connection and has committed when it returns. Failures are never swallowed: they throw, and the
/// gateway fails closed.
/// </summary>
public sealed class PostgresJournal : IJournalStore, IDisposable
{
    private const string OrderColumns =
        "client_order_id, venue_order_id, strategy, condition_id, token_id, side, price, quantity, order_type, post_only, " +
        "expires_at, tag, payload, fencing_epoch, status, filled, filled_notional, reason, created_at, updated_at";

    private const string FillColumns =
        "trade_id, client_order_id, venue_order_id, token_id, side, price, quantity, fee, is_maker, settlement, time";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly TimeProvider _timeProvider;
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>A journal on a data source the caller owns (and disposes).</summary>
    public PostgresJournal(NpgsqlDataSource dataSource, TimeProvider timeProvider)
        : this(dataSource, ownsDataSource: false, timeProvider)
    {
    }

    /// <summary>A journal that builds and owns its data source.</summary>
    public PostgresJournal(string connectionString, TimeProvider timeProvider)
        : this(NpgsqlDataSource.Create(connectionString), ownsDataSource: true, timeProvider)
    {
    }

    private PostgresJournal(NpgsqlDataSource dataSource, bool ownsDataSource, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _timeProvider = timeProvider;
    }

    /// <summary>Applies pending migrations under the migration advisory lock, verifying applied checksums.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await PostgresDatabase.CreateMigrationRunner(_dataSource, _timeProvider).MigrateAsync(cancellationToken);
        _initialized = true;
    }

    public Task RecordOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return InTransactionAsync(
            IsolationLevel.ReadCommitted,
            async (connection, transaction) =>
            {
                var intent = order.Intent;
                await using (var command = Command(connection, transaction,
                    $"INSERT INTO orders ({OrderColumns}) VALUES (@id, @venue_id, @strategy, @condition, @token, @side, @price, @quantity, " +
                    "@type, @post_only, @expires_at, @tag, @payload, @epoch, @status, 0, 0, NULL, @created_at, @created_at)"))
                {
                    Text(command, "id", order.Id.Value);
                    Text(command, "venue_id", order.VenueId.Value);
                    Text(command, "strategy", intent.Strategy.Value);
                    Text(command, "condition", intent.Condition.Value);
                    Text(command, "token", intent.Token.Value);
                    Text(command, "side", DbText.FromEnum(intent.Side));
                    Numeric(command, "price", intent.LimitPrice.Value);
                    Numeric(command, "quantity", intent.Quantity.Shares);
                    Text(command, "type", DbText.FromEnum(intent.Type));
                    command.Parameters.Add(new NpgsqlParameter("post_only", NpgsqlDbType.Boolean) { Value = intent.PostOnly });
                    Timestamp(command, "expires_at", intent.ExpiresAt);
                    Text(command, "tag", intent.Tag);
                    Text(command, "payload", order.Payload);
                    command.Parameters.Add(new NpgsqlParameter("epoch", NpgsqlDbType.Bigint) { Value = order.FencingEpoch });
                    Text(command, "status", DbText.FromEnum(OrderStatus.Journaled));
                    Timestamp(command, "created_at", order.CreatedAt);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                // The log starts with the journaling itself, so it holds an order's whole life.
                await InsertEventAsync(
                    connection,
                    transaction,
                    new OrderTransitionRecord(order.Id, OrderStatus.Created, OrderStatus.Journaled, Size.Zero, 0m, null, order.CreatedAt),
                    cancellationToken);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Same semantics as <see cref="Sqlite.SqliteJournal.RecordTransitionAsync"/>.</summary>
    public Task RecordTransitionAsync(OrderTransitionRecord transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return InTransactionAsync(
            IsolationLevel.ReadCommitted,
            async (connection, transaction) =>
            {
                int updated;
                await using (var command = Command(connection, transaction,
                    "UPDATE orders SET status = @to, filled = @filled, filled_notional = @filled_notional, " +
                    "reason = COALESCE(@reason, reason), updated_at = @at WHERE client_order_id = @id"))
                {
                    Text(command, "id", transition.Id.Value);
                    Text(command, "to", DbText.FromEnum(transition.To));
                    Numeric(command, "filled", transition.Filled.Shares);
                    Numeric(command, "filled_notional", transition.FilledNotional);
                    Text(command, "reason", transition.Reason);
                    Timestamp(command, "at", transition.At);
                    updated = await command.ExecuteNonQueryAsync(cancellationToken);
                }

                if (updated != 1)
                {
                    throw new InvalidOperationException($"Order {transition.Id} is not journaled; cannot record {transition.From} -> {transition.To}.");
                }

                await InsertEventAsync(connection, transaction, transition, cancellationToken);
                return true;
            },
            cancellationToken);
    }

    public Task<bool> RecordFillAsync(Fill fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return InTransactionAsync(
            IsolationLevel.ReadCommitted,
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction,
                    $"INSERT INTO fills ({FillColumns}) VALUES (@trade, @order, @venue_order, @token, @side, @price, @quantity, @fee, " +
                    "@is_maker, @settlement, @time) ON CONFLICT (trade_id, client_order_id) DO NOTHING");
                Text(command, "trade", fill.Trade.Value);
                Text(command, "order", fill.Order.Value);
                Text(command, "venue_order", fill.VenueOrder.Value);
                Text(command, "token", fill.Token.Value);
                Text(command, "side", DbText.FromEnum(fill.Side));
                Numeric(command, "price", fill.Price.Value);
                Numeric(command, "quantity", fill.Quantity.Shares);
                Numeric(command, "fee", fill.Fee);
                command.Parameters.Add(new NpgsqlParameter("is_maker", NpgsqlDbType.Boolean) { Value = fill.IsMaker });
                Text(command, "settlement", DbText.FromEnum(fill.Settlement));
                Timestamp(command, "time", fill.Time);
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);
    }

    /// <summary>Replaces the stored portfolio (cash and every position) with <paramref name="snapshot"/>.</summary>
    public Task SavePortfolioAsync(PortfolioSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return InTransactionAsync(
            IsolationLevel.ReadCommitted,
            async (connection, transaction) =>
            {
                await using (var command = Command(connection, transaction,
                    // The snapshot holds every fill journaled so far (fills are journaled before they are applied).
                    "INSERT INTO portfolio_snapshot (id, cash, at, fills_through) VALUES (1, @cash, @at, (SELECT coalesce(max(seq), 0) FROM fills)) " +
                    "ON CONFLICT (id) DO UPDATE SET cash = excluded.cash, at = excluded.at, fills_through = excluded.fills_through"))
                {
                    Numeric(command, "cash", snapshot.Cash);
                    Timestamp(command, "at", snapshot.At);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var command = Command(connection, transaction, "DELETE FROM portfolio_positions"))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                foreach (var position in snapshot.Positions)
                {
                    await using var command = Command(connection, transaction,
                        "INSERT INTO portfolio_positions (strategy, token_id, shares, average_cost, realized_pnl, fees_paid) " +
                        "VALUES (@strategy, @token, @shares, @average_cost, @realized, @fees)");
                    Text(command, "strategy", position.Strategy.Value);
                    Text(command, "token", position.Token.Value);
                    Numeric(command, "shares", position.Shares);
                    Numeric(command, "average_cost", position.AverageCost);
                    Numeric(command, "realized", position.RealizedPnl);
                    Numeric(command, "fees", position.FeesPaid);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                return true;
            },
            cancellationToken);
    }

    public Task SaveKillSwitchAsync(KillSwitchState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return InTransactionAsync(
            IsolationLevel.ReadCommitted,
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction,
                    "INSERT INTO kill_switch (id, halted, reason, changed_at) VALUES (1, @halted, @reason, @changed_at) " +
                    "ON CONFLICT (id) DO UPDATE SET halted = excluded.halted, reason = excluded.reason, changed_at = excluded.changed_at");
                command.Parameters.Add(new NpgsqlParameter("halted", NpgsqlDbType.Boolean) { Value = state.Halted });
                Text(command, "reason", state.Reason);
                Timestamp(command, "changed_at", state.ChangedAt);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return true;
            },
            cancellationToken);
    }

    public Task SaveDailyRiskAsync(DailyRiskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return InTransactionAsync(
            IsolationLevel.ReadCommitted,
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction,
                    "INSERT INTO daily_risk (day, realized_pnl, orders_placed, risk_denials, updated_at) " +
                    "VALUES (@day, @realized, @placed, @denials, @updated_at) ON CONFLICT (day) DO UPDATE SET " +
                    "realized_pnl = excluded.realized_pnl, orders_placed = excluded.orders_placed, " +
                    "risk_denials = excluded.risk_denials, updated_at = excluded.updated_at");
                command.Parameters.Add(new NpgsqlParameter("day", NpgsqlDbType.Date) { Value = state.Day });
                Numeric(command, "realized", state.RealizedPnl);
                command.Parameters.Add(new NpgsqlParameter("placed", NpgsqlDbType.Integer) { Value = state.OrdersPlaced });
                command.Parameters.Add(new NpgsqlParameter("denials", NpgsqlDbType.Integer) { Value = state.RiskDenials });
                Timestamp(command, "updated_at", _timeProvider.GetUtcNow());
                await command.ExecuteNonQueryAsync(cancellationToken);
                return true;
            },
            cancellationToken);
    }

    public Task<DailyRiskState?> LoadDailyRiskAsync(DateOnly day, CancellationToken cancellationToken) =>
        InTransactionAsync(
            IsolationLevel.ReadCommitted,
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction,
                    "SELECT realized_pnl, orders_placed, risk_denials FROM daily_risk WHERE day = @day");
                command.Parameters.Add(new NpgsqlParameter("day", NpgsqlDbType.Date) { Value = day });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken)
                    ? new DailyRiskState(day, reader.GetDecimal(0), reader.GetInt32(1), reader.GetInt32(2))
                    : null;
            },
            cancellationToken);

    /// <summary>Everything a restart needs, read in one repeatable-read transaction (a consistent view).</summary>
    public Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken) =>
        InTransactionAsync(
            IsolationLevel.RepeatableRead,
            async (connection, transaction) =>
            {
                var orders = await ReadOrdersAsync(connection, transaction, cancellationToken);
                var fills = await ReadFillsAsync(connection, transaction, cancellationToken);
                var portfolio = await ReadPortfolioAsync(connection, transaction, cancellationToken);
                var killSwitch = await ReadKillSwitchAsync(connection, transaction, cancellationToken);
                await using var afterCommand = Command(connection, transaction, FillsAfterPortfolio.Sql);
                var after = await FillsAfterPortfolio.SelectAsync(afterCommand, portfolio is not null, fills, cancellationToken);
                return new JournalSnapshot(orders, fills, portfolio, killSwitch) { FillsAfterPortfolio = after };
            },
            cancellationToken);

    public Task<JournalCounts> CountsAsync(CancellationToken cancellationToken) =>
        InTransactionAsync(
            IsolationLevel.RepeatableRead,
            async (connection, transaction) =>
            {
                var byStatus = new Dictionary<OrderStatus, long>();
                await using (var command = Command(connection, transaction, "SELECT status, COUNT(*) FROM orders GROUP BY status"))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        byStatus[DbText.ToEnum<OrderStatus>(reader.GetString(0))] = reader.GetInt64(1);
                    }
                }

                await using var counts = Command(connection, transaction,
                    "SELECT (SELECT COUNT(*) FROM fills), (SELECT COUNT(*) FROM order_events)");
                await using var countReader = await counts.ExecuteReaderAsync(cancellationToken);
                await countReader.ReadAsync(cancellationToken);
                return new JournalCounts(byStatus, countReader.GetInt64(0), countReader.GetInt64(1));
            },
            cancellationToken);

    public Task<IReadOnlyList<OrderTransitionRecord>> ReadOrderEventsAsync(ClientOrderId order, CancellationToken cancellationToken) =>
        InTransactionAsync<IReadOnlyList<OrderTransitionRecord>>(
            IsolationLevel.ReadCommitted,
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction,
                    "SELECT from_status, to_status, filled, filled_notional, reason, at FROM order_events WHERE client_order_id = @id ORDER BY id");
                Text(command, "id", order.Value);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var events = new List<OrderTransitionRecord>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    events.Add(new OrderTransitionRecord(
                        order,
                        DbText.ToEnum<OrderStatus>(reader.GetString(0)),
                        DbText.ToEnum<OrderStatus>(reader.GetString(1)),
                        Size.Of(reader.GetDecimal(2)),
                        reader.GetDecimal(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.GetFieldValue<DateTimeOffset>(5)));
                }

                return events;
            },
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<JournaledOrder>> ReadOrdersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {OrderColumns} FROM orders ORDER BY created_at, client_order_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var orders = new List<JournaledOrder>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var intent = new OrderIntent(
                new StrategyId(reader.GetString(2)),
                new ConditionId(reader.GetString(3)),
                new TokenId(reader.GetString(4)),
                DbText.ToEnum<Side>(reader.GetString(5)),
                Price.Of(reader.GetDecimal(6)),
                Size.Of(reader.GetDecimal(7)),
                DbText.ToEnum<OrderType>(reader.GetString(8)),
                reader.GetBoolean(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11));
            var record = new OrderRecord(
                new ClientOrderId(reader.GetString(0)),
                new VenueOrderId(reader.GetString(1)),
                intent,
                reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.GetInt64(13),
                reader.GetFieldValue<DateTimeOffset>(18));
            orders.Add(new JournaledOrder(
                record,
                DbText.ToEnum<OrderStatus>(reader.GetString(14)),
                Size.Of(reader.GetDecimal(15)),
                reader.GetDecimal(16),
                reader.IsDBNull(17) ? null : reader.GetString(17),
                reader.GetFieldValue<DateTimeOffset>(19)));
        }

        return orders;
    }

    private static async Task<IReadOnlyList<Fill>> ReadFillsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {FillColumns} FROM fills ORDER BY time, trade_id, client_order_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var fills = new List<Fill>();
        while (await reader.ReadAsync(cancellationToken))
        {
            fills.Add(new Fill(
                new TradeId(reader.GetString(0)),
                new ClientOrderId(reader.GetString(1)),
                new VenueOrderId(reader.GetString(2)),
                new TokenId(reader.GetString(3)),
                DbText.ToEnum<Side>(reader.GetString(4)),
                Price.Of(reader.GetDecimal(5)),
                Size.Of(reader.GetDecimal(6)),
                reader.GetDecimal(7),
                reader.GetBoolean(8),
                reader.GetFieldValue<DateTimeOffset>(10),
                DbText.ToEnum<SettlementStatus>(reader.GetString(9))));
        }

        return fills;
    }

    private static async Task<PortfolioSnapshot?> ReadPortfolioAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        decimal cash;
        DateTimeOffset at;
        await using (var command = Command(connection, transaction, "SELECT cash, at FROM portfolio_snapshot WHERE id = 1"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            cash = reader.GetDecimal(0);
            at = reader.GetFieldValue<DateTimeOffset>(1);
        }

        await using var positionsCommand = Command(connection, transaction,
            "SELECT strategy, token_id, shares, average_cost, realized_pnl, fees_paid FROM portfolio_positions ORDER BY strategy, token_id");
        await using var positionsReader = await positionsCommand.ExecuteReaderAsync(cancellationToken);
        var positions = new List<PositionSnapshot>();
        while (await positionsReader.ReadAsync(cancellationToken))
        {
            positions.Add(new PositionSnapshot(
                new StrategyId(positionsReader.GetString(0)),
                new TokenId(positionsReader.GetString(1)),
                positionsReader.GetDecimal(2),
                positionsReader.GetDecimal(3),
                positionsReader.GetDecimal(4),
                positionsReader.GetDecimal(5)));
        }

        return new PortfolioSnapshot(cash, positions, at);
    }

    private static async Task<KillSwitchState?> ReadKillSwitchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT halted, reason, changed_at FROM kill_switch WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new KillSwitchState(reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    private static async Task InsertEventAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OrderTransitionRecord transition, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "INSERT INTO order_events (client_order_id, from_status, to_status, filled, filled_notional, reason, at) " +
            "VALUES (@id, @from, @to, @filled, @filled_notional, @reason, @at)");
        Text(command, "id", transition.Id.Value);
        Text(command, "from", DbText.FromEnum(transition.From));
        Text(command, "to", DbText.FromEnum(transition.To));
        Numeric(command, "filled", transition.Filled.Shares);
        Numeric(command, "filled_notional", transition.FilledNotional);
        Text(command, "reason", transition.Reason);
        Timestamp(command, "at", transition.At);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql) =>
        new(sql, connection, transaction);

    private static void Text(NpgsqlCommand command, string name, string? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    private static void Numeric(NpgsqlCommand command, string name, decimal value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Numeric) { Value = value });

    /// <summary>Npgsql writes only UTC offsets to timestamptz; the instant is what counts.</summary>
    private static void Timestamp(NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.ToUniversalTime() : DBNull.Value });

    private async Task<T> InTransactionAsync<T>(
        IsolationLevel isolation, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> body, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            throw new InvalidOperationException("The journal is not initialised: call InitializeAsync first.");
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
        var result = await body(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
