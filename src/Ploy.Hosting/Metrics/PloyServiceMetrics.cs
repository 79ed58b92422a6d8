using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Hosting.Resilience;

namespace Ploy.Hosting.Metrics;

/// <summary>
/// The service-level instruments (meter "Ploy.Service"): trading SLIs read from an <see cref="ITradingStateSource"/>,
/// and the circuit-breaker state of every breaker in the <see cref="CircuitBreakerRegistry"/>. All are observable:
/// the components own the numbers, a scrape reads them.
/// </summary>
public sealed class PloyServiceMetrics : IDisposable
{
    public const string MeterName = "Ploy.Service";

    private readonly Meter _meter;
    private readonly ITradingStateSource _source;
    private readonly CircuitBreakerRegistry _breakers;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private TradingStateSnapshot _snapshot = TradingStateSnapshot.Empty;
    private long _snapshotTimestamp = long.MinValue;

    public PloyServiceMetrics(ITradingStateSource source, CircuitBreakerRegistry breakers, TimeProvider timeProvider, ILogger<PloyServiceMetrics>? logger = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(breakers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _source = source;
        _breakers = breakers;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);

        _meter.CreateObservableGauge("ploy_book_age_seconds", () => Snapshot().MaxBookAge.TotalSeconds, "s", "Age of the stalest order book in use.");
        _meter.CreateObservableCounter("ploy_ws_reconnects_total", () => Snapshot().WebSocketReconnects, description: "WebSocket reconnects (Polymarket market and user channels; always 0 against the in-process simulated venue, which has no socket).");
        _meter.CreateObservableCounter("ploy_ws_gaps_total", () => Snapshot().WebSocketGaps, description: "Book gaps (hash mismatches) that forced a resync (Polymarket; always 0 against the in-process simulated venue).");
        _meter.CreateObservableCounter("ploy_reconciliation_discrepancies_total", () => Snapshot().ReconciliationDiscrepancies, description: "Differences reconciliation found between journal and venue.");
        _meter.CreateObservableCounter("ploy_heartbeat_failures_total", () => Snapshot().HeartbeatFailures, description: "Venue heartbeats that failed (Polymarket; always 0 against the in-process simulated venue, which needs none).");
        _meter.CreateObservableCounter("ploy_rate_limit_waits_total", () => Snapshot().RateLimitWaits, description: "Waits at the client-side rate gate (Polymarket; always 0 against the in-process simulated venue, which has no quotas).");
        _meter.CreateObservableGauge("ploy_kill_switch_engaged", () => Snapshot().KillSwitchEngaged ? 1 : 0, description: "1 while the kill switch halts trading.");
        _meter.CreateObservableGauge("ploy_open_orders", () => Snapshot().OpenOrders, description: "Orders resting on the venue.");
        _meter.CreateObservableGauge("ploy_exposure_usd", () => (double)Snapshot().ExposureUsd, "USD", "Gross exposure.");
        _meter.CreateObservableGauge("ploy_daily_pnl_usd", () => (double)Snapshot().DailyPnlUsd, "USD", "PnL of the current trading day.");
        _meter.CreateObservableCounter("ploy_deployments_total", ObserveDeployments, description: "Deployments from the deployments log, by result.");
        _meter.CreateObservableGauge("ploy_circuit_breaker_state", ObserveBreakers, description: "Circuit breaker state by endpoint group: 0 closed, 1 half-open, 2 open.");
    }

    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();

    /// <summary>One source call per scrape, shared by every instrument (a scrape observes them back to back).</summary>
    private TradingStateSnapshot Snapshot()
    {
        lock (_lock)
        {
            var now = _timeProvider.GetTimestamp();
            if (_snapshotTimestamp != long.MinValue && _timeProvider.GetElapsedTime(_snapshotTimestamp, now) < TimeSpan.FromMilliseconds(250))
            {
                return _snapshot;
            }

            try
            {
                _snapshot = _source.GetSnapshot();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failing source must not take /metrics down with it: keep the last values and say so.
                Log.TradingStateSourceFailed(_logger, ex);
            }

            _snapshotTimestamp = now;
            return _snapshot;
        }
    }

    private IEnumerable<Measurement<long>> ObserveDeployments() =>
        Snapshot().DeploymentsByResult.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("result", d.Key)));

    private IEnumerable<Measurement<int>> ObserveBreakers() =>
        _breakers.Snapshot().Select(b => new Measurement<int>((int)b.State, new KeyValuePair<string, object?>("endpoint", b.Endpoint)));
}
