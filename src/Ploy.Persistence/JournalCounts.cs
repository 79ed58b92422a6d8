using Ploy.Core.Orders;

namespace Ploy.Persistence;

/// <summary>How much a journal holds: for <c>ploy db status</c>, diagnostics and tests.</summary>
public sealed record JournalCounts(IReadOnlyDictionary<OrderStatus, long> OrdersByStatus, long Fills, long OrderEvents)
{
    public long Orders => OrdersByStatus.Values.Sum();
}
