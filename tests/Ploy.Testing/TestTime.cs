using Ploy.Core.Time;

namespace Ploy.Testing;

/// <summary>One fixed instant every test starts from, and fake clocks that begin there.</summary>
public static class TestTime
{
    /// <summary>A fixed UTC instant (a Monday, so weekday-sensitive code sees a trading day).</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A manual clock at <see cref="Start"/> (or <paramref name="start"/>).</summary>
    public static ManualTimeProvider NewClock(DateTimeOffset? start = null) => new(start ?? Start);
}
