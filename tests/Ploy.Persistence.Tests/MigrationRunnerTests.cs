using Microsoft.Data.Sqlite;
using Ploy.Core.Time;
using Ploy.Persistence.Migrations;
using Ploy.Persistence.Sqlite;

namespace Ploy.Persistence.Tests;

/// <summary>The runner's own rules, exercised on a real SQLite file with small hand-written migrations.</summary>
public sealed class MigrationRunnerTests : IDisposable
{
    private static readonly Migration First = new(1, "first", "CREATE TABLE a (x INTEGER)", "DROP TABLE a");
    private static readonly Migration Second = new(2, "second", "CREATE TABLE b (y INTEGER)", "DROP TABLE b");

    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    private string DatabasePath => _directory.File("runner.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task MigrateAsync_Pending_AppliesInVersionOrderWhateverTheInputOrder()
    {
        var runner = Runner(Second, First);

        var applied = await runner.MigrateAsync(CancellationToken.None);

        Assert.Equal([1L, 2L], applied);
        Assert.Equal(["a", "b"], await TablesAsync());
    }

    [Fact]
    public async Task MigrateAsync_FailingScript_RollsItBackAndKeepsEarlierOnes()
    {
        var broken = new Migration(2, "broken", "CREATE TABLE b (y INTEGER); INSERT INTO no_such_table VALUES (1)", "DROP TABLE b");
        var runner = Runner(First, broken);

        await Assert.ThrowsAsync<SqliteException>(() => runner.MigrateAsync(CancellationToken.None));

        Assert.Equal(["a"], await TablesAsync());
        var status = await runner.GetStatusAsync(CancellationToken.None);
        Assert.Equal([MigrationState.Applied, MigrationState.Pending], status.Select(s => s.State));
    }

    [Fact]
    public async Task MigrateAsync_NewMigrationInALaterBuild_AppliesOnlyThatOne()
    {
        await Runner(First).MigrateAsync(CancellationToken.None);

        var applied = await Runner(First, Second).MigrateAsync(CancellationToken.None);

        Assert.Equal([2L], applied);
    }

    [Fact]
    public async Task RollbackAsync_ToVersion_RevertsOnlyNewerOnesNewestFirst()
    {
        var third = new Migration(3, "third", "CREATE TABLE c (z INTEGER)", "DROP TABLE c");
        var runner = Runner(First, Second, third);
        await runner.MigrateAsync(CancellationToken.None);

        var reverted = await runner.RollbackAsync(1, CancellationToken.None);

        Assert.Equal([3L, 2L], reverted);
        Assert.Equal(["a"], await TablesAsync());
        Assert.Equal([MigrationState.Applied, MigrationState.Pending, MigrationState.Pending], (await runner.GetStatusAsync(CancellationToken.None)).Select(s => s.State));
    }

    [Fact]
    public async Task RollbackAsync_FailingDownScript_LeavesThatMigrationApplied()
    {
        var badDown = new Migration(2, "second", "CREATE TABLE b (y INTEGER)", "DROP TABLE a; DROP TABLE no_such_table");
        var runner = Runner(First, badDown);
        await runner.MigrateAsync(CancellationToken.None);

        await Assert.ThrowsAsync<SqliteException>(() => runner.RollbackAsync(0, CancellationToken.None));

        Assert.Equal(["a", "b"], await TablesAsync());
        Assert.All(await runner.GetStatusAsync(CancellationToken.None), s => Assert.Equal(MigrationState.Applied, s.State));
    }

    [Fact]
    public async Task MigrateAsync_AppliedScriptEditedSince_ThrowsBeforeApplyingAnything()
    {
        await Runner(First).MigrateAsync(CancellationToken.None);
        var edited = new Migration(1, "first", "CREATE TABLE a (x INTEGER, extra TEXT)", "DROP TABLE a");

        var error = await Assert.ThrowsAsync<MigrationChecksumException>(() => Runner(edited, Second).MigrateAsync(CancellationToken.None));

        Assert.Contains("0001_first", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a"], await TablesAsync());
    }

    [Fact]
    public async Task GetStatusAsync_NoHistoryTable_ReportsPendingWithoutCreatingIt()
    {
        var status = await Runner(First).GetStatusAsync(CancellationToken.None);

        Assert.Equal(MigrationState.Pending, Assert.Single(status).State);
        Assert.Empty(await TablesAsync());
    }

    [Fact]
    public void Constructor_DuplicateVersions_Throws()
    {
        Assert.Throws<ArgumentException>(() => Runner(First, new Migration(1, "again", "SELECT 1", "SELECT 1")));
    }

    [Fact]
    public void ComputeChecksum_LineEndings_DoNotMatterButContentDoes()
    {
        Assert.Equal(Migration.ComputeChecksum("CREATE TABLE a (x);\nSELECT 1;\n"), Migration.ComputeChecksum("CREATE TABLE a (x);\r\nSELECT 1;\r\n"));
        Assert.NotEqual(Migration.ComputeChecksum("CREATE TABLE a (x);"), Migration.ComputeChecksum("CREATE TABLE a (y);"));
    }

    [Fact]
    public void Load_SqliteFolder_FindsNumberedPairsInOrder()
    {
        var migrations = MigrationCatalog.Load(MigrationCatalog.SqliteFolder);

        Assert.Equal(1, migrations[0].Version);
        Assert.Equal("initial", migrations[0].Name);
        Assert.Contains("CREATE TABLE orders", migrations[0].Up, StringComparison.Ordinal);
        Assert.Contains("DROP TABLE orders", migrations[0].Down, StringComparison.Ordinal);
        Assert.Equal(migrations.Select(m => m.Version).Order(), migrations.Select(m => m.Version));
    }

    [Fact]
    public void Load_UnknownFolder_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => MigrationCatalog.Load("Migrations/Nope"));
    }

    private MigrationRunner Runner(params Migration[] migrations) =>
        SqliteDatabase.CreateMigrationRunner(DatabasePath, _time, migrations);

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = await SqliteDatabase.OpenAsync(DatabasePath, TimeSpan.FromSeconds(1), CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
