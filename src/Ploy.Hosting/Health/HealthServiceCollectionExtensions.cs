using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Ploy.Hosting.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="HealthReporter"/>. The caller registers <see cref="IHealthProbes"/> and
    /// <see cref="IReadinessSource"/> (and may register a <see cref="TimeProvider"/>; default: the system clock).
    /// </summary>
    public static IServiceCollection AddPloyHealth(this IServiceCollection services, Action<HealthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new HealthOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new HealthReporter(
            sp.GetRequiredService<IHealthProbes>(),
            sp.GetRequiredService<IReadinessSource>(),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<HealthReporter>>()));
        return services;
    }
}
