using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ploy.Hosting.Control;
using Ploy.Hosting.Logging;

namespace Ploy.Hosting.Tests.Control;

public sealed class ControlApiTests
{
    private const string Token = "s3cret-control-token-0123456789";

    private static Task<LoopbackHost> StartAsync(FakeTradingControl control, string? token = Token) =>
        LoopbackHost.StartAsync(
            services => services.AddSingleton<ITradingControl>(control),
            app => app.MapPloyControlApi(new ControlApiOptions { BearerToken = token is null ? null : new SecretString(token) }));

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> SendAsync(LoopbackHost host, HttpMethod method, string path, string? bearer = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/status")]
    [InlineData("/api/positions")]
    [InlineData("/api/orders")]
    [InlineData("/api/strategies")]
    public async Task Get_Reads_NeedNoToken(string path)
    {
        await using var host = await StartAsync(new FakeTradingControl());

        var (status, _, contentType) = await SendAsync(host, HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
    }

    [Fact]
    public async Task GetStatus_Body_IsCamelCaseJsonOfTheView()
    {
        await using var host = await StartAsync(new FakeTradingControl());

        var (_, body, _) = await SendAsync(host, HttpMethod.Get, "/api/status");

        Assert.Equal("paper", body.GetProperty("mode").GetString());
        Assert.Equal(2, body.GetProperty("openOrders").GetInt32());
        Assert.Equal(40.5m, body.GetProperty("exposureUsd").GetDecimal());
    }

    [Theory]
    [InlineData("/api/pause")]
    [InlineData("/api/resume")]
    [InlineData("/api/kill")]
    [InlineData("/api/cancel-all")]
    [InlineData("/api/strategies/momentum/disable")]
    public async Task Post_WithoutToken_Returns401AndDoesNothing(string path)
    {
        var control = new FakeTradingControl();
        await using var host = await StartAsync(control);

        var (status, body, contentType) = await SendAsync(host, HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
        Assert.Empty(control.Commands);
    }

    [Fact]
    public async Task Post_WrongToken_Returns403AndDoesNothing()
    {
        var control = new FakeTradingControl();
        await using var host = await StartAsync(control);

        var (status, _, _) = await SendAsync(host, HttpMethod.Post, "/api/kill", bearer: Token + "x");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(control.Commands);
        Assert.False(control.Halted);
    }

    [Fact]
    public async Task Post_NoTokenConfigured_Returns403WithAClearMessage()
    {
        var control = new FakeTradingControl();
        await using var host = await StartAsync(control, token: null);

        var (status, body, _) = await SendAsync(host, HttpMethod.Post, "/api/pause", bearer: "anything");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("no bearer token is configured", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(control.Commands);
    }

    [Fact]
    public async Task PostKill_RightTokenAndReason_HaltsAndReportsCancelled()
    {
        var control = new FakeTradingControl();
        await using var host = await StartAsync(control);

        var (status, body, _) = await SendAsync(host, HttpMethod.Post, "/api/kill", Token, """{"reason":"drill"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("accepted").GetBoolean());
        Assert.Equal(2, body.GetProperty("ordersCancelled").GetInt32());
        Assert.Equal(["kill:drill"], control.Commands);
        Assert.True(control.Halted);
    }

    [Fact]
    public async Task PostPause_NoBody_PausesWithoutReason()
    {
        var control = new FakeTradingControl();
        await using var host = await StartAsync(control);

        var (status, _, _) = await SendAsync(host, HttpMethod.Post, "/api/pause", Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["pause:"], control.Commands);
    }

    [Theory]
    [InlineData("{\"reason\":")]
    [InlineData("not json")]
    [InlineData("{\"reason\": 5}")]
    [InlineData("{\"reson\": \"typo\"}")]
    public async Task PostPause_MalformedBody_Returns400Problem(string body)
    {
        var control = new FakeTradingControl();
        await using var host = await StartAsync(control);

        var (status, problem, contentType) = await SendAsync(host, HttpMethod.Post, "/api/pause", Token, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Empty(control.Commands);
    }

    [Fact]
    public async Task PostPause_ReasonTooLong_Returns400()
    {
        var control = new FakeTradingControl();
        await using var host = await StartAsync(control);

        var (status, _, _) = await SendAsync(host, HttpMethod.Post, "/api/pause", Token, JsonSerializer.Serialize(new { reason = new string('x', 501) }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(control.Commands);
    }

    [Fact]
    public async Task PostStrategyEnable_UnknownStrategy_Returns400NamingTheKnownOnes()
    {
        var control = new FakeTradingControl();
        await using var host = await StartAsync(control);

        var (status, problem, _) = await SendAsync(host, HttpMethod.Post, "/api/strategies/nope/enable", Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Unknown strategy 'nope'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("momentum", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(control.Commands);
    }

    [Fact]
    public async Task PostStrategyEnableDisable_KnownStrategy_ChangesIt()
    {
        var control = new FakeTradingControl();
        await using var host = await StartAsync(control);

        var (enable, _, _) = await SendAsync(host, HttpMethod.Post, "/api/strategies/mean-revert/enable", Token);
        var (disable, _, _) = await SendAsync(host, HttpMethod.Post, "/api/strategies/momentum/disable", Token);

        Assert.Equal(HttpStatusCode.OK, enable);
        Assert.Equal(HttpStatusCode.OK, disable);
        Assert.Equal(["enable:mean-revert", "disable:momentum"], control.Commands);
        Assert.True(control.Strategies["mean-revert"]);
        Assert.False(control.Strategies["momentum"]);
    }

    [Fact]
    public async Task PostResume_EngineRefuses_Returns409WithItsMessage()
    {
        var control = new FakeTradingControl { Halted = true };
        await using var host = await StartAsync(control);

        var (status, problem, _) = await SendAsync(host, HttpMethod.Post, "/api/resume", Token);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("halted: reset the kill switch first", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PostCancelAll_RightToken_CancelsWithoutHalting()
    {
        var control = new FakeTradingControl();
        await using var host = await StartAsync(control);

        var (status, _, _) = await SendAsync(host, HttpMethod.Post, "/api/cancel-all", Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["cancel-all"], control.Commands);
        Assert.False(control.Halted);
    }

    [Fact]
    public void Validate_Defaults_ListenOnLoopbackWithoutProblems()
    {
        var options = new ControlApiOptions();

        Assert.Equal("127.0.0.1", options.ListenAddress);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_PublicAddressWithoutOptIn_NamesTheKeys()
    {
        var problems = new ControlApiOptions { ListenAddress = "0.0.0.0", Port = 70000 }.Validate();

        Assert.Contains(problems, p => p.StartsWith("Control:ListenAddress", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Control:Port", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RemoteWithShortToken_IsAProblem()
    {
        var problems = new ControlApiOptions { ListenAddress = "0.0.0.0", AllowRemote = true, BearerToken = new SecretString("short") }.Validate();

        Assert.Single(problems);
        Assert.StartsWith("Control:BearerToken", problems[0], StringComparison.Ordinal);
    }
}
