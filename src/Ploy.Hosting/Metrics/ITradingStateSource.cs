namespace Ploy.Hosting.Metrics;

/// <summary>
/// Implemented by the composition root over the engine (gateway, books, reconciler, kill switch, deployments log).
/// Called once per scrape; must be cheap and must not block (read the components' latest values).
/// </summary>
public interface ITradingStateSource
{
    TradingStateSnapshot GetSnapshot();
}
