using Npgsql;
using Ploy.Hosting.Logging;
using Ploy.Persistence;

namespace Ploy.Cli.Service;

/// <summary>Where the journal lives (config section <c>Database</c>). SQLite under ./data is the default.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The SQLite file (provider sqlite).</summary>
    public string Path { get; set; } = Persistence.Sqlite.SqliteDatabase.DefaultPath;

    /// <summary>The PostgreSQL connection string (provider postgres). A secret: it may hold a password.</summary>
    public SecretString? ConnectionString { get; set; }

    /// <summary>Back up before migrating at start (SQLite: a copy next to the file; PostgreSQL: pg_dump).</summary>
    public bool Backup { get; set; } = true;

    /// <summary>Where PostgreSQL backups go.</summary>
    public string BackupDirectory { get; set; } = DatabaseMigrationOptions.DefaultBackupDirectory;

    /// <summary>PostgreSQL pool: most connections.</summary>
    public int MaxPoolSize { get; set; } = 10;

    /// <summary>PostgreSQL pool: connections kept open.</summary>
    public int MinPoolSize { get; set; }

    /// <summary>PostgreSQL: how long opening a connection may take (an unreachable server fails start-up after this).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>PostgreSQL: how long one statement may take.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The path (SQLite) or the connection string with the pool settings applied (PostgreSQL).</summary>
    public string Target()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return System.IO.Path.GetFullPath(Path);
        }

        var builder = DatabaseMigrator.ParseConnectionString(ConnectionString?.Reveal() ?? string.Empty);
        builder.MaxPoolSize = MaxPoolSize;
        builder.MinPoolSize = MinPoolSize;
        builder.Timeout = Math.Max(1, (int)Math.Ceiling(ConnectTimeout.TotalSeconds));
        builder.CommandTimeout = Math.Max(1, (int)Math.Ceiling(CommandTimeout.TotalSeconds));
        return builder.ConnectionString;
    }

    /// <summary>For messages: the file, or host:port/database — never the password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return "sqlite " + System.IO.Path.GetFullPath(Path);
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString?.Reveal() ?? string.Empty);
            return $"postgres {builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "postgres (unparsable connection string)";
        }
    }

    /// <summary>Every problem, each naming its full key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Provider == DatabaseProvider.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(Path))
            {
                problems.Add($"{Section}:{nameof(Path)} must name the SQLite file (default {Persistence.Sqlite.SqliteDatabase.DefaultPath}).");
            }
        }
        else if (ConnectionString is null || ConnectionString.IsEmpty)
        {
            problems.Add($"{Section}:{nameof(ConnectionString)} is required when {Section}:{nameof(Provider)} is postgres (use PLOY__DATABASE__CONNECTIONSTRING or the secrets directory for the password).");
        }
        else
        {
            try
            {
                DatabaseMigrator.ParseConnectionString(ConnectionString.Reveal());
            }
            catch (ArgumentException)
            {
                // The parser's message never echoes the string; still, name only the key.
                problems.Add($"{Section}:{nameof(ConnectionString)} is not a valid PostgreSQL connection string.");
            }
        }

        if (MaxPoolSize is < 1 or > 1000)
        {
            problems.Add($"{Section}:{nameof(MaxPoolSize)} must be between 1 and 1000, was {MaxPoolSize}.");
        }

        if (MinPoolSize < 0 || MinPoolSize > MaxPoolSize)
        {
            problems.Add($"{Section}:{nameof(MinPoolSize)} must be between 0 and {Section}:{nameof(MaxPoolSize)}, was {MinPoolSize}.");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{nameof(ConnectTimeout)} must be positive.");
        }

        if (CommandTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{nameof(CommandTimeout)} must be positive.");
        }

        if (Backup && Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(BackupDirectory))
        {
            problems.Add($"{Section}:{nameof(BackupDirectory)} must be set when {Section}:{nameof(Backup)} is true.");
        }

        return problems;
    }
}
