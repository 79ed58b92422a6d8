using System.Data.Common;
using Ploy.Persistence.Migrations;

namespace Ploy.Persistence.Sqlite;

/// <summary>SQLite specifics of <see cref="MigrationRunner"/>.</summary>
public sealed class SqliteMigrationDialect : IMigrationDialect
{
    public static readonly SqliteMigrationDialect Instance = new();

    private SqliteMigrationDialect()
    {
    }

    public string CreateHistoryTableSql =>
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        ) STRICT
        """;

    public string HistoryTableExistsSql =>
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";

    /// <summary>
    /// SQLite has no lock spanning transactions, so migrators take an exclusive file lock next to the database
    /// (<c>&lt;db&gt;.migrate-lock</c>) for the whole run. Each migration's transaction is still one writer at a
    /// time, and the runner re-checks the history inside it.
    /// </summary>
    public async Task<IAsyncDisposable> AcquireLockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return string.IsNullOrEmpty(connection.DataSource) || connection.DataSource == ":memory:"
            ? NoLock.Instance
            : await SqliteFileLock.AcquireAsync(connection.DataSource, cancellationToken);
    }

    public object ToDbTimestamp(DateTimeOffset value) => DbText.FromTimestamp(value);

    public DateTimeOffset FromDbTimestamp(object value) => DbText.ToTimestamp((string)value);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
