using Ploy.Core.Orders;
using Ploy.Strategies.Common;

namespace Ploy.Strategies.Arbitrage;

/// <summary>Options of <see cref="CompleteSetArbitrageStrategy"/>, section <c>Strategies:Arbitrage</c>.</summary>
public sealed class CompleteSetArbitrageOptions
{
    public const string SectionName = "Strategies:Arbitrage";

    /// <summary>Taker fee rate: a leg of s shares at p pays s × rate × p × (1 − p).</summary>
    public decimal TakerFeeRate { get; set; } = 0.02m;

    /// <summary>Required margin per set on top of fees (pUSD per share).</summary>
    public decimal Buffer { get; set; } = 0.005m;

    /// <summary>Most sets bought in one trade.</summary>
    public decimal MaxSetSize { get; set; } = 100m;

    /// <summary>Most complete sets held in one market.</summary>
    public decimal MaxSetsPerMarket { get; set; } = 500m;

    /// <summary>FOK (both legs all-or-nothing) or FAK.</summary>
    public OrderType LegOrderType { get; set; } = OrderType.Fok;

    /// <summary>Longest a naked leg may be held before it is only unwound (no more completion attempts).</summary>
    public TimeSpan MaxNakedDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How much worse than break-even (pair cost + fees = 1) a completion may be, per share: completing at a
    /// small known loss usually beats selling the naked leg across the spread.
    /// </summary>
    public decimal MaxCompletionSlippage { get; set; } = 0.01m;

    /// <summary>No new sets in the last part of a round.</summary>
    public TimeSpan EntryCutoffBeforeClose { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A naked leg is unwound, never completed, from this long before the close.</summary>
    public TimeSpan FlattenBeforeClose { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Wait after the last leg order ended before judging the position naked, so fills reported just after
    /// their order's terminal update are not mistaken for a missing leg.
    /// </summary>
    public TimeSpan FillSettleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Wait after a completing or unwinding order was rejected or found nothing before the next attempt. Fixed and
    /// short (not exponential) so that retries cannot stretch a naked leg past <see cref="MaxNakedDuration"/>.
    /// </summary>
    public TimeSpan RepairRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after a rejected or killed pair of legs; doubles per failure.</summary>
    public TimeSpan RejectBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRejectBackoff { get; set; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> Validate()
    {
        var checks = new OptionChecks(SectionName);
        checks.NonNegative(nameof(TakerFeeRate), TakerFeeRate);
        checks.Below(nameof(TakerFeeRate), TakerFeeRate, 1m);
        checks.NonNegative(nameof(Buffer), Buffer);
        checks.Below(nameof(Buffer), Buffer, 1m);
        checks.AtLeast(nameof(MaxSetSize), MaxSetSize, 5m);
        checks.Check(MaxSetsPerMarket >= MaxSetSize, nameof(MaxSetsPerMarket), "must be >= MaxSetSize");
        checks.Check(LegOrderType is OrderType.Fok or OrderType.Fak, nameof(LegOrderType), "must be Fok or Fak");
        checks.Positive(nameof(MaxNakedDuration), MaxNakedDuration);
        checks.NonNegative(nameof(MaxCompletionSlippage), MaxCompletionSlippage);
        checks.Below(nameof(MaxCompletionSlippage), MaxCompletionSlippage, 0.5m);
        checks.NonNegative(nameof(EntryCutoffBeforeClose), EntryCutoffBeforeClose);
        checks.NonNegative(nameof(FlattenBeforeClose), FlattenBeforeClose);
        checks.Check(EntryCutoffBeforeClose >= FlattenBeforeClose, nameof(EntryCutoffBeforeClose), "must be >= FlattenBeforeClose");
        checks.NonNegative(nameof(FillSettleDelay), FillSettleDelay);
        checks.Check(FillSettleDelay < MaxNakedDuration, nameof(FillSettleDelay), "must be < MaxNakedDuration");
        checks.Positive(nameof(RepairRetryDelay), RepairRetryDelay);
        checks.Check(RepairRetryDelay < MaxNakedDuration, nameof(RepairRetryDelay), "must be < MaxNakedDuration");
        checks.Positive(nameof(RejectBackoff), RejectBackoff);
        checks.Check(MaxRejectBackoff >= RejectBackoff, nameof(MaxRejectBackoff), "must be >= RejectBackoff");
        return checks.Problems;
    }
}
