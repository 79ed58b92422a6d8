using System.Globalization;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Risk;

namespace Ploy.Execution.Risk;

/// <summary>
/// Pre-trade checks. Pure: the same intent and inputs always give the same decision; every denial is a value
/// with a reason. Sells only ever reduce a position (Polymarket has no shorting), so they stay allowed while
/// halted or past the daily loss limit — those block new risk only.
/// </summary>
public sealed class RiskGate(RiskOptions options)
{
    public RiskOptions Options { get; } = options;

    public RiskDecision Check(OrderIntent intent, in RiskInputs inputs)
    {
        var market = inputs.Market;
        if (market is null || inputs.Now >= market.ClosesAt)
        {
            return Deny(RiskDenialReason.MarketClosed, $"market {intent.Condition} is not open");
        }

        if (!market.Contains(intent.Token))
        {
            return Deny(RiskDenialReason.InvalidOrder, $"token {intent.Token} is not in market {market.Condition}");
        }

        if (intent.Quantity.IsZero || intent.Quantity.TruncateToLot() != intent.Quantity)
        {
            return Deny(RiskDenialReason.InvalidOrder, $"size {intent.Quantity} must be positive whole hundredths");
        }

        if (!market.Tick.IsOnGrid(intent.LimitPrice.Value))
        {
            return Deny(RiskDenialReason.OffTickGrid, $"price {intent.LimitPrice} is not on tick {market.Tick}");
        }

        if (intent.PostOnly && intent.IsImmediate)
        {
            return Deny(RiskDenialReason.InvalidOrder, "post-only needs GTC or GTD");
        }

        if (inputs.Book is not { IsTrusted: true })
        {
            return Deny(RiskDenialReason.UntrustedBook, $"book of {intent.Token} is not trusted");
        }

        var buying = intent.Side == Side.Buy;
        if (!buying && inputs.HeldShares - inputs.SharesReservedForSale < intent.Quantity.Shares)
        {
            return Deny(RiskDenialReason.InsufficientPosition,
                Invariant($"selling {intent.Quantity} with {inputs.HeldShares - inputs.SharesReservedForSale} free"));
        }

        if (buying && inputs.Halted)
        {
            return Deny(RiskDenialReason.Halted, "kill switch engaged: reduce-only");
        }

        if (buying && inputs.DailyRealizedPnl <= -Options.DailyLossLimit)
        {
            return Deny(RiskDenialReason.DailyLossLimit, Invariant($"daily PnL {inputs.DailyRealizedPnl} at limit -{Options.DailyLossLimit}"));
        }

        if (intent.IsImmediate ? intent.Notional < 1m : intent.Quantity < market.MinOrderSize)
        {
            return Deny(RiskDenialReason.BelowVenueMinimum, intent.IsImmediate
                ? Invariant($"marketable notional {intent.Notional} below $1")
                : Invariant($"resting size {intent.Quantity} below {market.MinOrderSize}"));
        }

        var price = intent.LimitPrice.Value;
        if (price < Options.MinPrice || price > Options.MaxPrice)
        {
            return Deny(RiskDenialReason.PriceBand, Invariant($"price {price} outside [{Options.MinPrice}, {Options.MaxPrice}]"));
        }

        if (inputs.Book.Mid is { } mid && Math.Abs(price - mid) > Options.PriceBand)
        {
            return Deny(RiskDenialReason.PriceBand, Invariant($"price {price} more than {Options.PriceBand} from mid {mid}"));
        }

        if (inputs.StrategyOrdersLastMinute >= Options.MaxOrdersPerMinutePerStrategy)
        {
            return Deny(RiskDenialReason.OrderRateLimit, Invariant($"{inputs.StrategyOrdersLastMinute} orders in the last minute"));
        }

        if (inputs.OpenOrders >= Options.MaxOpenOrders)
        {
            return Deny(RiskDenialReason.MaxOpenOrders, Invariant($"{inputs.OpenOrders} orders open"));
        }

        return buying ? CheckNewRisk(intent.Notional, inputs) : RiskDecision.Allow;
    }

    private RiskDecision CheckNewRisk(decimal notional, in RiskInputs inputs)
    {
        if (notional > Options.MaxOrderNotional)
        {
            return Deny(RiskDenialReason.MaxOrderNotional, Invariant($"notional {notional} > {Options.MaxOrderNotional}"));
        }

        if (notional > inputs.CashAvailable)
        {
            return Deny(RiskDenialReason.InsufficientCash, Invariant($"notional {notional} > free cash {inputs.CashAvailable}"));
        }

        if (inputs.MarketExposure + notional > Options.MaxPositionPerMarket)
        {
            return Deny(RiskDenialReason.MaxPositionPerMarket,
                Invariant($"market exposure {inputs.MarketExposure} + {notional} > {Options.MaxPositionPerMarket}"));
        }

        if (inputs.TotalExposure + notional > Options.MaxTotalExposure)
        {
            return Deny(RiskDenialReason.MaxTotalExposure,
                Invariant($"total exposure {inputs.TotalExposure} + {notional} > {Options.MaxTotalExposure}"));
        }

        return RiskDecision.Allow;
    }

    private static RiskDecision Deny(RiskDenialReason reason, string detail) => RiskDecision.Deny(reason, detail);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
