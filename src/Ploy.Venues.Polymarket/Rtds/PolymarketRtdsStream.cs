using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.MarketData;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.WebSocket;

namespace Ploy.Venues.Polymarket.Rtds;

/// <summary>
/// The RTDS crypto-price subscription as a stream of <see cref="ReferencePriceEvent"/>s: subscribes
/// (<c>{"action":"subscribe","subscriptions":[{"topic":"crypto_prices","type":"update","filters":"btcusdt"}]}</c>),
/// sends text PING, and reconnects with backoff and subscribes again. Prices are a reference for strategies, not
/// trading state: a gap only delays decisions, so nothing is replayed after a reconnect.
/// </summary>
public sealed class PolymarketRtdsStream : IAsyncDisposable, IReconnectingSocketHandler
{
    private readonly PolymarketRtdsOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<ReferencePriceEvent> _events = Channel.CreateBounded<ReferencePriceEvent>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private readonly CancellationTokenSource _stopping = new();
    private readonly ReconnectingSocket _socket;

    public PolymarketRtdsStream(PolymarketRtdsOptions options, TimeProvider time, ILogger<PolymarketRtdsStream>? logger = null)
    {
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _socket = new ReconnectingSocket(options.Socket(), this, "rtds", 0, time, _logger);
    }

    /// <summary>Reference prices as they arrive; a slow reader loses the oldest (only the latest price matters).</summary>
    public ChannelReader<ReferencePriceEvent> Events => _events.Reader;

    public int Connects => _socket.Connects;

    public bool IsConnected => _socket.IsConnected;

    public void Start() => _socket.Start(_stopping.Token);

    /// <summary>Drops the connection (tests: the stream must reconnect).</summary>
    public void DropConnection() => _socket.Drop();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _socket.StopAsync();
        _events.Writer.TryComplete();
        _stopping.Dispose();
    }

    /// <summary>The subscribe message for the configured topic and symbols.</summary>
    public string SubscribeMessage()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("action", "subscribe");
            w.WriteStartArray("subscriptions");
            w.WriteStartObject();
            w.WriteString("topic", _options.Topic);
            w.WriteString("type", "update");
            if (_options.Symbols.Count > 0)
            {
                w.WriteString("filters", string.Join(',', _options.Symbols));
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    Task IReconnectingSocketHandler.OnConnectedAsync(int connects, CancellationToken stopping)
    {
        Log.RtdsConnected(_logger, _options.Address, _options.Topic);
        return Task.CompletedTask;
    }

    Task IReconnectingSocketHandler.OnFrameAsync(PolymarketSocketConnection connection, ReadOnlyMemory<byte> frame, CancellationToken stopping)
    {
        var trimmed = frame.Span.Trim(" \r\n\t"u8);
        if (trimmed.IsEmpty || trimmed.SequenceEqual("PONG"u8) || trimmed[0] is not ((byte)'{' or (byte)'['))
        {
            return Task.CompletedTask;
        }

        try
        {
            foreach (var price in PolymarketRtdsParser.Parse(frame))
            {
                _events.Writer.TryWrite(price);
            }
        }
        catch (JsonException ex)
        {
            Log.FrameParseFailed(_logger, "rtds", ex.Message);
        }

        return Task.CompletedTask;
    }

    // Not counted in ploy_ws_reconnects_total, which counts the trading channels (market, user) only.
    void IReconnectingSocketHandler.OnLost(string reason, TimeSpan wait) => Log.RtdsLost(_logger, reason, (long)wait.TotalMilliseconds);
}
