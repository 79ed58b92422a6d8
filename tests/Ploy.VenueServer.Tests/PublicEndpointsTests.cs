using System.Net;
using System.Text;

namespace Ploy.VenueServer.Tests;

public sealed class PublicEndpointsTests : IAsyncLifetime
{
    private VenueTestHost _venue = null!;

    public async Task InitializeAsync() => _venue = await VenueTestHost.StartAsync();

    public async Task DisposeAsync() => await _venue.DisposeAsync();

    [Fact]
    public async Task OkTimeVersion_Get_AnswerInTheVenueShapes()
    {
        Assert.Equal("\"OK\"", await _venue.Http.GetStringAsync("/ok"));
        Assert.Equal(_venue.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), await _venue.Http.GetStringAsync("/time"));
        Assert.Equal("{\"version\":2}", await _venue.Http.GetStringAsync("/version"));
    }

    [Fact]
    public async Task SimClock_Get_IsTheSimulatedTimeAndItsSpeed_WhileTimeAnswersTheWallClock()
    {
        await using var venue = await VenueTestHost.StartAsync(new VenueServerOptions { Speed = 60 });
        var origin = venue.Clock.GetUtcNow();
        venue.Clock.Advance(TimeSpan.FromSeconds(10));

        using var response = await venue.Http.GetAsync("/sim/clock");
        var clock = await VenueTestHost.ReadJsonAsync(response);

        Assert.Equal(origin.AddMinutes(10).ToUnixTimeMilliseconds(), clock.GetProperty("now_ms").GetInt64());
        Assert.Equal(60, clock.GetProperty("speed").GetDouble());
        Assert.Equal(origin.AddSeconds(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), await venue.Http.GetStringAsync("/time"));
    }

    [Fact]
    public async Task Markets_Get_IsOnePageEndingWithTheEndCursor()
    {
        using var response = await _venue.Http.GetAsync("/markets?next_cursor=MA==");
        var page = await VenueTestHost.ReadJsonAsync(response);

        Assert.Equal("LTE=", page.GetProperty("next_cursor").GetString());
        var market = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.True(market.GetProperty("accepting_orders").GetBoolean());
        Assert.Equal(2, market.GetProperty("tokens").GetArrayLength());
        var token = market.GetProperty("tokens")[0].GetProperty("token_id").GetString()!;
        Assert.True(token.All(char.IsAsciiDigit) && token.Length > 60);

        var condition = market.GetProperty("condition_id").GetString();
        using var one = await _venue.Http.GetAsync($"/markets/{condition}");
        Assert.Equal(condition, (await VenueTestHost.ReadJsonAsync(one)).GetProperty("condition_id").GetString());
    }

    [Fact]
    public async Task Book_Get_ServesBestLevelLastWithTheVenueHash()
    {
        var (token, market, book) = await _venue.FirstTokenAsync();

        var bids = book.GetProperty("bids").EnumerateArray().Select(l => decimal.Parse(l.GetProperty("price").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var asks = book.GetProperty("asks").EnumerateArray().Select(l => decimal.Parse(l.GetProperty("price").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(bids);
        Assert.NotEmpty(asks);
        Assert.Equal(bids.Order().ToList(), bids);
        Assert.Equal(asks.OrderDescending().ToList(), asks);
        Assert.True(bids[^1] < asks[^1]);
        Assert.Equal(market, book.GetProperty("market").GetString());
        Assert.Equal(token, book.GetProperty("asset_id").GetString());
        Assert.Equal("0.01", book.GetProperty("tick_size").GetString());
        Assert.Equal("5", book.GetProperty("min_order_size").GetString());
        Assert.Equal(PolymarketBookHash.ComputeFromJson(Encoding.UTF8.GetBytes(book.GetRawText())), book.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Book_UnknownToken_Returns404WithTheVenueError()
    {
        using var response = await _venue.Http.GetAsync("/book?token_id=123");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No orderbook exists for the requested token id", (await VenueTestHost.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Books_Post_ReturnsOneSummaryPerKnownToken()
    {
        var (token, _, _) = await _venue.FirstTokenAsync();
        using var response = await _venue.Http.PostAsync("/books", new StringContent($"[{{\"token_id\":\"{token}\"}},{{\"token_id\":\"1\"}}]"));

        var books = await VenueTestHost.ReadJsonAsync(response);

        Assert.Equal(token, Assert.Single(books.EnumerateArray()).GetProperty("asset_id").GetString());
    }

    [Fact]
    public async Task PriceMidpointSpread_Get_AgreeWithTheBook()
    {
        var (token, _, book) = await _venue.FirstTokenAsync();
        var bid = VenueTestHost.BestBid(book);
        var ask = VenueTestHost.BestAsk(book);

        using var price = await _venue.Http.GetAsync($"/price?token_id={token}&side=BUY");
        using var mid = await _venue.Http.GetAsync($"/midpoint?token_id={token}");
        using var spread = await _venue.Http.GetAsync($"/spread?token_id={token}");

        Assert.Equal(Json.Dec(bid), (await VenueTestHost.ReadJsonAsync(price)).GetProperty("price").GetString());
        Assert.Equal(Json.Dec((bid + ask) / 2m), (await VenueTestHost.ReadJsonAsync(mid)).GetProperty("mid").GetString());
        Assert.Equal(Json.Dec(ask - bid), (await VenueTestHost.ReadJsonAsync(spread)).GetProperty("spread").GetString());
    }

    [Fact]
    public async Task MarketInfo_Get_ServesWhatTheClientCachesWhileBuildingOrders()
    {
        var (token, market, _) = await _venue.FirstTokenAsync();

        Assert.Equal("{\"minimum_tick_size\":0.01}", await _venue.Http.GetStringAsync($"/tick-size?token_id={token}"));
        Assert.Equal("{\"neg_risk\":false}", await _venue.Http.GetStringAsync($"/neg-risk?token_id={token}"));
        Assert.Equal("{\"base_fee\":0}", await _venue.Http.GetStringAsync($"/fee-rate?token_id={token}"));
        using var byToken = await _venue.Http.GetAsync($"/markets-by-token/{token}");
        Assert.Equal(market, (await VenueTestHost.ReadJsonAsync(byToken)).GetProperty("condition_id").GetString());
        using var clob = await _venue.Http.GetAsync($"/clob-markets/{market}");
        var info = await VenueTestHost.ReadJsonAsync(clob);
        Assert.Equal(market, info.GetProperty("c").GetString());
        Assert.Equal(token, info.GetProperty("t")[0].GetProperty("t").GetString());
        Assert.Equal(0.01m, info.GetProperty("mts").GetDecimal());
        Assert.False(info.GetProperty("nr").GetBoolean());
    }
}
