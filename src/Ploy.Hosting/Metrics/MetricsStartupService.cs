using Microsoft.Extensions.Hosting;

namespace Ploy.Hosting.Metrics;

/// <summary>
/// Creates the collector and the service instruments when the host starts. A <see cref="System.Diagnostics.Metrics.MeterListener"/>
/// sees only measurements made after it starts, so the collector must exist before the engine counts anything —
/// not at the first scrape.
/// </summary>
internal sealed class MetricsStartupService(PrometheusMetricsCollector collector, PloyServiceMetrics serviceMetrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(collector);
        GC.KeepAlive(serviceMetrics);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
