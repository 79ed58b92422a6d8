namespace Ploy.Venues.Polymarket.Signing;

/// <summary>The order's <c>signatureType</c>: who the maker is and how the exchange checks the signature.</summary>
public enum PolymarketSignatureType
{
    /// <summary>The EOA is the maker.</summary>
    Eoa = 0,

    /// <summary>Polymarket proxy wallet (Magic/email); the funder is the proxy.</summary>
    PolyProxy = 1,

    /// <summary>Gnosis Safe (browser wallet); the funder is the Safe.</summary>
    PolyGnosisSafe = 2,

    /// <summary>ERC-1271 deposit wallet; ERC-7739-wrapped 317-byte signature, signer = maker = wallet.</summary>
    Poly1271 = 3,
}
