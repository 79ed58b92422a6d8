using System.Threading.Channels;
using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.Venues.Simulated;

/// <summary>
/// Market data of every simulated market on one unbounded channel, written synchronously while the exchange works.
/// Book levels changed by an operation are coalesced and published when it ends (one
/// <see cref="PriceChangeEvent"/> per level whose total differs from what was last published). Subscriptions are
/// accepted but do not filter: an in-process venue has no bandwidth to save.
/// </summary>
internal sealed class SimulatedMarketDataFeed : IMarketDataFeed
{
    private readonly Channel<MarketDataEvent> _channel = Channel.CreateUnbounded<MarketDataEvent>();
    private readonly Dictionary<(TokenId Token, Side Side, int Units), decimal> _published = [];
    private readonly Dictionary<(TokenId Token, Side Side, int Units), decimal> _dirty = [];
    private readonly List<(TokenId Token, Side Side, int Units)> _dirtyOrder = [];

    public ChannelReader<MarketDataEvent> Events => _channel.Reader;

    /// <summary>Events written so far (for tests and diagnostics).</summary>
    public long Published { get; private set; }

    public Task SubscribeAsync(IReadOnlyCollection<TokenId> tokens, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UnsubscribeAsync(IReadOnlyCollection<TokenId> tokens, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Publish(MarketDataEvent marketEvent)
    {
        // Unbounded: TryWrite always succeeds, so events are in the channel when the exchange call returns.
        _channel.Writer.TryWrite(marketEvent);
        Published++;
    }

    public void LevelChanged(TokenId token, Side side, Price price, decimal total)
    {
        var key = (token, side, price.Units);
        if (!_dirty.ContainsKey(key))
        {
            _dirtyOrder.Add(key);
        }

        _dirty[key] = total;
    }

    /// <summary>Publishes the net change of every level touched since the last flush, in the order first touched.</summary>
    public void Flush(DateTimeOffset at)
    {
        foreach (var key in _dirtyOrder)
        {
            var total = _dirty[key];
            if (_published.GetValueOrDefault(key) == total)
            {
                continue;
            }

            if (total == 0m)
            {
                _published.Remove(key);
            }
            else
            {
                _published[key] = total;
            }

            Publish(new PriceChangeEvent(key.Token, key.Side, Price.FromUnits(key.Units), Size.Of(total), null, at));
        }

        _dirty.Clear();
        _dirtyOrder.Clear();
    }

    /// <summary>Publishes full books of both tokens of a market (and makes them the published state).</summary>
    public void Snapshot(MatchingEngine engine, BinaryMarket market, DateTimeOffset at)
    {
        Flush(at);
        Span<BookLevel> buffer = stackalloc BookLevel[Price.UnitsPerOne / market.Tick.Units + 1];
        foreach (var token in (ReadOnlySpan<TokenId>)[market.Yes, market.No])
        {
            var bids = Copy(engine, market, token, Side.Buy, buffer);
            var asks = Copy(engine, market, token, Side.Sell, buffer);
            Publish(new BookSnapshotEvent(token, bids, asks, null, at));
        }
    }

    /// <summary>Forgets the published levels of a market that is gone.</summary>
    public void Forget(BinaryMarket market)
    {
        foreach (var key in _published.Keys.Where(k => market.Contains(k.Token)).ToList())
        {
            _published.Remove(key);
        }
    }

    private BookLevel[] Copy(MatchingEngine engine, BinaryMarket market, TokenId token, Side side, Span<BookLevel> buffer)
    {
        var count = engine.CopyDepth(market.Condition, token, side, buffer);
        var levels = buffer[..count].ToArray();
        foreach (var level in levels)
        {
            _published[(token, side, level.Price.Units)] = level.Size.Shares;
        }

        return levels;
    }
}
