using Ploy.Core.Markets;

namespace Ploy.Venues.Polymarket.Adapter;

/// <summary>What one refresh of the market list found: markets newly open for trading, and markets newly resolved.</summary>
public sealed record PolymarketCatalogChanges(IReadOnlyList<BinaryMarket> Listed, IReadOnlyList<MarketResolution> Resolved);
