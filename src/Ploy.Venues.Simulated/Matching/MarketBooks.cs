using Ploy.Core.Markets;
using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>The four book sides of one binary market: YES bids/asks and NO bids/asks.</summary>
internal sealed class MarketBooks(BinaryMarket market)
{
    private readonly BookSide _yesBids = new(Side.Buy, market.Tick);
    private readonly BookSide _yesAsks = new(Side.Sell, market.Tick);
    private readonly BookSide _noBids = new(Side.Buy, market.Tick);
    private readonly BookSide _noAsks = new(Side.Sell, market.Tick);

    public BinaryMarket Market { get; } = market;

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
}
