using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Execution.Accounting;

namespace Ploy.Execution.Tests.Accounting;

public sealed class AccountLedgerTests
{
    private static readonly TokenId Yes = new("yes");
    private static readonly StrategyId Maker = new("mm");
    private static readonly DateTimeOffset At = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SellAfterTheVenueLedgerWasAdopted_WalletTakesItAll_StrategyTakesWhatItHolds()
    {
        var ledger = new AccountLedger(0m, DateOnly.FromDateTime(At.UtcDateTime));
        ledger.AdoptVenue(100m, new Dictionary<TokenId, decimal> { [Yes] = 10m }); // attribution dropped
        ledger.Apply(Maker, Fill("t1", Side.Buy, 2m)); // bought after the restart: the strategy holds 2

        ledger.Apply(Maker, Fill("t2", Side.Sell, 8m)); // a sell resting from before the restart fills

        Assert.Equal(4m, ledger.Wallet.SharesOf(Yes));
        Assert.Equal(0m, ledger.For(Maker).SharesOf(Yes));
        Assert.Equal(4m, ledger.For(AccountLedger.Unattributed).SharesOf(Yes)); // the adopted 10, less the 6 sold beyond the strategy's 2
    }

    [Fact]
    public void SellOfSharesAnotherStrategyBought_BooksAddUpToTheWallet_AcrossARestore()
    {
        var momentum = new StrategyId("momentum");
        var ledger = new AccountLedger(100m, DateOnly.FromDateTime(At.UtcDateTime));
        ledger.Apply(momentum, Fill("t1", Side.Buy, 10m));
        ledger.Apply(Maker, Fill("t2", Side.Buy, 1m));

        ledger.Apply(Maker, Fill("t3", Side.Sell, 5m)); // the venue only checks the wallet: 11 held

        Assert.Equal(6m, ledger.Wallet.SharesOf(Yes));
        Assert.Equal((0m, 6m), (ledger.For(Maker).SharesOf(Yes), ledger.For(momentum).SharesOf(Yes)));
        var restored = new AccountLedger(0m, DateOnly.FromDateTime(At.UtcDateTime));
        restored.Restore(ledger.Snapshot(At));
        Assert.Equal(6m, restored.Wallet.SharesOf(Yes));
    }

    [Fact]
    public void AdoptedBalances_SurviveASnapshotAndRestore()
    {
        // An adoption whose shares were not snapshotted made every later restart disagree with the venue and adopt again.
        var ledger = new AccountLedger(0m, DateOnly.FromDateTime(At.UtcDateTime));
        ledger.AdoptVenue(100m, new Dictionary<TokenId, decimal> { [Yes] = 10m });
        var restored = new AccountLedger(0m, DateOnly.FromDateTime(At.UtcDateTime));

        restored.Restore(ledger.Snapshot(At));

        Assert.Equal(100m, restored.Wallet.Cash);
        Assert.Equal(10m, restored.Wallet.SharesOf(Yes));
    }

    [Fact]
    public void SellWithinTheStrategysHoldings_IsBookedWhole()
    {
        var ledger = new AccountLedger(100m, DateOnly.FromDateTime(At.UtcDateTime));
        ledger.Apply(Maker, Fill("t1", Side.Buy, 10m));

        ledger.Apply(Maker, Fill("t2", Side.Sell, 4m));

        Assert.Equal(6m, ledger.Wallet.SharesOf(Yes));
        Assert.Equal(6m, ledger.For(Maker).SharesOf(Yes));
    }

    private static Fill Fill(string trade, Side side, decimal shares) =>
        new(new TradeId(trade), new ClientOrderId("c-" + trade), new VenueOrderId("0x" + trade), Yes, side, Price.Of(0.5m), Size.Of(shares), 0.01m,
            true, At, SettlementStatus.Matched);
}
