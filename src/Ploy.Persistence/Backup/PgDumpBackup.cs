using System.Diagnostics;
using Npgsql;
using Ploy.Persistence.Migrations;

namespace Ploy.Persistence.Backup;

/// <summary>
/// A <c>pg_dump --format=custom</c> of the database to <c>&lt;dir&gt;/&lt;database&gt;.&lt;UTC yyyyMMddTHHmmssZ&gt;.v&lt;from&gt;.dump</c>
/// (restore with <c>pg_restore</c>). Without pg_dump it refuses: the operator must install it or skip the backup
/// explicitly. Connection settings reach pg_dump through libpq's PG* environment variables, so the password never
/// appears on a command line.
/// </summary>
public sealed class PgDumpBackup : IDatabaseBackup
{
    public const string ProgramName = "pg_dump";

    private readonly NpgsqlConnectionStringBuilder _connection;
    private readonly string _directory;
    private readonly ExecutableLocator _locator;
    private readonly TimeProvider _timeProvider;

    public PgDumpBackup(string connectionString, string backupDirectory, ExecutableLocator locator, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(backupDirectory);
        ArgumentNullException.ThrowIfNull(locator);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _connection = new NpgsqlConnectionStringBuilder(connectionString);
        _directory = Path.GetFullPath(backupDirectory);
        _locator = locator;
        _timeProvider = timeProvider;
    }

    /// <summary>Where pg_dump was found, or null (then <see cref="BackupAsync"/> refuses).</summary>
    public string? PgDumpPath => _locator.Find(ProgramName);

    public async Task<string?> BackupAsync(MigrationPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var program = PgDumpPath ?? throw new BackupUnavailableException(
            $"{ProgramName} was not found on PATH nor under {ExecutableLocator.DebianPostgresRoot}/<version>/bin, so no backup can be taken before migrating. " +
            $"Install the PostgreSQL client (e.g. apt-get install postgresql-client) or pass --skip-backup to migrate without one.");

        Directory.CreateDirectory(_directory);
        var database = _connection.Database ?? _connection.Username ?? "postgres";
        var destination = BackupFileName.For(Path.Combine(_directory, database), _timeProvider.GetUtcNow(), plan.FromVersion, "dump");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--format=custom", "--no-password", "--file", destination])
        {
            start.ArgumentList.Add(argument);
        }

        SetEnvironment(start);
        using var process = Process.Start(start) ?? throw new BackupUnavailableException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            File.Delete(destination);
            throw;
        }

        await output;
        var message = (await error).Trim();
        if (process.ExitCode != 0)
        {
            File.Delete(destination);
            throw new BackupUnavailableException($"{program} exited with {process.ExitCode}; nothing was migrated. {message}");
        }

        return destination;
    }

    private void SetEnvironment(ProcessStartInfo start)
    {
        void Set(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                start.Environment[name] = value;
            }
        }

        Set("PGHOST", _connection.Host);
        Set("PGPORT", _connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("PGDATABASE", _connection.Database);
        Set("PGUSER", _connection.Username);
        Set("PGPASSWORD", _connection.Password);
        Set("PGOPTIONS", _connection.Options);
        Set("PGAPPNAME", "ploy-backup");
        Set("PGSSLMODE", _connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Prefer => "prefer",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => null,
        });
        if (_connection.Timeout > 0)
        {
            Set("PGCONNECT_TIMEOUT", _connection.Timeout.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
