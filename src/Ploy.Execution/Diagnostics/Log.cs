using Microsoft.Extensions.Logging;

namespace Ploy.Execution.Diagnostics;

/// <summary>Execution log events (ids 1000–1999). Never log payloads, signatures or secrets.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Order {OrderId} ({Strategy}) {Side} {Quantity} {Token} @ {Price} -> {Status}")]
    public static partial void OrderStatus(ILogger logger, string orderId, string strategy, string side, string quantity, string token, string price, string status);

    [LoggerMessage(1001, LogLevel.Information, "Risk denied {Strategy} {Side} {Token}: {Reason} ({Detail})")]
    public static partial void RiskDenied(ILogger logger, string strategy, string side, string token, string reason, string? detail);

    [LoggerMessage(1002, LogLevel.Warning, "Venue rejected order {OrderId}: {Error}")]
    public static partial void VenueRejected(ILogger logger, string orderId, string error);

    [LoggerMessage(1003, LogLevel.Warning, "Submit of order {OrderId} has an unknown outcome ({Error}); it will be resolved by its venue id, never re-sent")]
    public static partial void SubmitUnknown(ILogger logger, string orderId, string error);

    [LoggerMessage(1004, LogLevel.Error, "Journal write failed; new orders stop until it works again")]
    public static partial void JournalWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(1005, LogLevel.Warning, "Kill switch engaged: {Reason}")]
    public static partial void Halted(ILogger logger, string reason);

    [LoggerMessage(1006, LogLevel.Information, "Kill switch released")]
    public static partial void Resumed(ILogger logger);

    [LoggerMessage(1007, LogLevel.Warning, "Fill {TradeId} for unknown venue order {VenueOrderId} attributed to the wallet only")]
    public static partial void UnattributedFill(ILogger logger, string tradeId, string venueOrderId);

    [LoggerMessage(1008, LogLevel.Information, "Order {OrderId} resolved by venue id: {Status}")]
    public static partial void UnknownResolved(ILogger logger, string orderId, string status);

    [LoggerMessage(1009, LogLevel.Warning, "Venue call {Endpoint} failed: {Error}")]
    public static partial void VenueCallFailed(ILogger logger, string endpoint, string error);

    [LoggerMessage(1010, LogLevel.Warning, "Reconciliation: {Discrepancy}")]
    public static partial void Discrepancy(ILogger logger, string discrepancy);

    [LoggerMessage(1011, LogLevel.Information, "Reconciled with the venue: {Orders} orders checked, {Fills} fills imported, {Discrepancies} discrepancies")]
    public static partial void Reconciled(ILogger logger, int orders, int fills, int discrepancies);

    [LoggerMessage(1012, LogLevel.Error, "Halt could not be persisted; halted in memory anyway")]
    public static partial void HaltPersistFailed(ILogger logger, Exception exception);
}
