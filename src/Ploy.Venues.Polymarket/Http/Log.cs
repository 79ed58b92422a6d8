using Microsoft.Extensions.Logging;
using Ploy.Core.Venues;

namespace Ploy.Venues.Polymarket.Http;

/// <summary>The adapter's log messages (event ids 2000–2999). Never secrets, signatures or signed payloads.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Polymarket {Method} {Path} failed: {Kind} {Error}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, VenueErrorKind kind, string error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Polymarket {Method} {Path}: retry {Attempt} in {DelayMs} ms after {Kind}")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, long delayMs, VenueErrorKind kind);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Polymarket {Method} {Path} refused by the client-side rate gate ({Endpoint})")]
    public static partial void RateGateRefused(ILogger logger, string method, string path, PolymarketEndpoint endpoint);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Polymarket rate-limit warning header on {Method} {Path}")]
    public static partial void RateLimitWarning(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Polymarket {Channel} stream connected to {Uri} (shard {Shard}, {Assets} assets)")]
    public static partial void StreamConnected(ILogger logger, string channel, Uri uri, int shard, int assets);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Polymarket {Channel} stream (shard {Shard}) lost: {Reason}; reconnecting in {DelayMs} ms")]
    public static partial void StreamLost(ILogger logger, string channel, int shard, string reason, long delayMs);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Polymarket book {Token} untrusted: {Reason}; resyncing from a fresh snapshot")]
    public static partial void BookUntrusted(ILogger logger, string token, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Polymarket {Channel} frame could not be parsed: {Error}")]
    public static partial void FrameParseFailed(ILogger logger, string channel, string error);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Polymarket {Channel} stream (shard {Shard}): no PONG for {Seconds} s, dropping the connection")]
    public static partial void PongTimeout(ILogger logger, string channel, int shard, double seconds);

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Polymarket market listed: {Condition} ({Question})")]
    public static partial void MarketListed(ILogger logger, string condition, string question);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Polymarket market resolved: {Condition}, winner {Winner}")]
    public static partial void MarketResolved(ILogger logger, string condition, Ploy.Core.Markets.Outcome winner);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Polymarket heartbeat failed: {Error}")]
    public static partial void HeartbeatFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Polymarket market poll failed: {Error}")]
    public static partial void MarketPollFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Information, Message = "Polymarket submit {OrderId}: {Outcome} {Error} {Status}")]
    public static partial void Submitted(ILogger logger, string orderId, SubmitOutcome outcome, VenueError? error, VenueOrderStatus? status);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information,
        Message = "Following the venue's simulated clock: {Speed}x, venue time {VenueNow:u} ({AheadSeconds:0} s ahead of this machine)")]
    public static partial void FollowingSimulationClock(ILogger logger, double speed, DateTimeOffset venueNow, double aheadSeconds);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Warning, Message = "Could not read the venue's simulated clock ({Error}); market times are read on this machine's clock")]
    public static partial void SimulationClockUnreadable(ILogger logger, string error);

    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Polymarket RTDS connected to {Uri} ({Topic})")]
    public static partial void RtdsConnected(ILogger logger, Uri uri, string topic);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Polymarket RTDS lost: {Reason}; reconnecting in {DelayMs} ms")]
    public static partial void RtdsLost(ILogger logger, string reason, long delayMs);

    [LoggerMessage(EventId = 2310, Level = LogLevel.Warning, Message = "Polymarket Gamma round discovery failed: {Error}")]
    public static partial void RoundDiscoveryFailed(ILogger logger, string error);
}
