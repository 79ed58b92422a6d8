namespace Ploy.Venues.Simulated.Ledger;

/// <summary>An account (wallet) on the simulated venue: our trader, a liquidity provider, a noise taker.</summary>
public readonly record struct AccountId(string Value)
{
    public override string ToString() => Value;
}
