namespace Ploy.Cli.Deployments;

/// <summary>
/// The review's delivery KPIs over a deployments log. Rates are fractions (0..1); times are seconds; null where
/// there is nothing to measure (no deploys, no failure, no commit times).
/// </summary>
/// <param name="Deploys">Deploys that changed the host: every deploy except rejected ones (nothing switched).</param>
/// <param name="Succeeded">Deploys that became healthy.</param>
/// <param name="RolledBack">Deploys that failed their health gate and were rolled back automatically to a healthy release.</param>
/// <param name="Failed">Deploys that failed and were not restored by their own rollback.</param>
/// <param name="Rejected">Deploys refused before any change (checksum, configuration).</param>
/// <param name="ManualRollbacks">Rollbacks by hand (scripts/rollback.sh).</param>
/// <param name="SuccessRate">Succeeded / Deploys.</param>
/// <param name="ChangeFailureRate">(RolledBack + Failed) / Deploys.</param>
/// <param name="MeanTimeToRestoreSeconds">Mean time from a failed deploy's start to the service healthy again.</param>
/// <param name="Unrestored">Failed deploys with no healthy record after them (an open incident, or a lost record).</param>
/// <param name="DeploysPerDay">Deploys per day over the window (at least one day).</param>
/// <param name="DeploysPerWeek">Deploys per week over the window (at least one week).</param>
/// <param name="WindowDays">From the first deploy to now, in days.</param>
/// <param name="MeanLeadTimeSeconds">Mean time from commit to healthy, over successful deploys whose commit time is known.</param>
/// <param name="MedianLeadTimeSeconds">Median of the same.</param>
/// <param name="LeadTimeSamples">How many successful deploys carry a commit time.</param>
/// <param name="MeanDeployToHealthySeconds">Mean of the scripts' measured switch-to-healthy time over successful deploys.</param>
internal sealed record DeploymentKpis(
    int Deploys,
    int Succeeded,
    int RolledBack,
    int Failed,
    int Rejected,
    int ManualRollbacks,
    double? SuccessRate,
    double? ChangeFailureRate,
    double? MeanTimeToRestoreSeconds,
    int Unrestored,
    double DeploysPerDay,
    double DeploysPerWeek,
    double WindowDays,
    double? MeanLeadTimeSeconds,
    double? MedianLeadTimeSeconds,
    int LeadTimeSamples,
    double? MeanDeployToHealthySeconds);
