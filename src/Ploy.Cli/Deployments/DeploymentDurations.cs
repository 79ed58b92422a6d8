namespace Ploy.Cli.Deployments;

/// <summary>The phase names the deploy scripts record (milliseconds each), as `--duration NAME=MS`.</summary>
internal static class DeploymentDurations
{
    /// <summary>Switch to healthy (a successful deploy).</summary>
    public const string ToHealthy = "to_healthy";

    /// <summary>Rollback start to healthy (automatic or by hand).</summary>
    public const string Rollback = "rollback";

    /// <summary>A failed deploy's switch to the previous release healthy again.</summary>
    public const string Restore = "restore";

    /// <summary>The whole script run.</summary>
    public const string Total = "total";
}
