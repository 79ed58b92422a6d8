using Ploy.Persistence.Postgres;
using Ploy.Persistence.Sqlite;

namespace Ploy.Persistence;

/// <summary>
/// Start-up entry point for services: runs the same check-backup-migrate path as <c>ploy db migrate</c>, then
/// opens the journal. A refusal (unsafe migration, no backup possible, edited migration) throws and the service
/// must not start.
/// </summary>
public static class JournalFactory
{
    /// <param name="provider">SQLite or PostgreSQL.</param>
    /// <param name="pathOrConnection">The SQLite file, or the PostgreSQL connection string.</param>
    /// <param name="timeProvider">Clock for history rows and backup names.</param>
    /// <param name="backup">Back up before migrating; false only when explicitly configured (PostgreSQL without pg_dump).</param>
    /// <param name="cancellationToken">Cancels the migration and the opening.</param>
    /// <returns>A migrated, initialised journal; the caller disposes it.</returns>
    public static Task<IJournalStore> OpenAsync(
        DatabaseProvider provider,
        string pathOrConnection,
        TimeProvider timeProvider,
        bool backup,
        CancellationToken cancellationToken) =>
        OpenAsync(provider, pathOrConnection, timeProvider, new DatabaseMigrationOptions { Backup = backup }, cancellationToken);

    /// <summary>As the other overload, with full backup settings.</summary>
    /// <param name="provider">SQLite or PostgreSQL.</param>
    /// <param name="pathOrConnection">The SQLite file, or the PostgreSQL connection string.</param>
    /// <param name="timeProvider">Clock for history rows and backup names.</param>
    /// <param name="options">Backup settings (on/off, PostgreSQL dump directory, pg_dump lookup).</param>
    /// <param name="cancellationToken">Cancels the migration and the opening.</param>
    /// <returns>A migrated, initialised journal; the caller disposes it.</returns>
    public static async Task<IJournalStore> OpenAsync(
        DatabaseProvider provider,
        string pathOrConnection,
        TimeProvider timeProvider,
        DatabaseMigrationOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrConnection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        await using (var migrator = provider switch
        {
            DatabaseProvider.Sqlite => DatabaseMigrator.ForSqlite(pathOrConnection, timeProvider, options),
            DatabaseProvider.Postgres => DatabaseMigrator.ForPostgres(pathOrConnection, timeProvider, options),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        })
        {
            await migrator.MigrateAsync(toVersion: null, cancellationToken);
        }

        IJournalStore journal = provider == DatabaseProvider.Sqlite
            ? new SqliteJournal(pathOrConnection, timeProvider)
            : new PostgresJournal(pathOrConnection, timeProvider);
        try
        {
            // Migrations are already applied: this verifies checksums and opens the connection.
            await journal.InitializeAsync(cancellationToken);
            return journal;
        }
        catch
        {
            await journal.DisposeAsync();
            throw;
        }
    }
}
