namespace Ploy.Execution.Risk;

/// <summary>Limits the risk gate enforces (config section "Risk"). Money in pUSD.</summary>
public sealed class RiskOptions
{
    public const string Section = "Risk";

    /// <summary>Largest notional (price × shares) of one order.</summary>
    public decimal MaxOrderNotional { get; set; } = 50m;

    /// <summary>Largest cost basis held in one market (both outcomes together), open buy orders included.</summary>
    public decimal MaxPositionPerMarket { get; set; } = 150m;

    /// <summary>Largest cost basis held across all markets, open buy orders included.</summary>
    public decimal MaxTotalExposure { get; set; } = 400m;

    /// <summary>Realised loss in one UTC day at which trading halts (a positive number).</summary>
    public decimal DailyLossLimit { get; set; } = 100m;

    /// <summary>Most orders live at the venue at once.</summary>
    public int MaxOpenOrders { get; set; } = 40;

    /// <summary>Most orders one strategy may send per minute: a backstop against a runaway quoting loop.</summary>
    public int MaxOrdersPerMinutePerStrategy { get; set; } = 120;

    /// <summary>Furthest an order's price may sit from the book's mid (absolute probability points).</summary>
    public decimal PriceBand { get; set; } = 0.25m;

    /// <summary>Lowest price any order may carry (avoids dust-priced fat-finger orders).</summary>
    public decimal MinPrice { get; set; } = 0.01m;

    /// <summary>Highest price any order may carry.</summary>
    public decimal MaxPrice { get; set; } = 0.99m;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Positive(decimal value, string key)
        {
            if (value <= 0m)
            {
                problems.Add($"{Section}:{key} must be > 0 (was {value}).");
            }
        }

        Positive(MaxOrderNotional, nameof(MaxOrderNotional));
        Positive(MaxPositionPerMarket, nameof(MaxPositionPerMarket));
        Positive(MaxTotalExposure, nameof(MaxTotalExposure));
        Positive(DailyLossLimit, nameof(DailyLossLimit));
        Positive(PriceBand, nameof(PriceBand));
        if (MaxOpenOrders <= 0)
        {
            problems.Add($"{Section}:{nameof(MaxOpenOrders)} must be > 0 (was {MaxOpenOrders}).");
        }

        if (MaxOrdersPerMinutePerStrategy <= 0)
        {
            problems.Add($"{Section}:{nameof(MaxOrdersPerMinutePerStrategy)} must be > 0 (was {MaxOrdersPerMinutePerStrategy}).");
        }

        if (MinPrice <= 0m || MaxPrice >= 1m || MinPrice >= MaxPrice)
        {
            problems.Add($"{Section}:{nameof(MinPrice)}/{nameof(MaxPrice)} must satisfy 0 < MinPrice < MaxPrice < 1 (were {MinPrice}/{MaxPrice}).");
        }

        if (MaxOrderNotional > MaxPositionPerMarket)
        {
            problems.Add($"{Section}:{nameof(MaxOrderNotional)} must not exceed {nameof(MaxPositionPerMarket)}.");
        }

        return problems;
    }
}
