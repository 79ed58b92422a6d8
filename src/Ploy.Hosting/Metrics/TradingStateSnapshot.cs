namespace Ploy.Hosting.Metrics;

/// <summary>
/// The trading SLIs at one moment, as the engine knows them. Counts are totals since the process started
/// (they are exported as counters); the rest are current values.
/// </summary>
/// <param name="MaxBookAge">Age of the stalest book the strategies are trading on (zero when none).</param>
/// <param name="WebSocketReconnects">Market and user WebSocket reconnects.</param>
/// <param name="WebSocketGaps">Sequence gaps / hash mismatches that forced a resync.</param>
/// <param name="ReconciliationDiscrepancies">Differences reconciliation found between journal and venue.</param>
/// <param name="HeartbeatFailures">Heartbeats the venue did not acknowledge.</param>
/// <param name="RateLimitWaits">Times a call waited for the rate limiter.</param>
/// <param name="KillSwitchEngaged">Trading halted by the kill switch.</param>
/// <param name="OpenOrders">Orders resting on the venue.</param>
/// <param name="ExposureUsd">Gross exposure in USD.</param>
/// <param name="DailyPnlUsd">Realised plus unrealised PnL of the current trading day.</param>
/// <param name="DeploymentsByResult">Deployments from the deployments log by result (succeeded, rolled_back, …).</param>
public sealed record TradingStateSnapshot(
    TimeSpan MaxBookAge,
    long WebSocketReconnects,
    long WebSocketGaps,
    long ReconciliationDiscrepancies,
    long HeartbeatFailures,
    long RateLimitWaits,
    bool KillSwitchEngaged,
    int OpenOrders,
    decimal ExposureUsd,
    decimal DailyPnlUsd,
    IReadOnlyDictionary<string, long> DeploymentsByResult)
{
    public static TradingStateSnapshot Empty { get; } = new(TimeSpan.Zero, 0, 0, 0, 0, 0, false, 0, 0m, 0m, new Dictionary<string, long>());
}
