using System.Text.Json;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Adapter;
using Ploy.Venues.Polymarket.Models;
using Ploy.Venues.Polymarket.Parsing;

namespace Ploy.Venues.Polymarket.Tests.Parsing;

/// <summary>Recorded REST payloads (shapes from protocol reference §2.1, §2.3, §10.6) and every field mapped.</summary>
public sealed class PolymarketParseTests
{
    private const string ApiKey = "4c5a8bb4-0f6e-4b5e-9a71-1f1b2c3d4e5f";

    private const string OpenOrdersPage = """
        {"limit":500,"count":1,"next_cursor":"LTE=","data":[{"id":"0xa1b2","status":"LIVE","owner":"4c5a8bb4-0f6e-4b5e-9a71-1f1b2c3d4e5f",
        "maker_address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","market":"0xcond","asset_id":"7160","side":"BUY","original_size":"10",
        "size_matched":"2.5","price":"0.45","associate_trades":["t-1"],"outcome":"Yes","created_at":1767614400,"expiration":"0","order_type":"GTC"}]}
        """;

    private const string TradesPage = """
        {"limit":500,"count":2,"next_cursor":"LTE=","data":[
        {"id":"t-taker","taker_order_id":"0xtaker","market":"0xcond","asset_id":"7160","side":"BUY","size":"10","fee_rate_bps":"100","price":"0.4",
         "status":"CONFIRMED","match_time":"1767614400","last_update":"1767614401","outcome":"Yes","bucket_index":0,"owner":"4c5a8bb4-0f6e-4b5e-9a71-1f1b2c3d4e5f",
         "maker_address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","maker_orders":[{"order_id":"0xother","owner":"someone","maker_address":"0x01",
         "matched_amount":"10","price":"0.4","fee_rate_bps":"0","asset_id":"7160","outcome":"Yes","side":"SELL"}],"transaction_hash":"0xtx","trader_side":"TAKER"},
        {"id":"t-maker","taker_order_id":"0xsomeoneelse","market":"0xcond","asset_id":"7160","side":"BUY","size":"7","fee_rate_bps":"0","price":"0.55",
         "status":"MINED","match_time":"1767614460","last_update":"1767614460","outcome":"Yes","bucket_index":0,"owner":"4c5a8bb4-0f6e-4b5e-9a71-1f1b2c3d4e5f",
         "maker_address":"0x01","maker_orders":[
           {"order_id":"0xmine1","owner":"4c5a8bb4-0f6e-4b5e-9a71-1f1b2c3d4e5f","maker_address":"0x01","matched_amount":"3","price":"0.45","fee_rate_bps":"0","asset_id":"7161","outcome":"No","side":"BUY"},
           {"order_id":"0xmine2","owner":"4c5a8bb4-0f6e-4b5e-9a71-1f1b2c3d4e5f","maker_address":"0x01","matched_amount":"4","price":"0.45","fee_rate_bps":"0","asset_id":"7161","outcome":"No","side":"BUY"},
           {"order_id":"0xtheirs","owner":"other-key","maker_address":"0x02","matched_amount":"2","price":"0.45","fee_rate_bps":"0","asset_id":"7161","outcome":"No","side":"BUY"}],
         "transaction_hash":"0xtx2","trader_side":"MAKER"}]}
        """;

    [Fact]
    public void OpenOrder_EveryFieldMapped()
    {
        var page = JsonSerializer.Deserialize(OpenOrdersPage, PolymarketJsonContext.Default.PolymarketPagePolymarketOpenOrder)!;
        var order = Assert.Single(page.Data!);

        Assert.True(page.IsLast);
        Assert.Equal(500, page.Limit);
        Assert.Equal("0xa1b2", order.Id);
        Assert.Equal(ApiKey, order.Owner);
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", order.MakerAddress);
        Assert.Equal("0xcond", order.Market);
        Assert.Equal(["t-1"], order.AssociateTrades!);
        Assert.Equal("Yes", order.Outcome);
        Assert.Equal(1_767_614_400, order.CreatedAt);
        Assert.Equal("0", order.Expiration);
        Assert.Equal("GTC", order.OrderType);
        var state = PolymarketParse.OrderState(order);
        Assert.Equal(new VenueOrderState(new VenueOrderId("0xa1b2"), new TokenId("7160"), Side.Buy, Price.Of(0.45m), Size.Of(10m), Size.Of(2.5m), VenueOrderStatus.Live), state);
    }

    [Theory]
    [InlineData("LIVE", VenueOrderStatus.Live)]
    [InlineData("ORDER_STATUS_LIVE", VenueOrderStatus.Live)]
    [InlineData("MATCHED", VenueOrderStatus.Matched)]
    [InlineData("CANCELED", VenueOrderStatus.Cancelled)]
    [InlineData("ORDER_STATUS_CANCELED_MARKET_RESOLVED", VenueOrderStatus.Cancelled)]
    [InlineData("delayed", VenueOrderStatus.Delayed)]
    public void OrderStatus_VenueSpellings(string status, VenueOrderStatus expected) =>
        Assert.Equal(expected, PolymarketParse.OrderStatus(status, Size.Of(5m), Size.Zero));

    [Fact]
    public void Trades_TakerAndMaker_BecomeOurFills()
    {
        var page = JsonSerializer.Deserialize(TradesPage, PolymarketJsonContext.Default.PolymarketPagePolymarketTrade)!;
        var fills = page.Data!.SelectMany(t => PolymarketParse.Fills(t, ApiKey, TimeProvider.System)).ToList();

        Assert.Equal(3, fills.Count);
        var taker = fills[0];
        Assert.Equal(new TradeId("t-taker"), taker.Trade);
        Assert.Equal(new VenueOrderId("0xtaker"), taker.Order);
        Assert.Equal(Side.Buy, taker.Side);
        Assert.Equal(Price.Of(0.4m), taker.Price);
        Assert.Equal(Size.Of(10m), taker.Quantity);
        Assert.False(taker.IsMaker);
        Assert.Equal(SettlementStatus.Confirmed, taker.Settlement);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_767_614_400), taker.Time);
        // 10 × 0.01 × 0.4 × 0.6
        Assert.Equal(0.024m, taker.Fee);

        Assert.Equal(new TradeId("t-maker:0xmine1"), fills[1].Trade);
        Assert.Equal(new VenueOrderId("0xmine1"), fills[1].Order);
        Assert.Equal(new TokenId("7161"), fills[1].Token);
        Assert.Equal(Size.Of(3m), fills[1].Quantity);
        Assert.Equal(Price.Of(0.45m), fills[1].Price);
        Assert.True(fills[1].IsMaker);
        Assert.Equal(0m, fills[1].Fee);
        Assert.Equal(SettlementStatus.Mined, fills[1].Settlement);
        Assert.Equal(new TradeId("t-maker:0xmine2"), fills[2].Trade);
        Assert.Equal(Size.Of(4m), fills[2].Quantity);

        var first = page.Data![0];
        Assert.Equal("0xtx", first.TransactionHash);
        Assert.Equal("1767614401", first.LastUpdate);
        Assert.Equal("0xother", first.MakerOrders![0].OrderId);
        Assert.Equal("SELL", first.MakerOrders[0].Side);
    }

    [Fact]
    public void PostOrderResponse_Matched_MapsToAcceptedWithTheMatchedShares()
    {
        const string Body = """{"success":true,"errorMsg":"","orderID":"0xhash","transactionsHashes":["0xtx"],"tradeIDs":["t-9"],"status":"matched","takingAmount":"10","makingAmount":"4.5"}""";
        var response = JsonSerializer.Deserialize(Body, PolymarketJsonContext.Default.PolymarketOrderResponse)!;
        var prepared = Prepared(OrderType.Gtc);

        var result = PolymarketVenue.ToSubmitResult(prepared, VenueResult<PolymarketOrderResponse>.Ok(response));

        Assert.Equal(["0xtx"], response.TransactionsHashes!);
        Assert.Equal(["t-9"], response.TradeIds!);
        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
        Assert.Equal(VenueOrderStatus.Matched, result.State!.Status);
        Assert.Equal(Size.Of(10m), result.State.SizeMatched);
        Assert.Equal(new VenueOrderId("0xhash"), result.State.Id);
    }

    [Fact]
    public void PostOrderResponse_FakPartlyMatched_RemainderKilled()
    {
        var response = new PolymarketOrderResponse { Success = true, OrderId = "0xhash", Status = "matched", TakingAmount = "4", MakingAmount = "1.8" };

        var result = PolymarketVenue.ToSubmitResult(Prepared(OrderType.Fak), VenueResult<PolymarketOrderResponse>.Ok(response));

        Assert.Equal(VenueOrderStatus.Cancelled, result.State!.Status);
        Assert.Equal(Size.Of(4m), result.State.SizeMatched);
    }

    [Theory]
    [InlineData(VenueErrorKind.Timeout, SubmitOutcome.Unknown)]
    [InlineData(VenueErrorKind.Transport, SubmitOutcome.Unknown)]
    [InlineData(VenueErrorKind.Decode, SubmitOutcome.Unknown)]
    [InlineData(VenueErrorKind.VenueUnavailable, SubmitOutcome.Rejected)]
    [InlineData(VenueErrorKind.RateLimited, SubmitOutcome.Rejected)]
    [InlineData(VenueErrorKind.Blocked, SubmitOutcome.Rejected)]
    [InlineData(VenueErrorKind.Unauthorized, SubmitOutcome.Rejected)]
    public void SubmitError_MapsToOutcome(VenueErrorKind kind, SubmitOutcome expected)
    {
        var result = PolymarketVenue.ToSubmitResult(Prepared(OrderType.Gtc), new VenueError(kind, "x", IsTransient: true));

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(kind, result.Error!.Kind);
    }

    [Fact]
    public void PostOrderResponse_SuccessFalse_IsRejectedWithReason()
    {
        var response = new PolymarketOrderResponse { Success = false, ErrorMsg = "INVALID_ORDER_NOT_ENOUGH_BALANCE" };

        var result = PolymarketVenue.ToSubmitResult(Prepared(OrderType.Gtc), VenueResult<PolymarketOrderResponse>.Ok(response));

        Assert.Equal(SubmitOutcome.Rejected, result.Outcome);
        Assert.Equal(VenueErrorKind.InsufficientBalance, result.Error!.Kind);
    }

    [Fact]
    public void BookSummary_AndMarket_Parse()
    {
        const string Book = """
            {"market":"0xcond","asset_id":"7160","timestamp":"1767614400123","bids":[{"price":"0.48","size":"30"},{"price":"0.49","size":"20"}],
             "asks":[{"price":"0.53","size":"25"},{"price":".52","size":"10"}],"min_order_size":"5","tick_size":"0.01","neg_risk":false,"last_trade_price":"0.5","hash":"abc"}
            """;
        const string Market = """
            {"enable_order_book":true,"active":false,"closed":true,"archived":false,"accepting_orders":false,"accepting_order_timestamp":"2026-01-05T12:00:00Z",
             "minimum_order_size":5,"minimum_tick_size":0.01,"condition_id":"0xcond","question_id":"0xq","question":"BTC up?","description":"d","market_slug":"btc-up",
             "end_date_iso":"2026-01-05T12:15:00Z","game_start_time":null,"seconds_delay":0,"fpmm":"","maker_base_fee":0,"taker_base_fee":0,"notifications_enabled":false,
             "neg_risk":false,"neg_risk_market_id":"","neg_risk_request_id":"","icon":"","image":"","rewards":{"rates":null,"min_size":0,"max_spread":0},
             "is_50_50_outcome":false,"tokens":[{"token_id":"7160","outcome":"Yes","price":1,"winner":true},{"token_id":"7161","outcome":"No","price":0,"winner":false}],"tags":["Crypto"]}
            """;

        var book = JsonSerializer.Deserialize(Book, PolymarketJsonContext.Default.PolymarketOrderBookSummary)!;
        var market = JsonSerializer.Deserialize(Market, PolymarketJsonContext.Default.PolymarketMarket)!;
        var binary = PolymarketParse.Market(market, DateTimeOffset.UnixEpoch)!;

        Assert.Equal([new Core.Books.BookLevel(Price.Of(0.48m), Size.Of(30m)), new Core.Books.BookLevel(Price.Of(0.49m), Size.Of(20m))], PolymarketParse.Levels(book.Bids));
        Assert.Equal(Price.Of(0.52m), PolymarketParse.Levels(book.Asks)[1].Price);
        Assert.Equal("1767614400123", book.Timestamp);
        Assert.Equal("abc", book.Hash);
        Assert.Equal(new ConditionId("0xcond"), binary.Condition);
        Assert.Equal(new TokenId("7160"), binary.Yes);
        Assert.Equal(new TokenId("7161"), binary.No);
        Assert.Equal(TickSize.Hundredth, binary.Tick);
        Assert.Equal(Size.Of(5m), binary.MinOrderSize);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 12, 15, 0, TimeSpan.Zero), binary.ClosesAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero), binary.OpensAt);
        Assert.Equal(Outcome.Yes, PolymarketParse.Resolution(market, binary, DateTimeOffset.UnixEpoch)!.Winner);
    }

    [Fact]
    public void Catalog_ListsOpenMarketsOnce_AndResolvesOnlyMarketsItSawOpen()
    {
        var catalog = new PolymarketMarketCatalog();
        var open = MarketJson("0xa", closed: false, winner: false);
        var history = MarketJson("0xb", closed: true, winner: true);

        var first = catalog.Update([open, history], DateTimeOffset.UnixEpoch);
        var again = catalog.Update([open], DateTimeOffset.UnixEpoch);
        var closed = catalog.Update([MarketJson("0xa", closed: true, winner: true)], DateTimeOffset.UnixEpoch);

        Assert.Equal([new ConditionId("0xa")], first.Listed.Select(m => m.Condition));
        Assert.Empty(first.Resolved);
        Assert.Empty(again.Listed);
        Assert.Equal(new ConditionId("0xa"), Assert.Single(closed.Resolved).Condition);
        Assert.Equal(TickSize.Hundredth, catalog.Token(new TokenId("0xa-yes"))!.Tick);
        catalog.SetTick(new TokenId("0xa-no"), TickSize.Thousandth);
        Assert.Equal(TickSize.Thousandth, catalog.Token(new TokenId("0xa-yes"))!.Tick);
    }

    private static PolymarketMarket MarketJson(string condition, bool closed, bool winner) => new()
    {
        ConditionId = condition,
        Active = !closed,
        Closed = closed,
        AcceptingOrders = !closed,
        EnableOrderBook = true,
        MinimumOrderSize = 5,
        MinimumTickSize = 0.01m,
        Tokens = [new PolymarketMarketToken(condition + "-yes", "Yes", 0.5m, winner), new PolymarketMarketToken(condition + "-no", "No", 0.5m, false)],
    };

    private static PreparedOrder Prepared(OrderType type) => new(new ClientOrderId("c-1"), new VenueOrderId("0xhash"),
        new OrderIntent(new StrategyId("s"), new ConditionId("0xcond"), new TokenId("7160"), Side.Buy, Price.Of(0.45m), Size.Of(10m), type), "{}");
}
