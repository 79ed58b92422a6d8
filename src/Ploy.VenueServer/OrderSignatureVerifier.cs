using System.Text;
using Ploy.Venues.Polymarket.Orders;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.VenueServer;

/// <summary>
/// Checks who signed an order (protocol reference §10.3): types 0–2 carry a 65-byte ECDSA signature over the order
/// digest that must recover to <c>signer</c>, which must be the API key's address (and, for type 0, the maker);
/// type 3 carries the 317-byte ERC-7739 wrapper whose inner signature must recover to the API key's address, with
/// <c>signer</c> = <c>maker</c> = the deposit wallet.
/// </summary>
internal static class OrderSignatureVerifier
{
    private static readonly byte[] OrderTypeUtf8 = Encoding.UTF8.GetBytes(PolymarketEip712.OrderType);

    /// <summary>Null when valid, else the venue's error message.</summary>
    public static string? Verify(PolymarketOrder order, string signatureHex, PolymarketExchangeDomain domain, string keyAddress, out string orderHash)
    {
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        PolymarketEip712.HashOrder(order, structHash);
        PolymarketEip712.Digest(domain.Separator, structHash, digest);
        orderHash = PolymarketHex.Encode(digest);

        byte[] signature;
        try
        {
            signature = PolymarketHex.Decode(signatureHex);
        }
        catch (FormatException)
        {
            return "invalid signature";
        }

        if (order.SignatureType != PolymarketSignatureType.Poly1271)
        {
            if (!PolymarketAddress.AreEqual(order.Signer, keyAddress))
            {
                return "the order signer address has to be the address of the API KEY";
            }

            if (order.SignatureType == PolymarketSignatureType.Eoa && !PolymarketAddress.AreEqual(order.Maker, order.Signer))
            {
                return "invalid maker: for signature type 0 the maker must be the signer";
            }

            var recovered = signature.Length == 65 ? PolymarketSigner.RecoverAddress(digest, signature) : null;
            return recovered is not null && PolymarketAddress.AreEqual(recovered, order.Signer) ? null : "invalid signature";
        }

        // POLY_1271: innerSig(65) ‖ app domain separator(32) ‖ contents hash(32) ‖ contents type ‖ uint16 length.
        if (!PolymarketAddress.AreEqual(order.Signer, order.Maker))
        {
            return "invalid signer: for signature type 3 the signer must be the deposit wallet (the maker)";
        }

        if (signature.Length != PolymarketOrderSigner.Poly1271SignatureLength
            || !signature.AsSpan(65, 32).SequenceEqual(domain.Separator)
            || !signature.AsSpan(97, 32).SequenceEqual(structHash)
            || !signature.AsSpan(129, OrderTypeUtf8.Length).SequenceEqual(OrderTypeUtf8))
        {
            return "invalid signature";
        }

        Span<byte> innerStruct = stackalloc byte[32];
        Span<byte> innerDigest = stackalloc byte[32];
        PolymarketEip712.HashTypedDataSign(structHash, domain.ChainId, order.Signer, innerStruct);
        PolymarketEip712.Digest(domain.Separator, innerStruct, innerDigest);
        var owner = PolymarketSigner.RecoverAddress(innerDigest, signature.AsSpan(0, 65));
        return owner is not null && PolymarketAddress.AreEqual(owner, keyAddress)
            ? null
            : "the order signer address has to be the address of the API KEY";
    }
}
