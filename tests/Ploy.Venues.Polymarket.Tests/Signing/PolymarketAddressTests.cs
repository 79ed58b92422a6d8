using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Tests.Signing;

public sealed class PolymarketAddressTests
{
    public static TheoryData<PolymarketSigningBackend> Backends() =>
        PolymarketSigner.IsNativeAvailable ? [PolymarketSigningBackend.Native, PolymarketSigningBackend.Managed] : [PolymarketSigningBackend.Managed];

    [Theory]
    [MemberData(nameof(Backends))]
    public void Signer_HardhatKey0_DerivesKnownAddress(PolymarketSigningBackend backend)
    {
        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"), backend);

        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", signer.Address);
        Assert.Equal(backend, signer.Backend);
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void ToChecksum_Eip55Vectors_RoundTrip(string address)
    {
        Assert.Equal(address, PolymarketAddress.ToChecksum(address.ToLowerInvariant()));
        Assert.Equal(address, PolymarketAddress.ToChecksum(address.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)));
    }
}
