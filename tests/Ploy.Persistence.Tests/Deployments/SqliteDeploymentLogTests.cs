using System.Globalization;
using Microsoft.Data.Sqlite;
using Ploy.Core.Time;
using Ploy.Persistence.Deployments;

namespace Ploy.Persistence.Tests.Deployments;

public sealed class SqliteDeploymentLogTests : DeploymentLogContractTests
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File(Path.Combine("data", "ploy.db"));

    protected override async Task CreateStoreAsync(long? toVersion)
    {
        await using var migrator = DatabaseMigrator.ForSqlite(DatabasePath, new ManualTimeProvider(DateTimeOffset.UnixEpoch), new DatabaseMigrationOptions { Backup = false });
        await migrator.MigrateAsync(toVersion, CancellationToken.None);
    }

    protected override async Task MigrateAsync()
    {
        await using var migrator = DatabaseMigrator.ForSqlite(DatabasePath, new ManualTimeProvider(DateTimeOffset.UnixEpoch), new DatabaseMigrationOptions { Backup = false });
        await migrator.MigrateAsync(null, CancellationToken.None);
    }

    protected override Task DropStoreAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    protected override IDeploymentLog OpenLog() => DeploymentLog.Open(DatabaseProvider.Sqlite, DatabasePath);

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<IReadOnlyDictionary<string, long>> CountByResultAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(result, 'in_progress'), COUNT(*) FROM deployments GROUP BY 1";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return counts;
    }
}
