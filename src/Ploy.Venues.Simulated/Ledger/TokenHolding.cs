namespace Ploy.Venues.Simulated.Ledger;

/// <summary>Shares of one token held by one account; <see cref="Reserved"/> is locked by resting sell orders.</summary>
internal sealed class TokenHolding
{
    public decimal Total { get; set; }

    public decimal Reserved { get; set; }

    public decimal Available => Total - Reserved;
}
