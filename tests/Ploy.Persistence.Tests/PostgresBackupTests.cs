using System.Diagnostics;
using Npgsql;
using Ploy.Core.Time;
using Ploy.Persistence.Backup;
using Ploy.Persistence.Migrations;
using Ploy.Testing;

namespace Ploy.Persistence.Tests;

/// <summary>pg_dump before migrating, refusal without it, and the explicit skip; against a real PostgreSQL server.</summary>
public sealed class PostgresBackupTests(PostgresServer server) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private const string PostgresBin = "/usr/lib/postgresql/15/bin";

    private static readonly Migration First = new(1, "first", "CREATE TABLE a (x integer, y text)", "DROP TABLE a");
    private static readonly Migration Second = new(2, "second", "CREATE TABLE b (z integer)", "DROP TABLE b");

    private readonly string _database = "ploy_" + Guid.NewGuid().ToString("N");
    private readonly string _restored = "ploy_" + Guid.NewGuid().ToString("N");
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 9, 5, 0, TimeSpan.Zero));

    private string ConnectionString => server.ConnectionString(_database);

    public Task InitializeAsync() => server.CreateDatabaseAsync(_database);

    public async Task DisposeAsync()
    {
        await server.DropDatabaseAsync(_database);
        await server.DropDatabaseAsync(_restored);
        _directory.Dispose();
    }

    [Fact]
    public void FromEnvironment_FindsPgDump()
    {
        Assert.NotNull(ExecutableLocator.FromEnvironment().Find(PgDumpBackup.ProgramName));
    }

    [Fact]
    public async Task MigrateAsync_WithPgDump_DumpsThePreMigrationDatabaseFirst()
    {
        await using (var v1 = Migrator(new ExecutableLocator([PostgresBin]), First))
        {
            await v1.MigrateAsync(null, CancellationToken.None);
        }

        await using var v2 = Migrator(new ExecutableLocator([PostgresBin]), First, Second);
        var outcome = await v2.MigrateAsync(null, CancellationToken.None);

        Assert.Equal([2L], outcome.Versions);
        Assert.Equal(Path.Combine(_directory.Path, $"{_database}.20261122T090500Z.v1.dump"), outcome.BackupPath);

        // The dump restores to the schema as it was: version 1, table a only.
        await server.CreateDatabaseAsync(_restored);
        await RunAsync(Path.Combine(PostgresBin, "pg_restore"), "--no-owner", "--dbname", LibpqConnection(_restored), outcome.BackupPath!);
        await using var restored = NpgsqlDataSource.Create(server.ConnectionString(_restored));
        await using var versions = restored.CreateCommand("SELECT string_agg(version::text, ',') FROM schema_migrations");
        Assert.Equal("1", await versions.ExecuteScalarAsync());
        await using var tables = restored.CreateCommand(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'");
        Assert.Equal("a", await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MigrateAsync_NoPgDump_RefusesWithNothingApplied()
    {
        using var empty = new TempDirectory();
        await using var migrator = Migrator(new ExecutableLocator([empty.Path]), First);

        var error = await Assert.ThrowsAsync<BackupUnavailableException>(() => migrator.MigrateAsync(null, CancellationToken.None));

        Assert.Contains("pg_dump was not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("--skip-backup", error.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationState.Pending, Assert.Single(await migrator.GetStatusAsync(CancellationToken.None)).State);
        Assert.False(Directory.EnumerateFiles(_directory.Path).Any());
    }

    [Fact]
    public async Task MigrateAsync_NoPgDumpButBackupSkipped_Migrates()
    {
        using var empty = new TempDirectory();
        await using var migrator = DatabaseMigrator.ForPostgres(
            ConnectionString,
            _time,
            new DatabaseMigrationOptions { Backup = false, BackupDirectory = _directory.Path, PgDumpLocator = new ExecutableLocator([empty.Path]) },
            [First]);

        var outcome = await migrator.MigrateAsync(null, CancellationToken.None);

        Assert.Equal([1L], outcome.Versions);
        Assert.Null(outcome.BackupPath);
    }

    [Fact]
    public async Task RollbackAsync_NoPgDump_RefusesWithNothingReverted()
    {
        await using (var skip = DatabaseMigrator.ForPostgres(ConnectionString, _time, new DatabaseMigrationOptions { Backup = false }, [First]))
        {
            await skip.MigrateAsync(null, CancellationToken.None);
        }

        using var empty = new TempDirectory();
        await using var migrator = Migrator(new ExecutableLocator([empty.Path]), First);

        await Assert.ThrowsAsync<BackupUnavailableException>(() => migrator.RollbackAsync(0, CancellationToken.None));

        Assert.Equal(MigrationState.Applied, Assert.Single(await migrator.GetStatusAsync(CancellationToken.None)).State);
    }

    [Fact]
    public async Task JournalFactory_Postgres_MigratesAfterADumpAndOpensTheJournal()
    {
        await using var journal = await JournalFactory.OpenAsync(
            DatabaseProvider.Postgres,
            ConnectionString,
            _time,
            new DatabaseMigrationOptions { BackupDirectory = _directory.Path, PgDumpLocator = new ExecutableLocator([PostgresBin]) },
            CancellationToken.None);

        Assert.Equal(0, (await journal.CountsAsync(CancellationToken.None)).Orders);
        Assert.Single(Directory.GetFiles(_directory.Path, "*.v0.dump"));
    }

    [Fact]
    public async Task JournalFactory_PostgresWithoutPgDump_RefusesToOpen()
    {
        using var empty = new TempDirectory();

        await Assert.ThrowsAsync<BackupUnavailableException>(() => JournalFactory.OpenAsync(
            DatabaseProvider.Postgres,
            ConnectionString,
            _time,
            new DatabaseMigrationOptions { BackupDirectory = _directory.Path, PgDumpLocator = new ExecutableLocator([empty.Path]) },
            CancellationToken.None));
    }

    [Fact]
    public void ForPostgres_MalformedConnectionString_ThrowsWithoutEchoingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => DatabaseMigrator.ForPostgres("Host=x;Password=hunter2;Nonsense", _time));

        Assert.Contains("Not a valid PostgreSQL connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    private DatabaseMigrator Migrator(ExecutableLocator locator, params Migration[] migrations) =>
        DatabaseMigrator.ForPostgres(
            ConnectionString,
            _time,
            new DatabaseMigrationOptions { BackupDirectory = _directory.Path, PgDumpLocator = locator },
            migrations);

    private string LibpqConnection(string database) => $"host=127.0.0.1 port={server.Port} user=postgres dbname={database}";

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await error}");
    }
}
