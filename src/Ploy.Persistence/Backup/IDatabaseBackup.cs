using Ploy.Persistence.Migrations;

namespace Ploy.Persistence.Backup;

/// <summary>Takes the backup a migration run needs before it changes anything.</summary>
public interface IDatabaseBackup
{
    /// <summary>Backs the database up as it is before <paramref name="plan"/> runs.</summary>
    /// <returns>The backup's path, or null when there is nothing to lose (a database created by this run).</returns>
    /// <exception cref="BackupUnavailableException">No backup can be taken; the run must not proceed.</exception>
    Task<string?> BackupAsync(MigrationPlan plan, CancellationToken cancellationToken);
}
