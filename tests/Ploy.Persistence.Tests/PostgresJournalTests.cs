using Npgsql;
using Ploy.Core.Journal;
using Ploy.Persistence.Migrations;
using Ploy.Persistence.Postgres;
using Ploy.Testing;

namespace Ploy.Persistence.Tests;

/// <summary>The journal contract against a real PostgreSQL server; each test gets its own database.</summary>
public sealed class PostgresJournalTests(PostgresServer server) : JournalContractTests, IClassFixture<PostgresServer>
{
    private readonly string _database = "ploy_" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource? _dataSource;

    private NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Store not created.");

    protected override async Task CreateStoreAsync()
    {
        await server.CreateDatabaseAsync(_database);
        _dataSource = NpgsqlDataSource.Create(server.ConnectionString(_database));
    }

    protected override async Task DropStoreAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await server.DropDatabaseAsync(_database);
    }

    protected override IJournal CreateJournal() => new PostgresJournal(server.ConnectionString(_database), Time);

    protected override MigrationRunner CreateMigrationRunner() => PostgresDatabase.CreateMigrationRunner(DataSource, Time);

    protected override async Task<IReadOnlyList<string>> DescribeSchemaAsync()
    {
        const string sql =
            """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
                   || ' default=' || COALESCE(column_default, '') || ' identity=' || is_identity
              FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL
            SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass::text || '.' || conname || ': ' || pg_get_constraintdef(oid)
              FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'trigger ' || tgname || ': ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
            UNION ALL
            SELECT 'function ' || proname || ': ' || pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
            ORDER BY 1
            """;
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var objects = new List<string>();
        while (await reader.ReadAsync())
        {
            objects.Add(reader.GetString(0));
        }

        return objects;
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
#pragma warning disable CA2100 // Test-only SQL written in the tests themselves.
        await using var command = DataSource.CreateCommand(sql);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Another session holds exclusive locks on the journal's tables; the journal's lock_timeout makes its writes throw.</summary>
    protected override async Task<IAsyncDisposable> BlockWritesAsync()
    {
        var connection = await DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE orders, fills, kill_switch IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new TableLock(connection, transaction);
    }

    [Fact]
    public async Task MigrateAsync_TwoRunnersAtOnce_ApplyEachMigrationOnce()
    {
        var first = CreateMigrationRunner();
        var second = CreateMigrationRunner();

        var applied = await Task.WhenAll(first.MigrateAsync(CancellationToken.None), second.MigrateAsync(CancellationToken.None));

        Assert.Equal(first.Migrations.Select(m => m.Version), applied.SelectMany(a => a).Order());
    }

    [Fact]
    public async Task Money_StoredColumns_AreNumeric()
    {
        await CreateMigrationRunner().MigrateAsync(CancellationToken.None);

        await using var command = DataSource.CreateCommand(
            "SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = 'public' " +
            "AND column_name IN ('price', 'quantity', 'filled', 'filled_notional', 'fee', 'cash', 'shares', 'average_cost', 'realized_pnl', 'fees_paid')");
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }

        Assert.Equal(["numeric"], types);
    }

    private sealed class TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
