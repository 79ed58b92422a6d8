using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ploy.Testing;

namespace Ploy.Cli.Tests.Service;

/// <summary><c>ploy run</c> on a real PostgreSQL journal: migrated (after a backup) at start, and /health follows the server.</summary>
public sealed class PostgresServiceTests : IAsyncLifetime
{
    private readonly PostgresServer _server = new();
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-run-pg-").FullName;

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Health_DatabaseStopped_Is503WithTheDatabaseDown_AndBackTo200WhenItStartsAgain()
    {
        await _server.CreateDatabaseAsync("ploy_health");
        var config = ServiceConfig.Paper(_root);
        config["Database"] = new JsonObject
        {
            ["Provider"] = "Postgres",
            ["ConnectionString"] = _server.ConnectionString("ploy_health"),
            ["Backup"] = true,
            ["BackupDirectory"] = Path.Combine(_root, "backups"),
            ["ConnectTimeout"] = "00:00:02",
        };
        config["Health"] = new JsonObject { ["ProbeTimeout"] = "00:00:02" };

        await using var host = await ServiceTestHost.StartAsync(_root, config);
        await host.WaitReadyAsync();
        Assert.Equal(HttpStatusCode.OK, await host.StatusOfAsync("/health"));

        await _server.StopAsync();
        string body = string.Empty;
        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await host.Http.GetAsync("/health");
                body = await response.Content.ReadAsStringAsync();
                return response.StatusCode == HttpStatusCode.ServiceUnavailable;
            },
            TimeSpan.FromSeconds(20),
            "/health never answered 503 with the database stopped");
        using (var json = JsonDocument.Parse(body))
        {
            Assert.Equal("degraded", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("down", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
            Assert.Equal("up", json.RootElement.GetProperty("checks").GetProperty("api_connection").GetProperty("status").GetString());
        }

        await _server.StartAsync();
        await Eventually.TrueAsync(
            async () => await host.StatusOfAsync("/health") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "/health never came back to 200 after the database started again");
    }
}
