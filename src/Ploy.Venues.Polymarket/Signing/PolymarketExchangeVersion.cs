namespace Ploy.Venues.Polymarket.Signing;

/// <summary>Exchange generation an order is signed for; the value is the EIP-712 domain version.</summary>
public enum PolymarketExchangeVersion
{
    /// <summary>CTF markets: exchangeV2 or negRiskExchangeV2, domain version "2".</summary>
    V2 = 2,

    /// <summary>Protocol-V2 markets (Gamma <c>version: "v2"</c>): exchangeV3, domain version "3".</summary>
    V3 = 3,
}
