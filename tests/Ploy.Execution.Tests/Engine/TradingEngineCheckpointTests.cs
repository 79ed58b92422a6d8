using Ploy.Execution.Engine;

namespace Ploy.Execution.Tests.Engine;

public sealed class TradingEngineCheckpointTests
{
    [Fact]
    public async Task Checkpoints_AgainstASpedUpVenue_AreEveryCheckpointIntervalOfMachineTime()
    {
        // How much a crash can lose is a span of this machine's time, however fast the venue's clock runs.
        await using var h = new GatewayHarness();
        var market = h.SpedUpVenueClock(60);
        var engine = new TradingEngine(h.Gateway, h.Markets, [], market,
            new EngineOptions { CheckpointInterval = TimeSpan.FromSeconds(10), MaxBookAge = TimeSpan.FromHours(1) });
        var before = h.Journal.Portfolio;

        h.Clock.Advance(TimeSpan.FromSeconds(2)); // two minutes of the venue's time
        await engine.OnTimerAsync(CancellationToken.None);
        Assert.Same(before, h.Journal.Portfolio);

        h.Clock.Advance(TimeSpan.FromSeconds(9));
        await engine.OnTimerAsync(CancellationToken.None);
        Assert.NotSame(before, h.Journal.Portfolio);
    }
}
