namespace Ploy.Venues.Polymarket.Gamma;

/// <summary>A Gamma event (protocol reference §8): one or more markets, and the series it recurs in. Every field is optional.</summary>
public sealed record PolymarketGammaEvent
{
    public string? Id { get; init; }

    public string? Ticker { get; init; }

    public string? Slug { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>When the event was opened on Polymarket (for recurring rounds, usually before the round's window).</summary>
    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    /// <summary>For recurring rounds, when the round's window starts.</summary>
    public DateTimeOffset? StartTime { get; init; }

    public bool? Active { get; init; }

    public bool? Closed { get; init; }

    public bool? Archived { get; init; }

    public bool? NegRisk { get; init; }

    public string? NegRiskMarketId { get; init; }

    public PolymarketGammaEventMetadata? Metadata { get; init; }

    public IReadOnlyList<PolymarketGammaMarket> Markets { get; init; } = [];

    /// <summary>The series the event belongs to (their own <c>events</c> are not nested again).</summary>
    public IReadOnlyList<PolymarketGammaSeries> Series { get; init; } = [];

    /// <summary>When the round's window starts: <c>startTime</c>, else the first market's <c>eventStartTime</c>, else <c>startDate</c>.</summary>
    public DateTimeOffset? WindowStart =>
        StartTime ?? Markets.Select(m => m.EventStartTime).FirstOrDefault(t => t is not null) ?? StartDate;

    /// <summary>When the round's window ends: <c>endDate</c>, else the first market's.</summary>
    public DateTimeOffset? WindowEnd => EndDate ?? Markets.Select(m => m.EndDate).FirstOrDefault(t => t is not null);
}
