namespace Ploy.Core.Time;

/// <summary>
/// The venue's idea of "now", which is what market times (a round's open and close) are measured against. Until it
/// is told otherwise it is the machine's clock. Against <c>ploy venue --speed N</c> it follows the simulation: from
/// the venue's time at one instant it runs N times as fast as the machine's clock, so the strategies see rounds open
/// and close when the venue does instead of falling further behind every second.
/// Only <see cref="GetUtcNow"/> follows the venue: timestamps, delays and timers stay the machine's, so timeouts,
/// heartbeats and keepalives still measure real time.
/// </summary>
public sealed class MarketClock(TimeProvider machine) : TimeProvider
{
    private volatile Anchor? _anchor;

    /// <summary>How many venue seconds pass per machine second (1 unless following a sped-up simulation).</summary>
    public double Speed => _anchor?.Speed ?? 1.0;

    /// <summary>
    /// Venue seconds per machine second of <paramref name="clock"/>: a market clock's speed, 1 for any other clock. A span
    /// between two market times divided by it is how long it took here (a silent feed is silent in machine time).
    /// </summary>
    public static double SpeedOf(TimeProvider clock) => clock is MarketClock market ? market.Speed : 1.0;

    /// <summary>Whether <paramref name="speed"/> can be followed: a positive, finite number.</summary>
    public static bool IsValidSpeed(double speed) => speed > 0 && !double.IsInfinity(speed);

    /// <summary>Whether the clock follows a venue's time rather than the machine's.</summary>
    public bool IsFollowingVenue => _anchor is not null;

    /// <summary>From now on, reads <paramref name="venueNow"/> here and runs <paramref name="speed"/> times as fast.</summary>
    public void Follow(DateTimeOffset venueNow, double speed)
    {
        if (!IsValidSpeed(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The venue's speed must be a positive number.");
        }

        _anchor = new Anchor(machine.GetTimestamp(), venueNow, speed);
    }

    public override DateTimeOffset GetUtcNow()
    {
        var anchor = _anchor;
        if (anchor is null)
        {
            return machine.GetUtcNow();
        }

        var elapsed = machine.GetElapsedTime(anchor.Timestamp);
        return anchor.VenueNow + TimeSpan.FromTicks((long)(elapsed.Ticks * anchor.Speed));
    }

    public override long TimestampFrequency => machine.TimestampFrequency;

    public override long GetTimestamp() => machine.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => machine.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        machine.CreateTimer(callback, state, dueTime, period);

    private sealed record Anchor(long Timestamp, DateTimeOffset VenueNow, double Speed);
}
