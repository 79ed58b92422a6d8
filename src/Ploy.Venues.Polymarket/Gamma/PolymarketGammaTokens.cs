namespace Ploy.Venues.Polymarket.Gamma;

/// <summary>The two token ids of a binary Gamma market, with the outcome label each pays on.</summary>
public sealed record PolymarketGammaTokens(string Yes, string No, string YesOutcome, string NoOutcome);
