using Ploy.Core.Markets;
using Ploy.Core.Primitives;

namespace Ploy.Venues.Polymarket.Adapter;

/// <summary>What signing an order for a token needs: its market, current tick size and whether it is neg-risk.</summary>
public sealed record PolymarketTokenInfo(BinaryMarket Market, TickSize Tick, bool NegRisk);
