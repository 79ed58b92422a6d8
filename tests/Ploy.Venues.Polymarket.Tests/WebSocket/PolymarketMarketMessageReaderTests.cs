using System.Text;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Parsing;

namespace Ploy.Venues.Polymarket.Tests.WebSocket;

/// <summary>Recorded market-channel payloads (protocol reference §7, price_change schema since 2025-09-15).</summary>
public sealed class PolymarketMarketMessageReaderTests
{
    private static readonly TokenId Yes = new("71321045679252212594626385532706912750332728571942532289631379312455583992563");

    private readonly PolymarketMarketMessageReader _reader = new(chars => chars.SequenceEqual(Yes.Value) ? Yes : null);

    [Fact]
    public void Book_EveryFieldRead()
    {
        var frame = $$"""
            {"event_type":"book","asset_id":"{{Yes}}","market":"0xbd31dc8a","timestamp":"1757908892351",
             "bids":[{"price":".48","size":"30"},{"price":"0.49","size":"20"}],"asks":[{"price":"0.52","size":"25"}],
             "min_order_size":"5","tick_size":"0.01","neg_risk":false,"last_trade_price":"","hash":"0c3c5a0f3e9d2b8a7f6e5d4c3b2a19087f6e5d4c"}
            """;
        var messages = Read(frame);

        var book = Assert.Single(messages);
        Assert.Equal(PolymarketMarketMessageKind.Book, book.Kind);
        Assert.Equal(Yes, book.Token);
        Assert.Equal("0xbd31dc8a", book.Market);
        Assert.Equal(1_757_908_892_351, book.TimestampMs);
        Assert.Equal([(0.48m, 30m), (0.49m, 20m)], book.Bids);
        Assert.Equal([(0.52m, 25m)], book.Asks);
        Assert.Equal(5m, book.MinOrderSize);
        Assert.Equal(0.01m, book.TickSize);
        Assert.False(book.NegRisk);
        Assert.True(book.HasLastTradePriceField);
        Assert.Equal("0c3c5a0f3e9d2b8a7f6e5d4c3b2a19087f6e5d4c", book.Hash);
    }

    [Fact]
    public void PriceChange_CurrentSchema_OneEntryPerAsset()
    {
        var frame = $$"""
            {"market":"0x5f65177b","price_changes":[
              {"asset_id":"{{Yes}}","price":"0.5","size":"200","side":"BUY","hash":"56621a121a47ed9333273e21c83b660cff37ae50","best_bid":"0.5","best_ask":"1"},
              {"asset_id":"52114319501245915516055106046884209969926127482827954674443846427813813222426","price":"0.5","size":"0","side":"SELL","hash":"1895759e4df7a796bf4f1c5a5950b748306923e2","best_bid":"0","best_ask":"0.5"}],
             "timestamp":"1757908892351","event_type":"price_change"}
            """;

        var message = Assert.Single(Read(frame));

        Assert.Equal(PolymarketMarketMessageKind.PriceChange, message.Kind);
        Assert.Equal(1_757_908_892_351, message.TimestampMs);
        Assert.Equal(2, message.Changes.Count);
        Assert.Equal(Yes, message.Changes[0].Token);
        Assert.Equal(Side.Buy, message.Changes[0].Side);
        Assert.Equal(0.5m, message.Changes[0].Price);
        Assert.Equal(200m, message.Changes[0].Size);
        Assert.Equal("56621a121a47ed9333273e21c83b660cff37ae50", message.Changes[0].Hash.ToString());
        Assert.Equal("52114319501245915516055106046884209969926127482827954674443846427813813222426", message.Changes[1].Token.Value);
        Assert.Equal(Side.Sell, message.Changes[1].Side);
        Assert.Equal(0m, message.Changes[1].Size);
    }

    [Fact]
    public void ArrayFrame_TickSizeChange_AndLastTradePrice()
    {
        var frame = $$"""
            [{"event_type":"tick_size_change","asset_id":"{{Yes}}","market":"0xcond","old_tick_size":"0.01","new_tick_size":"0.001","timestamp":"100000"},
             {"event_type":"last_trade_price","asset_id":"{{Yes}}","market":"0xcond","price":"0.456","side":"SELL","size":"219.217767","fee_rate_bps":"0","timestamp":"100001"}]
            """;

        var messages = Read(frame);

        Assert.Equal(2, messages.Count);
        Assert.Equal(PolymarketMarketMessageKind.TickSizeChange, messages[0].Kind);
        Assert.Equal(0.01m, messages[0].OldTickSize);
        Assert.Equal(0.001m, messages[0].NewTickSize);
        Assert.Equal(PolymarketMarketMessageKind.LastTradePrice, messages[1].Kind);
        Assert.Equal(0.456m, messages[1].Price);
        Assert.Equal(219.217767m, messages[1].Size);
        Assert.Equal(Side.Sell, messages[1].Side);
        Assert.Equal(100_001, messages[1].TimestampMs);
    }

    [Fact]
    public void LegacyPriceChange_TopLevelAssetAndHash_AppliedToEveryChange()
    {
        var frame = $$"""{"event_type":"price_change","asset_id":"{{Yes}}","market":"0xc","changes":[{"price":"0.4","side":"BUY","size":"3"}],"hash":"ab","timestamp":"1"}""";

        var change = Assert.Single(Assert.Single(Read(frame)).Changes);

        Assert.Equal(Yes, change.Token);
        Assert.Equal("ab", change.Hash.ToString());
    }

    [Fact]
    public void Malformed_Throws()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Read("{\"event_type\":\"book\",\"bids\":[{\"price\":"));
        Assert.Throws<FormatException>(() => Read("{\"event_type\":\"last_trade_price\",\"side\":\"UP\"}"));
    }

    [Fact]
    public void Book_MarketFirst_EachSnapshotKeepsItsOwnConditionId()
    {
        // The reader reuses the previous condition-id string when the bytes match; a different market must not inherit it.
        var first = Assert.Single(Read($$"""{"market":"0xaaaa","event_type":"book","asset_id":"{{Yes}}","bids":[],"asks":[]}"""));
        var again = Assert.Single(Read($$"""{"market":"0xaaaa","event_type":"book","asset_id":"{{Yes}}","bids":[],"asks":[]}"""));
        var other = Assert.Single(Read($$"""{"market":"0xbbbb","event_type":"book","asset_id":"{{Yes}}","bids":[],"asks":[]}"""));
        var none = Assert.Single(Read($$"""{"event_type":"book","asset_id":"{{Yes}}","bids":[],"asks":[]}"""));

        Assert.Equal("0xaaaa", first.Market);
        Assert.Equal("0xaaaa", again.Market);
        Assert.Equal("0xbbbb", other.Market);
        Assert.Null(none.Market);
    }

    private List<(PolymarketMarketMessageKind Kind, TokenId Token, string? Market, long TimestampMs, List<(decimal, decimal)> Bids, List<(decimal, decimal)> Asks,
        decimal? MinOrderSize, decimal? TickSize, bool? NegRisk, bool HasLastTradePriceField, string Hash, List<PolymarketLevelChange> Changes,
        decimal OldTickSize, decimal NewTickSize, decimal Price, decimal Size, Side Side)> Read(string frame)
    {
        var result = new List<(PolymarketMarketMessageKind, TokenId, string?, long, List<(decimal, decimal)>, List<(decimal, decimal)>, decimal?, decimal?, bool?, bool, string,
            List<PolymarketLevelChange>, decimal, decimal, decimal, decimal, Side)>();
        _reader.Read(Encoding.UTF8.GetBytes(frame), m => result.Add((m.Kind, m.Token, m.Market, m.TimestampMs, [.. m.Bids], [.. m.Asks], m.MinOrderSize, m.TickSize,
            m.NegRisk, m.HasLastTradePriceField, m.Hash.ToString(), [.. m.Changes], m.OldTickSize, m.NewTickSize, m.Price, m.Size, m.Side)));
        return result;
    }
}
