using Microsoft.Data.Sqlite;
using Ploy.Core.Time;
using Ploy.Persistence.Migrations;
using Ploy.Persistence.Sqlite;

namespace Ploy.Persistence.Tests;

/// <summary>The shared backup → check → migrate path on SQLite (what `ploy db` and start-up both run).</summary>
public sealed class DatabaseMigratorTests : IDisposable
{
    private static readonly Migration First = new(1, "first", "CREATE TABLE a (x INTEGER, y TEXT)", "DROP TABLE a");
    private static readonly Migration Second = new(2, "second", "CREATE TABLE b (z INTEGER)", "DROP TABLE b");
    private static readonly Migration DropY = new(3, "drop_y", "ALTER TABLE a DROP COLUMN y", "ALTER TABLE a ADD COLUMN y TEXT");
    private static readonly Migration DropYMarked = new(3, "drop_y", "-- ploy:contract after=2\nALTER TABLE a DROP COLUMN y", "ALTER TABLE a ADD COLUMN y TEXT");

    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 8, 30, 15, TimeSpan.Zero));

    private string DatabasePath => _directory.File(Path.Combine("data", "ploy.db"));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task MigrateAsync_ThenStatus_ShowsEveryMigrationApplied()
    {
        await using var migrator = Migrator(First, Second);

        var outcome = await migrator.MigrateAsync(toVersion: null, CancellationToken.None);

        Assert.Equal([1L, 2L], outcome.Versions);
        var status = await migrator.GetStatusAsync(CancellationToken.None);
        Assert.All(status, s => Assert.Equal(MigrationState.Applied, s.State));
        Assert.All(status, s => Assert.Equal(_time.GetUtcNow(), s.AppliedAt));
    }

    [Fact]
    public async Task RollbackAsync_ToZero_LeavesEveryMigrationPending()
    {
        await using var migrator = Migrator(First, Second);
        await migrator.MigrateAsync(null, CancellationToken.None);

        var outcome = await migrator.RollbackAsync(0, CancellationToken.None);

        Assert.Equal([2L, 1L], outcome.Versions);
        Assert.All(await migrator.GetStatusAsync(CancellationToken.None), s => Assert.Equal(MigrationState.Pending, s.State));
        Assert.Empty(await TablesAsync(DatabasePath));
    }

    [Fact]
    public async Task MigrateAsync_NewFile_CreatesItWithoutABackup()
    {
        await using var migrator = Migrator(First);

        var outcome = await migrator.MigrateAsync(null, CancellationToken.None);

        Assert.Null(outcome.BackupPath);
        Assert.True(File.Exists(DatabasePath));
        Assert.Empty(Backups());
    }

    [Fact]
    public async Task MigrateAsync_ExistingDatabase_BacksUpThePreMigrationSchemaUnderATimestampedName()
    {
        await using (var v1 = Migrator(First))
        {
            await v1.MigrateAsync(null, CancellationToken.None);
        }

        await ExecuteAsync(DatabasePath, "INSERT INTO a (x, y) VALUES (42, 'kept')");
        await using var v2 = Migrator(First, Second);

        var outcome = await v2.MigrateAsync(null, CancellationToken.None);

        var expected = Path.GetFullPath(DatabasePath) + ".20261122T083015Z.v1.bak";
        Assert.Equal(expected, outcome.BackupPath);
        Assert.Equal([expected], Backups());
        Assert.Equal(["a"], await TablesAsync(expected));
        Assert.Equal(["a", "b"], await TablesAsync(DatabasePath));
        Assert.Equal("kept", await ScalarAsync(expected, "SELECT y FROM a WHERE x = 42"));
        Assert.Equal("1", await ScalarAsync(expected, "SELECT group_concat(version) FROM schema_migrations"));
    }

    [Fact]
    public async Task MigrateAsync_NothingPending_TakesNoBackup()
    {
        await using var migrator = Migrator(First);
        await migrator.MigrateAsync(null, CancellationToken.None);

        var outcome = await migrator.MigrateAsync(null, CancellationToken.None);

        Assert.Empty(outcome.Versions);
        Assert.Null(outcome.BackupPath);
        Assert.Empty(Backups());
    }

    [Fact]
    public async Task RollbackAsync_BacksUpFirstNamedAfterTheVersionItLeaves()
    {
        await using var migrator = Migrator(First, Second);
        await migrator.MigrateAsync(null, CancellationToken.None);

        var outcome = await migrator.RollbackAsync(1, CancellationToken.None);

        Assert.Equal([2L], outcome.Versions);
        Assert.EndsWith(".20261122T083015Z.v2.bak", outcome.BackupPath, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], await TablesAsync(outcome.BackupPath!));
        Assert.Equal(["a"], await TablesAsync(DatabasePath));
    }

    [Fact]
    public async Task MigrateAsync_ToVersion_StopsThere()
    {
        await using var migrator = Migrator(First, Second);

        var outcome = await migrator.MigrateAsync(1, CancellationToken.None);

        Assert.Equal([1L], outcome.Versions);
        Assert.Equal([MigrationState.Applied, MigrationState.Pending], (await migrator.GetStatusAsync(CancellationToken.None)).Select(s => s.State));
    }

    [Fact]
    public async Task MigrateAsync_UnknownTargetVersion_ThrowsBeforeTouchingTheDatabase()
    {
        await using var migrator = Migrator(First, Second);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => migrator.MigrateAsync(7, CancellationToken.None));

        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task RollbackAsync_UnknownTargetVersion_Throws()
    {
        await using var migrator = Migrator(First, Second);
        await migrator.MigrateAsync(null, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => migrator.RollbackAsync(7, CancellationToken.None));

        Assert.Equal(["a", "b"], await TablesAsync(DatabasePath));
    }

    [Fact]
    public async Task StatusAndRollback_MissingFile_ThrowWithoutCreatingIt()
    {
        await using var migrator = Migrator(First);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => migrator.GetStatusAsync(CancellationToken.None));
        await Assert.ThrowsAsync<FileNotFoundException>(() => migrator.RollbackAsync(0, CancellationToken.None));

        Assert.Contains(Path.GetFullPath(DatabasePath), error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task MigrateAsync_UnmarkedDropColumn_IsRefusedWithNothingAppliedAndNoBackup()
    {
        await using (var v2 = Migrator(First, Second))
        {
            await v2.MigrateAsync(null, CancellationToken.None);
        }

        await using var v3 = Migrator(First, Second, DropY);

        var error = await Assert.ThrowsAsync<UnsafeMigrationException>(() => v3.MigrateAsync(null, CancellationToken.None));

        Assert.Contains("ALTER TABLE a DROP COLUMN y", error.Message, StringComparison.Ordinal);
        Assert.Equal("DROP COLUMN", Assert.Single(error.Violations).Kind);
        Assert.Equal(MigrationState.Pending, (await v3.GetStatusAsync(CancellationToken.None))[2].State);
        Assert.Empty(Backups());
    }

    [Fact]
    public async Task MigrateAsync_MarkedContractStep_RefusedBelowItsVersionAndAppliedAtIt()
    {
        await using (var v1 = Migrator(First))
        {
            await v1.MigrateAsync(null, CancellationToken.None);
        }

        await using var v3 = Migrator(First, Second, DropYMarked);

        // From 1, the release of version 2 (the first that no longer reads a.y) is not deployed yet.
        await Assert.ThrowsAsync<UnsafeMigrationException>(() => v3.MigrateAsync(null, CancellationToken.None));
        Assert.Equal(["a"], await TablesAsync(DatabasePath));

        await v3.MigrateAsync(2, CancellationToken.None);
        var outcome = await v3.MigrateAsync(null, CancellationToken.None);

        Assert.Equal([3L], outcome.Versions);
        Assert.Equal("x", await ScalarAsync(DatabasePath, "SELECT group_concat(name) FROM pragma_table_info('a')"));
    }

    [Fact]
    public async Task MigrateAsync_TwoMigratorsAtOnce_ApplyEachMigrationOnceUnderTheFileLock()
    {
        await using var first = Migrator(First, Second);
        await using var second = Migrator(First, Second);

        var outcomes = await Task.WhenAll(first.MigrateAsync(null, CancellationToken.None), second.MigrateAsync(null, CancellationToken.None));

        Assert.Equal([1L, 2L], outcomes.SelectMany(o => o.Versions).Order());
    }

    [Fact]
    public async Task FileLock_HeldElsewhere_MigrationWaitsForIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using var migrator = Migrator(First);
        Task<MigrationOutcome> run;
        await using (await SqliteFileLock.AcquireAsync(DatabasePath, CancellationToken.None))
        {
            run = migrator.MigrateAsync(null, CancellationToken.None);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(run.IsCompleted);
        }

        Assert.Equal([1L], (await run).Versions);
    }

    private DatabaseMigrator Migrator(params Migration[] migrations) =>
        DatabaseMigrator.ForSqlite(DatabasePath, _time, migrations: migrations);

    private List<string> Backups() =>
        Directory.Exists(Path.GetDirectoryName(DatabasePath))
            ? [.. Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!, "*.bak")]
            : [];

    private static async Task<List<string>> TablesAsync(string path)
    {
        var text = await ScalarAsync(
            path,
            "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name)");
        return text is null ? [] : [.. text.Split(',')];
    }

    private static async Task<string?> ScalarAsync(string path, string sql)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test-only SQL written in the tests themselves.
        command.CommandText = sql;
#pragma warning restore CA2100
        return await command.ExecuteScalarAsync() is string s ? s : null;
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = await SqliteDatabase.OpenAsync(path, TimeSpan.FromSeconds(1), CancellationToken.None);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test-only SQL written in the tests themselves.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}
