using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Ploy.Cli.Commands;

namespace Ploy.Cli.Tests.Service;

/// <summary><c>ploy config validate</c> and the start-up refusals of <c>ploy run</c> (invariant 6).</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Validate_TheShippedExample_IsOk()
    {
        var (code, output, error) = await InvokeAsync("config", "validate", "--config", Path.Combine(TestPaths.RepositoryRoot, "config", "ploy.example.json"));

        Assert.True(code == 0, error);
        Assert.Contains("config OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NoFile_IsOkOnDefaults()
    {
        var (code, output, _) = await InvokeAsync("config", "validate");

        Assert.Equal(0, code);
        Assert.Contains("config OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ManyProblems_ListsEveryOneWithItsFullKey_AndExitsNonZero()
    {
        var file = ServiceConfig.Write(_root, new JsonObject
        {
            ["Mode"] = "Sideways",
            ["Bogus"] = new JsonObject { ["X"] = 1 },
            ["Risk"] = new JsonObject { ["MaxOrderNotional"] = -5, ["MaxOrderNotionall"] = 5 },
            ["Database"] = new JsonObject { ["Provider"] = "Postgres" },
            ["Control"] = new JsonObject { ["ListenAddress"] = "0.0.0.0", ["Port"] = 70000 },
            ["Service"] = new JsonObject { ["ShutdownTimeout"] = "00:00:00" },
            ["Engine"] = new JsonObject { ["MaxBookAge"] = "-00:00:01" },
            ["Strategies"] = new JsonObject { ["Enabled"] = new JsonArray("momentum", "nosuch") },
            ["Resilience"] = new JsonObject { ["FailureRatio"] = 2 },
            ["Gateway"] = new JsonObject { ["QueueCapacity"] = 0 },
            ["Health"] = new JsonObject { ["ProbeTimeout"] = "00:00:00" },
            ["Polymarket"] = new JsonObject { ["GammaUrl"] = "http://gamma.example.com/", ["RtdsUrl"] = "ws://10.0.0.1/", ["RoundSeries"] = new JsonArray(" "), ["TimerInterval"] = "00:00:00.001" },
        });

        var (code, _, error) = await InvokeAsync("config", "validate", "--config", file);

        Assert.Equal(2, code);
        foreach (var key in new[]
        {
            "Mode:", "Bogus:", "Risk:MaxOrderNotional ", "MaxOrderNotionall", "Database:ConnectionString", "Control:ListenAddress", "Control:Port",
            "Service:ShutdownTimeout", "Engine:MaxBookAge", "Strategies:Enabled", "Resilience:FailureRatio", "Gateway:QueueCapacity", "Health:ProbeTimeout",
            "Polymarket:GammaUrl", "Polymarket:RtdsUrl", "Polymarket:RoundSeries:0", "Polymarket:TimerInterval",
        })
        {
            Assert.Contains(key, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Validate_UnknownKeyInASection_NamesTheFullKey()
    {
        var file = ServiceConfig.Write(_root, new JsonObject { ["Service"] = new JsonObject { ["CancelOnShutdwn"] = false } });

        var (code, _, error) = await InvokeAsync("config", "validate", "--config", file);

        Assert.Equal(2, code);
        Assert.Contains("Service:CancelOnShutdwn", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_LiveWithoutCredentials_NamesEachMissingSecret()
    {
        var file = ServiceConfig.Write(_root, new JsonObject { ["Mode"] = "Live" });

        var (code, _, error) = await InvokeAsync("config", "validate", "--config", file);

        Assert.Equal(2, code);
        foreach (var key in new[] { "Polymarket:PrivateKey", "Polymarket:ApiKey", "Polymarket:ApiSecret", "Polymarket:ApiPassphrase" })
        {
            Assert.Contains(key, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_LiveModeWithAnUnusableKey_RefusesToStartWithAClearMessage()
    {
        var secrets = Directory.CreateDirectory(Path.Combine(_root, "secrets")).FullName;
        foreach (var key in new[] { "PrivateKey", "ApiKey", "ApiSecret", "ApiPassphrase" })
        {
            await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__" + key), "value-of-" + key + "\n");
        }

        // Never the production hosts, even though this refuses before any network call.
        var config = ServiceConfig.Paper(_root);
        config["Mode"] = "Live";
        config["Polymarket"] = new JsonObject { ["ClobUrl"] = $"http://127.0.0.1:{ClosedPort()}", ["WebSocketUrl"] = $"ws://127.0.0.1:{ClosedPort()}" };
        var (code, _, error) = await InvokeAsync("run", "--config", ServiceConfig.Write(_root, config), "--secrets-dir", secrets);

        Assert.Equal(2, code);
        Assert.Contains("Polymarket:PrivateKey is not a 32-byte hex key", error, StringComparison.Ordinal);
        Assert.DoesNotContain("value-of-", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "data", "ploy.db")), "nothing should be created before refusing");
    }

    [Fact]
    public async Task Run_InvalidConfig_RefusesToStart()
    {
        var config = ServiceConfig.Paper(_root);
        config["Risk"] = new JsonObject { ["DailyLossLimit"] = 0 };

        var (code, _, error) = await InvokeAsync("run", "--config", ServiceConfig.Write(_root, config));

        Assert.Equal(2, code);
        Assert.Contains("Risk:DailyLossLimit", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnreachablePostgres_RefusesToStartWithoutLeakingThePassword()
    {
        var port = ClosedPort();
        var config = ServiceConfig.Paper(_root);
        config["Database"] = new JsonObject
        {
            ["Provider"] = "Postgres",
            ["ConnectionString"] = $"Host=127.0.0.1;Port={port};Username=ploy;Password=hunter2-not-logged;Database=ploy",
            ["ConnectTimeout"] = "00:00:02",
            ["Backup"] = false,
        };

        var (code, output, error) = await InvokeAsync("run", "--config", ServiceConfig.Write(_root, config));

        Assert.Equal(1, code);
        Assert.Contains("unreachable", error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error + output, StringComparison.Ordinal);
    }

    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var root = new RootCommand { RunCommand.Create(), ConfigCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
