namespace Ploy.Venues.Polymarket.Orders;

/// <summary>One level of a REST <c>/book</c> answer, as decimal strings parsed exactly.</summary>
public readonly record struct PolymarketBookLevel(decimal Price, decimal Size);
