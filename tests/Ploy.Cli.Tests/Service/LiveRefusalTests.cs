using System.CommandLine;
using System.Text.Json.Nodes;
using Ploy.Cli.Commands;

namespace Ploy.Cli.Tests.Service;

/// <summary>
/// <c>ploy run</c> in live mode refuses to start, with a clear message, exit 1 and no secret in it, when its journal or
/// its venue is unusable. Every URL here is a closed loopback port: a test never points live mode at production.
/// </summary>
public sealed class LiveRefusalTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-live-refuse-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Run_LiveWithTheVenueUnreachable_RefusesAfterOpeningTheJournal()
    {
        var clobPort = ConfigCommandTests.ClosedPort();
        var (config, secrets) = await LiveConfigAsync(clobPort);

        var (code, error) = await InvokeAsync("run", "--config", ServiceConfig.Write(_root, config), "--secrets-dir", secrets);

        Assert.Equal(1, code);
        Assert.Contains("Mode=Live refused", error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{clobPort}", error, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Run_LiveWithPostgresUnreachable_RefusesBeforeTouchingTheVenue()
    {
        var (config, secrets) = await LiveConfigAsync(ConfigCommandTests.ClosedPort());
        config["Database"] = new JsonObject
        {
            ["Provider"] = "Postgres",
            ["ConnectionString"] = $"Host=127.0.0.1;Port={ConfigCommandTests.ClosedPort()};Username=ploy;Password=hunter2-not-logged;Database=ploy",
            ["ConnectTimeout"] = "00:00:02",
            ["Backup"] = false,
        };

        var (code, error) = await InvokeAsync("run", "--config", ServiceConfig.Write(_root, config), "--secrets-dir", secrets);

        Assert.Equal(1, code);
        Assert.Contains("journal database", error, StringComparison.Ordinal);
        Assert.Contains("unreachable", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Mode=Live refused", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    private static void AssertNoSecret(string text)
    {
        Assert.DoesNotContain(LiveVenueFixture.Key.TrimStart('0', 'x'), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("passphrase-value", text, StringComparison.Ordinal);
    }

    private async Task<(JsonObject Config, string Secrets)> LiveConfigAsync(int clobPort)
    {
        var secrets = Directory.CreateDirectory(Path.Combine(_root, "secrets")).FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__PrivateKey"), LiveVenueFixture.Key + "\n");
        await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__ApiKey"), "00000000-0000-0000-0000-000000000000");
        await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__ApiSecret"), "secret-value");
        await File.WriteAllTextAsync(Path.Combine(secrets, "Polymarket__ApiPassphrase"), "passphrase-value");
        var config = ServiceConfig.Paper(_root);
        config["Mode"] = "Live";
        config["Polymarket"] = new JsonObject { ["ClobUrl"] = $"http://127.0.0.1:{clobPort}", ["WebSocketUrl"] = $"ws://127.0.0.1:{clobPort}" };
        return (config, secrets);
    }

    private static async Task<(int Code, string Error)> InvokeAsync(params string[] args)
    {
        var root = new RootCommand { RunCommand.Create() };
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        return (code, error.ToString());
    }
}
