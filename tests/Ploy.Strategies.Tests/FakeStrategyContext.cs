using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;

namespace Ploy.Strategies.Tests;

/// <summary>
/// A strategy context backed by real order books, with positions the test controls and a record of every
/// order placed and cancel asked for. Orders stay Submitted until the test fills, kills, rejects or cancels them,
/// which it reports back to the strategy the way the engine does.
/// </summary>
public sealed class FakeStrategyContext(DateTimeOffset now) : IStrategyContext
{
    private readonly Dictionary<TokenId, OrderBook> _books = [];
    private readonly List<Order> _orders = [];
    private int _nextOrder;
    private int _nextTrade;

    public DateTimeOffset Now { get; set; } = now;

    public List<BinaryMarket> MarketList { get; } = [];

    public IReadOnlyCollection<BinaryMarket> Markets => MarketList;

    public Dictionary<string, decimal> ReferencePrices { get; } = [];

    public Dictionary<TokenId, decimal> Positions { get; } = [];

    /// <summary>Every order placed, oldest first.</summary>
    public IReadOnlyList<Order> Placed => _orders;

    /// <summary>Every cancel asked for, in order (repeats included).</summary>
    public List<ClientOrderId> Cancelled { get; } = [];

    /// <summary>Runs inside <see cref="Place"/>, e.g. to reject synchronously as a risk gate could.</summary>
    public Action<Order>? OnPlaced { get; set; }

    public IReadOnlyList<Order> OpenOrders => [.. _orders.Where(o => !o.IsTerminal)];

    public IOrderBookView? Book(TokenId token) => _books.GetValueOrDefault(token);

    public decimal? ReferencePrice(string symbol) => ReferencePrices.TryGetValue(symbol, out var price) ? price : null;

    public decimal Position(TokenId token) => Positions.GetValueOrDefault(token);

    public ClientOrderId Place(OrderIntent intent)
    {
        var order = new Order(new ClientOrderId($"o{++_nextOrder}"), intent, Now);
        order.TransitionTo(OrderStatus.Journaled, Now);
        order.TransitionTo(OrderStatus.Submitted, Now);
        _orders.Add(order);
        OnPlaced?.Invoke(order);
        return order.Id;
    }

    public void Cancel(ClientOrderId order) => Cancelled.Add(order);

    public OrderBook SetBook(TokenId token, (decimal Price, decimal Size)[] bids, (decimal Price, decimal Size)[] asks)
    {
        if (!_books.TryGetValue(token, out var book))
        {
            book = new OrderBook(token);
            _books[token] = book;
        }

        book.ApplySnapshot(Levels(bids), Levels(asks), Now);
        return book;
    }

    public void MarkUntrusted(TokenId token) => _books[token].MarkUntrusted("test");

    public Order Order(ClientOrderId id) => _orders.Single(o => o.Id == id);

    public IReadOnlyList<Order> PlacedSince(int count) => [.. _orders.Skip(count)];

    /// <summary>Fills part or all of an order, updates the position, and reports fill then status.</summary>
    public void Fill(IStrategy strategy, ClientOrderId id, decimal shares, decimal? price = null)
    {
        var order = Order(id);
        var fill = new Fill(new TradeId($"t{++_nextTrade}"), id, new VenueOrderId("0x" + id.Value), order.Token, order.Side,
            Price.Of(price ?? order.LimitPrice.Value), Size.Of(shares), 0m, !order.Intent.IsImmediate, Now);
        order.ApplyFill(fill);
        Positions[order.Token] = Position(order.Token) + (order.Side.Sign() * shares);
        strategy.OnFill(this, fill);
        strategy.OnOrderUpdate(this, order);
    }

    /// <summary>Ends an order as cancelled (a killed FAK/FOK rest, or a confirmed cancel).</summary>
    public void Kill(IStrategy strategy, ClientOrderId id) => End(strategy, id, OrderStatus.Cancelled, "killed");

    public void Reject(IStrategy strategy, ClientOrderId id, string reason = "risk: limit") => End(strategy, id, OrderStatus.Rejected, reason);

    public void Acknowledge(IStrategy strategy, ClientOrderId id)
    {
        var order = Order(id);
        order.TransitionTo(OrderStatus.Acknowledged, Now);
        strategy.OnOrderUpdate(this, order);
    }

    /// <summary>Ends an order without telling the strategy: a lost update.</summary>
    public void EndSilently(ClientOrderId id) => Order(id).TransitionTo(OrderStatus.Cancelled, Now, "lost");

    /// <summary>Confirms every cancel asked for whose order is still open.</summary>
    public void ConfirmCancels(IStrategy strategy)
    {
        foreach (var id in Cancelled.Distinct().ToList())
        {
            if (!Order(id).IsTerminal)
            {
                End(strategy, id, OrderStatus.Cancelled, "cancelled");
            }
        }
    }

    private void End(IStrategy strategy, ClientOrderId id, OrderStatus status, string reason)
    {
        var order = Order(id);
        order.TransitionTo(status, Now, reason);
        strategy.OnOrderUpdate(this, order);
    }

    private static BookLevel[] Levels((decimal Price, decimal Size)[] levels) =>
        [.. levels.Select(l => new BookLevel(Price.Of(l.Price), Size.Of(l.Size)))];
}
