using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Ploy.Persistence.Migrations;

/// <summary>
/// Applies and reverts numbered migrations of one provider. Each migration runs in its own transaction
/// together with its <c>schema_migrations</c> row, so a failed script leaves neither half a schema nor a
/// false record. Checksums of applied migrations are verified before anything changes.
/// </summary>
public sealed class MigrationRunner
{
    private readonly IMigrationDialect _dialect;
    private readonly Func<CancellationToken, Task<DbConnection>> _openConnection;
    private readonly IReadOnlyList<Migration> _migrations;
    private readonly TimeProvider _timeProvider;

    /// <param name="dialect">Provider specifics.</param>
    /// <param name="openConnection">Opens a fresh connection; the runner disposes it.</param>
    /// <param name="migrations">This build's migrations (any order; versions unique).</param>
    /// <param name="timeProvider">Clock for <c>applied_at</c>.</param>
    public MigrationRunner(
        IMigrationDialect dialect,
        Func<CancellationToken, Task<DbConnection>> openConnection,
        IReadOnlyList<Migration> migrations,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(openConnection);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (migrations.Select(m => m.Version).Distinct().Count() != migrations.Count)
        {
            throw new ArgumentException("Migration versions must be unique.", nameof(migrations));
        }

        _dialect = dialect;
        _openConnection = openConnection;
        _migrations = [.. migrations.OrderBy(m => m.Version)];
        _timeProvider = timeProvider;
    }

    public IReadOnlyList<Migration> Migrations => _migrations;

    /// <summary>The highest version this build knows.</summary>
    public long LatestVersion => _migrations.Count == 0 ? 0 : _migrations[^1].Version;

    /// <summary>Applies every pending migration in version order.</summary>
    /// <returns>The versions applied by this call.</returns>
    /// <exception cref="MigrationChecksumException">An applied migration's script has changed.</exception>
    public Task<IReadOnlyList<long>> MigrateAsync(CancellationToken cancellationToken) =>
        MigrateAsync(toVersion: null, beforeChanges: null, cancellationToken);

    /// <summary>
    /// Applies pending migrations up to <paramref name="toVersion"/> (all when null) in version order. When there
    /// is something to apply, <paramref name="beforeChanges"/> runs first, under the migration lock, with the
    /// plan: the place for the expand/contract check and the backup. If it throws, nothing is applied.
    /// </summary>
    /// <returns>The versions applied by this call.</returns>
    /// <exception cref="MigrationChecksumException">An applied migration's script has changed.</exception>
    public async Task<IReadOnlyList<long>> MigrateAsync(
        long? toVersion,
        Func<MigrationPlan, CancellationToken, Task>? beforeChanges,
        CancellationToken cancellationToken)
    {
        if (toVersion is { } target && target != 0 && _migrations.All(m => m.Version != target))
        {
            throw new ArgumentOutOfRangeException(nameof(toVersion), toVersion, $"Version {toVersion} is not a migration of this build (known: {KnownVersions()}).");
        }

        await using var connection = await _openConnection(cancellationToken);
        await using var migrationLock = await _dialect.AcquireLockAsync(connection, cancellationToken);
        await ExecuteAsync(connection, null, _dialect.CreateHistoryTableSql, cancellationToken);
        var applied = await ReadAppliedAsync(connection, cancellationToken);
        VerifyChecksums(applied);

        var pending = _migrations.Where(m => !applied.ContainsKey(m.Version) && (toVersion is null || m.Version <= toVersion)).ToList();
        if (pending.Count == 0)
        {
            return [];
        }

        if (beforeChanges is not null)
        {
            var from = applied.Count == 0 ? 0 : applied.Keys.Max();
            await beforeChanges(new MigrationPlan(MigrationDirection.Up, from, pending[^1].Version, pending, [.. applied.Keys.Order()]), cancellationToken);
        }

        var done = new List<long>();
        foreach (var migration in pending)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

            // Re-checked inside the transaction: a provider without a cross-run lock (SQLite) may have had
            // another process apply it since the read above.
            if (await IsAppliedAsync(connection, transaction, migration.Version, cancellationToken))
            {
                continue;
            }

            await ExecuteScriptAsync(connection, transaction, migration.Up, cancellationToken);
            await InsertHistoryAsync(connection, transaction, migration, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            done.Add(migration.Version);
        }

        return done;
    }

    /// <summary>Reverts applied migrations above <paramref name="toVersion"/>, newest first (0 reverts all).</summary>
    /// <returns>The versions reverted by this call.</returns>
    public Task<IReadOnlyList<long>> RollbackAsync(long toVersion, CancellationToken cancellationToken) =>
        RollbackAsync(toVersion, beforeChanges: null, cancellationToken);

    /// <summary>
    /// Reverts applied migrations above <paramref name="toVersion"/>, newest first (0 reverts all). When there is
    /// something to revert, <paramref name="beforeChanges"/> runs first under the migration lock (the backup).
    /// </summary>
    /// <returns>The versions reverted by this call.</returns>
    public async Task<IReadOnlyList<long>> RollbackAsync(
        long toVersion,
        Func<MigrationPlan, CancellationToken, Task>? beforeChanges,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(toVersion);
        await using var connection = await _openConnection(cancellationToken);
        await using var migrationLock = await _dialect.AcquireLockAsync(connection, cancellationToken);
        await ExecuteAsync(connection, null, _dialect.CreateHistoryTableSql, cancellationToken);
        var applied = await ReadAppliedAsync(connection, cancellationToken);
        VerifyChecksums(applied);
        if (toVersion != 0 && _migrations.All(m => m.Version != toVersion) && !applied.ContainsKey(toVersion))
        {
            throw new ArgumentOutOfRangeException(nameof(toVersion), toVersion, $"Version {toVersion} is neither a migration of this build nor applied (known: {KnownVersions()}).");
        }

        var toRevert = applied.Keys.Where(v => v > toVersion).OrderDescending().ToList();
        var unknown = toRevert.Where(v => _migrations.All(m => m.Version != v)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot roll back to {toVersion}: version(s) {string.Join(", ", unknown)} were applied by a newer build whose down scripts this build lacks.");
        }

        if (toRevert.Count == 0)
        {
            return [];
        }

        var steps = toRevert.Select(v => _migrations.First(m => m.Version == v)).ToList();
        if (beforeChanges is not null)
        {
            await beforeChanges(new MigrationPlan(MigrationDirection.Down, toRevert[0], toVersion, steps, [.. applied.Keys.Order()]), cancellationToken);
        }

        var done = new List<long>();
        foreach (var migration in steps)
        {
            var version = migration.Version;
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!await IsAppliedAsync(connection, transaction, version, cancellationToken))
            {
                continue;
            }

            await ExecuteScriptAsync(connection, transaction, migration.Down, cancellationToken);
            await ExecuteAsync(connection, transaction, "DELETE FROM schema_migrations WHERE version = @version", cancellationToken, ("@version", version));
            await transaction.CommitAsync(cancellationToken);
            done.Add(version);
        }

        return done;
    }

    /// <summary>Every known and every applied migration, by version. Changes nothing.</summary>
    public async Task<IReadOnlyList<MigrationStatus>> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _openConnection(cancellationToken);
        var applied = await HistoryTableExistsAsync(connection, cancellationToken)
            ? await ReadAppliedAsync(connection, cancellationToken)
            : [];

        var statuses = new List<MigrationStatus>();
        foreach (var migration in _migrations)
        {
            statuses.Add(applied.TryGetValue(migration.Version, out var row)
                ? new MigrationStatus(
                    migration.Version,
                    migration.Name,
                    row.Checksum == migration.Checksum ? MigrationState.Applied : MigrationState.ChecksumMismatch,
                    row.AppliedAt)
                : new MigrationStatus(migration.Version, migration.Name, MigrationState.Pending, null));
        }

        foreach (var (version, row) in applied.Where(a => _migrations.All(m => m.Version != a.Key)))
        {
            statuses.Add(new MigrationStatus(version, row.Name, MigrationState.AppliedUnknown, row.AppliedAt));
        }

        return [.. statuses.OrderBy(s => s.Version)];
    }

    private string KnownVersions() => _migrations.Count == 0 ? "none" : string.Join(", ", _migrations.Select(m => m.Version));

    private void VerifyChecksums(Dictionary<long, AppliedRow> applied)
    {
        var modified = _migrations
            .Where(m => applied.TryGetValue(m.Version, out var row) && row.Checksum != m.Checksum)
            .Select(m => $"{m.Version:D4}_{m.Name}")
            .ToList();
        if (modified.Count > 0)
        {
            throw new MigrationChecksumException(
                $"Applied migration(s) {string.Join(", ", modified)} no longer match their recorded checksum; released migrations must never be edited.");
        }
    }

    private async Task<bool> HistoryTableExistsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _dialect.HistoryTableExistsSql;
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is not null and not DBNull && Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private async Task<Dictionary<long, AppliedRow>> ReadAppliedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<long, AppliedRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetInt64(0)] = new AppliedRow(reader.GetString(1), reader.GetString(2), _dialect.FromDbTimestamp(reader.GetValue(3)));
        }

        return rows;
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, long version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = @version";
        AddParameter(command, "@version", version);
        var count = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private Task InsertHistoryAsync(DbConnection connection, DbTransaction transaction, Migration migration, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @applied_at)",
            cancellationToken,
            ("@version", migration.Version),
            ("@name", migration.Name),
            ("@checksum", migration.Checksum),
            ("@applied_at", _dialect.ToDbTimestamp(_timeProvider.GetUtcNow())));

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Scripts are embedded resources of this assembly, never user input.")]
    private static async Task ExecuteScriptAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Only constant SQL of this class and the dialect reaches here; values go in parameters.")]
    private static async Task ExecuteAsync(
        DbConnection connection,
        DbTransaction? transaction,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed record AppliedRow(string Name, string Checksum, DateTimeOffset AppliedAt);
}
