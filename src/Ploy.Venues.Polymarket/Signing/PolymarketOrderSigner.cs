using System.Text;
using Ploy.Venues.Polymarket.Orders;

namespace Ploy.Venues.Polymarket.Signing;

/// <summary>Hashes and signs V2 orders for every signature type (protocol reference §10.3).</summary>
public static class PolymarketOrderSigner
{
    /// <summary>Length of the POLY_1271 (ERC-7739 wrapped) signature.</summary>
    public const int Poly1271SignatureLength = 65 + 32 + 32 + 186 + 2;

    private static readonly byte[] OrderTypeUtf8 = Encoding.UTF8.GetBytes(PolymarketEip712.OrderType);

    /// <summary>The EIP-712 digest (order hash) without signing.</summary>
    public static void ComputeOrderHash(PolymarketOrder order, PolymarketExchangeDomain domain, Span<byte> digest)
    {
        Span<byte> structHash = stackalloc byte[32];
        PolymarketEip712.HashOrder(order, structHash);
        PolymarketEip712.Digest(domain.Separator, structHash, digest);
    }

    /// <summary>Signs <paramref name="order"/>; the signer must be the order's EOA (types 0–2) or the wallet's owner (type 3).</summary>
    public static PolymarketSignedOrder Sign(PolymarketOrder order, PolymarketExchangeDomain domain, PolymarketSigner signer)
    {
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        PolymarketEip712.HashOrder(order, structHash);
        PolymarketEip712.Digest(domain.Separator, structHash, digest);
        var orderHash = PolymarketHex.Encode(digest);

        if (order.SignatureType != PolymarketSignatureType.Poly1271)
        {
            // The reference client throws "signer does not match" here; an order signed by another key is useless.
            if (!PolymarketAddress.AreEqual(order.Signer, signer.Address))
            {
                throw new ArgumentException("The order's signer is not the signing key's address.", nameof(signer));
            }

            Span<byte> signature = stackalloc byte[65];
            signer.Sign(digest, signature);
            return new PolymarketSignedOrder(order, PolymarketHex.Encode(signature), orderHash);
        }

        // POLY_1271: the owner EOA signs ERC-7739 TypedDataSign{contents: order, DepositWallet, "1", chain, wallet, 0}
        // under the exchange domain; the wallet unwraps innerSig ‖ appDomainSeparator ‖ contentsHash ‖ contentsType ‖ len.
        Span<byte> innerStruct = stackalloc byte[32];
        Span<byte> innerDigest = stackalloc byte[32];
        PolymarketEip712.HashTypedDataSign(structHash, domain.ChainId, order.Signer, innerStruct);
        PolymarketEip712.Digest(domain.Separator, innerStruct, innerDigest);

        Span<byte> wrapped = stackalloc byte[Poly1271SignatureLength];
        signer.Sign(innerDigest, wrapped[..65]);
        domain.Separator.CopyTo(wrapped[65..]);
        structHash.CopyTo(wrapped[97..]);
        OrderTypeUtf8.CopyTo(wrapped[129..]);
        wrapped[^2] = (byte)(OrderTypeUtf8.Length >> 8);
        wrapped[^1] = (byte)OrderTypeUtf8.Length;
        return new PolymarketSignedOrder(order, PolymarketHex.Encode(wrapped), orderHash);
    }
}
