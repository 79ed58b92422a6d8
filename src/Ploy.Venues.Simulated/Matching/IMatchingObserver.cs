using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>
/// What the engine reports, synchronously, while it works: trades, resting orders that ended, and book levels
/// whose total changed. The simulated exchange turns these into venue and market-data events.
/// </summary>
public interface IMatchingObserver
{
    void OnTrade(EngineTrade trade);

    /// <summary>A resting order ended outside its own submit: fully filled as maker, cancelled, expired, or resolved away.</summary>
    void OnOrderClosed(EngineOrder order, DateTimeOffset at);

    /// <summary>A level of a token's own book has a new total (0 = gone).</summary>
    void OnLevelChanged(TokenId token, Side side, Price price, decimal total, DateTimeOffset at);
}
