using System.Diagnostics.Metrics;

namespace Ploy.Venues.Polymarket.Diagnostics;

/// <summary>
/// Sums the <see cref="PolymarketDiagnostics"/> counters from the moment it is created, for a host that reports them
/// under its own names (<c>ploy run</c> exports them as ploy_ws_reconnects_total and friends). Cheap to read at any
/// time; dispose to stop listening.
/// </summary>
public sealed class PolymarketDiagnosticsListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _reconnects;
    private long _gaps;
    private long _heartbeatFailures;
    private long _rateLimitWaits;

    public PolymarketDiagnosticsListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PolymarketDiagnostics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (instrument, value, _, state) => ((PolymarketDiagnosticsListener)state!).Add(instrument.Name, value));
        _listener.Start();
    }

    public PolymarketDiagnosticsTotals Totals => new(
        Interlocked.Read(ref _reconnects), Interlocked.Read(ref _gaps), Interlocked.Read(ref _heartbeatFailures), Interlocked.Read(ref _rateLimitWaits));

    public void Dispose() => _listener.Dispose();

    private void Add(string instrument, long value)
    {
        switch (instrument)
        {
            case PolymarketDiagnostics.WebSocketReconnectsName:
                Interlocked.Add(ref _reconnects, value);
                break;
            case PolymarketDiagnostics.WebSocketGapsName:
                Interlocked.Add(ref _gaps, value);
                break;
            case PolymarketDiagnostics.HeartbeatFailuresName:
                Interlocked.Add(ref _heartbeatFailures, value);
                break;
            case PolymarketDiagnostics.RateLimitWaitsName:
                Interlocked.Add(ref _rateLimitWaits, value);
                break;
            default:
                break; // a counter added later: exported once a host learns its name
        }
    }
}
