using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Core.Journal;

/// <summary>One entry of the append-only order-event log; also the order's latest state.</summary>
public sealed record OrderTransitionRecord(
    ClientOrderId Id,
    OrderStatus From,
    OrderStatus To,
    Size Filled,
    decimal FilledNotional,
    string? Reason,
    DateTimeOffset At);
