using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;

namespace Ploy.Venues.Simulated.Ledger;

/// <summary>
/// The simulated venue's books of account: pUSD cash and outcome tokens per account, the collateral locked behind
/// complete sets, and the fees collected. Money only moves between these pots, so
/// Σ cash + Σ collateral + fees == Σ deposits at all times, and every market's YES supply equals its NO supply
/// equals its collateral. A broken invariant is a bug and throws.
/// </summary>
public sealed class VenueLedger
{
    private readonly Dictionary<AccountId, Account> _accounts = [];
    private readonly List<Account> _ordered = [];
    private readonly Dictionary<ConditionId, decimal> _collateral = [];
    private readonly Dictionary<TokenId, decimal> _supply = [];

    /// <summary>Accounts in the order they were opened.</summary>
    public IEnumerable<AccountId> Accounts => _ordered.Select(a => a.Id);

    /// <summary>All pUSD ever deposited.</summary>
    public decimal TotalDeposits { get; private set; }

    /// <summary>Taker fees charged so far (kept by the venue).</summary>
    public decimal FeesCollected { get; private set; }

    /// <summary>Σ cash over all accounts (reserved included).</summary>
    public decimal TotalCash => _ordered.Sum(a => a.Cash);

    /// <summary>pUSD locked behind complete sets of all markets.</summary>
    public decimal TotalCollateral => _collateral.Values.Sum();

    /// <summary>Adds pUSD to an account, opening it if needed.</summary>
    public void Deposit(AccountId account, decimal amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Get(account).Cash += amount;
        TotalDeposits += amount;
    }

    public bool Exists(AccountId account) => _accounts.ContainsKey(account);

    public decimal Cash(AccountId account) => Find(account)?.Cash ?? 0m;

    public decimal AvailableCash(AccountId account) => Find(account)?.AvailableCash ?? 0m;

    public decimal ReservedCash(AccountId account) => Find(account)?.ReservedCash ?? 0m;

    public decimal Tokens(AccountId account, TokenId token) =>
        Find(account) is { } a && a.Tokens.TryGetValue(token, out var h) ? h.Total : 0m;

    public decimal AvailableTokens(AccountId account, TokenId token) =>
        Find(account) is { } a && a.Tokens.TryGetValue(token, out var h) ? h.Available : 0m;

    public decimal ReservedTokens(AccountId account, TokenId token) =>
        Find(account) is { } a && a.Tokens.TryGetValue(token, out var h) ? h.Reserved : 0m;

    /// <summary>Shares of a token in existence (held by anyone).</summary>
    public decimal Supply(TokenId token) => _supply.GetValueOrDefault(token);

    public decimal Collateral(ConditionId condition) => _collateral.GetValueOrDefault(condition);

    /// <summary>Every token balance of every account (for invariant checks).</summary>
    public IEnumerable<(AccountId Account, TokenId Token, decimal Total, decimal Reserved)> Holdings() =>
        _ordered.SelectMany(a => a.Tokens.Select(t => (a.Id, t.Key, t.Value.Total, t.Value.Reserved)));

    /// <summary>The venue's view of an account: cash including reserved, and non-zero token totals.</summary>
    public VenueBalances Balances(AccountId account)
    {
        var a = Find(account);
        var tokens = new Dictionary<TokenId, decimal>();
        if (a is not null)
        {
            foreach (var (token, holding) in a.Tokens)
            {
                if (holding.Total != 0m)
                {
                    tokens[token] = holding.Total;
                }
            }
        }

        return new VenueBalances(a?.Cash ?? 0m, tokens);
    }

    /// <summary>Turns pUSD into complete sets (one YES + one NO each). False when the free cash is short.</summary>
    public bool Split(AccountId account, BinaryMarket market, decimal sets)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sets);
        var a = Get(account);
        if (a.AvailableCash < sets)
        {
            return false;
        }

        a.Cash -= sets;
        a.Holding(market.Yes).Total += sets;
        a.Holding(market.No).Total += sets;
        Mint(market, sets);
        return true;
    }

    /// <summary>Burns complete sets back into pUSD. False when the free tokens are short.</summary>
    public bool Merge(AccountId account, BinaryMarket market, decimal sets)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sets);
        var a = Get(account);
        if (a.Holding(market.Yes).Available < sets || a.Holding(market.No).Available < sets)
        {
            return false;
        }

        a.Holding(market.Yes).Total -= sets;
        a.Holding(market.No).Total -= sets;
        Burn(market, sets);
        a.Cash += sets;
        return true;
    }

    internal bool TryReserveCash(AccountId account, decimal amount, decimal mustAlsoBeFree)
    {
        var a = Get(account);
        if (a.AvailableCash < amount + mustAlsoBeFree)
        {
            return false;
        }

        a.ReservedCash += amount;
        return true;
    }

    internal bool TryReserveTokens(AccountId account, TokenId token, decimal shares)
    {
        var holding = Get(account).Holding(token);
        if (holding.Available < shares)
        {
            return false;
        }

        holding.Reserved += shares;
        return true;
    }

    internal void ReleaseCash(AccountId account, decimal amount)
    {
        var a = Get(account);
        a.ReservedCash -= amount;
        Ensure(a.ReservedCash >= 0m, account, "reserved cash below zero");
    }

    internal void ReleaseTokens(AccountId account, TokenId token, decimal shares)
    {
        var holding = Get(account).Holding(token);
        holding.Reserved -= shares;
        Ensure(holding.Reserved >= 0m, account, "reserved tokens below zero");
    }

    /// <summary>A buyer pays <paramref name="pay"/> out of a reservation of <paramref name="release"/> and gets the shares.</summary>
    internal void BuyerSettles(AccountId account, TokenId token, decimal release, decimal pay, decimal shares)
    {
        var a = Get(account);
        a.ReservedCash -= release;
        a.Cash -= pay;
        a.Holding(token).Total += shares;
        Ensure(a.ReservedCash >= 0m && a.Cash >= a.ReservedCash, account, "cash below reservation");
    }

    /// <summary>A seller delivers reserved shares and receives <paramref name="receive"/>.</summary>
    internal void SellerSettles(AccountId account, TokenId token, decimal shares, decimal receive)
    {
        var a = Get(account);
        var holding = a.Holding(token);
        holding.Total -= shares;
        holding.Reserved -= shares;
        a.Cash += receive;
        Ensure(holding.Total >= 0m && holding.Reserved >= 0m, account, "shares below zero");
    }

    internal void ChargeFee(AccountId account, decimal fee)
    {
        if (fee == 0m)
        {
            return;
        }

        var a = Get(account);
        a.Cash -= fee;
        FeesCollected += fee;
        Ensure(a.Cash >= a.ReservedCash, account, "fee exceeds free cash");
    }

    /// <summary>Records <paramref name="sets"/> new complete sets: their pUSD becomes collateral.</summary>
    internal void Mint(BinaryMarket market, decimal sets)
    {
        _collateral[market.Condition] = Collateral(market.Condition) + sets;
        _supply[market.Yes] = Supply(market.Yes) + sets;
        _supply[market.No] = Supply(market.No) + sets;
    }

    /// <summary>Records <paramref name="sets"/> complete sets burned: their collateral is released.</summary>
    internal void Burn(BinaryMarket market, decimal sets)
    {
        _collateral[market.Condition] = Collateral(market.Condition) - sets;
        _supply[market.Yes] = Supply(market.Yes) - sets;
        _supply[market.No] = Supply(market.No) - sets;
        if (_collateral[market.Condition] < 0m || _supply[market.Yes] < 0m)
        {
            throw new InvalidOperationException($"Market {market.Condition}: burned more sets than exist.");
        }
    }

    /// <summary>Pays 1 pUSD per winning share out of the collateral and burns both tokens of the market.</summary>
    internal void Settle(BinaryMarket market, Outcome winner)
    {
        var winning = market.TokenFor(winner);
        decimal paid = 0m;
        foreach (var a in _ordered)
        {
            if (a.Tokens.Remove(winning, out var w))
            {
                Ensure(w.Reserved == 0m, a.Id, "settling reserved shares");
                a.Cash += w.Total;
                paid += w.Total;
            }

            if (a.Tokens.Remove(market.Complement(winning), out var l))
            {
                Ensure(l.Reserved == 0m, a.Id, "settling reserved shares");
            }
        }

        if (paid != Collateral(market.Condition))
        {
            throw new InvalidOperationException($"Market {market.Condition}: paid {paid} but {Collateral(market.Condition)} was locked.");
        }

        _collateral.Remove(market.Condition);
        _supply.Remove(market.Yes);
        _supply.Remove(market.No);
    }

    private static void Ensure(bool condition, AccountId account, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Ledger invariant broken for {account}: {what}.");
        }
    }

    private Account? Find(AccountId account) => _accounts.GetValueOrDefault(account);

    private Account Get(AccountId account)
    {
        if (!_accounts.TryGetValue(account, out var a))
        {
            a = new Account(account);
            _accounts[account] = a;
            _ordered.Add(a);
        }

        return a;
    }
}
