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
public sealed class PolymarketUserStream : IAsyncDisposable, IReconnectingSocketHandler
{
    private readonly PolymarketApiCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<VenueEvent> _sink;
    private readonly Func<CancellationToken, Task>? _onReconnected;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Uri _address;
    private readonly ReconnectingSocket _socket;

    /// <param name="options">Socket base and keepalive.</param>
    /// <param name="credentials">API key, secret and passphrase (sent in the subscribe message, as the venue requires; never logged).</param>
    /// <param name="time">Clock.</param>
    /// <param name="sink">Receives every event, in the order the venue sent them.</param>
    /// <param name="onReconnected">Called after every reconnect (not the first connect).</param>
    /// <param name="logger">Optional.</param>
    public PolymarketUserStream(PolymarketStreamOptions options, PolymarketApiCredentials credentials, TimeProvider time, Action<VenueEvent> sink,
        Func<CancellationToken, Task>? onReconnected = null, ILogger<PolymarketUserStream>? logger = null)
    {
        _credentials = credentials;
        _time = time;
        _sink = sink;
        _onReconnected = onReconnected;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _address = new Uri(options.BaseAddress, "ws/user");
        _socket = new ReconnectingSocket(options.Socket(_address), this, "user", 0, time, _logger);
    }

    public int Connects => _socket.Connects;

    public bool IsConnected => _socket.IsConnected;

    public void Start() => _socket.Start(_stopping.Token);

    /// <summary>Drops the connection as a network failure would (tests, operators).</summary>
    public void DropConnection() => _socket.Drop();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _socket.StopAsync();
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

    string IReconnectingSocketHandler.SubscribeMessage()
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

    async Task IReconnectingSocketHandler.OnConnectedAsync(int connects, CancellationToken stopping)
    {
        Log.StreamConnected(_logger, "user", _address, 0, 0);
        if (connects > 1 && _onReconnected is not null)
        {
            await _onReconnected(stopping);
        }
    }

    Task IReconnectingSocketHandler.OnFrameAsync(PolymarketSocketConnection connection, ReadOnlyMemory<byte> frame, CancellationToken stopping)
    {
        try
        {
            foreach (var venueEvent in Parse(frame.Span, _credentials.Key, _time))
            {
                _sink(venueEvent);
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            Log.FrameParseFailed(_logger, "user", ex.Message);
        }

        return Task.CompletedTask;
    }

    void IReconnectingSocketHandler.OnLost(string reason, TimeSpan wait)
    {
        Diagnostics.PolymarketDiagnostics.WebSocketReconnecting("user");
        Log.StreamLost(_logger, "user", 0, reason, (long)wait.TotalMilliseconds);
    }
}
