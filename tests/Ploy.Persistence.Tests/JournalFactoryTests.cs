using Ploy.Core.Time;
using Ploy.Persistence.Migrations;
using Ploy.Persistence.Sqlite;

namespace Ploy.Persistence.Tests;

public sealed class JournalFactoryTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    private string DatabasePath => _directory.File(Path.Combine("data", "ploy.db"));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OpenAsync_SqliteNewFile_ReturnsAMigratedJournal()
    {
        await using var journal = await JournalFactory.OpenAsync(DatabaseProvider.Sqlite, DatabasePath, _time, backup: true, CancellationToken.None);

        Assert.Equal(0, (await journal.CountsAsync(CancellationToken.None)).Orders);
        var status = await SqliteDatabase.CreateMigrationRunner(DatabasePath, _time).GetStatusAsync(CancellationToken.None);
        Assert.All(status, s => Assert.Equal(MigrationState.Applied, s.State));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!, "*.bak"));
    }

    [Fact]
    public async Task OpenAsync_SqliteBehindThisBuild_BacksUpThenMigrates()
    {
        // A database at version 0 that already holds data: created by hand, nothing applied yet.
        await using (var connection = await SqliteDatabase.OpenAsync(DatabasePath, TimeSpan.FromSeconds(1), CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE operator_notes (note TEXT)";
            await command.ExecuteNonQueryAsync();
        }

        await using var journal = await JournalFactory.OpenAsync(DatabaseProvider.Sqlite, DatabasePath, _time, backup: true, CancellationToken.None);

        Assert.Equal([Path.GetFullPath(DatabasePath) + ".20261122T090000Z.v0.bak"], Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!, "*.bak"));
    }
}
