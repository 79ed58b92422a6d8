using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Ledger;

namespace Ploy.Venues.Simulated.Tests;

public sealed class VenueLedgerTests
{
    private static readonly AccountId Alice = new("alice");
    private static readonly BinaryMarket Market = new(new ConditionId("0xm"), new TokenId("y"), new TokenId("n"), TickSize.Hundredth,
        Size.Of(5m), "?", EngineFixture.T0, EngineFixture.T0.AddHours(1));

    [Fact]
    public void Split_WithFreeCash_MintsSetsAgainstCollateral()
    {
        var ledger = new VenueLedger();
        ledger.Deposit(Alice, 100m);

        Assert.True(ledger.Split(Alice, Market, 40m));

        Assert.Equal(60m, ledger.Cash(Alice));
        Assert.Equal(40m, ledger.Tokens(Alice, Market.Yes));
        Assert.Equal(40m, ledger.Tokens(Alice, Market.No));
        Assert.Equal(40m, ledger.Collateral(Market.Condition));
        Assert.Equal(ledger.TotalDeposits, ledger.TotalCash + ledger.TotalCollateral);
    }

    [Fact]
    public void Split_BeyondFreeCash_RefusedAndNothingMoves()
    {
        var ledger = new VenueLedger();
        ledger.Deposit(Alice, 10m);

        Assert.False(ledger.Split(Alice, Market, 10.01m));
        Assert.Equal(10m, ledger.Cash(Alice));
        Assert.Equal(0m, ledger.Supply(Market.Yes));
    }

    [Fact]
    public void Merge_CompleteSets_ReleasesCollateral()
    {
        var ledger = new VenueLedger();
        ledger.Deposit(Alice, 100m);
        ledger.Split(Alice, Market, 40m);

        Assert.True(ledger.Merge(Alice, Market, 15m));
        Assert.False(ledger.Merge(Alice, Market, 26m));

        Assert.Equal(75m, ledger.Cash(Alice));
        Assert.Equal(25m, ledger.Supply(Market.No));
        Assert.Equal(25m, ledger.Collateral(Market.Condition));
    }

    [Fact]
    public void Balances_ReportsCashWithReservedAndNonZeroTokens()
    {
        var ledger = new VenueLedger();
        ledger.Deposit(Alice, 100m);
        ledger.Split(Alice, Market, 10m);
        ledger.Merge(Alice, Market, 10m);

        var balances = ledger.Balances(Alice);

        Assert.Equal(100m, balances.Cash);
        Assert.Empty(balances.Tokens);
        Assert.Equal(0m, ledger.Balances(new AccountId("nobody")).Cash);
    }
}
