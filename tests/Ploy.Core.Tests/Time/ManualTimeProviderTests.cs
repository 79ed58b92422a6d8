using Ploy.Core.Time;
using Ploy.Testing;

namespace Ploy.Core.Tests.Time;

public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset T0 = TestTime.Start;

    [Fact]
    public void GetUtcNow_New_IsTheStartAndDoesNotMoveByItself()
    {
        var clock = new ManualTimeProvider(T0);

        Assert.Equal(T0, clock.GetUtcNow());
        Assert.Equal(T0, clock.GetUtcNow());
    }

    [Fact]
    public void Advance_PositiveOrZero_MovesForwardByThatMuch()
    {
        var clock = new ManualTimeProvider(T0);

        clock.Advance(TimeSpan.FromSeconds(90));
        clock.Advance(TimeSpan.Zero);

        Assert.Equal(T0.AddSeconds(90), clock.GetUtcNow());
    }

    [Fact]
    public void Advance_Negative_ThrowsAndKeepsTime()
    {
        var clock = new ManualTimeProvider(T0);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        Assert.Equal(T0, clock.GetUtcNow());
    }

    [Fact]
    public void SetUtcNow_ForwardOrSame_Accepted()
    {
        var clock = new ManualTimeProvider(T0);

        clock.SetUtcNow(T0.AddHours(1));
        clock.SetUtcNow(T0.AddHours(1));

        Assert.Equal(T0.AddHours(1), clock.GetUtcNow());
    }

    [Fact]
    public void SetUtcNow_Backward_ThrowsAndKeepsTime()
    {
        var clock = new ManualTimeProvider(T0);
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(T0.AddSeconds(59)));
        Assert.Equal(T0.AddMinutes(1), clock.GetUtcNow());
    }

    [Fact]
    public void GetElapsedTime_AfterAdvance_MeasuresManualTimeNotWallTime()
    {
        var clock = new ManualTimeProvider(T0);
        var start = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromSeconds(42));

        Assert.Equal(TimeSpan.FromSeconds(42), clock.GetElapsedTime(start));
        Assert.Equal(TimeSpan.Zero, clock.GetElapsedTime(clock.GetTimestamp()));
    }

    [Fact]
    public void CreateTimer_Any_NotSupported()
    {
        var clock = new ManualTimeProvider(T0);

        Assert.Throws<NotSupportedException>(() => clock.CreateTimer(_ => { }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }
}
