using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Core.Strategies;

/// <summary>What a strategy sees and may do. Orders it places go through the risk gate and the gateway.</summary>
public interface IStrategyContext
{
    DateTimeOffset Now { get; }

    /// <summary>Markets open for trading now.</summary>
    IReadOnlyCollection<BinaryMarket> Markets { get; }

    /// <summary>The book of a token, or null when not subscribed. Check <see cref="IOrderBookView.IsTrusted"/>.</summary>
    IOrderBookView? Book(TokenId token);

    decimal? ReferencePrice(string symbol);

    /// <summary>This strategy's shares of a token.</summary>
    decimal Position(TokenId token);

    /// <summary>This strategy's orders that are not terminal.</summary>
    IReadOnlyList<Order> OpenOrders { get; }

    /// <summary>Asks for an order; the outcome arrives through <see cref="IStrategy.OnOrderUpdate"/> and <see cref="IStrategy.OnFill"/>.</summary>
    ClientOrderId Place(OrderIntent intent);

    void Cancel(ClientOrderId order);
}
