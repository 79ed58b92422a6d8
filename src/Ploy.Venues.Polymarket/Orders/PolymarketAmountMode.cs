namespace Ploy.Venues.Polymarket.Orders;

/// <summary>How maker/taker amounts are computed from price and size.</summary>
public enum PolymarketAmountMode
{
    /// <summary>
    /// Exact decimal arithmetic with the reference client's rules (half-up price, truncated size, round up at
    /// amount+4 decimals then truncate). Matches the reference everywhere except its binary64 artefacts on very
    /// large orders, where the reference is 1 base unit lower (protocol reference §5.6). The production default.
    /// </summary>
    ExactDecimal,

    /// <summary>The reference client's IEEE-754 double algorithm, artefacts included (for byte-identical orders).</summary>
    ReferenceDouble,
}
