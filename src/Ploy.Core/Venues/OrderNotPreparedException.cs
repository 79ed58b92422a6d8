namespace Ploy.Core.Venues;

/// <summary>
/// Thrown by <see cref="IVenue.Prepare"/> when the venue cannot build the order exactly as the intent asks — e.g. its
/// price is off the market's current tick (which can change between the risk check and the signature), or the token
/// is not in a market the venue listed. Nothing was journaled or sent; the gateway rejects the order with the reason.
/// A venue must never "fix" such an order (rounding a price would sign one the strategy did not ask for).
/// </summary>
public sealed class OrderNotPreparedException : Exception
{
    public OrderNotPreparedException()
    {
    }

    public OrderNotPreparedException(string message)
        : base(message)
    {
    }

    public OrderNotPreparedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
