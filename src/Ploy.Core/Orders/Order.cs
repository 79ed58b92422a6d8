using Ploy.Core.Primitives;

namespace Ploy.Core.Orders;

/// <summary>
/// One order and its life. Only the order gateway mutates it (single writer), so it needs no locks.
/// Every status change goes through <see cref="TransitionTo"/>, which refuses edges the state machine lacks.
/// </summary>
public sealed class Order
{
    public Order(ClientOrderId id, OrderIntent intent, DateTimeOffset createdAt)
    {
        Id = id;
        Intent = intent;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public ClientOrderId Id { get; }

    public OrderIntent Intent { get; }

    public StrategyId Strategy => Intent.Strategy;

    public TokenId Token => Intent.Token;

    public Side Side => Intent.Side;

    public Price LimitPrice => Intent.LimitPrice;

    public Size Quantity => Intent.Quantity;

    /// <summary>The venue id, known before sending (precomputed order hash).</summary>
    public VenueOrderId? VenueId { get; private set; }

    public OrderStatus Status { get; private set; } = OrderStatus.Created;

    public Size FilledQuantity { get; private set; }

    /// <summary>pUSD value of what has filled (Σ price × shares).</summary>
    public decimal FilledNotional { get; private set; }

    public Size RemainingQuantity => Quantity - Size.Min(Quantity, FilledQuantity);

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string? Reason { get; private set; }

    public bool IsTerminal => OrderTransitions.IsTerminal(Status);

    public decimal AverageFillPrice => FilledQuantity.IsZero ? 0m : FilledNotional / FilledQuantity.Shares;

    public void AssignVenueId(VenueOrderId venueId)
    {
        if (VenueId is { } existing && existing != venueId)
        {
            throw new InvalidOperationException($"Order {Id} already has venue id {existing}.");
        }

        VenueId = venueId;
    }

    public void TransitionTo(OrderStatus next, DateTimeOffset at, string? reason = null)
    {
        if (!OrderTransitions.IsAllowed(Status, next))
        {
            throw new InvalidOrderTransitionException(Id, Status, next);
        }

        Status = next;
        UpdatedAt = at;
        Reason = reason ?? Reason;
    }

    /// <summary>Whether a transition is legal now (for callers that must not throw on stale venue news).</summary>
    public bool CanTransitionTo(OrderStatus next) => OrderTransitions.IsAllowed(Status, next);

    /// <summary>Adds a fill and moves to PartiallyFilled or Filled.</summary>
    public void ApplyFill(Fill fill)
    {
        if (fill.Order != Id)
        {
            throw new ArgumentException($"Fill {fill.Trade} belongs to {fill.Order}, not {Id}.", nameof(fill));
        }

        var filled = FilledQuantity + fill.Quantity;
        if (filled > Quantity)
        {
            throw new InvalidOperationException($"Order {Id} would fill {filled} of {Quantity}.");
        }

        // A fill can be reported after the cancel or expiry that ended the order (the part matched before
        // the cancel, or the killed rest of a FAK): it counts, but the order stays where it ended.
        var endedEarlier = Status is OrderStatus.Cancelled or OrderStatus.Expired;
        var next = filled == Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled;

        // Checked before the fill is counted: a refused fill must leave the order as it was.
        if (!endedEarlier && !CanTransitionTo(next))
        {
            throw new InvalidOrderTransitionException(Id, Status, next);
        }

        FilledQuantity = filled;
        FilledNotional += fill.Notional;
        if (endedEarlier)
        {
            UpdatedAt = fill.Time;
            return;
        }

        TransitionTo(next, fill.Time);
    }

    /// <summary>Rebuilds an order from the journal without replaying its history.</summary>
    public static Order Restore(ClientOrderId id, OrderIntent intent, DateTimeOffset createdAt, VenueOrderId? venueId,
        OrderStatus status, Size filled, decimal filledNotional, DateTimeOffset updatedAt, string? reason)
    {
        var order = new Order(id, intent, createdAt)
        {
            VenueId = venueId,
            Status = status,
            FilledQuantity = filled,
            FilledNotional = filledNotional,
            UpdatedAt = updatedAt,
            Reason = reason,
        };
        return order;
    }
}
