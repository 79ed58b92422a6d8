using BenchmarkDotNet.Attributes;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Execution.Gateway;

namespace Ploy.Benchmarks;

/// <summary>
/// What the gateway asks its order store for each submit's risk check (open count, shares offered for sale, open buy
/// notional in the market and overall) with an hour of terminal orders kept in memory beside the open ones.
/// </summary>
[MemoryDiagnoser]
public class OrderStoreBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly OrderStore _store = new();
    private readonly TokenId _yes = new("yes");

    /// <summary>Terminal orders still kept (an hour at ~40 orders a minute is ~2,400).</summary>
    [Params(0, 2400)]
    public int Terminal { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var intent = new OrderIntent(new StrategyId("s"), new ConditionId("0xc1"), _yes, Side.Buy, Price.Of(0.50m), Size.Of(10));
        for (var i = 0; i < Terminal + 20; i++)
        {
            var order = new Order(new ClientOrderId($"o-{i}"), i % 2 == 0 ? intent : intent with { Side = Side.Sell }, Now);
            order.TransitionTo(OrderStatus.Journaled, Now);
            order.TransitionTo(OrderStatus.Submitted, Now);
            order.TransitionTo(OrderStatus.Acknowledged, Now);
            if (i >= 20)
            {
                order.TransitionTo(OrderStatus.Cancelled, Now);
            }

            _store.Add(order);
        }
    }

    [Benchmark]
    public decimal RiskInputs() =>
        _store.LiveCount + _store.SharesReservedForSale(_yes) + _store.OpenBuyNotional(o => o.Token == _yes) + _store.OpenBuyNotional(_ => true);
}
