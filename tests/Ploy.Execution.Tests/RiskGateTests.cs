using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Risk;
using Ploy.Execution.Risk;

namespace Ploy.Execution.Tests;

public sealed class RiskGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly BinaryMarket Market = new(new ConditionId("0xc1"), new TokenId("yes"), new TokenId("no"),
        TickSize.Hundredth, Size.Of(5), "Up?", Now.AddMinutes(-1), Now.AddMinutes(14));

    private readonly RiskGate _gate = new(new RiskOptions
    {
        MaxOrderNotional = 20m,
        MaxPositionPerMarket = 50m,
        MaxTotalExposure = 80m,
        DailyLossLimit = 10m,
        MaxOpenOrders = 3,
        PriceBand = 0.2m,
    });

    private static OrderBook TrustedBook(decimal bid = 0.48m, decimal ask = 0.52m)
    {
        var book = new OrderBook(Market.Yes);
        book.ApplySnapshot([new BookLevel(Price.Of(bid), Size.Of(100))], [new BookLevel(Price.Of(ask), Size.Of(100))], Now);
        return book;
    }

    private static RiskInputs Inputs(IOrderBookView? book = null, bool halted = false, int open = 0, decimal held = 0m,
        decimal reserved = 0m, decimal cash = 1000m, decimal marketExposure = 0m, decimal totalExposure = 0m, decimal dailyPnl = 0m,
        BinaryMarket? market = null, DateTimeOffset? now = null) =>
        new(market ?? Market, book ?? TrustedBook(), halted, open, held, reserved, cash, marketExposure, totalExposure, dailyPnl, now ?? Now);

    private static OrderIntent Intent(Side side = Side.Buy, decimal price = 0.50m, decimal size = 10m, OrderType type = OrderType.Gtc, bool postOnly = false) =>
        new(new StrategyId("s"), Market.Condition, Market.Yes, side, Price.Of(price), Size.Of(size), type, postOnly);

    private RiskDenialReason? Reason(OrderIntent intent, RiskInputs inputs) => _gate.Check(intent, inputs).Reason;

    [Fact]
    public void Check_OrdinaryBuy_IsAllowed() => Assert.True(_gate.Check(Intent(), Inputs()).Allowed);

    [Fact]
    public void Check_NotionalAboveLimit_Denied() =>
        Assert.Equal(RiskDenialReason.MaxOrderNotional, Reason(Intent(size: 41m), Inputs()));

    [Fact]
    public void Check_MarketExposureAboveLimit_Denied() =>
        Assert.Equal(RiskDenialReason.MaxPositionPerMarket, Reason(Intent(), Inputs(marketExposure: 46m)));

    [Fact]
    public void Check_TotalExposureAboveLimit_Denied() =>
        Assert.Equal(RiskDenialReason.MaxTotalExposure, Reason(Intent(), Inputs(totalExposure: 76m)));

    [Fact]
    public void Check_NotEnoughFreeCash_Denied() =>
        Assert.Equal(RiskDenialReason.InsufficientCash, Reason(Intent(), Inputs(cash: 4.99m)));

    [Fact]
    public void Check_DailyLossReached_DeniesBuys_AllowsSells()
    {
        Assert.Equal(RiskDenialReason.DailyLossLimit, Reason(Intent(), Inputs(dailyPnl: -10m)));
        Assert.True(_gate.Check(Intent(Side.Sell), Inputs(dailyPnl: -10m, held: 10m)).Allowed);
    }

    [Fact]
    public void Check_Halted_DeniesBuys_AllowsReduceOnlySells()
    {
        Assert.Equal(RiskDenialReason.Halted, Reason(Intent(), Inputs(halted: true)));
        Assert.True(_gate.Check(Intent(Side.Sell), Inputs(halted: true, held: 10m)).Allowed);
    }

    [Fact]
    public void Check_SellingMoreThanFreeShares_Denied() =>
        Assert.Equal(RiskDenialReason.InsufficientPosition, Reason(Intent(Side.Sell, size: 10m), Inputs(held: 12m, reserved: 5m)));

    [Fact]
    public void Check_TooManyOpenOrders_Denied() =>
        Assert.Equal(RiskDenialReason.MaxOpenOrders, Reason(Intent(), Inputs(open: 3)));

    [Fact]
    public void Check_PriceFarFromMid_Denied() =>
        Assert.Equal(RiskDenialReason.PriceBand, Reason(Intent(price: 0.75m, size: 10m), Inputs()));

    [Fact]
    public void Check_RestingBelowFiveShares_Denied() =>
        Assert.Equal(RiskDenialReason.BelowVenueMinimum, Reason(Intent(size: 4.99m), Inputs()));

    [Fact]
    public void Check_MarketableBelowOneDollar_Denied_ButFiveSharesNotRequired()
    {
        Assert.Equal(RiskDenialReason.BelowVenueMinimum, Reason(Intent(price: 0.50m, size: 1.98m, type: OrderType.Fak), Inputs()));
        Assert.True(_gate.Check(Intent(price: 0.50m, size: 2m, type: OrderType.Fok), Inputs()).Allowed);
    }

    [Fact]
    public void Check_OffGridPrice_Denied() =>
        Assert.Equal(RiskDenialReason.OffTickGrid, Reason(Intent(price: 0.505m), Inputs()));

    [Fact]
    public void Check_UntrustedBook_Denied()
    {
        var book = TrustedBook();
        book.MarkUntrusted("hash mismatch");
        Assert.Equal(RiskDenialReason.UntrustedBook, Reason(Intent(), Inputs(book: book)));
    }

    [Fact]
    public void Check_ClosedMarket_Denied() =>
        Assert.Equal(RiskDenialReason.MarketClosed, Reason(Intent(), Inputs(now: Market.ClosesAt)));

    [Fact]
    public void Check_StrategyOverItsOrderRate_Denied() =>
        Assert.Equal(RiskDenialReason.OrderRateLimit, Reason(Intent(), Inputs() with { StrategyOrdersLastMinute = 120 }));

    [Fact]
    public void Check_PostOnlyImmediate_Denied() =>
        Assert.Equal(RiskDenialReason.InvalidOrder, Reason(Intent(type: OrderType.Fok, postOnly: true), Inputs()));

    [Fact]
    public void Validate_ReportsEveryBadKey()
    {
        var problems = new RiskOptions { MaxOrderNotional = -1m, DailyLossLimit = 0m, MaxOpenOrders = 0, MinPrice = 0.9m, MaxPrice = 0.1m }.Validate();
        Assert.Contains(problems, p => p.StartsWith("Risk:MaxOrderNotional", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Risk:DailyLossLimit", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Risk:MaxOpenOrders", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Risk:MinPrice", StringComparison.Ordinal));
    }
}
