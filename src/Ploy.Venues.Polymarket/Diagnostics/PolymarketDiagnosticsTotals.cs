namespace Ploy.Venues.Polymarket.Diagnostics;

/// <summary>The adapter's counters since a <see cref="PolymarketDiagnosticsListener"/> started.</summary>
public sealed record PolymarketDiagnosticsTotals(long WebSocketReconnects, long WebSocketGaps, long HeartbeatFailures, long RateLimitWaits);
