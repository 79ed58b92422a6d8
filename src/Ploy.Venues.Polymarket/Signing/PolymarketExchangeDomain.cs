using System.Collections.Concurrent;

namespace Ploy.Venues.Polymarket.Signing;

/// <summary>One exchange EIP-712 domain with its separator computed once (it is constant per chain and contract).</summary>
public sealed class PolymarketExchangeDomain
{
    private static readonly ConcurrentDictionary<(int, PolymarketExchangeVersion, bool), PolymarketExchangeDomain> Cache = new();

    private readonly byte[] _separator;

    public PolymarketExchangeDomain(int chainId, PolymarketExchangeVersion version, string verifyingContract)
    {
        PolymarketContracts.EnsureChain(chainId);
        ChainId = chainId;
        Version = version;
        VerifyingContract = verifyingContract;
        _separator = PolymarketEip712.DomainSeparator(PolymarketEip712.ExchangeDomainName, VersionString, chainId, verifyingContract);
    }

    public int ChainId { get; }

    public PolymarketExchangeVersion Version { get; }

    /// <summary>"2" or "3".</summary>
    public string VersionString => Version == PolymarketExchangeVersion.V3 ? "3" : "2";

    public string VerifyingContract { get; }

    public ReadOnlySpan<byte> Separator => _separator;

    /// <summary>The domain of the exchange an order for this market is signed for.</summary>
    public static PolymarketExchangeDomain For(int chainId, PolymarketExchangeVersion version, bool negRisk) =>
        Cache.GetOrAdd((chainId, version, version == PolymarketExchangeVersion.V2 && negRisk),
            static key => new PolymarketExchangeDomain(key.Item1, key.Item2, PolymarketContracts.Exchange(key.Item1, key.Item2, key.Item3)));
}
