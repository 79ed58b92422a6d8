using Microsoft.Data.Sqlite;
using Ploy.Persistence.Migrations;
using Ploy.Persistence.Sqlite;

namespace Ploy.Persistence.Backup;

/// <summary>
/// SQLite online backup to <c>&lt;db&gt;.&lt;UTC yyyyMMddTHHmmssZ&gt;.v&lt;from&gt;.bak</c> next to the database. A file
/// that holds nothing yet (created by this very run) is not backed up.
/// </summary>
public sealed class SqliteMigrationBackup : IDatabaseBackup
{
    private readonly string _path;
    private readonly TimeProvider _timeProvider;

    public SqliteMigrationBackup(string databasePath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _path = Path.GetFullPath(databasePath);
        _timeProvider = timeProvider;
    }

    public async Task<string?> BackupAsync(MigrationPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!File.Exists(_path) || (plan.AppliedVersions.Count == 0 && !await HasUserObjectsAsync(cancellationToken)))
        {
            return null;
        }

        var destination = BackupFileName.For(_path, _timeProvider.GetUtcNow(), plan.FromVersion, "bak");
        try
        {
            await SqliteDatabase.BackupAsync(_path, destination, cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new BackupUnavailableException($"SQLite backup of {_path} to {destination} failed: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new BackupUnavailableException($"SQLite backup of {_path} to {destination} failed: {ex.Message}", ex);
        }

        return destination;
    }

    private async Task<bool> HasUserObjectsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await SqliteDatabase.OpenAsync(_path, SqliteDatabase.DefaultBusyTimeout, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'";
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L) > 0;
    }
}
