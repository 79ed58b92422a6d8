using System.Data.Common;

namespace Ploy.Persistence.Migrations;

/// <summary>What differs between providers for <see cref="MigrationRunner"/>: history DDL, locking, timestamps.</summary>
public interface IMigrationDialect
{
    /// <summary>Idempotent DDL creating <c>schema_migrations(version, name, checksum, applied_at)</c>.</summary>
    string CreateHistoryTableSql { get; }

    /// <summary>A query returning one number, greater than zero when <c>schema_migrations</c> exists.</summary>
    string HistoryTableExistsSql { get; }

    /// <summary>
    /// Serialises migrators across processes for the whole run, history-table creation included
    /// (PostgreSQL: an advisory lock). Dispose to release.
    /// </summary>
    Task<IAsyncDisposable> AcquireLockAsync(DbConnection connection, CancellationToken cancellationToken);

    object ToDbTimestamp(DateTimeOffset value);

    DateTimeOffset FromDbTimestamp(object value);
}
