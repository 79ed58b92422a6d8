using System.Threading.Channels;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Core.Venues;

/// <summary>
/// The order port: what the gateway needs from a venue. Implemented by the simulated venue (in process)
/// and the Polymarket adapter (over HTTP/WebSocket). Submits are never retried by an implementation.
/// </summary>
public interface IVenue
{
    string Name { get; }

    /// <summary>
    /// Builds (and signs) the order and computes its venue id, without any I/O. Throws <see cref="OrderNotPreparedException"/>
    /// when the order cannot be built exactly as asked (e.g. a price off the current tick).
    /// </summary>
    PreparedOrder Prepare(ClientOrderId id, OrderIntent intent, DateTimeOffset now);

    Task<SubmitResult> SubmitAsync(PreparedOrder order, CancellationToken cancellationToken);

    Task<VenueResult<bool>> CancelAsync(VenueOrderId order, CancellationToken cancellationToken);

    /// <summary>Cancels every open order of the account; returns the ids cancelled.</summary>
    Task<VenueResult<IReadOnlyList<VenueOrderId>>> CancelAllAsync(CancellationToken cancellationToken);

    Task<VenueResult<IReadOnlyList<VenueOrderState>>> GetOpenOrdersAsync(CancellationToken cancellationToken);

    /// <summary>One order by venue id; null when the venue does not know it (never placed, or terminal and forgotten).</summary>
    Task<VenueResult<VenueOrderState?>> GetOrderAsync(VenueOrderId order, CancellationToken cancellationToken);

    /// <summary>Our trades, optionally only those of one order (the fallback once an order is terminal).</summary>
    Task<VenueResult<IReadOnlyList<VenueFill>>> GetTradesAsync(VenueOrderId? order, CancellationToken cancellationToken);

    Task<VenueResult<VenueBalances>> GetBalancesAsync(CancellationToken cancellationToken);

    /// <summary>Fills and order updates of our account, in the order the venue reported them.</summary>
    ChannelReader<VenueEvent> Events { get; }
}
