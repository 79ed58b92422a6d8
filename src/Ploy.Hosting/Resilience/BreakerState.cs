namespace Ploy.Hosting.Resilience;

/// <summary>Circuit breaker state as exported by <c>ploy_circuit_breaker_state</c>.</summary>
public enum BreakerState
{
    Closed = 0,
    HalfOpen = 1,

    /// <summary>Open (broken after failures) or isolated (held open by hand).</summary>
    Open = 2,
}
