namespace Ploy.Hosting.Resilience;

/// <summary>One breaker's state at a moment.</summary>
public sealed record BreakerStatus(string Endpoint, BreakerState State);
