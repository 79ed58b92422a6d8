using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.Time;
using Ploy.Venues.Polymarket.Adapter;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Tests.Http;

namespace Ploy.Venues.Polymarket.Tests.Adapter;

/// <summary>The market clock follows a venue that publishes a simulated clock, and only such a venue.</summary>
public sealed class PolymarketMarketClockTests
{
    [Fact]
    public async Task FollowAsync_VenueWithASimulatedClock_RunsTheMarketClockOnIt()
    {
        var venueNow = TimeProvider.System.GetUtcNow().AddHours(3);
        await using var server = await FakeClobServer.StartAsync((context, request) => request.Path == "/sim/clock"
            ? FakeClobServer.Respond(context, 200, $"{{\"now_ms\":{venueNow.ToUnixTimeMilliseconds()},\"speed\":60}}")
            : FakeClobServer.Respond(context, 404, "{\"error\":\"not found\"}"));
        var (clock, followed) = await FollowAsync(server);

        Assert.True(followed);
        Assert.True(clock.IsFollowingVenue);
        Assert.Equal(60, clock.Speed);
        // Within the time this test takes (well under a minute of machine time, an hour of the venue's).
        Assert.InRange(clock.GetUtcNow(), venueNow, venueNow.AddHours(1));
    }

    [Fact]
    public async Task FollowAsync_Polymarket404_KeepsTheMachineClock()
    {
        await using var server = await FakeClobServer.StartAsync((context, _) => FakeClobServer.Respond(context, 404, "{\"error\":\"not found\"}"));

        var (clock, followed) = await FollowAsync(server);

        Assert.False(followed);
        Assert.False(clock.IsFollowingVenue);
        Assert.Equal(1, server.Count("GET", "/sim/clock"));
    }

    [Fact]
    public async Task FollowAsync_ANonLoopbackHost_IsNotAsked()
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler);
        using var client = new PolymarketClobClient(http, new PolymarketClobClientOptions { BaseAddress = new Uri("https://clob.polymarket.com/") }, TimeProvider.System);
        var clock = new MarketClock(TimeProvider.System);

        var followed = await PolymarketMarketClock.FollowAsync(client, clock, TimeProvider.System, NullLogger.Instance, CancellationToken.None);

        Assert.False(followed);
        Assert.False(clock.IsFollowingVenue);
        Assert.Empty(handler.Sent);
    }

    [Theory]
    [InlineData("{\"now_ms\":1767614400000,\"speed\":0}")]
    [InlineData("{\"now_ms\":1767614400000,\"speed\":-60}")]
    [InlineData("{\"now_ms\":\"soon\",\"speed\":60}")]
    [InlineData("<html>not json</html>")]
    public async Task FollowAsync_NonsenseClock_IsIgnoredNotThrown(string body)
    {
        await using var server = await FakeClobServer.StartAsync((context, _) => FakeClobServer.Respond(context, 200, body));

        var (clock, followed) = await FollowAsync(server);

        Assert.False(followed);
        Assert.False(clock.IsFollowingVenue);
    }

    private static async Task<(MarketClock Clock, bool Followed)> FollowAsync(FakeClobServer server)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new PolymarketClobClient(http, new PolymarketClobClientOptions { BaseAddress = server.BaseAddress, MaxReadRetries = 0 }, TimeProvider.System);
        var clock = new MarketClock(TimeProvider.System);
        var followed = await PolymarketMarketClock.FollowAsync(client, clock, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        return (clock, followed);
    }

    /// <summary>Records what would be sent, and sends nothing: no request may leave loopback.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<string> Sent { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Add($"{request.Method} {request.RequestUri}");
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { Content = new StringContent("{}") });
        }
    }
}
