using System.Security.Cryptography;
using System.Text;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Tests.Http;

public sealed class PolymarketL2SignerTests
{
    private static readonly PolymarketApiCredentials Credentials =
        new("cbef5bfb-e2f1-429f-a300-5392fefc72cb", "mqLv54q1rNPIQlwT2n52H9dU-8dI9XzGBrRiqu7lpls=", "5e0ac1ad3b789a42a96c0b2498b58cda5ee15d9afdb262d5ccc8f66ded87f247");

    public static TheoryData<PolymarketSigningBackend> Backends() => [PolymarketSigningBackend.Native, PolymarketSigningBackend.Managed];

    [Theory]
    [MemberData(nameof(Backends))]
    public void Sign_RustClientVector_Matches(PolymarketSigningBackend backend)
    {
        using var signer = new PolymarketL2Signer(new PolymarketApiCredentials("k", new string('A', 43) + "=", "p"), "0x0", backend);

        Assert.Equal("4gJVbox-R6XlDK4nlaicig0_ANVL1qdcahiL8CXfXLM=", signer.Sign(1000000, "test-sign", "/orders", "{\"hash\":\"0x123\"}"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Sign_SharedVectorPubL204_Matches(PolymarketSigningBackend backend)
    {
        using var signer = new PolymarketL2Signer(Credentials, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", backend);
        var body = PolymarketRequestBodies.CancelOrder(new("0x38a73eed1e6d177545e9ab027abddfb7e08dbe975fa777123b1752d203d6ac88"));

        var headers = signer.CreateHeaders(1700000003, "DELETE", "/order", body);

        Assert.Equal("YmwnCxtpyxGhvHM46Zr0W0DolIjTKVY2TXAP3KqQD98=", headers.Signature);
        Assert.Equal("1700000003", headers.Timestamp);
        Assert.Equal(Credentials.Key, headers.ApiKey);
        Assert.Equal(backend, signer.Backend);
    }

    [Fact]
    public void Sign_ManyThreadsOnOneSigner_EachGetsItsOwnMac()
    {
        using var signer = new PolymarketL2Signer(Credentials, "0x0");
        var key = PolymarketL2Signer.DecodeSecret(Credentials.Secret);

        Parallel.For(0, 2000, i =>
        {
            var body = Encoding.UTF8.GetBytes(new string('x', i % 900));
            var expected = Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{1700000000 + i}POST/order"), .. body]))
                .Replace('+', '-').Replace('/', '_');
            Assert.Equal(expected, signer.Sign(1700000000 + i, "POST", "/order", body));
        });
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Sign_NonAsciiBody_MacsTheUtf8Bytes(PolymarketSigningBackend backend)
    {
        using var signer = new PolymarketL2Signer(Credentials, "0x0", backend);
        var body = Encoding.UTF8.GetBytes("{\"note\":\"é🚀\"}");

        var expected = Convert.ToBase64String(HMACSHA256.HashData(PolymarketL2Signer.DecodeSecret(Credentials.Secret),
            (byte[])[.. Encoding.UTF8.GetBytes("1700000000POST/x"), .. body])).Replace('+', '-').Replace('/', '_');

        Assert.Equal(expected, signer.Sign(1700000000, "POST", "/x", body));
    }

    [Fact]
    public void DecodeSecret_Base64UrlAndStandard_DecodeIdentically() =>
        Assert.Equal(PolymarketL2Signer.DecodeSecret("mqLv54q1rNPIQlwT2n52H9dU-8dI9XzGBrRiqu7lpls="),
            PolymarketL2Signer.DecodeSecret("mqLv54q1rNPIQlwT2n52H9dU+8dI9XzGBrRiqu7lpls"));

    [Fact]
    public void CredentialsAndHeaders_ToString_RedactSecrets()
    {
        var signer = new PolymarketL2Signer(Credentials, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        var headers = signer.CreateHeaders(1700000000, "GET", "/data/orders", []);

        foreach (var text in new[] { Credentials.ToString(), headers.ToString(), signer.ToString() })
        {
            Assert.DoesNotContain(Credentials.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Credentials.Passphrase, text, StringComparison.Ordinal);
            Assert.DoesNotContain(headers.Signature, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DecodeSecret_Garbage_ErrorDoesNotQuoteIt()
    {
        var error = Assert.Throws<FormatException>(() => PolymarketL2Signer.DecodeSecret("abcde"));

        Assert.DoesNotContain("abcde", error.Message, StringComparison.Ordinal);
    }
}
