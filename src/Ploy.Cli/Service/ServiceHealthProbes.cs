using Ploy.Hosting.Health;

namespace Ploy.Cli.Service;

/// <summary>
/// The measurements behind <c>/health</c>, each fed by the component it reports on: the database by a real query,
/// the venue by a balance read through the same (circuit-broken) venue the gateway uses, the order queue by the
/// gateway's own queue.
/// </summary>
internal sealed class ServiceHealthProbes(TradingRuntime runtime, DatabaseProbe database) : IHealthProbes
{
    public async Task<bool> ProbeDatabaseAsync(CancellationToken cancellationToken)
    {
        runtime.SetDeployments(await database.QueryAsync(cancellationToken));
        return true;
    }

    public async Task<bool> ProbeVenueAsync(CancellationToken cancellationToken)
    {
        var balances = await runtime.Venue.GetBalancesAsync(cancellationToken);
        return balances.IsSuccess;
    }

    public OrderQueueStatus GetOrderQueue() => new(runtime.Gateway.QueueLength, runtime.Gateway.OldestQueuedCommandAge);
}
