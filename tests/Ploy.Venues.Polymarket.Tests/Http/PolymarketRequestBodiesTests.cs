using System.Text;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Orders;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Tests.Http;

public sealed class PolymarketRequestBodiesTests
{
    private static readonly PolymarketSignedOrder Signed = new(
        new PolymarketOrder(1, "0xA", "0xB", "123", 5, 6, Side.Sell, PolymarketSignatureType.Eoa, 7, 8, PolymarketOrder.ZeroBytes32, PolymarketOrder.ZeroBytes32),
        "0xsig", "0xhash");

    [Fact]
    public void Order_KeyOrderAndTypes_MatchTheReference()
    {
        var body = Encoding.UTF8.GetString(PolymarketRequestBodies.Order(Signed, "owner", OrderType.Gtd, postOnly: true));

        Assert.Equal(
            "{\"deferExec\":false,\"postOnly\":true,\"order\":{\"salt\":1,\"maker\":\"0xA\",\"signer\":\"0xB\",\"tokenId\":\"123\",\"makerAmount\":\"5\",\"takerAmount\":\"6\",\"side\":\"SELL\",\"signatureType\":0,\"timestamp\":\"7\",\"expiration\":\"8\",\"metadata\":\"" + PolymarketOrder.ZeroBytes32 + "\",\"builder\":\"" + PolymarketOrder.ZeroBytes32 + "\",\"signature\":\"0xsig\"},\"owner\":\"owner\",\"orderType\":\"GTD\"}",
            body);
    }

    [Fact]
    public void Order_NonAsciiOwner_WrittenRawLikeJsonStringify()
    {
        var body = Encoding.UTF8.GetString(PolymarketRequestBodies.Order(Signed, "é🚀\"\\\n", OrderType.Gtc));

        Assert.Contains("\"owner\":\"é🚀\\\"\\\\\\n\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_PostOnlyWithFok_Throws() =>
        Assert.Throws<ArgumentException>(() => PolymarketRequestBodies.Order(Signed, "o", OrderType.Fok, postOnly: true));

    [Fact]
    public void Orders_Batch_OneArrayOneFlagPerBatch()
    {
        var body = Encoding.UTF8.GetString(PolymarketRequestBodies.Orders([(Signed, OrderType.Gtc), (Signed, OrderType.Gtd)], "o", postOnly: true));

        Assert.StartsWith("[{\"deferExec\":false,\"postOnly\":true,", body, StringComparison.Ordinal);
        Assert.Contains("},{\"deferExec\":false,\"postOnly\":true,", body, StringComparison.Ordinal);
        Assert.EndsWith("\"orderType\":\"GTD\"}]", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Orders_MoreThan15_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PolymarketRequestBodies.Orders(Enumerable.Repeat((Signed, OrderType.Gtc), 16).ToList(), "o"));

    [Fact]
    public void CancelBodies_MatchTheClient()
    {
        Assert.Equal("{\"orderID\":\"0xab\"}", Encoding.UTF8.GetString(PolymarketRequestBodies.CancelOrder(new("0xab"))));
        Assert.Equal("[\"0xab\",\"0xcd\"]", Encoding.UTF8.GetString(PolymarketRequestBodies.CancelOrders([new("0xab"), new("0xcd")])));
        Assert.Equal("{\"heartbeat_id\":\"\"}", Encoding.UTF8.GetString(PolymarketRequestBodies.Heartbeat(null)));
    }
}
