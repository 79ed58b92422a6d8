using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>
/// When a market's price grid changes. Venue quirk: Polymarket's market-channel documentation says a
/// <c>tick_size_change</c> is sent "when the book's price reaches the limits: price &gt; 0.96 or price &lt; 0.04", the
/// tick going from 0.01 to 0.001 there and back when the price returns (docs.polymarket.com, market channel; our
/// reference, venue-and-users.md, only says "when a market becomes one-sided"). "The price" is not defined further, so
/// the simulator reads it as the touch: a market trades on <see cref="Fine"/> while its YES book's best bid is above
/// <see cref="High"/> or its best ask below <see cref="Low"/> — which is the same as the NO book's best ask below
/// 1 − <see cref="High"/> or best bid above 1 − <see cref="Low"/>, so both tokens always agree — and on
/// <see cref="Coarse"/> otherwise. There is no hysteresis (none is documented); the exchange evaluates the rule once
/// per simulation step, so a market changes grid at most once a step.
/// </summary>
public sealed record TickSizeRule(TickSize Coarse, TickSize Fine, decimal Low = 0.04m, decimal High = 0.96m)
{
    /// <summary>The grid for a YES book whose touch is (<paramref name="bestBid"/>, <paramref name="bestAsk"/>); null = no level.</summary>
    public TickSize TickFor(decimal? bestBid, decimal? bestAsk) =>
        bestBid > High || bestAsk < Low ? Fine : Coarse;
}
