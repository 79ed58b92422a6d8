namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>
/// Reconnect waits of the venue's sockets (market, user, RTDS): doubling from <c>min</c> up to <c>max</c>, each with
/// ±20 % jitter so many clients that lost the venue together do not come back in step; reset once a connection works.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan min, TimeSpan max)
{
    private TimeSpan _delay;

    /// <summary>A connection worked: the next loss waits the minimum again.</summary>
    public void Reset() => _delay = TimeSpan.Zero;

    /// <summary>The wait before the next attempt; the one after waits twice as long (at most <c>max</c>).</summary>
    public TimeSpan Next()
    {
        if (_delay == TimeSpan.Zero)
        {
            _delay = min;
        }

        var jittered = TimeSpan.FromTicks((long)(_delay.Ticks * (0.8 + (Random.Shared.NextDouble() * 0.4))));
        _delay = TimeSpan.FromTicks(Math.Min(max.Ticks, _delay.Ticks * 2));
        return jittered;
    }
}
