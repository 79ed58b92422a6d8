using System.Net;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.VenueServer.Tests;

public sealed class AuthTests : IAsyncLifetime
{
    private VenueTestHost _venue = null!;

    public async Task InitializeAsync() => _venue = await VenueTestHost.StartAsync();

    public async Task DisposeAsync() => await _venue.DisposeAsync();

    [Fact]
    public async Task CreateApiKey_ValidClobAuthSignature_IssuesCredentialsThatDeriveReturns()
    {
        var created = await _venue.CreateKeyAsync();

        using var request = VenueTestHost.L1Request(HttpMethod.Get, "/auth/derive-api-key",
            PolymarketL1Auth.CreateHeaders(_venue.Signer, PolymarketContracts.Polygon, _venue.Clock));
        using var response = await _venue.Http.SendAsync(request);
        var derived = await VenueTestHost.ReadJsonAsync(response);

        Assert.True(Guid.TryParse(created.Key, out _));
        Assert.Equal(44, created.Secret.Length);
        Assert.Equal(64, created.Passphrase.Length);
        Assert.Equal(created.Key, derived.GetProperty("apiKey").GetString());
        Assert.Equal(created.Secret, derived.GetProperty("secret").GetString());
        Assert.Equal(created.Key, (await _venue.CreateKeyAsync()).Key);
    }

    [Fact]
    public async Task DeriveApiKey_NeverCreated_Returns400()
    {
        using var request = VenueTestHost.L1Request(HttpMethod.Get, "/auth/derive-api-key",
            PolymarketL1Auth.CreateHeaders(_venue.Signer, PolymarketContracts.Polygon, _venue.Clock, nonce: 7));
        using var response = await _venue.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CreateApiKey_SignatureForAnotherAddress_Returns401()
    {
        var headers = PolymarketL1Auth.CreateHeaders(_venue.Signer, PolymarketContracts.Polygon, _venue.Clock);
        using var other = new PolymarketSigner(PolymarketPrivateKey.Parse(VenueTestHost.HardhatKey1));
        using var request = VenueTestHost.L1Request(HttpMethod.Post, "/auth/api-key", headers with { Address = other.Address });
        using var response = await _venue.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Invalid L1 Request headers", (await VenueTestHost.ReadJsonAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateApiKey_StaleTimestamp_Returns401()
    {
        var stale = _venue.Clock.GetUtcNow().ToUnixTimeSeconds() - 3600;
        using var request = VenueTestHost.L1Request(HttpMethod.Post, "/auth/api-key",
            PolymarketL1Auth.CreateHeaders(_venue.Signer, PolymarketContracts.Polygon, stale));
        using var response = await _venue.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task L2_ValidHmac_IsAccepted()
    {
        await _venue.CreateKeyAsync();
        var (response, json) = await _venue.SendL2Async(HttpMethod.Get, "/data/orders?next_cursor=MA==");

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("LTE=", json.GetProperty("next_cursor").GetString());
            Assert.Equal(0, json.GetProperty("count").GetInt32());
        }
    }

    [Fact]
    public async Task L2_BadHmac_Returns401()
    {
        await _venue.CreateKeyAsync();
        using var request = _venue.L2Request(HttpMethod.Get, "/data/orders", tamper: h => h with { Signature = (h.Signature[0] == 'A' ? "B" : "A") + h.Signature[1..] });
        using var response = await _venue.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((await VenueTestHost.ReadJsonAsync(response)).TryGetProperty("error", out _));
    }

    [Fact]
    public async Task L2_BodyDiffersFromSignedBody_Returns401()
    {
        await _venue.CreateKeyAsync();
        using var request = _venue.L2Request(HttpMethod.Delete, "/order", VenueTestHost.Utf8("{\"orderID\":\"0x01\"}"));
        request.Content = new ByteArrayContent(VenueTestHost.Utf8("{\"orderID\":\"0x02\"}"));
        using var response = await _venue.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task L2_TimestampOlderThan30Seconds_Returns401()
    {
        await _venue.CreateKeyAsync();
        using var request = _venue.L2Request(HttpMethod.Get, "/data/orders", timestamp: _venue.Clock.GetUtcNow().ToUnixTimeSeconds() - 31);
        using var response = await _venue.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task L2_AddressNotTheKeysOwner_Returns401()
    {
        await _venue.CreateKeyAsync();
        using var other = new PolymarketSigner(PolymarketPrivateKey.Parse(VenueTestHost.HardhatKey1));
        using var request = _venue.L2Request(HttpMethod.Get, "/data/orders", tamper: h => h with { Address = other.Address });
        using var response = await _venue.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task L2_MissingHeaders_Returns401()
    {
        using var response = await _venue.Http.GetAsync("/data/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
