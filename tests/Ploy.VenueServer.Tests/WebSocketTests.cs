using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Ploy.Core.Primitives;

namespace Ploy.VenueServer.Tests;

public sealed class WebSocketTests : IAsyncLifetime
{
    private VenueTestHost _venue = null!;

    public async Task InitializeAsync() => _venue = await VenueTestHost.StartAsync();

    public async Task DisposeAsync() => await _venue.DisposeAsync();

    [Fact]
    public async Task MarketChannel_Subscribe_SendsABookWithTheVenueHash()
    {
        var (token, market, _) = await _venue.FirstTokenAsync();
        using var socket = await _venue.ConnectAsync("/ws/market");

        await VenueTestHost.SendAsync(socket, $"{{\"assets_ids\":[\"{token}\"],\"type\":\"market\"}}");
        var text = await VenueTestHost.ReceiveAsync(socket);

        using var book = JsonDocument.Parse(text);
        Assert.Equal("book", book.RootElement.GetProperty("event_type").GetString());
        Assert.Equal(token, book.RootElement.GetProperty("asset_id").GetString());
        Assert.Equal(market, book.RootElement.GetProperty("market").GetString());
        Assert.True(book.RootElement.GetProperty("bids").GetArrayLength() > 0);
        var withoutEventType = "{" + text[(text.IndexOf(',', StringComparison.Ordinal) + 1)..];
        Assert.Equal(PolymarketBookHash.ComputeFromJson(Encoding.UTF8.GetBytes(withoutEventType)), book.RootElement.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task MarketChannel_Ping_IsAnsweredWithPong()
    {
        using var socket = await _venue.ConnectAsync("/ws/market");

        await VenueTestHost.SendAsync(socket, "PING");

        Assert.Equal("PONG", await VenueTestHost.ReceiveAsync(socket));
    }

    [Fact]
    public async Task MarketChannel_OwnOrderRests_SendsPriceChangeWithHash()
    {
        await _venue.CreateKeyAsync();
        var (token, _, book) = await _venue.FirstTokenAsync();
        using var socket = await _venue.ConnectAsync("/ws/market");
        await VenueTestHost.SendAsync(socket, $"{{\"assets_ids\":[\"{token}\"],\"type\":\"market\"}}");
        await VenueTestHost.ReceiveAsync(socket);

        var price = Math.Max(0.01m, VenueTestHost.BestBid(book) - 0.15m);
        var (body, _) = _venue.LimitOrder(token, Side.Buy, price, 7m);
        var (response, _) = await _venue.SendL2Async(HttpMethod.Post, "/order", body);
        response.Dispose();
        using var change = JsonDocument.Parse(await VenueTestHost.ReceiveAsync(socket));

        Assert.Equal("price_change", change.RootElement.GetProperty("event_type").GetString());
        var level = Assert.Single(change.RootElement.GetProperty("price_changes").EnumerateArray());
        Assert.Equal(Json.Dec(price), level.GetProperty("price").GetString());
        Assert.Equal("7", level.GetProperty("size").GetString());
        Assert.Equal("BUY", level.GetProperty("side").GetString());
        Assert.Equal(PolymarketBookHash.Compute(_venue.Host.Core.Book(token)!), level.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task UserChannel_AuthenticatedSubscriber_ReceivesItsOrderPlacement()
    {
        var credentials = await _venue.CreateKeyAsync();
        using var socket = await _venue.ConnectAsync("/ws/user");
        await VenueTestHost.SendAsync(socket, $"{{\"auth\":{{\"apiKey\":\"{credentials.Key}\",\"secret\":\"{credentials.Secret}\",\"passphrase\":\"{credentials.Passphrase}\"}},\"type\":\"user\",\"markets\":[]}}");
        await VenueTestHost.SendAsync(socket, "PING");
        Assert.Equal("PONG", await VenueTestHost.ReceiveAsync(socket));

        var (_, _, order, _) = await _venue.PostRestingBuyAsync();
        using var placement = JsonDocument.Parse(await VenueTestHost.ReceiveAsync(socket));

        Assert.Equal("order", placement.RootElement.GetProperty("event_type").GetString());
        Assert.Equal("PLACEMENT", placement.RootElement.GetProperty("type").GetString());
        Assert.Equal(order.OrderHash, placement.RootElement.GetProperty("id").GetString());
        Assert.Equal(credentials.Key, placement.RootElement.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task UserChannel_WrongSecret_ClosesTheConnection()
    {
        var credentials = await _venue.CreateKeyAsync();
        using var socket = await _venue.ConnectAsync("/ws/user");

        await VenueTestHost.SendAsync(socket, $"{{\"auth\":{{\"apiKey\":\"{credentials.Key}\",\"secret\":\"wrong\",\"passphrase\":\"{credentials.Passphrase}\"}},\"type\":\"user\"}}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await socket.ReceiveAsync(new byte[1024], timeout.Token);

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
    }
}
