using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Core.Strategies;

/// <summary>
/// A strategy: reacts to the market and to its own orders, and asks for orders through the context.
/// Called from one thread only, never concurrently.
/// </summary>
public interface IStrategy
{
    StrategyId Id { get; }

    void OnMarketListed(IStrategyContext context, BinaryMarket market);

    /// <summary>A token's book changed.</summary>
    void OnBook(IStrategyContext context, BinaryMarket market, TokenId token);

    void OnReferencePrice(IStrategyContext context, string symbol, decimal price);

    void OnFill(IStrategyContext context, Fill fill);

    /// <summary>One of this strategy's orders changed status (accepted, rejected, cancelled…).</summary>
    void OnOrderUpdate(IStrategyContext context, Order order);

    void OnMarketResolved(IStrategyContext context, BinaryMarket market, MarketResolution resolution);

    /// <summary>Called at a fixed cadence (once per engine step).</summary>
    void OnTimer(IStrategyContext context);
}
