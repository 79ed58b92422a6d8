namespace Ploy.Venues.Polymarket.Gamma;

/// <summary>
/// <c>eventMetadata</c> of crypto up/down events: the round's "price to beat" (the reference price at the window's
/// start) and, once decided, the final price. Venue quirk: not in Polymarket's documented models; seen on
/// <c>GET /events?slug=bitcoin-up-or-down-…</c> as <c>{"finalPrice":67178,"priceToBeat":64058.03}</c>
/// (Polymarket/py-sdk#106), and filled some seconds after the window opens.
/// </summary>
public sealed record PolymarketGammaEventMetadata(decimal? PriceToBeat, decimal? FinalPrice);
