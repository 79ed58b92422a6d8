using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Orders;

/// <summary>A limit order (<c>createOrder</c>): price and size in shares.</summary>
public sealed record PolymarketLimitOrderArgs(
    string TokenId,
    Side Side,
    decimal Price,
    decimal Size,
    TickSize TickSize,
    bool NegRisk = false,
    PolymarketExchangeVersion Version = PolymarketExchangeVersion.V2,
    ulong Expiration = 0,
    string? Metadata = null,
    string? BuilderCode = null,
    PolymarketFeeContext? Fees = null);
