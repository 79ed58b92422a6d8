using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ploy.Core.Orders;
using Ploy.Persistence.Sqlite;

namespace Ploy.Cli.Tests.Service;

/// <summary>
/// The built binary as systemd or Kubernetes runs it: <c>dotnet ploy.dll run --config FILE</c> as a child process,
/// stopped by SIGTERM. Checks the graceful shutdown through the journal, and scans everything it wrote for secrets.
/// </summary>
public sealed class ServiceProcessTests : IDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-proc-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Sigterm_MidTrading_ExitsZeroInTime_WithNoOrderInFlightAndRestingOrdersCancelled()
    {
        var port = PloyProcess.FreePort();
        var config = ServiceConfig.Paper(_root);
        config["Control"] = new JsonObject { ["Port"] = port, ["BearerToken"] = ServiceConfig.Token };
        config["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information" } };
        var file = ServiceConfig.Write(_root, config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        using var ploy = PloyProcess.Start(_root, new Dictionary<string, string>(), "run", "--config", file);
        await WaitReadyAsync(http, ploy);
        await Eventually.TrueAsync(
            async () => (await http.GetStringAsync("/api/orders")).Contains("\"Acknowledged\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "no resting order to cancel on shutdown");

        await ploy.TerminateAsync();
        var code = await ploy.WaitForExitAsync(ShutdownTimeout + TimeSpan.FromSeconds(5));

        Assert.True(code == 0, $"exit code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (still running)"}; output:\n{ploy.Output}");
        Assert.Contains("resting orders cancelled", ploy.Output, StringComparison.Ordinal);
        Assert.Contains("stopped cleanly", ploy.Output, StringComparison.Ordinal);
        await using var journal = new SqliteJournal(Path.Combine(_root, "data", "ploy.db"), TimeProvider.System);
        await journal.InitializeAsync(CancellationToken.None);
        var counts = await journal.CountsAsync(CancellationToken.None);
        Assert.True(counts.Orders > 0);
        foreach (var status in new[] { OrderStatus.Created, OrderStatus.Journaled, OrderStatus.Submitted, OrderStatus.Unknown, OrderStatus.Acknowledged, OrderStatus.PartiallyFilled })
        {
            Assert.True(counts.OrdersByStatus.GetValueOrDefault(status) == 0, $"{counts.OrdersByStatus.GetValueOrDefault(status)} orders left {status}");
        }

        Assert.True(counts.OrdersByStatus.GetValueOrDefault(OrderStatus.Cancelled) > 0, "no order was cancelled");
    }

    [Fact]
    public async Task FullSession_SecretsFromDirectoryAndEnvironment_NeverAppearInAnyOutput()
    {
        var privateKey = "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var apiSecret = "apisecret-" + Guid.NewGuid().ToString("N");
        var apiKey = "apikey-" + Guid.NewGuid().ToString("N");
        var passphrase = "passphrase-" + Guid.NewGuid().ToString("N");
        var token = "token-" + Guid.NewGuid().ToString("N");
        var secrets = Directory.CreateDirectory(Path.Combine(_root, "secrets")).FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__PrivateKey"), privateKey + "\n");
        await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__ApiKey"), apiKey + "\n");
        await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__ApiPassphrase"), passphrase);
        await File.WriteAllTextAsync(Path.Combine(secrets, "Control__BearerToken"), token);
        var environment = new Dictionary<string, string>
        {
            ["PLOY__POLYMARKET__APISECRET"] = apiSecret,
            ["PLOY_JSON_LOGS"] = "true",
        };

        var port = PloyProcess.FreePort();
        var config = ServiceConfig.Paper(_root);
        config["Control"] = new JsonObject { ["Port"] = port };
        config["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Trace" } };
        var file = ServiceConfig.Write(_root, config);
        var seen = new StringBuilder();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        using (var validate = PloyProcess.Start(_root, environment, "config", "validate", "--config", file, "--secrets-dir", secrets))
        {
            Assert.Equal(0, await validate.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            seen.AppendLine(validate.Output);
        }

        using var ploy = PloyProcess.Start(_root, environment, "run", "--config", file, "--secrets-dir", secrets);
        await WaitReadyAsync(http, ploy);
        foreach (var path in new[] { "/health", "/health/ready", "/metrics", "/api/status", "/api/orders", "/api/positions", "/api/strategies" })
        {
            seen.AppendLine(await (await http.GetAsync(path)).Content.ReadAsStringAsync());
        }

        foreach (var (path, bearer) in new[] { ("/api/pause", "wrong-" + token), ("/api/pause", token), ("/api/resume", token) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            using var response = await http.SendAsync(request);
            seen.AppendLine(await response.Content.ReadAsStringAsync());
        }

        await ploy.TerminateAsync();
        Assert.Equal(0, await ploy.WaitForExitAsync(ShutdownTimeout + TimeSpan.FromSeconds(5)));
        seen.AppendLine(ploy.Output);

        var everything = seen.ToString();
        Assert.Contains("\"EventId\"", everything, StringComparison.Ordinal); // JSON logs were captured, at trace level
        foreach (var secret in new[] { privateKey, apiSecret, apiKey, passphrase, token })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        // Nor in anything the service wrote to disk.
        foreach (var written in Directory.EnumerateFiles(Path.Combine(_root, "data"), "*", SearchOption.AllDirectories))
        {
            var bytes = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(written));
            foreach (var secret in new[] { privateKey, apiSecret, apiKey, passphrase, token })
            {
                Assert.DoesNotContain(secret, bytes, StringComparison.Ordinal);
            }
        }
    }

    private static async Task WaitReadyAsync(HttpClient http, PloyProcess ploy) =>
        await Eventually.TrueAsync(
            async () =>
            {
                Assert.False(ploy.HasExited, "ploy exited early:\n" + ploy.Output);
                using var response = await http.GetAsync("/health/ready");
                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(60),
            "the child never became ready");
}
