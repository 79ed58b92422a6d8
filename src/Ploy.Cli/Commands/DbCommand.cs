using System.CommandLine;
using Ploy.Cli.Database;
using Ploy.Persistence;
using Ploy.Persistence.Sqlite;

namespace Ploy.Cli.Commands;

/// <summary>
/// `ploy db status | migrate [--to N] | rollback [--to N]`: the journal's schema on SQLite (default) or PostgreSQL.
/// migrate and rollback take the migration lock, back up first, and migrate refuses steps the expand/contract
/// check rejects.
/// </summary>
public static class DbCommand
{
    /// <summary>The environment variable that supplies the PostgreSQL connection string when --connection is absent.</summary>
    public const string ConnectionStringVariable = "PLOY__DATABASE__CONNECTIONSTRING";

    public static Command Create()
    {
        var provider = new Option<DatabaseProvider>("--provider")
        {
            Description = "Database provider: sqlite (default) or postgres.",
            DefaultValueFactory = _ => DatabaseProvider.Sqlite,
            Recursive = true,
        };
        var database = new Option<string?>("--database")
        {
            Description = $"SQLite database file (default ./{SqliteDatabase.DefaultPath}).",
            Recursive = true,
        };
        var connection = new Option<string?>("--connection")
        {
            Description = $"PostgreSQL connection string (default: ${ConnectionStringVariable}).",
            Recursive = true,
        };
        var skipBackup = new Option<bool>("--skip-backup")
        {
            Description = "PostgreSQL only: migrate or roll back without a pg_dump backup (required when pg_dump is not installed).",
            Recursive = true,
        };
        var backupDir = new Option<string?>("--backup-dir")
        {
            Description = $"PostgreSQL only: where pg_dump backups go (default ./{DatabaseMigrationOptions.DefaultBackupDirectory}).",
            Recursive = true,
        };
        var migrateTo = new Option<long?>("--to") { Description = "Apply pending migrations up to this version only (default: all)." };
        var rollbackTo = new Option<long?>("--to") { Description = "Run down scripts until this version is the newest applied (0: all; default: revert only the newest)." };

        var status = new Command("status", "List every migration: applied (when), pending, checksum mismatch, or applied by a newer build. Exit 1 on a checksum mismatch.");
        var migrate = new Command("migrate", "Back up, then apply pending migrations under the migration lock; refuses unsafe (contract) steps.") { migrateTo };
        var rollback = new Command("rollback", "Back up, then run down scripts under the migration lock.") { rollbackTo };

        var command = new Command("db", "Journal schema: status, migrate, rollback.")
        {
            provider, database, connection, skipBackup, backupDir, status, migrate, rollback,
        };

        DbInvocation Read(ParseResult parse, DbAction action, Option<long?>? to)
        {
            var chosen = parse.GetValue(provider);
            return new DbInvocation(action, chosen)
            {
                DatabasePath = parse.GetValue(database),

                // The environment only stands in for PostgreSQL: a stray variable must not break SQLite calls.
                ConnectionString = parse.GetValue(connection)
                    ?? (chosen == DatabaseProvider.Postgres ? Environment.GetEnvironmentVariable(ConnectionStringVariable) : null),
                SkipBackup = parse.GetValue(skipBackup),
                BackupDirectory = parse.GetValue(backupDir),
                ToVersion = to is null ? null : parse.GetValue(to),
            };
        }

        status.SetAction((parse, cancellationToken) => DbCommandRunner.RunAsync(
            Read(parse, DbAction.Status, null), TimeProvider.System, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        migrate.SetAction((parse, cancellationToken) => DbCommandRunner.RunAsync(
            Read(parse, DbAction.Migrate, migrateTo), TimeProvider.System, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        rollback.SetAction((parse, cancellationToken) => DbCommandRunner.RunAsync(
            Read(parse, DbAction.Rollback, rollbackTo), TimeProvider.System, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }
}
