namespace Ploy.Cli.Service;

/// <summary>Transport counters of the venue connection since start (exported as the trading SLIs of the same names).</summary>
internal readonly record struct VenueSignals(long WebSocketReconnects, long WebSocketGaps, long HeartbeatFailures, long RateLimitWaits);
