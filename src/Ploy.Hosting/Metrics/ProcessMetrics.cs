using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ploy.Hosting.Metrics;

/// <summary>The process and runtime metrics every scrape carries (the names the usual Prometheus clients use).</summary>
internal sealed class ProcessMetrics
{
    private readonly double _startTimeSeconds;

    public ProcessMetrics()
    {
        using var process = Process.GetCurrentProcess();
        _startTimeSeconds = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
    }

    public void Render(StringBuilder output)
    {
        Write(output, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", Environment.CpuUsage.TotalTime.TotalSeconds);
        Write(output, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", Environment.WorkingSet);
        Write(output, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", _startTimeSeconds);

        output.Append("# HELP dotnet_gc_collections_total Garbage collections since the process started, by generation.\n");
        output.Append("# TYPE dotnet_gc_collections_total counter\n");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            output.Append(CultureInfo.InvariantCulture, $"dotnet_gc_collections_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}\n");
        }

        Write(output, "dotnet_gc_heap_bytes", "gauge", "Bytes currently thought to be allocated on the managed heap.", GC.GetTotalMemory(forceFullCollection: false));
    }

    private static void Write(StringBuilder output, string name, string type, string help, double value)
    {
        output.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        output.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        output.Append(name).Append(' ').Append(PrometheusText.FormatValue(value)).Append('\n');
    }
}
