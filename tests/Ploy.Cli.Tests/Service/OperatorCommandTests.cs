using System.CommandLine;
using Ploy.Cli.Commands;

namespace Ploy.Cli.Tests.Service;

/// <summary>The operator commands against a real running host: reads, changes with a token, and clear errors.</summary>
public sealed class OperatorCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-ops-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Commands_AgainstARunningInstance_ReadChangeAndExplainRefusals()
    {
        await using var host = await ServiceTestHost.StartAsync(_root, ServiceConfig.Paper(_root));
        await host.WaitReadyAsync();
        var url = host.BaseAddress.ToString();

        var status = await InvokeAsync("status", "--url", url);
        Assert.Equal(0, status.Code);
        Assert.Contains("\"mode\": \"paper\"", status.Output, StringComparison.Ordinal);

        var strategies = await InvokeAsync("strategies", "--url", url);
        Assert.Equal(0, strategies.Code);
        Assert.Contains("market-maker", strategies.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await InvokeAsync("orders", "--url", url)).Code);
        Assert.Equal(0, (await InvokeAsync("positions", "--url", url)).Code);

        var unauthorized = await InvokeAsync("kill", "--url", url);
        Assert.Equal(1, unauthorized.Code);
        Assert.Contains("401", unauthorized.Error, StringComparison.Ordinal);
        Assert.Contains("PLOY_CONTROL_TOKEN", unauthorized.Error, StringComparison.Ordinal);

        var forbidden = await InvokeAsync("pause", "--url", url, "--token", "not-the-token-at-all");
        Assert.Equal(1, forbidden.Code);
        Assert.Contains("403", forbidden.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token-at-all", forbidden.Error + forbidden.Output, StringComparison.Ordinal);

        var disable = await InvokeAsync("strategies", "disable", "momentum", "--url", url, "--token", ServiceConfig.Token);
        Assert.Equal(0, disable.Code);
        Assert.Contains("momentum disabled", disable.Output, StringComparison.Ordinal);

        var unknown = await InvokeAsync("strategies", "enable", "nosuch", "--url", url, "--token", ServiceConfig.Token);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("Unknown strategy", unknown.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await InvokeAsync("pause", "--url", url, "--token", ServiceConfig.Token, "--reason", "ops test")).Code);
        Assert.Equal(0, (await InvokeAsync("cancel-all", "--url", url, "--token", ServiceConfig.Token)).Code);
        var kill = await InvokeAsync("kill", "--url", url, "--token", ServiceConfig.Token, "--reason", "ops test kill");
        Assert.Equal(0, kill.Code);
        Assert.Contains("Halted", kill.Output, StringComparison.Ordinal);
        Assert.Contains("\"halted\": true", (await InvokeAsync("status", "--url", url)).Output, StringComparison.Ordinal);
        Assert.Equal(0, (await InvokeAsync("resume", "--url", url, "--token", ServiceConfig.Token)).Code);
        Assert.Contains("\"halted\": false", (await InvokeAsync("status", "--url", url)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NothingListening_SaysConnectionRefused()
    {
        var port = ConfigCommandTests.ClosedPort();

        var result = await InvokeAsync("status", "--url", $"http://127.0.0.1:{port}");

        Assert.Equal(1, result.Code);
        Assert.Contains("cannot connect", result.Error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in OperatorCommands.CreateAll())
        {
            root.Subcommands.Add(command);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
