using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>One match between an incoming (taker) order and a resting (maker) order.</summary>
/// <param name="Id">The trade id, unique per engine.</param>
/// <param name="Kind">Direct transfer, mint or merge.</param>
/// <param name="Taker">The incoming order.</param>
/// <param name="Maker">The resting order; the trade executes at its price.</param>
/// <param name="Quantity">Shares (sets, for a mint or merge).</param>
/// <param name="TakerPrice">Price in the taker's token (the complement of the maker's for a mint or merge).</param>
/// <param name="TakerFee">pUSD fee charged to the taker.</param>
/// <param name="Time">Match time.</param>
public sealed record EngineTrade(
    TradeId Id,
    MatchKind Kind,
    EngineOrder Taker,
    EngineOrder Maker,
    decimal Quantity,
    Price TakerPrice,
    decimal TakerFee,
    DateTimeOffset Time)
{
    /// <summary>Price in the maker's token: the maker's own limit.</summary>
    public Price MakerPrice => Maker.Price;
}
