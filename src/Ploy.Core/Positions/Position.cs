using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Core.Positions;

/// <summary>
/// Holdings of one outcome token with average cost. Polymarket has no shorting: a position never goes
/// below zero shares. Fees count against realised PnL when paid.
/// </summary>
public sealed class Position
{
    public Position(TokenId token) => Token = token;

    public TokenId Token { get; }

    public decimal Shares { get; private set; }

    /// <summary>Average pUSD paid per share currently held.</summary>
    public decimal AverageCost { get; private set; }

    public decimal RealizedPnl { get; private set; }

    public decimal FeesPaid { get; private set; }

    public decimal CostBasis => Shares * AverageCost;

    public bool IsFlat => Shares == 0m;

    public decimal UnrealizedPnl(decimal markPrice) => Shares * (markPrice - AverageCost);

    public void Apply(Side side, decimal price, decimal shares, decimal fee)
    {
        if (shares <= 0m || fee < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(shares), "A fill has positive shares and a non-negative fee.");
        }

        // Checked before any state changes: a refused sell must not leave its fee charged.
        if (side == Side.Sell && shares > Shares)
        {
            throw new InvalidOperationException($"Selling {shares} of {Token} with only {Shares} held.");
        }

        FeesPaid += fee;
        RealizedPnl -= fee;
        if (side == Side.Buy)
        {
            var total = Shares + shares;
            AverageCost = ((Shares * AverageCost) + (shares * price)) / total;
            Shares = total;
            return;
        }

        RealizedPnl += shares * (price - AverageCost);
        Shares -= shares;
        if (Shares == 0m)
        {
            AverageCost = 0m;
        }
    }

    public void Apply(Fill fill) => Apply(fill.Side, fill.Price.Value, fill.Quantity.Shares, fill.Fee);

    /// <summary>Redeems at resolution: each share pays <paramref name="payout"/> (1 for the winner, 0 otherwise).</summary>
    /// <returns>The pUSD received.</returns>
    public decimal Settle(decimal payout)
    {
        var proceeds = Shares * payout;
        RealizedPnl += Shares * (payout - AverageCost);
        Shares = 0m;
        AverageCost = 0m;
        return proceeds;
    }

    /// <summary>Restores a journaled snapshot.</summary>
    public static Position Restore(TokenId token, decimal shares, decimal averageCost, decimal realized, decimal fees) =>
        new(token) { Shares = shares, AverageCost = averageCost, RealizedPnl = realized, FeesPaid = fees };
}
