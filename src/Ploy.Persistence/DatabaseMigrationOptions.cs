using Ploy.Persistence.Backup;

namespace Ploy.Persistence;

/// <summary>How <see cref="DatabaseMigrator"/> and <see cref="JournalFactory"/> back up before migrating.</summary>
public sealed class DatabaseMigrationOptions
{
    /// <summary>Where PostgreSQL dumps go unless told otherwise (SQLite backups sit next to the file).</summary>
    public const string DefaultBackupDirectory = "data/backups";

    /// <summary>Back up before changing the schema (default). Off only when explicitly asked (<c>--skip-backup</c>).</summary>
    public bool Backup { get; init; } = true;

    /// <summary>Directory for <c>pg_dump</c> files.</summary>
    public string BackupDirectory { get; init; } = DefaultBackupDirectory;

    /// <summary>Finds <c>pg_dump</c>; defaults to PATH, then the Debian PostgreSQL directories.</summary>
    public ExecutableLocator? PgDumpLocator { get; init; }
}
