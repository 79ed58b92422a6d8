using Microsoft.Data.Sqlite;
using Ploy.Core.Journal;
using Ploy.Persistence.Migrations;
using Ploy.Persistence.Sqlite;

namespace Ploy.Persistence.Tests;

public sealed class SqliteJournalTests : JournalContractTests
{
    // Short, so the blocked-writes test fails fast; long enough that our own serialised writes never wait on it.
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(1);

    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File(Path.Combine("data", "ploy.db"));

    protected override Task CreateStoreAsync() => Task.CompletedTask;

    protected override Task DropStoreAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    protected override IJournal CreateJournal() => new SqliteJournal(DatabasePath, Time, BusyTimeout);

    protected override MigrationRunner CreateMigrationRunner() => SqliteDatabase.CreateMigrationRunner(DatabasePath, Time);

    protected override async Task<IReadOnlyList<string>> DescribeSchemaAsync()
    {
        await using var connection = await SqliteDatabase.OpenAsync(DatabasePath, BusyTimeout, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name";
        await using var reader = await command.ExecuteReaderAsync();
        var objects = new List<string>();
        while (await reader.ReadAsync())
        {
            objects.Add($"{reader.GetString(0)} {reader.GetString(1)} on {reader.GetString(2)}: {(reader.IsDBNull(3) ? "" : reader.GetString(3))}");
        }

        return objects;
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = await SqliteDatabase.OpenAsync(DatabasePath, BusyTimeout, CancellationToken.None);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test-only SQL written in the tests themselves.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Another connection takes the write lock and holds it: the journal's writes time out and throw.</summary>
    protected override async Task<IAsyncDisposable> BlockWritesAsync()
    {
        var connection = await SqliteDatabase.OpenAsync(DatabasePath, BusyTimeout, CancellationToken.None);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "BEGIN EXCLUSIVE";
            await command.ExecuteNonQueryAsync();
        }

        return new WriteLock(connection);
    }

    [Fact]
    public async Task InitializeAsync_MissingDirectory_CreatesFileInWalMode()
    {
        var journal = await OpenAsync();

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        Assert.Empty((await journal.LoadAsync(CancellationToken.None)).Orders);
    }

    [Fact]
    public async Task OpenAsync_Connection_HasFullSyncForeignKeysAndBusyTimeout()
    {
        await using var connection = await SqliteDatabase.OpenAsync(DatabasePath, TimeSpan.FromMilliseconds(1500), CancellationToken.None);

        Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA synchronous"));
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys"));
        Assert.Equal(1500L, await ScalarAsync(connection, "PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task Money_StoredColumns_AreTextNeverReal()
    {
        var journal = await OpenAsync();
        await journal.SavePortfolioAsync(new PortfolioSnapshot(0.1234567m, [], Start), CancellationToken.None);
        await journal.RecordOrderAsync(NewOrder("c-1", "0x1", price: 0.4567m, quantity: 12.34m), CancellationToken.None);

        await using var connection = await SqliteDatabase.OpenAsync(DatabasePath, BusyTimeout, CancellationToken.None);

        Assert.Equal("text|0.1234567", await ScalarAsync(connection, "SELECT typeof(cash) || '|' || cash FROM portfolio_snapshot"));
        Assert.Equal("text|0.4567|text|12.34", await ScalarAsync(connection,
            "SELECT typeof(price) || '|' || price || '|' || typeof(quantity) || '|' || quantity FROM orders"));
        Assert.Equal("2026-11-22T08:00:00.0000000Z", await ScalarAsync(connection, "SELECT created_at FROM orders"));
    }

    [Fact]
    public async Task MigrateAsync_EmbeddedScripts_CreateEveryTableOfTheSchema()
    {
        await CreateMigrationRunner().MigrateAsync(CancellationToken.None);

        var tables = (await DescribeSchemaAsync()).Where(o => o.StartsWith("table ", StringComparison.Ordinal)).Select(o => o.Split(' ')[1]);

        Assert.Equal(
            ["daily_risk", "deployments", "fills", "kill_switch", "leadership", "order_events", "orders", "portfolio_positions", "portfolio_snapshot", "schema_migrations"],
            tables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BackupAsync_LiveJournal_CopiesACompleteDatabase()
    {
        var journal = await OpenAsync();
        await journal.RecordOrderAsync(NewOrder("c-1", "0x1"), CancellationToken.None);
        var backup = _directory.File(Path.Combine("backups", "ploy-0001.db"));

        await SqliteDatabase.BackupAsync(DatabasePath, backup, CancellationToken.None);

        await using var copy = new SqliteJournal(backup, Time);
        await copy.InitializeAsync(CancellationToken.None);
        Assert.Equal("c-1", Assert.Single((await copy.LoadAsync(CancellationToken.None)).Orders).Record.Id.Value);
    }

    [Fact]
    public async Task BackupAsync_NoDatabase_ThrowsInsteadOfCreatingOne()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => SqliteDatabase.BackupAsync(DatabasePath, _directory.File("b.db"), CancellationToken.None));

        Assert.False(File.Exists(DatabasePath));
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test-only constant SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        return await command.ExecuteScalarAsync();
    }

    private sealed class WriteLock(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "ROLLBACK";
                await command.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
