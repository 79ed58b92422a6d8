namespace Ploy.Persistence.Deployments;

/// <summary>One deploy or rollback as the deployments log holds it.</summary>
/// <param name="Kind">Deploy, or a rollback by hand.</param>
/// <param name="Version">The release that was deployed (for a rollback: the release returned to).</param>
/// <param name="StartedAt">When the script started (UTC).</param>
/// <param name="FinishedAt">When the outcome was known (UTC).</param>
/// <param name="Result">How it ended; null only for rows another writer left unfinished.</param>
public sealed record DeploymentRecord(
    DeploymentKind Kind,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    DeploymentResult? Result)
{
    /// <summary>The row id (0 before it is recorded).</summary>
    public long Id { get; init; }

    /// <summary>What ran before the switch, when anything did.</summary>
    public string? PreviousVersion { get; init; }

    /// <summary>The release's commit time: lead time is from here to <see cref="FinishedAt"/>.</summary>
    public DateTimeOffset? CommitTime { get; init; }

    /// <summary>Why it failed or was rejected, in words (never a secret: scripts write their own messages).</summary>
    public string? Detail { get; init; }

    /// <summary>Phase durations in milliseconds, e.g. <c>to_healthy</c>, <c>rollback</c>, <c>restore</c>, <c>total</c>.</summary>
    public IReadOnlyDictionary<string, long> DurationsMs { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    public bool Equals(DeploymentRecord? other) =>
        other is not null
        && Kind == other.Kind && Version == other.Version && StartedAt == other.StartedAt && FinishedAt == other.FinishedAt
        && Result == other.Result && Id == other.Id && PreviousVersion == other.PreviousVersion && CommitTime == other.CommitTime
        && Detail == other.Detail
        && DurationsMs.Count == other.DurationsMs.Count
        && DurationsMs.All(d => other.DurationsMs.TryGetValue(d.Key, out var v) && v == d.Value);

    public override int GetHashCode() => HashCode.Combine(Kind, Version, StartedAt, Result, Id);
}
