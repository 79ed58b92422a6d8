namespace Ploy.Hosting.Health;

/// <summary>
/// The measurements behind <c>/health</c>, implemented by the composition root over the components they report
/// on. The probes do real work (a query, a venue call); <see cref="HealthReporter"/> times them and bounds them
/// with a timeout, so an implementation need not, but it should honour the token.
/// </summary>
public interface IHealthProbes
{
    /// <summary>A round trip to the database (e.g. <c>SELECT 1</c> on the journal's connection). True = up; false or an exception = down.</summary>
    Task<bool> ProbeDatabaseAsync(CancellationToken cancellationToken);

    /// <summary>A cheap authenticated-or-not venue call (e.g. GET server time). True = up; false or an exception = down.</summary>
    Task<bool> ProbeVenueAsync(CancellationToken cancellationToken);

    /// <summary>The order gateway's command queue right now. Must not block.</summary>
    OrderQueueStatus GetOrderQueue();
}
