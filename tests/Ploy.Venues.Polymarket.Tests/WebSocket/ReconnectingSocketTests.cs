using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Venues.Polymarket.Tests.Http;
using Ploy.Venues.Polymarket.WebSocket;
using static Ploy.Venues.Polymarket.Tests.WebSocket.PolymarketMarketStreamTests;

namespace Ploy.Venues.Polymarket.Tests.WebSocket;

public sealed class ReconnectingSocketTests
{
    [Fact]
    public async Task PeerCloses_ReportsTheLoss_ReconnectsAndSubscribesAgain_SkippingPongAndEmptyFrames()
    {
        var received = new ConcurrentQueue<string>();
        var connections = 0;
        await using var server = await FakeClobServer.StartAsync(async (context, _) =>
        {
            var index = Interlocked.Increment(ref connections);
            await ServeAsync(context, received, async (socket, message, close) =>
            {
                if (message.StartsWith("subscribe", StringComparison.Ordinal) && index == 1)
                {
                    await SendAsync(socket, "PONG");
                    await SendAsync(socket, string.Empty);
                    await SendAsync(socket, "one");
                    close();
                }
                else if (message.StartsWith("subscribe", StringComparison.Ordinal))
                {
                    await SendAsync(socket, "two");
                }
            });
        });
        var handler = new RecordingHandler();
        using var stopping = new CancellationTokenSource();
        var socket = new ReconnectingSocket(Options(server.BaseAddress, TimeSpan.FromSeconds(10)), handler, "test", 0, TimeProvider.System, NullLogger.Instance);

        socket.Start(stopping.Token);
        await WaitUntilAsync(() => handler.Frames.Count >= 2);
        await stopping.CancelAsync();
        await socket.StopAsync();

        Assert.Equal(["one", "two"], handler.Frames);
        Assert.Equal(["subscribe 1", "subscribe 2"], received.Where(m => m.StartsWith("subscribe", StringComparison.Ordinal)));
        Assert.Equal([1, 2], handler.Connected);
        Assert.Equal("closed by the venue", Assert.Single(handler.Losses));
        Assert.Equal(2, socket.Connects);
        Assert.False(socket.IsConnected);
    }

    [Fact]
    public async Task HandlerAsksForAReconnect_KeepaliveDropsTheConnectionInsteadOfPinging()
    {
        var received = new ConcurrentQueue<string>();
        await using var server = await FakeClobServer.StartAsync(async (context, _) => await ServeAsync(context, received, (_, _, _) => Task.CompletedTask));
        var handler = new RecordingHandler { ReconnectWhileConnects = 1 };
        using var stopping = new CancellationTokenSource();
        var socket = new ReconnectingSocket(Options(server.BaseAddress, TimeSpan.FromMilliseconds(50)), handler, "test", 0, TimeProvider.System, NullLogger.Instance);

        socket.Start(stopping.Token);
        await WaitUntilAsync(() => received.Contains("PING"));
        await stopping.CancelAsync();
        await socket.StopAsync();

        // The first connection was dropped on its first tick, before any PING; the second one pings.
        Assert.Equal(["subscribe 1", "subscribe 2"], received.TakeWhile(m => m != "PING"));
        Assert.Single(handler.Losses);
        Assert.Equal(2, socket.Connects);
    }

    private static ReconnectingSocketOptions Options(Uri baseAddress, TimeSpan pingInterval) => new(
        new Uri(PolymarketStreamOptions.SocketBase(baseAddress), "ws/test"), TimeSpan.FromSeconds(5), pingInterval, TimeSpan.FromSeconds(30),
        TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private sealed class RecordingHandler : IReconnectingSocketHandler
    {
        private int _subscribes;
        private volatile int _connects;

        public int ReconnectWhileConnects { get; init; }

        public ConcurrentQueue<string> Frames { get; } = new();

        public ConcurrentQueue<int> Connected { get; } = new();

        public ConcurrentQueue<string> Losses { get; } = new();

        public string SubscribeMessage() => "subscribe " + Interlocked.Increment(ref _subscribes);

        public Task OnConnectedAsync(int connects, CancellationToken stopping)
        {
            _connects = connects;
            Connected.Enqueue(connects);
            return Task.CompletedTask;
        }

        public Task OnFrameAsync(PolymarketSocketConnection connection, ReadOnlyMemory<byte> frame, CancellationToken stopping)
        {
            Frames.Enqueue(Encoding.UTF8.GetString(frame.Span));
            return Task.CompletedTask;
        }

        public void OnLost(string reason, TimeSpan wait) => Losses.Enqueue(reason);

        public bool NeedsReconnect() => _connects <= ReconnectWhileConnects;
    }
}
