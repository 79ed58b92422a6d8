using System.Diagnostics.Metrics;
using Ploy.Core.Risk;
using Ploy.Core.Venues;

namespace Ploy.Execution.Diagnostics;

/// <summary>
/// Instruments of the order path, named as Prometheus will show them (the product brief fixes
/// ploy_orders_placed_total, ploy_order_latency_ms, …). Incremented where the thing happens, nowhere else.
/// </summary>
public sealed class ExecutionMetrics : IDisposable
{
    public const string MeterName = "Ploy.Execution";

    private readonly Meter _meter;
    private readonly Counter<long> _placed;
    private readonly Counter<long> _filled;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _fills;
    private readonly Counter<long> _riskDenials;
    private readonly Counter<long> _apiErrors;
    private readonly Counter<long> _unknownSubmits;
    private readonly Counter<long> _journalFailures;
    private readonly Histogram<double> _latency;

    public ExecutionMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _placed = _meter.CreateCounter<long>("ploy_orders_placed_total", description: "Orders the venue accepted.");
        _filled = _meter.CreateCounter<long>("ploy_orders_filled_total", description: "Orders completely filled.");
        _failed = _meter.CreateCounter<long>("ploy_orders_failed_total", description: "Orders rejected by the venue or not sent because of a failure.");
        _fills = _meter.CreateCounter<long>("ploy_fills_total", description: "Fills applied.");
        _riskDenials = _meter.CreateCounter<long>("ploy_risk_denials_total", description: "Intents the risk gate refused, by reason.");
        _apiErrors = _meter.CreateCounter<long>("ploy_api_errors_total", description: "Venue call failures, by endpoint and kind.");
        _unknownSubmits = _meter.CreateCounter<long>("ploy_orders_unknown_total", description: "Submits whose outcome was unknown (resolved by order hash).");
        _journalFailures = _meter.CreateCounter<long>("ploy_journal_write_failures_total", description: "Journal writes that failed (trading fails closed).");
        _latency = _meter.CreateHistogram<double>("ploy_order_latency_ms", unit: "ms", description: "Submit to acknowledgement.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] });
    }

    public Meter Meter => _meter;

    public void OrderPlaced() => _placed.Add(1);

    public void OrderFilled() => _filled.Add(1);

    public void OrderFailed() => _failed.Add(1);

    public void FillApplied() => _fills.Add(1);

    public void UnknownSubmit() => _unknownSubmits.Add(1);

    public void JournalWriteFailed() => _journalFailures.Add(1);

    public void RiskDenied(RiskDenialReason reason) => _riskDenials.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void ApiError(string endpoint, VenueErrorKind kind) =>
        _apiErrors.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("kind", kind.ToString()));

    public void SubmitLatency(TimeSpan elapsed) => _latency.Record(elapsed.TotalMilliseconds);

    public void Dispose() => _meter.Dispose();
}
