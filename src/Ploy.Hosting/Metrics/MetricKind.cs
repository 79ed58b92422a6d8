namespace Ploy.Hosting.Metrics;

/// <summary>The Prometheus type a family is exposed as.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
