namespace Ploy.Persistence.Deployments;

/// <summary>
/// The deployments log in the journal's database (table <c>deployments</c>): the one record that
/// <c>ploy deployments</c>, its KPIs and <c>ploy_deployments_total</c> all read.
/// </summary>
public interface IDeploymentLog : IAsyncDisposable
{
    /// <summary>Appends one record; returns its id. Committed when it returns.</summary>
    Task<long> RecordAsync(DeploymentRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// The newest <paramref name="limit"/> records by start time (all when null), oldest first: a record written late
    /// (replayed from the scripts' pending spool) still takes its place in time.
    /// </summary>
    Task<IReadOnlyList<DeploymentRecord>> ReadAsync(int? limit, CancellationToken cancellationToken);
}
