using Ploy.Core.Primitives;

namespace Ploy.Venues.Polymarket.Parsing;

/// <summary>
/// One market-channel message, parsed in place by <see cref="PolymarketMarketMessageReader"/>. The instance is reused
/// for every message of a connection: read it inside the callback, never keep it.
/// </summary>
internal sealed class PolymarketMarketMessage
{
    public PolymarketMarketMessageKind Kind { get; internal set; }

    /// <summary>The message's asset (book, tick_size_change, last_trade_price, best_bid_ask).</summary>
    public TokenId Token { get; internal set; }

    /// <summary>The condition id; read only on <c>book</c> messages (the rest do not need it).</summary>
    public string? Market { get; internal set; }

    /// <summary>Unix milliseconds, 0 when absent.</summary>
    public long TimestampMs { get; internal set; }

    public List<(decimal Price, decimal Size)> Bids { get; } = [];

    public List<(decimal Price, decimal Size)> Asks { get; } = [];

    public List<PolymarketLevelChange> Changes { get; } = [];

    public decimal? MinOrderSize { get; internal set; }

    public decimal? TickSize { get; internal set; }

    public bool? NegRisk { get; internal set; }

    /// <summary>The book's <c>last_trade_price</c>: null when absent, 0 when "" (no trade yet).</summary>
    public decimal? LastTradePrice { get; internal set; }

    public bool HasLastTradePriceField { get; internal set; }

    public decimal OldTickSize { get; internal set; }

    public decimal NewTickSize { get; internal set; }

    /// <summary>last_trade_price: price, size and taker side.</summary>
    public decimal Price { get; internal set; }

    public decimal Size { get; internal set; }

    public Side Side { get; internal set; }

    public decimal BestBid { get; internal set; }

    public decimal BestAsk { get; internal set; }

    public PolymarketHashText Hash;

    internal void Reset()
    {
        Kind = PolymarketMarketMessageKind.Unknown;
        Token = default;
        Market = null;
        TimestampMs = 0;
        Bids.Clear();
        Asks.Clear();
        Changes.Clear();
        MinOrderSize = null;
        TickSize = null;
        NegRisk = null;
        LastTradePrice = null;
        HasLastTradePriceField = false;
        OldTickSize = NewTickSize = Price = Size = BestBid = BestAsk = 0m;
        Side = Side.Buy;
        Hash.Clear();
    }
}
