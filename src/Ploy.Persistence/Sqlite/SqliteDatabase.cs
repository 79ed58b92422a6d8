using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Ploy.Persistence.Migrations;

namespace Ploy.Persistence.Sqlite;

/// <summary>Opens journal connections with the settings durability depends on, and builds its migration runner.</summary>
public static class SqliteDatabase
{
    /// <summary>The embedded default location, relative to the working directory.</summary>
    public const string DefaultPath = "data/ploy.db";

    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Opens <paramref name="path"/> (created with its directory if missing) in WAL mode with
    /// synchronous=FULL: a commit is on disk before it returns, which invariant 1 needs.
    /// </summary>
    public static async Task<SqliteConnection> OpenAsync(string path, TimeSpan busyTimeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(busyTimeout, TimeSpan.FromMilliseconds(1));
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,

            // Pooling off: a disposed journal really releases the file (tests delete it, operators copy it).
            Pooling = false,

            // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout, so it bounds lock waits too.
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        };

        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode = WAL";
                var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"SQLite journal at {fullPath} refused WAL mode (got '{mode}').");
                }
            }

            await using (var command = connection.CreateCommand())
            {
                command.CommandText = string.Create(
                    CultureInfo.InvariantCulture,
                    $"PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}");
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Copies the database at <paramref name="path"/> to <paramref name="destinationPath"/> with SQLite's online
    /// backup (consistent even while the journal writes). Migrations take one first (P4-1: backup first).
    /// </summary>
    public static async Task BackupAsync(string path, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        if (!File.Exists(Path.GetFullPath(path)))
        {
            throw new FileNotFoundException("No journal database to back up.", path);
        }

        await using var source = await OpenAsync(path, DefaultBusyTimeout, cancellationToken);
        var destination = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(destinationPath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(destination.DataSource)!);
        await using var target = new SqliteConnection(destination.ToString());
        await target.OpenAsync(cancellationToken);
        source.BackupDatabase(target);
    }

    /// <summary>The runner for <c>ploy db status/migrate/rollback</c> on the file at <paramref name="path"/>.</summary>
    public static MigrationRunner CreateMigrationRunner(string path, TimeProvider timeProvider) =>
        CreateMigrationRunner(path, timeProvider, MigrationCatalog.Load(MigrationCatalog.SqliteFolder));

    /// <summary>A runner with a caller-supplied migration set (tests, tools).</summary>
    public static MigrationRunner CreateMigrationRunner(string path, TimeProvider timeProvider, IReadOnlyList<Migration> migrations) =>
        new(
            SqliteMigrationDialect.Instance,
            async cancellationToken => (DbConnection)await OpenAsync(path, DefaultBusyTimeout, cancellationToken),
            migrations,
            timeProvider);
}
