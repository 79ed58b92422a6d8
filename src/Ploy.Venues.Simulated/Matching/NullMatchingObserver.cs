using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>Ignores everything (benchmarks, engine-only tests).</summary>
public sealed class NullMatchingObserver : IMatchingObserver
{
    public static readonly NullMatchingObserver Instance = new();

    public void OnTrade(EngineTrade trade)
    {
    }

    public void OnOrderClosed(EngineOrder order, DateTimeOffset at)
    {
    }

    public void OnLevelChanged(TokenId token, Side side, Price price, decimal total, DateTimeOffset at)
    {
    }
}
