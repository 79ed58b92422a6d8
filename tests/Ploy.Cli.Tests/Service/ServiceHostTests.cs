using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Ploy.Cli.Service;

namespace Ploy.Cli.Tests.Service;

/// <summary><c>ploy run</c> in paper mode through its real HTTP host on 127.0.0.1: health, readiness, metrics, control API.</summary>
public sealed class ServiceHostTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Health_AfterReconciliation_IsHealthyInTheReviewShape_AndReadyAndLive()
    {
        await using var host = await ServiceTestHost.StartAsync(_root, ServiceConfig.Paper(_root));

        await host.WaitReadyAsync();
        using var response = await host.Http.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        Assert.True(root.GetProperty("uptime_seconds").GetInt64() >= 0);
        var checks = root.GetProperty("checks");
        Assert.Equal(["database", "api_connection", "order_queue"], checks.EnumerateObject().Select(p => p.Name));
        foreach (var check in checks.EnumerateObject())
        {
            Assert.Equal("up", check.Value.GetProperty("status").GetString());
            Assert.True(check.Value.GetProperty("latency_ms").GetInt64() >= 0);
        }

        Assert.Equal(HttpStatusCode.OK, await host.StatusOfAsync("/health/live"));
        using var ready = JsonDocument.Parse(await host.Http.GetStringAsync("/health/ready"));
        Assert.Equal("ready", ready.RootElement.GetProperty("status").GetString());
        Assert.Equal("leader", ready.RootElement.GetProperty("role").GetString());
        Assert.True(host.Services.GetRequiredService<TradingRuntime>().Reconciled);
    }

    [Fact]
    public async Task Ready_BeforeReconciliation_Is503_WithTheReason()
    {
        var config = ServiceConfig.Paper(_root);
        var file = ServiceConfig.Write(_root, config);
        var (settings, configuration) = ServiceSettingsLoader.Load(file, secretsDirectory: null);
        await using var service = await ServiceHost.BuildAsync(settings, configuration, CancellationToken.None);
        var runtime = service.App.Services.GetRequiredService<TradingRuntime>();

        // Built, not started: nothing reconciled yet, so not ready, whatever else holds.
        var facts = runtime.GetReadiness();
        Assert.False(facts.Reconciled);
        Assert.False(facts.BooksTrusted);
    }

    [Fact]
    public async Task Metrics_AfterSomeTrading_ExportTheBriefsNames()
    {
        await using var host = await ServiceTestHost.StartAsync(_root, ServiceConfig.Paper(_root));
        await host.WaitReadyAsync();
        await InsertDeploymentAsync(Path.Combine(_root, "data", "ploy.db"), "succeeded");
        Assert.Equal(HttpStatusCode.OK, await host.StatusOfAsync("/health")); // the database probe reads the deployments log

        var runtime = host.Services.GetRequiredService<TradingRuntime>();
        await Eventually.TrueAsync(() => Task.FromResult(runtime.Gateway.Stats.OrdersPlaced > 0), TimeSpan.FromSeconds(30), "no order was placed");
        string metrics = string.Empty;
        await Eventually.TrueAsync(
            async () =>
            {
                metrics = await host.Http.GetStringAsync("/metrics");
                return SampleValue(metrics, "ploy_orders_placed_total") > 0;
            },
            TimeSpan.FromSeconds(10),
            "ploy_orders_placed_total never counted");

        foreach (var name in new[]
        {
            "ploy_orders_placed_total", "ploy_orders_filled_total", "ploy_orders_failed_total", "ploy_order_latency_ms_bucket", "ploy_order_latency_ms_count",
            "ploy_api_errors_total", "ploy_deployments_total{result=\"succeeded\"} 1", "ploy_circuit_breaker_state{endpoint=\"orders\"}",
            "ploy_circuit_breaker_state{endpoint=\"reads\"}", "ploy_kill_switch_engaged 0", "ploy_open_orders", "ploy_exposure_usd", "ploy_daily_pnl_usd",
            "ploy_book_age_seconds", "ploy_reconciliation_discrepancies_total", "process_resident_memory_bytes",
        })
        {
            Assert.True(metrics.Contains(name, StringComparison.Ordinal), $"/metrics lacks {name}:\n{metrics}");
        }
    }

    [Fact]
    public async Task ControlApi_AuthPauseStrategiesKillRestartResume()
    {
        var config = ServiceConfig.Paper(_root);
        await using (var host = await ServiceTestHost.StartAsync(_root, config))
        {
            await host.WaitReadyAsync();

            // Reads need no token; changes need the right one.
            Assert.Equal(HttpStatusCode.OK, await host.StatusOfAsync("/api/status"));
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(host, "/api/pause", token: null)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(host, "/api/pause", token: "wrong-token-wrong-token")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(host, "/api/kill", ServiceConfig.Token, """{"bogus":1}""")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(host, "/api/strategies/nosuch/disable", ServiceConfig.Token)).Status);
            Assert.False(await HaltedAsync(host));

            // Strategies: list, disable one.
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, "/api/strategies/momentum/disable", ServiceConfig.Token)).Status);
            using (var strategies = JsonDocument.Parse(await host.Http.GetStringAsync("/api/strategies")))
            {
                var momentum = strategies.RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "momentum");
                Assert.False(momentum.GetProperty("enabled").GetBoolean());
            }

            // Pause: no new orders from any strategy.
            var runtime = host.Services.GetRequiredService<TradingRuntime>();
            var pause = await PostAsync(host, "/api/pause", ServiceConfig.Token, """{"reason":"test pause"}""");
            Assert.Equal(HttpStatusCode.OK, pause.Status);
            using (var status = JsonDocument.Parse(await host.Http.GetStringAsync("/api/status")))
            {
                Assert.True(status.RootElement.GetProperty("paused").GetBoolean());
            }

            var placed = runtime.Gateway.Stats.OrdersPlaced + runtime.Gateway.Denials.Total + runtime.Gateway.Stats.OrdersFailed;
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.Equal(placed, runtime.Gateway.Stats.OrdersPlaced + runtime.Gateway.Denials.Total + runtime.Gateway.Stats.OrdersFailed);

            // Kill: halted, persisted, resting orders cancelled, not ready.
            var kill = await PostAsync(host, "/api/kill", ServiceConfig.Token, """{"reason":"test kill"}""");
            Assert.Equal(HttpStatusCode.OK, kill.Status);
            Assert.True(await HaltedAsync(host));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await host.StatusOfAsync("/health/ready"));
            using (var orders = JsonDocument.Parse(await host.Http.GetStringAsync("/api/orders")))
            {
                Assert.DoesNotContain(orders.RootElement.EnumerateArray(), o => o.GetProperty("status").GetString() is "Acknowledged" or "PartiallyFilled");
            }
        }

        // A restart comes back halted (invariant 5), and resume releases it.
        await using (var restarted = await ServiceTestHost.StartAsync(_root, config))
        {
            await Eventually.TrueAsync(
                async () => restarted.Services.GetRequiredService<TradingRuntime>().Reconciled && await restarted.StatusOfAsync("/api/status") == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30),
                "restarted service never reconciled");
            using (var status = JsonDocument.Parse(await restarted.Http.GetStringAsync("/api/status")))
            {
                Assert.True(status.RootElement.GetProperty("halted").GetBoolean());
                Assert.Equal("test kill", status.RootElement.GetProperty("haltReason").GetString());
            }

            using (var response = await restarted.Http.GetAsync("/health/ready"))
            using (var ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Contains("trading halted", ready.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
            }

            var resume = await PostAsync(restarted, "/api/resume", ServiceConfig.Token);
            Assert.Equal(HttpStatusCode.OK, resume.Status);
            Assert.False(await HaltedAsync(restarted));
            await restarted.WaitReadyAsync();
        }
    }

    [Fact]
    public async Task CancelAll_CancelsRestingOrders_WithoutHalting()
    {
        await using var host = await ServiceTestHost.StartAsync(_root, ServiceConfig.Paper(_root));
        await host.WaitReadyAsync();
        var runtime = host.Services.GetRequiredService<TradingRuntime>();
        await Eventually.TrueAsync(() => Task.FromResult(runtime.Gateway.Stats.OrdersPlaced > 0), TimeSpan.FromSeconds(30), "no order was placed");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, "/api/pause", ServiceConfig.Token)).Status);
        var cancel = await PostAsync(host, "/api/cancel-all", ServiceConfig.Token);

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Contains("ordersCancelled", cancel.Body, StringComparison.Ordinal);
        Assert.False(await HaltedAsync(host));
        using var orders = JsonDocument.Parse(await host.Http.GetStringAsync("/api/orders"));
        Assert.DoesNotContain(orders.RootElement.EnumerateArray(), o => o.GetProperty("status").GetString() is "Acknowledged" or "PartiallyFilled");
    }

    internal static double SampleValue(string metrics, string name)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal) || line.StartsWith(name + "{", StringComparison.Ordinal))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static async Task<bool> HaltedAsync(ServiceTestHost host)
    {
        using var status = JsonDocument.Parse(await host.Http.GetStringAsync("/api/status"));
        return status.RootElement.GetProperty("halted").GetBoolean();
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(ServiceTestHost host, string path, string? token, string? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body ?? string.Empty, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await host.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task InsertDeploymentAsync(string database, string result)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO deployments (version, started_at, finished_at, result, durations) VALUES ('0.1.0', '2026-01-01T00:00:00Z', '2026-01-01T00:00:10Z', $result, '{}')";
        command.Parameters.AddWithValue("$result", result);
        await command.ExecuteNonQueryAsync();
    }
}
