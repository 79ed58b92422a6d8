using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Ploy.Venues.Polymarket.Signing;

/// <summary>
/// BouncyCastle secp256k1: RFC 6979 nonces (HMacDsaKCalculator over SHA-256, as libsecp256k1 and ethers use),
/// then low-s normalisation and the recovery id, which BouncyCastle does not provide.
/// </summary>
internal sealed class Secp256k1Managed : ISecp256k1
{
    // CustomNamedCurves: BouncyCastle's specialised secp256k1 field arithmetic (with the GLV endomorphism), an
    // order of magnitude faster than the generic SecNamedCurves curve.
    private static readonly X9ECParameters Curve = Org.BouncyCastle.Crypto.EC.CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECDomainParameters Domain = new(Curve.Curve, Curve.G, Curve.N, Curve.H);
    private static readonly BigInteger HalfN = Curve.N.ShiftRight(1);

    public PolymarketSigningBackend Backend => PolymarketSigningBackend.Managed;

    public void GetPublicKey(ReadOnlySpan<byte> secretKey, Span<byte> publicKey64)
    {
        var d = ToScalar(secretKey);
        var q = Domain.G.Multiply(d).Normalize();
        q.GetEncoded(false).AsSpan(1, 64).CopyTo(publicKey64);
    }

    public void Sign(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> publicKey64, Span<byte> signature65)
    {
        var d = ToScalar(secretKey);
        var hash = digest32.ToArray();
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(d, Domain));
        var rs = signer.GenerateSignature(hash);
        var r = rs[0];
        var s = rs[1];
        if (s.CompareTo(HalfN) > 0)
        {
            s = Curve.N.Subtract(s);
        }

        Span<byte> recovered = stackalloc byte[64];
        for (var recoveryId = 0; recoveryId < 2; recoveryId++)
        {
            if (TryRecover(hash, r, s, recoveryId, recovered) && recovered.SequenceEqual(publicKey64))
            {
                WriteWord(signature65[..32], r);
                WriteWord(signature65.Slice(32, 32), s);
                signature65[64] = (byte)(27 + recoveryId);
                return;
            }
        }

        throw new InvalidOperationException("Could not determine the recovery id.");
    }

    public bool TryRecover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64)
    {
        var v = signature65[64];
        var recoveryId = v >= 27 ? v - 27 : v;
        if (recoveryId is < 0 or > 3)
        {
            return false;
        }

        var r = new BigInteger(1, signature65[..32].ToArray());
        var s = new BigInteger(1, signature65.Slice(32, 32).ToArray());
        return TryRecover(digest32.ToArray(), r, s, recoveryId, publicKey64);
    }

    // SEC 1 v2 §4.1.6 public key recovery.
    private static bool TryRecover(byte[] hash, BigInteger r, BigInteger s, int recoveryId, Span<byte> publicKey64)
    {
        var n = Curve.N;
        if (r.SignValue <= 0 || s.SignValue <= 0 || r.CompareTo(n) >= 0 || s.CompareTo(n) >= 0)
        {
            return false;
        }

        var x = r.Add(BigInteger.ValueOf(recoveryId / 2).Multiply(n));
        var prime = Curve.Curve.Field.Characteristic;
        if (x.CompareTo(prime) >= 0)
        {
            return false;
        }

        var encoded = X9IntegerConverter.IntegerToBytes(x, 1 + X9IntegerConverter.GetByteLength(Curve.Curve));
        encoded[0] = (byte)((recoveryId & 1) == 1 ? 0x03 : 0x02);
        ECPoint bigR;
        try
        {
            bigR = Curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (!bigR.Multiply(n).IsInfinity)
        {
            return false;
        }

        var e = new BigInteger(1, hash);
        var eInv = BigInteger.Zero.Subtract(e).Mod(n);
        var rInv = r.ModInverse(n);
        var srInv = rInv.Multiply(s).Mod(n);
        var eInvrInv = rInv.Multiply(eInv).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Domain.G, eInvrInv, bigR, srInv).Normalize();
        if (q.IsInfinity)
        {
            return false;
        }

        q.GetEncoded(false).AsSpan(1, 64).CopyTo(publicKey64);
        return true;
    }

    private static BigInteger ToScalar(ReadOnlySpan<byte> secretKey)
    {
        var d = new BigInteger(1, secretKey.ToArray());
        if (d.SignValue <= 0 || d.CompareTo(Curve.N) >= 0)
        {
            throw new ArgumentException("Invalid secp256k1 private key.", nameof(secretKey));
        }

        return d;
    }

    private static void WriteWord(Span<byte> word, BigInteger value)
    {
        var bytes = value.ToByteArrayUnsigned();
        word.Clear();
        bytes.CopyTo(word[(32 - bytes.Length)..]);
    }
}
