using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Ploy.Core.Orders;
using Ploy.Persistence.Sqlite;

namespace Ploy.Cli.Tests.Service;

/// <summary>
/// <c>ploy run</c> in live mode as systemd would run it — the built binary, stopped by SIGTERM — trading through the
/// Polymarket adapter against <c>ploy venue</c> (also the built binary) on loopback. Never against production: every URL
/// here is 127.0.0.1.
/// </summary>
public sealed class LiveServiceTests : IDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-live-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Run_LiveAgainstPloyVenue_ReadyAfterReconciliation_Trades_AndAfterSigtermTheJournalMatchesTheVenueLedger()
    {
        using var venue = await LiveVenueFixture.StartAsync(_root);
        var port = PloyProcess.FreePort();
        var config = venue.LiveConfig(_root, port);

        // A small share of the published quotas, so the client-side rate gate has to make some calls wait.
        config["Polymarket"]!["QuotaScale"] = 0.05;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        using var ploy = PloyProcess.Start(_root, new Dictionary<string, string>(), "run", "--config", ServiceConfig.Write(_root, config),
            "--secrets-dir", venue.SecretsDirectory);
        await WaitReadyAsync(http, ploy);
        Assert.Contains("Start-up reconciliation done", ploy.Output, StringComparison.Ordinal);
        Assert.Contains("Signed in to the Polymarket CLOB", ploy.Output, StringComparison.Ordinal);
        Assert.Contains("Following the venue's simulated clock: 60x", ploy.Output, StringComparison.Ordinal); // --speed 60
        using (var status = await http.GetAsync("/api/status"))
        {
            Assert.Contains("\"live\"", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await WaitForAnOrderAsync(http, ploy, "no order was placed on the venue");

        // Each /health probes the venue with balance reads: more than the scaled quota allows at once.
        for (var i = 0; i < 15; i++)
        {
            using var _ = await http.GetAsync("/health");
        }

        Assert.True(await PrometheusScrape.ValueAsync(http, "ploy_rate_limit_waits_total") > 0, "the rate gate's waits are not exported");
        Assert.True(await PrometheusScrape.ValueAsync(http, "ploy_book_age_seconds") is { } age && age < 60, "book age is not exported");

        // The venue goes on resolving rounds (one every 15 s at 60x) and settling them after we stop: freeze it, so the
        // ledger read below is the one our shutdown could see.
        await venue.FreezeAsync();
        await StopCleanlyAsync(ploy);
        Assert.Contains("stopped cleanly", ploy.Output, StringComparison.Ordinal);

        await using var journal = new SqliteJournal(Path.Combine(_root, "data", "ploy.db"), TimeProvider.System);
        await journal.InitializeAsync(CancellationToken.None);
        var snapshot = await journal.LoadAsync(CancellationToken.None);
        Assert.NotEmpty(snapshot.Orders);
        Assert.DoesNotContain(snapshot.Orders, o => o.Status is OrderStatus.Created or OrderStatus.Journaled or OrderStatus.Submitted or OrderStatus.Unknown);
        Assert.Equal(snapshot.Orders.Count, snapshot.Orders.Select(o => o.Record.VenueId).Distinct().Count());

        var ledger = await venue.LedgerAsync();
        var portfolio = snapshot.Portfolio;
        Assert.NotNull(portfolio);
        var ours = portfolio.Positions.GroupBy(p => p.Token.Value, StringComparer.Ordinal)
            .Select(g => (Token: g.Key, Shares: g.Sum(p => p.Shares)))
            .Where(p => p.Shares != 0m)
            .ToDictionary(p => p.Token, p => p.Shares, StringComparer.Ordinal);
        var venueSide = Describe(ledger.Cash, ledger.Tokens);
        var journalSide = Describe(portfolio.Cash, ours);
        Assert.True(venueSide == journalSide, $"the journal's last checkpoint differs from the venue's ledger\n venue:   {venueSide}\n journal: {journalSide}\n{ploy.Output}");
    }

    [Fact]
    public async Task Run_LiveWithAFiveSecondTimer_BecomesReadyTradesAndStopsCleanly()
    {
        using var venue = await LiveVenueFixture.StartAsync(_root);
        var port = PloyProcess.FreePort();
        var config = venue.LiveConfig(_root, port);

        // Fifty times the default strategy timer: market data and fills do not wait for it (TradingDriverTests pins that
        // down in-process), so readiness and trading come as fast as with the default.
        config["Polymarket"]!["TimerInterval"] = "00:00:05";
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        using var ploy = PloyProcess.Start(_root, new Dictionary<string, string>(), "run", "--config", ServiceConfig.Write(_root, config),
            "--secrets-dir", venue.SecretsDirectory);

        await WaitReadyAsync(http, ploy);
        await WaitForAnOrderAsync(http, ploy, "no order was placed on the venue");

        await StopCleanlyAsync(ploy);
    }

    [Fact]
    public async Task Run_LiveWhenTheVenueGoesCancelOnly_OrdersBreakerOpens_OrdersPause_ThenHalfOpenClosedAndOrdersResume()
    {
        using var venue = await LiveVenueFixture.StartAsync(_root);
        var port = PloyProcess.FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var config = venue.LiveConfig(_root, port);

        // Strategies back off after rejects (5 s doubling to 60 s); keep it short so orders resume within the test.
        var backoff = new JsonObject { ["RejectBackoff"] = "00:00:00.500", ["MaxRejectBackoff"] = "00:00:01" };
        config["Strategies"] = new JsonObject { ["Momentum"] = backoff.DeepClone(), ["Arbitrage"] = backoff.DeepClone(), ["MarketMaker"] = backoff.DeepClone() };
        using var ploy = PloyProcess.Start(_root, new Dictionary<string, string>(), "run", "--config", ServiceConfig.Write(_root, config),
            "--secrets-dir", venue.SecretsDirectory);
        await WaitReadyAsync(http, ploy);
        await WaitForAnOrderAsync(http, ploy, "no order was placed before the outage");
        Assert.Equal(0, await PrometheusScrape.ValueAsync(http, "ploy_circuit_breaker_state{endpoint=\"orders\"}"));

        // The venue refuses new orders (503 cancel-only): submits fail until the orders breaker opens.
        await venue.SetModeAsync("cancel-only");
        await Eventually.TrueAsync(
            async () => await PrometheusScrape.ValueAsync(http, "ploy_circuit_breaker_state{endpoint=\"orders\"}") == 2,
            TimeSpan.FromSeconds(60),
            "the orders breaker never opened:\n" + ploy.Output);
        var placedWhileOpen = await PrometheusScrape.ValueAsync(http, "ploy_orders_placed_total");

        // By design an open orders breaker pauses new orders only: reads still work, so the venue check stays up and
        // the service stays ready (readiness is reconciled, books trusted, journal writable, not halted).
        using (var health = await http.GetAsync("/health"))
        {
            var body = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
            Assert.Equal("up", (string?)body["checks"]!["api_connection"]!["status"]);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(placedWhileOpen, await PrometheusScrape.ValueAsync(http, "ploy_orders_placed_total"));

        // Back to normal: the next submit after the break is the half-open probe; it succeeds, the breaker closes and
        // orders flow again. (Whether a submit arrives while open, to be refused unsent, depends on the strategies'
        // pace; ResilientVenueTests pin that refusal.)
        await venue.SetModeAsync("normal");
        await Eventually.TrueAsync(
            async () => await PrometheusScrape.ValueAsync(http, "ploy_circuit_breaker_state{endpoint=\"orders\"}") == 0
                && await PrometheusScrape.ValueAsync(http, "ploy_orders_placed_total") > placedWhileOpen,
            TimeSpan.FromSeconds(60),
            "the orders breaker never closed or orders never resumed:\n" + ploy.Output);

        var output = ploy.Output;
        var opened = output.IndexOf("Circuit breaker polymarket/orders opened", StringComparison.Ordinal);
        var halfOpen = output.LastIndexOf("Circuit breaker polymarket/orders half-open", StringComparison.Ordinal);
        var closed = output.LastIndexOf("Circuit breaker polymarket/orders closed", StringComparison.Ordinal);
        Assert.True(opened >= 0 && halfOpen > opened && closed > halfOpen, "expected opened → half-open → closed in the log:\n" + output);

        await StopCleanlyAsync(ploy);
    }

    private static string Describe(decimal cash, IReadOnlyDictionary<string, decimal> tokens) =>
        string.Create(CultureInfo.InvariantCulture, $"cash {cash:0.######}; ")
        + string.Join(", ", tokens.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:0.######}")));

    private static Task WaitForAnOrderAsync(HttpClient http, PloyProcess ploy, string failure) =>
        Eventually.TrueAsync(
            async () => await PrometheusScrape.ValueAsync(http, "ploy_orders_placed_total") > 0,
            TimeSpan.FromSeconds(60),
            failure + ":\n" + ploy.Output);

    /// <summary>SIGTERM, as systemd stops the service; it must exit 0 within the shutdown timeout.</summary>
    private static async Task StopCleanlyAsync(PloyProcess ploy)
    {
        await ploy.TerminateAsync();
        var code = await ploy.WaitForExitAsync(ShutdownTimeout + TimeSpan.FromSeconds(5));
        Assert.True(code == 0, $"exit code {code?.ToString(CultureInfo.InvariantCulture) ?? "none (still running)"}; output:\n{ploy.Output}");
    }

    private static async Task WaitReadyAsync(HttpClient http, PloyProcess ploy) =>
        await Eventually.TrueAsync(
            async () =>
            {
                Assert.False(ploy.HasExited, "ploy exited early:\n" + ploy.Output);
                using var response = await http.GetAsync("/health/ready");
                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(90),
            "the live service never became ready");
}
