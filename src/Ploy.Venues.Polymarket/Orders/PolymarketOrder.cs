using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Orders;

/// <summary>
/// An unsigned V2 order: the 11 signed fields plus <see cref="Expiration"/>, which travels in the body but is not signed.
/// Addresses are kept verbatim because the reference client copies the funder's casing into the body.
/// </summary>
/// <param name="Salt">Random per order; a JSON number in the body, so at most 2^53−1.</param>
/// <param name="Maker">Funder (proxy, Safe or deposit wallet) or the EOA.</param>
/// <param name="Signer">The EOA for types 0–2; the wallet for type 3.</param>
/// <param name="TokenId">Outcome token / position id, decimal uint256.</param>
/// <param name="MakerAmount">Base units (6 decimals) given.</param>
/// <param name="TakerAmount">Base units (6 decimals) wanted.</param>
/// <param name="Side">0 BUY / 1 SELL in the struct.</param>
/// <param name="SignatureType">0–3.</param>
/// <param name="TimestampMs">Creation time in unix milliseconds (signed).</param>
/// <param name="Expiration">Unix seconds, 0 = none (not signed).</param>
/// <param name="Metadata">bytes32 hex.</param>
/// <param name="Builder">bytes32 builder code hex.</param>
public sealed record PolymarketOrder(
    ulong Salt,
    string Maker,
    string Signer,
    string TokenId,
    ulong MakerAmount,
    ulong TakerAmount,
    Side Side,
    PolymarketSignatureType SignatureType,
    ulong TimestampMs,
    ulong Expiration,
    string Metadata,
    string Builder)
{
    /// <summary>bytes32 zero, the default metadata and builder.</summary>
    public const string ZeroBytes32 = "0x0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Largest salt a JSON number carries exactly.</summary>
    public const ulong MaxSalt = (1UL << 53) - 1;
}
