using FsCheck.Fluent;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Positions;
using Ploy.Core.Primitives;
using Ploy.Testing;

namespace Ploy.Core.Tests.Positions;

public sealed class PortfolioTests
{
    private static readonly BinaryMarket Market = TestMarkets.Sample();

    [Fact]
    public void Apply_Buy_PaysNotionalPlusFee()
    {
        var portfolio = new Portfolio(100m);

        portfolio.Apply(Fill(Market.Yes, Side.Buy, 0.40m, 10m, fee: 0.05m));

        Assert.Equal(100m - 4m - 0.05m, portfolio.Cash);
        Assert.Equal(10m, portfolio.SharesOf(Market.Yes));
        Assert.Equal(0m, portfolio.SharesOf(Market.No));
        Assert.Equal(4m, portfolio.GrossExposure);
        Assert.Equal(-0.05m, portfolio.RealizedPnl);
    }

    [Fact]
    public void Apply_Sell_ReceivesNotionalMinusFee()
    {
        var portfolio = new Portfolio(100m);
        portfolio.Apply(Fill(Market.Yes, Side.Buy, 0.40m, 10m));

        portfolio.Apply(Fill(Market.Yes, Side.Sell, 0.70m, 4m, fee: 0.02m));

        Assert.Equal(100m - 4m + 2.8m - 0.02m, portfolio.Cash);
        Assert.Equal(6m, portfolio.SharesOf(Market.Yes));
        Assert.Equal((4m * 0.30m) - 0.02m, portfolio.RealizedPnl);
    }

    [Fact]
    public void Apply_SellMoreThanHeld_ThrowsAndLeavesCashUnchanged()
    {
        var portfolio = new Portfolio(100m);
        portfolio.Apply(Fill(Market.Yes, Side.Buy, 0.40m, 10m));

        Assert.Throws<InvalidOperationException>(() => portfolio.Apply(Fill(Market.Yes, Side.Sell, 0.50m, 11m, fee: 0.01m)));

        Assert.Equal(96m, portfolio.Cash);
        Assert.Equal(10m, portfolio.SharesOf(Market.Yes));
        Assert.Equal(0m, portfolio.RealizedPnl);
    }

    [Fact]
    public void Get_UnknownToken_CreatesOneFlatPositionOnce()
    {
        var portfolio = new Portfolio(0m);

        var first = portfolio.Get(Market.No);
        var second = portfolio.Get(Market.No);

        Assert.Same(first, second);
        Assert.True(first.IsFlat);
        Assert.Single(portfolio.Positions);
    }

    [Theory]
    [InlineData(Outcome.Yes, 10, 10 * 0.6 - 5 * 0.5)]
    [InlineData(Outcome.No, 5, -10 * 0.4 + 5 * 0.5)]
    public void Settle_BothTokensHeld_WinnerPaysOneLoserZero(Outcome winner, decimal payout, double expectedPnl)
    {
        var portfolio = new Portfolio(100m);
        portfolio.Apply(Fill(Market.Yes, Side.Buy, 0.40m, 10m));
        portfolio.Apply(Fill(Market.No, Side.Buy, 0.50m, 5m));
        var cashBefore = portfolio.Cash;

        var realised = portfolio.Settle(Market, winner);

        Assert.Equal((decimal)expectedPnl, realised);
        Assert.Equal(cashBefore + payout, portfolio.Cash);
        Assert.Equal(0m, portfolio.SharesOf(Market.Yes));
        Assert.Equal(0m, portfolio.SharesOf(Market.No));
        Assert.Equal(0m, portfolio.GrossExposure);
        Assert.Equal(100m + realised, portfolio.Cash);
    }

    [Fact]
    public void Settle_OtherMarketsPositions_Untouched()
    {
        var other = TestMarkets.Sample("other");
        var portfolio = new Portfolio(100m);
        portfolio.Apply(Fill(other.Yes, Side.Buy, 0.40m, 10m));

        var realised = portfolio.Settle(Market, Outcome.Yes);

        Assert.Equal(0m, realised);
        Assert.Equal(96m, portfolio.Cash);
        Assert.Equal(10m, portfolio.SharesOf(other.Yes));
    }

    [Fact]
    public void Restore_Snapshot_ReplacesCashAndPositions()
    {
        var portfolio = new Portfolio(100m);
        portfolio.Apply(Fill(Market.Yes, Side.Buy, 0.40m, 10m));

        portfolio.Restore(50m, [Position.Restore(Market.No, 3m, 0.2m, 1m, 0m)]);

        Assert.Equal(50m, portfolio.Cash);
        Assert.Equal(0m, portfolio.SharesOf(Market.Yes));
        Assert.Equal(3m, portfolio.SharesOf(Market.No));
        Assert.Equal(1m, portfolio.RealizedPnl);
    }

    /// <summary>
    /// For any sequence of buys and (held-only) sells with fees, and any marks:
    /// cash + Σ shares × mark = starting cash + realised + Σ unrealised(mark). After settlement the positions are
    /// gone and cash = starting cash + realised. Average costs come from decimal division, so equality holds to
    /// well within a micro-cent rather than exactly.
    /// </summary>
    [Fact]
    public void Apply_RandomFillsThenSettle_CashPlusMarkedSharesEqualsStartPlusPnl()
    {
        const decimal Tolerance = 0.000_000_000_1m;
        var step =
            from outcome in Gen.Elements(Outcome.Yes, Outcome.No)
            from buy in Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false)))
            from priceUnits in Gen.Choose(1, 99)
            from hundredths in Gen.Choose(1, 10_000)
            from fraction in Gen.Choose(1, 100)
            from feeBps in Gen.Choose(0, 200)
            select (Outcome: outcome, Buy: buy, Price: priceUnits / 100m, Hundredths: hundredths, Fraction: fraction, FeeBps: feeBps);
        var scenario =
            from start in Gen.Choose(0, 1_000_000)
            from steps in Gen.ListOf(step, 40)
            from markYes in Gen.Choose(0, 100)
            from markNo in Gen.Choose(0, 100)
            from winner in Gen.Elements(Outcome.Yes, Outcome.No)
            select (Start: (decimal)start, Steps: steps.ToArray(), MarkYes: markYes / 100m, MarkNo: markNo / 100m, Winner: winner);

        var property = Prop.ForAll(Arb.From(scenario), s =>
        {
            var portfolio = new Portfolio(s.Start);
            foreach (var st in s.Steps)
            {
                var token = Market.TokenFor(st.Outcome);
                var held = portfolio.SharesOf(token);
                var shares = st.Buy ? st.Hundredths / 100m : decimal.Truncate(held * st.Fraction) / 100m;
                if (shares == 0m)
                {
                    continue;
                }

                var fee = decimal.Round(st.Price * shares * st.FeeBps / 10_000m, 6);
                portfolio.Apply(Fill(token, st.Buy ? Side.Buy : Side.Sell, st.Price, shares, fee));

                var marked = portfolio.Cash
                    + (portfolio.SharesOf(Market.Yes) * s.MarkYes) + (portfolio.SharesOf(Market.No) * s.MarkNo);
                var pnl = portfolio.RealizedPnl
                    + portfolio.Get(Market.Yes).UnrealizedPnl(s.MarkYes) + portfolio.Get(Market.No).UnrealizedPnl(s.MarkNo);
                Assert.InRange(marked - (s.Start + pnl), -Tolerance, Tolerance);
            }

            portfolio.Settle(Market, s.Winner);

            Assert.All(portfolio.Positions, p => Assert.True(p.IsFlat));
            Assert.InRange(portfolio.Cash - (s.Start + portfolio.RealizedPnl), -Tolerance, Tolerance);
        });

        PropertyCheck.Run(property, seed: 41, maxTest: 300);
    }

    private static Fill Fill(TokenId token, Side side, decimal price, decimal shares, decimal fee = 0m) =>
        new FillBuilder().WithToken(token).WithSide(side).At(price).WithQuantity(shares).WithFee(fee).Build();
}
