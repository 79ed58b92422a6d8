using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Models;
using Ploy.Venues.Polymarket.Parsing;

namespace Ploy.Venues.Polymarket.Adapter;

/// <summary>
/// The markets the venue lists (<c>GET /markets</c>), by token: tick size, neg-risk and the Core market. Filled by the
/// market poll, read by <see cref="PolymarketVenue.Prepare"/> (which must not do I/O). Thread-safe.
/// </summary>
public sealed class PolymarketMarketCatalog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TokenId, PolymarketTokenInfo> _tokens = [];
    private readonly Dictionary<ConditionId, BinaryMarket> _listed = [];
    private readonly HashSet<ConditionId> _resolved = [];

    /// <summary>Markets listed and not yet resolved.</summary>
    public IReadOnlyList<BinaryMarket> OpenMarkets
    {
        get
        {
            lock (_lock)
            {
                return [.. _listed.Values.Where(m => !_resolved.Contains(m.Condition))];
            }
        }
    }

    public PolymarketTokenInfo? Token(TokenId token)
    {
        lock (_lock)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    /// <summary>A tick-size change seen on the market channel: orders are signed on the new grid from now on.</summary>
    public void SetTick(TokenId token, TickSize tick)
    {
        lock (_lock)
        {
            if (_tokens.TryGetValue(token, out var info))
            {
                var market = info.Market with { Tick = tick };
                _tokens[market.Yes] = _tokens[market.Yes] with { Market = market, Tick = tick };
                _tokens[market.No] = _tokens[market.No] with { Market = market, Tick = tick };
            }
        }
    }

    /// <summary>Takes a fresh market list; returns the markets newly open for trading and those newly resolved with a winner.</summary>
    /// <param name="markets">The CLOB's markets.</param>
    /// <param name="now">When the list was read.</param>
    /// <param name="rounds">
    /// What round discovery (Gamma) knows of a market: a round's market is listed with its <see cref="RoundInfo"/>, and
    /// held back while its price to beat is not published (a round listed without it could never be traded by a round
    /// strategy). Null lists every market without round information.
    /// </param>
    public PolymarketCatalogChanges Update(IReadOnlyList<PolymarketMarket> markets, DateTimeOffset now, Func<ConditionId, PolymarketRoundStatus>? rounds = null)
    {
        var listed = new List<BinaryMarket>();
        var resolved = new List<MarketResolution>();
        lock (_lock)
        {
            foreach (var market in markets)
            {
                if (PolymarketParse.Market(market, now) is not { } binary)
                {
                    continue;
                }

                var condition = binary.Condition;
                var tradable = market.Active && !market.Closed && market.AcceptingOrders && market.EnableOrderBook;
                if (rounds?.Invoke(condition) is { IsRound: true } round)
                {
                    tradable &= round.Round is not null;
                    binary = binary with { Round = round.Round };
                }

                if (tradable && !_listed.ContainsKey(condition))
                {
                    _listed[condition] = binary;
                    _tokens[binary.Yes] = new PolymarketTokenInfo(binary, binary.Tick, market.NegRisk);
                    _tokens[binary.No] = new PolymarketTokenInfo(binary, binary.Tick, market.NegRisk);
                    listed.Add(binary);
                }

                // Only markets we saw open are reported resolved: a cold start does not replay history.
                if (_listed.TryGetValue(condition, out var known) && !_resolved.Contains(condition)
                    && PolymarketParse.Resolution(market, known, now) is { } resolution)
                {
                    _resolved.Add(condition);
                    resolved.Add(resolution);
                }
            }
        }

        return new PolymarketCatalogChanges(listed, resolved);
    }
}
