namespace Ploy.VenueServer;

/// <summary>
/// Simulated time: starts at the wall clock's "now" and runs <c>speed</c> times as fast. Derived on every read from
/// the wall <see cref="TimeProvider"/>, so a fake wall clock in tests drives the simulation too.
/// </summary>
internal sealed class SimulationClock : TimeProvider
{
    private readonly TimeProvider _wall;
    private readonly DateTimeOffset _origin;
    private readonly double _speed;

    public SimulationClock(TimeProvider wall, double speed)
    {
        _wall = wall;
        _speed = speed;
        _origin = wall.GetUtcNow();
    }

    public override DateTimeOffset GetUtcNow()
    {
        var elapsed = _wall.GetUtcNow() - _origin;
        return _origin + TimeSpan.FromTicks((long)(elapsed.Ticks * _speed));
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;
}
