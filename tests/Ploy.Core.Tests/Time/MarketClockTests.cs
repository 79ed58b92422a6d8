using Ploy.Core.Time;

namespace Ploy.Core.Tests.Time;

public sealed class MarketClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_BeforeFollowing_IsTheMachineClock()
    {
        var machine = new ManualTimeProvider(Start);
        var clock = new MarketClock(machine);

        machine.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(machine.GetUtcNow(), clock.GetUtcNow());
        Assert.False(clock.IsFollowingVenue);
        Assert.Equal(1.0, clock.Speed);
    }

    [Fact]
    public void GetUtcNow_FollowingASpedUpVenue_StartsAtTheVenueTimeAndRunsAtItsSpeed()
    {
        var machine = new ManualTimeProvider(Start);
        var clock = new MarketClock(machine);
        var venueNow = Start.AddHours(3);

        clock.Follow(venueNow, 60);
        machine.Advance(TimeSpan.FromSeconds(2.5));

        Assert.Equal(venueNow.AddSeconds(150), clock.GetUtcNow());
        Assert.True(clock.IsFollowingVenue);
        Assert.Equal(60, clock.Speed);
    }

    [Fact]
    public void Timestamps_WhileFollowing_MeasureTheMachinesTime()
    {
        // Timeouts and keepalives measure elapsed time with timestamps: they must not run 60 times as fast.
        var machine = new ManualTimeProvider(Start);
        var clock = new MarketClock(machine);
        clock.Follow(Start.AddDays(1), 60);
        var started = clock.GetTimestamp();

        machine.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), clock.GetElapsedTime(started));
    }

    [Fact]
    public async Task Delays_WhileFollowing_TakeMachineTime()
    {
        var clock = new MarketClock(TimeProvider.System);
        clock.Follow(DateTimeOffset.UnixEpoch, 1000);
        var started = TimeProvider.System.GetTimestamp();

        await Task.Delay(TimeSpan.FromMilliseconds(200), clock);

        // At 1000x a venue-time timer would have fired after 0.2 ms; a machine-time one waits the whole 200 ms.
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(150));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Follow_SpeedNotAPositiveNumber_IsRefusedAndTheClockStaysTheMachines(double speed)
    {
        var machine = new ManualTimeProvider(Start);
        var clock = new MarketClock(machine);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Follow(Start.AddHours(1), speed));
        Assert.Equal(Start, clock.GetUtcNow());
        Assert.False(clock.IsFollowingVenue);
    }
}
