using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Time;
using Ploy.Testing;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Orders;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.VenueServer.Tests;

/// <summary>A real venue on 127.0.0.1:0 driven by a manual wall clock, plus a client that signs like the official one.</summary>
public sealed class VenueTestHost : IAsyncDisposable
{
    /// <summary>Hardhat/Anvil account 0: a public test key.</summary>
    public const string HardhatKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Hardhat/Anvil account 1.</summary>
    public const string HardhatKey1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    public const string AdminToken = "test-admin";

    private static ulong _salt = 1000;

    private readonly bool _ownsHost;

    private VenueTestHost(VenueHost host, ManualTimeProvider clock, string key = HardhatKey0, bool ownsHost = true)
    {
        Host = host;
        Clock = clock;
        _ownsHost = ownsHost;
        Http = new HttpClient { BaseAddress = host.BaseAddress };
        Signer = new PolymarketSigner(PolymarketPrivateKey.Parse(key));
        Builder = new PolymarketOrderBuilder(Signer, PolymarketContracts.Polygon);
    }

    public VenueHost Host { get; }

    public ManualTimeProvider Clock { get; }

    public HttpClient Http { get; }

    public PolymarketSigner Signer { get; }

    public PolymarketOrderBuilder Builder { get; }

    public PolymarketApiCredentials? Credentials { get; private set; }

    public static async Task<VenueTestHost> StartAsync(VenueServerOptions? options = null)
    {
        var clock = TestTime.NewClock(DateTimeOffset.FromUnixTimeSeconds(1_767_614_400));
        var host = VenueHost.Create((options ?? new VenueServerOptions()) with { Port = 0, AutoAdvance = false, AdminToken = AdminToken }, clock);
        await host.StartAsync(CancellationToken.None);
        return new VenueTestHost(host, clock);
    }

    /// <summary>Another trader (another key) on the same venue; disposing it leaves the venue running.</summary>
    public VenueTestHost OtherTrader(string key) => new(Host, Clock, key, ownsHost: false);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Signer.Dispose();
        if (_ownsHost)
        {
            await Host.DisposeAsync();
        }
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>L1: creates (or re-creates) this host's key for <see cref="Signer"/>.</summary>
    public async Task<PolymarketApiCredentials> CreateKeyAsync()
    {
        using var request = L1Request(HttpMethod.Post, "/auth/api-key", PolymarketL1Auth.CreateHeaders(Signer, PolymarketContracts.Polygon, Clock));
        using var response = await Http.SendAsync(request);
        var json = await ReadJsonAsync(response);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Credentials = new PolymarketApiCredentials(json.GetProperty("apiKey").GetString()!, json.GetProperty("secret").GetString()!, json.GetProperty("passphrase").GetString()!);
        return Credentials;
    }

    public static HttpRequestMessage L1Request(HttpMethod method, string path, PolymarketL1Headers headers)
    {
        var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers.AsPairs())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>An L2 request signed over exactly the bytes sent; <paramref name="tamper"/> edits the headers afterwards.</summary>
    public HttpRequestMessage L2Request(HttpMethod method, string pathAndQuery, byte[]? body = null, Func<PolymarketL2Headers, PolymarketL2Headers>? tamper = null, long? timestamp = null)
    {
        var credentials = Credentials ?? throw new InvalidOperationException("Create a key first.");
        using var signer = new PolymarketL2Signer(credentials, Signer.Address);
        var path = pathAndQuery.Split('?')[0];
        var headers = signer.CreateHeaders(timestamp ?? Clock.GetUtcNow().ToUnixTimeSeconds(), method.Method, path, body ?? []);
        headers = tamper?.Invoke(headers) ?? headers;
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        foreach (var (name, value) in headers.AsPairs())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Json)> SendL2Async(HttpMethod method, string pathAndQuery, byte[]? body = null)
    {
        using var request = L2Request(method, pathAndQuery, body);
        var response = await Http.SendAsync(request);
        return (response, await ReadJsonAsync(response));
    }

    /// <summary>The first active market's YES token, its book and tick.</summary>
    public async Task<(string TokenId, string Market, JsonElement Book)> FirstTokenAsync()
    {
        using var response = await Http.GetAsync("/markets");
        var page = await ReadJsonAsync(response);
        var market = page.GetProperty("data").EnumerateArray().First(m => m.GetProperty("active").GetBoolean());
        var token = market.GetProperty("tokens")[0].GetProperty("token_id").GetString()!;
        using var bookResponse = await Http.GetAsync($"/book?token_id={token}");
        return (token, market.GetProperty("condition_id").GetString()!, await ReadJsonAsync(bookResponse));
    }

    public static decimal BestBid(JsonElement book)
    {
        var bids = book.GetProperty("bids");
        return bids.GetArrayLength() == 0 ? 0.3m : decimal.Parse(bids[bids.GetArrayLength() - 1].GetProperty("price").GetString()!, CultureInfo.InvariantCulture);
    }

    public static decimal BestAsk(JsonElement book)
    {
        var asks = book.GetProperty("asks");
        return decimal.Parse(asks[asks.GetArrayLength() - 1].GetProperty("price").GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>A signed limit order's V2 body, owned by this host's key.</summary>
    public (byte[] Body, PolymarketSignedOrder Order) LimitOrder(string tokenId, Side side, decimal price, decimal size, OrderType type = OrderType.Gtc,
        bool postOnly = false, TickSize? tick = null, ulong expiration = 0)
    {
        var signed = Builder.BuildLimit(new PolymarketLimitOrderArgs(tokenId, side, price, size, tick ?? TickSize.Hundredth, Expiration: expiration), ++_salt,
            (ulong)Clock.GetUtcNow().ToUnixTimeMilliseconds());
        return (PolymarketRequestBodies.Order(signed, Credentials!.Key, type, postOnly), signed);
    }

    /// <summary>A resting BUY ten ticks under the best bid.</summary>
    public async Task<(string TokenId, string Market, PolymarketSignedOrder Order, JsonElement Response)> PostRestingBuyAsync(decimal size = 10m)
    {
        var (token, market, book) = await FirstTokenAsync();
        var price = Math.Max(0.01m, BestBid(book) - 0.10m);
        var (body, order) = LimitOrder(token, Side.Buy, price, size);
        var (response, json) = await SendL2Async(HttpMethod.Post, "/order", body);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        response.Dispose();
        return (token, market, order, json);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public async Task<ClientWebSocket> ConnectAsync(string path)
    {
        var socket = new ClientWebSocket();
        var uri = new Uri(Host.BaseAddress, path);
        await socket.ConnectAsync(new UriBuilder(uri) { Scheme = "ws" }.Uri, CancellationToken.None);
        return socket;
    }

    public static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[256 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }

}
