using Ploy.Core.Books;
using Ploy.Core.Primitives;

namespace Ploy.Testing;

/// <summary>Builds a trusted <see cref="OrderBook"/> from a snapshot: <c>new OrderBookBuilder().Bid(0.48m, 100).Ask(0.52m, 50).Build()</c>.</summary>
public sealed class OrderBookBuilder
{
    private readonly List<BookLevel> _bids = [];
    private readonly List<BookLevel> _asks = [];
    private TokenId _token = new("token-yes");
    private DateTimeOffset _at = TestTime.Start;

    public OrderBookBuilder ForToken(TokenId token)
    {
        _token = token;
        return this;
    }

    public OrderBookBuilder Bid(decimal price, decimal shares)
    {
        _bids.Add(new BookLevel(Price.Of(price), Size.Of(shares)));
        return this;
    }

    public OrderBookBuilder Ask(decimal price, decimal shares)
    {
        _asks.Add(new BookLevel(Price.Of(price), Size.Of(shares)));
        return this;
    }

    public OrderBookBuilder AtTime(DateTimeOffset at)
    {
        _at = at;
        return this;
    }

    /// <summary>A book with the snapshot applied (trusted, one update).</summary>
    public OrderBook Build()
    {
        var book = new OrderBook(_token);
        book.ApplySnapshot(_bids.ToArray(), _asks.ToArray(), _at);
        return book;
    }
}
