using Ploy.Core.Orders;
using Ploy.Strategies.Common;

namespace Ploy.Strategies.Momentum;

/// <summary>Options of <see cref="MomentumStrategy"/>, section <c>Strategies:Momentum</c>.</summary>
public sealed class MomentumOptions
{
    public const string SectionName = "Strategies:Momentum";

    /// <summary>Minimum relative move of the reference price from the round's start (0.0005 = 0.05%).</summary>
    public decimal EntryThreshold { get; set; } = 0.0005m;

    /// <summary>Annualised volatility σ of the reference price, for the fair value Φ(ln(S/S0)/(σ√τ)).</summary>
    public decimal AnnualizedVolatility { get; set; } = 0.60m;

    /// <summary>Buy only when the best ask ≤ fair value − this edge (probability points).</summary>
    public decimal Edge { get; set; } = 0.02m;

    /// <summary>pUSD per entry; raised to the venue minimums (5 shares, 1 pUSD).</summary>
    public decimal OrderNotional { get; set; } = 10m;

    /// <summary>FAK (take what is there) or GTC (rest at the ask, cancelled after <see cref="EntryOrderTimeout"/>).</summary>
    public OrderType EntryOrderType { get; set; } = OrderType.Fak;

    /// <summary>How long a resting (GTC) entry may wait unfilled before it is cancelled.</summary>
    public TimeSpan EntryOrderTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Exit when the mark (best bid) ≥ entry + this (probability points); 0 disables.</summary>
    public decimal TakeProfit { get; set; } = 0.10m;

    /// <summary>Exit when the mark (best bid) ≤ entry − this (probability points); 0 disables.</summary>
    public decimal StopLoss { get; set; } = 0.10m;

    /// <summary>No entries in the first part of a round (the move is noise then).</summary>
    public TimeSpan EntryDelayAfterOpen { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No entries in the last part of a round.</summary>
    public TimeSpan EntryCutoffBeforeClose { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First wait after a rejected or killed order; doubles per failure.</summary>
    public TimeSpan RejectBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRejectBackoff { get; set; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> Validate()
    {
        var checks = new OptionChecks(SectionName);
        checks.Positive(nameof(EntryThreshold), EntryThreshold);
        checks.Positive(nameof(AnnualizedVolatility), AnnualizedVolatility);
        checks.NonNegative(nameof(Edge), Edge);
        checks.Below(nameof(Edge), Edge, 1m);
        checks.AtLeast(nameof(OrderNotional), OrderNotional, 1m);
        checks.Check(EntryOrderType is OrderType.Fak or OrderType.Fok or OrderType.Gtc, nameof(EntryOrderType), "must be Fak, Fok or Gtc");
        checks.Positive(nameof(EntryOrderTimeout), EntryOrderTimeout);
        checks.NonNegative(nameof(TakeProfit), TakeProfit);
        checks.Below(nameof(TakeProfit), TakeProfit, 1m);
        checks.NonNegative(nameof(StopLoss), StopLoss);
        checks.Below(nameof(StopLoss), StopLoss, 1m);
        checks.NonNegative(nameof(EntryDelayAfterOpen), EntryDelayAfterOpen);
        checks.NonNegative(nameof(EntryCutoffBeforeClose), EntryCutoffBeforeClose);
        checks.Positive(nameof(RejectBackoff), RejectBackoff);
        checks.Check(MaxRejectBackoff >= RejectBackoff, nameof(MaxRejectBackoff), "must be >= RejectBackoff");
        return checks.Problems;
    }
}
