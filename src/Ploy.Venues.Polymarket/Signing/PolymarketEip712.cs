using System.Text;

namespace Ploy.Venues.Polymarket.Signing;

/// <summary>EIP-712 hashing of the V2 <c>Order</c>, the L1 <c>ClobAuth</c> and the ERC-7739 <c>TypedDataSign</c> wrapper.</summary>
public static class PolymarketEip712
{
    /// <summary>The signed V2 struct (11 fields; expiration is not signed).</summary>
    public const string OrderType =
        "Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)";

    public const string ClobAuthType = "ClobAuth(address address,string timestamp,uint256 nonce,string message)";

    /// <summary>The constant L1 attestation text.</summary>
    public const string ClobAuthMessage = "This message attests that I control the given wallet";

    public const string ExchangeDomainName = "Polymarket CTF Exchange";

    /// <summary>ERC-7739 nested type; the contents type (Order) is appended when hashing.</summary>
    public const string TypedDataSignType =
        "TypedDataSign(Order contents,string name,string version,uint256 chainId,address verifyingContract,bytes32 salt)";

    /// <summary>The deposit wallet's own EIP-712 name and version inside the ERC-7739 wrapper.</summary>
    public const string DepositWalletName = "DepositWallet";

    public const string DepositWalletVersion = "1";

    private static readonly byte[] OrderTypeHashBytes = TypeHash(OrderType);
    private static readonly byte[] ClobAuthTypeHash = TypeHash(ClobAuthType);
    private static readonly byte[] TypedDataSignTypeHash = TypeHash(TypedDataSignType + OrderType);
    private static readonly byte[] DomainWithContractTypeHash = TypeHash("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    private static readonly byte[] DomainWithoutContractTypeHash = TypeHash("EIP712Domain(string name,string version,uint256 chainId)");
    private static readonly byte[] ClobAuthMessageHash = TypeHash(ClobAuthMessage);
    private static readonly byte[] DepositWalletNameHash = TypeHash(DepositWalletName);
    private static readonly byte[] DepositWalletVersionHash = TypeHash(DepositWalletVersion);

    /// <summary>keccak256 of <see cref="OrderType"/> (0xbb86318a…).</summary>
    public static ReadOnlySpan<byte> OrderTypeHash => OrderTypeHashBytes;

    /// <summary>Domain separator of {name, version, chainId, verifyingContract}.</summary>
    public static byte[] DomainSeparator(string name, string version, int chainId, string verifyingContract)
    {
        Span<byte> encoded = stackalloc byte[5 * 32];
        DomainWithContractTypeHash.CopyTo(encoded);
        PolymarketAbi.WriteKeccakOfUtf8(encoded[32..], name);
        PolymarketAbi.WriteKeccakOfUtf8(encoded[64..], version);
        PolymarketAbi.WriteUInt64(encoded[96..], (ulong)chainId);
        PolymarketAbi.WriteAddress(encoded[128..], verifyingContract);
        return PolymarketKeccak256.Hash(encoded);
    }

    /// <summary>The L1 domain {name "ClobAuthDomain", version "1", chainId}: no verifyingContract.</summary>
    public static byte[] ClobAuthDomainSeparator(int chainId)
    {
        Span<byte> encoded = stackalloc byte[4 * 32];
        DomainWithoutContractTypeHash.CopyTo(encoded);
        PolymarketAbi.WriteKeccakOfUtf8(encoded[32..], "ClobAuthDomain");
        PolymarketAbi.WriteKeccakOfUtf8(encoded[64..], "1");
        PolymarketAbi.WriteUInt64(encoded[96..], (ulong)chainId);
        return PolymarketKeccak256.Hash(encoded);
    }

    /// <summary>hashStruct(Order).</summary>
    public static void HashOrder(Orders.PolymarketOrder order, Span<byte> structHash)
    {
        Span<byte> encoded = stackalloc byte[12 * 32];
        OrderTypeHashBytes.CopyTo(encoded);
        PolymarketAbi.WriteUInt64(encoded[32..], order.Salt);
        PolymarketAbi.WriteAddress(encoded[64..], order.Maker);
        PolymarketAbi.WriteAddress(encoded[96..], order.Signer);
        PolymarketAbi.WriteUInt256Decimal(encoded[128..], order.TokenId);
        PolymarketAbi.WriteUInt64(encoded[160..], order.MakerAmount);
        PolymarketAbi.WriteUInt64(encoded[192..], order.TakerAmount);
        PolymarketAbi.WriteUInt64(encoded[224..], (ulong)order.Side);
        PolymarketAbi.WriteUInt64(encoded[256..], (ulong)order.SignatureType);
        PolymarketAbi.WriteUInt64(encoded[288..], order.TimestampMs);
        PolymarketAbi.WriteBytes32(encoded[320..], order.Metadata);
        PolymarketAbi.WriteBytes32(encoded[352..], order.Builder);
        PolymarketKeccak256.Hash(encoded, structHash);
    }

    /// <summary>hashStruct(ClobAuth) for the L1 headers.</summary>
    public static void HashClobAuth(string address, long timestampSeconds, ulong nonce, Span<byte> structHash)
    {
        Span<byte> encoded = stackalloc byte[5 * 32];
        ClobAuthTypeHash.CopyTo(encoded);
        PolymarketAbi.WriteAddress(encoded[32..], address);
        Span<char> timestamp = stackalloc char[20];
        timestampSeconds.TryFormat(timestamp, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        PolymarketAbi.WriteKeccakOfUtf8(encoded[64..], timestamp[..written]);
        PolymarketAbi.WriteUInt64(encoded[96..], nonce);
        ClobAuthMessageHash.CopyTo(encoded[128..]);
        PolymarketKeccak256.Hash(encoded, structHash);
    }

    /// <summary>
    /// hashStruct(TypedDataSign) of ERC-7739: the deposit wallet's view of an order, which the owner EOA signs
    /// under the exchange domain.
    /// </summary>
    public static void HashTypedDataSign(ReadOnlySpan<byte> contentsHash, int chainId, string wallet, Span<byte> structHash)
    {
        Span<byte> encoded = stackalloc byte[7 * 32];
        TypedDataSignTypeHash.CopyTo(encoded);
        contentsHash[..32].CopyTo(encoded[32..]);
        DepositWalletNameHash.CopyTo(encoded[64..]);
        DepositWalletVersionHash.CopyTo(encoded[96..]);
        PolymarketAbi.WriteUInt64(encoded[128..], (ulong)chainId);
        PolymarketAbi.WriteAddress(encoded[160..], wallet);
        encoded[192..].Clear(); // salt = bytes32(0)
        PolymarketKeccak256.Hash(encoded, structHash);
    }

    /// <summary>keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash).</summary>
    public static void Digest(ReadOnlySpan<byte> domainSeparator, ReadOnlySpan<byte> structHash, Span<byte> digest)
    {
        Span<byte> encoded = stackalloc byte[66];
        encoded[0] = 0x19;
        encoded[1] = 0x01;
        domainSeparator[..32].CopyTo(encoded[2..]);
        structHash[..32].CopyTo(encoded[34..]);
        PolymarketKeccak256.Hash(encoded, digest);
    }

    private static byte[] TypeHash(string text) => PolymarketKeccak256.Hash(Encoding.UTF8.GetBytes(text));
}
