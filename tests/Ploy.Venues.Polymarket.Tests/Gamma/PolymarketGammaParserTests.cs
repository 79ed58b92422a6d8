using System.Text;
using FsCheck.Fluent;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Gamma;

namespace Ploy.Venues.Polymarket.Tests.Gamma;

public sealed class PolymarketGammaParserTests
{
    // Shaped like GET /events/slug/btc-updown-15m-… on gamma-api.polymarket.com: encoded string arrays, numbers as
    // strings in places, eventMetadata with the price to beat, a nested series.
    private const string RoundEvent = """
        {"id":"84183","ticker":"btc-updown-15m-1763800200","slug":"btc-updown-15m-1763800200","title":"Bitcoin Up or Down - November 22, 3:30AM-3:45AM ET",
         "startDate":"2025-11-21T08:31:12.345Z","startTime":"2025-11-22T08:30:00Z","endDate":"2025-11-22T08:45:00Z",
         "active":true,"closed":false,"archived":false,"negRisk":false,"liquidity":"12345.6","volume":98765.4,
         "eventMetadata":{"priceToBeat":84123.45},
         "markets":[{"id":"688720","question":"Bitcoin Up or Down - November 22, 3:30AM-3:45AM ET","conditionId":"0xabc","questionID":"0xdef",
           "slug":"btc-updown-15m-1763800200","outcomes":"[\"Up\", \"Down\"]","outcomePrices":"[\"0.525\", \"0.475\"]",
           "clobTokenIds":"[\"111\", \"222\"]","orderPriceMinTickSize":0.01,"orderMinSize":5,"enableOrderBook":true,"acceptingOrders":true,
           "active":true,"closed":false,"bestBid":"0.52","bestAsk":0.53,"eventStartTime":"2025-11-22T08:30:00Z","endDate":"2025-11-22T08:45:00Z",
           "makerBaseFee":0,"takerBaseFee":0,"feesEnabled":false}],
         "series":[{"id":"10192","ticker":"btc-up-or-down-15m","slug":"btc-up-or-down-15m","title":"BTC Up or Down 15m","recurrence":"15m","active":true,"closed":false}],
         "tags":[{"id":"21","label":"Crypto"}]}
        """;

    [Fact]
    public void Event_RecordedRoundEvent_MapsEveryFieldTradingNeeds()
    {
        var result = PolymarketGammaParser.Event(Encoding.UTF8.GetBytes(RoundEvent));

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var round = result.Value!;
        Assert.Equal("btc-updown-15m-1763800200", round.Slug);
        Assert.Equal(84123.45m, round.Metadata!.PriceToBeat);
        Assert.Null(round.Metadata.FinalPrice);
        Assert.Equal(DateTimeOffset.Parse("2025-11-22T08:30:00Z", System.Globalization.CultureInfo.InvariantCulture), round.WindowStart);
        Assert.Equal("btc-up-or-down-15m", Assert.Single(round.Series).Slug);
        var market = Assert.Single(round.Markets);
        Assert.Equal("0xabc", market.ConditionId);
        Assert.Equal(["Up", "Down"], market.Outcomes);
        Assert.Equal([0.525m, 0.475m], market.OutcomePrices);
        Assert.Equal(["111", "222"], market.TokenIds);
        Assert.Equal(0.01m, market.OrderPriceMinTickSize);
        Assert.Equal(5m, market.OrderMinSize);
        Assert.Equal(0.52m, market.BestBid);
        Assert.Equal(0.53m, market.BestAsk);
        Assert.True(market.AcceptingOrders);
        Assert.Equal(new PolymarketGammaTokens("111", "222", "Up", "Down"), market.BinaryTokens());
    }

    [Fact]
    public void Market_VersionV2_TakesTokenIdsFromPositionIds()
    {
        var json = """{"conditionId":"0x1","version":"v2","clobTokenIds":"[\"1\",\"2\"]","positionIds":["3","4"],"outcomes":"[\"Yes\",\"No\"]"}""";

        var market = PolymarketGammaParser.Market(Encoding.UTF8.GetBytes(json)).Value!;

        Assert.Equal(["3", "4"], market.TokenIds);
        Assert.Equal("3", market.BinaryTokens()!.Yes);
    }

    [Fact]
    public void Market_OutcomesListedNoFirst_AlignsYesWithItsTokenId()
    {
        var json = """{"outcomes":"[\"No\",\"Yes\"]","clobTokenIds":"[\"10\",\"20\"]"}""";

        var tokens = PolymarketGammaParser.Market(Encoding.UTF8.GetBytes(json)).Value!.BinaryTokens();

        Assert.Equal(new PolymarketGammaTokens("20", "10", "Yes", "No"), tokens);
    }

    [Fact]
    public void Market_MissingAndNullFields_ParsesWithDefaults()
    {
        var market = PolymarketGammaParser.Market("""{"id":1,"conditionId":null,"active":"yes","orderMinSize":"x"}"""u8.ToArray());

        Assert.True(market.IsSuccess);
        Assert.Equal("1", market.Value!.Id);
        Assert.Null(market.Value.ConditionId);
        Assert.Null(market.Value.Active);
        Assert.Null(market.Value.OrderMinSize);
        Assert.Empty(market.Value.TokenIds);
        Assert.Null(market.Value.BinaryTokens());
    }

    [Theory]
    [InlineData("""{"clobTokenIds":"[\"1\", "}""")]
    [InlineData("""{"clobTokenIds":"{\"a\":1}"}""")]
    [InlineData("""{"outcomePrices":"[\"abc\"]"}""")]
    [InlineData("""{"outcomes":"[[1]]"}""")]
    [InlineData("""{"id":"1",""")]
    [InlineData("""[]""")]
    [InlineData("")]
    public void Market_MalformedJsonOrEncodedArray_IsADecodeError(string json)
    {
        var result = PolymarketGammaParser.Market(Encoding.UTF8.GetBytes(json));

        Assert.False(result.IsSuccess);
        Assert.Equal(VenueErrorKind.Decode, result.Error!.Kind);
    }

    [Fact]
    public void Search_EventsAndPagination_AreRead()
    {
        var json = "{\"events\":[" + RoundEvent + "],\"tags\":[],\"profiles\":[],\"pagination\":{\"hasMore\":true,\"totalResults\":7}}";

        var result = PolymarketGammaParser.Search(Encoding.UTF8.GetBytes(json)).Value!;

        Assert.True(result.HasMore);
        Assert.Equal("84183", Assert.Single(result.Events).Id);
    }

    [Fact]
    public void Parsers_DeeplyNestedInput_AreADecodeErrorNotAThrow()
    {
        var deep = Encoding.UTF8.GetBytes("{\"markets\":" + new string('[', 10_000) + new string(']', 10_000) + "}");

        Assert.Equal(VenueErrorKind.Decode, PolymarketGammaParser.Event(deep).Error!.Kind);
    }

    [Fact]
    public void Parsers_RandomBytes_NeverThrow()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            _ = PolymarketGammaParser.Event(bytes);
            _ = PolymarketGammaParser.Events(bytes);
            _ = PolymarketGammaParser.Markets(bytes);
            _ = PolymarketGammaParser.SeriesList(bytes);
            _ = PolymarketGammaParser.Search(bytes);
        });

        PropertyCheck.Run(property, seed: 20260601, maxTest: 500);
    }

    [Fact]
    public void Parsers_RandomJsonTokenSoup_NeverThrow()
    {
        // Token sequences reach the parser's field handling far more often than random bytes do.
        string[] tokens = ["{", "}", "[", "]", ",", ":", "\"markets\"", "\"clobTokenIds\"", "\"outcomes\"", "\"outcomePrices\"", "\"eventMetadata\"",
            "\"priceToBeat\"", "\"events\"", "\"startTime\"", "\"[\\\"1\\\",\\\"2\\\"]\"", "\"[\\\"\"", "1e400", "-0", "0.5", "null", "true",
            "\"2025-11-22T08:30:00Z\"", "\"\\u0000\"", "\"x\""];
        var soup = Gen.ArrayOf(Gen.Elements(tokens)).Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));
        var property = Prop.ForAll(Arb.From(soup), bytes =>
        {
            _ = PolymarketGammaParser.Event(bytes);
            _ = PolymarketGammaParser.Markets(bytes);
            _ = PolymarketGammaParser.SeriesList(bytes);
            _ = PolymarketGammaParser.Search(bytes);
        });

        PropertyCheck.Run(property, seed: 20260603, maxTest: 2000);
    }

    [Fact]
    public void Parsers_MutatedRecordedEvent_EitherParseOrReturnDecode()
    {
        // Hostile edits of a real payload: truncation, a byte replaced, a chunk duplicated.
        var original = Encoding.UTF8.GetBytes(RoundEvent);
        var property = Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<byte>(), ArbMap.Default.ArbFor<bool>(), (position, value, truncate) =>
        {
            var at = Math.Abs(position % original.Length);
            var mutated = truncate ? original[..at] : [.. original[..at], value, .. original[(at + 1)..], .. original[at..Math.Min(original.Length, at + 17)]];
            var result = PolymarketGammaParser.Event(mutated);
            return result.IsSuccess ? result.Value is not null : result.Error!.Kind == VenueErrorKind.Decode;
        });

        PropertyCheck.Run(property, seed: 20260602, maxTest: 1000);
    }
}
