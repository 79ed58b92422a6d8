using Microsoft.Data.Sqlite;
using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Persistence.Sqlite;

/// <summary>
/// The embedded journal: one SQLite file in WAL mode with synchronous=FULL, so every write is durable when
/// its call returns. One connection stays open (the gateway is the single writer); a semaphore makes
/// concurrent calls safe anyway. Failures are never swallowed: they throw, and the gateway fails closed.
/// </summary>
public sealed class SqliteJournal : IJournalStore, IDisposable
{
    private const string OrderColumns =
        "client_order_id, venue_order_id, strategy, condition_id, token_id, side, price, quantity, order_type, post_only, " +
        "expires_at, tag, payload, fencing_epoch, status, filled, filled_notional, reason, created_at, updated_at";

    private const string FillColumns =
        "trade_id, client_order_id, venue_order_id, token_id, side, price, quantity, fee, is_maker, settlement, time";

    private readonly string _path;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _busyTimeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private bool _disposed;

    public SqliteJournal(string path, TimeProvider timeProvider)
        : this(path, timeProvider, SqliteDatabase.DefaultBusyTimeout)
    {
    }

    /// <param name="path">The database file; its directory is created if missing.</param>
    /// <param name="timeProvider">Clock for bookkeeping columns (migration and daily-risk update times).</param>
    /// <param name="busyTimeout">How long a write waits for a lock held elsewhere before it throws.</param>
    public SqliteJournal(string path, TimeProvider timeProvider, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(busyTimeout, TimeSpan.FromMilliseconds(1));
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _timeProvider = timeProvider;
        _busyTimeout = busyTimeout;
    }

    public string FilePath => _path;

    /// <summary>Applies pending migrations (verifying applied checksums), then opens the journal's connection.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await SqliteDatabase.CreateMigrationRunner(_path, _timeProvider).MigrateAsync(cancellationToken);
            _connection ??= await SqliteDatabase.OpenAsync(_path, _busyTimeout, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task RecordOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return WriteAsync(
            async (connection, transaction) =>
            {
                var intent = order.Intent;
                var createdAt = DbText.FromTimestamp(order.CreatedAt);
                var zero = DbText.FromDecimal(0m);
                await using (var command = Command(connection, transaction,
                    $"INSERT INTO orders ({OrderColumns}) VALUES (@id, @venue_id, @strategy, @condition, @token, @side, @price, @quantity, " +
                    "@type, @post_only, @expires_at, @tag, @payload, @epoch, @status, @filled, @filled_notional, NULL, @created_at, @created_at)"))
                {
                    command.Parameters.AddWithValue("@id", order.Id.Value);
                    command.Parameters.AddWithValue("@venue_id", order.VenueId.Value);
                    command.Parameters.AddWithValue("@strategy", intent.Strategy.Value);
                    command.Parameters.AddWithValue("@condition", intent.Condition.Value);
                    command.Parameters.AddWithValue("@token", intent.Token.Value);
                    command.Parameters.AddWithValue("@side", DbText.FromEnum(intent.Side));
                    command.Parameters.AddWithValue("@price", DbText.FromDecimal(intent.LimitPrice.Value));
                    command.Parameters.AddWithValue("@quantity", DbText.FromDecimal(intent.Quantity.Shares));
                    command.Parameters.AddWithValue("@type", DbText.FromEnum(intent.Type));
                    command.Parameters.AddWithValue("@post_only", intent.PostOnly ? 1 : 0);
                    command.Parameters.AddWithValue("@expires_at", intent.ExpiresAt is { } expires ? DbText.FromTimestamp(expires) : DBNull.Value);
                    command.Parameters.AddWithValue("@tag", (object?)intent.Tag ?? DBNull.Value);
                    command.Parameters.AddWithValue("@payload", (object?)order.Payload ?? DBNull.Value);
                    command.Parameters.AddWithValue("@epoch", order.FencingEpoch);
                    command.Parameters.AddWithValue("@status", DbText.FromEnum(OrderStatus.Journaled));
                    command.Parameters.AddWithValue("@filled", zero);
                    command.Parameters.AddWithValue("@filled_notional", zero);
                    command.Parameters.AddWithValue("@created_at", createdAt);
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

    /// <summary>
    /// Updates the order row and appends the event in one transaction; an order that was never journaled
    /// throws. The row is not required to be in <see cref="OrderTransitionRecord.From"/>: after one failed
    /// write the next must still bring the latest state up to date (the venue reconciliation settles any
    /// gap), rather than wedge the order forever. A null reason keeps the stored one, as
    /// <see cref="Order.TransitionTo"/> does.
    /// </summary>
    public Task RecordTransitionAsync(OrderTransitionRecord transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return WriteAsync(
            async (connection, transaction) =>
            {
                int updated;
                await using (var command = Command(connection, transaction,
                    "UPDATE orders SET status = @to, filled = @filled, filled_notional = @filled_notional, " +
                    "reason = COALESCE(@reason, reason), updated_at = @at WHERE client_order_id = @id"))
                {
                    command.Parameters.AddWithValue("@id", transition.Id.Value);
                    command.Parameters.AddWithValue("@to", DbText.FromEnum(transition.To));
                    command.Parameters.AddWithValue("@filled", DbText.FromDecimal(transition.Filled.Shares));
                    command.Parameters.AddWithValue("@filled_notional", DbText.FromDecimal(transition.FilledNotional));
                    command.Parameters.AddWithValue("@reason", (object?)transition.Reason ?? DBNull.Value);
                    command.Parameters.AddWithValue("@at", DbText.FromTimestamp(transition.At));
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
        return WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction,
                    $"INSERT INTO fills ({FillColumns}, seq) VALUES (@trade, @order, @venue_order, @token, @side, @price, @quantity, @fee, " +
                    "@is_maker, @settlement, @time, (SELECT coalesce(max(seq), 0) + 1 FROM fills)) ON CONFLICT (trade_id, client_order_id) DO NOTHING");
                command.Parameters.AddWithValue("@trade", fill.Trade.Value);
                command.Parameters.AddWithValue("@order", fill.Order.Value);
                command.Parameters.AddWithValue("@venue_order", fill.VenueOrder.Value);
                command.Parameters.AddWithValue("@token", fill.Token.Value);
                command.Parameters.AddWithValue("@side", DbText.FromEnum(fill.Side));
                command.Parameters.AddWithValue("@price", DbText.FromDecimal(fill.Price.Value));
                command.Parameters.AddWithValue("@quantity", DbText.FromDecimal(fill.Quantity.Shares));
                command.Parameters.AddWithValue("@fee", DbText.FromDecimal(fill.Fee));
                command.Parameters.AddWithValue("@is_maker", fill.IsMaker ? 1 : 0);
                command.Parameters.AddWithValue("@settlement", DbText.FromEnum(fill.Settlement));
                command.Parameters.AddWithValue("@time", DbText.FromTimestamp(fill.Time));
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);
    }

    /// <summary>Replaces the stored portfolio (cash and every position) with <paramref name="snapshot"/>.</summary>
    public Task SavePortfolioAsync(PortfolioSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await using (var command = Command(connection, transaction,
                    // The snapshot holds every fill journaled so far (fills are journaled before they are applied).
                    "INSERT INTO portfolio_snapshot (id, cash, at, fills_through) VALUES (1, @cash, @at, (SELECT coalesce(max(seq), 0) FROM fills)) " +
                    "ON CONFLICT (id) DO UPDATE SET cash = excluded.cash, at = excluded.at, fills_through = excluded.fills_through; DELETE FROM portfolio_positions"))
                {
                    command.Parameters.AddWithValue("@cash", DbText.FromDecimal(snapshot.Cash));
                    command.Parameters.AddWithValue("@at", DbText.FromTimestamp(snapshot.At));
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var command = Command(connection, transaction,
                    "INSERT INTO portfolio_positions (strategy, token_id, shares, average_cost, realized_pnl, fees_paid) " +
                    "VALUES (@strategy, @token, @shares, @average_cost, @realized, @fees)"))
                {
                    var strategy = command.Parameters.Add("@strategy", SqliteType.Text);
                    var token = command.Parameters.Add("@token", SqliteType.Text);
                    var shares = command.Parameters.Add("@shares", SqliteType.Text);
                    var averageCost = command.Parameters.Add("@average_cost", SqliteType.Text);
                    var realized = command.Parameters.Add("@realized", SqliteType.Text);
                    var fees = command.Parameters.Add("@fees", SqliteType.Text);
                    foreach (var position in snapshot.Positions)
                    {
                        strategy.Value = position.Strategy.Value;
                        token.Value = position.Token.Value;
                        shares.Value = DbText.FromDecimal(position.Shares);
                        averageCost.Value = DbText.FromDecimal(position.AverageCost);
                        realized.Value = DbText.FromDecimal(position.RealizedPnl);
                        fees.Value = DbText.FromDecimal(position.FeesPaid);
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                return true;
            },
            cancellationToken);
    }

    public Task SaveKillSwitchAsync(KillSwitchState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction,
                    "INSERT INTO kill_switch (id, halted, reason, changed_at) VALUES (1, @halted, @reason, @changed_at) " +
                    "ON CONFLICT (id) DO UPDATE SET halted = excluded.halted, reason = excluded.reason, changed_at = excluded.changed_at");
                command.Parameters.AddWithValue("@halted", state.Halted ? 1 : 0);
                command.Parameters.AddWithValue("@reason", (object?)state.Reason ?? DBNull.Value);
                command.Parameters.AddWithValue("@changed_at", DbText.FromTimestamp(state.ChangedAt));
                await command.ExecuteNonQueryAsync(cancellationToken);
                return true;
            },
            cancellationToken);
    }

    public Task SaveDailyRiskAsync(DailyRiskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction,
                    "INSERT INTO daily_risk (day, realized_pnl, orders_placed, risk_denials, updated_at) " +
                    "VALUES (@day, @realized, @placed, @denials, @updated_at) ON CONFLICT (day) DO UPDATE SET " +
                    "realized_pnl = excluded.realized_pnl, orders_placed = excluded.orders_placed, " +
                    "risk_denials = excluded.risk_denials, updated_at = excluded.updated_at");
                command.Parameters.AddWithValue("@day", DbText.FromDay(state.Day));
                command.Parameters.AddWithValue("@realized", DbText.FromDecimal(state.RealizedPnl));
                command.Parameters.AddWithValue("@placed", state.OrdersPlaced);
                command.Parameters.AddWithValue("@denials", state.RiskDenials);
                command.Parameters.AddWithValue("@updated_at", DbText.FromTimestamp(_timeProvider.GetUtcNow()));
                await command.ExecuteNonQueryAsync(cancellationToken);
                return true;
            },
            cancellationToken);
    }

    public Task<DailyRiskState?> LoadDailyRiskAsync(DateOnly day, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction,
                    "SELECT realized_pnl, orders_placed, risk_denials FROM daily_risk WHERE day = @day");
                command.Parameters.AddWithValue("@day", DbText.FromDay(day));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken)
                    ? new DailyRiskState(day, DbText.ToDecimal(reader.GetString(0)), reader.GetInt32(1), reader.GetInt32(2))
                    : null;
            },
            cancellationToken);

    /// <summary>Everything a restart needs, read in one transaction (a consistent view).</summary>
    public Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken) =>
        ReadAsync(
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
        ReadAsync(
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
        ReadAsync<IReadOnlyList<OrderTransitionRecord>>(
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction,
                    "SELECT from_status, to_status, filled, filled_notional, reason, at FROM order_events WHERE client_order_id = @id ORDER BY id");
                command.Parameters.AddWithValue("@id", order.Value);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var events = new List<OrderTransitionRecord>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    events.Add(new OrderTransitionRecord(
                        order,
                        DbText.ToEnum<OrderStatus>(reader.GetString(0)),
                        DbText.ToEnum<OrderStatus>(reader.GetString(1)),
                        Size.Of(DbText.ToDecimal(reader.GetString(2))),
                        DbText.ToDecimal(reader.GetString(3)),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        DbText.ToTimestamp(reader.GetString(5))));
                }

                return events;
            },
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<JournaledOrder>> ReadOrdersAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
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
                Price.Of(DbText.ToDecimal(reader.GetString(6))),
                Size.Of(DbText.ToDecimal(reader.GetString(7))),
                DbText.ToEnum<OrderType>(reader.GetString(8)),
                reader.GetInt64(9) == 1,
                reader.IsDBNull(10) ? null : DbText.ToTimestamp(reader.GetString(10)),
                reader.IsDBNull(11) ? null : reader.GetString(11));
            var record = new OrderRecord(
                new ClientOrderId(reader.GetString(0)),
                new VenueOrderId(reader.GetString(1)),
                intent,
                reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.GetInt64(13),
                DbText.ToTimestamp(reader.GetString(18)));
            orders.Add(new JournaledOrder(
                record,
                DbText.ToEnum<OrderStatus>(reader.GetString(14)),
                Size.Of(DbText.ToDecimal(reader.GetString(15))),
                DbText.ToDecimal(reader.GetString(16)),
                reader.IsDBNull(17) ? null : reader.GetString(17),
                DbText.ToTimestamp(reader.GetString(19))));
        }

        return orders;
    }

    private static async Task<IReadOnlyList<Fill>> ReadFillsAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
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
                Price.Of(DbText.ToDecimal(reader.GetString(5))),
                Size.Of(DbText.ToDecimal(reader.GetString(6))),
                DbText.ToDecimal(reader.GetString(7)),
                reader.GetInt64(8) == 1,
                DbText.ToTimestamp(reader.GetString(10)),
                DbText.ToEnum<SettlementStatus>(reader.GetString(9))));
        }

        return fills;
    }

    private static async Task<PortfolioSnapshot?> ReadPortfolioAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
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

            cash = DbText.ToDecimal(reader.GetString(0));
            at = DbText.ToTimestamp(reader.GetString(1));
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
                DbText.ToDecimal(positionsReader.GetString(2)),
                DbText.ToDecimal(positionsReader.GetString(3)),
                DbText.ToDecimal(positionsReader.GetString(4)),
                DbText.ToDecimal(positionsReader.GetString(5))));
        }

        return new PortfolioSnapshot(cash, positions, at);
    }

    private static async Task<KillSwitchState?> ReadKillSwitchAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT halted, reason, changed_at FROM kill_switch WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new KillSwitchState(reader.GetInt64(0) == 1, reader.IsDBNull(1) ? null : reader.GetString(1), DbText.ToTimestamp(reader.GetString(2)))
            : null;
    }

    private static async Task InsertEventAsync(
        SqliteConnection connection, SqliteTransaction transaction, OrderTransitionRecord transition, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "INSERT INTO order_events (client_order_id, from_status, to_status, filled, filled_notional, reason, at) " +
            "VALUES (@id, @from, @to, @filled, @filled_notional, @reason, @at)");
        command.Parameters.AddWithValue("@id", transition.Id.Value);
        command.Parameters.AddWithValue("@from", DbText.FromEnum(transition.From));
        command.Parameters.AddWithValue("@to", DbText.FromEnum(transition.To));
        command.Parameters.AddWithValue("@filled", DbText.FromDecimal(transition.Filled.Shares));
        command.Parameters.AddWithValue("@filled_notional", DbText.FromDecimal(transition.FilledNotional));
        command.Parameters.AddWithValue("@reason", (object?)transition.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("@at", DbText.FromTimestamp(transition.At));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Runs <paramref name="body"/> in a write transaction (BEGIN IMMEDIATE) and commits; any failure rolls back and throws.</summary>
    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> body, CancellationToken cancellationToken) =>
        InTransactionAsync(deferred: false, body, cancellationToken);

    /// <summary>Runs <paramref name="body"/> in a read transaction, for one consistent view across statements.</summary>
    private Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> body, CancellationToken cancellationToken) =>
        InTransactionAsync(deferred: true, body, cancellationToken);

    private async Task<T> InTransactionAsync<T>(
        bool deferred, Func<SqliteConnection, SqliteTransaction, Task<T>> body, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = _connection ?? throw new InvalidOperationException("The journal is not initialised: call InitializeAsync first.");
            await using var transaction = connection.BeginTransaction(deferred);
            var result = await body(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}
