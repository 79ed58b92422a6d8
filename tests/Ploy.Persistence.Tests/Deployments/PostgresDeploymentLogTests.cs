using Npgsql;
using Ploy.Core.Time;
using Ploy.Persistence.Deployments;
using Ploy.Testing;

namespace Ploy.Persistence.Tests.Deployments;

/// <summary>The deployments log contract against a real PostgreSQL server; each test gets its own database.</summary>
public sealed class PostgresDeploymentLogTests(PostgresServer server) : DeploymentLogContractTests, IClassFixture<PostgresServer>
{
    private readonly string _database = "ploy_" + Guid.NewGuid().ToString("N");
    private bool _created;

    private string ConnectionString => server.ConnectionString(_database);

    protected override async Task CreateStoreAsync(long? toVersion)
    {
        await server.CreateDatabaseAsync(_database);
        _created = true;
        await using var migrator = DatabaseMigrator.ForPostgres(ConnectionString, new ManualTimeProvider(DateTimeOffset.UnixEpoch), new DatabaseMigrationOptions { Backup = false });
        await migrator.MigrateAsync(toVersion, CancellationToken.None);
    }

    protected override async Task MigrateAsync()
    {
        await using var migrator = DatabaseMigrator.ForPostgres(ConnectionString, new ManualTimeProvider(DateTimeOffset.UnixEpoch), new DatabaseMigrationOptions { Backup = false });
        await migrator.MigrateAsync(null, CancellationToken.None);
    }

    protected override async Task DropStoreAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_created)
        {
            await server.DropDatabaseAsync(_database);
            _created = false;
        }
    }

    protected override IDeploymentLog OpenLog() => DeploymentLog.Open(DatabaseProvider.Postgres, ConnectionString);

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<IReadOnlyDictionary<string, long>> CountByResultAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COALESCE(result, 'in_progress'), COUNT(*) FROM deployments GROUP BY 1", connection);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
