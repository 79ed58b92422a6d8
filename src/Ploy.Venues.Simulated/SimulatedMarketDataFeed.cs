using System.Threading.Channels;
using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.Venues.Simulated;

/// <summary>
/// Market data of every simulated market on one unbounded channel, written synchronously while the exchange works.
/// Books are published the way Polymarket publishes them: one engine serves both tokens of a market, so token T's
/// level on side S at price p is T's own orders there plus the complementary token's orders on the opposite side at
/// 1 − p (a resting NO bid at 0.40 is also a YES ask at 0.60; a resting NO ask at 0.45 is also a YES bid at 0.55).
/// The two tokens' books are therefore mirror images of each other.
/// Book levels changed by an operation are coalesced and published when it ends (one
/// <see cref="PriceChangeEvent"/> per published level whose total differs from what was last published). Subscriptions
/// are accepted but do not filter: an in-process venue has no bandwidth to save.
/// </summary>
/// <remarks>
/// A mirrored book can be crossed, and that is intended. With merge matching off (the exchange default) a YES sell at
/// q and a NO sell at s with q + s ≤ 1 both rest, since neither crosses its own token's book; mirrored, the NO sell is
/// a YES bid at 1 − s ≥ q, so the YES book shows bid ≥ ask (and the NO book likewise). That is the complete-set
/// arbitrage signal (buy both for q + s ≤ 1, redeem for 1), so the levels are published as they are, not hidden.
/// Buys cannot cross this way: a YES buy at b and a NO buy at c with b + c ≥ 1 always match (they mint a set).
/// </remarks>
internal sealed class SimulatedMarketDataFeed : IMarketDataFeed
{
    private readonly Channel<MarketDataEvent> _channel = Channel.CreateUnbounded<MarketDataEvent>();

    // Each listed market's token → its complement, for mirroring.
    private readonly Dictionary<TokenId, TokenId> _complements = [];

    // The engine's own per-token level totals as last reported (no zero entries).
    private readonly Dictionary<(TokenId Token, Side Side, int Units), decimal> _own = [];

    // Published (mirrored) level totals as last published (no zero entries).
    private readonly Dictionary<(TokenId Token, Side Side, int Units), decimal> _published = [];

    // Published levels an operation may have changed, in the order first touched (deterministic output order).
    private readonly HashSet<(TokenId Token, Side Side, int Units)> _dirty = [];
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

    /// <summary>Learns a newly listed market's token pair, so each token's book can mirror the other's.</summary>
    public void Register(BinaryMarket market)
    {
        if (!_complements.TryAdd(market.Yes, market.No) || !_complements.TryAdd(market.No, market.Yes))
        {
            throw new InvalidOperationException($"Market {market.Condition} is already registered with the feed.");
        }
    }

    /// <summary>
    /// Records a new total of one of the engine's own levels and marks the two published levels it feeds: its own
    /// and the complementary token's opposite side at 1 − p.
    /// </summary>
    public void LevelChanged(TokenId token, Side side, Price price, decimal total)
    {
        if (!_complements.TryGetValue(token, out var complement))
        {
            throw new InvalidOperationException($"Token {token} belongs to no market registered with the feed.");
        }

        var own = (token, side, price.Units);
        if (total == 0m)
        {
            _own.Remove(own);
        }
        else
        {
            _own[own] = total;
        }

        MarkDirty(own);
        MarkDirty((complement, side.Opposite(), Price.UnitsPerOne - price.Units));
    }

    /// <summary>Publishes the net change of every published level touched since the last flush, in the order first touched.</summary>
    public void Flush(DateTimeOffset at)
    {
        // Each change is published once the next is known, so that only the last one says the batch is whole.
        PriceChangeEvent? pending = null;
        foreach (var key in _dirtyOrder)
        {
            var total = PublishedTotal(key);
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

            if (pending is not null)
            {
                Publish(pending with { MoreInBatch = true });
            }

            pending = new PriceChangeEvent(key.Token, key.Side, Price.FromUnits(key.Units), Size.Of(total), null, at);
        }

        if (pending is not null)
        {
            Publish(pending);
        }

        _dirty.Clear();
        _dirtyOrder.Clear();
    }

    /// <summary>Publishes full (mirrored) books of both tokens of a market, and makes them the published state.</summary>
    public void Snapshot(MatchingEngine engine, BinaryMarket market, DateTimeOffset at)
    {
        Flush(at);
        // Sized by the engine's grid, not the market's tick: orders from before a tick change may rest between ticks.
        var slots = engine.LevelCapacity(market.Condition);
        var own = new BookLevel[slots];
        var mirrored = new BookLevel[slots];
        var merged = new BookLevel[2 * slots];
        foreach (var token in (ReadOnlySpan<TokenId>)[market.Yes, market.No])
        {
            var bids = Copy(engine, market, token, Side.Buy, own, mirrored, merged);
            var asks = Copy(engine, market, token, Side.Sell, own, mirrored, merged);
            Publish(new BookSnapshotEvent(token, bids, asks, null, at));
        }
    }

    /// <summary>Forgets a market that is gone: its token pair and its own and published levels.</summary>
    public void Forget(BinaryMarket market)
    {
        foreach (var key in _published.Keys.Where(k => market.Contains(k.Token)).ToList())
        {
            _published.Remove(key);
        }

        foreach (var key in _own.Keys.Where(k => market.Contains(k.Token)).ToList())
        {
            _own.Remove(key);
        }

        _complements.Remove(market.Yes);
        _complements.Remove(market.No);
    }

    /// <summary>
    /// Merges two sides that are both ordered best first for <paramref name="side"/> (descending prices for bids,
    /// ascending for asks), summing sizes at equal prices.
    /// </summary>
    private static int Merge(Side side, ReadOnlySpan<BookLevel> a, ReadOnlySpan<BookLevel> b, Span<BookLevel> destination)
    {
        int i = 0, j = 0, count = 0;
        while (i < a.Length && j < b.Length)
        {
            var (x, y) = (a[i].Price.Units, b[j].Price.Units);
            if (x == y)
            {
                destination[count++] = new BookLevel(a[i].Price, Size.Of(a[i].Size.Shares + b[j].Size.Shares));
                i++;
                j++;
            }
            else if (side == Side.Buy ? x > y : x < y)
            {
                destination[count++] = a[i++];
            }
            else
            {
                destination[count++] = b[j++];
            }
        }

        a[i..].CopyTo(destination[count..]);
        count += a.Length - i;
        b[j..].CopyTo(destination[count..]);
        return count + b.Length - j;
    }

    private void MarkDirty((TokenId Token, Side Side, int Units) key)
    {
        if (_dirty.Add(key))
        {
            _dirtyOrder.Add(key);
        }
    }

    private decimal PublishedTotal((TokenId Token, Side Side, int Units) key) =>
        _own.GetValueOrDefault(key)
        + _own.GetValueOrDefault((_complements[key.Token], key.Side.Opposite(), Price.UnitsPerOne - key.Units));

    /// <summary>One published side of a token: its own depth merged with the complement's opposite side mirrored.</summary>
    private BookLevel[] Copy(MatchingEngine engine, BinaryMarket market, TokenId token, Side side, Span<BookLevel> own, Span<BookLevel> mirrored, Span<BookLevel> merged)
    {
        var ownCount = engine.CopyDepth(market.Condition, token, side, own);

        // The complement's opposite side, best first for it, is best first for this side once mirrored
        // (its best ask q is the lowest, so 1 − q is the highest bid), so the order carries over.
        var mirroredCount = engine.CopyDepth(market.Condition, market.Complement(token), side.Opposite(), mirrored);
        for (var k = 0; k < mirroredCount; k++)
        {
            mirrored[k] = mirrored[k] with { Price = mirrored[k].Price.Complement };
        }

        var count = Merge(side, own[..ownCount], mirrored[..mirroredCount], merged);
        var levels = merged[..count].ToArray();
        foreach (var key in _published.Keys.Where(k => k.Token == token && k.Side == side).ToList())
        {
            _published.Remove(key);
        }

        foreach (var level in levels)
        {
            _published[(token, side, level.Price.Units)] = level.Size.Shares;
        }

        return levels;
    }
}
