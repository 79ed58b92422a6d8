using Ploy.Core.Primitives;

namespace Ploy.Core.Orders;

/// <summary>A broken invariant: something tried to move an order along an edge the state machine lacks.</summary>
public sealed class InvalidOrderTransitionException : InvalidOperationException
{
    public InvalidOrderTransitionException(ClientOrderId order, OrderStatus from, OrderStatus to)
        : base($"Order {order}: illegal transition {from} -> {to}.")
    {
        Order = order;
        From = from;
        To = to;
    }

    public InvalidOrderTransitionException()
    {
    }

    public InvalidOrderTransitionException(string message)
        : base(message)
    {
    }

    public InvalidOrderTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClientOrderId Order { get; }

    public OrderStatus From { get; }

    public OrderStatus To { get; }
}
