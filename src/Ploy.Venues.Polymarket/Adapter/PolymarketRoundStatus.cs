using Ploy.Core.Markets;

namespace Ploy.Venues.Polymarket.Adapter;

/// <summary>
/// What discovery knows of a market: not a round of a followed series; a round whose price to beat is not published
/// yet (<see cref="Round"/> null: hold the listing back); or a round with its <see cref="RoundInfo"/>.
/// </summary>
public readonly record struct PolymarketRoundStatus(bool IsRound, RoundInfo? Round)
{
    public static PolymarketRoundStatus NotARound => default;
}
