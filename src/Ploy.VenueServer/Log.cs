using Microsoft.Extensions.Logging;

namespace Ploy.VenueServer;

/// <summary>Source-generated log messages of the venue server (event ids 4000–4999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Venue listening on {Address} (seed {Seed}, speed {Speed}x, chain {ChainId})")]
    public static partial void Listening(ILogger logger, string address, int seed, double speed, int chainId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "API key {ApiKey} issued for {Address} (nonce {Nonce})")]
    public static partial void KeyIssued(ILogger logger, string apiKey, string address, ulong nonce);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Order {OrderId} from {ApiKey}: {Status}")]
    public static partial void OrderAccepted(ILogger logger, string orderId, string apiKey, string status);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Order from {ApiKey} rejected: {Reason}")]
    public static partial void OrderRejected(ILogger logger, string apiKey, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "L2 request {Method} {Path} refused: {Reason}")]
    public static partial void L2Refused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "L1 request {Path} refused: {Reason}")]
    public static partial void L1Refused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Heartbeat of {ApiKey} expired: {Count} orders cancelled")]
    public static partial void HeartbeatExpired(ILogger logger, string apiKey, int count);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Venue mode set to {Mode}")]
    public static partial void ModeChanged(ILogger logger, VenueMode mode);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "Simulation loop failed")]
    public static partial void PumpFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Debug, Message = "WebSocket {Channel} connection closed: {Reason}")]
    public static partial void WebSocketClosed(ILogger logger, string channel, string reason);

    // 4050+: market structure (kept apart from the ids above so parallel additions do not collide).
    [LoggerMessage(EventId = 4050, Level = LogLevel.Information, Message = "Market {Market} tick size changed {OldTick} -> {NewTick}")]
    public static partial void TickSizeChanged(ILogger logger, string market, decimal oldTick, decimal newTick);
}
