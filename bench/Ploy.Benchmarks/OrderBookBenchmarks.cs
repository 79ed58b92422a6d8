using BenchmarkDotNet.Attributes;
using Ploy.Core.Books;
using Ploy.Core.Primitives;

namespace Ploy.Benchmarks;

/// <summary>
/// The book's hot path: one delta from the market-data feed, and the best-bid/ask read a strategy makes on every
/// tick. Target: ≤ 1 µs and 0 bytes allocated per operation.
/// </summary>
/// <remarks>
/// The book is populated like a real 0.01-tick market (49 levels a side, 100 units apart), so removing the best
/// level scans a realistic empty stretch. Each call applies the next delta of a fixed ring that touches the top
/// ten levels of both sides in turn: resize, remove, re-add. A full ring leaves the book as it found it, so
/// every iteration measures the same steady state instead of one level being overwritten with the same size.
/// </remarks>
[MemoryDiagnoser]
public class OrderBookBenchmarks
{
    private const int TopLevels = 10;
    private static readonly DateTimeOffset At = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private OrderBook _book = null!;
    private Delta[] _ring = [];
    private TypedDelta[] _typedRing = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _book = new OrderBook(new TokenId("bench"));
        var bids = new List<BookLevel>();
        var asks = new List<BookLevel>();
        for (var cents = 1; cents <= 49; cents++)
        {
            bids.Add(new BookLevel(Price.FromUnits(cents * 100), Size.Of(100m + cents)));
            asks.Add(new BookLevel(Price.FromUnits((cents + 50) * 100), Size.Of(100m + cents)));
        }

        _book.ApplySnapshot(bids.ToArray(), asks.ToArray(), At);

        var ring = new List<Delta>();
        for (var depth = 0; depth < TopLevels; depth++)
        {
            var bid = (49 - depth) * 100;
            var ask = (51 + depth) * 100;
            var original = (100 + 49 - depth) * Size.MicrosPerShare;
            foreach (var (side, units) in new[] { (Side.Buy, bid), (Side.Sell, ask) })
            {
                ring.Add(new Delta(side, units, original + 2_500_000));
                ring.Add(new Delta(side, units, 0));
                ring.Add(new Delta(side, units, original));
            }
        }

        _ring = ring.ToArray();
        _typedRing = _ring
            .Select(d => new TypedDelta(d.Side, Price.FromUnits(d.Units), Size.FromMicros(d.Micros)))
            .ToArray();
        _next = 0;
    }

    /// <summary>The feed's overload: integer price units and size micros, as parsed from a frame.</summary>
    [Benchmark]
    public void ApplyDelta_UnitsMicros()
    {
        var delta = _ring[_next];
        _next = _next + 1 == _ring.Length ? 0 : _next + 1;
        _book.ApplyDelta(delta.Side, delta.Units, delta.Micros, At);
    }

    /// <summary>The typed overload (Price/Size already built), for comparison.</summary>
    [Benchmark]
    public void ApplyDelta_PriceSize()
    {
        var delta = _typedRing[_next];
        _next = _next + 1 == _typedRing.Length ? 0 : _next + 1;
        _book.ApplyDelta(delta.Side, delta.Price, delta.Size, At);
    }

    /// <summary>What a strategy reads per tick: best bid and best ask (each builds a BookLevel from the arrays).</summary>
    [Benchmark]
    public decimal BestBidAndAsk()
    {
        var bid = _book.BestBid;
        var ask = _book.BestAsk;
        return (bid?.Price.Value ?? 0m) + (ask?.Price.Value ?? 0m);
    }

    /// <summary>Mid and spread: pure integer arithmetic on the best indices.</summary>
    [Benchmark]
    public decimal MidAndSpread() => (_book.Mid ?? 0m) + (_book.Spread ?? 0m);

    private readonly record struct Delta(Side Side, int Units, long Micros);

    private readonly record struct TypedDelta(Side Side, Price Price, Size Size);
}
