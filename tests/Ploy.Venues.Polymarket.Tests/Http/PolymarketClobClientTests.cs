using System.Net;
using System.Text;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Http;

namespace Ploy.Venues.Polymarket.Tests.Http;

public sealed class PolymarketClobClientTests
{
    private static readonly PolymarketApiCredentials Credentials = new("00000000-0000-0000-0000-000000000001",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "pass-phrase");

    private const string Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private static PolymarketClobClient Client(Uri baseAddress, int retries = 0, TimeSpan? timeout = null)
    {
        var client = new PolymarketClobClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new PolymarketClobClientOptions
        {
            BaseAddress = baseAddress,
            MaxReadRetries = retries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
        }, TimeProvider.System);
        client.UseCredentials(Credentials, Address);
        return client;
    }

    [Theory]
    [InlineData(401, "{\"error\":\"Unauthorized/Invalid api key\"}", VenueErrorKind.Unauthorized, false)]
    [InlineData(404, "{\"error\":\"No orderbook exists for the requested token id\"}", VenueErrorKind.NotFound, false)]
    [InlineData(425, "{\"error\":\"Too Early\"}", VenueErrorKind.VenueUnavailable, true)]
    [InlineData(503, "{\"error\":\"Trading is currently cancel-only\"}", VenueErrorKind.VenueUnavailable, true)]
    [InlineData(400, "{\"errorMsg\":\"INVALID_ORDER_MIN_TICK_SIZE\"}", VenueErrorKind.Rejected, false)]
    [InlineData(400, "{\"error\":\"not enough balance / allowance\"}", VenueErrorKind.InsufficientBalance, false)]
    [InlineData(500, "{\"error\":\"internal\"}", VenueErrorKind.Transport, true)]
    public async Task GetBook_ErrorStatus_MapsToKind(int status, string body, VenueErrorKind kind, bool transient)
    {
        await using var server = await FakeClobServer.StartAsync((context, _) => FakeClobServer.Respond(context, status, body));
        using var client = Client(server.BaseAddress);

        var result = await client.GetBookAsync("123", CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(kind, result.Error.Kind);
        Assert.Equal(transient, result.Error.IsTransient);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBook_CloudflareHtml403_IsBlockedNotRejected()
    {
        await using var server = await FakeClobServer.StartAsync(async (context, _) =>
        {
            context.Response.Headers["cf-ray"] = "8a1b2c3d4e5f-AMS";
            await FakeClobServer.Respond(context, 403, "<!DOCTYPE html><html><title>Attention Required! | Cloudflare</title></html>", "text/html");
        });
        using var client = Client(server.BaseAddress);

        var result = await client.PostOrderAsync("{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal(VenueErrorKind.Blocked, result.Error!.Kind);
        Assert.Contains("Cloudflare", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", result.Error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetBook_429WithRetryAfter_IsRateLimitedWithThatDelay()
    {
        await using var server = await FakeClobServer.StartAsync(async (context, _) =>
        {
            context.Response.Headers.RetryAfter = "7";
            await FakeClobServer.Respond(context, 429, "{\"error\":\"Too Many Requests\"}");
        });
        using var client = Client(server.BaseAddress);

        var result = await client.GetBookAsync("123", CancellationToken.None);

        Assert.Equal(VenueErrorKind.RateLimited, result.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), result.Error.RetryAfter);
        Assert.True(result.Error.IsTransient);
    }

    [Fact]
    public async Task PostOrder_400WithErrorMsg_ReturnsTheRejectBody()
    {
        await using var server = await FakeClobServer.StartAsync((context, _) =>
            FakeClobServer.Respond(context, 400, "{\"success\":false,\"errorMsg\":\"not enough balance / allowance\",\"orderID\":\"0xabc\",\"status\":\"\",\"takingAmount\":\"\",\"makingAmount\":\"\"}"));
        using var client = Client(server.BaseAddress);

        var result = await client.PostOrderAsync("{}"u8.ToArray(), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.False(result.Value!.Success);
        Assert.Equal("not enough balance / allowance", result.Value.ErrorMsg);
        Assert.Equal(VenueErrorKind.InsufficientBalance, PolymarketErrorMapper.OrderReject(result.Value.ErrorMsg).Kind);
    }

    [Fact]
    public async Task PostOrder_Timeout_IsTimeoutAndSentOnce()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeClobServer.StartAsync(async (context, _) =>
        {
            arrived.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        // The timeout is long enough for a loaded machine to open the connection and send the request (the
        // server only records what arrives), and far shorter than the server's silence.
        using var client = Client(server.BaseAddress, retries: 3, timeout: TimeSpan.FromSeconds(1));

        var result = await client.PostOrderAsync("{\"order\":1}"u8.ToArray(), CancellationToken.None);

        Assert.Equal(VenueErrorKind.Timeout, result.Error!.Kind);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, server.Count("POST", "/order"));
    }

    [Fact]
    public async Task PostOrder_500_IsNeverRetried_WhileGetIsRetried()
    {
        await using var server = await FakeClobServer.StartAsync((context, _) => FakeClobServer.Respond(context, 500, "{\"error\":\"boom\"}"));
        using var client = Client(server.BaseAddress, retries: 2);

        var post = await client.PostOrderAsync("{\"order\":1}"u8.ToArray(), CancellationToken.None);
        var cancel = await client.CancelAllAsync(CancellationToken.None);
        var get = await client.GetOpenOrdersPageAsync(null, null, null, CancellationToken.None);

        Assert.Equal(VenueErrorKind.Transport, post.Error!.Kind);
        Assert.Equal(1, server.Count("POST", "/order"));
        Assert.False(cancel.IsSuccess);
        Assert.Equal(1, server.Count("DELETE", "/cancel-all"));
        Assert.False(get.IsSuccess);
        Assert.Equal(3, server.Count("GET", "/data/orders"));
    }

    [Fact]
    public async Task Get_TransientFailureThenSuccess_ReturnsTheValue()
    {
        var calls = 0;
        await using var server = await FakeClobServer.StartAsync((context, _) => Interlocked.Increment(ref calls) == 1
            ? FakeClobServer.Respond(context, 503, "{\"error\":\"busy\"}")
            : FakeClobServer.Respond(context, 200, "{\"mid\":\"0.515\"}"));
        using var client = Client(server.BaseAddress, retries: 2);

        var result = await client.GetMidpointAsync("123", CancellationToken.None);

        Assert.Equal(0.515m, result.Value);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task ConnectionRefused_IsTransport()
    {
        // A port that was just free: nothing listens there.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = Client(new Uri($"http://127.0.0.1:{port}/"));

        var result = await client.PostOrderAsync("{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal(VenueErrorKind.Transport, result.Error!.Kind);
        Assert.True(result.Error.IsTransient);
    }

    [Fact]
    public async Task L2Request_HeadersVerifyAtTheServer_OverPathAndExactBody()
    {
        var verified = new List<bool>();
        await using var server = await FakeClobServer.StartAsync((context, request) =>
        {
            using var signer = new PolymarketL2Signer(Credentials, Address);
            var timestamp = long.Parse(request.Header("POLY_TIMESTAMP"), System.Globalization.CultureInfo.InvariantCulture);
            var expected = signer.Sign(timestamp, request.Method, request.Path, request.Body);
            lock (verified)
            {
                verified.Add(expected == request.Header("POLY_SIGNATURE") && request.Header("POLY_API_KEY") == Credentials.Key
                    && request.Header("POLY_PASSPHRASE") == Credentials.Passphrase && request.Header("POLY_ADDRESS") == Address);
            }

            return request.Path switch
            {
                "/order" => FakeClobServer.Respond(context, 200, "{\"success\":true,\"errorMsg\":\"\",\"orderID\":\"0x01\",\"status\":\"live\",\"takingAmount\":\"\",\"makingAmount\":\"\"}"),
                "/cancel-all" => FakeClobServer.Respond(context, 200, "{\"canceled\":[],\"not_canceled\":{}}"),
                _ => FakeClobServer.Respond(context, 200, "{\"limit\":500,\"count\":0,\"next_cursor\":\"LTE=\",\"data\":[]}"),
            };
        });
        using var client = Client(server.BaseAddress);
        var body = Encoding.UTF8.GetBytes("{\"deferExec\":false,\"postOnly\":false,\"order\":{\"salt\":1},\"owner\":\"k\",\"orderType\":\"GTC\"}");

        Assert.True((await client.PostOrderAsync(body, CancellationToken.None)).IsSuccess);
        Assert.True((await client.GetOpenOrdersPageAsync(null, "0xcond", "123", CancellationToken.None)).IsSuccess);

        Assert.Equal([true, true], verified);
        var post = server.Requests.First(r => r.Path == "/order");
        Assert.Equal(body, post.Body);
        var get = server.Requests.First(r => r.Path == "/data/orders");
        Assert.Contains("next_cursor=MA%3D%3D", get.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task L2Request_WithoutCredentials_IsUnauthorizedAndNotSent()
    {
        await using var server = await FakeClobServer.StartAsync();
        using var client = new PolymarketClobClient(new HttpClient(), new PolymarketClobClientOptions { BaseAddress = server.BaseAddress }, TimeProvider.System);

        var result = await client.CancelAllAsync(CancellationToken.None);

        Assert.Equal(VenueErrorKind.Unauthorized, result.Error!.Kind);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task GetTrades_FollowsTheCursorToLte()
    {
        var pages = new Dictionary<string, string>
        {
            ["MA=="] = Page("MQ==", "t1", "t2"),
            ["MQ=="] = Page("Mg==", "t3"),
            ["Mg=="] = Page("LTE=", "t4"),
        };
        await using var server = await FakeClobServer.StartAsync((context, _) =>
            FakeClobServer.Respond(context, 200, pages[context.Request.Query["next_cursor"].ToString()]));
        using var client = Client(server.BaseAddress);

        var result = await client.GetTradesAsync(null, null, CancellationToken.None);

        Assert.Equal(["t1", "t2", "t3", "t4"], result.Value!.Select(t => t.Id));
        Assert.Equal(3, server.Count("GET", "/data/trades"));
    }

    [Fact]
    public async Task PublicReads_ParseTheVenueShapes()
    {
        await using var server = await FakeClobServer.StartAsync((context, _) => context.Request.Path.Value switch
        {
            "/tick-size" => FakeClobServer.Respond(context, 200, "{\"minimum_tick_size\":0.01}"),
            "/neg-risk" => FakeClobServer.Respond(context, 200, "{\"neg_risk\":true}"),
            "/fee-rate" => FakeClobServer.Respond(context, 200, "{\"base_fee\":0}"),
            "/price" => FakeClobServer.Respond(context, 200, "{\"price\":\"0.52\"}"),
            "/spread" => FakeClobServer.Respond(context, 200, "{\"spread\":\"0.01\"}"),
            "/time" => FakeClobServer.Respond(context, 200, "1767614400"),
            "/version" => FakeClobServer.Respond(context, 200, "{\"version\":2}"),
            _ => FakeClobServer.Respond(context, 404, "{\"error\":\"no\"}"),
        });
        using var client = Client(server.BaseAddress);

        Assert.Equal(TickSize.Hundredth, (await client.GetTickSizeAsync("1", CancellationToken.None)).Value);
        Assert.True((await client.GetNegRiskAsync("1", CancellationToken.None)).Value);
        Assert.Equal(0m, (await client.GetFeeRateAsync("1", CancellationToken.None)).Value);
        Assert.Equal(0.52m, (await client.GetPriceAsync("1", Side.Buy, CancellationToken.None)).Value);
        Assert.Equal(0.01m, (await client.GetSpreadAsync("1", CancellationToken.None)).Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_767_614_400), (await client.GetServerTimeAsync(CancellationToken.None)).Value);
        Assert.Equal(2, (await client.GetVersionAsync(CancellationToken.None)).Value);
        Assert.Contains(server.Requests, r => r.Path == "/price" && r.Query.Contains("side=BUY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_UnreadableJson_IsDecode()
    {
        await using var server = await FakeClobServer.StartAsync((context, _) => FakeClobServer.Respond(context, 200, "{\"mid\":"));
        using var client = Client(server.BaseAddress);

        var result = await client.GetMidpointAsync("1", CancellationToken.None);

        Assert.Equal(VenueErrorKind.Decode, result.Error!.Kind);
    }

    private static string Page(string next, params string[] ids) =>
        "{\"limit\":2,\"count\":" + ids.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"next_cursor\":\"" + next + "\",\"data\":["
        + string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\",\"taker_order_id\":\"0x1\",\"asset_id\":\"1\",\"side\":\"BUY\",\"size\":\"5\",\"price\":\"0.5\",\"status\":\"MATCHED\",\"trader_side\":\"TAKER\"}"))
        + "]}";
}
