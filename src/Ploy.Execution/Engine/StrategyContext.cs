using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;

namespace Ploy.Execution.Engine;

/// <summary>One strategy's window on the engine. Orders it asks for are queued and sent after its callback returns.</summary>
internal sealed class StrategyContext(TradingEngine engine, StrategyId strategy) : IStrategyContext
{
    public DateTimeOffset Now => engine.Now;

    public IReadOnlyCollection<BinaryMarket> Markets => engine.Markets.Markets;

    public IReadOnlyList<Order> OpenOrders => engine.OpenOrdersOf(strategy);

    public IOrderBookView? Book(TokenId token) => engine.Markets.Book(token);

    public decimal? ReferencePrice(string symbol) => engine.Markets.ReferencePrice(symbol);

    public decimal Position(TokenId token) => engine.PositionOf(strategy, token);

    public ClientOrderId Place(OrderIntent intent)
    {
        if (intent.Strategy != strategy)
        {
            throw new ArgumentException($"Strategy {strategy} cannot place orders as {intent.Strategy}.", nameof(intent));
        }

        return engine.Enqueue(intent);
    }

    public void Cancel(ClientOrderId order) => engine.EnqueueCancel(order);
}
