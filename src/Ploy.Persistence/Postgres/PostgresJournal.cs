using System.Data;
using System.Data.Common;
using Npgsql;
using Ploy.Persistence.Journal;

namespace Ploy.Persistence.Postgres;

/// <summary>
/// The shared journal for multi-instance deployments. Every call runs in its own transaction on a pooled
/// connection and has committed when it returns. Failures are never swallowed: they throw, and the
/// gateway fails closed.
/// </summary>
public sealed class PostgresJournal : AdoNetJournal, IDisposable
{
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
        : base(PostgresJournalDialect.Instance, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _timeProvider = timeProvider;
    }

    /// <summary>Applies pending migrations under the migration advisory lock, verifying applied checksums.</summary>
    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await PostgresDatabase.CreateMigrationRunner(_dataSource, _timeProvider).MigrateAsync(cancellationToken);
        _initialized = true;
    }

    public override async ValueTask DisposeAsync()
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

    /// <summary>A pooled connection per call; reads that need one view across statements get repeatable read.</summary>
    private protected override async Task<T> InTransactionAsync<T>(
        JournalAccess access, Func<DbConnection, DbTransaction, Task<T>> body, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            throw new InvalidOperationException("The journal is not initialised: call InitializeAsync first.");
        }

        var isolation = access == JournalAccess.ConsistentRead ? IsolationLevel.RepeatableRead : IsolationLevel.ReadCommitted;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
        var result = await body(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
