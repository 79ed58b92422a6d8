using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Tests.Signing;

public sealed class PolymarketKeccak256Tests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    [InlineData("Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)",
        "0xbb86318a2138f5fa8ae32fbe8e659f8fcf13cc6ae4014a707893055433818589")]
    public void Hash_KnownVectors_Match(string input, string expected)
    {
        var hash = PolymarketKeccak256.Hash(Encoding.UTF8.GetBytes(input));

        Assert.Equal(expected, PolymarketHex.Encode(hash));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(135)]
    [InlineData(136)]
    [InlineData(137)]
    [InlineData(272)]
    [InlineData(1000)]
    public void Hash_AroundRateBoundaries_MatchesBouncyCastle(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        Assert.Equal(BouncyCastleKeccak(data), PolymarketKeccak256.Hash(data));
    }

    [Fact]
    public void Hash_Sha3Differs_BecauseKeccakPaddingIsNotFips202()
    {
        var data = Encoding.UTF8.GetBytes("abc");

        Assert.NotEqual(System.Security.Cryptography.SHA3_256.IsSupported ? System.Security.Cryptography.SHA3_256.HashData(data) : new byte[32],
            PolymarketKeccak256.Hash(data));
    }

    private static byte[] BouncyCastleKeccak(byte[] data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}
