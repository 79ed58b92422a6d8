using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.MarketData;
using Ploy.Core.Primitives;

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
    private readonly List<PolymarketMarketShard> _shards = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;

    public PolymarketMarketStream(PolymarketStreamOptions options, TimeProvider time, ILogger<PolymarketMarketStream>? logger = null)
    {
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _knownLookup = _known.GetAlternateLookup<ReadOnlySpan<char>>();
        // Taken once: a subscribe racing DisposeAsync must not throw reading the token of the disposed source.
        _stoppingToken = _stopping.Token;
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
        var sends = new List<(PolymarketMarketShard Shard, List<string> Assets)>();
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
                    shard = new PolymarketMarketShard(_shards.Count, _options, Known, Emit, _time, _logger);
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
            shard.Start(_stoppingToken);
            await shard.SendOperationAsync("subscribe", assets, cancellationToken);
        }
    }

    /// <summary>Removes tokens (e.g. a round that closed).</summary>
    public async Task UnsubscribeAsync(IReadOnlyCollection<TokenId> tokens, CancellationToken cancellationToken)
    {
        var sends = new List<(PolymarketMarketShard Shard, string Asset)>();
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
        PolymarketMarketShard[] shards;
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
}
