using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Ploy.Core.Risk;
using Ploy.Core.Venues;
using Ploy.Execution.Diagnostics;
using Ploy.Hosting.Metrics;
using Ploy.Hosting.Resilience;
using Ploy.Testing;

namespace Ploy.Hosting.Tests.Metrics;

/// <summary>The whole exposition as the service serves it: the order path's and the service's instruments plus process metrics.</summary>
public sealed class MetricsExpositionTests
{
    /// <summary>
    /// promtool's linter objects to the "ms" in ploy_order_latency_ms, a name the product brief fixes. That one
    /// finding is accepted; any other finding, or a parse error, fails.
    /// </summary>
    private static readonly string[] AcceptedLintFindings = ["ploy_order_latency_ms metric names should not contain abbreviated units"];

    private static string RenderFullSample(out IReadOnlyList<string> names)
    {
        using var execution = new ExecutionMetrics();
        var registry = new CircuitBreakerRegistry();
        using var service = new PloyServiceMetrics(new FakeTradingState(), registry, TestTime.NewClock());
        _ = new ResilientVenue(new FakeVenue(), new ResilientVenueOptions(), TestTime.NewClock(), registry);
        using var collector = new PrometheusMetricsCollector(m => ReferenceEquals(m, execution.Meter) || ReferenceEquals(m, service.Meter));

        execution.OrderPlaced();
        execution.OrderFilled();
        execution.OrderFailed();
        execution.FillApplied();
        execution.UnknownSubmit();
        execution.JournalWriteFailed();
        execution.RiskDenied(default(RiskDenialReason));
        execution.ApiError("orders", VenueErrorKind.Timeout);
        execution.SubmitLatency(TimeSpan.FromMilliseconds(12));

        var text = collector.Collect();
        names = text.Split('\n')
            .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[2])
            .Order(StringComparer.Ordinal)
            .ToArray();
        return text;
    }

    [Fact]
    public void MetricNames_FullExposition_MatchTheGoldenList()
    {
        RenderFullSample(out var names);
        var golden = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Metrics", "metric-names.golden.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(golden, names);
    }

    [Fact]
    public void MetricNames_GoldenList_HoldsEveryNameTheBriefFixes()
    {
        var golden = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Metrics", "metric-names.golden.txt"));

        foreach (var required in new[]
        {
            "ploy_orders_placed_total", "ploy_orders_filled_total", "ploy_orders_failed_total", "ploy_order_latency_ms",
            "ploy_api_errors_total", "ploy_deployments_total", "ploy_circuit_breaker_state", "process_cpu_seconds_total",
            "process_resident_memory_bytes", "dotnet_gc_collections_total",
        })
        {
            Assert.Contains(required, golden);
        }
    }

    [Fact]
    public void Collect_ServiceMetrics_RenderTheSnapshotAndBreakerStates()
    {
        var text = RenderFullSample(out _);

        Assert.Contains("ploy_book_age_seconds 1.5\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_kill_switch_engaged 1\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_open_orders 4\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_exposure_usd 125.5\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_daily_pnl_usd -3.25\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_ws_reconnects_total 3\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_rate_limit_waits_total 7\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_deployments_total{result=\"rolled_back\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_deployments_total{result=\"succeeded\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_circuit_breaker_state{endpoint=\"orders\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_circuit_breaker_state{endpoint=\"reads\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_api_errors_total{endpoint=\"orders\",kind=\"Timeout\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_TradingStateSourceThrows_KeepsServingTheLastValues()
    {
        var source = new FakeTradingState();
        var clock = TestTime.NewClock();
        using var service = new PloyServiceMetrics(source, new CircuitBreakerRegistry(), clock);
        using var collector = new PrometheusMetricsCollector(m => ReferenceEquals(m, service.Meter), includeProcessMetrics: false);
        collector.Collect();
        source.Throw = true;
        clock.Advance(TimeSpan.FromSeconds(15));

        var text = collector.Collect();

        Assert.Contains("ploy_open_orders 4\n", text, StringComparison.Ordinal);
        Assert.Equal(2, source.Calls);
    }

    [Fact]
    public void Collect_OneScrape_AsksTheSourceOnce()
    {
        var source = new FakeTradingState();
        using var service = new PloyServiceMetrics(source, new CircuitBreakerRegistry(), TestTime.NewClock());
        using var collector = new PrometheusMetricsCollector(m => ReferenceEquals(m, service.Meter), includeProcessMetrics: false);

        collector.Collect();

        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task Promtool_CheckMetrics_AcceptsTheExposition()
    {
        var text = RenderFullSample(out _);

        var (exitCode, output) = await RunPromtoolAsync(text);

        // 0 = clean, 3 = lint findings only (1 would be a parse error).
        Assert.True(exitCode is 0 or 3, $"promtool exit {exitCode}: {output}");
        var findings = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(findings, f => Assert.Contains(f, AcceptedLintFindings));
        Assert.Equal(findings.Length == 0 ? 0 : 3, exitCode);
    }

    [Fact]
    public async Task Promtool_CheckMetrics_RejectsABrokenExposition()
    {
        // The check above must be able to fail: promtool really parses what it is given.
        var (exitCode, _) = await RunPromtoolAsync("# TYPE ploy_x counter\nploy_x{le=\"1\" 1\n");

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task MapPrometheusMetrics_Scrape_ServesTextFormatWithServiceMetrics()
    {
        await using var host = await LoopbackHost.StartAsync(
            services =>
            {
                services.AddSingleton<ITradingStateSource>(new FakeTradingState());
                services.AddSingleton(sp => new PrometheusMetricsCollector(m => m.Name == PloyServiceMetrics.MeterName));
                services.AddPloyMetrics();
            },
            app => app.MapPrometheusMetrics());

        using var response = await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("ploy_open_orders 4\n", body, StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPloyMetrics_MeasurementBeforeTheFirstScrape_IsCounted()
    {
        using var meter = new Meter("Ploy.Test." + Guid.NewGuid().ToString("N"));
        var name = "ploy_early_" + Guid.NewGuid().ToString("N") + "_total";
        await using var host = await LoopbackHost.StartAsync(
            services =>
            {
                services.AddSingleton<ITradingStateSource>(new FakeTradingState());
                services.AddPloyMetrics();
            },
            app => app.MapPrometheusMetrics());

        // The host has started but nobody has scraped yet: the collector must already be listening.
        meter.CreateCounter<long>(name).Add(3);
        var body = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains($"{name} 3\n", body, StringComparison.Ordinal);
        Assert.Contains("ploy_open_orders 4\n", body, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string exposition)
    {
        var start = new ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start (apt-get install prometheus)");
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
