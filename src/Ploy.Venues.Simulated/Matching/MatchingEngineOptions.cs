using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>Venue rules the engine applies.</summary>
public sealed class MatchingEngineOptions
{
    /// <summary>Taker fee rate: fee = size × rate × p × (1 − p), in pUSD, takers only. In [0, 1].</summary>
    public decimal TakerFeeRate { get; init; }

    /// <summary>
    /// Whether a sell also matches a resting sell of the complement (merging a set), as Polymarket does. With it,
    /// the two books' asks always sum above 1; without it they may sum below 1, which is what complete-set
    /// arbitrage needs to exist (see <see cref="SimulationOptions.MergeMatching"/>). Minting is always on.
    /// </summary>
    public bool MergeMatching { get; init; } = true;

    /// <summary>
    /// The finest tick a market may switch to while it trades (see <see cref="TickSizeRule"/>); books are indexed on a
    /// grid that holds it. Null: markets keep the tick they were listed with.
    /// </summary>
    public TickSize? FinestTick { get; init; }
}
