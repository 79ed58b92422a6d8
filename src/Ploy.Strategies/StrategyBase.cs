using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;

namespace Ploy.Strategies;

/// <summary>
/// A strategy with no-op handlers, so a strategy overrides only the events it cares about.
/// </summary>
public abstract class StrategyBase : IStrategy
{
    protected StrategyBase(StrategyId id) => Id = id;

    public StrategyId Id { get; }

    public virtual void OnMarketListed(IStrategyContext context, BinaryMarket market)
    {
    }

    public virtual void OnBook(IStrategyContext context, BinaryMarket market, TokenId token)
    {
    }

    public virtual void OnReferencePrice(IStrategyContext context, string symbol, decimal price)
    {
    }

    public virtual void OnFill(IStrategyContext context, Fill fill)
    {
    }

    public virtual void OnOrderUpdate(IStrategyContext context, Order order)
    {
    }

    public virtual void OnMarketResolved(IStrategyContext context, BinaryMarket market, MarketResolution resolution)
    {
    }

    public virtual void OnTimer(IStrategyContext context)
    {
    }

    /// <summary>A one-line status for the terminal status line.</summary>
    public virtual string Describe() => Id.Value;
}
