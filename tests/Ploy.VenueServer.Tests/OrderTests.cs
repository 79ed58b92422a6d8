using System.Globalization;
using System.Net;
using System.Text;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Http;

namespace Ploy.VenueServer.Tests;

public sealed class OrderTests : IAsyncLifetime
{
    private VenueTestHost _venue = null!;

    public async Task InitializeAsync()
    {
        _venue = await VenueTestHost.StartAsync();
        await _venue.CreateKeyAsync();
    }

    public async Task DisposeAsync() => await _venue.DisposeAsync();

    [Fact]
    public async Task PostOrder_SignedRestingBuy_IsLiveListedAndCancellable()
    {
        var (token, market, order, posted) = await _venue.PostRestingBuyAsync();

        Assert.True(posted.GetProperty("success").GetBoolean());
        Assert.Equal("live", posted.GetProperty("status").GetString());
        Assert.Equal(order.OrderHash, posted.GetProperty("orderID").GetString());

        var (listResponse, list) = await _venue.SendL2Async(HttpMethod.Get, $"/data/orders?asset_id={token}&next_cursor=MA==");
        listResponse.Dispose();
        var open = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal(order.OrderHash, open.GetProperty("id").GetString());
        Assert.Equal("LIVE", open.GetProperty("status").GetString());
        Assert.Equal(market, open.GetProperty("market").GetString());
        Assert.Equal("10", open.GetProperty("original_size").GetString());
        Assert.Equal(_venue.Credentials!.Key, open.GetProperty("owner").GetString());

        var (byIdResponse, byId) = await _venue.SendL2Async(HttpMethod.Get, $"/data/order/{order.OrderHash}");
        byIdResponse.Dispose();
        Assert.Equal(order.OrderHash, byId.GetProperty("id").GetString());

        var (cancelResponse, cancel) = await _venue.SendL2Async(HttpMethod.Delete, "/order", PolymarketRequestBodies.CancelOrder(order.VenueOrderId));
        cancelResponse.Dispose();
        Assert.Equal(order.OrderHash, Assert.Single(cancel.GetProperty("canceled").EnumerateArray()).GetString());

        var (afterResponse, after) = await _venue.SendL2Async(HttpMethod.Get, "/data/orders");
        afterResponse.Dispose();
        Assert.Equal(0, after.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task PostOrder_RestingBuy_ReservesCashInTheLedger()
    {
        var (_, _, order, _) = await _venue.PostRestingBuyAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/ledger?address={_venue.Signer.Address}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", VenueTestHost.AdminToken);
        using var response = await _venue.Http.SendAsync(request);
        var ledger = await VenueTestHost.ReadJsonAsync(response);

        var price = (decimal)order.Order.MakerAmount / order.Order.TakerAmount;
        Assert.Equal(Json.Dec(price * 10m), ledger.GetProperty("reserved_cash").GetString());
        Assert.Equal("10000", ledger.GetProperty("cash").GetString());
        Assert.Equal(order.OrderHash, Assert.Single(ledger.GetProperty("open_orders").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task PostOrder_TamperedSignature_IsRejected()
    {
        var (token, _, book) = await _venue.FirstTokenAsync();
        var (_, signed) = _venue.LimitOrder(token, Side.Buy, VenueTestHost.BestBid(book) - 0.05m, 10m);
        var flipped = signed.Signature[..^4] + (signed.Signature[^4] == '0' ? '1' : '0') + signed.Signature[^3..];
        var body = PolymarketRequestBodies.Order(signed with { Signature = flipped }, _venue.Credentials!.Key, OrderType.Gtc);

        var (response, json) = await _venue.SendL2Async(HttpMethod.Post, "/order", body);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(json.GetProperty("success").GetBoolean());
            Assert.Contains("signature", json.GetProperty("errorMsg").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostOrder_AmountsChangedAfterSigning_IsRejected()
    {
        var (token, _, book) = await _venue.FirstTokenAsync();
        var (_, signed) = _venue.LimitOrder(token, Side.Buy, VenueTestHost.BestBid(book) - 0.05m, 10m);
        var body = PolymarketRequestBodies.Order(signed with { Order = signed.Order with { TakerAmount = 20_000_000 } }, _venue.Credentials!.Key, OrderType.Gtc);

        var (response, json) = await _venue.SendL2Async(HttpMethod.Post, "/order", body);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid signature", json.GetProperty("errorMsg").GetString());
        }
    }

    [Fact]
    public async Task PostOrder_PriceOffTheTickGrid_IsRejectedWithTickError()
    {
        var (token, _, _) = await _venue.FirstTokenAsync();
        var (body, _) = _venue.LimitOrder(token, Side.Buy, 0.123m, 10m, tick: TickSize.Thousandth);

        var (response, json) = await _venue.SendL2Async(HttpMethod.Post, "/order", body);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("INVALID_ORDER_MIN_TICK_SIZE", json.GetProperty("errorMsg").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostOrder_RestingBelowFiveShares_IsRejectedWithMinSizeError()
    {
        var (token, _, book) = await _venue.FirstTokenAsync();
        var (body, _) = _venue.LimitOrder(token, Side.Buy, VenueTestHost.BestBid(book) - 0.05m, 4.99m);

        var (response, json) = await _venue.SendL2Async(HttpMethod.Post, "/order", body);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("INVALID_ORDER_MIN_SIZE", json.GetProperty("errorMsg").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostOrder_OwnerIsNotTheApiKey_IsRejected()
    {
        var (token, _, book) = await _venue.FirstTokenAsync();
        var (_, signed) = _venue.LimitOrder(token, Side.Buy, VenueTestHost.BestBid(book) - 0.05m, 10m);
        var body = PolymarketRequestBodies.Order(signed, Guid.NewGuid().ToString(), OrderType.Gtc);

        var (response, json) = await _venue.SendL2Async(HttpMethod.Post, "/order", body);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("owner", json.GetProperty("errorMsg").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostOrder_MarketableBuy_MatchesAndRecordsATrade()
    {
        var (token, _, book) = await _venue.FirstTokenAsync();
        var ask = VenueTestHost.BestAsk(book);
        var (body, order) = _venue.LimitOrder(token, Side.Buy, ask, 5m);

        var (response, json) = await _venue.SendL2Async(HttpMethod.Post, "/order", body);
        response.Dispose();

        Assert.True(json.GetProperty("success").GetBoolean(), json.ToString());
        Assert.Equal("matched", json.GetProperty("status").GetString());
        Assert.Equal("5", json.GetProperty("takingAmount").GetString());
        Assert.NotEmpty(json.GetProperty("transactionsHashes").EnumerateArray());
        var (tradesResponse, trades) = await _venue.SendL2Async(HttpMethod.Get, $"/data/trades?asset_id={token}");
        tradesResponse.Dispose();
        var trade = Assert.Single(trades.GetProperty("data").EnumerateArray());
        Assert.Equal(order.OrderHash, trade.GetProperty("taker_order_id").GetString());
        Assert.Equal("TAKER", trade.GetProperty("trader_side").GetString());
        Assert.Equal(ask, decimal.Parse(trade.GetProperty("price").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PostOrders_MoreThanFifteen_Returns400()
    {
        var (token, _, book) = await _venue.FirstTokenAsync();
        var bodies = Enumerable.Range(0, 16).Select(_ => Encoding.UTF8.GetString(_venue.LimitOrder(token, Side.Buy, VenueTestHost.BestBid(book) - 0.05m, 10m).Body));
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", bodies) + "]");

        var (response, _) = await _venue.SendL2Async(HttpMethod.Post, "/orders", body);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task PostOrders_Batch_AnswersOneResponsePerOrder()
    {
        var (token, _, book) = await _venue.FirstTokenAsync();
        var bid = VenueTestHost.BestBid(book);
        var good = Encoding.UTF8.GetString(_venue.LimitOrder(token, Side.Buy, bid - 0.05m, 10m).Body);
        var tooSmall = Encoding.UTF8.GetString(_venue.LimitOrder(token, Side.Buy, bid - 0.05m, 1m).Body);

        var (response, json) = await _venue.SendL2Async(HttpMethod.Post, "/orders", Encoding.UTF8.GetBytes($"[{good},{tooSmall}]"));
        response.Dispose();

        Assert.Equal(2, json.GetArrayLength());
        Assert.True(json[0].GetProperty("success").GetBoolean());
        Assert.False(json[1].GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Heartbeat_SilenceLongerThanTenSeconds_CancelsTheKeysOrders()
    {
        var (beatResponse, beat) = await _venue.SendL2Async(HttpMethod.Post, "/v1/heartbeats", PolymarketRequestBodies.Heartbeat(null));
        beatResponse.Dispose();
        Assert.False(string.IsNullOrEmpty(beat.GetProperty("heartbeat_id").GetString()));
        await _venue.PostRestingBuyAsync();

        _venue.Clock.Advance(TimeSpan.FromSeconds(5));
        var (chainResponse, chained) = await _venue.SendL2Async(HttpMethod.Post, "/v1/heartbeats", PolymarketRequestBodies.Heartbeat(beat.GetProperty("heartbeat_id").GetString()));
        chainResponse.Dispose();
        _venue.Host.Pump();
        var (stillResponse, still) = await _venue.SendL2Async(HttpMethod.Get, "/data/orders");
        stillResponse.Dispose();
        Assert.Equal(1, still.GetProperty("count").GetInt32());
        Assert.NotEqual(beat.GetProperty("heartbeat_id").GetString(), chained.GetProperty("heartbeat_id").GetString());

        _venue.Clock.Advance(TimeSpan.FromSeconds(11));
        _venue.Host.Pump();

        var (afterResponse, after) = await _venue.SendL2Async(HttpMethod.Get, "/data/orders");
        afterResponse.Dispose();
        Assert.Equal(0, after.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Heartbeat_WrongPreviousId_Returns400()
    {
        var (response, json) = await _venue.SendL2Async(HttpMethod.Post, "/v1/heartbeats", PolymarketRequestBodies.Heartbeat("not-the-current-id"));

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("Invalid Heartbeat ID", json.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task PostOrder_Gtd_RestsUntilItsExpirationThenLeavesTheBook()
    {
        var (token, _, _) = await _venue.FirstTokenAsync();
        var expiration = (ulong)_venue.Clock.GetUtcNow().AddSeconds(120).ToUnixTimeSeconds();
        // At 0.02 nothing in the simulation trades against it within the two minutes.
        var (body, order) = _venue.LimitOrder(token, Side.Buy, 0.02m, 10m, OrderType.Gtd, expiration: expiration);
        var (response, json) = await _venue.SendL2Async(HttpMethod.Post, "/order", body);
        response.Dispose();
        Assert.Equal("live", json.GetProperty("status").GetString());

        _venue.Clock.Advance(TimeSpan.FromSeconds(130));
        _venue.Host.Pump();

        var (byIdResponse, byId) = await _venue.SendL2Async(HttpMethod.Get, $"/data/order/{order.OrderHash}");
        byIdResponse.Dispose();
        Assert.Equal("CANCELED", byId.GetProperty("status").GetString());
        Assert.Equal(expiration.ToString(CultureInfo.InvariantCulture), byId.GetProperty("expiration").GetString());
    }

    [Fact]
    public async Task PostOrder_GtcWithAnExpiration_IsRejected()
    {
        var (token, _, book) = await _venue.FirstTokenAsync();
        var expiration = (ulong)_venue.Clock.GetUtcNow().AddSeconds(120).ToUnixTimeSeconds();
        var (body, _) = _venue.LimitOrder(token, Side.Buy, VenueTestHost.BestBid(book) - 0.05m, 10m, expiration: expiration);

        var (response, json) = await _venue.SendL2Async(HttpMethod.Post, "/order", body);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("INVALID_ORDER_EXPIRATION", json.GetProperty("errorMsg").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BalanceAllowance_Collateral_ReportsBaseUnits()
    {
        var (response, json) = await _venue.SendL2Async(HttpMethod.Get, "/balance-allowance?asset_type=COLLATERAL&signature_type=0");

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("10000000000", json.GetProperty("balance").GetString());
            Assert.True(json.GetProperty("allowances").EnumerateObject().Any());
        }
    }
}
