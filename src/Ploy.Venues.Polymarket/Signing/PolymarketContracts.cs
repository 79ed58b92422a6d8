namespace Ploy.Venues.Polymarket.Signing;

/// <summary>Exchange contracts of the V2 client's <c>getContractConfig</c> (protocol reference §10.2).</summary>
public static class PolymarketContracts
{
    public const int Polygon = 137;
    public const int Amoy = 80002;

    public const string ExchangeV2 = "0xE111180000d2663C0091e4f400237545B87B996B";
    public const string NegRiskExchangeV2 = "0xe2222d279d744050d28e00520010520000310F59";
    public const string PolygonExchangeV3 = "0xe3333700cA9d93003F00f0F71f8515005F6c00Aa";
    public const string AmoyExchangeV3 = "0x9fE6e61422AdB6F610d8597F9684b16912D50C3D";
    public const string Collateral = "0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB";

    /// <summary>The EIP-712 <c>verifyingContract</c> for an order.</summary>
    public static string Exchange(int chainId, PolymarketExchangeVersion version, bool negRisk)
    {
        EnsureChain(chainId);
        return version switch
        {
            // Venue quirk: neg-risk does not change the V3 exchange (conformance v2/README.md, pub-v2-13).
            PolymarketExchangeVersion.V3 => chainId == Polygon ? PolygonExchangeV3 : AmoyExchangeV3,
            PolymarketExchangeVersion.V2 => negRisk ? NegRiskExchangeV2 : ExchangeV2,
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown exchange version."),
        };
    }

    public static void EnsureChain(int chainId)
    {
        if (chainId is not (Polygon or Amoy))
        {
            throw new ArgumentOutOfRangeException(nameof(chainId), chainId, "Invalid network: only 137 (Polygon) and 80002 (Amoy).");
        }
    }
}
