using Ploy.Core.Primitives;

namespace Ploy.Core.Orders;

/// <summary>What a strategy wants: the gateway turns it into an <see cref="Order"/> after the risk gate.</summary>
/// <param name="Strategy">Who asks (for attribution and per-strategy limits).</param>
/// <param name="Condition">The market.</param>
/// <param name="Token">The outcome token to trade.</param>
/// <param name="Side">Buy or sell the token.</param>
/// <param name="LimitPrice">Worst acceptable price, on the market's tick grid.</param>
/// <param name="Quantity">Shares (whole hundredths).</param>
/// <param name="Type">Time in force.</param>
/// <param name="PostOnly">Reject instead of taking liquidity (GTC/GTD only).</param>
/// <param name="ExpiresAt">For GTD orders.</param>
/// <param name="Tag">Free text for logs (e.g. "take-profit").</param>
public sealed record OrderIntent(
    StrategyId Strategy,
    ConditionId Condition,
    TokenId Token,
    Side Side,
    Price LimitPrice,
    Size Quantity,
    OrderType Type = OrderType.Gtc,
    bool PostOnly = false,
    DateTimeOffset? ExpiresAt = null,
    string? Tag = null)
{
    public decimal Notional => LimitPrice.Value * Quantity.Shares;

    /// <summary>Marketable-only types: they never rest.</summary>
    public bool IsImmediate => Type is OrderType.Fok or OrderType.Fak;
}
