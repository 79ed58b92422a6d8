using Ploy.Persistence;
using Ploy.Persistence.Backup;

namespace Ploy.Cli.Database;

/// <summary>One <c>ploy db</c> call, as parsed (and as tests build it).</summary>
internal sealed record DbInvocation(DbAction Action, DatabaseProvider Provider)
{
    /// <summary>SQLite file (--database); null means <see cref="Persistence.Sqlite.SqliteDatabase.DefaultPath"/>.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>PostgreSQL connection string (--connection, else PLOY__DATABASE__CONNECTIONSTRING).</summary>
    public string? ConnectionString { get; init; }

    public bool SkipBackup { get; init; }

    /// <summary>Where pg_dump files go (--backup-dir).</summary>
    public string? BackupDirectory { get; init; }

    /// <summary>--to: migrate up to / roll back down to this version. Rollback without it reverts the newest one.</summary>
    public long? ToVersion { get; init; }

    /// <summary>Where pg_dump is looked for; null means PATH and the Debian PostgreSQL directories.</summary>
    public ExecutableLocator? PgDumpLocator { get; init; }
}
