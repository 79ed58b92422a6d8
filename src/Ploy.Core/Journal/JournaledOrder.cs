using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Core.Journal;

/// <summary>An order as the journal last recorded it.</summary>
public sealed record JournaledOrder(
    OrderRecord Record,
    OrderStatus Status,
    Size Filled,
    decimal FilledNotional,
    string? Reason,
    DateTimeOffset UpdatedAt)
{
    public Order ToOrder() =>
        Order.Restore(Record.Id, Record.Intent, Record.CreatedAt, Record.VenueId, Status, Filled, FilledNotional, UpdatedAt, Reason);
}
