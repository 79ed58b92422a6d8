using System.Globalization;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Http;

/// <summary>L1 authentication: an EIP-712 <c>ClobAuth</c> signature (protocol reference §3.1), for creating and deriving API keys.</summary>
public static class PolymarketL1Auth
{
    /// <summary>The EIP-712 digest the L1 signature covers.</summary>
    public static byte[] Digest(int chainId, string address, long timestampSeconds, ulong nonce)
    {
        PolymarketContracts.EnsureChain(chainId);
        Span<byte> structHash = stackalloc byte[32];
        PolymarketEip712.HashClobAuth(address, timestampSeconds, nonce, structHash);
        var digest = new byte[32];
        PolymarketEip712.Digest(PolymarketEip712.ClobAuthDomainSeparator(chainId), structHash, digest);
        return digest;
    }

    /// <summary>Headers for <c>POST /auth/api-key</c> or <c>GET /auth/derive-api-key</c>; the timestamp is unix seconds.</summary>
    public static PolymarketL1Headers CreateHeaders(PolymarketSigner signer, int chainId, long timestampSeconds, ulong nonce = 0)
    {
        var digest = Digest(chainId, signer.Address, timestampSeconds, nonce);
        var signature = PolymarketHex.Encode(signer.Sign(digest));
        return new PolymarketL1Headers(
            signer.Address,
            signature,
            timestampSeconds.ToString(CultureInfo.InvariantCulture),
            nonce.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Same, with the time from <paramref name="time"/>.</summary>
    public static PolymarketL1Headers CreateHeaders(PolymarketSigner signer, int chainId, TimeProvider time, ulong nonce = 0) =>
        CreateHeaders(signer, chainId, time.GetUtcNow().ToUnixTimeSeconds(), nonce);
}
