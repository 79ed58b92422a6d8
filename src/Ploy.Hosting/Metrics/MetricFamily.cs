using System.Text;

namespace Ploy.Hosting.Metrics;

/// <summary>
/// Everything exported under one metric name. Several instruments may feed one family (two meters of the same
/// name, a component rebuilt after a restart): their series merge, so the exposition never repeats a sample.
/// </summary>
internal sealed class MetricFamily
{
    private readonly Lock _lock = new();
    private readonly List<MetricSeries> _series = [];
    private int _liveInstruments;

    public MetricFamily(string name, string help, MetricKind kind, bool observable, double[]? bounds)
    {
        Name = name;
        Help = help;
        Kind = kind;
        IsObservable = observable;
        Bounds = bounds;
    }

    public string Name { get; }

    public string Help { get; }

    public MetricKind Kind { get; }

    public bool IsObservable { get; }

    /// <summary>Histogram upper bounds, ascending, without +Inf.</summary>
    public double[]? Bounds { get; }

    public void InstrumentAttached()
    {
        lock (_lock)
        {
            _liveInstruments++;
        }
    }

    public void InstrumentDetached()
    {
        lock (_lock)
        {
            _liveInstruments--;

            // An observed value with nothing left to observe it is stale; a counted total stays (it only grows).
            if (_liveInstruments <= 0 && IsObservable)
            {
                _series.Clear();
            }
        }
    }

    public void Record(MeasurementMode mode, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, long generation)
    {
        var hash = MetricSeries.HashOf(tags);
        lock (_lock)
        {
            var series = Find(tags, hash);
            if (series is null)
            {
                series = new MetricSeries(tags.ToArray(), hash, Bounds is null ? 0 : Bounds.Length + 1);
                _series.Add(series);
            }

            series.Generation = generation;
            switch (mode)
            {
                case MeasurementMode.Add:
                    series.Value += value;
                    break;
                case MeasurementMode.Set:
                    series.Value = value;
                    break;
                case MeasurementMode.Record:
                    var bounds = Bounds!;
                    var index = Array.BinarySearch(bounds, value);
                    if (index < 0)
                    {
                        index = ~index; // first bound greater than the value: "le" is inclusive, an exact match stays at its bound
                    }

                    series.BucketCounts![index]++;
                    series.Sum += value;
                    series.Count++;
                    break;
            }
        }
    }

    public void Render(StringBuilder output, long generation)
    {
        lock (_lock)
        {
            output.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusText.EscapeHelp(Help)).Append('\n');
            output.Append("# TYPE ").Append(Name).Append(' ').Append(Kind switch
            {
                MetricKind.Counter => "counter",
                MetricKind.Histogram => "histogram",
                _ => "gauge",
            }).Append('\n');

            foreach (var series in _series.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                if (IsObservable && series.Generation != generation)
                {
                    continue; // not reported by this scrape's callback: the label set is gone
                }

                if (Kind == MetricKind.Histogram)
                {
                    RenderHistogram(output, series);
                }
                else
                {
                    AppendSample(output, Name, series.Labels, null, series.Value);
                }
            }
        }
    }

    private void RenderHistogram(StringBuilder output, MetricSeries series)
    {
        var bounds = Bounds!;
        var counts = series.BucketCounts!;
        long cumulative = 0;
        for (var i = 0; i < bounds.Length; i++)
        {
            cumulative += counts[i];
            AppendSample(output, Name + "_bucket", series.Labels, PrometheusText.FormatValue(bounds[i]), cumulative);
        }

        AppendSample(output, Name + "_bucket", series.Labels, "+Inf", series.Count);
        AppendSample(output, Name + "_sum", series.Labels, null, series.Sum);
        AppendSample(output, Name + "_count", series.Labels, null, series.Count);
    }

    private static void AppendSample(StringBuilder output, string name, string labels, string? le, double value)
    {
        output.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            output.Append('{').Append(labels);
            if (le is not null)
            {
                output.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(PrometheusText.FormatValue(value)).Append('\n');
    }

    private MetricSeries? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags, int hash)
    {
        foreach (var series in _series)
        {
            if (series.Matches(tags, hash))
            {
                return series;
            }
        }

        return null;
    }
}
