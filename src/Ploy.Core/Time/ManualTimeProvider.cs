namespace Ploy.Core.Time;

/// <summary>
/// A clock that moves only when told. Paper sessions run on it so that a seed gives the same session however
/// fast the machine is; tests use it as their fake clock. Timers are not supported: drive time explicitly.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>
    /// Ticks of the manual clock, so <see cref="TimeProvider.GetElapsedTime(long)"/> measures manual time; the
    /// base class would read the real <see cref="System.Diagnostics.Stopwatch"/>.
    /// </summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), "Time only moves forward.");
        }

        _now += delta;
    }

    public void SetUtcNow(DateTimeOffset now)
    {
        if (now < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(now), "Time only moves forward.");
        }

        _now = now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("ManualTimeProvider drives time explicitly; it has no timers.");
}
