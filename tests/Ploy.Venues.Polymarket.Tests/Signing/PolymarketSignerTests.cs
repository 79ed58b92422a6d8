using FsCheck.Fluent;
using Org.BouncyCastle.Math;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Tests.Signing;

public sealed class PolymarketSignerTests
{
    private const string HardhatKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private static readonly BigInteger HalfN =
        new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16).ShiftRight(1);

    [Theory]
    [MemberData(nameof(PolymarketAddressTests.Backends), MemberType = typeof(PolymarketAddressTests))]
    public void Sign_RandomDigests_RecoverToSignerWithLowSAndV27Or28(PolymarketSigningBackend backend)
    {
        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(HardhatKey0), backend);
        var random = new Random(42);
        var digest = new byte[32];
        for (var i = 0; i < 50; i++)
        {
            random.NextBytes(digest);
            var signature = signer.Sign(digest);

            Assert.Contains(signature[64], new byte[] { 27, 28 });
            Assert.True(new BigInteger(1, signature[32..64]).CompareTo(HalfN) <= 0, "s must be low");
            Assert.Equal(signer.Address, PolymarketSigner.RecoverAddress(digest, signature, PolymarketSigningBackend.Managed));
            if (PolymarketSigner.IsNativeAvailable)
            {
                Assert.Equal(signer.Address, PolymarketSigner.RecoverAddress(digest, signature, PolymarketSigningBackend.Native));
            }
        }
    }

    [Fact]
    public void Sign_SameDigestTwice_IsDeterministic()
    {
        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(HardhatKey0));
        var digest = PolymarketKeccak256.Hash("ploy"u8);

        Assert.Equal(signer.Sign(digest), signer.Sign(digest));
    }

    [Fact]
    public void Sign_NativeAndManaged_AgreeOnArbitraryKeysAndDigests()
    {
        if (!PolymarketSigner.IsNativeAvailable)
        {
            return; // nothing to compare against
        }

        var property = Prop.ForAll(Arb.From(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 64)), bytes =>
        {
            var key = bytes[..32];
            key[0] = (byte)((key[0] & 0x7f) | 0x01); // below the curve order and non-zero
            using var native = new PolymarketSigner(PolymarketPrivateKey.FromBytes(key), PolymarketSigningBackend.Native);
            using var managed = new PolymarketSigner(PolymarketPrivateKey.FromBytes(key), PolymarketSigningBackend.Managed);
            var digest = bytes[32..];
            return native.Address == managed.Address && native.Sign(digest).AsSpan().SequenceEqual(managed.Sign(digest));
        });
        PropertyCheck.Run(property, seed: 1234, maxTest: 100);
    }

    [Fact]
    public void RecoverAddress_TamperedSignature_GivesAnotherAddress()
    {
        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(HardhatKey0));
        var digest = PolymarketKeccak256.Hash("tamper"u8);
        var signature = signer.Sign(digest);
        signature[5] ^= 0x01;

        Assert.NotEqual(signer.Address, PolymarketSigner.RecoverAddress(digest, signature));
    }

    [Fact]
    public void PrivateKey_ToStringAndParseErrors_NeverRevealTheKey()
    {
        using var key = PolymarketPrivateKey.Parse(HardhatKey0);
        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(HardhatKey0));

        Assert.DoesNotContain("ac0974", key.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ac0974", signer.ToString(), StringComparison.OrdinalIgnoreCase);
        var error = Assert.Throws<FormatException>(() => PolymarketPrivateKey.Parse(HardhatKey0[..60] + "zz"));
        Assert.DoesNotContain("ac0974", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
