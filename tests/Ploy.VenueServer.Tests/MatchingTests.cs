using System.Net;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated;

namespace Ploy.VenueServer.Tests;

/// <summary>Two API traders on a venue without synthetic liquidity, so they can only match each other.</summary>
public sealed class MatchingTests : IAsyncLifetime
{
    private VenueTestHost _maker = null!;
    private VenueTestHost _taker = null!;

    public async Task InitializeAsync()
    {
        _maker = await VenueTestHost.StartAsync(new VenueServerOptions
        {
            StartingSets = 50m,
            Simulation = new SimulationOptions { LiquidityProviders = 0, NoiseOrdersPerMinute = 0, TraderStartingCash = 0m },
        });
        _taker = _maker.OtherTrader(VenueTestHost.HardhatKey1);
        await _maker.CreateKeyAsync();
        await _taker.CreateKeyAsync();
    }

    public async Task DisposeAsync()
    {
        await _taker.DisposeAsync();
        await _maker.DisposeAsync();
    }

    [Fact]
    public async Task RestingSell_HitByAnotherKey_BothSeeTheirSideOfTheTrade()
    {
        var (token, _, book) = await _maker.FirstTokenAsync();
        Assert.Equal(0, book.GetProperty("asks").GetArrayLength());
        var (sellBody, sell) = _maker.LimitOrder(token, Side.Sell, 0.6m, 8m);
        var (sellResponse, sold) = await _maker.SendL2Async(HttpMethod.Post, "/order", sellBody);
        sellResponse.Dispose();
        Assert.Equal("live", sold.GetProperty("status").GetString());

        var (buyBody, buy) = _taker.LimitOrder(token, Side.Buy, 0.6m, 5m);
        var (buyResponse, bought) = await _taker.SendL2Async(HttpMethod.Post, "/order", buyBody);
        buyResponse.Dispose();

        Assert.Equal("matched", bought.GetProperty("status").GetString());
        Assert.Equal("3", bought.GetProperty("makingAmount").GetString());
        Assert.Equal("5", bought.GetProperty("takingAmount").GetString());
        var (makerTradesResponse, makerTrades) = await _maker.SendL2Async(HttpMethod.Get, "/data/trades");
        makerTradesResponse.Dispose();
        var makerTrade = Assert.Single(makerTrades.GetProperty("data").EnumerateArray());
        Assert.Equal("MAKER", makerTrade.GetProperty("trader_side").GetString());
        Assert.Equal("5", makerTrade.GetProperty("size").GetString());
        Assert.Equal(sell.OrderHash, makerTrade.GetProperty("maker_orders")[0].GetProperty("order_id").GetString());
        var (takerTradesResponse, takerTrades) = await _taker.SendL2Async(HttpMethod.Get, "/data/trades");
        takerTradesResponse.Dispose();
        Assert.Equal(buy.OrderHash, Assert.Single(takerTrades.GetProperty("data").EnumerateArray()).GetProperty("taker_order_id").GetString());
        var (orderResponse, order) = await _maker.SendL2Async(HttpMethod.Get, $"/data/order/{sell.OrderHash}");
        orderResponse.Dispose();
        Assert.Equal("5", order.GetProperty("size_matched").GetString());
        Assert.Equal("LIVE", order.GetProperty("status").GetString());
    }

    [Fact]
    public async Task UserChannel_RestingOrderHit_MakerReceivesTradeThenUpdate()
    {
        var (token, market, _) = await _maker.FirstTokenAsync();
        var (sellBody, sell) = _maker.LimitOrder(token, Side.Sell, 0.7m, 6m);
        var (sellResponse, _) = await _maker.SendL2Async(HttpMethod.Post, "/order", sellBody);
        sellResponse.Dispose();
        var credentials = _maker.Credentials!;
        using var socket = await _maker.ConnectAsync("/ws/user");
        await VenueTestHost.SendAsync(socket, $"{{\"auth\":{{\"apiKey\":\"{credentials.Key}\",\"secret\":\"{credentials.Secret}\",\"passphrase\":\"{credentials.Passphrase}\"}},\"type\":\"user\",\"markets\":[\"{market}\"]}}");
        await VenueTestHost.SendAsync(socket, "PING");
        Assert.Equal("PONG", await VenueTestHost.ReceiveAsync(socket));

        var (buyBody, _) = _taker.LimitOrder(token, Side.Buy, 0.7m, 6m);
        var (buyResponse, _) = await _taker.SendL2Async(HttpMethod.Post, "/order", buyBody);
        buyResponse.Dispose();
        using var trade = System.Text.Json.JsonDocument.Parse(await VenueTestHost.ReceiveAsync(socket));
        using var update = System.Text.Json.JsonDocument.Parse(await VenueTestHost.ReceiveAsync(socket));

        Assert.Equal("trade", trade.RootElement.GetProperty("event_type").GetString());
        Assert.Equal("MAKER", trade.RootElement.GetProperty("trader_side").GetString());
        Assert.Equal("6", trade.RootElement.GetProperty("size").GetString());
        Assert.Equal("0.7", trade.RootElement.GetProperty("price").GetString());
        Assert.Equal("order", update.RootElement.GetProperty("event_type").GetString());
        Assert.Equal("UPDATE", update.RootElement.GetProperty("type").GetString());
        Assert.Equal(sell.OrderHash, update.RootElement.GetProperty("id").GetString());
        Assert.Equal("6", update.RootElement.GetProperty("size_matched").GetString());
    }

    [Fact]
    public async Task ConditionalBalance_AfterStartingSets_ReportsTokenBaseUnits()
    {
        var (token, _, _) = await _maker.FirstTokenAsync();

        var (response, json) = await _maker.SendL2Async(HttpMethod.Get, $"/balance-allowance?asset_type=CONDITIONAL&token_id={token}");

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("50000000", json.GetProperty("balance").GetString());
        }
    }

    [Fact]
    public async Task FokBuy_NothingToMatch_IsKilledWithTheVenueMessage()
    {
        var (token, _, _) = await _taker.FirstTokenAsync();
        var (body, _) = _taker.LimitOrder(token, Side.Buy, 0.5m, 10m, Ploy.Core.Orders.OrderType.Fok);

        var (response, json) = await _taker.SendL2Async(HttpMethod.Post, "/order", body);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("FOK", json.GetProperty("errorMsg").GetString(), StringComparison.Ordinal);
        }
    }
}
