using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Core.Positions;

/// <summary>Cash plus positions of one wallet, as our own books see it (the venue keeps its own ledger).</summary>
public sealed class Portfolio
{
    private readonly Dictionary<TokenId, Position> _positions = [];

    public Portfolio(decimal startingCash) => Cash = startingCash;

    public decimal Cash { get; private set; }

    public IReadOnlyCollection<Position> Positions => _positions.Values;

    public decimal RealizedPnl => _positions.Values.Sum(p => p.RealizedPnl);

    public Position Get(TokenId token)
    {
        if (!_positions.TryGetValue(token, out var position))
        {
            position = new Position(token);
            _positions[token] = position;
        }

        return position;
    }

    public decimal SharesOf(TokenId token) => _positions.TryGetValue(token, out var p) ? p.Shares : 0m;

    public void Apply(Fill fill)
    {
        Get(fill.Token).Apply(fill);
        Cash += fill.Side == Side.Buy ? -(fill.Notional + fill.Fee) : fill.Notional - fill.Fee;
    }

    /// <summary>Redeems both tokens of a resolved market. Returns the realised PnL the settlement added.</summary>
    public decimal Settle(BinaryMarket market, Outcome winner)
    {
        var before = RealizedPnl;
        foreach (var outcome in new[] { Outcome.Yes, Outcome.No })
        {
            if (_positions.TryGetValue(market.TokenFor(outcome), out var position) && !position.IsFlat)
            {
                Cash += position.Settle(outcome == winner ? 1m : 0m);
            }
        }

        return RealizedPnl - before;
    }

    /// <summary>Σ cost basis of open positions: the pUSD at risk.</summary>
    public decimal GrossExposure => _positions.Values.Sum(p => p.CostBasis);

    public void Restore(decimal cash, IEnumerable<Position> positions)
    {
        Cash = cash;
        _positions.Clear();
        foreach (var p in positions)
        {
            _positions[p.Token] = p;
        }
    }
}
