using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Models;
using Ploy.Venues.Polymarket.Parsing;

namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>
/// The user channel (protocol reference §7): our <c>order</c> and <c>trade</c> events as <see cref="VenueOrderEvent"/>s and
/// <see cref="VenueFillEvent"/>s, authenticated with the API credentials in the subscribe message. Keeps alive with text
/// PING, reconnects with backoff and calls <c>onReconnected</c> so the owner can backfill what was missed over REST.
/// </summary>
public sealed class PolymarketUserStream : IAsyncDisposable
{
    private readonly PolymarketStreamOptions _options;
    private readonly PolymarketApiCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<VenueEvent> _sink;
    private readonly Func<CancellationToken, Task>? _onReconnected;
    private readonly CancellationTokenSource _stopping = new();
    private PolymarketSocketConnection? _connection;
    private Task _loop = Task.CompletedTask;
    private long _lastActivity;

    /// <param name="options">Socket base and keepalive.</param>
    /// <param name="credentials">API key, secret and passphrase (sent in the subscribe message, as the venue requires; never logged).</param>
    /// <param name="time">Clock.</param>
    /// <param name="sink">Receives every event, in the order the venue sent them.</param>
    /// <param name="onReconnected">Called after every reconnect (not the first connect).</param>
    /// <param name="logger">Optional.</param>
    public PolymarketUserStream(PolymarketStreamOptions options, PolymarketApiCredentials credentials, TimeProvider time, Action<VenueEvent> sink,
        Func<CancellationToken, Task>? onReconnected = null, ILogger<PolymarketUserStream>? logger = null)
    {
        _options = options;
        _credentials = credentials;
        _time = time;
        _sink = sink;
        _onReconnected = onReconnected;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public int Connects { get; private set; }

    public bool IsConnected => _connection is { State: WebSocketState.Open };

    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Drops the connection as a network failure would (tests, operators).</summary>
    public void DropConnection() => _connection?.Abort();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _connection?.Abort();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    /// <summary>Parses one user-channel frame (an object or an array of them) into events. Unknown event types are skipped.</summary>
    public static IReadOnlyList<VenueEvent> Parse(ReadOnlySpan<byte> frame, string apiKey, TimeProvider time)
    {
        var events = new List<VenueEvent>();
        var reader = new Utf8JsonReader(frame);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in root.EnumerateArray())
            {
                ParseOne(element, apiKey, time, events);
            }
        }
        else
        {
            ParseOne(root, apiKey, time, events);
        }

        return events;
    }

    private static void ParseOne(JsonElement element, string apiKey, TimeProvider time, List<VenueEvent> events)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("event_type", out var type))
        {
            return;
        }

        if (type.ValueEquals("order"u8))
        {
            var order = element.Deserialize(PolymarketJsonContext.Default.PolymarketOrderEvent)!;
            events.Add(new VenueOrderEvent(PolymarketParse.OrderState(order), PolymarketParse.EventTime(order.Timestamp, time)));
        }
        else if (type.ValueEquals("trade"u8))
        {
            var trade = element.Deserialize(PolymarketJsonContext.Default.PolymarketTrade)!;
            foreach (var fill in PolymarketParse.Fills(trade, apiKey, time))
            {
                events.Add(new VenueFillEvent(fill));
            }
        }
    }

    private string SubscribeMessage()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "user");
            w.WriteStartArray("markets");
            w.WriteEndArray();
            w.WriteStartArray("assets_ids");
            w.WriteEndArray();
            w.WriteBoolean("initial_dump", true);
            w.WriteStartObject("auth");
            // Venue quirk: the user channel takes the raw secret, no HMAC (protocol reference §7).
            w.WriteString("apiKey", _credentials.Key);
            w.WriteString("secret", _credentials.Secret);
            w.WriteString("passphrase", _credentials.Passphrase);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        var uri = new Uri(_options.BaseAddress, "ws/user");
        while (!stopping.IsCancellationRequested)
        {
            var reason = "closed by the venue";
            var connection = new PolymarketSocketConnection();
            try
            {
                await connection.ConnectAsync(uri, _options.ConnectTimeout, stopping);
                await connection.SendTextAsync(SubscribeMessage(), stopping);
                Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
                _connection = connection;
                Connects++;
                Log.StreamConnected(_logger, "user", uri, 0, 0);
                backoff.Reset();
                if (Connects > 1 && _onReconnected is not null)
                {
                    await _onReconnected(stopping);
                }

                using var keepalive = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var pinger = KeepAliveAsync(connection, keepalive.Token);
                try
                {
                    while (true)
                    {
                        var frame = await connection.ReceiveAsync(stopping);
                        if (frame is not { } bytes)
                        {
                            break;
                        }

                        Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
                        if (bytes.Span.SequenceEqual("PONG"u8) || bytes.IsEmpty)
                        {
                            continue;
                        }

                        try
                        {
                            foreach (var venueEvent in Parse(bytes.Span, _credentials.Key, _time))
                            {
                                _sink(venueEvent);
                            }
                        }
                        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
                        {
                            Log.FrameParseFailed(_logger, "user", ex.Message);
                        }
                    }
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

            Diagnostics.PolymarketDiagnostics.WebSocketReconnecting("user");
            var jittered = backoff.Next();
            Log.StreamLost(_logger, "user", 0, reason, (long)jittered.TotalMilliseconds);
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
                    Log.PongTimeout(_logger, "user", 0, silent.TotalSeconds);
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
