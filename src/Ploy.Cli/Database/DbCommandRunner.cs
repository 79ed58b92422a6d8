using System.Data.Common;
using System.Globalization;
using Ploy.Cli.Commands;
using Ploy.Persistence;
using Ploy.Persistence.Backup;
using Ploy.Persistence.Migrations;
using Ploy.Persistence.Sqlite;

namespace Ploy.Cli.Database;

/// <summary>
/// What <c>ploy db status | migrate | rollback</c> do, apart from parsing: every path goes through
/// <see cref="DatabaseMigrator"/>, the same code service start-up uses. Exit codes: 0 done, 1 refused or failed
/// (unsafe migration, no backup, checksum mismatch, database error), 2 unusable arguments.
/// </summary>
internal static class DbCommandRunner
{
    public static async Task<int> RunAsync(DbInvocation invocation, TimeProvider timeProvider, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var problem = Validate(invocation);
        if (problem is not null)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.InvalidConfiguration;
        }

        DatabaseMigrator migrator;
        try
        {
            migrator = Create(invocation, timeProvider);
        }
        catch (ArgumentException ex)
        {
            // The operator typed a connection string, not a parameter: drop the " (Parameter 'x')" suffix.
            await error.WriteLineAsync(ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message);
            return ExitCodes.InvalidConfiguration;
        }

        await using (migrator)
        {
            try
            {
                return invocation.Action switch
                {
                    DbAction.Status => await StatusAsync(migrator, invocation, output, cancellationToken),
                    DbAction.Migrate => await MigrateAsync(migrator, invocation, output, error, cancellationToken),
                    DbAction.Rollback => await RollbackAsync(migrator, invocation, output, error, cancellationToken),
                    _ => throw new ArgumentOutOfRangeException(nameof(invocation), invocation.Action, "Unknown db action."),
                };
            }
            catch (FileNotFoundException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.InvalidConfiguration;
            }
            catch (Exception ex) when (ex is UnsafeMigrationException or BackupUnavailableException or MigrationChecksumException)
            {
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.Failure;
            }
            catch (DbException ex)
            {
                await error.WriteLineAsync($"Database error on {invocation.Provider.ToString().ToLowerInvariant()} {migrator.Target}: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (InvalidOperationException ex)
            {
                // E.g. a rollback across versions applied by a newer build.
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.Failure;
            }
        }
    }

    private static string? Validate(DbInvocation invocation)
    {
        var problems = new List<string>();
        if (invocation.Provider == DatabaseProvider.Sqlite)
        {
            if (invocation.ConnectionString is not null)
            {
                problems.Add("--connection is for --provider postgres; SQLite takes --database PATH.");
            }

            if (invocation.SkipBackup)
            {
                problems.Add("--skip-backup is for PostgreSQL only: a SQLite migration always takes an online backup first.");
            }

            if (invocation.BackupDirectory is not null)
            {
                problems.Add("--backup-dir is for PostgreSQL only: SQLite backups sit next to the database file.");
            }
        }
        else
        {
            if (invocation.DatabasePath is not null)
            {
                problems.Add("--database is for --provider sqlite; PostgreSQL takes --connection (or PLOY__DATABASE__CONNECTIONSTRING).");
            }

            if (string.IsNullOrWhiteSpace(invocation.ConnectionString))
            {
                problems.Add("--provider postgres needs --connection STRING or the environment variable PLOY__DATABASE__CONNECTIONSTRING.");
            }
        }

        if (invocation.ToVersion is < 0)
        {
            problems.Add("--to must be a version number, 0 or more.");
        }

        return problems.Count == 0 ? null : string.Join(Environment.NewLine, problems);
    }

    private static DatabaseMigrator Create(DbInvocation invocation, TimeProvider timeProvider)
    {
        var options = new DatabaseMigrationOptions
        {
            Backup = !invocation.SkipBackup,
            BackupDirectory = invocation.BackupDirectory ?? DatabaseMigrationOptions.DefaultBackupDirectory,
            PgDumpLocator = invocation.PgDumpLocator,
        };
        return invocation.Provider == DatabaseProvider.Sqlite
            ? DatabaseMigrator.ForSqlite(invocation.DatabasePath ?? SqliteDatabase.DefaultPath, timeProvider, options)
            : DatabaseMigrator.ForPostgres(invocation.ConnectionString!, timeProvider, options);
    }

    private static async Task<int> StatusAsync(DatabaseMigrator migrator, DbInvocation invocation, TextWriter output, CancellationToken cancellationToken)
    {
        var status = await migrator.GetStatusAsync(cancellationToken);
        var current = CurrentVersion(status);
        var latest = migrator.Migrations.Count == 0 ? 0 : migrator.Migrations.Max(m => m.Version);
        await output.WriteLineAsync(Invariant(
            $"{invocation.Provider.ToString().ToLowerInvariant()} {migrator.Target}: schema version {current}, this build knows up to {latest}"));
        var nameWidth = status.Select(s => s.Name.Length).Append(4).Max();
        await output.WriteLineAsync($"{"VERSION",-8} {"NAME".PadRight(nameWidth)} STATE");
        foreach (var row in status)
        {
            await output.WriteLineAsync($"{Invariant($"{row.Version:D4}"),-8} {row.Name.PadRight(nameWidth)} {Describe(row)}");
        }

        foreach (var violation in migrator.CheckPending(status))
        {
            await output.WriteLineAsync($"refused by the expand/contract check: {violation}");
        }

        var mismatched = status.Count(s => s.State == MigrationState.ChecksumMismatch);
        if (mismatched > 0)
        {
            await output.WriteLineAsync(Invariant($"{mismatched} applied migration(s) differ from this build's scripts: released migrations must never be edited."));
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> MigrateAsync(DatabaseMigrator migrator, DbInvocation invocation, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (invocation.ToVersion is { } to && to != 0 && migrator.Migrations.All(m => m.Version != to))
        {
            await error.WriteLineAsync(Invariant($"--to {to}: no such migration in this build (known: {KnownVersions(migrator)})."));
            return ExitCodes.InvalidConfiguration;
        }

        var outcome = await migrator.MigrateAsync(invocation.ToVersion, cancellationToken);
        await WriteOutcomeAsync(migrator, invocation, outcome, "applied", output, cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<int> RollbackAsync(DatabaseMigrator migrator, DbInvocation invocation, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var status = await migrator.GetStatusAsync(cancellationToken);
        var applied = status.Where(s => s.State != MigrationState.Pending).Select(s => s.Version).Order().ToList();
        long target;
        if (invocation.ToVersion is { } to)
        {
            if (to != 0 && migrator.Migrations.All(m => m.Version != to) && !applied.Contains(to))
            {
                await error.WriteLineAsync(Invariant($"--to {to}: no such migration in this build nor in the database (known: {KnownVersions(migrator)})."));
                return ExitCodes.InvalidConfiguration;
            }

            target = to;
        }
        else
        {
            // Without --to, one step: revert the newest applied migration only.
            target = applied.Count > 1 ? applied[^2] : 0;
        }

        var outcome = await migrator.RollbackAsync(target, cancellationToken);
        await WriteOutcomeAsync(migrator, invocation, outcome, "reverted", output, cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task WriteOutcomeAsync(
        DatabaseMigrator migrator,
        DbInvocation invocation,
        MigrationOutcome outcome,
        string verb,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        if (outcome.Versions.Count > 0)
        {
            var backup = outcome.BackupPath is { } path
                ? $"backup: {path}"
                : invocation.SkipBackup ? "backup: skipped (--skip-backup)" : "backup: none (the database was empty)";
            await output.WriteLineAsync(backup);
        }

        foreach (var version in outcome.Versions)
        {
            var name = migrator.Migrations.FirstOrDefault(m => m.Version == version)?.Name ?? "?";
            await output.WriteLineAsync(Invariant($"{verb} {version:D4}_{name}"));
        }

        var current = CurrentVersion(await migrator.GetStatusAsync(cancellationToken));
        await output.WriteLineAsync(outcome.Versions.Count == 0
            ? Invariant($"nothing to do; schema version {current}")
            : Invariant($"schema version {current}"));
    }

    private static string Describe(MigrationStatus row) => row.State switch
    {
        MigrationState.Applied => $"applied {Timestamp(row.AppliedAt)}",
        MigrationState.Pending => "pending",
        MigrationState.ChecksumMismatch => $"CHECKSUM MISMATCH (applied {Timestamp(row.AppliedAt)}; the script was edited since)",
        MigrationState.AppliedUnknown => $"applied by a newer build {Timestamp(row.AppliedAt)}",
        _ => row.State.ToString(),
    };

    private static long CurrentVersion(IReadOnlyList<MigrationStatus> status) =>
        status.Where(s => s.State != MigrationState.Pending).Select(s => s.Version).DefaultIfEmpty(0).Max();

    private static string KnownVersions(DatabaseMigrator migrator) =>
        string.Join(", ", migrator.Migrations.Select(m => m.Version.ToString(CultureInfo.InvariantCulture)));

    private static string Timestamp(DateTimeOffset? value) =>
        value is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "?";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
