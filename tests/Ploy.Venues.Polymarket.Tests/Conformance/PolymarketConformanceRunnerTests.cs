using System.Text.Json.Nodes;
using Ploy.Venues.Polymarket.Conformance;
using Ploy.Venues.Polymarket.Signing;
using Xunit.Abstractions;

namespace Ploy.Venues.Polymarket.Tests.Conformance;

public sealed class PolymarketConformanceRunnerTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_SharedVectors_AllPass()
    {
        var writer = new StringWriter();
        var exitCode = PolymarketConformanceRunner.Run(VectorPaths.PolymarketVectors, writer);
        var text = writer.ToString();
        output.WriteLine(text);

        var lastLine = text.TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^\d+ passed, 0 failed$", lastLine);
        Assert.Equal(0, exitCode);
        // 16 V2 orders + 3 L1 + 6 shared L2 + 6 V2 L2.
        Assert.Equal("31 passed, 0 failed", lastLine);
    }

    [Fact]
    public void Run_MissingDirectory_FailsWithSummary()
    {
        var writer = new StringWriter();
        var exitCode = PolymarketConformanceRunner.Run(Path.Combine(Path.GetTempPath(), "no-such-vectors-" + Guid.NewGuid()), writer);

        Assert.Equal(1, exitCode);
        Assert.EndsWith("0 passed, 1 failed", writer.ToString().TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ManagedBackend_AllPass()
    {
        var writer = new StringWriter();

        Assert.Equal(0, PolymarketConformanceRunner.Run(VectorPaths.PolymarketVectors, writer, PolymarketSigningBackend.Managed));
        Assert.EndsWith("31 passed, 0 failed", writer.ToString().TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pub-v2-03", "maker_amount", "3036001", "maker_amount")]
    [InlineData("pub-v2-08", "signature", "0x00", "signature")]
    [InlineData("pub-v2-12", "effective_price", "0.55", "effective_price")]
    [InlineData("pub-v2-07", "digest", "0x01", "digest")]
    public void Run_TamperedVector_ReportsFirstDifferingField(string id, string field, string value, string reported)
    {
        var directory = Directory.CreateTempSubdirectory("ploy-poly-vectors-");
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(VectorPaths.PolymarketVectors, "v2", "orders.json")))!;
            var vector = json["vectors"]!.AsArray().First(v => (string?)v!["id"] == id)!;
            vector["expected"]![field] = field == "effective_price" ? JsonValue.Create(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(value);
            File.WriteAllText(Path.Combine(directory.FullName, "orders.json"), json.ToJsonString());
            var writer = new StringWriter();

            var exitCode = PolymarketConformanceRunner.Run(directory.FullName, writer);

            var text = writer.ToString();
            Assert.Equal(1, exitCode);
            Assert.Contains($"FAIL {id} ", text, StringComparison.Ordinal);
            Assert.Contains($": {reported}", text, StringComparison.Ordinal);
            Assert.EndsWith("15 passed, 1 failed", text.TrimEnd(), StringComparison.Ordinal);
            Assert.DoesNotContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", text, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Run_FloatDivergentVector_AcceptsTheReferenceBinary64Amounts()
    {
        // Market BUY 196,787.11 pUSD @ 0.26 on tick 0.0025: binary64 gives 756873.499999 shares, exact decimal 756873.5.
        var text = RunTampered("pub-v2-09", vector =>
        {
            vector["float_divergent"] = true;
            vector["inputs"]!["amount"] = 196787.11m;
            vector["inputs"]!["price"] = 0.26m;
            vector["inputs"]!["tick_size"] = "0.0025";
            vector["expected"]!["effective_price"] = 0.26m;
            vector["expected"]!["rounded_price"] = 0.26m;
            vector["expected"]!["maker_amount"] = "196787110000";
            vector["expected"]!["taker_amount"] = "756873499999";
            vector["expected"]!["typed_data"]!["message"]!["makerAmount"] = "196787110000";
            vector["expected"]!["typed_data"]!["message"]!["takerAmount"] = "756873499999";
        });

        Assert.Contains("note pub-v2-09: float_divergent", text, StringComparison.Ordinal);
        // Amounts and typed data were accepted; the recorded hashes belong to the original vector.
        Assert.Contains("orders.json): struct_hash", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NotFlaggedButDivergent_FailsOnTheAmount()
    {
        var text = RunTampered("pub-v2-09", vector =>
        {
            vector["inputs"]!["amount"] = 196787.11m;
            vector["inputs"]!["price"] = 0.26m;
            vector["inputs"]!["tick_size"] = "0.0025";
            vector["expected"]!["effective_price"] = 0.26m;
            vector["expected"]!["rounded_price"] = 0.26m;
            vector["expected"]!["maker_amount"] = "196787110000";
            vector["expected"]!["taker_amount"] = "756873499999";
        });

        Assert.Contains("orders.json): taker_amount: expected \"756873499999\", got \"756873500000\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ExpectedRefusal_PassesWhenTheBuilderRefuses()
    {
        var text = RunTampered("pub-v2-12", vector =>
        {
            vector["inputs"]!["order_type"] = "FOK";
            vector["inputs"]!["amount"] = 100000m;
            vector["expected"] = new JsonObject { ["error"] = "no match" };
        });

        Assert.EndsWith("16 passed, 0 failed", text.TrimEnd(), StringComparison.Ordinal);
    }

    private static string RunTampered(string id, Action<JsonNode> tamper)
    {
        var directory = Directory.CreateTempSubdirectory("ploy-poly-vectors-");
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(VectorPaths.PolymarketVectors, "v2", "orders.json")))!;
            tamper(json["vectors"]!.AsArray().First(v => (string?)v!["id"] == id)!);
            File.WriteAllText(Path.Combine(directory.FullName, "orders.json"), json.ToJsonString());
            var writer = new StringWriter();
            PolymarketConformanceRunner.Run(directory.FullName, writer);
            return writer.ToString();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
