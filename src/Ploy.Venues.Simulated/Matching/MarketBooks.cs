using Ploy.Core.Markets;
using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>
/// The four book sides of one binary market: YES bids/asks and NO bids/asks. The sides index prices on the finest grid
/// the market may switch to (the engine's finest tick), so the current <see cref="Market"/> tick can change while
/// orders rest.
/// </summary>
internal sealed class MarketBooks
{
    private readonly BookSide _yesBids;
    private readonly BookSide _yesAsks;
    private readonly BookSide _noBids;
    private readonly BookSide _noAsks;

    public MarketBooks(BinaryMarket market, TickSize? finest)
    {
        Market = market;
        GridUnits = finest is { } fine ? GreatestCommonDivisor(market.Tick.Units, fine.Units) : market.Tick.Units;
        _yesBids = new BookSide(Side.Buy, GridUnits);
        _yesAsks = new BookSide(Side.Sell, GridUnits);
        _noBids = new BookSide(Side.Buy, GridUnits);
        _noAsks = new BookSide(Side.Sell, GridUnits);
    }

    /// <summary>The market as it trades now: its <see cref="BinaryMarket.Tick"/> is the current grid.</summary>
    public BinaryMarket Market { get; private set; }

    /// <summary>Width of the index grid in price units (divides every tick the market may have).</summary>
    public int GridUnits { get; }

    /// <summary>The most levels one book side can hold.</summary>
    public int Capacity => _yesBids.Capacity;

    public void ChangeTick(TickSize tick)
    {
        if (tick.Units % GridUnits != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tick), tick, $"Tick {tick} is finer than the grid market {Market.Condition} was listed with.");
        }

        Market = Market with { Tick = tick };
    }

    public BookSide Get(TokenId token, Side side) => Market.OutcomeOf(token) == Outcome.Yes
        ? side == Side.Buy ? _yesBids : _yesAsks
        : side == Side.Buy ? _noBids : _noAsks;

    public BookSide Get(Outcome outcome, Side side) => Get(Market.TokenFor(outcome), side);

    /// <summary>Every resting order of the market, oldest first.</summary>
    public List<EngineOrder> AllOrders()
    {
        var all = new List<EngineOrder>();
        foreach (var side in (BookSide[])[_yesBids, _yesAsks, _noBids, _noAsks])
        {
            foreach (var level in side.Levels())
            {
                for (var o = level.Head; o is not null; o = o.Next)
                {
                    all.Add(o);
                }
            }
        }

        all.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return all;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
