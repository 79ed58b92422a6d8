using System.Security.Cryptography;
using System.Text;

namespace Ploy.VenueServer.Tests;

public sealed class PolymarketBookHashTests
{
    private static readonly PolymarketBookSummary Book = new(
        "0xabc", "123", "1767614400000",
        [new("0.48", "30"), new("0.49", "12.5")],
        [new("0.53", "7"), new("0.51", "20")],
        "5", "0.01", NegRisk: false, "0.5");

    [Fact]
    public void Compute_IsSha1OfTheCompactJsonWithAnEmptyHash()
    {
        const string json = "{\"market\":\"0xabc\",\"asset_id\":\"123\",\"timestamp\":\"1767614400000\","
            + "\"bids\":[{\"price\":\"0.48\",\"size\":\"30\"},{\"price\":\"0.49\",\"size\":\"12.5\"}],"
            + "\"asks\":[{\"price\":\"0.53\",\"size\":\"7\"},{\"price\":\"0.51\",\"size\":\"20\"}],"
            + "\"min_order_size\":\"5\",\"tick_size\":\"0.01\",\"neg_risk\":false,\"last_trade_price\":\"0.5\",\"hash\":\"\"}";
#pragma warning disable CA5350 // The venue's book checksum is SHA-1 by definition.
        var expected = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(json)));
#pragma warning restore CA5350

        Assert.Equal(expected, PolymarketBookHash.Compute(Book));
    }

    [Fact]
    public void Serialize_HashOfTheServedBody_RecomputesFromItsJson()
    {
        var served = PolymarketBookHash.Serialize(Book);

        Assert.Contains($"\"hash\":\"{PolymarketBookHash.Compute(Book)}\"", Encoding.UTF8.GetString(served), StringComparison.Ordinal);
        Assert.Equal(PolymarketBookHash.Compute(Book), PolymarketBookHash.ComputeFromJson(served));
    }

    [Fact]
    public void Compute_OneLevelChanged_ChangesTheHash()
    {
        var changed = Book with { Bids = [new("0.48", "30"), new("0.49", "12.6")] };

        Assert.NotEqual(PolymarketBookHash.Compute(Book), PolymarketBookHash.Compute(changed));
    }

    [Fact]
    public void Compute_SameBook_IsDeterministicLowerHex()
    {
        var hash = PolymarketBookHash.Compute(Book with { });

        Assert.Equal(PolymarketBookHash.Compute(Book), hash);
        Assert.Matches("^[0-9a-f]{40}$", hash);
    }
}
