using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ploy.Hosting.Resilience;

namespace Ploy.Hosting.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="PrometheusMetricsCollector"/> (every "Ploy*" meter), the <see cref="CircuitBreakerRegistry"/>
    /// and <see cref="PloyServiceMetrics"/>, plus a hosted service that creates them when the host starts. The caller
    /// registers <see cref="ITradingStateSource"/>. Call this before registering the engine's hosted services: a
    /// measurement made before the collector exists is lost (a <see cref="System.Diagnostics.Metrics.MeterListener"/>
    /// only sees what happens after it starts). Outside a host, create the collector first thing.
    /// </summary>
    public static IServiceCollection AddPloyMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CircuitBreakerRegistry>();
        services.TryAddSingleton(_ => new PrometheusMetricsCollector());
        services.TryAddSingleton(sp => new PloyServiceMetrics(
            sp.GetRequiredService<ITradingStateSource>(),
            sp.GetRequiredService<CircuitBreakerRegistry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<PloyServiceMetrics>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MetricsStartupService>());
        return services;
    }
}
