namespace Ploy.Venues.Polymarket.Gamma;

/// <summary>
/// The current and next rounds of a recurring series at a time: the current round's window contains the time; the next
/// is the earliest round starting at or after the current round's end (or after the time, when no round is current).
/// </summary>
public sealed record PolymarketGammaRounds(PolymarketGammaEvent? Current, PolymarketGammaEvent? Next)
{
    public static PolymarketGammaRounds Select(IEnumerable<PolymarketGammaEvent> events, DateTimeOffset now)
    {
        var windows = events
            .Where(e => e.Closed != true && e.WindowStart is not null && e.WindowEnd is { } end && end > e.WindowStart)
            .OrderBy(e => e.WindowStart)
            .ToList();
        var current = windows.LastOrDefault(e => e.WindowStart <= now && now < e.WindowEnd);
        var after = current?.WindowEnd ?? now;
        var next = windows.FirstOrDefault(e => e.WindowStart >= after && !ReferenceEquals(e, current));
        return new PolymarketGammaRounds(current, next);
    }
}
