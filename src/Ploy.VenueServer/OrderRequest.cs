using Ploy.Core.Orders;
using Ploy.Venues.Polymarket.Orders;

namespace Ploy.VenueServer;

/// <summary>A parsed V2 order body: the signed order, its signature and the envelope fields.</summary>
internal sealed record OrderRequest(PolymarketOrder Order, string Signature, string Owner, OrderType Type, bool PostOnly, bool DeferExec);
