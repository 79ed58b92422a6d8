using Ploy.Venues.Simulated.Synthetic;

namespace Ploy.Venues.Simulated.Tests;

public sealed class FairValueTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.96, 0.9750021)]
    [InlineData(-1.0, 0.1586553)]
    [InlineData(3.0, 0.9986501)]
    public void NormalCdf_KnownPoints_MatchesTables(double x, double expected) =>
        Assert.Equal(expected, FairValue.NormalCdf(x), 6);

    [Fact]
    public void ProbabilityUp_AboveStart_AboveHalfAndSharperAsTimeRunsOut()
    {
        var early = FairValue.ProbabilityUp(100_100m, 100_000m, 0.8, TimeSpan.FromMinutes(14));
        var late = FairValue.ProbabilityUp(100_100m, 100_000m, 0.8, TimeSpan.FromMinutes(1));

        Assert.InRange(early, 0.5, 1.0);
        Assert.True(late > early);
        Assert.Equal(0.5, FairValue.ProbabilityUp(100_000m, 100_000m, 0.8, TimeSpan.FromMinutes(5)), 6);
    }

    [Fact]
    public void ProbabilityUp_AtTheEnd_IsTheOutcome()
    {
        Assert.Equal(1.0, FairValue.ProbabilityUp(100_000.01m, 100_000m, 0.8, TimeSpan.Zero));
        Assert.Equal(0.0, FairValue.ProbabilityUp(100_000m, 100_000m, 0.8, TimeSpan.Zero));
    }
}
