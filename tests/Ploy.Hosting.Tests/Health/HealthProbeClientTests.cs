using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Ploy.Hosting.Health;

namespace Ploy.Hosting.Tests.Health;

public sealed class HealthProbeClientTests
{
    private static Task<LoopbackHost> StartAsync(Func<int, IResult> flaky)
    {
        var calls = 0;
        return LoopbackHost.StartAsync(
            _ => { },
            app =>
            {
                app.MapGet("/ok", () => Results.Json(new { status = "healthy" }));
                app.MapGet("/bad", () => Results.Json(new { status = "degraded" }, statusCode: 503));
                app.MapGet("/ok-but-degraded", () => Results.Json(new { status = "degraded" }));
                app.MapGet("/flaky", () => flaky(Interlocked.Increment(ref calls)));
                app.MapGet("/slow", async (CancellationToken ct) =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), ct);
                    return Results.Ok();
                });
            });
    }

    private static (HealthProbeClient Client, StringWriter Output, HttpClient Http) NewClient()
    {
        var output = new StringWriter();
        var http = new HttpClient();
        return (new HealthProbeClient(http, TimeProvider.System, output), output, http);
    }

    [Fact]
    public async Task ProbeAsync_200Healthy_SucceedsOnFirstAttempt()
    {
        await using var host = await StartAsync(_ => Results.Ok());
        var (client, output, http) = NewClient();
        using (http)
        {
            var result = await client.ProbeAsync(new Uri(host.Address, "/ok"), TimeSpan.FromSeconds(5), 2, TimeSpan.Zero, CancellationToken.None);

            Assert.True(result.Healthy);
            Assert.Equal(1, result.Attempts);
            Assert.Equal(200, result.LastStatusCode);
            Assert.Contains("attempt 1/3", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("HTTP 200 healthy", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProbeAsync_503_FailsAfterEveryRetry()
    {
        await using var host = await StartAsync(_ => Results.Ok());
        var (client, output, http) = NewClient();
        using (http)
        {
            var result = await client.ProbeAsync(new Uri(host.Address, "/bad"), TimeSpan.FromSeconds(5), 2, TimeSpan.Zero, CancellationToken.None);

            Assert.False(result.Healthy);
            Assert.Equal(3, result.Attempts);
            Assert.Equal(503, result.LastStatusCode);
            Assert.Equal(4, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains("unhealthy after 3 attempt(s)", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProbeAsync_200ButBodySaysDegraded_IsUnhealthy()
    {
        await using var host = await StartAsync(_ => Results.Ok());
        var (client, _, http) = NewClient();
        using (http)
        {
            var result = await client.ProbeAsync(new Uri(host.Address, "/ok-but-degraded"), TimeSpan.FromSeconds(5), 0, TimeSpan.Zero, CancellationToken.None);

            Assert.False(result.Healthy);
        }
    }

    [Fact]
    public async Task ProbeAsync_503ThenHealthy_SucceedsOnTheRetry()
    {
        await using var host = await StartAsync(call => call < 3 ? Results.StatusCode(503) : Results.Json(new { status = "healthy" }));
        var (client, _, http) = NewClient();
        using (http)
        {
            var result = await client.ProbeAsync(new Uri(host.Address, "/flaky"), TimeSpan.FromSeconds(5), 5, TimeSpan.FromMilliseconds(10), CancellationToken.None);

            Assert.True(result.Healthy);
            Assert.Equal(3, result.Attempts);
        }
    }

    [Fact]
    public async Task ProbeAsync_SlowServer_EachAttemptTimesOut()
    {
        await using var host = await StartAsync(_ => Results.Ok());
        var (client, output, http) = NewClient();
        using (http)
        {
            var result = await client.ProbeAsync(new Uri(host.Address, "/slow"), TimeSpan.FromMilliseconds(200), 1, TimeSpan.Zero, CancellationToken.None);

            Assert.False(result.Healthy);
            Assert.Null(result.LastStatusCode);
            Assert.Contains("no answer within 0.2 s", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProbeAsync_NothingListening_IsUnhealthyNotAnException()
    {
        // Take a free port and release it: nothing listens there.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        socket.Close();
        var (client, output, http) = NewClient();
        using (http)
        {
            var result = await client.ProbeAsync(new Uri($"http://127.0.0.1:{port}/health"), TimeSpan.FromSeconds(5), 1, TimeSpan.Zero, CancellationToken.None);

            Assert.False(result.Healthy);
            Assert.Equal(2, result.Attempts);
            Assert.Contains("failed:", output.ToString(), StringComparison.Ordinal);
        }
    }
}
