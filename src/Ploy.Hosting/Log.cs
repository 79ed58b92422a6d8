using Microsoft.Extensions.Logging;

namespace Ploy.Hosting;

/// <summary>Every log message of Ploy.Hosting (event ids 3000–3999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Circuit breaker {Venue}/{Endpoint} opened for {BreakDuration}")]
    public static partial void CircuitOpened(ILogger logger, string venue, string endpoint, TimeSpan breakDuration);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Circuit breaker {Venue}/{Endpoint} half-open: letting one call probe the venue")]
    public static partial void CircuitHalfOpened(ILogger logger, string venue, string endpoint);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Circuit breaker {Venue}/{Endpoint} closed")]
    public static partial void CircuitClosed(ILogger logger, string venue, string endpoint);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Submit of {ClientOrderId} refused on {Venue}: orders circuit open, nothing sent")]
    public static partial void SubmitRefusedCircuitOpen(ILogger logger, string venue, string clientOrderId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Retrying a {Venue} read (attempt {Attempt}) in {Delay}")]
    public static partial void VenueReadRetry(ILogger logger, string venue, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "The trading state source failed; metrics keep the last values")]
    public static partial void TradingStateSourceFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Health check {Check} is down after {LatencyMs} ms: {Reason}")]
    public static partial void HealthCheckDown(ILogger logger, string check, long latencyMs, string reason);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning, Message = "Control API {Method} {Path} refused ({StatusCode}): {Reason}")]
    public static partial void ControlRefused(ILogger logger, string method, string path, int statusCode, string reason);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information, Message = "Control API {Action} requested{Detail}")]
    public static partial void ControlAction(ILogger logger, string action, string detail);
}
