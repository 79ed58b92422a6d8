using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace Ploy.Hosting.Resilience;

/// <summary>Every circuit breaker of the process by endpoint group, for metrics and status.</summary>
public sealed class CircuitBreakerRegistry
{
    private readonly ConcurrentDictionary<string, CircuitBreakerStateProvider> _breakers = new(StringComparer.Ordinal);

    /// <summary>Registers (or replaces) the breaker of an endpoint group.</summary>
    public void Register(string endpoint, CircuitBreakerStateProvider provider)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentNullException.ThrowIfNull(provider);
        _breakers[endpoint] = provider;
    }

    public IReadOnlyList<BreakerStatus> Snapshot() =>
        _breakers.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new BreakerStatus(b.Key, Map(b.Value.CircuitState))).ToArray();

    public static BreakerState Map(CircuitState state) => state switch
    {
        CircuitState.Closed => BreakerState.Closed,
        CircuitState.HalfOpen => BreakerState.HalfOpen,
        _ => BreakerState.Open,
    };
}
