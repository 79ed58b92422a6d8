namespace Ploy.Hosting.Metrics;

/// <summary>How a measurement changes its series.</summary>
internal enum MeasurementMode
{
    /// <summary>Counters and up-down counters: a delta.</summary>
    Add,

    /// <summary>Observable instruments and gauges: the current value (observable counters report their total).</summary>
    Set,

    /// <summary>Histograms: one observation.</summary>
    Record,
}
