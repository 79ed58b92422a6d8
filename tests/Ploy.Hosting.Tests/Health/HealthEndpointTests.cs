using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ploy.Hosting.Health;

namespace Ploy.Hosting.Tests.Health;

public sealed class HealthEndpointTests
{
    private static Task<LoopbackHost> StartAsync(FakeHealth health, TimeSpan? timeout = null) =>
        LoopbackHost.StartAsync(
            services =>
            {
                services.AddSingleton<IHealthProbes>(health);
                services.AddSingleton<IReadinessSource>(health);
                services.AddPloyHealth(o =>
                {
                    o.Version = "0.1.0";
                    o.ProbeTimeout = timeout ?? TimeSpan.FromSeconds(5);
                });
            },
            app => app.MapPloyHealth());

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(LoopbackHost host, string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task Health_AllProbesUp_Returns200InTheExactShape()
    {
        var health = new FakeHealth { Queue = new OrderQueueStatus(3, TimeSpan.FromMilliseconds(42)) };
        await using var host = await StartAsync(health);

        var (status, body) = await GetAsync(host, "/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["status", "version", "uptime_seconds", "checks"], Keys(body));
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("0.1.0", body.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("uptime_seconds").ValueKind);
        Assert.True(body.GetProperty("uptime_seconds").TryGetInt64(out var uptime) && uptime >= 0);
        var checks = body.GetProperty("checks");
        Assert.Equal(["database", "api_connection", "order_queue"], Keys(checks));
        foreach (var check in checks.EnumerateObject())
        {
            Assert.Equal(["status", "latency_ms"], Keys(check.Value));
            Assert.Equal("up", check.Value.GetProperty("status").GetString());
            Assert.True(check.Value.GetProperty("latency_ms").TryGetInt64(out var latency) && latency >= 0);
        }

        Assert.Equal(42, checks.GetProperty("order_queue").GetProperty("latency_ms").GetInt64());
    }

    [Fact]
    public async Task Health_DatabaseDownThenBack_Flips503To200()
    {
        var health = new FakeHealth { Database = _ => Task.FromResult(false) };
        await using var host = await StartAsync(health);

        var (downStatus, down) = await GetAsync(host, "/health");
        health.Database = _ => throw new InvalidOperationException("connection refused");
        var (throwStatus, thrown) = await GetAsync(host, "/health");
        health.Database = _ => Task.FromResult(true);
        var (upStatus, up) = await GetAsync(host, "/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, downStatus);
        Assert.Equal("degraded", down.GetProperty("status").GetString());
        Assert.Equal("down", down.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("up", down.GetProperty("checks").GetProperty("api_connection").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, throwStatus);
        Assert.Equal("down", thrown.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, upStatus);
        Assert.Equal("healthy", up.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Health_ProbeHangs_ReportsDownAfterTheTimeout(bool ignoresToken)
    {
        var health = new FakeHealth { Venue = ignoresToken ? FakeHealth.HangDeaf : FakeHealth.Hang };
        await using var host = await StartAsync(health, TimeSpan.FromMilliseconds(300));

        var (status, body) = await GetAsync(host, "/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var venue = body.GetProperty("checks").GetProperty("api_connection");
        Assert.Equal("down", venue.GetProperty("status").GetString());
        Assert.True(venue.GetProperty("latency_ms").GetInt64() >= 250); // it waited for the timeout (timers may fire a little early)
        Assert.Equal("up", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(999, "up", HttpStatusCode.OK)]
    [InlineData(1000, "down", HttpStatusCode.ServiceUnavailable)]
    public async Task Health_OrderQueueLength_UpOnlyBelow1000(int length, string expected, HttpStatusCode code)
    {
        var health = new FakeHealth { Queue = new OrderQueueStatus(length, TimeSpan.FromSeconds(2)) };
        await using var host = await StartAsync(health);

        var (status, body) = await GetAsync(host, "/health");

        Assert.Equal(code, status);
        Assert.Equal(expected, body.GetProperty("checks").GetProperty("order_queue").GetProperty("status").GetString());
        Assert.Equal(2000, body.GetProperty("checks").GetProperty("order_queue").GetProperty("latency_ms").GetInt64());
    }

    [Fact]
    public async Task Live_ProbesDown_StillAnswers200()
    {
        var health = new FakeHealth { Database = _ => Task.FromResult(false), Readiness = new(false, false, false, true) };
        await using var host = await StartAsync(health);

        var (status, body) = await GetAsync(host, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alive", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_AllFactsHold_Returns200WithRole()
    {
        await using var host = await StartAsync(new FakeHealth());

        var (status, body) = await GetAsync(host, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("leader", body.GetProperty("role").GetString());
        Assert.Equal(0, body.GetProperty("reasons").GetArrayLength());
    }

    [Fact]
    public async Task Ready_FactsFail_Returns503WithEveryReason()
    {
        var health = new FakeHealth { Readiness = new(Reconciled: false, BooksTrusted: true, DatabaseWritable: false, Halted: true) };
        await using var host = await StartAsync(health);

        var (status, body) = await GetAsync(host, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not_ready", body.GetProperty("status").GetString());
        Assert.Equal(
            ["not reconciled with the venue", "database not writable", "trading halted"],
            body.GetProperty("reasons").EnumerateArray().Select(r => r.GetString() ?? string.Empty).ToArray());
    }

    [Fact]
    public async Task Ready_Standby_IsNotReady()
    {
        var health = new FakeHealth { Readiness = new(true, true, true, false, ReadinessFacts.StandbyRole) };
        await using var host = await StartAsync(health);

        var (status, body) = await GetAsync(host, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("standby", body.GetProperty("role").GetString());
    }
}
