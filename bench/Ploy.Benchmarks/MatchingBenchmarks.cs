using BenchmarkDotNet.Attributes;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Ledger;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.Benchmarks;

/// <summary>
/// The simulated venue's matching engine against a populated book: 20 ask levels of 10 orders on YES and the
/// same depth of NO bids (the complementary book). Each operation leaves the book as it found it, so every
/// iteration measures the same work.
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly AccountId Maker = new("maker");
    private static readonly AccountId Taker = new("taker");
    private static readonly VenueOrderId TakerId = new("taker-order");
    private static readonly VenueOrderId[] RefillIds = [new("refill-1"), new("refill-2"), new("refill-3")];

    private MatchingEngine _engine = null!;
    private OrderIntent _restAtTop = null!;
    private OrderIntent _takeTop = null!;
    private OrderIntent _sweep = null!;
    private OrderIntent[] _refills = null!;
    private OrderIntent _mintTaker = null!;
    private OrderIntent _mintRefill = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ledger = new VenueLedger();
        _engine = new MatchingEngine(ledger, new MatchingEngineOptions { TakerFeeRate = 0.02m });
        var market = new BinaryMarket(new ConditionId("0xbench"), new TokenId("bench-yes"), new TokenId("bench-no"), TickSize.Hundredth,
            Size.Of(5m), "bench?", Now.AddHours(-1), Now.AddYears(1));
        _engine.AddMarket(market);
        ledger.Deposit(Maker, 1_000_000_000m);
        ledger.Deposit(Taker, 1_000_000_000m);
        ledger.Split(Maker, market, 100_000_000m);

        var id = 0;
        for (var level = 0; level < 20; level++)
        {
            for (var i = 0; i < 10; i++)
            {
                Submit(Maker, new VenueOrderId($"ask-{id++}"), Intent(market, market.Yes, Side.Sell, 0.56m + (level * 0.01m), 10m, OrderType.Gtc));
                Submit(Maker, new VenueOrderId($"nobid-{id++}"), Intent(market, market.No, Side.Buy, 0.42m - (level * 0.01m), 10m, OrderType.Gtc));
            }
        }

        _restAtTop = Intent(market, market.Yes, Side.Sell, 0.55m, 10m, OrderType.Gtc);
        _takeTop = Intent(market, market.Yes, Side.Buy, 0.55m, 10m, OrderType.Fak);
        _sweep = Intent(market, market.Yes, Side.Buy, 0.53m, 30m, OrderType.Fak);
        _refills = [.. RefillIds.Select(_ => Intent(market, market.Yes, Side.Sell, 0.53m, 10m, OrderType.Gtc))];
        _mintTaker = Intent(market, market.Yes, Side.Buy, 0.55m, 10m, OrderType.Fak);
        _mintRefill = Intent(market, market.No, Side.Buy, 0.45m, 10m, OrderType.Gtc);
    }

    /// <summary>A maker order rests at a new best price, then a taker fills it whole.</summary>
    [Benchmark(Baseline = true)]
    public decimal RestThenTake()
    {
        Submit(Maker, RefillIds[0], _restAtTop);
        return Submit(Taker, TakerId, _takeTop).Filled;
    }

    /// <summary>A taker sweeps three orders at a fresh top level that makers then refill.</summary>
    [Benchmark]
    public decimal SweepThreeOrders()
    {
        for (var i = 0; i < RefillIds.Length; i++)
        {
            Submit(Maker, RefillIds[i], _refills[i]);
        }

        return Submit(Taker, TakerId, _sweep).Filled;
    }

    /// <summary>A YES buyer matched against a NO bid: the engine mints a set.</summary>
    [Benchmark]
    public decimal MintAgainstComplement()
    {
        Submit(Maker, RefillIds[0], _mintRefill);
        return Submit(Taker, TakerId, _mintTaker).Filled;
    }

    /// <summary>An order rests at the top of a 200-order side and is cancelled.</summary>
    [Benchmark]
    public bool RestAndCancel()
    {
        Submit(Maker, RefillIds[0], _restAtTop);
        return _engine.Cancel(RefillIds[0], Now) is not null;
    }

    private static OrderIntent Intent(BinaryMarket market, TokenId token, Side side, decimal price, decimal size, OrderType type) =>
        new(new StrategyId("bench"), market.Condition, token, side, Price.Of(price), Size.Of(size), type);

    private EngineOrder Submit(AccountId account, VenueOrderId id, OrderIntent intent)
    {
        var result = _engine.Submit(account, id, intent, Now);
        return result.Order ?? throw new InvalidOperationException(result.Error?.ToString());
    }
}
