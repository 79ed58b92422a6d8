using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Parsing;

namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>
/// The market channel (protocol reference §7): books, deltas, tick-size changes and last trades for the subscribed
/// tokens, as Core <see cref="MarketDataEvent"/>s. Tokens are spread over connections of at most
/// <see cref="PolymarketStreamOptions.MaxAssetsPerConnection"/>; each connection keeps alive with text PING/PONG,
/// reconnects with exponential backoff, resubscribes and resyncs from fresh snapshots. A book whose hash does not match
/// or whose connection dropped is reported untrusted (a Core <see cref="BookUntrustedEvent"/>, which the engine turns into
/// an untrusted book); after a tick-size change the <see cref="TickSizeChangeEvent"/> itself does that. Either way the
/// token's deltas are dropped and a fresh snapshot is requested; the next <see cref="BookSnapshotEvent"/> restores trust.
/// </summary>
public sealed class PolymarketMarketStream : IAsyncDisposable
{
    private readonly PolymarketStreamOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<MarketDataEvent> _events = Channel.CreateUnbounded<MarketDataEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TokenId> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenId>.AlternateLookup<ReadOnlySpan<char>> _knownLookup;
    private readonly List<Shard> _shards = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();

    public PolymarketMarketStream(PolymarketStreamOptions options, TimeProvider time, ILogger<PolymarketMarketStream>? logger = null)
    {
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _knownLookup = _known.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ChannelReader<MarketDataEvent> Events => _events.Reader;

    /// <summary>Connections opened so far (for tests and status).</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_lock)
            {
                return _shards.Sum(s => s.Connects);
            }
        }
    }

    /// <summary>Connections currently in use (one per shard).</summary>
    public int ShardCount
    {
        get
        {
            lock (_lock)
            {
                return _shards.Count;
            }
        }
    }

    /// <summary>Adds tokens: sent at once on live connections, with the next (re)connect otherwise.</summary>
    public async Task SubscribeAsync(IReadOnlyCollection<TokenId> tokens, CancellationToken cancellationToken)
    {
        var sends = new List<(Shard Shard, List<string> Assets)>();
        lock (_lock)
        {
            foreach (var token in tokens)
            {
                if (!_known.TryAdd(token.Value, token))
                {
                    continue;
                }

                var shard = _shards.FirstOrDefault(s => s.Count < _options.MaxAssetsPerConnection);
                if (shard is null)
                {
                    shard = new Shard(this, _shards.Count);
                    _shards.Add(shard);
                }

                shard.Add(token);
                var pending = sends.FirstOrDefault(s => s.Shard == shard);
                if (pending.Shard is null)
                {
                    sends.Add((shard, [token.Value]));
                }
                else
                {
                    pending.Assets.Add(token.Value);
                }
            }
        }

        foreach (var (shard, assets) in sends)
        {
            shard.Start();
            await shard.SendOperationAsync("subscribe", assets, cancellationToken);
        }
    }

    /// <summary>Removes tokens (e.g. a round that closed).</summary>
    public async Task UnsubscribeAsync(IReadOnlyCollection<TokenId> tokens, CancellationToken cancellationToken)
    {
        var sends = new List<(Shard Shard, string Asset)>();
        lock (_lock)
        {
            foreach (var token in tokens)
            {
                if (!_known.TryRemove(token.Value, out _))
                {
                    continue;
                }

                foreach (var shard in _shards)
                {
                    if (shard.Remove(token))
                    {
                        sends.Add((shard, token.Value));
                    }
                }
            }
        }

        foreach (var group in sends.GroupBy(s => s.Shard))
        {
            await group.Key.SendOperationAsync("unsubscribe", [.. group.Select(g => g.Asset)], cancellationToken);
        }
    }

    /// <summary>Drops every connection at once (as a network failure would); they reconnect and resync. For tests and operators.</summary>
    public void DropConnections()
    {
        lock (_lock)
        {
            foreach (var shard in _shards)
            {
                shard.Drop();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Shard[] shards;
        lock (_lock)
        {
            shards = [.. _shards];
        }

        foreach (var shard in shards)
        {
            await shard.StopAsync();
        }

        _events.Writer.TryComplete();
        _stopping.Dispose();
    }

    private TokenId? Known(ReadOnlySpan<char> asset) => _knownLookup.TryGetValue(asset, out var token) ? token : null;

    private void Emit(MarketDataEvent marketData) => _events.Writer.TryWrite(marketData);

    /// <summary>One connection and the tokens it carries. Its receive loop is the only writer of its books.</summary>
    private sealed class Shard
    {
        private readonly PolymarketMarketStream _stream;
        private readonly int _index;
        private readonly Lock _lock = new();
        private readonly Dictionary<TokenId, PolymarketBookMirror> _books = [];
        private readonly Dictionary<TokenId, long> _awaitingSnapshot = [];
        private readonly HashSet<TokenId> _tokens = [];
        private readonly PolymarketMarketMessageReader _reader;
        private readonly Action<PolymarketMarketMessage> _onMessage;
        private PolymarketSocketConnection? _connection;
        private Task _loop = Task.CompletedTask;
        private long _lastActivity;
        private bool _started;

        public Shard(PolymarketMarketStream stream, int index)
        {
            _stream = stream;
            _index = index;
            _reader = new PolymarketMarketMessageReader(stream.Known);
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

        public int Connects { get; private set; }

        private PolymarketStreamOptions Options => _stream._options;

        private TimeProvider Time => _stream._time;

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

        public void Start()
        {
            lock (_lock)
            {
                if (_started)
                {
                    return;
                }

                _started = true;
                _loop = Task.Run(() => RunAsync(_stream._stopping.Token));
            }
        }

        public void Drop() => _connection?.Abort();

        public async Task StopAsync()
        {
            _connection?.Abort();
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        /// <summary>Sends a dynamic (un)subscribe on a live connection; a closed one picks the set up when it reconnects.</summary>
        public async Task SendOperationAsync(string operation, IReadOnlyList<string> assets, CancellationToken cancellationToken)
        {
            if (_connection is not { State: WebSocketState.Open } connection)
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

        private async Task RunAsync(CancellationToken stopping)
        {
            var backoff = new ReconnectBackoff(Options.ReconnectMinDelay, Options.ReconnectMaxDelay);
            var uri = new Uri(Options.BaseAddress, "ws/market");
            while (!stopping.IsCancellationRequested)
            {
                var reason = "closed by the venue";
                var connection = new PolymarketSocketConnection();
                try
                {
                    await connection.ConnectAsync(uri, Options.ConnectTimeout, stopping);
                    List<string> assets;
                    lock (_lock)
                    {
                        assets = [.. _tokens.Select(t => t.Value)];
                        _books.Clear();
                        foreach (var token in _tokens)
                        {
                            _awaitingSnapshot[token] = Time.GetTimestamp();
                        }
                    }

                    Interlocked.Exchange(ref _lastActivity, Time.GetTimestamp());
                    _connection = connection;
                    Connects++;
                    await connection.SendTextAsync(Message(null, assets, Options.CustomFeatures), stopping);
                    Log.StreamConnected(_stream._logger, "market", uri, _index, assets.Count);
                    backoff.Reset();
                    using var keepalive = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    var pinger = KeepAliveAsync(connection, keepalive.Token);
                    try
                    {
                        await ReceiveLoopAsync(connection, stopping);
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
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or JsonException or FormatException
                    or InvalidOperationException or ObjectDisposedException)
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

                MarkAllUntrusted("connection lost: " + reason);
                Diagnostics.PolymarketDiagnostics.WebSocketReconnecting("market");
                var jittered = backoff.Next();
                Log.StreamLost(_stream._logger, "market", _index, reason, (long)jittered.TotalMilliseconds);
                try
                {
                    await Task.Delay(jittered, Time, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        private async Task ReceiveLoopAsync(PolymarketSocketConnection connection, CancellationToken stopping)
        {
            while (true)
            {
                var frame = await connection.ReceiveAsync(stopping);
                if (frame is not { } bytes)
                {
                    return;
                }

                Interlocked.Exchange(ref _lastActivity, Time.GetTimestamp());
                var span = bytes.Span;
                if (span.SequenceEqual("PONG"u8) || span.IsEmpty)
                {
                    continue;
                }

                try
                {
                    _reader.Read(span, _onMessage);
                }
                catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
                {
                    // A frame we cannot read may have carried a delta: every book of this connection is suspect.
                    Log.FrameParseFailed(_stream._logger, "market", ex.Message);
                    MarkAllUntrusted("unreadable frame");
                    await RequestResyncAsync(connection, [.. _books.Keys], stopping);
                }
            }
        }

        private async Task KeepAliveAsync(PolymarketSocketConnection connection, CancellationToken cancellationToken)
        {
            var lastRefresh = Time.GetTimestamp();
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(Options.PingInterval, Time, cancellationToken);
                    var silent = Time.GetElapsedTime(Interlocked.Read(ref _lastActivity));
                    if (silent > Options.PongTimeout)
                    {
                        Log.PongTimeout(_stream._logger, "market", _index, silent.TotalSeconds);
                        connection.Abort();
                        return;
                    }

                    bool resyncOverdue;
                    lock (_lock)
                    {
                        resyncOverdue = _awaitingSnapshot.Values.Any(since => Time.GetElapsedTime(since) > Options.ResyncTimeout);
                    }

                    if (resyncOverdue)
                    {
                        // Venue quirk: re-subscribing an asset is not documented to resend its book; reconnecting always does.
                        connection.Abort();
                        return;
                    }

                    await connection.SendTextAsync("PING", cancellationToken);
                    if (Options.SnapshotRefreshInterval is { } refresh && Time.GetElapsedTime(lastRefresh) >= refresh)
                    {
                        lastRefresh = Time.GetTimestamp();
                        List<TokenId> tokens;
                        lock (_lock)
                        {
                            tokens = [.. _tokens];
                        }

                        await RequestResyncAsync(connection, tokens, cancellationToken);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The receive loop notices the end of the connection.
            }
        }

        private void OnMessage(PolymarketMarketMessage message)
        {
            var at = message.TimestampMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(message.TimestampMs) : Time.GetUtcNow();
            switch (message.Kind)
            {
                case PolymarketMarketMessageKind.Book:
                    OnBook(message, at);
                    break;
                case PolymarketMarketMessageKind.PriceChange:
                    OnPriceChange(message, at);
                    break;
                case PolymarketMarketMessageKind.TickSizeChange:
                    if (TickSize.TryCreate(message.OldTickSize, out var oldTick) && TickSize.TryCreate(message.NewTickSize, out var newTick) && IsTracked(message.Token))
                    {
                        // Venue quirk: levels on the old grid are void after a tick change (venue-and-users.md §0.1);
                        // the engine marks the book untrusted on this event and a fresh snapshot restores it.
                        _books.GetValueOrDefault(message.Token)?.SetTickSize(message.NewTickSize);
                        _stream.Emit(new TickSizeChangeEvent(message.Token, oldTick, newTick, at));
                        Untrust(message.Token, "tick size changed", emit: false);
                        _ = RequestResyncAsync(_connection, [message.Token], CancellationToken.None);
                    }

                    break;
                case PolymarketMarketMessageKind.LastTradePrice:
                    if (IsTracked(message.Token) && Price.TryCreate(message.Price, out var price) && Core.Primitives.Size.TryCreate(message.Size, out var size))
                    {
                        _books.GetValueOrDefault(message.Token)?.SetLastTradePrice(message.Price);
                        _stream.Emit(new LastTradeEvent(message.Token, price, size, message.Side, at));
                    }

                    break;
                default:
                    // best_bid_ask, new_market, market_resolved: derivable from books / the markets poll; ignored deliberately.
                    break;
            }
        }

        private bool IsTracked(TokenId token)
        {
            lock (_lock)
            {
                return _tokens.Contains(token);
            }
        }

        private void OnBook(PolymarketMarketMessage message, DateTimeOffset at)
        {
            var token = message.Token;
            if (!IsTracked(token))
            {
                return;
            }

            if (!_books.TryGetValue(token, out var book))
            {
                book = new PolymarketBookMirror(token);
                _books[token] = book;
            }

            book.ApplySnapshot(message);
            if (ShouldVerify(book, message.Hash) && !book.Matches(message.Hash))
            {
                OnMismatch(book, "snapshot hash mismatch");
                return;
            }

            lock (_lock)
            {
                _awaitingSnapshot.Remove(token);
            }

            _stream.Emit(new BookSnapshotEvent(token, Levels(message.Bids), Levels(message.Asks), message.Hash.IsEmpty ? null : message.Hash.ToString(), at));
        }

        private void OnPriceChange(PolymarketMarketMessage message, DateTimeOffset at)
        {
            var changes = message.Changes;
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                if (!_books.TryGetValue(change.Token, out var book) || IsAwaiting(change.Token))
                {
                    continue;
                }

                book.Apply(change.Side, change.Price, change.Size, message.TimestampMs);
                if (Price.TryCreate(change.Price, out var price) && Core.Primitives.Size.TryCreate(change.Size, out var size))
                {
                    _stream.Emit(new PriceChangeEvent(change.Token, change.Side, price, size, null, at));
                }

                // The hash covers the book after every change of this token in the message: check after its last one.
                var lastOfToken = i == changes.Count - 1 || changes[i + 1].Token != change.Token;
                if (lastOfToken && ShouldVerify(book, change.Hash) && !book.Matches(change.Hash))
                {
                    OnMismatch(book, "delta hash mismatch");
                }
                else if (lastOfToken)
                {
                    book.Mismatches = 0;
                }
            }
        }

        private bool ShouldVerify(PolymarketBookMirror book, in PolymarketHashText hash) =>
            Options.VerifyBookHashes && book.Verifiable && !hash.IsEmpty && book.Mismatches < Options.MaxHashMismatches;

        private void OnMismatch(PolymarketBookMirror book, string reason)
        {
            book.Mismatches++;
            if (book.Mismatches >= Options.MaxHashMismatches)
            {
                // Repeated mismatches right after fresh snapshots mean a hash format we do not reproduce, not a bad book:
                // stop checking this token rather than resyncing forever.
                reason += $"; hash check disabled for this token after {book.Mismatches} mismatches";
            }

            Untrust(book.Token, reason, emit: true);
            Diagnostics.PolymarketDiagnostics.BookGap();
            _ = RequestResyncAsync(_connection, [book.Token], CancellationToken.None);
        }

        private bool IsAwaiting(TokenId token)
        {
            lock (_lock)
            {
                return _awaitingSnapshot.ContainsKey(token);
            }
        }

        private void Untrust(TokenId token, string reason, bool emit)
        {
            lock (_lock)
            {
                _awaitingSnapshot[token] = Time.GetTimestamp();
            }

            Log.BookUntrusted(_stream._logger, token.Value, reason);
            if (emit)
            {
                _stream.Emit(new BookUntrustedEvent(token, reason, Time.GetUtcNow()));
            }
        }

        private void MarkAllUntrusted(string reason)
        {
            List<TokenId> tokens;
            lock (_lock)
            {
                tokens = [.. _tokens];
            }

            foreach (var token in tokens)
            {
                Untrust(token, reason, emit: true);
            }
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

        private static BookLevel[] Levels(List<(decimal Price, decimal Size)> levels)
        {
            var count = 0;
            var result = new BookLevel[levels.Count];
            foreach (var (p, s) in levels)
            {
                if (s > 0m && Price.TryCreate(p, out var price) && Core.Primitives.Size.TryCreate(s, out var size))
                {
                    result[count++] = new BookLevel(price, size);
                }
            }

            return count == result.Length ? result : result[..count];
        }
    }
}
