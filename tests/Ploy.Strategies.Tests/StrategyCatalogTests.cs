using Ploy.Core.Primitives;
using Ploy.Strategies.Arbitrage;
using Ploy.Strategies.MarketMaking;
using Ploy.Strategies.Momentum;

namespace Ploy.Strategies.Tests;

public sealed class StrategyCatalogTests
{
    [Fact]
    public void CreateEnabled_Defaults_BuildsTheThreeStrategiesByName()
    {
        var strategies = StrategyCatalog.CreateEnabled();

        Assert.Equal(["momentum", "arbitrage", "market-maker"], strategies.Select(s => s.Id.Value));
        Assert.IsType<MomentumStrategy>(strategies[0]);
        Assert.IsType<CompleteSetArbitrageStrategy>(strategies[1]);
        Assert.IsType<MarketMakerStrategy>(strategies[2]);
    }

    [Fact]
    public void CreateEnabled_Subset_BuildsOnlyThose()
    {
        var strategies = StrategyCatalog.CreateEnabled(new StrategiesOptions { Enabled = ["market-maker", "market-maker"] });

        Assert.Equal(new StrategyId("market-maker"), Assert.Single(strategies).Id);
    }

    [Fact]
    public void Create_UnknownName_Throws() =>
        Assert.Throws<ArgumentException>(() => StrategyCatalog.Create("martingale", new StrategiesOptions()));

    [Fact]
    public void CreateEnabled_InvalidOptions_ThrowsWithEveryProblem()
    {
        var options = new StrategiesOptions { MarketMaker = { QuoteSize = 1m }, Momentum = { Edge = -1m } };

        var error = Assert.Throws<ArgumentException>(() => StrategyCatalog.CreateEnabled(options));

        Assert.Contains("Strategies:MarketMaker:QuoteSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("Strategies:Momentum:Edge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownEnabledName_NamesTheKey()
    {
        var problems = new StrategiesOptions { Enabled = ["momentum", "grid"] }.Validate();

        var problem = Assert.Single(problems);
        Assert.StartsWith("Strategies:Enabled", problem, StringComparison.Ordinal);
        Assert.Contains("grid", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_EachStrategy_StartsWithItsName()
    {
        foreach (var strategy in StrategyCatalog.CreateEnabled().Cast<StrategyBase>())
        {
            Assert.StartsWith(strategy.Id.Value + ":", strategy.Describe(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_MarketMakerBadValues_NamesEachKey()
    {
        var problems = new MarketMakerOptions { HalfSpread = 0m, QuoteSize = 4m, RequoteThresholdTicks = 0 }.Validate();

        Assert.Contains("Strategies:MarketMaker:HalfSpread must be > 0", problems);
        Assert.Contains("Strategies:MarketMaker:QuoteSize must be >= 5", problems);
        Assert.Contains("Strategies:MarketMaker:RequoteThresholdTicks must be >= 1", problems);
    }
}
