using System.Text;
using BenchmarkDotNet.Attributes;
using Ploy.Core.Books;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Parsing;

namespace Ploy.Benchmarks;

/// <summary>
/// The market channel's hot path from the received UTF-8 bytes: parse a <c>price_change</c> frame and apply its change
/// to the book (target ≤ 1 µs, 0 B), and parse a full <c>book</c> snapshot. The reader is the adapter's own, with the
/// subscribed-token lookup the stream uses, so the token id is matched without building a string.
/// </summary>
/// <remarks>
/// Two price_change frames alternate on one level (size 200 ↔ 300) so every iteration measures the same steady book.
/// The frames are the protocol reference's shape (§7), hash and best bid/ask included.
/// </remarks>
[MemoryDiagnoser]
public class MarketDataBenchmarks
{
    private const string Asset = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    private const string Market = "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1";
    private static readonly DateTimeOffset At = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private readonly TokenId _token = new(Asset);
    private PolymarketMarketMessageReader _reader = null!;
    private OrderBook _book = null!;
    private byte[][] _priceChanges = [];
    private byte[] _snapshot = [];
    private Action<PolymarketMarketMessage> _apply = null!;
    private Action<PolymarketMarketMessage> _count = null!;
    private int _next;
    private int _levels;

    [GlobalSetup]
    public void Setup()
    {
        _reader = new PolymarketMarketMessageReader(text => text.SequenceEqual(Asset) ? _token : null);
        _book = new OrderBook(_token);
        var bids = new List<BookLevel>();
        var asks = new List<BookLevel>();
        for (var cents = 1; cents <= 49; cents++)
        {
            bids.Add(new BookLevel(Price.FromUnits(cents * 100), Size.Of(100m + cents)));
            asks.Add(new BookLevel(Price.FromUnits((cents + 50) * 100), Size.Of(100m + cents)));
        }

        _book.ApplySnapshot(bids.ToArray(), asks.ToArray(), At);
        _priceChanges = [PriceChange("200"), PriceChange("300")];
        _snapshot = Snapshot(levels: 20);
        _apply = ApplyChanges;
        _count = message => _levels = message.Bids.Count + message.Asks.Count;
    }

    /// <summary>Parse one price_change frame from bytes and apply its change to the book.</summary>
    [Benchmark]
    public long ParseAndApplyPriceChange()
    {
        _reader.Read(_priceChanges[_next ^= 1], _apply);
        return _book.UpdateCount;
    }

    /// <summary>Parse a book snapshot of 20 levels a side (what a resync or a fresh subscription receives).</summary>
    [Benchmark]
    public int ParseBookSnapshot()
    {
        _reader.Read(_snapshot, _count);
        return _levels;
    }

    private void ApplyChanges(PolymarketMarketMessage message)
    {
        foreach (var change in message.Changes)
        {
            if (Price.TryCreate(change.Price, out var price) && Size.TryCreate(change.Size, out var size))
            {
                _book.ApplyDelta(change.Side, price, size, At);
            }
        }
    }

    private static byte[] PriceChange(string size) => Encoding.UTF8.GetBytes(
        $"{{\"market\":\"{Market}\",\"price_changes\":[{{\"asset_id\":\"{Asset}\",\"price\":\"0.49\",\"size\":\"{size}\",\"side\":\"BUY\","
        + "\"hash\":\"56621a121a47ed9333273e21c83b660cff37ae50\",\"best_bid\":\"0.49\",\"best_ask\":\"0.51\"}],"
        + "\"timestamp\":\"1757908892351\",\"event_type\":\"price_change\"}");

    private static byte[] Snapshot(int levels)
    {
        var bids = string.Join(',', Enumerable.Range(0, levels).Select(i => $"{{\"price\":\"0.{30 + i:00}\",\"size\":\"{100 + i}\"}}"));
        var asks = string.Join(',', Enumerable.Range(0, levels).Select(i => $"{{\"price\":\"0.{70 - i:00}\",\"size\":\"{100 + i}\"}}"));
        return Encoding.UTF8.GetBytes(
            $"{{\"event_type\":\"book\",\"asset_id\":\"{Asset}\",\"market\":\"{Market}\",\"bids\":[{bids}],\"asks\":[{asks}],"
            + "\"timestamp\":\"1757908892351\",\"hash\":\"0x0cdf9d1d3ad4ba8ef26ff6f8bb1d0ba4db1b1f6e\",\"min_order_size\":\"5\","
            + "\"tick_size\":\"0.01\",\"neg_risk\":false,\"last_trade_price\":\"0.50\"}");
    }
}
