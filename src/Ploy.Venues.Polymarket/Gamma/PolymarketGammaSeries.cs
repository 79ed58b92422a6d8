namespace Ploy.Venues.Polymarket.Gamma;

/// <summary>A Gamma series: recurring events such as the crypto "up or down" rounds (protocol reference §8).</summary>
public sealed record PolymarketGammaSeries
{
    public string? Id { get; init; }

    public string? Ticker { get; init; }

    public string? Slug { get; init; }

    public string? Title { get; init; }

    /// <summary>e.g. "5m", "15m", "hourly", "daily".</summary>
    public string? Recurrence { get; init; }

    public bool? Active { get; init; }

    public bool? Closed { get; init; }

    public IReadOnlyList<PolymarketGammaEvent> Events { get; init; } = [];
}
