using System.Net;
using System.Net.Http.Headers;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Http;

namespace Ploy.VenueServer.Tests;

public sealed class ModeTests : IAsyncLifetime
{
    private VenueTestHost _venue = null!;

    public async Task InitializeAsync()
    {
        _venue = await VenueTestHost.StartAsync();
        await _venue.CreateKeyAsync();
    }

    public async Task DisposeAsync() => await _venue.DisposeAsync();

    private async Task<HttpStatusCode> SetModeAsync(string mode, string token = VenueTestHost.AdminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/mode") { Content = new StringContent($"{{\"mode\":\"{mode}\"}}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _venue.Http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<(HttpStatusCode Status, bool PostOnlySent)> PostAsync(bool postOnly)
    {
        var (token, _, book) = await _venue.FirstTokenAsync();
        var (body, _) = _venue.LimitOrder(token, Side.Buy, VenueTestHost.BestBid(book) - 0.05m, 10m, postOnly: postOnly);
        var (response, _) = await _venue.SendL2Async(HttpMethod.Post, "/order", body);
        using (response)
        {
            return (response.StatusCode, postOnly);
        }
    }

    [Fact]
    public async Task AdminMode_WrongToken_Returns401AndKeepsMode()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await SetModeAsync("restart", "wrong"));
        Assert.Equal(VenueMode.Normal, _venue.Host.Mode);
    }

    [Fact]
    public async Task Restart_OrderEndpoints_Answer425()
    {
        Assert.Equal(HttpStatusCode.OK, await SetModeAsync("restart"));

        var (status, _) = await PostAsync(postOnly: false);
        var (cancel, _) = await _venue.SendL2Async(HttpMethod.Delete, "/cancel-all");

        Assert.Equal((HttpStatusCode)425, status);
        Assert.Equal((HttpStatusCode)425, cancel.StatusCode);
        cancel.Dispose();
    }

    [Fact]
    public async Task CancelOnly_NewOrders503_CancelsAllowed()
    {
        var (_, _, order, _) = await _venue.PostRestingBuyAsync();
        Assert.Equal(HttpStatusCode.OK, await SetModeAsync("cancel-only"));

        var (status, _) = await PostAsync(postOnly: true);
        var (cancel, json) = await _venue.SendL2Async(HttpMethod.Delete, "/order", PolymarketRequestBodies.CancelOrder(order.VenueOrderId));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(order.OrderHash, Assert.Single(json.GetProperty("canceled").EnumerateArray()).GetString());
        cancel.Dispose();
    }

    [Fact]
    public async Task PostOnly_OnlyPostOnlyOrdersAccepted()
    {
        Assert.Equal(HttpStatusCode.OK, await SetModeAsync("post-only"));

        var (plain, _) = await PostAsync(postOnly: false);
        var (postOnly, _) = await PostAsync(postOnly: true);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, plain);
        Assert.Equal(HttpStatusCode.OK, postOnly);
    }

    [Fact]
    public async Task Normal_AfterRestart_OrdersAcceptedAgain()
    {
        await SetModeAsync("restart");
        Assert.Equal(HttpStatusCode.OK, await SetModeAsync("normal"));

        var (status, _) = await PostAsync(postOnly: false);

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
