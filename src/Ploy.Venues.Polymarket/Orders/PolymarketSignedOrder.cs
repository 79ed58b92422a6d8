using Ploy.Core.Primitives;

namespace Ploy.Venues.Polymarket.Orders;

/// <summary>An order with its signature and its EIP-712 digest, which is the venue's order id.</summary>
/// <param name="Order">The order.</param>
/// <param name="Signature">0x hex: 65 bytes (types 0–2) or 317 bytes (type 3).</param>
/// <param name="OrderHash">0x hex EIP-712 digest: the <c>orderID</c> the venue reports.</param>
public sealed record PolymarketSignedOrder(PolymarketOrder Order, string Signature, string OrderHash)
{
    public VenueOrderId VenueOrderId => new(OrderHash);
}
