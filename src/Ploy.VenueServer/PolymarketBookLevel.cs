namespace Ploy.VenueServer;

/// <summary>One level of a served book: decimal strings.</summary>
public sealed record PolymarketBookLevel(string Price, string Size);
