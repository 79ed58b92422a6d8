using System.CommandLine;
using Ploy.Cli.Deployments;

namespace Ploy.Cli.Commands;

/// <summary>
/// `ploy deployments [--config FILE | --data-dir DIR] [--json] [--limit N]`: the deployments log's history and the
/// delivery KPIs. `ploy deployments record ...`: how scripts/deploy.sh and rollback.sh write an outcome into it.
/// The log is the journal's <c>deployments</c> table, which also feeds <c>ploy_deployments_total</c>.
/// </summary>
public static class DeploymentsCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "The host's ploy run config file: its Database section says where the journal is.", Recursive = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "A data directory holding the SQLite journal ploy.db (instead of --config).", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (KPIs and history) instead of the table." };
        var limit = new Option<int?>("--limit") { Description = "Show only the newest N records (the KPIs always cover the whole log)." };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--limit must be zero or more.");
            }
        });

        var kind = new Option<string?>("--kind") { Description = "deploy (default) or rollback (a rollback by hand)." };
        var version = new Option<string?>("--version") { Description = "The release deployed (for a rollback: the release returned to)." };
        var result = new Option<string?>("--result") { Description = "succeeded, rolled_back, failed or rejected." };
        var started = new Option<string?>("--started") { Description = "When the deploy started: ISO-8601 UTC or Unix seconds." };
        var finished = new Option<string?>("--finished") { Description = "When the outcome was known (default: now)." };
        var previous = new Option<string?>("--previous") { Description = "The release that ran before the switch." };
        var commitTime = new Option<string?>("--commit-time") { Description = "The release's commit time (BUILD-INFO.json commit_time), for lead time." };
        var detail = new Option<string?>("--detail") { Description = "Why it failed or was rejected, in words." };
        var duration = new Option<string[]>("--duration") { Description = "A phase duration NAME=MILLISECONDS (to_healthy, rollback, restore, total); repeatable.", AllowMultipleArgumentsPerToken = false };

        var record = new Command("record", "Append one deploy or rollback outcome to the deployments log (used by scripts/deploy.sh and rollback.sh).")
        {
            kind, version, result, started, finished, previous, commitTime, detail, duration,
        };
        record.SetAction(async (parse, cancellationToken) =>
        {
            var (parsed, problems) = DeploymentRecordArguments.Parse(
                parse.GetValue(kind), parse.GetValue(version), parse.GetValue(result), parse.GetValue(started), parse.GetValue(finished),
                parse.GetValue(previous), parse.GetValue(commitTime), parse.GetValue(detail), parse.GetValue(duration) ?? [], TimeProvider.System.GetUtcNow());
            var error = parse.InvocationConfiguration.Error;
            if (parsed is null)
            {
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync("deployments record: " + problem);
                }

                return ExitCodes.InvalidConfiguration;
            }

            return await DeploymentsRunner.RecordAsync(
                parse.GetValue(config), parse.GetValue(dataDir), parsed, TimeProvider.System, parse.InvocationConfiguration.Output, error, cancellationToken);
        });

        var command = new Command("deployments", "Deployment history and KPIs: success rate, change-failure rate, mean time to restore, frequency, lead time.")
        {
            config, dataDir, json, limit, record,
        };
        command.SetAction((parse, cancellationToken) => DeploymentsRunner.ShowAsync(
            parse.GetValue(config), parse.GetValue(dataDir), parse.GetValue(limit), parse.GetValue(json), TimeProvider.System,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }
}
