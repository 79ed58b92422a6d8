using System.Text.Json.Nodes;

namespace Ploy.Cli.Tests.Service;

/// <summary>Test configurations of <c>ploy run</c>: an ephemeral loopback port, a journal under the test's directory, fast steps.</summary>
internal static class ServiceConfig
{
    public const string Token = "test-control-token-0123456789";

    public static JsonObject Paper(string root) => new()
    {
        ["Mode"] = "Paper",
        ["Database"] = new JsonObject { ["Path"] = Path.Combine(root, "data", "ploy.db") },
        ["Control"] = new JsonObject { ["Port"] = 0, ["BearerToken"] = Token },
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
        ["Service"] = new JsonObject { ["ShutdownTimeout"] = "00:00:10", ["DrainTimeout"] = "00:00:02" },
        ["Simulation"] = new JsonObject { ["Step"] = "00:00:00.100", ["Seed"] = 3 },
    };

    public static string Write(string root, JsonObject config, string name = "ploy.json")
    {
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, name);
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}
