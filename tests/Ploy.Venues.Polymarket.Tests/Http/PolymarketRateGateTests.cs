using Ploy.Testing;
using Ploy.Venues.Polymarket.Http;

namespace Ploy.Venues.Polymarket.Tests.Http;

public sealed class PolymarketRateGateTests
{
    [Fact]
    public async Task Acquire_BeyondTheQuota_WaitsForRefill_OrRefusesWhenTheWaitIsTooLong()
    {
        var clock = TestTime.NewClock();
        // 200 per 10 s scaled by 0.01 → 2 tokens, refilling at 0.2 per second.
        var gate = new PolymarketRateGate(clock, quotaScale: 0.01, maxWait: TimeSpan.FromSeconds(1));

        Assert.True(await gate.AcquireAsync(PolymarketEndpoint.TickSize, CancellationToken.None));
        Assert.True(await gate.AcquireAsync(PolymarketEndpoint.TickSize, CancellationToken.None));
        Assert.False(await gate.AcquireAsync(PolymarketEndpoint.TickSize, CancellationToken.None));
        Assert.True(await gate.AcquireAsync(PolymarketEndpoint.Book, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await gate.AcquireAsync(PolymarketEndpoint.TickSize, CancellationToken.None));
    }

    [Fact]
    public void Quotas_AreThePublishedOnes()
    {
        Assert.Equal((3_500, TimeSpan.FromSeconds(10)), PolymarketRateGate.Quota(PolymarketEndpoint.PostOrder));
        Assert.Equal((1_000, TimeSpan.FromSeconds(10)), PolymarketRateGate.Quota(PolymarketEndpoint.PostOrders));
        Assert.Equal((3_000, TimeSpan.FromSeconds(10)), PolymarketRateGate.Quota(PolymarketEndpoint.CancelOrder));
        Assert.Equal((200, TimeSpan.FromSeconds(10)), PolymarketRateGate.Quota(PolymarketEndpoint.BalanceAllowance));
        Assert.Equal((9_000, TimeSpan.FromSeconds(10)), PolymarketRateGate.Quota(PolymarketEndpoint.General));
    }
}
