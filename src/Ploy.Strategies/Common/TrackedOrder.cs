using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Strategies.Common;

/// <summary>One order a strategy placed, with what the strategy meant by it.</summary>
internal sealed class TrackedOrder<TTag>(OrderIntent intent, TTag tag, DateTimeOffset placedAt)
{
    public ClientOrderId Id { get; set; }

    public OrderIntent Intent { get; } = intent;

    public TTag Tag { get; } = tag;

    public DateTimeOffset PlacedAt { get; } = placedAt;

    public DateTimeOffset? CancelRequestedAt { get; set; }

    public bool IsEnded { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.Created;

    public decimal FilledShares { get; set; }

    public bool CancelRequested => CancelRequestedAt is not null;
}
