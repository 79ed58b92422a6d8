using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Ploy.Core.MarketData;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Parsing;

namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>
/// One market-channel connection of a <see cref="PolymarketMarketStream"/> and the tokens it carries: subscribes the
/// whole set on every (re)connect, distrusts every book when the connection is lost, and reconnects when a requested
/// resync brings no snapshot. Its receive loop is the only writer of its books (see the Books part).
/// </summary>
internal sealed partial class PolymarketMarketShard : IReconnectingSocketHandler
{
    private readonly int _index;
    private readonly PolymarketStreamOptions _options;
    private readonly Action<MarketDataEvent> _emit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _address;
    private readonly ReconnectingSocket _socket;
    private readonly Lock _lock = new();
    private readonly Dictionary<TokenId, PolymarketBookMirror> _books = [];
    private readonly Dictionary<TokenId, long> _awaitingSnapshot = [];
    private readonly HashSet<TokenId> _tokens = [];
    private readonly PolymarketMarketMessageReader _reader;
    private readonly Action<PolymarketMarketMessage> _onMessage;
    private int _subscribedAssets;
    private long _lastRefresh;
    private bool _started;

    /// <param name="index">The shard's number, in logs.</param>
    /// <param name="options">Socket, keepalive, resync and hash settings.</param>
    /// <param name="known">The stream's subscribed tokens by asset id (frames name assets the stream no longer wants).</param>
    /// <param name="emit">Where the shard's market data goes.</param>
    /// <param name="time">Clock.</param>
    /// <param name="logger">The stream's logger.</param>
    public PolymarketMarketShard(int index, PolymarketStreamOptions options, Func<ReadOnlySpan<char>, TokenId?> known, Action<MarketDataEvent> emit,
        TimeProvider time, ILogger logger)
    {
        _index = index;
        _options = options;
        _emit = emit;
        _time = time;
        _logger = logger;
        _address = new Uri(options.BaseAddress, "ws/market");
        _socket = new ReconnectingSocket(options.Socket(_address), this, "market", index, time, logger);
        _reader = new PolymarketMarketMessageReader(known);
        _onMessage = OnMessage;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _tokens.Count;
            }
        }
    }

    public int Connects => _socket.Connects;

    public void Add(TokenId token)
    {
        lock (_lock)
        {
            _tokens.Add(token);
        }
    }

    public bool Remove(TokenId token)
    {
        lock (_lock)
        {
            _books.Remove(token);
            _awaitingSnapshot.Remove(token);
            return _tokens.Remove(token);
        }
    }

    /// <summary>Starts the connection on the shard's first token; later calls do nothing.</summary>
    public void Start(CancellationToken stopping)
    {
        lock (_lock)
        {
            if (_started)
            {
                return;
            }

            _started = true;
            _socket.Start(stopping);
        }
    }

    public void Drop() => _socket.Drop();

    public Task StopAsync() => _socket.StopAsync();

    /// <summary>Sends a dynamic (un)subscribe on a live connection; a closed one picks the set up when it reconnects.</summary>
    public async Task SendOperationAsync(string operation, IReadOnlyList<string> assets, CancellationToken cancellationToken)
    {
        if (_socket.Connection is not { State: WebSocketState.Open } connection)
        {
            return;
        }

        try
        {
            await connection.SendTextAsync(Message(operation, assets), cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection is going away; the reconnect subscribes the whole set.
        }
    }

    string IReconnectingSocketHandler.SubscribeMessage()
    {
        List<string> assets;
        lock (_lock)
        {
            // A fresh subscription sends every book again: until each arrives, its deltas are dropped.
            assets = [.. _tokens.Select(t => t.Value)];
            _books.Clear();
            foreach (var token in _tokens)
            {
                _awaitingSnapshot[token] = _time.GetTimestamp();
            }
        }

        _subscribedAssets = assets.Count;
        return Message(null, assets, _options.CustomFeatures);
    }

    Task IReconnectingSocketHandler.OnConnectedAsync(int connects, CancellationToken stopping)
    {
        Log.StreamConnected(_logger, "market", _address, _index, _subscribedAssets);
        _lastRefresh = _time.GetTimestamp();
        return Task.CompletedTask;
    }

    Task IReconnectingSocketHandler.OnFrameAsync(PolymarketSocketConnection connection, ReadOnlyMemory<byte> frame, CancellationToken stopping)
    {
        try
        {
            _reader.Read(frame.Span, _onMessage);
            return Task.CompletedTask;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            // A frame we cannot read may have carried a delta: every book of this connection is suspect.
            Log.FrameParseFailed(_logger, "market", ex.Message);
            MarkAllUntrusted("unreadable frame");
            return RequestResyncAsync(connection, [.. _books.Keys], stopping);
        }
    }

    void IReconnectingSocketHandler.OnLost(string reason, TimeSpan wait)
    {
        MarkAllUntrusted("connection lost: " + reason);
        Diagnostics.PolymarketDiagnostics.WebSocketReconnecting("market");
        Log.StreamLost(_logger, "market", _index, reason, (long)wait.TotalMilliseconds);
    }

    bool IReconnectingSocketHandler.NeedsReconnect()
    {
        lock (_lock)
        {
            // Venue quirk: re-subscribing an asset is not documented to resend its book; reconnecting always does.
            return _awaitingSnapshot.Values.Any(since => _time.GetElapsedTime(since) > _options.ResyncTimeout);
        }
    }

    async Task IReconnectingSocketHandler.OnPingSentAsync(PolymarketSocketConnection connection, CancellationToken cancellationToken)
    {
        if (_options.SnapshotRefreshInterval is { } refresh && _time.GetElapsedTime(_lastRefresh) >= refresh)
        {
            _lastRefresh = _time.GetTimestamp();
            List<TokenId> tokens;
            lock (_lock)
            {
                tokens = [.. _tokens];
            }

            await RequestResyncAsync(connection, tokens, cancellationToken);
        }
    }

    private static string Message(string? operation, IReadOnlyCollection<string> assets, bool customFeatures = false)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("assets_ids");
            foreach (var asset in assets)
            {
                w.WriteStringValue(asset);
            }

            w.WriteEndArray();
            if (operation is null)
            {
                w.WriteString("type", "market");
                w.WriteBoolean("initial_dump", true);
                if (customFeatures)
                {
                    w.WriteBoolean("custom_feature_enabled", true);
                }
            }
            else
            {
                w.WriteString("operation", operation);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task RequestResyncAsync(PolymarketSocketConnection? connection, List<TokenId> tokens, CancellationToken cancellationToken)
    {
        if (connection is not { State: WebSocketState.Open } || tokens.Count == 0)
        {
            return;
        }

        try
        {
            // Subscribing an asset again makes the venue send its current book.
            await connection.SendTextAsync(Message("subscribe", [.. tokens.Select(t => t.Value)]), cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The reconnect resyncs everything.
        }
    }
}
