using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ploy.Hosting.Metrics;

public static class MetricsEndpointRouteBuilderExtensions
{
    /// <summary>Serves the Prometheus exposition of the registered <see cref="PrometheusMetricsCollector"/> at <paramref name="path"/>.</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string path = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(path, static IResult (HttpContext context) =>
        {
            // The service instruments exist once their owner does; resolving it here means a host that forgot to
            // does not silently export without them.
            _ = context.RequestServices.GetService<PloyServiceMetrics>();
            var collector = context.RequestServices.GetRequiredService<PrometheusMetricsCollector>();
            return Results.Text(collector.Collect(), PrometheusText.ContentType);
        });
    }
}
