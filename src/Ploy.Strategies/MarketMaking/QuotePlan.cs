namespace Ploy.Strategies.MarketMaking;

/// <summary>Desired quotes in YES price space; a null side is not quoted.</summary>
/// <param name="Bid">Buy YES (or sell held NO) at this price.</param>
/// <param name="Ask">Sell held YES (or buy NO at 1 − this) at this price.</param>
/// <param name="Center">The inventory-skewed mid the quotes surround.</param>
public readonly record struct QuotePlan(decimal? Bid, decimal? Ask, decimal Center)
{
    public static QuotePlan None => new(null, null, 0m);
}
