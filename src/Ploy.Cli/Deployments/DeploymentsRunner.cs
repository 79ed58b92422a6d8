using System.Data.Common;
using Ploy.Cli.Commands;
using Ploy.Persistence;
using Ploy.Persistence.Deployments;

namespace Ploy.Cli.Deployments;

/// <summary>What `ploy deployments` and `ploy deployments record` do once their arguments are parsed.</summary>
internal static class DeploymentsRunner
{
    public static async Task<int> ShowAsync(
        string? configFile, string? dataDirectory, int? limit, bool json, TimeProvider timeProvider, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (options, problems) = DeploymentsDatabase.Resolve(configFile, dataDirectory);
        if (options is null)
        {
            return await FailAsync(error, problems);
        }

        if (options.Provider == DatabaseProvider.Sqlite && !File.Exists(options.Target()))
        {
            await error.WriteLineAsync($"deployments: no journal at {options.Target()}: nothing has been recorded on this host yet.");
            return ExitCodes.InvalidConfiguration;
        }

        IReadOnlyList<DeploymentRecord> records;
        try
        {
            await using var log = DeploymentLog.Open(options.Provider, options.Target());
            records = await log.ReadAsync(limit: null, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or IOException or ArgumentException)
        {
            // The message names the file or the SQL problem (e.g. an unmigrated schema); Npgsql's never holds the password.
            await error.WriteLineAsync($"deployments: cannot read the deployments log in {options.Describe()}: {ex.Message} (is the journal migrated? ploy db migrate)");
            return ExitCodes.Failure;
        }

        var shown = limit is { } n ? records.Skip(Math.Max(0, records.Count - n)).ToList() : records;
        var kpis = DeploymentKpiCalculator.Compute(records, timeProvider.GetUtcNow());
        await output.WriteAsync(json
            ? DeploymentsReport.RenderJson(options.Describe(), shown, records.Count, kpis) + Environment.NewLine
            : DeploymentsReport.RenderText(options.Describe(), shown, records.Count, kpis));
        return ExitCodes.Ok;
    }

    public static async Task<int> RecordAsync(
        string? configFile, string? dataDirectory, DeploymentRecord record, TimeProvider timeProvider, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (options, problems) = DeploymentsDatabase.Resolve(configFile, dataDirectory);
        if (options is null)
        {
            return await FailAsync(error, problems);
        }

        try
        {
            // The same migration path as `ploy run` (lock, expand/contract check, backup first): the first deploy to a
            // host can fail before any service ever created the journal, and its record must still land.
            var migration = new DatabaseMigrationOptions { Backup = options.Backup, BackupDirectory = options.BackupDirectory };
            await using (var migrator = options.Provider == DatabaseProvider.Sqlite
                ? DatabaseMigrator.ForSqlite(options.Target(), timeProvider, migration)
                : DatabaseMigrator.ForPostgres(options.Target(), timeProvider, migration))
            {
                await migrator.MigrateAsync(toVersion: null, cancellationToken);
            }

            await using var log = DeploymentLog.Open(options.Provider, options.Target());
            var id = await log.RecordAsync(record, cancellationToken);
            await output.WriteLineAsync($"recorded deployment #{id}: {DeploymentText.FromKind(record.Kind)} {record.Version} {DeploymentText.FromResult(record.Result!.Value)} in {options.Describe()}");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException or ArgumentException)
        {
            await error.WriteLineAsync($"deployments: cannot record in {options.Describe()}: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> FailAsync(TextWriter error, IReadOnlyList<string> problems)
    {
        await error.WriteLineAsync("deployments: cannot tell where the journal is:");
        foreach (var problem in problems)
        {
            await error.WriteLineAsync("  - " + problem);
        }

        return ExitCodes.InvalidConfiguration;
    }
}
