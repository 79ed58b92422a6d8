using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated.Ledger;

/// <summary>One account's pUSD and tokens. <see cref="Cash"/> includes what resting buy orders reserve.</summary>
internal sealed class Account(AccountId id)
{
    public AccountId Id { get; } = id;

    public decimal Cash { get; set; }

    public decimal ReservedCash { get; set; }

    public decimal AvailableCash => Cash - ReservedCash;

    // Insertion-ordered (never iterated by hash): settlement walks it in a stable order.
    public Dictionary<TokenId, TokenHolding> Tokens { get; } = [];

    public TokenHolding Holding(TokenId token)
    {
        if (!Tokens.TryGetValue(token, out var holding))
        {
            holding = new TokenHolding();
            Tokens[token] = holding;
        }

        return holding;
    }
}
