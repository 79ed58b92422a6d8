using Ploy.Venues.Polymarket.WebSocket;

namespace Ploy.Venues.Polymarket.Tests.WebSocket;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Waits_DoubleWithinJitter_CapAtMax_AndResetToMin()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        var waits = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds).ToList();
        backoff.Reset();
        var afterReset = backoff.Next().TotalSeconds;

        double[] bases = [1, 2, 4, 5, 5, 5];
        for (var i = 0; i < bases.Length; i++)
        {
            Assert.InRange(waits[i], bases[i] * 0.8, bases[i] * 1.2);
        }

        Assert.InRange(afterReset, 0.8, 1.2);
    }
}
