namespace Ploy.Venues.Polymarket.Parsing;

/// <summary>The market channel's <c>event_type</c>s (protocol reference §7).</summary>
internal enum PolymarketMarketMessageKind
{
    Unknown,
    Book,
    PriceChange,
    TickSizeChange,
    LastTradePrice,
    BestBidAsk,
    NewMarket,
    MarketResolved,
}
