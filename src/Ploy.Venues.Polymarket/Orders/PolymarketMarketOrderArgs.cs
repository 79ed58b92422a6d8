using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Orders;

/// <summary>
/// A market order (<c>createMarketOrder</c>): <see cref="Amount"/> is pUSD for BUY, shares for SELL. Without a
/// <see cref="Price"/> the order is priced from <see cref="Bids"/>/<see cref="Asks"/> (REST <c>/book</c> order).
/// </summary>
public sealed record PolymarketMarketOrderArgs(
    string TokenId,
    Side Side,
    decimal Amount,
    decimal? Price,
    TickSize TickSize,
    OrderType OrderType = OrderType.Fok,
    bool NegRisk = false,
    PolymarketExchangeVersion Version = PolymarketExchangeVersion.V2,
    string? Metadata = null,
    string? BuilderCode = null,
    PolymarketFeeContext? Fees = null,
    IReadOnlyList<PolymarketBookLevel>? Bids = null,
    IReadOnlyList<PolymarketBookLevel>? Asks = null);
