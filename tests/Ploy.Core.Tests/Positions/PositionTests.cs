using Ploy.Core.Positions;
using Ploy.Core.Primitives;

namespace Ploy.Core.Tests.Positions;

public sealed class PositionTests
{
    private static readonly TokenId Token = new("token-yes");

    [Fact]
    public void Apply_TwoBuys_AverageCostIsShareWeighted()
    {
        var position = new Position(Token);

        position.Apply(Side.Buy, 0.40m, 10m, 0m);
        position.Apply(Side.Buy, 0.60m, 30m, 0m);

        Assert.Equal(40m, position.Shares);
        Assert.Equal(0.55m, position.AverageCost);
        Assert.Equal(22m, position.CostBasis);
        Assert.Equal(0m, position.RealizedPnl);
    }

    [Fact]
    public void Apply_Sell_RealisesAgainstAverageCostAndKeepsIt()
    {
        var position = new Position(Token);
        position.Apply(Side.Buy, 0.40m, 10m, 0m);
        position.Apply(Side.Buy, 0.60m, 30m, 0m);

        position.Apply(Side.Sell, 0.70m, 20m, 0m);

        Assert.Equal(20m, position.Shares);
        Assert.Equal(0.55m, position.AverageCost);
        Assert.Equal(3m, position.RealizedPnl);
    }

    [Fact]
    public void Apply_SellBelowCost_RealisesALoss()
    {
        var position = new Position(Token);
        position.Apply(Side.Buy, 0.60m, 10m, 0m);

        position.Apply(Side.Sell, 0.45m, 4m, 0m);

        Assert.Equal(-0.6m, position.RealizedPnl);
    }

    [Fact]
    public void Apply_Fees_ReduceRealisedPnlAndAccumulate()
    {
        var position = new Position(Token);

        position.Apply(Side.Buy, 0.50m, 10m, 0.10m);
        position.Apply(Side.Sell, 0.60m, 10m, 0.05m);

        Assert.Equal(0.15m, position.FeesPaid);
        Assert.Equal(1m - 0.15m, position.RealizedPnl);
        Assert.True(position.IsFlat);
    }

    [Fact]
    public void Apply_SellEverything_FlatWithZeroCostThenFreshAverageOnRebuy()
    {
        var position = new Position(Token);
        position.Apply(Side.Buy, 0.30m, 10m, 0m);

        position.Apply(Side.Sell, 0.50m, 10m, 0m);

        Assert.True(position.IsFlat);
        Assert.Equal(0m, position.AverageCost);
        Assert.Equal(0m, position.CostBasis);

        position.Apply(Side.Buy, 0.80m, 5m, 0m);

        Assert.Equal(0.80m, position.AverageCost);
        Assert.Equal(2m, position.RealizedPnl);
    }

    [Fact]
    public void Apply_SellMoreThanHeld_ThrowsAndChangesNothing()
    {
        var position = new Position(Token);
        position.Apply(Side.Buy, 0.40m, 10m, 0.01m);

        Assert.Throws<InvalidOperationException>(() => position.Apply(Side.Sell, 0.50m, 10.000001m, 0.02m));

        Assert.Equal(10m, position.Shares);
        Assert.Equal(0.40m, position.AverageCost);
        Assert.Equal(-0.01m, position.RealizedPnl);
        Assert.Equal(0.01m, position.FeesPaid);
    }

    [Fact]
    public void Apply_SellWhenFlat_Throws()
    {
        var position = new Position(Token);

        Assert.Throws<InvalidOperationException>(() => position.Apply(Side.Sell, 0.50m, 1m, 0m));
        Assert.Equal(0m, position.FeesPaid);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(1, -0.01)]
    public void Apply_NonPositiveSharesOrNegativeFee_Throws(decimal shares, decimal fee)
    {
        var position = new Position(Token);

        Assert.Throws<ArgumentOutOfRangeException>(() => position.Apply(Side.Buy, 0.5m, shares, fee));
        Assert.True(position.IsFlat);
    }

    [Fact]
    public void UnrealizedPnl_Mark_IsSharesTimesMarkMinusCost()
    {
        var position = new Position(Token);
        position.Apply(Side.Buy, 0.40m, 10m, 0m);

        Assert.Equal(2m, position.UnrealizedPnl(0.60m));
        Assert.Equal(-1m, position.UnrealizedPnl(0.30m));
    }

    [Fact]
    public void Settle_Winner_PaysOnePerShareAndRealisesTheGain()
    {
        var position = new Position(Token);
        position.Apply(Side.Buy, 0.40m, 10m, 0.02m);

        var proceeds = position.Settle(1m);

        Assert.Equal(10m, proceeds);
        Assert.Equal(6m - 0.02m, position.RealizedPnl);
        Assert.True(position.IsFlat);
        Assert.Equal(0m, position.AverageCost);
    }

    [Fact]
    public void Settle_Loser_PaysNothingAndRealisesTheCost()
    {
        var position = new Position(Token);
        position.Apply(Side.Buy, 0.40m, 10m, 0m);

        var proceeds = position.Settle(0m);

        Assert.Equal(0m, proceeds);
        Assert.Equal(-4m, position.RealizedPnl);
        Assert.True(position.IsFlat);
    }

    [Fact]
    public void Restore_Snapshot_CarriesAllFields()
    {
        var position = Position.Restore(Token, 5m, 0.3m, 1.25m, 0.05m);

        Assert.Equal(5m, position.Shares);
        Assert.Equal(0.3m, position.AverageCost);
        Assert.Equal(1.25m, position.RealizedPnl);
        Assert.Equal(0.05m, position.FeesPaid);
        Assert.Equal(1.5m, position.CostBasis);
    }
}
