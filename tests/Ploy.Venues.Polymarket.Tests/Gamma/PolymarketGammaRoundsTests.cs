using Ploy.Venues.Polymarket.Gamma;

namespace Ploy.Venues.Polymarket.Tests.Gamma;

public sealed class PolymarketGammaRoundsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private static PolymarketGammaEvent Round(int index, bool closed = false) => new()
    {
        Slug = $"btc-updown-15m-{index}",
        StartDate = T0.AddDays(-1), // creation date: must not be taken for the window
        StartTime = T0.AddMinutes(15 * index),
        EndDate = T0.AddMinutes(15 * (index + 1)),
        Closed = closed,
    };

    [Fact]
    public void Select_InsideAWindow_ReturnsThatRoundAndTheOneAfter()
    {
        var rounds = PolymarketGammaRounds.Select([Round(2), Round(0, closed: true), Round(1), Round(3)], T0.AddMinutes(20));

        Assert.Equal("btc-updown-15m-1", rounds.Current?.Slug);
        Assert.Equal("btc-updown-15m-2", rounds.Next?.Slug);
    }

    [Fact]
    public void Select_BetweenRounds_HasNoCurrentAndTheEarliestUpcomingNext()
    {
        var rounds = PolymarketGammaRounds.Select([Round(4), Round(3)], T0.AddMinutes(20));

        Assert.Null(rounds.Current);
        Assert.Equal("btc-updown-15m-3", rounds.Next?.Slug);
    }

    [Fact]
    public void Select_ClosedOrUndatedRounds_AreNeverCurrent()
    {
        var undated = new PolymarketGammaEvent { Slug = "undated" };

        var rounds = PolymarketGammaRounds.Select([Round(1, closed: true), undated], T0.AddMinutes(20));

        Assert.Null(rounds.Current);
        Assert.Null(rounds.Next);
    }

    [Fact]
    public void Select_AtTheBoundary_TheNewRoundIsCurrent()
    {
        var rounds = PolymarketGammaRounds.Select([Round(1), Round(2)], T0.AddMinutes(30));

        Assert.Equal("btc-updown-15m-2", rounds.Current?.Slug);
        Assert.Null(rounds.Next);
    }
}
