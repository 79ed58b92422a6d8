using Ploy.Hosting.Metrics;

namespace Ploy.Hosting.Tests.Metrics;

internal sealed class FakeTradingState : ITradingStateSource
{
    public TradingStateSnapshot Snapshot { get; set; } = new(
        TimeSpan.FromSeconds(1.5), 3, 1, 2, 0, 7, KillSwitchEngaged: true, OpenOrders: 4, ExposureUsd: 125.50m, DailyPnlUsd: -3.25m,
        new Dictionary<string, long> { ["succeeded"] = 5, ["rolled_back"] = 1 });

    public int Calls { get; private set; }

    public bool Throw { get; set; }

    public TradingStateSnapshot GetSnapshot()
    {
        Calls++;
        return Throw ? throw new InvalidOperationException("engine stopped") : Snapshot;
    }
}
