using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Core.Venues;

/// <summary>A trade on one of our orders as the venue reports it (by venue order id).</summary>
public sealed record VenueFill(
    TradeId Trade,
    VenueOrderId Order,
    TokenId Token,
    Side Side,
    Price Price,
    Size Quantity,
    decimal Fee,
    bool IsMaker,
    DateTimeOffset Time,
    SettlementStatus Settlement = SettlementStatus.Matched);
