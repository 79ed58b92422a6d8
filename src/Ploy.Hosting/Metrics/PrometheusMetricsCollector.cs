using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Ploy.Hosting.Metrics;

/// <summary>
/// Listens to <see cref="System.Diagnostics.Metrics"/> instruments and renders them in the Prometheus text format
/// (0.0.4), followed by process and GC metrics. Instrument names are used as given (they are already Prometheus
/// style); a counter whose name lacks <c>_total</c> gets it. Histograms use the instrument's bucket advice.
/// </summary>
public sealed class PrometheusMetricsCollector : IDisposable
{
    /// <summary>Buckets for a histogram that gives no advice (the OpenTelemetry defaults).</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly Func<Meter, bool> _meterFilter;
    private readonly ProcessMetrics? _process;
    private readonly Lock _scrapeLock = new();
    private long _generation;

    /// <param name="meterFilter">
    /// Which meters to export; default: every meter whose name starts with "Ploy", except the venue adapters'
    /// ("Ploy.Venues.*"): the host reports their signals under the service's SLI names (ploy_ws_reconnects_total …),
    /// and exporting them twice under two names would only confuse dashboards.
    /// </param>
    /// <param name="includeProcessMetrics">Append process_* and dotnet_gc_* metrics to every scrape.</param>
    public PrometheusMetricsCollector(Func<Meter, bool>? meterFilter = null, bool includeProcessMetrics = true)
    {
        _meterFilter = meterFilter ?? (m => m.Name.StartsWith("Ploy", StringComparison.Ordinal) && !m.Name.StartsWith("Ploy.Venues.", StringComparison.Ordinal));
        _process = includeProcessMetrics ? new ProcessMetrics() : null;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = static (_, state) => ((Binding)state!).Family.InstrumentDetached(),
        };
        _listener.SetMeasurementEventCallback<long>(static (i, v, t, s) => ((Binding)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<int>(static (i, v, t, s) => ((Binding)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<short>(static (i, v, t, s) => ((Binding)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<byte>(static (i, v, t, s) => ((Binding)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<double>(static (i, v, t, s) => ((Binding)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<float>(static (i, v, t, s) => ((Binding)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<decimal>(static (i, v, t, s) => ((Binding)s!).Record((double)v, t));
        _listener.Start();
    }

    /// <summary>Observes the observable instruments and renders the whole exposition.</summary>
    public string Collect()
    {
        var output = new StringBuilder(8192);
        lock (_scrapeLock)
        {
            var generation = Interlocked.Increment(ref _generation);
            _listener.RecordObservableInstruments();
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.Render(output, generation);
            }
        }

        _process?.Render(output);
        return output.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_meterFilter(instrument.Meter) || Describe(instrument) is not { } shape)
        {
            return;
        }

        var name = PrometheusText.SanitizeName(instrument.Name);
        if (shape.Kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        var bounds = shape.Kind == MetricKind.Histogram ? BucketsOf(instrument) : null;
        var family = _families.GetOrAdd(name, n => new MetricFamily(n, help, shape.Kind, shape.Observable, bounds));
        if (family.Kind != shape.Kind || family.IsObservable != shape.Observable)
        {
            return; // the same name with another type would be an invalid exposition: the first instrument wins
        }

        family.InstrumentAttached();
        listener.EnableMeasurementEvents(instrument, new Binding(this, family, shape.Mode));
    }

    private static (MetricKind Kind, MeasurementMode Mode, bool Observable)? Describe(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return (MetricKind.Counter, MeasurementMode.Add, false);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return (MetricKind.Counter, MeasurementMode.Set, true);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return (MetricKind.Gauge, MeasurementMode.Add, false);
        }

        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>))
        {
            return (MetricKind.Gauge, MeasurementMode.Set, true);
        }

        if (definition == typeof(Gauge<>))
        {
            return (MetricKind.Gauge, MeasurementMode.Set, false);
        }

        return definition == typeof(Histogram<>) ? (MetricKind.Histogram, MeasurementMode.Record, false) : null;
    }

    private static double[] BucketsOf(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<short> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<byte> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<decimal> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            _ => null,
        };
        var bounds = (advised ?? DefaultBuckets).Where(b => !double.IsNaN(b) && !double.IsInfinity(b)).Distinct().Order().ToArray();
        return bounds.Length > 0 ? bounds : [.. DefaultBuckets];
    }

    private sealed class Binding(PrometheusMetricsCollector owner, MetricFamily family, MeasurementMode mode)
    {
        public MetricFamily Family { get; } = family;

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            Family.Record(mode, value, tags, Volatile.Read(ref owner._generation));
    }
}
