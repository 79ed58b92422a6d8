using Npgsql;
using Ploy.Persistence.Backup;
using Ploy.Persistence.Migrations;
using Ploy.Persistence.Postgres;
using Ploy.Persistence.Sqlite;

namespace Ploy.Persistence;

/// <summary>
/// The one migration path, shared by <c>ploy db</c> and service start-up (<see cref="JournalFactory"/>): under the
/// migration lock (SQLite: a file lock; PostgreSQL: an advisory lock), when something is to change, first the
/// expand/contract check (migrate only), then the backup, then the scripts. Any refusal leaves the schema as it was.
/// </summary>
public sealed class DatabaseMigrator : IAsyncDisposable
{
    private readonly MigrationRunner _runner;
    private readonly IDatabaseBackup? _backup;
    private readonly string? _sqlitePath;
    private readonly NpgsqlDataSource? _ownedDataSource;

    public DatabaseMigrator(MigrationRunner runner, IDatabaseBackup? backup, string target)
        : this(runner, backup, target, sqlitePath: null, ownedDataSource: null)
    {
    }

    private DatabaseMigrator(MigrationRunner runner, IDatabaseBackup? backup, string target, string? sqlitePath, NpgsqlDataSource? ownedDataSource)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        _runner = runner;
        _backup = backup;
        Target = target;
        _sqlitePath = sqlitePath;
        _ownedDataSource = ownedDataSource;
    }

    /// <summary>What is being migrated, for messages: a file path, or host:port/database (never a password).</summary>
    public string Target { get; }

    public IReadOnlyList<Migration> Migrations => _runner.Migrations;

    /// <summary>For the SQLite file at <paramref name="path"/> (always backed up, unless <paramref name="options"/> says not to).</summary>
    public static DatabaseMigrator ForSqlite(string path, TimeProvider timeProvider, DatabaseMigrationOptions? options = null, IReadOnlyList<Migration>? migrations = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new DatabaseMigrationOptions();
        var fullPath = Path.GetFullPath(path);
        var runner = migrations is null
            ? SqliteDatabase.CreateMigrationRunner(fullPath, timeProvider)
            : SqliteDatabase.CreateMigrationRunner(fullPath, timeProvider, migrations);
        var backup = options.Backup ? new SqliteMigrationBackup(fullPath, timeProvider) : null;
        return new DatabaseMigrator(runner, backup, fullPath, fullPath, ownedDataSource: null);
    }

    /// <summary>For the PostgreSQL database of <paramref name="connectionString"/> (backed up with pg_dump unless skipped).</summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed.</exception>
    public static DatabaseMigrator ForPostgres(string connectionString, TimeProvider timeProvider, DatabaseMigrationOptions? options = null, IReadOnlyList<Migration>? migrations = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new DatabaseMigrationOptions();
        var builder = ParseConnectionString(connectionString);
        var dataSource = NpgsqlDataSource.Create(builder);
        var runner = migrations is null
            ? PostgresDatabase.CreateMigrationRunner(dataSource, timeProvider)
            : PostgresDatabase.CreateMigrationRunner(dataSource, timeProvider, migrations);
        var backup = options.Backup
            ? new PgDumpBackup(connectionString, options.BackupDirectory, options.PgDumpLocator ?? ExecutableLocator.FromEnvironment(), timeProvider)
            : null;
        return new DatabaseMigrator(runner, backup, Describe(builder), sqlitePath: null, dataSource);
    }

    /// <summary>Parses an Npgsql connection string, with an error that names the problem but never echoes the string.</summary>
    /// <exception cref="ArgumentException">Empty or malformed.</exception>
    public static NpgsqlConnectionStringBuilder ParseConnectionString(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("A PostgreSQL connection string is required (--connection or PLOY__DATABASE__CONNECTIONSTRING).", nameof(connectionString));
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"Not a valid PostgreSQL connection string (expected 'Host=…;Port=…;Database=…;Username=…'): {ex.Message}", nameof(connectionString), ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The PostgreSQL connection string has no Host.", nameof(connectionString));
        }

        return builder;
    }

    /// <summary>Every known and applied migration. Changes nothing (a missing SQLite file is an error, not created).</summary>
    public async Task<IReadOnlyList<MigrationStatus>> GetStatusAsync(CancellationToken cancellationToken)
    {
        RequireExistingFile();
        return await _runner.GetStatusAsync(cancellationToken);
    }

    /// <summary>What the expand/contract check would say about the pending migrations of <paramref name="status"/>.</summary>
    public IReadOnlyList<ExpandContractViolation> CheckPending(IReadOnlyList<MigrationStatus> status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var applied = status.Where(s => s.State != MigrationState.Pending).Select(s => s.Version).ToList();
        var pending = _runner.Migrations.Where(m => status.Any(s => s.Version == m.Version && s.State == MigrationState.Pending)).ToList();
        return ExpandContractChecker.Check(pending, applied.Count == 0 ? 0 : applied.Max(), _runner.Migrations);
    }

    /// <summary>
    /// Applies pending migrations up to <paramref name="toVersion"/> (all when null). A SQLite file that does not
    /// exist yet is created (a fresh install).
    /// </summary>
    /// <exception cref="UnsafeMigrationException">The expand/contract check refused a pending migration.</exception>
    /// <exception cref="BackupUnavailableException">The backup could not be taken.</exception>
    /// <exception cref="MigrationChecksumException">An applied migration's script has changed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toVersion"/> is not a migration of this build.</exception>
    public async Task<MigrationOutcome> MigrateAsync(long? toVersion, CancellationToken cancellationToken)
    {
        string? backupPath = null;
        var applied = await _runner.MigrateAsync(
            toVersion,
            async (plan, ct) =>
            {
                var violations = ExpandContractChecker.Check(plan.Steps, plan.FromVersion, _runner.Migrations);
                if (violations.Count > 0)
                {
                    throw new UnsafeMigrationException(violations);
                }

                backupPath = _backup is null ? null : await _backup.BackupAsync(plan, ct);
            },
            cancellationToken);
        return new MigrationOutcome(applied, backupPath);
    }

    /// <summary>Runs down scripts until <paramref name="toVersion"/> is the newest applied (0: all), backing up first.</summary>
    /// <exception cref="BackupUnavailableException">The backup could not be taken.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toVersion"/> is neither known nor applied.</exception>
    public async Task<MigrationOutcome> RollbackAsync(long toVersion, CancellationToken cancellationToken)
    {
        RequireExistingFile();
        string? backupPath = null;
        var reverted = await _runner.RollbackAsync(
            toVersion,
            async (plan, ct) => backupPath = _backup is null ? null : await _backup.BackupAsync(plan, ct),
            cancellationToken);
        return new MigrationOutcome(reverted, backupPath);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownedDataSource is not null)
        {
            await _ownedDataSource.DisposeAsync();
        }
    }

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"postgres://{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}";

    private void RequireExistingFile()
    {
        if (_sqlitePath is not null && !File.Exists(_sqlitePath))
        {
            throw new FileNotFoundException($"No SQLite database at {_sqlitePath} (run 'ploy db migrate' to create one).", _sqlitePath);
        }
    }
}
