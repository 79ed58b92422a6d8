using BenchmarkDotNet.Attributes;
using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Execution.Risk;

namespace Ploy.Benchmarks;

/// <summary>The pre-trade check every intent passes: the common allowed path, and a denial.</summary>
[MemoryDiagnoser]
public class RiskGateBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly RiskGate _gate = new(new RiskOptions());
    private BinaryMarket _market = null!;
    private OrderBook _book = null!;
    private OrderIntent _buy = null!;
    private OrderIntent _tooBig = null!;

    [GlobalSetup]
    public void Setup()
    {
        _market = new BinaryMarket(new ConditionId("0xc1"), new TokenId("yes"), new TokenId("no"), TickSize.Hundredth, Size.Of(5),
            "Up?", Now.AddMinutes(-1), Now.AddMinutes(14));
        _book = new OrderBook(_market.Yes);
        _book.ApplySnapshot([new BookLevel(Price.Of(0.48m), Size.Of(100))], [new BookLevel(Price.Of(0.52m), Size.Of(100))], Now);
        _buy = new OrderIntent(new StrategyId("s"), _market.Condition, _market.Yes, Side.Buy, Price.Of(0.50m), Size.Of(10));
        _tooBig = _buy with { Quantity = Size.Of(1000) };
    }

    [Benchmark(Baseline = true)]
    public bool CheckAllowed() => _gate.Check(_buy, Inputs()).Allowed;

    [Benchmark]
    public bool CheckDenied() => _gate.Check(_tooBig, Inputs()).Allowed;

    private RiskInputs Inputs() => new(_market, _book, false, 3, 0m, 0m, 900m, 20m, 60m, -5m, Now, 10);
}
