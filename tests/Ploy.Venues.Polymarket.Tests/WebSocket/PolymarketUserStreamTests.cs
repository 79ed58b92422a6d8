using System.Text;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.WebSocket;

namespace Ploy.Venues.Polymarket.Tests.WebSocket;

/// <summary>Recorded user-channel payloads (protocol reference §7).</summary>
public sealed class PolymarketUserStreamTests
{
    private const string ApiKey = "9180014b-33c8-9240-a14b-bdca11c0a465";

    [Fact]
    public void Parse_OrderAndTradeEvents()
    {
        const string Frame = """
            [{"event_type":"order","id":"0xff354cd7","market":"0xbd31dc8a","asset_id":"5210","side":"SELL","price":"0.57","type":"UPDATE","outcome":"No",
              "owner":"9180014b-33c8-9240-a14b-bdca11c0a465","order_owner":"9180014b-33c8-9240-a14b-bdca11c0a465","original_size":"10","size_matched":"10",
              "timestamp":"1672290687000","associate_trades":["t-1"]},
             {"event_type":"order","id":"0xaa","market":"0xbd31dc8a","asset_id":"5210","side":"BUY","price":"0.4","type":"CANCELLATION","outcome":"No",
              "owner":"9180014b-33c8-9240-a14b-bdca11c0a465","order_owner":"9180014b-33c8-9240-a14b-bdca11c0a465","original_size":"10","size_matched":"2",
              "timestamp":"1672290688000","associate_trades":[]},
             {"event_type":"trade","type":"TRADE","id":"28c4d2eb","taker_order_id":"0x06bc63e3","market":"0xbd31dc8a","asset_id":"5210","side":"BUY","size":"10",
              "fee_rate_bps":"0","price":"0.57","status":"MATCHED","last_update":"1672290701","outcome":"Yes","owner":"9180014b-33c8-9240-a14b-bdca11c0a465",
              "maker_address":"0x01","maker_orders":[{"order_id":"0xff354cd7","owner":"9180014b-33c8-9240-a14b-bdca11c0a465","maker_address":"0x01",
              "matched_amount":"10","price":"0.57","fee_rate_bps":"0","asset_id":"5210","outcome":"No","side":"SELL"}],"transaction_hash":"0xtx",
              "trader_side":"MAKER","matchtime":"1672290701","timestamp":"1672290701000","trade_owner":"9180014b-33c8-9240-a14b-bdca11c0a465"}]
            """;

        var events = PolymarketUserStream.Parse(Encoding.UTF8.GetBytes(Frame), ApiKey, TimeProvider.System);

        Assert.Equal(3, events.Count);
        var matched = Assert.IsType<VenueOrderEvent>(events[0]);
        Assert.Equal(new VenueOrderState(new VenueOrderId("0xff354cd7"), new TokenId("5210"), Side.Sell, Price.Of(0.57m), Size.Of(10m), Size.Of(10m),
            VenueOrderStatus.Matched), matched.State);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_672_290_687_000), matched.At);
        Assert.Equal(VenueOrderStatus.Cancelled, Assert.IsType<VenueOrderEvent>(events[1]).State.Status);
        var fill = Assert.IsType<VenueFillEvent>(events[2]).Fill;
        Assert.Equal(new TradeId("28c4d2eb"), fill.Trade);
        Assert.Equal(new VenueOrderId("0xff354cd7"), fill.Order);
        Assert.Equal(Side.Sell, fill.Side);
        Assert.True(fill.IsMaker);
        Assert.Equal(Size.Of(10m), fill.Quantity);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_672_290_701_000), fill.Time);
    }
}
