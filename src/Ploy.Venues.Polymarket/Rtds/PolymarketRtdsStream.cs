using System.Net.WebSockets;
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
public sealed class PolymarketRtdsStream : IAsyncDisposable
{
    private readonly PolymarketRtdsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<ReferencePriceEvent> _events = Channel.CreateBounded<ReferencePriceEvent>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private readonly CancellationTokenSource _stopping = new();
    private PolymarketSocketConnection? _connection;
    private Task _loop = Task.CompletedTask;
    private long _lastActivity;

    public PolymarketRtdsStream(PolymarketRtdsOptions options, TimeProvider time, ILogger<PolymarketRtdsStream>? logger = null)
    {
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Reference prices as they arrive; a slow reader loses the oldest (only the latest price matters).</summary>
    public ChannelReader<ReferencePriceEvent> Events => _events.Reader;

    public int Connects { get; private set; }

    public bool IsConnected => _connection is { State: WebSocketState.Open };

    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Drops the connection (tests: the stream must reconnect).</summary>
    public void DropConnection() => _connection?.Abort();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _connection?.Abort();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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

    private async Task RunAsync(CancellationToken stopping)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        while (!stopping.IsCancellationRequested)
        {
            var reason = "closed by the server";
            var connection = new PolymarketSocketConnection();
            try
            {
                await connection.ConnectAsync(_options.Address, _options.ConnectTimeout, stopping);
                await connection.SendTextAsync(SubscribeMessage(), stopping);
                Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
                _connection = connection;
                Connects++;
                Log.RtdsConnected(_logger, _options.Address, _options.Topic);
                backoff.Reset();
                using var keepalive = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var pinger = KeepAliveAsync(connection, keepalive.Token);
                try
                {
                    await ReceiveAsync(connection, stopping);
                }
                finally
                {
                    await keepalive.CancelAsync();
                    await pinger.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException)
            {
                reason = ex.GetType().Name + ": " + ex.Message;
            }
            finally
            {
                _connection = null;
                await connection.CloseAsync();
                connection.Dispose();
            }

            if (stopping.IsCancellationRequested)
            {
                break;
            }

            var jittered = backoff.Next();
            Log.RtdsLost(_logger, reason, (long)jittered.TotalMilliseconds);
            try
            {
                await Task.Delay(jittered, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ReceiveAsync(PolymarketSocketConnection connection, CancellationToken stopping)
    {
        while (true)
        {
            var frame = await connection.ReceiveAsync(stopping);
            if (frame is not { } bytes)
            {
                return;
            }

            Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
            var trimmed = bytes.Span.Trim(" \r\n\t"u8);
            if (trimmed.IsEmpty || trimmed.SequenceEqual("PONG"u8) || trimmed[0] is not ((byte)'{' or (byte)'['))
            {
                continue;
            }

            try
            {
                foreach (var price in PolymarketRtdsParser.Parse(bytes))
                {
                    _events.Writer.TryWrite(price);
                }
            }
            catch (JsonException ex)
            {
                Log.FrameParseFailed(_logger, "rtds", ex.Message);
            }
        }
    }

    private async Task KeepAliveAsync(PolymarketSocketConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_options.PingInterval, _time, cancellationToken);
                var silent = _time.GetElapsedTime(Interlocked.Read(ref _lastActivity));
                if (silent > _options.PongTimeout)
                {
                    Log.PongTimeout(_logger, "rtds", 0, silent.TotalSeconds);
                    connection.Abort();
                    return;
                }

                await connection.SendTextAsync("PING", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The receive loop notices the end of the connection.
        }
    }
}
