using System.CommandLine;
using System.Text.Json;

namespace Ploy.Cli.Tests.Deployments;

/// <summary>`ploy deployments` and `ploy deployments record` through the real command line, on a real SQLite journal.</summary>
public sealed class DeploymentsCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ploy-deployments-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Record_ThenShowJson_HistoryAndKpisComeFromTheJournal()
    {
        var data = Path.Combine(_directory, "data");
        var first = await RunAsync("deployments", "record", "--data-dir", data, "--version", "1.0.0", "--result", "succeeded",
            "--started", "2026-11-20T10:00:00Z", "--finished", "2026-11-20T10:00:06Z", "--commit-time", "2026-11-20T09:00:00Z", "--duration", "to_healthy=4000");
        var second = await RunAsync("deployments", "record", "--data-dir", data, "--version", "1.1.0", "--previous", "1.0.0", "--result", "rolled_back",
            "--started", "2026-11-21T10:00:00Z", "--finished", "2026-11-21T10:00:08Z", "--detail", "health gate failed", "--duration", "restore=7000");
        var third = await RunAsync("deployments", "record", "--data-dir", data, "--kind", "rollback", "--version", "0.9.0", "--result", "rolled_back",
            "--started", "2026-11-21T11:00:00Z", "--finished", "2026-11-21T11:00:03Z", "--duration", "rollback=3000");

        var shown = await RunAsync("deployments", "--data-dir", data, "--json", "--limit", "2");

        Assert.Equal((0, 0, 0, 0), (first.ExitCode, second.ExitCode, third.ExitCode, shown.ExitCode));
        Assert.Contains("recorded deployment #1: deploy 1.0.0 succeeded", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "ploy.db")));
        using var json = JsonDocument.Parse(shown.Output);
        var kpis = json.RootElement.GetProperty("kpis");
        Assert.Equal(3, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(2, kpis.GetProperty("deploys").GetInt32());
        Assert.Equal(0.5, kpis.GetProperty("success_rate").GetDouble());
        Assert.Equal(0.5, kpis.GetProperty("change_failure_rate").GetDouble());
        Assert.Equal(8, kpis.GetProperty("mean_time_to_restore_s").GetDouble());
        Assert.Equal(3600 + 6, kpis.GetProperty("mean_lead_time_s").GetDouble());
        Assert.Equal(1, kpis.GetProperty("manual_rollbacks").GetInt32());
        var history = json.RootElement.GetProperty("deployments").EnumerateArray().ToList();
        Assert.Equal(["1.1.0", "0.9.0"], history.Select(h => h.GetProperty("version").GetString()));
        Assert.Equal("health gate failed", history[0].GetProperty("detail").GetString());
        Assert.Equal(7000, history[0].GetProperty("durations_ms").GetProperty("restore").GetInt64());
    }

    [Fact]
    public async Task Show_Text_PrintsHistoryAndEveryKpi()
    {
        var data = Path.Combine(_directory, "data");
        await RunAsync("deployments", "record", "--data-dir", data, "--version", "2.0.0", "--result", "succeeded", "--started", "2026-11-20T10:00:00Z", "--duration", "to_healthy=2500");

        var shown = await RunAsync("deployments", "--data-dir", data);

        Assert.Equal(0, shown.ExitCode);
        Assert.Matches(@"1\s+2026-11-20 10:00:00\s+deploy\s+2\.0\.0\s+succeeded\s+healthy in 2\.5 s", shown.Output);
        foreach (var kpi in new[] { "success rate          100.0 %", "change-failure rate   0.0 %", "mean time to restore  n/a", "deployment frequency", "lead time             n/a" })
        {
            Assert.Contains(kpi, shown.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Record_ConfigInvalidOutsideDatabase_StillRecordsInTheConfiguredJournal()
    {
        // A deploy rejected for an invalid config must still be recorded where that config puts the journal.
        Directory.CreateDirectory(_directory);
        var journal = Path.Combine(_directory, "elsewhere", "journal.db");
        var config = Path.Combine(_directory, "ploy.json");
        await File.WriteAllTextAsync(config, $$"""{ "Mode": "Sideways", "Database": { "Path": "{{journal.Replace("\\", "/", StringComparison.Ordinal)}}" } }""");

        var recorded = await RunAsync("deployments", "record", "--config", config, "--version", "3.0.0", "--result", "rejected", "--started", "1763800000", "--detail", "configuration invalid");
        var shown = await RunAsync("deployments", "--config", config, "--json");

        Assert.Equal(0, recorded.ExitCode);
        Assert.True(File.Exists(journal));
        using var json = JsonDocument.Parse(shown.Output);
        Assert.Equal(1, json.RootElement.GetProperty("kpis").GetProperty("rejected").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("kpis").GetProperty("deploys").GetInt32());
    }

    [Theory]
    [InlineData("deployments --data-dir {dir} --config {dir}/x.json", "not both")]
    [InlineData("deployments --data-dir {dir}/none", "no journal at")]
    [InlineData("deployments --config {dir}/missing.json", "config file not found")]
    [InlineData("deployments record --data-dir {dir} --version 1 --result shiny --started 2026-11-20T10:00:00Z", "--result is required: succeeded, rolled_back, failed or rejected (got 'shiny')")]
    [InlineData("deployments record --data-dir {dir} --version 1 --result failed", "--started is required")]
    [InlineData("deployments record --data-dir {dir} --version a/b --result failed --started 1763800000", "--version is required")]
    [InlineData("deployments record --data-dir {dir} --version 1 --result failed --started 1763800000 --duration fast", "--duration: 'fast' is not NAME=MILLISECONDS")]
    [InlineData("deployments record --data-dir {dir} --version 1 --result failed --started 2026-11-20T10:00:00Z --finished 2026-11-20T09:00:00Z", "--finished is before --started")]
    [InlineData("deployments record --data-dir {dir} --kind redeploy --version 1 --result failed --started 1763800000", "--kind: 'redeploy' is not deploy or rollback")]
    public async Task BadInput_ExitsNonZeroWithAClearErrorAndRecordsNothing(string arguments, string expected)
    {
        var result = await RunAsync(arguments.Replace("{dir}", _directory, StringComparison.Ordinal).Split(' '));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "ploy.db")));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Program.BuildRoot().Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
