using FsCheck.Fluent;
using Ploy.Core.Books;
using Ploy.Core.Primitives;
using Ploy.Testing;

namespace Ploy.Core.Tests.Books;

public sealed class OrderBookTests
{
    private static readonly DateTimeOffset T0 = TestTime.Start;

    [Fact]
    public void New_BeforeFirstSnapshot_EmptyUntrustedAndStale()
    {
        var book = new OrderBook(new("token-yes"));

        Assert.False(book.IsTrusted);
        Assert.Equal("no snapshot yet", book.UntrustedReason);
        Assert.Null(book.BestBid);
        Assert.Null(book.BestAsk);
        Assert.Null(book.Mid);
        Assert.Null(book.Spread);
        Assert.True(book.IsStale(T0, TimeSpan.FromDays(365)));
        Assert.Equal(0, book.CopyDepth(Side.Buy, new BookLevel[4]));
        Assert.Equal(Size.Zero, book.DepthAtOrBetter(Side.Sell, Price.Of(0.99m)));
    }

    [Fact]
    public void ApplySnapshot_UnorderedLevels_BestBidIsHighestBestAskIsLowest()
    {
        var book = new OrderBookBuilder()
            .Bid(0.45m, 30).Bid(0.48m, 100).Bid(0.47m, 20)
            .Ask(0.55m, 10).Ask(0.52m, 50).Ask(0.60m, 5)
            .Build();

        Assert.Equal(new BookLevel(Price.Of(0.48m), Size.Of(100m)), book.BestBid);
        Assert.Equal(new BookLevel(Price.Of(0.52m), Size.Of(50m)), book.BestAsk);
        Assert.Equal(0.50m, book.Mid);
        Assert.Equal(0.04m, book.Spread);
        Assert.Equal(3, book.BidLevelCount);
        Assert.Equal(3, book.AskLevelCount);
        Assert.False(book.IsCrossed);
        Assert.True(book.IsTrusted);
        Assert.Null(book.UntrustedReason);
        Assert.Equal(1, book.UpdateCount);
        Assert.Equal(T0, book.LastUpdate);
    }

    [Fact]
    public void Mid_OddUnitSum_IsExactHalfUnit()
    {
        var book = new OrderBookBuilder().Bid(0.4801m, 1).Ask(0.4804m, 1).Build();

        Assert.Equal(0.48025m, book.Mid);
        Assert.Equal(0.0003m, book.Spread);
    }

    [Fact]
    public void ApplySnapshot_AfterDeltas_ReplacesTheWholeBook()
    {
        var book = new OrderBookBuilder().Bid(0.40m, 10).Ask(0.60m, 10).Build();
        book.ApplyDelta(Side.Buy, Price.Of(0.45m), Size.Of(5m), T0);

        book.ApplySnapshot([new(Price.Of(0.30m), Size.Of(1m))], [], T0.AddSeconds(1));

        Assert.Equal(Price.Of(0.30m), book.BestBid?.Price);
        Assert.Null(book.BestAsk);
        Assert.Equal(1, book.BidLevelCount);
        Assert.Equal(0, book.AskLevelCount);
        Assert.Equal(Size.Zero, book.SizeAt(Side.Buy, Price.Of(0.45m)));
        Assert.Equal(Size.Zero, book.SizeAt(Side.Sell, Price.Of(0.60m)));
        Assert.Equal(3, book.UpdateCount);
    }

    [Fact]
    public void ApplyDelta_BetterBidAndAsk_BecomeBest()
    {
        var book = new OrderBookBuilder().Bid(0.48m, 100).Ask(0.52m, 50).Build();

        book.ApplyDelta(Side.Buy, Price.Of(0.49m), Size.Of(7m), T0.AddSeconds(1));
        book.ApplyDelta(Side.Sell, Price.Of(0.51m), Size.Of(8m), T0.AddSeconds(2));

        Assert.Equal(new BookLevel(Price.Of(0.49m), Size.Of(7m)), book.BestBid);
        Assert.Equal(new BookLevel(Price.Of(0.51m), Size.Of(8m)), book.BestAsk);
        Assert.Equal(T0.AddSeconds(2), book.LastUpdate);
        Assert.Equal(3, book.UpdateCount);
    }

    [Fact]
    public void ApplyDelta_WorseLevels_KeepBestAndAddDepth()
    {
        var book = new OrderBookBuilder().Bid(0.48m, 100).Ask(0.52m, 50).Build();

        book.ApplyDelta(Side.Buy, Price.Of(0.30m), Size.Of(1m), T0);
        book.ApplyDelta(Side.Sell, Price.Of(0.70m), Size.Of(1m), T0);

        Assert.Equal(Price.Of(0.48m), book.BestBid?.Price);
        Assert.Equal(Price.Of(0.52m), book.BestAsk?.Price);
        Assert.Equal(2, book.BidLevelCount);
        Assert.Equal(2, book.AskLevelCount);
    }

    [Fact]
    public void ApplyDelta_ChangeSizeAtBest_UpdatesSizeKeepsLevelCount()
    {
        var book = new OrderBookBuilder().Bid(0.48m, 100).Ask(0.52m, 50).Build();

        book.ApplyDelta(Side.Buy, Price.Of(0.48m), Size.Of(12.5m), T0);

        Assert.Equal(Size.Of(12.5m), book.BestBid?.Size);
        Assert.Equal(1, book.BidLevelCount);
    }

    [Fact]
    public void ApplyDelta_RemoveBestBid_FindsNextBest()
    {
        var book = new OrderBookBuilder().Bid(0.48m, 100).Bid(0.30m, 5).Bid(0.1m, 1).Ask(0.52m, 50).Build();

        book.ApplyDelta(Side.Buy, Price.Of(0.48m), Size.Zero, T0);

        Assert.Equal(new BookLevel(Price.Of(0.30m), Size.Of(5m)), book.BestBid);
        Assert.Equal(2, book.BidLevelCount);
        Assert.Equal(0.41m, book.Mid);
    }

    [Fact]
    public void ApplyDelta_RemoveBestAsk_FindsNextBest()
    {
        var book = new OrderBookBuilder().Bid(0.48m, 100).Ask(0.52m, 50).Ask(0.9999m, 3).Build();

        book.ApplyDelta(Side.Sell, Price.Of(0.52m), Size.Zero, T0);

        Assert.Equal(new BookLevel(Price.Of(0.9999m), Size.Of(3m)), book.BestAsk);
        Assert.Equal(1, book.AskLevelCount);
    }

    [Fact]
    public void ApplyDelta_RemoveBestWithAdjacentLevels_NextBestIsOneUnitAway()
    {
        var book = new OrderBookBuilder()
            .Bid(0.4800m, 1).Bid(0.4799m, 2).Bid(0.4798m, 3)
            .Ask(0.5200m, 1).Ask(0.5201m, 2).Ask(0.5202m, 3)
            .Build();

        book.ApplyDelta(Side.Buy, Price.Of(0.48m), Size.Zero, T0);
        book.ApplyDelta(Side.Sell, Price.Of(0.52m), Size.Zero, T0);

        Assert.Equal(new BookLevel(Price.Of(0.4799m), Size.Of(2m)), book.BestBid);
        Assert.Equal(new BookLevel(Price.Of(0.5201m), Size.Of(2m)), book.BestAsk);
    }

    [Fact]
    public void ApplyDelta_RemoveLastLevelOnEachSide_SideBecomesEmpty()
    {
        var book = new OrderBookBuilder().Bid(0.0001m, 100).Ask(0.52m, 50).Build();

        book.ApplyDelta(Side.Buy, Price.Of(0.0001m), Size.Zero, T0);
        book.ApplyDelta(Side.Sell, Price.Of(0.52m), Size.Zero, T0);

        Assert.Null(book.BestBid);
        Assert.Null(book.BestAsk);
        Assert.Null(book.Mid);
        Assert.Equal(0, book.BidLevelCount);
        Assert.Equal(0, book.AskLevelCount);
    }

    [Fact]
    public void ApplyDelta_RemoveAbsentLevel_ChangesNothingButTime()
    {
        var book = new OrderBookBuilder().Bid(0.48m, 100).Ask(0.52m, 50).Build();

        book.ApplyDelta(Side.Buy, Price.Of(0.20m), Size.Zero, T0.AddSeconds(1));

        Assert.Equal(1, book.BidLevelCount);
        Assert.Equal(Price.Of(0.48m), book.BestBid?.Price);
        Assert.Equal(T0.AddSeconds(1), book.LastUpdate);
    }

    [Fact]
    public void ApplyDelta_UnitsAndMicrosOverload_EqualsTypedOverload()
    {
        var book = new OrderBook(new("t"));
        book.ApplySnapshot([], [], T0);

        book.ApplyDelta(Side.Buy, 4_321, 1_500_000, T0);

        Assert.Equal(new BookLevel(Price.Of(0.4321m), Size.Of(1.5m)), book.BestBid);
        Assert.Equal(Size.Of(1.5m), book.SizeAt(Side.Buy, Price.Of(0.4321m)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    [InlineData(-1)]
    [InlineData(10_001)]
    [InlineData(int.MinValue)]
    public void ApplyDelta_UnitsOutsideThePriceRange_ThrowsAndLeavesBookReadable(int units)
    {
        var book = new OrderBookBuilder().Bid(0.48m, 100).Ask(0.52m, 50).Build();

        Assert.Throws<ArgumentOutOfRangeException>(() => book.ApplyDelta(Side.Buy, units, 1, T0.AddSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.ApplyDelta(Side.Sell, units, 1, T0.AddSeconds(1)));

        Assert.Equal(Price.Of(0.48m), book.BestBid?.Price);
        Assert.Equal(Price.Of(0.52m), book.BestAsk?.Price);
        Assert.Equal(1, book.UpdateCount);
    }

    [Fact]
    public void ApplyDelta_NegativeSize_Throws()
    {
        var book = new OrderBookBuilder().Bid(0.48m, 100).Build();

        Assert.Throws<ArgumentOutOfRangeException>(() => book.ApplyDelta(Side.Buy, 4_800, -1, T0));
        Assert.Equal(Size.Of(100m), book.BestBid?.Size);
    }

    [Fact]
    public void IsCrossed_BidAtOrAboveAsk_True()
    {
        var book = new OrderBookBuilder().Bid(0.50m, 1).Ask(0.52m, 1).Build();

        book.ApplyDelta(Side.Buy, Price.Of(0.52m), Size.Of(1m), T0);

        Assert.True(book.IsCrossed);
        Assert.Equal(0m, book.Spread);
    }

    [Fact]
    public void CopyDepth_BothSides_BestFirstAndBoundedByDestination()
    {
        var book = new OrderBookBuilder()
            .Bid(0.45m, 3).Bid(0.48m, 1).Bid(0.47m, 2)
            .Ask(0.60m, 3).Ask(0.52m, 1).Ask(0.55m, 2)
            .Build();
        var bids = new BookLevel[5];
        var asks = new BookLevel[2];

        var bidCount = book.CopyDepth(Side.Buy, bids);
        var askCount = book.CopyDepth(Side.Sell, asks);

        Assert.Equal(3, bidCount);
        Assert.Equal([0.48m, 0.47m, 0.45m], bids[..bidCount].Select(l => l.Price.Value).ToArray());
        Assert.Equal([1m, 2m, 3m], bids[..bidCount].Select(l => l.Size.Shares).ToArray());
        Assert.Equal(2, askCount);
        Assert.Equal([0.52m, 0.55m], asks.Select(l => l.Price.Value).ToArray());
    }

    [Fact]
    public void DepthAtOrBetter_Limit_SumsLevelsAtOrBetterOnly()
    {
        var book = new OrderBookBuilder()
            .Bid(0.48m, 1).Bid(0.47m, 2).Bid(0.45m, 4)
            .Ask(0.52m, 10).Ask(0.55m, 20).Ask(0.60m, 40)
            .Build();

        Assert.Equal(Size.Of(3m), book.DepthAtOrBetter(Side.Buy, Price.Of(0.47m)));
        Assert.Equal(Size.Of(7m), book.DepthAtOrBetter(Side.Buy, Price.Of(0.01m)));
        Assert.Equal(Size.Zero, book.DepthAtOrBetter(Side.Buy, Price.Of(0.49m)));
        Assert.Equal(Size.Of(30m), book.DepthAtOrBetter(Side.Sell, Price.Of(0.55m)));
        Assert.Equal(Size.Of(70m), book.DepthAtOrBetter(Side.Sell, Price.Of(0.99m)));
        Assert.Equal(Size.Zero, book.DepthAtOrBetter(Side.Sell, Price.Of(0.51m)));
    }

    [Fact]
    public void MarkUntrusted_ThenDeltas_StaysUntrustedUntilNextSnapshot()
    {
        var book = new OrderBookBuilder().Bid(0.48m, 100).Ask(0.52m, 50).Build();

        book.MarkUntrusted("hash mismatch");
        book.ApplyDelta(Side.Buy, Price.Of(0.49m), Size.Of(1m), T0.AddSeconds(1));

        Assert.False(book.IsTrusted);
        Assert.Equal("hash mismatch", book.UntrustedReason);
        Assert.Equal(Price.Of(0.49m), book.BestBid?.Price);

        book.ApplySnapshot([new(Price.Of(0.40m), Size.Of(1m))], [new(Price.Of(0.60m), Size.Of(1m))], T0.AddSeconds(2));

        Assert.True(book.IsTrusted);
        Assert.Null(book.UntrustedReason);
    }

    [Fact]
    public void IsStale_ByAgeSinceLastUpdate_TrueOnlyPastMaxAge()
    {
        var book = new OrderBookBuilder().Build();
        var maxAge = TimeSpan.FromSeconds(30);

        Assert.False(book.IsStale(T0.AddSeconds(30), maxAge));
        Assert.True(book.IsStale(T0.AddSeconds(30).AddTicks(1), maxAge));

        book.ApplyDelta(Side.Buy, Price.Of(0.5m), Size.Of(1m), T0.AddSeconds(25));

        Assert.False(book.IsStale(T0.AddSeconds(55), maxAge));
        Assert.True(book.IsStale(T0.AddSeconds(56), maxAge));
    }

    [Fact]
    public void ApplyDelta_RandomDeltas_AgreesWithSortedDictionaryModel()
    {
        // Levels come from a small pool, so each is hit again and again and the best level is often removed:
        // a narrow band in mid-book plus a few far levels per case (far apart, so scans cross long empty stretches).
        // Far levels must be reused too: one never removed would sit at the top of the book for the whole case.
        var scenario =
            from far in Gen.ListOf(Gen.Choose(1, Price.UnitsPerOne - 1), 6)
            let delta =
                from side in Gen.Elements(Side.Buy, Side.Sell)
                from u in Gen.Frequency((5, Gen.Choose(4_970, 5_030)), (1, Gen.Elements(far.ToArray())))
                from m in Gen.Frequency((2, Gen.Constant(0L)), (3, Gen.Choose(1, 5_000_000).Select(x => (long)x)))
                select (Side: side, Units: u, Micros: m)
            from snapshot in Gen.ListOf(delta, 20)
            from deltas in Gen.ListOf(delta, 300)
            from limits in Gen.ListOf(Gen.Choose(1, Price.UnitsPerOne - 1), 10)
            select (Snapshot: snapshot.ToArray(), Deltas: deltas.ToArray(), Limits: limits.ToArray());

        var property = Prop.ForAll(Arb.From(scenario), s =>
        {
            var book = new OrderBook(new("t"));
            var model = new Model();
            var bids = s.Snapshot.Where(d => d.Side == Side.Buy).Select(d => new BookLevel(Price.FromUnits(d.Units), Size.FromMicros(d.Micros))).ToArray();
            var asks = s.Snapshot.Where(d => d.Side == Side.Sell).Select(d => new BookLevel(Price.FromUnits(d.Units), Size.FromMicros(d.Micros))).ToArray();
            book.ApplySnapshot(bids, asks, T0);
            foreach (var d in s.Snapshot)
            {
                model.Set(d.Side, d.Units, d.Micros);
            }

            Assert.True(model.Matches(book), "after snapshot");
            foreach (var d in s.Deltas)
            {
                book.ApplyDelta(d.Side, d.Units, d.Micros, T0);
                model.Set(d.Side, d.Units, d.Micros);
                Assert.True(model.Matches(book), $"after delta {d}");
            }

            Assert.True(model.DepthMatches(book));
            foreach (var limit in s.Limits)
            {
                Assert.Equal(model.DepthAtOrBetter(Side.Buy, limit), book.DepthAtOrBetter(Side.Buy, Price.FromUnits(limit)).Micros);
                Assert.Equal(model.DepthAtOrBetter(Side.Sell, limit), book.DepthAtOrBetter(Side.Sell, Price.FromUnits(limit)).Micros);
            }
        });

        PropertyCheck.Run(property, seed: 31, maxTest: 300);
    }

    /// <summary>The obvious book: a sorted map per side from price units to size in micros, zero meaning absent.</summary>
    private sealed class Model
    {
        private readonly SortedDictionary<int, long> _bids = [];
        private readonly SortedDictionary<int, long> _asks = [];

        public void Set(Side side, int units, long micros)
        {
            var levels = side == Side.Buy ? _bids : _asks;
            if (micros == 0)
            {
                levels.Remove(units);
            }
            else
            {
                levels[units] = micros;
            }
        }

        public bool Matches(OrderBook book) =>
            Same(_bids.Count == 0 ? null : _bids.Last(), book.BestBid)
            && Same(_asks.Count == 0 ? null : _asks.First(), book.BestAsk)
            && _bids.Count == book.BidLevelCount
            && _asks.Count == book.AskLevelCount;

        public bool DepthMatches(OrderBook book)
        {
            var bids = new BookLevel[Price.UnitsPerOne];
            var asks = new BookLevel[Price.UnitsPerOne];
            var bidCount = book.CopyDepth(Side.Buy, bids);
            var askCount = book.CopyDepth(Side.Sell, asks);
            return bids[..bidCount].Select(Pair).SequenceEqual(_bids.Reverse())
                && asks[..askCount].Select(Pair).SequenceEqual(_asks);
        }

        public long DepthAtOrBetter(Side side, int limit) =>
            side == Side.Buy
                ? _bids.Where(l => l.Key >= limit).Sum(l => l.Value)
                : _asks.Where(l => l.Key <= limit).Sum(l => l.Value);

        private static KeyValuePair<int, long> Pair(BookLevel level) => new(level.Price.Units, level.Size.Micros);

        private static bool Same(KeyValuePair<int, long>? expected, BookLevel? actual) =>
            expected is { } e
                ? actual is { } a && a.Price.Units == e.Key && a.Size.Micros == e.Value
                : actual is null;
    }
}
