using Ploy.Persistence.Deployments;

namespace Ploy.Cli.Deployments;

/// <summary>
/// Computes <see cref="DeploymentKpis"/> from deployments log records (any order; sorted by start here).
/// Definitions, as DEPLOYMENT.md states them:
/// <list type="bullet">
/// <item>deploys exclude rejected ones: a rejected deploy changed nothing on the host;</item>
/// <item>a change failure is a deploy that failed its health gate, rolled back or not;</item>
/// <item>time to restore runs from the failed deploy's start to the first moment the service was healthy again: its
/// own automatic rollback's finish, else the finish of the next record that ended healthy (a deploy that succeeded
/// or any rollback that ended healthy);</item>
/// <item>frequency divides deploys by the window from the first deploy to now, at least a day (a week for the
/// weekly figure), so a short history is not extrapolated;</item>
/// <item>lead time runs from the release's commit time to the deploy's finish, over successful deploys.</item>
/// </list>
/// </summary>
internal static class DeploymentKpiCalculator
{
    public static DeploymentKpis Compute(IReadOnlyList<DeploymentRecord> records, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ordered = records.Where(r => r.Result is not null).OrderBy(r => r.StartedAt).ThenBy(r => r.Id).ToList();
        var deploys = ordered.Where(r => r.Kind == DeploymentKind.Deploy && r.Result != DeploymentResult.Rejected).ToList();
        var succeeded = deploys.Count(r => r.Result == DeploymentResult.Succeeded);
        var rolledBack = deploys.Count(r => r.Result == DeploymentResult.RolledBack);
        var failed = deploys.Count(r => r.Result == DeploymentResult.Failed);

        var restoreTimes = new List<double>();
        var unrestored = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var record = ordered[i];
            if (record.Kind != DeploymentKind.Deploy || record.Result is not (DeploymentResult.RolledBack or DeploymentResult.Failed))
            {
                continue;
            }

            DateTimeOffset? healthyAt = record.Result == DeploymentResult.RolledBack
                ? record.FinishedAt
                : ordered.Skip(i + 1).FirstOrDefault(r => r.Result is DeploymentResult.Succeeded or DeploymentResult.RolledBack)?.FinishedAt;
            if (healthyAt is { } at)
            {
                restoreTimes.Add(Math.Max(0, (at - record.StartedAt).TotalSeconds));
            }
            else
            {
                unrestored++;
            }
        }

        var windowDays = deploys.Count == 0 ? 0 : Math.Max(0, (now - deploys[0].StartedAt).TotalDays);
        var leadTimes = deploys
            .Where(r => r.Result == DeploymentResult.Succeeded && r.CommitTime is not null && r.FinishedAt is not null)
            .Select(r => Math.Max(0, (r.FinishedAt!.Value - r.CommitTime!.Value).TotalSeconds))
            .ToList();
        var toHealthy = deploys
            .Where(r => r.Result == DeploymentResult.Succeeded && r.DurationsMs.ContainsKey(DeploymentDurations.ToHealthy))
            .Select(r => r.DurationsMs[DeploymentDurations.ToHealthy] / 1000.0)
            .ToList();

        return new DeploymentKpis(
            Deploys: deploys.Count,
            Succeeded: succeeded,
            RolledBack: rolledBack,
            Failed: failed,
            Rejected: ordered.Count(r => r.Kind == DeploymentKind.Deploy && r.Result == DeploymentResult.Rejected),
            ManualRollbacks: ordered.Count(r => r.Kind == DeploymentKind.Rollback),
            SuccessRate: deploys.Count == 0 ? null : (double)succeeded / deploys.Count,
            ChangeFailureRate: deploys.Count == 0 ? null : (double)(rolledBack + failed) / deploys.Count,
            MeanTimeToRestoreSeconds: Mean(restoreTimes),
            Unrestored: unrestored,
            DeploysPerDay: deploys.Count / Math.Max(1, windowDays),
            DeploysPerWeek: deploys.Count / Math.Max(1, windowDays / 7),
            WindowDays: windowDays,
            MeanLeadTimeSeconds: Mean(leadTimes),
            MedianLeadTimeSeconds: Median(leadTimes),
            LeadTimeSamples: leadTimes.Count,
            MeanDeployToHealthySeconds: Mean(toHealthy));
    }

    private static double? Mean(List<double> values) => values.Count == 0 ? null : values.Average();

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
