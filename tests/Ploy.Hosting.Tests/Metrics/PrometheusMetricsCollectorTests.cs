using System.Diagnostics.Metrics;
using FsCheck;
using FsCheck.Fluent;
using Ploy.Hosting.Metrics;

namespace Ploy.Hosting.Tests.Metrics;

public sealed class PrometheusMetricsCollectorTests
{
    private static (Meter Meter, PrometheusMetricsCollector Collector) NewMeter()
    {
        // A meter of its own per test: tests run in parallel and every collector sees every meter.
        var meter = new Meter("Ploy.Test." + Guid.NewGuid().ToString("N"));
        var collector = new PrometheusMetricsCollector(m => ReferenceEquals(m, meter), includeProcessMetrics: false);
        return (meter, collector);
    }

    [Fact]
    public void Collect_CounterWithLabels_RendersEachLabelSetSorted()
    {
        var (meter, collector) = NewMeter();
        using (meter)
        using (collector)
        {
            var errors = meter.CreateCounter<long>("ploy_api_errors_total", description: "Venue call failures, by endpoint and kind.");
            errors.Add(2, new("endpoint", "orders"), new("kind", "Timeout"));
            errors.Add(1, new("kind", "Timeout"), new("endpoint", "orders"));
            errors.Add(5, new("endpoint", "book"), new("kind", "Transport"));

            Assert.Equal(
                "# HELP ploy_api_errors_total Venue call failures, by endpoint and kind.\n" +
                "# TYPE ploy_api_errors_total counter\n" +
                "ploy_api_errors_total{endpoint=\"book\",kind=\"Transport\"} 5\n" +
                "ploy_api_errors_total{endpoint=\"orders\",kind=\"Timeout\"} 3\n",
                collector.Collect());
        }
    }

    [Fact]
    public void Collect_Histogram_RendersCumulativeBucketsSumAndCount()
    {
        var (meter, collector) = NewMeter();
        using (meter)
        using (collector)
        {
            var latency = meter.CreateHistogram<double>("ploy_order_latency_ms", "ms", "Submit to acknowledgement.",
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10] });
            latency.Record(0.5);
            latency.Record(1);
            latency.Record(7);
            latency.Record(50);

            Assert.Equal(
                "# HELP ploy_order_latency_ms Submit to acknowledgement.\n" +
                "# TYPE ploy_order_latency_ms histogram\n" +
                "ploy_order_latency_ms_bucket{le=\"1\"} 2\n" +
                "ploy_order_latency_ms_bucket{le=\"5\"} 2\n" +
                "ploy_order_latency_ms_bucket{le=\"10\"} 3\n" +
                "ploy_order_latency_ms_bucket{le=\"+Inf\"} 4\n" +
                "ploy_order_latency_ms_sum 58.5\n" +
                "ploy_order_latency_ms_count 4\n",
                collector.Collect());
        }
    }

    [Fact]
    public void Collect_HistogramWithLabelsAndNoAdvice_UsesDefaultBucketsAfterTheLabels()
    {
        var (meter, collector) = NewMeter();
        using (meter)
        using (collector)
        {
            meter.CreateHistogram<long>("ploy_call_ms").Record(3, new KeyValuePair<string, object?>("endpoint", "orders"));

            var text = collector.Collect();

            Assert.Contains("ploy_call_ms_bucket{endpoint=\"orders\",le=\"0\"} 0\n", text, StringComparison.Ordinal);
            Assert.Contains("ploy_call_ms_bucket{endpoint=\"orders\",le=\"5\"} 1\n", text, StringComparison.Ordinal);
            Assert.Contains("ploy_call_ms_bucket{endpoint=\"orders\",le=\"10000\"} 1\n", text, StringComparison.Ordinal);
            Assert.Contains("ploy_call_ms_bucket{endpoint=\"orders\",le=\"+Inf\"} 1\n", text, StringComparison.Ordinal);
            Assert.Contains("ploy_call_ms_count{endpoint=\"orders\"} 1\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Collect_CounterWithoutTotalSuffix_AppendsTotalOnce()
    {
        var (meter, collector) = NewMeter();
        using (meter)
        using (collector)
        {
            meter.CreateCounter<int>("ploy_things").Add(1);
            meter.CreateCounter<int>("ploy_widgets_total").Add(1);

            var text = collector.Collect();

            Assert.Contains("# TYPE ploy_things_total counter\nploy_things_total 1\n", text, StringComparison.Ordinal);
            Assert.Contains("ploy_widgets_total 1\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("_total_total", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Collect_DottedNameAndAwkwardLabelValue_SanitizesNameAndEscapesValue()
    {
        var (meter, collector) = NewMeter();
        using (meter)
        using (collector)
        {
            meter.CreateUpDownCounter<int>("ploy.queue-depth", description: "Line one\nback\\slash").Add(3, new KeyValuePair<string, object?>("market", "say \"hi\"\\\n"));

            Assert.Equal(
                "# HELP ploy_queue_depth Line one\\nback\\\\slash\n" +
                "# TYPE ploy_queue_depth gauge\n" +
                "ploy_queue_depth{market=\"say \\\"hi\\\"\\\\\\n\"} 3\n",
                collector.Collect());
        }
    }

    [Fact]
    public void Collect_ObservableGauge_ShowsOnlyTheLabelSetsOfThisScrape()
    {
        var (meter, collector) = NewMeter();
        using (meter)
        using (collector)
        {
            var endpoints = new List<string> { "orders", "reads" };
            meter.CreateObservableGauge("ploy_state", () => endpoints.Select(e => new Measurement<int>(1, new KeyValuePair<string, object?>("endpoint", e))).ToArray());

            var first = collector.Collect();
            endpoints.Remove("reads");
            var second = collector.Collect();

            Assert.Contains("ploy_state{endpoint=\"reads\"} 1\n", first, StringComparison.Ordinal);
            Assert.Contains("ploy_state{endpoint=\"orders\"} 1\n", second, StringComparison.Ordinal);
            Assert.DoesNotContain("reads", second, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Collect_ObservableCounter_ReportsTheObservedTotalNotASum()
    {
        var (meter, collector) = NewMeter();
        using (meter)
        using (collector)
        {
            long total = 7;
            meter.CreateObservableCounter("ploy_reconnects_total", () => total);

            collector.Collect();
            total = 9;

            Assert.Contains("ploy_reconnects_total 9\n", collector.Collect(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Collect_InstrumentWithoutMeasurements_RendersHelpAndTypeOnly()
    {
        var (meter, collector) = NewMeter();
        using (meter)
        using (collector)
        {
            meter.CreateCounter<long>("ploy_orders_placed_total", description: "Orders the venue accepted.");

            Assert.Equal("# HELP ploy_orders_placed_total Orders the venue accepted.\n# TYPE ploy_orders_placed_total counter\n", collector.Collect());
        }
    }

    [Fact]
    public void Collect_MeterOutsideTheFilter_IsNotExported()
    {
        using var other = new Meter("System.Other." + Guid.NewGuid().ToString("N"));
        using var collector = new PrometheusMetricsCollector(includeProcessMetrics: false);
        other.CreateCounter<long>("other_unique_counter_total").Add(1);

        Assert.DoesNotContain("other_unique_counter_total", collector.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_ProcessMetrics_AreAppended()
    {
        var (meter, collector) = NewMeter();
        using (meter)
        {
            using var withProcess = new PrometheusMetricsCollector(m => ReferenceEquals(m, meter));
            collector.Dispose();

            var text = withProcess.Collect();

            foreach (var name in new[] { "process_cpu_seconds_total", "process_resident_memory_bytes", "process_start_time_seconds", "dotnet_gc_heap_bytes" })
            {
                Assert.Contains($"\n{name} ", text, StringComparison.Ordinal);
            }

            Assert.Contains("dotnet_gc_collections_total{generation=\"0\"} ", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Record_ConcurrentWriters_LosesNoMeasurement()
    {
        var (meter, collector) = NewMeter();
        using (meter)
        using (collector)
        {
            var counter = meter.CreateCounter<long>("ploy_concurrent_total");
            var histogram = meter.CreateHistogram<double>("ploy_concurrent_ms", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10] });
            var scrapes = Task.Run(() =>
            {
                for (var i = 0; i < 50; i++)
                {
                    collector.Collect();
                }
            });
            await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
            {
                for (var i = 0; i < 10_000; i++)
                {
                    counter.Add(1, new KeyValuePair<string, object?>("worker", w % 2));
                    histogram.Record(i % 20);
                }
            })).Append(scrapes));

            var text = collector.Collect();

            Assert.Contains("ploy_concurrent_total{worker=\"0\"} 40000\n", text, StringComparison.Ordinal);
            Assert.Contains("ploy_concurrent_total{worker=\"1\"} 40000\n", text, StringComparison.Ordinal);
            Assert.Contains("ploy_concurrent_ms_count 80000\n", text, StringComparison.Ordinal);
            Assert.Contains("ploy_concurrent_ms_bucket{le=\"10\"} 44000\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EscapeLabelValue_AnyString_UnescapesToTheOriginalAndHasNoRawNewline()
    {
        Prop.ForAll<string>(value =>
        {
            var s = value ?? string.Empty;
            var escaped = PrometheusText.EscapeLabelValue(s);
            return !escaped.Contains('\n', StringComparison.Ordinal) && Unescape(escaped) == s && !HasUnescapedQuote(escaped);
        }).QuickCheckThrowOnFailure();
    }

    private static string Unescape(string escaped)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 1 < escaped.Length)
            {
                i++;
                sb.Append(escaped[i] == 'n' ? '\n' : escaped[i]);
            }
            else
            {
                sb.Append(escaped[i]);
            }
        }

        return sb.ToString();
    }

    private static bool HasUnescapedQuote(string escaped)
    {
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\')
            {
                i++;
            }
            else if (escaped[i] == '"')
            {
                return true;
            }
        }

        return false;
    }
}
