using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Ledger;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.Venues.Simulated.Tests;

/// <summary>An engine with one open market and funded accounts, plus terse order helpers.</summary>
internal sealed class EngineFixture
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly AccountId Alice = new("alice");
    public static readonly AccountId Bob = new("bob");
    public static readonly AccountId Carol = new("carol");

    private int _ids;

    public EngineFixture(decimal feeRate = 0m, bool merge = true, decimal cash = 1_000m, decimal sets = 100m, TickSize? finestTick = null)
    {
        Ledger = new VenueLedger();
        Observer = new RecordingObserver();
        Engine = new MatchingEngine(Ledger, new MatchingEngineOptions { TakerFeeRate = feeRate, MergeMatching = merge, FinestTick = finestTick }, Observer);
        Market = new BinaryMarket(
            new ConditionId("0xmarket"), new TokenId("m-yes"), new TokenId("m-no"), TickSize.Hundredth, Size.Of(5m),
            "test?", T0, T0.AddHours(1));
        Engine.AddMarket(Market);
        foreach (var account in new[] { Alice, Bob, Carol })
        {
            Ledger.Deposit(account, cash + sets);
            if (sets > 0m)
            {
                Ledger.Split(account, Market, sets);
            }
        }
    }

    public VenueLedger Ledger { get; }

    public MatchingEngine Engine { get; }

    public RecordingObserver Observer { get; }

    public BinaryMarket Market { get; }

    public TokenId Yes => Market.Yes;

    public TokenId No => Market.No;

    public EngineSubmitResult Submit(AccountId account, TokenId token, Side side, decimal price, decimal size,
        OrderType type = OrderType.Gtc, bool postOnly = false, DateTimeOffset? expiresAt = null, DateTimeOffset? at = null) =>
        Engine.Submit(account, new VenueOrderId($"o-{++_ids}"), Intent(token, side, price, size, type, postOnly, expiresAt), at ?? T0);

    public EngineOrder Place(AccountId account, TokenId token, Side side, decimal price, decimal size,
        OrderType type = OrderType.Gtc, bool postOnly = false, DateTimeOffset? expiresAt = null)
    {
        var result = Submit(account, token, side, price, size, type, postOnly, expiresAt);
        Assert.True(result.IsAccepted, result.Error?.ToString());
        return result.Order!;
    }

    public OrderIntent Intent(TokenId token, Side side, decimal price, decimal size, OrderType type = OrderType.Gtc,
        bool postOnly = false, DateTimeOffset? expiresAt = null) =>
        new(new StrategyId("test"), Market.Condition, token, side, Price.Of(price), Size.Of(size), type, postOnly, expiresAt);

    /// <summary>Σ cash + collateral + fees must equal deposits; supplies equal collateral.</summary>
    public void AssertConserved()
    {
        Assert.Equal(Ledger.TotalDeposits, Ledger.TotalCash + Ledger.TotalCollateral + Ledger.FeesCollected);
        Assert.Equal(Ledger.Supply(Yes), Ledger.Supply(No));
        Assert.Equal(Ledger.Collateral(Market.Condition), Ledger.Supply(Yes));
    }
}
