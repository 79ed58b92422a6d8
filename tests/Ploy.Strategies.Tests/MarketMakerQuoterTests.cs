using FsCheck.Fluent;
using Ploy.Core.Primitives;
using Ploy.Strategies.MarketMaking;

namespace Ploy.Strategies.Tests;

public sealed class MarketMakerQuoterTests
{
    [Fact]
    public void Compute_FlatInventory_RoundsBidDownAndAskUp()
    {
        var plan = MarketMakerQuoter.Compute(new MarketMakerOptions { HalfSpread = 0.015m }, TickSize.Hundredth, 0.47m, 0.53m, 0m, 10m);

        Assert.Equal((0.48m, 0.52m), (plan.Bid, plan.Ask));
    }

    [Fact]
    public void Compute_TightBook_DoesNotCrossTheOtherSide()
    {
        var plan = MarketMakerQuoter.Compute(new MarketMakerOptions { HalfSpread = 0.01m, SkewPerShare = 0.002m }, TickSize.Hundredth, 0.49m, 0.51m, -20m, 10m);

        // Inventory −20 pushes the center to 0.54; the bid stops one tick under the best ask.
        Assert.Equal(0.50m, plan.Bid);
        Assert.Equal(0.55m, plan.Ask);
    }

    [Fact]
    public void Compute_CrossedBook_QuotesNothing()
    {
        var plan = MarketMakerQuoter.Compute(new MarketMakerOptions(), TickSize.Hundredth, 0.52m, 0.50m, 0m, 10m);

        Assert.Null(plan.Bid);
        Assert.Null(plan.Ask);
    }

    [Fact]
    public void Compute_RandomBooksAndInventories_QuotesOnGridInRangeUncrossedAndWithinCap()
    {
        var ticks = new[] { TickSize.Tenth, TickSize.Hundredth, TickSize.Of(0.005m), TickSize.Of(0.0025m), TickSize.Thousandth, TickSize.TenThousandth };
        var scenario =
            from tick in Gen.Elements(ticks)
            from bidUnits in Gen.Choose(1, Price.UnitsPerOne - 2) // any 0.0001 price: books can be off a coarser grid
            from askUnits in Gen.Choose(bidUnits + 1, Price.UnitsPerOne - 1)
            from inventory in Gen.Choose(-120, 120)
            from halfSpreadUnits in Gen.Choose(1, 2_000)
            from skewMicros in Gen.Choose(0, 5_000)
            from maxInventory in Gen.Choose(10, 100)
            select (Tick: tick, Bid: bidUnits * Price.Unit, Ask: askUnits * Price.Unit, Inventory: (decimal)inventory,
                Options: new MarketMakerOptions { HalfSpread = halfSpreadUnits * Price.Unit, SkewPerShare = skewMicros / 1_000_000m, MaxInventory = maxInventory });

        var property = Prop.ForAll(Arb.From(scenario), s =>
        {
            const decimal size = 10m;
            var plan = MarketMakerQuoter.Compute(s.Options, s.Tick, s.Bid, s.Ask, s.Inventory, size);
            if (plan.Bid is { } bid)
            {
                Assert.True(s.Tick.IsOnGrid(bid), $"bid {bid} off grid {s.Tick}");
                Assert.True(bid < s.Ask, $"bid {bid} crosses ask {s.Ask}");
                Assert.True(s.Inventory + size <= s.Options.MaxInventory);
            }

            if (plan.Ask is { } ask)
            {
                Assert.True(s.Tick.IsOnGrid(ask), $"ask {ask} off grid {s.Tick}");
                Assert.True(ask > s.Bid, $"ask {ask} crosses bid {s.Bid}");
                Assert.True(s.Inventory - size >= -s.Options.MaxInventory);
            }

            if (plan is { Bid: { } b, Ask: { } a })
            {
                Assert.True(b < a, $"bid {b} >= ask {a}");
            }
        });

        PropertyCheck.Run(property, seed: 7, maxTest: 500);
    }
}
