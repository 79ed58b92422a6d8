using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Core.Venues;

/// <summary>
/// An order built (and, on a real venue, signed) but not sent. Its <see cref="VenueId"/> is the identity the
/// venue will know it by, so it can be journaled first and looked up after an ambiguous submit.
/// </summary>
/// <param name="ClientId">Our id.</param>
/// <param name="VenueId">The venue's id, precomputed (the EIP-712 order hash on Polymarket).</param>
/// <param name="Intent">What was asked.</param>
/// <param name="Payload">The exact wire body (signed order) or null where the venue needs none.</param>
public sealed record PreparedOrder(ClientOrderId ClientId, VenueOrderId VenueId, OrderIntent Intent, string? Payload);
