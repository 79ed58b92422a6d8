namespace Ploy.Persistence.Deployments;

/// <summary>
/// How a deploy or rollback ended. Stored as snake_case text (<see cref="DeploymentText"/>), which is also the
/// <c>result</c> label of <c>ploy_deployments_total</c>.
/// </summary>
public enum DeploymentResult
{
    /// <summary>The release became healthy.</summary>
    Succeeded,

    /// <summary>The release failed its health gate and the previous release is healthy again (or: a rollback by hand that ended healthy).</summary>
    RolledBack,

    /// <summary>Unhealthy and not restored: no previous release, or the rollback failed too. Someone must act.</summary>
    Failed,

    /// <summary>Refused before anything changed on the host (checksum mismatch, configuration invalid).</summary>
    Rejected,
}
