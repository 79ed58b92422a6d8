namespace Ploy.Venues.Polymarket.Gamma;

/// <summary><c>GET /public-search?q=</c>: the events found (tags and profiles are not used and not read).</summary>
public sealed record PolymarketGammaSearchResult(IReadOnlyList<PolymarketGammaEvent> Events, bool HasMore);
