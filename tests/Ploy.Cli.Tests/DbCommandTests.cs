using System.CommandLine;
using Microsoft.Data.Sqlite;
using Ploy.Cli.Commands;

namespace Ploy.Cli.Tests;

/// <summary>`ploy db` end to end through the parser, on a throwaway SQLite file (PostgreSQL paths: Ploy.Persistence.Tests).</summary>
public sealed class DbCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ploy-db-cli-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "ploy.db");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_ThenStatus_ListsTheInitialMigrationAsApplied()
    {
        var migrate = await RunAsync("db", "migrate", "--database", DatabasePath);
        var status = await RunAsync("db", "status", "--database", DatabasePath);

        Assert.Equal(ExitCodes.Ok, migrate.ExitCode);
        Assert.Contains("applied 0001_initial", migrate.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, status.ExitCode);
        Assert.Matches(@"0001\s+initial\s+applied \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", status.Output);
    }

    [Fact]
    public async Task RollbackToZero_BacksUpAndLeavesEverythingPending()
    {
        await RunAsync("db", "migrate", "--database", DatabasePath);

        var rollback = await RunAsync("db", "rollback", "--to", "0", "--database", DatabasePath);
        var status = await RunAsync("db", "status", "--database", DatabasePath);

        Assert.Equal(ExitCodes.Ok, rollback.ExitCode);
        Assert.Contains("reverted 0001_initial", rollback.Output, StringComparison.Ordinal);
        // The backup is named after the newest applied version, i.e. this build's last migration.
        var newest = Persistence.Migrations.MigrationCatalog.Load(Persistence.Migrations.MigrationCatalog.SqliteFolder)[^1].Version;
        var backup = Assert.Single(Directory.GetFiles(_directory, $"ploy.db.*.v{newest}.bak"));
        Assert.Contains("backup: " + backup, rollback.Output, StringComparison.Ordinal);
        Assert.Matches(@"0001\s+initial\s+pending", status.Output);
    }

    [Fact]
    public async Task Status_MissingFile_FailsClearlyWithoutCreatingIt()
    {
        var status = await RunAsync("db", "status", "--database", DatabasePath);

        Assert.Equal(ExitCodes.InvalidConfiguration, status.ExitCode);
        Assert.Contains("No SQLite database at", status.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Status_EditedAppliedMigration_ReportsMismatchAndExitsNonZero()
    {
        await RunAsync("db", "migrate", "--database", DatabasePath);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1";
            await command.ExecuteNonQueryAsync();
        }

        var status = await RunAsync("db", "status", "--database", DatabasePath);

        Assert.Equal(ExitCodes.Failure, status.ExitCode);
        Assert.Contains("CHECKSUM MISMATCH", status.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrate", "--to", "99")]
    [InlineData("rollback", "--to", "99")]
    [InlineData("migrate", "--skip-backup")]
    [InlineData("status", "--connection", "Host=localhost")]
    public async Task BadArguments_ExitWithInvalidConfiguration(params string[] arguments)
    {
        await RunAsync("db", "migrate", "--database", DatabasePath);

        var result = await RunAsync(["db", .. arguments, "--database", DatabasePath]);

        Assert.Equal(ExitCodes.InvalidConfiguration, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Error.Trim());
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Password=hunter2;Nonsense", "Not a valid PostgreSQL connection string")]
    [InlineData("", "needs --connection")]
    public async Task Postgres_BadConnectionString_FailsWithoutEchoingIt(string connection, string expected)
    {
        var result = await RunAsync("db", "status", "--provider", "postgres", "--connection", connection);

        Assert.Equal(ExitCodes.InvalidConfiguration, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var root = new RootCommand("test") { DbCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
