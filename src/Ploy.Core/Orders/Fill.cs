using Ploy.Core.Primitives;

namespace Ploy.Core.Orders;

/// <summary>One execution of one of our orders. Unique by <see cref="Trade"/> (and our side of it).</summary>
/// <param name="Trade">The venue's trade id.</param>
/// <param name="Order">Our order that filled.</param>
/// <param name="VenueOrder">The venue's id of that order.</param>
/// <param name="Token">The token bought or sold.</param>
/// <param name="Side">Our side.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Quantity">Shares.</param>
/// <param name="Fee">Fee paid in pUSD (≥ 0).</param>
/// <param name="IsMaker">Whether our order was resting.</param>
/// <param name="Time">Match time.</param>
/// <param name="Settlement">On-chain settlement status of the trade.</param>
public sealed record Fill(
    TradeId Trade,
    ClientOrderId Order,
    VenueOrderId VenueOrder,
    TokenId Token,
    Side Side,
    Price Price,
    Size Quantity,
    decimal Fee,
    bool IsMaker,
    DateTimeOffset Time,
    SettlementStatus Settlement = SettlementStatus.Matched)
{
    public decimal Notional => Price.Value * Quantity.Shares;
}
