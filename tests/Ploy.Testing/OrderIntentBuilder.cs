using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Testing;

/// <summary>
/// Builds an <see cref="OrderIntent"/>: by default a GTC buy of 10 YES shares at 0.50 in
/// <see cref="TestMarkets.Sample()"/> for strategy "test".
/// </summary>
public sealed class OrderIntentBuilder
{
    private StrategyId _strategy = new("test");
    private ConditionId _condition;
    private TokenId _token;
    private Side _side = Side.Buy;
    private Price _price = Price.Of(0.50m);
    private Size _quantity = Size.Of(10m);
    private OrderType _type = OrderType.Gtc;
    private bool _postOnly;
    private DateTimeOffset? _expiresAt;
    private string? _tag;

    public OrderIntentBuilder()
        : this(TestMarkets.Sample())
    {
    }

    /// <summary>An intent on <paramref name="market"/>'s YES token.</summary>
    public OrderIntentBuilder(BinaryMarket market)
    {
        _condition = market.Condition;
        _token = market.Yes;
    }

    /// <summary>Trades <paramref name="outcome"/>'s token of <paramref name="market"/>.</summary>
    public OrderIntentBuilder In(BinaryMarket market, Outcome outcome = Outcome.Yes)
    {
        _condition = market.Condition;
        _token = market.TokenFor(outcome);
        return this;
    }

    public OrderIntentBuilder For(StrategyId strategy)
    {
        _strategy = strategy;
        return this;
    }

    public OrderIntentBuilder For(string strategy) => For(new StrategyId(strategy));

    public OrderIntentBuilder WithToken(TokenId token)
    {
        _token = token;
        return this;
    }

    public OrderIntentBuilder Buying(decimal quantity, decimal price) => With(Side.Buy, quantity, price);

    public OrderIntentBuilder Selling(decimal quantity, decimal price) => With(Side.Sell, quantity, price);

    public OrderIntentBuilder With(Side side, decimal quantity, decimal price)
    {
        _side = side;
        _quantity = Size.Of(quantity);
        _price = Price.Of(price);
        return this;
    }

    public OrderIntentBuilder WithSide(Side side)
    {
        _side = side;
        return this;
    }

    public OrderIntentBuilder AtPrice(decimal price)
    {
        _price = Price.Of(price);
        return this;
    }

    public OrderIntentBuilder WithQuantity(decimal shares)
    {
        _quantity = Size.Of(shares);
        return this;
    }

    public OrderIntentBuilder OfType(OrderType type)
    {
        _type = type;
        return this;
    }

    public OrderIntentBuilder PostOnly(bool postOnly = true)
    {
        _postOnly = postOnly;
        return this;
    }

    /// <summary>A GTD order expiring at <paramref name="expiresAt"/>.</summary>
    public OrderIntentBuilder ExpiringAt(DateTimeOffset expiresAt)
    {
        _type = OrderType.Gtd;
        _expiresAt = expiresAt;
        return this;
    }

    public OrderIntentBuilder WithTag(string? tag)
    {
        _tag = tag;
        return this;
    }

    public OrderIntent Build() => new(_strategy, _condition, _token, _side, _price, _quantity, _type, _postOnly, _expiresAt, _tag);

    /// <summary>An <see cref="Order"/> in status Created for this intent, created at <see cref="TestTime.Start"/>.</summary>
    public Order BuildOrder(string clientOrderId = "c-1", DateTimeOffset? createdAt = null) =>
        new(new ClientOrderId(clientOrderId), Build(), createdAt ?? TestTime.Start);
}
