namespace Ploy.Venues.Simulated.Matching;

/// <summary>How a trade settled on the ledger.</summary>
public enum MatchKind
{
    /// <summary>A buyer and a seller of the same token: shares change hands.</summary>
    Direct,

    /// <summary>A YES buyer and a NO buyer: a complete set is minted, their payments become its collateral.</summary>
    Mint,

    /// <summary>A YES seller and a NO seller: a complete set is burned, its collateral paid to them.</summary>
    Merge,
}
