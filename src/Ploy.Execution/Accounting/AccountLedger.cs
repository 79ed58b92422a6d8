using Ploy.Core.Journal;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Positions;
using Ploy.Core.Primitives;

namespace Ploy.Execution.Accounting;

/// <summary>
/// Our books: the wallet (what the venue's ledger should agree with), the same fills attributed per strategy,
/// and realised PnL of the current UTC day — recorded here, where the daily loss limit is enforced.
/// Owned by the gateway's single writer.
/// </summary>
public sealed class AccountLedger
{
    private readonly Dictionary<StrategyId, Portfolio> _byStrategy = [];

    public AccountLedger(decimal startingCash, DateOnly day)
    {
        Wallet = new Portfolio(startingCash);
        Day = day;
    }

    public Portfolio Wallet { get; }

    public DateOnly Day { get; private set; }

    public decimal DailyRealizedPnl { get; private set; }

    public IReadOnlyDictionary<StrategyId, Portfolio> ByStrategy => _byStrategy;

    public Portfolio For(StrategyId strategy)
    {
        if (!_byStrategy.TryGetValue(strategy, out var portfolio))
        {
            portfolio = new Portfolio(0m);
            _byStrategy[strategy] = portfolio;
        }

        return portfolio;
    }

    /// <summary>
    /// The books of what no strategy can claim: the venue's balances when they are adopted, and wallet-only fills (of
    /// orders we have no record of). Snapshotted like a strategy, so what the wallet holds always adds up.
    /// </summary>
    public static readonly StrategyId Unattributed = new("unattributed");

    /// <summary>Applies a fill; returns the realised PnL it added.</summary>
    public decimal Apply(StrategyId strategy, Fill fill)
    {
        var before = Wallet.RealizedPnl;
        Wallet.Apply(fill);
        ApplyAttributed(strategy, fill);
        var realized = Wallet.RealizedPnl - before;
        DailyRealizedPnl += realized;
        return realized;
    }

    /// <summary>
    /// A strategy's books take the fill — except shares it sells that its books do not hold. The venue checks the
    /// wallet, not a strategy: a strategy can sell shares another one bought, a sell resting from before a restart can
    /// fill after the venue's ledger was adopted (shares in <see cref="Unattributed"/>). The wallet (the venue's truth)
    /// has taken the whole sale; the seller's books take what they hold and the rest comes out of the unattributed
    /// books, then the other strategies' — so the strategies' books always add up to the wallet (the kill test found
    /// a crash here, then restarts that disagreed with the venue because they did not).
    /// </summary>
    private void ApplyAttributed(StrategyId strategy, Fill fill)
    {
        var books = For(strategy);
        var held = books.SharesOf(fill.Token);
        if (fill.Side != Side.Sell || held >= fill.Quantity.Shares)
        {
            books.Apply(fill);
            return;
        }

        if (held > 0m)
        {
            books.Apply(Part(fill, held));
        }

        var rest = fill.Quantity.Shares - held;
        var donors = _byStrategy
            .Where(p => p.Key != strategy)
            .OrderBy(p => p.Key == Unattributed ? 0 : 1)
            .ThenBy(p => p.Key.Value, StringComparer.Ordinal)
            .Select(p => p.Value)
            .ToList();
        foreach (var donor in donors)
        {
            var taken = Math.Min(rest, donor.SharesOf(fill.Token));
            if (taken > 0m)
            {
                donor.Apply(Part(fill, taken));
                rest -= taken;
            }

            if (rest == 0m)
            {
                break;
            }
        }
    }

    private static Fill Part(Fill fill, decimal shares) =>
        fill with { Quantity = Size.Of(shares), Fee = fill.Fee * shares / fill.Quantity.Shares };

    /// <summary>Redeems a resolved market everywhere; returns the realised PnL it added to the wallet.</summary>
    public decimal Settle(BinaryMarket market, Outcome winner)
    {
        foreach (var portfolio in _byStrategy.Values)
        {
            portfolio.Settle(market, winner);
        }

        var realized = Wallet.Settle(market, winner);
        DailyRealizedPnl += realized;
        return realized;
    }

    /// <summary>Starts a new UTC day's counters when the clock crosses midnight.</summary>
    public bool RollDay(DateOnly today, decimal carriedPnl = 0m)
    {
        if (today == Day)
        {
            return false;
        }

        Day = today;
        DailyRealizedPnl = carriedPnl;
        return true;
    }

    public void RestoreDaily(DateOnly day, decimal realized)
    {
        Day = day;
        DailyRealizedPnl = realized;
    }

    public PortfolioSnapshot Snapshot(DateTimeOffset at)
    {
        var positions = new List<PositionSnapshot>();
        foreach (var (strategy, portfolio) in _byStrategy.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
        {
            foreach (var p in portfolio.Positions.OrderBy(p => p.Token.Value, StringComparer.Ordinal))
            {
                positions.Add(new PositionSnapshot(strategy, p.Token, p.Shares, p.AverageCost, p.RealizedPnl, p.FeesPaid));
            }
        }

        return new PortfolioSnapshot(Wallet.Cash, positions, at);
    }

    /// <summary>Rebuilds strategy attribution and the wallet from a snapshot whose wallet the venue confirmed.</summary>
    public void Restore(PortfolioSnapshot snapshot)
    {
        _byStrategy.Clear();
        var wallet = new Dictionary<TokenId, (decimal Shares, decimal Cost, decimal Realized, decimal Fees)>();
        foreach (var p in snapshot.Positions)
        {
            var restored = Position.Restore(p.Token, p.Shares, p.AverageCost, p.RealizedPnl, p.FeesPaid);
            var portfolio = For(p.Strategy);
            portfolio.Restore(portfolio.Cash, portfolio.Positions.Append(restored).ToList());
            wallet.TryGetValue(p.Token, out var w);
            wallet[p.Token] = (w.Shares + p.Shares, w.Cost + (p.Shares * p.AverageCost), w.Realized + p.RealizedPnl, w.Fees + p.FeesPaid);
        }

        Wallet.Restore(snapshot.Cash, wallet.Select(kv => Position.Restore(kv.Key, kv.Value.Shares,
            kv.Value.Shares == 0m ? 0m : kv.Value.Cost / kv.Value.Shares, kv.Value.Realized, kv.Value.Fees)));
    }

    /// <summary>
    /// Adopts the venue's balances as truth (used when our snapshot disagrees): attribution is dropped and the shares go
    /// to <see cref="Unattributed"/>'s books, so the next snapshot holds them and the next restart agrees with the venue.
    /// </summary>
    public void AdoptVenue(decimal cash, IReadOnlyDictionary<TokenId, decimal> tokens)
    {
        _byStrategy.Clear();
        var held = tokens.Where(t => t.Value != 0m).ToList();
        Wallet.Restore(cash, held.Select(t => Position.Restore(t.Key, t.Value, 0m, 0m, 0m)));
        For(Unattributed).Restore(0m, held.Select(t => Position.Restore(t.Key, t.Value, 0m, 0m, 0m)).ToList());
    }
}
