using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ploy.Hosting.Health;

public static class HealthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>{path}</c> (200 healthy / 503 degraded), <c>{path}/live</c> (200 while the process answers) and
    /// <c>{path}/ready</c> (200 ready / 503 with the reasons). Needs <see cref="HealthServiceCollectionExtensions.AddPloyHealth"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapPloyHealth(this IEndpointRouteBuilder endpoints, string path = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var root = path.TrimEnd('/');

        endpoints.MapGet(root, static async Task<IResult> (HttpContext context) =>
        {
            var report = await context.RequestServices.GetRequiredService<HealthReporter>().CheckAsync(context.RequestAborted);
            return Results.Json(report, HostingJsonContext.Default.HealthReport, statusCode: report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        endpoints.MapGet(root + "/live", static IResult (HttpContext context) =>
            Results.Json(context.RequestServices.GetRequiredService<HealthReporter>().Live(), HostingJsonContext.Default.LivenessReport));

        endpoints.MapGet(root + "/ready", static IResult (HttpContext context) =>
        {
            var report = context.RequestServices.GetRequiredService<HealthReporter>().Ready();
            return Results.Json(report, HostingJsonContext.Default.ReadinessReport, statusCode: report.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        return endpoints;
    }
}
