using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Ploy.Core.MarketData;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Tests.Http;
using Ploy.Venues.Polymarket.WebSocket;
using Ploy.VenueServer;

namespace Ploy.Venues.Polymarket.Tests.WebSocket;

public sealed class PolymarketMarketStreamTests
{
    internal const string Asset = "7160";
    private const string Market = "0xcond";
    private const string Timestamp = "1767614400000";

    internal static readonly PolymarketBookLevel[] Bids = [new("0.48", "30")];
    private static readonly PolymarketBookLevel[] Asks = [new("0.53", "25"), new("0.52", "10")];

    [Fact]
    public async Task DeltaWithBadHash_MarksUntrusted_AndResyncsFromAFreshSnapshot()
    {
        var received = new ConcurrentQueue<string>();
        await using var server = await FakeClobServer.StartAsync(async (context, _) => await ServeAsync(context, received, async (socket, message, _) =>
        {
            if (message.Contains("\"type\":\"market\"", StringComparison.Ordinal))
            {
                await SendAsync(socket, BookEvent(Bids));
                var afterChange = new[] { new PolymarketBookLevel("0.48", "30"), new PolymarketBookLevel("0.49", "20") };
                await SendAsync(socket, PriceChange("0.49", "20", "BUY", Hash(afterChange)));
                await SendAsync(socket, PriceChange("0.49", "25", "BUY", "0000000000000000000000000000000000000000"));
            }
            else if (message.Contains("\"operation\":\"subscribe\"", StringComparison.Ordinal))
            {
                await SendAsync(socket, BookEvent([new("0.47", "5")]));
            }
        }));
        await using var stream = new PolymarketMarketStream(Options(server.BaseAddress), TimeProvider.System);

        await stream.SubscribeAsync([new TokenId(Asset)], CancellationToken.None);
        var events = await ReadAsync(stream, 5);

        var snapshot = Assert.IsType<BookSnapshotEvent>(events[0]);
        Assert.Equal(new TokenId(Asset), snapshot.Token);
        Assert.Equal([Price.Of(0.53m), Price.Of(0.52m)], snapshot.Asks.Select(l => l.Price));
        var good = Assert.IsType<PriceChangeEvent>(events[1]);
        Assert.Equal((Side.Buy, Price.Of(0.49m), Size.Of(20m)), (good.Side, good.Price, good.Size));
        Assert.IsType<PriceChangeEvent>(events[2]);
        var untrusted = Assert.IsType<BookUntrustedEvent>(events[3]);
        Assert.Contains("hash mismatch", untrusted.Reason, StringComparison.Ordinal);
        var fresh = Assert.IsType<BookSnapshotEvent>(events[4]);
        Assert.Equal(Price.Of(0.47m), Assert.Single(fresh.Bids).Price);
        Assert.Contains(received, m => m.Contains("\"operation\":\"subscribe\"", StringComparison.Ordinal) && m.Contains(Asset, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PriceChangeMessage_WithSeveralChanges_IsOneBatch_EndedByItsLastChange()
    {
        static string Change(string price, string size, string side) =>
            $"{{\"asset_id\":\"{Asset}\",\"price\":\"{price}\",\"size\":\"{size}\",\"side\":\"{side}\",\"hash\":\"\"}}";
        var trade = $"{{\"event_type\":\"price_change\",\"market\":\"{Market}\",\"timestamp\":\"{Timestamp}\",\"price_changes\":["
            + $"{Change("0.49", "20", "BUY")},{Change("0.52", "0", "SELL")},{Change("0.51", "5", "SELL")}]}}";
        await using var server = await FakeClobServer.StartAsync(async (context, _) => await ServeAsync(context, new ConcurrentQueue<string>(), async (socket, message, _) =>
        {
            if (message.Contains("\"type\":\"market\"", StringComparison.Ordinal))
            {
                await SendAsync(socket, BookEvent(Bids));
                await SendAsync(socket, trade);
            }
        }));
        await using var stream = new PolymarketMarketStream(Options(server.BaseAddress), TimeProvider.System);

        await stream.SubscribeAsync([new TokenId(Asset)], CancellationToken.None);
        var events = await ReadAsync(stream, 4);

        var changes = events.Skip(1).Select(e => Assert.IsType<PriceChangeEvent>(e)).ToList();
        Assert.Equal([Price.Of(0.49m), Price.Of(0.52m), Price.Of(0.51m)], changes.Select(c => c.Price));
        Assert.Equal([true, true, false], changes.Select(c => c.MoreInBatch));
    }

    [Fact]
    public async Task SnapshotHash_ComputedTheVenuesWay_IsAccepted()
    {
        await using var server = await FakeClobServer.StartAsync(async (context, _) => await ServeAsync(context, new(), async (socket, message, _) =>
        {
            if (message.Contains("\"type\":\"market\"", StringComparison.Ordinal))
            {
                await SendAsync(socket, BookEvent(Bids, hash: "ffffffffffffffffffffffffffffffffffffffff"));
                await SendAsync(socket, BookEvent(Bids));
            }
        }));
        await using var stream = new PolymarketMarketStream(Options(server.BaseAddress), TimeProvider.System);

        await stream.SubscribeAsync([new TokenId(Asset)], CancellationToken.None);
        var events = await ReadAsync(stream, 2);

        Assert.IsType<BookUntrustedEvent>(events[0]);
        Assert.Equal(Hash(Bids), Assert.IsType<BookSnapshotEvent>(events[1]).Hash);
    }

    [Fact]
    public async Task ConnectionDropped_Reconnects_Resubscribes_AndResyncs()
    {
        var received = new ConcurrentQueue<string>();
        var connections = 0;
        await using var server = await FakeClobServer.StartAsync(async (context, _) =>
        {
            var index = Interlocked.Increment(ref connections);
            await ServeAsync(context, received, async (socket, message, close) =>
            {
                if (message.Contains("\"type\":\"market\"", StringComparison.Ordinal))
                {
                    await SendAsync(socket, BookEvent(Bids));
                    if (index == 1)
                    {
                        close();
                    }
                }
            });
        });
        await using var stream = new PolymarketMarketStream(Options(server.BaseAddress), TimeProvider.System);

        await stream.SubscribeAsync([new TokenId(Asset), new TokenId("7161")], CancellationToken.None);
        var events = await ReadAsync(stream, 4);

        Assert.IsType<BookSnapshotEvent>(events[0]);
        Assert.All(events[1..3], e => Assert.Contains("connection lost", Assert.IsType<BookUntrustedEvent>(e).Reason, StringComparison.Ordinal));
        Assert.IsType<BookSnapshotEvent>(events[3]);
        Assert.Equal(2, stream.ConnectionCount);
        var subscribes = received.Where(m => m.Contains("\"type\":\"market\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, subscribes.Count);
        Assert.All(subscribes, m => Assert.Contains("\"assets_ids\":[\"7160\",\"7161\"]", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyAssets_AreShardedAcrossConnections()
    {
        var received = new ConcurrentQueue<string>();
        await using var server = await FakeClobServer.StartAsync(async (context, _) => await ServeAsync(context, received, (_, _, _) => Task.CompletedTask));
        await using var stream = new PolymarketMarketStream(Options(server.BaseAddress) with { MaxAssetsPerConnection = 2 }, TimeProvider.System);

        await stream.SubscribeAsync([new TokenId("1"), new TokenId("2"), new TokenId("3"), new TokenId("4"), new TokenId("5")], CancellationToken.None);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (received.Count(m => m.Contains("\"type\":\"market\"", StringComparison.Ordinal)) < 3)
        {
            await Task.Delay(20, deadline.Token);
        }

        Assert.Equal(3, stream.ShardCount);
        Assert.All(received, m => Assert.True(m.Split(',').Length <= 4));
    }

    [Fact]
    public async Task Keepalive_SendsTextPing()
    {
        var received = new ConcurrentQueue<string>();
        await using var server = await FakeClobServer.StartAsync(async (context, _) => await ServeAsync(context, received, async (socket, message, _) =>
        {
            if (message == "PING")
            {
                await SendAsync(socket, "PONG");
            }
        }));
        await using var stream = new PolymarketMarketStream(Options(server.BaseAddress) with { PingInterval = TimeSpan.FromMilliseconds(50) }, TimeProvider.System);

        await stream.SubscribeAsync([new TokenId(Asset)], CancellationToken.None);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (received.Count(m => m == "PING") < 2)
        {
            await Task.Delay(20, deadline.Token);
        }

        Assert.Equal(1, stream.ConnectionCount);
    }

    internal static PolymarketStreamOptions Options(Uri baseAddress) => new()
    {
        BaseAddress = PolymarketStreamOptions.SocketBase(baseAddress),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        ResyncTimeout = TimeSpan.FromSeconds(30),
    };

    internal static async Task ServeAsync(HttpContext context, ConcurrentQueue<string> received, Func<System.Net.WebSockets.WebSocket, string, Action, Task> onMessage)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        var closing = false;
        while (socket.State == WebSocketState.Open && !closing)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer, context.RequestAborted);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            received.Enqueue(text);
            await onMessage(socket, text, () => closing = true);
        }

        if (closing)
        {
            // A graceful close delivers what was sent before it; the client must still treat it as a lost connection.
            await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "going away", CancellationToken.None);
        }
    }

    internal static Task SendAsync(System.Net.WebSockets.WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    internal static async Task<List<MarketDataEvent>> ReadAsync(PolymarketMarketStream stream, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var events = new List<MarketDataEvent>();
        try
        {
            while (events.Count < count)
            {
                events.Add(await stream.Events.ReadAsync(deadline.Token));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Only {events.Count} of {count} events: {string.Join("; ", events)}");
        }

        return events;
    }

    internal static string Hash(IReadOnlyList<PolymarketBookLevel> bids) =>
        PolymarketBookHash.Compute(new PolymarketBookSummary(Market, Asset, Timestamp, bids, Asks, "5", "0.01", false, string.Empty));

    internal static string BookEvent(IReadOnlyList<PolymarketBookLevel> bids, string? hash = null)
    {
        static string Levels(IEnumerable<PolymarketBookLevel> levels) => string.Join(",", levels.Select(l => $"{{\"price\":\"{l.Price}\",\"size\":\"{l.Size}\"}}"));
        return $"{{\"event_type\":\"book\",\"market\":\"{Market}\",\"asset_id\":\"{Asset}\",\"timestamp\":\"{Timestamp}\",\"bids\":[{Levels(bids)}],\"asks\":[{Levels(Asks)}],"
            + $"\"min_order_size\":\"5\",\"tick_size\":\"0.01\",\"neg_risk\":false,\"last_trade_price\":\"\",\"hash\":\"{hash ?? Hash(bids)}\"}}";
    }

    internal static string PriceChange(string price, string size, string side, string hash) =>
        $"{{\"event_type\":\"price_change\",\"market\":\"{Market}\",\"timestamp\":\"{Timestamp}\",\"price_changes\":[{{\"asset_id\":\"{Asset}\",\"price\":\"{price}\","
        + $"\"size\":\"{size}\",\"side\":\"{side}\",\"hash\":\"{hash}\",\"best_bid\":\"0.49\",\"best_ask\":\"0.52\"}}]}}";
}
