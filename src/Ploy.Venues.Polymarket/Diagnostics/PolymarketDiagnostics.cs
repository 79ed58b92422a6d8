using System.Diagnostics.Metrics;

namespace Ploy.Venues.Polymarket.Diagnostics;

/// <summary>
/// The adapter's health signals as <see cref="System.Diagnostics.Metrics"/> counters on the meter
/// <see cref="MeterName"/>: WebSocket reconnects, book gaps, heartbeat failures and rate-gate waits. The adapter only
/// counts where the thing happens (one call per hook); a host that wants the figures listens
/// (<see cref="PolymarketDiagnosticsListener"/>) and exports them under its own names. Process-wide by design: a
/// process runs one adapter, and a static meter keeps the hooks to a line without threading an object through the
/// REST client, the streams and the heartbeat loop.
/// </summary>
public static class PolymarketDiagnostics
{
    public const string MeterName = "Ploy.Venues.Polymarket";

    public const string WebSocketReconnectsName = "polymarket.websocket.reconnects";
    public const string WebSocketGapsName = "polymarket.websocket.gaps";
    public const string HeartbeatFailuresName = "polymarket.heartbeat.failures";
    public const string RateLimitWaitsName = "polymarket.rate_limit.waits";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> WebSocketReconnects = Meter.CreateCounter<long>(
        WebSocketReconnectsName, description: "WebSocket connections lost and about to reconnect, by channel (market, user).");

    private static readonly Counter<long> WebSocketGaps = Meter.CreateCounter<long>(
        WebSocketGapsName, description: "Books found inconsistent (hash mismatch) and resynced from a fresh snapshot.");

    private static readonly Counter<long> HeartbeatFailures = Meter.CreateCounter<long>(
        HeartbeatFailuresName, description: "Heartbeats the venue did not acknowledge (its dead man's switch may fire).");

    private static readonly Counter<long> RateLimitWaits = Meter.CreateCounter<long>(
        RateLimitWaitsName, description: "Waits at the client-side rate gate: a request found its bucket empty and waited for a token before being sent.");

    /// <summary>A market or user connection was lost; the stream reconnects.</summary>
    public static void WebSocketReconnecting(string channel) =>
        WebSocketReconnects.Add(1, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>A book no longer matched the venue's (hash mismatch) and a resync was requested.</summary>
    public static void BookGap() => WebSocketGaps.Add(1);

    /// <summary>A heartbeat failed or the venue answered it with an error.</summary>
    public static void HeartbeatFailed() => HeartbeatFailures.Add(1);

    /// <summary>A request found its rate-gate bucket empty and had to wait.</summary>
    public static void RateLimitWaited() => RateLimitWaits.Add(1);
}
