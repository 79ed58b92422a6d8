namespace Ploy.Core.Orders;

/// <summary>The order state machine: which status may follow which.</summary>
public static class OrderTransitions
{
    public static bool IsTerminal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired;

    /// <summary>True while the venue may still hold or match the order.</summary>
    public static bool IsLive(OrderStatus status) =>
        status is OrderStatus.Submitted or OrderStatus.Acknowledged or OrderStatus.PartiallyFilled or OrderStatus.Unknown;

    public static bool IsAllowed(OrderStatus from, OrderStatus to) => from switch
    {
        OrderStatus.Created => to is OrderStatus.Journaled or OrderStatus.Rejected,
        OrderStatus.Journaled => to is OrderStatus.Submitted or OrderStatus.Rejected,
        OrderStatus.Submitted => to is OrderStatus.Acknowledged or OrderStatus.PartiallyFilled or OrderStatus.Filled
            or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired or OrderStatus.Unknown,
        OrderStatus.Unknown => to is OrderStatus.Acknowledged or OrderStatus.PartiallyFilled or OrderStatus.Filled
            or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired,
        OrderStatus.Acknowledged => to is OrderStatus.PartiallyFilled or OrderStatus.Filled or OrderStatus.Cancelled
            or OrderStatus.Expired,
        OrderStatus.PartiallyFilled => to is OrderStatus.PartiallyFilled or OrderStatus.Filled or OrderStatus.Cancelled
            or OrderStatus.Expired,
        _ => false,
    };
}
