using System.Data.Common;
using Microsoft.Data.Sqlite;
using Ploy.Persistence.Journal;

namespace Ploy.Persistence.Sqlite;

/// <summary>
/// The embedded journal: one SQLite file in WAL mode with synchronous=FULL, so every write is durable when
/// its call returns. One connection stays open (the gateway is the single writer); a semaphore makes
/// concurrent calls safe anyway. Failures are never swallowed: they throw, and the gateway fails closed.
/// </summary>
public sealed class SqliteJournal : AdoNetJournal, IDisposable
{
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
        : base(SqliteJournalDialect.Instance, timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(busyTimeout, TimeSpan.FromMilliseconds(1));
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _timeProvider = timeProvider;
        _busyTimeout = busyTimeout;
    }

    public string FilePath => _path;

    /// <summary>Applies pending migrations (verifying applied checksums), then opens the journal's connection.</summary>
    public override async Task InitializeAsync(CancellationToken cancellationToken)
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

    public override async ValueTask DisposeAsync()
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

    /// <summary>
    /// One call at a time on the journal's connection. Writes begin immediate (the write lock up front, waiting
    /// at most the busy timeout); reads begin deferred, one consistent view across their statements.
    /// </summary>
    private protected override async Task<T> InTransactionAsync<T>(
        JournalAccess access, Func<DbConnection, DbTransaction, Task<T>> body, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = _connection ?? throw new InvalidOperationException("The journal is not initialised: call InitializeAsync first.");
            await using var transaction = connection.BeginTransaction(deferred: access != JournalAccess.Write);
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
