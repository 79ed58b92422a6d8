using System.Data.Common;
using Ploy.Persistence.Migrations;

namespace Ploy.Persistence.Postgres;

/// <summary>PostgreSQL specifics of <see cref="MigrationRunner"/>: a session advisory lock serialises migrators.</summary>
public sealed class PostgresMigrationDialect : IMigrationDialect
{
    /// <summary>The advisory-lock key every Ploy migrator takes ("ploymigr" as ASCII).</summary>
    public const long LockKey = 0x706C_6F79_6D69_6772;

    public static readonly PostgresMigrationDialect Instance = new();

    private PostgresMigrationDialect()
    {
    }

    public string CreateHistoryTableSql =>
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    bigint PRIMARY KEY,
            name       text NOT NULL,
            checksum   text NOT NULL,
            applied_at timestamptz NOT NULL
        )
        """;

    public string HistoryTableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'";

    /// <summary>Blocks until no other instance migrates this database (start-up of several instances at once).</summary>
    public async Task<IAsyncDisposable> AcquireLockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT pg_advisory_lock(@key)";
            var key = command.CreateParameter();
            key.ParameterName = "@key";
            key.Value = LockKey;
            command.Parameters.Add(key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new AdvisoryLock(connection);
    }

    /// <summary>Npgsql refuses non-UTC offsets for timestamptz.</summary>
    public object ToDbTimestamp(DateTimeOffset value) => value.ToUniversalTime();

    public DateTimeOffset FromDbTimestamp(object value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new InvalidCastException($"applied_at is a {value.GetType().Name}, not a timestamp."),
    };

    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT pg_advisory_unlock(@key)";
            var key = command.CreateParameter();
            key.ParameterName = "@key";
            key.Value = LockKey;
            command.Parameters.Add(key);
            await command.ExecuteNonQueryAsync();
        }
    }
}
