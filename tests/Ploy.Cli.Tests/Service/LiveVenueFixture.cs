using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Cli.Tests.Service;

/// <summary>
/// <c>ploy venue</c> as a child process on a loopback port, an account's API credentials derived from it (as an operator
/// would before deploying), written to a secrets directory, and a live-mode config of <c>ploy run</c> pointing at it.
/// The venue is stopped by pid on dispose.
/// </summary>
internal sealed class LiveVenueFixture : IDisposable
{
    /// <summary>Hardhat/Anvil account 1: a well-known public test key, never for a real host.</summary>
    public const string Key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    public const string AdminToken = "test-venue-admin-token";

    private readonly PloyProcess _process;

    private LiveVenueFixture(PloyProcess process, Uri url, string address, string secrets)
    {
        _process = process;
        Url = url;
        Address = address;
        SecretsDirectory = secrets;
    }

    public Uri Url { get; }

    public string Address { get; }

    public string SecretsDirectory { get; }

    public string Output => _process.Output;

    public static async Task<LiveVenueFixture> StartAsync(string root)
    {
        var port = PloyProcess.FreePort();
        var process = PloyProcess.Start(root, new Dictionary<string, string>(), "venue", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--speed", "60", "--admin-token", AdminToken, "--log-level", "Warning");
        try
        {
            await Eventually.TrueAsync(
                () =>
                {
                    Assert.False(process.HasExited, "ploy venue exited early:\n" + process.Output);
                    return Task.FromResult(process.Output.Contains("listening on", StringComparison.Ordinal));
                },
                TimeSpan.FromSeconds(60),
                "ploy venue never listened");
            var url = new Uri($"http://127.0.0.1:{port}/");
            using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(Key));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var client = new PolymarketClobClient(http, new PolymarketClobClientOptions { BaseAddress = url }, TimeProvider.System);
            var credentials = await client.CreateOrDeriveApiKeyAsync(signer, PolymarketContracts.Polygon, 0, CancellationToken.None);
            Assert.True(credentials.IsSuccess, "could not derive API credentials: " + credentials.Error);

            var secrets = Directory.CreateDirectory(Path.Combine(root, "secrets")).FullName;
            await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__PrivateKey"), Key + "\n");
            await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__ApiKey"), credentials.Value!.Key);
            await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__ApiSecret"), credentials.Value.Secret);
            await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__ApiPassphrase"), credentials.Value.Passphrase);
            return new LiveVenueFixture(process, url, signer.Address, secrets);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>A live config on loopback: the venue's REST and WebSocket, a fixed control port, fast breakers.</summary>
    public JsonObject LiveConfig(string root, int controlPort)
    {
        var config = ServiceConfig.Paper(root);
        config["Mode"] = "Live";
        config["Control"] = new JsonObject { ["Port"] = controlPort, ["BearerToken"] = ServiceConfig.Token };
        config["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information", ["Microsoft"] = "Warning" } };
        config["Service"] = new JsonObject { ["ShutdownTimeout"] = "00:00:20", ["DrainTimeout"] = "00:00:03" };
        config["Polymarket"] = new JsonObject
        {
            ["ClobUrl"] = Url.ToString(),
            ["WebSocketUrl"] = $"ws://127.0.0.1:{Url.Port}/",
            // Round discovery as production runs it: rounds from the venue's Gamma, reference prices from its RTDS socket.
            ["GammaUrl"] = $"http://127.0.0.1:{Url.Port}/gamma/",
            ["RtdsUrl"] = $"ws://127.0.0.1:{Url.Port}/ws/live-data",
            ["RoundSeries"] = new JsonArray("btc-updown-15m"),
            ["HeartbeatInterval"] = "00:00:02",
        };
        config["Resilience"] = new JsonObject
        {
            ["FailureRatio"] = 0.5,
            ["SamplingDuration"] = "00:00:05",
            ["MinimumThroughput"] = 2,
            ["BreakDuration"] = "00:00:02",
            ["ReadRetries"] = 0,
        };
        return config;
    }

    /// <summary>POST /admin/mode: normal, restart (425), cancel-only (503) or post-only.</summary>
    public Task SetModeAsync(string mode) =>
        PostAdminAsync("admin/mode", JsonSerializer.Serialize(new Dictionary<string, string> { ["mode"] = mode }));

    /// <summary>POST /admin/freeze: the simulation stops (no background trades, no resolutions) until thawed.</summary>
    public Task FreezeAsync() => PostAdminAsync("admin/freeze", "{\"frozen\":true}");

    /// <summary>The venue's own ledger of the account: cash and every non-zero token balance.</summary>
    public async Task<(decimal Cash, IReadOnlyDictionary<string, decimal> Tokens)> LedgerAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/ledger?address=" + Uri.EscapeDataString(Address));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var tokens = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var holding in root.GetProperty("tokens").EnumerateArray())
        {
            var balance = decimal.Parse(holding.GetProperty("balance").GetString()!, CultureInfo.InvariantCulture);
            if (balance != 0m)
            {
                tokens[holding.GetProperty("asset_id").GetString()!] = balance;
            }
        }

        return (decimal.Parse(root.GetProperty("cash").GetString()!, CultureInfo.InvariantCulture), tokens);
    }

    public void Dispose() => _process.Dispose();

    private async Task PostAdminAsync(string path, string json)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"POST /{path} {json}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
