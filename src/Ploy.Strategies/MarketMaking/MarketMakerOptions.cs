using Ploy.Strategies.Common;

namespace Ploy.Strategies.MarketMaking;

/// <summary>Options of <see cref="MarketMakerStrategy"/>, section <c>Strategies:MarketMaker</c>.</summary>
public sealed class MarketMakerOptions
{
    public const string SectionName = "Strategies:MarketMaker";

    /// <summary>Distance of each quote from the (skewed) mid, in YES price points.</summary>
    public decimal HalfSpread { get; set; } = 0.02m;

    /// <summary>Shares per quote; raised to the market's minimum resting size.</summary>
    public decimal QuoteSize { get; set; } = 10m;

    /// <summary>Largest net YES inventory (YES − NO shares) either way; the side that would pass it is not quoted.</summary>
    public decimal MaxInventory { get; set; } = 50m;

    /// <summary>Quotes move against inventory by this much per net YES share held.</summary>
    public decimal SkewPerShare { get; set; } = 0.0004m;

    /// <summary>A resting quote is replaced only when the desired price moved by at least this many ticks.</summary>
    public int RequoteThresholdTicks { get; set; } = 1;

    /// <summary>
    /// A quote lives at least this long before it is replaced for a price move (fills, closing and untrusted
    /// books still act at once). Market data lags our own orders, so without it a re-quote can chase its own
    /// shadow many times within one tick of the clock.
    /// </summary>
    public TimeSpan MinQuoteLife { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>All quotes are pulled this long before the round closes.</summary>
    public TimeSpan PullBeforeClose { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First wait after a rejected quote; doubles per failure.</summary>
    public TimeSpan RejectBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRejectBackoff { get; set; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> Validate()
    {
        var checks = new OptionChecks(SectionName);
        checks.Positive(nameof(HalfSpread), HalfSpread);
        checks.Below(nameof(HalfSpread), HalfSpread, 0.5m);
        checks.AtLeast(nameof(QuoteSize), QuoteSize, 5m);
        checks.Check(decimal.Round(QuoteSize, 2) == QuoteSize, nameof(QuoteSize), "must have at most 2 decimals");
        checks.Check(MaxInventory >= QuoteSize, nameof(MaxInventory), "must be >= QuoteSize");
        checks.NonNegative(nameof(SkewPerShare), SkewPerShare);
        checks.AtLeast(nameof(RequoteThresholdTicks), RequoteThresholdTicks, 1m);
        checks.NonNegative(nameof(PullBeforeClose), PullBeforeClose);
        checks.NonNegative(nameof(MinQuoteLife), MinQuoteLife);
        checks.Positive(nameof(RejectBackoff), RejectBackoff);
        checks.Check(MaxRejectBackoff >= RejectBackoff, nameof(MaxRejectBackoff), "must be >= RejectBackoff");
        return checks.Problems;
    }
}
