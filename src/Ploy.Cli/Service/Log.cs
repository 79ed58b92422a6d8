using Microsoft.Extensions.Logging;
using Ploy.Core.Markets;

namespace Ploy.Cli.Service;

/// <summary>Log events of the <c>ploy run</c> service (ids 5000–5999). Never log secrets or connection strings.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Information, "ploy run starting: mode {Mode}, venue {Venue}, journal {Database}, listening on {Address}:{Port}")]
    public static partial void Starting(ILogger logger, string mode, string venue, string database, string address, int port);

    [LoggerMessage(5001, LogLevel.Information, "Start-up reconciliation done: {Orders} orders checked, {Fills} fills imported, {Discrepancies} discrepancies; trading starts")]
    public static partial void Reconciled(ILogger logger, int orders, int fills, int discrepancies);

    [LoggerMessage(5002, LogLevel.Critical, "Start-up reconciliation failed: {Failure}. Not trading and not ready; restart to retry")]
    public static partial void ReconciliationFailed(ILogger logger, string failure);

    [LoggerMessage(5003, LogLevel.Warning, "Starting HALTED (since {Since}: {Reason}); only reduce-only exits are allowed")]
    public static partial void StartingHalted(ILogger logger, DateTimeOffset since, string? reason);

    [LoggerMessage(5004, LogLevel.Critical, "The trading loop failed; stopping the service")]
    public static partial void DriverFaulted(ILogger logger, Exception exception);

    [LoggerMessage(5005, LogLevel.Information, "Signed in to the Polymarket CLOB at {ClobUrl} as {Address} (market data from {WebSocketUrl})")]
    public static partial void SignedIn(ILogger logger, Uri clobUrl, string address, Uri webSocketUrl);

    [LoggerMessage(5010, LogLevel.Information, "Shutdown: strategies stopped, no new intents")]
    public static partial void StrategiesStopped(ILogger logger);

    [LoggerMessage(5011, LogLevel.Warning, "Shutdown: in-flight commands did not finish within {Timeout}")]
    public static partial void DrainTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(5012, LogLevel.Information, "Shutdown: {Count} resting orders cancelled")]
    public static partial void CancelledOnShutdown(ILogger logger, int count);

    [LoggerMessage(5013, LogLevel.Information, "Shutdown: journal checkpointed; stopped cleanly")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(5014, LogLevel.Error, "Shutdown step {Step} failed")]
    public static partial void ShutdownStepFailed(ILogger logger, string step, Exception exception);

    [LoggerMessage(5015, LogLevel.Information, "Shutdown: market {Condition} resolved at the venue ({Winner} won); its payout is booked")]
    public static partial void SettledOnShutdown(ILogger logger, string condition, Outcome winner);

    [LoggerMessage(5020, LogLevel.Information, "Control: {Action}")]
    public static partial void ControlApplied(ILogger logger, string action);

    [LoggerMessage(5030, LogLevel.Debug, "Deployments log unreadable: {Reason}")]
    public static partial void DeploymentsUnreadable(ILogger logger, string reason);
}
