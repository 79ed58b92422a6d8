using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Execution.Gateway;

namespace Ploy.Execution.Engine;

/// <summary>Open markets, their books and the reference prices, as market data describes them.</summary>
public sealed class MarketState : IMarketView
{
    private readonly Dictionary<ConditionId, BinaryMarket> _markets = [];
    private readonly Dictionary<TokenId, ConditionId> _marketOfToken = [];
    private readonly Dictionary<TokenId, OrderBook> _books = [];
    private readonly Dictionary<string, decimal> _references = new(StringComparer.Ordinal);

    public IReadOnlyCollection<BinaryMarket> Markets => _markets.Values;

    public IReadOnlyCollection<OrderBook> Books => _books.Values;

    public BinaryMarket? Market(ConditionId condition) => _markets.GetValueOrDefault(condition);

    public BinaryMarket? MarketOf(TokenId token) =>
        _marketOfToken.TryGetValue(token, out var condition) ? _markets.GetValueOrDefault(condition) : null;

    public IOrderBookView? Book(TokenId token) => _books.GetValueOrDefault(token);

    public decimal? ReferencePrice(string symbol) => _references.TryGetValue(symbol, out var price) ? price : null;

    public void List(BinaryMarket market)
    {
        _markets[market.Condition] = market;
        foreach (var token in new[] { market.Yes, market.No })
        {
            _marketOfToken[token] = market.Condition;
            if (!_books.ContainsKey(token))
            {
                _books[token] = new OrderBook(token);
            }
        }
    }

    public void Remove(BinaryMarket market)
    {
        _markets.Remove(market.Condition);
        foreach (var token in new[] { market.Yes, market.No })
        {
            _marketOfToken.Remove(token);
            _books.Remove(token);
        }
    }

    /// <summary>Applies a book event; returns the book changed, or null if the token is not tracked.</summary>
    public OrderBook? Apply(MarketDataEvent marketData)
    {
        switch (marketData)
        {
            case BookSnapshotEvent snapshot when _books.TryGetValue(snapshot.Token, out var book):
                book.ApplySnapshot(snapshot.Bids.ToArray(), snapshot.Asks.ToArray(), snapshot.At);
                return book;
            case PriceChangeEvent change when _books.TryGetValue(change.Token, out var book):
                book.ApplyDelta(change.Side, change.Price, change.Size, change.At);
                return book;
            case BookUntrustedEvent untrusted when _books.TryGetValue(untrusted.Token, out var book):
                // Our copy may be wrong (hash mismatch, lost connection): nothing is traded on it until the feed's fresh snapshot.
                book.MarkUntrusted(untrusted.Reason);
                return book;
            case TickSizeChangeEvent tick when _books.TryGetValue(tick.Token, out var book):
                // Venue quirk: levels on the old grid are void after a tick change; trust returns with a snapshot.
                book.MarkUntrusted($"tick size changed {tick.OldTick} -> {tick.NewTick}");
                if (MarketOf(tick.Token) is { } market)
                {
                    _markets[market.Condition] = market with { Tick = tick.NewTick };
                }

                return book;
            case ReferencePriceEvent reference:
                _references[reference.Symbol] = reference.Price;
                return null;
            default:
                return null;
        }
    }

    /// <summary>Marks books that have not changed for <paramref name="maxAge"/> untrusted; returns how many.</summary>
    public int MarkStale(DateTimeOffset now, TimeSpan maxAge)
    {
        var marked = 0;
        foreach (var book in _books.Values)
        {
            if (book.IsTrusted && book.IsStale(now, maxAge))
            {
                book.MarkUntrusted("stale: no update within " + maxAge.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
                marked++;
            }
        }

        return marked;
    }
}
