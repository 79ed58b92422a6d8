using System.CommandLine;
using Ploy.Cli.Service;
using Ploy.Hosting.Logging;

namespace Ploy.Cli.Commands;

/// <summary>
/// The operator commands against a running instance's control API: `ploy status | orders | positions | strategies
/// [enable|disable NAME] | pause | resume | kill [--reason] | cancel-all`, each with --url and --token (or
/// PLOY_CONTROL_TOKEN). Reads need no token; every change does. Exit 0 on success, 1 on any refusal or error.
/// </summary>
public static class OperatorCommands
{
    private const string UrlName = "--url";
    private const string TokenName = "--token";

    private static readonly HttpClient SharedHttp = new() { Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Every operator command, for the root to add.</summary>
    public static IReadOnlyList<Command> CreateAll() =>
    [
        CreateStatus(), CreateOrders(), CreatePositions(), CreateStrategies(), CreatePause(), CreateResume(), CreateKill(), CreateCancelAll(),
    ];

    public static Command CreateStatus() => Read("status", "Show the engine at a glance: mode, paused, halted, open orders, exposure, PnL.", "/api/status");

    public static Command CreateOrders() => Read("orders", "List open and recently finished orders.", "/api/orders");

    public static Command CreatePositions() => Read("positions", "List the wallet's positions.", "/api/positions");

    public static Command CreateStrategies()
    {
        var command = Read("strategies", "List strategies, or enable/disable one.", "/api/strategies");
        command.Subcommands.Add(Switch("enable", "Let a strategy place orders again."));
        command.Subcommands.Add(Switch("disable", "Stop a strategy placing new orders (its resting orders stay)."));
        return command;
    }

    public static Command CreatePause() => Post("pause", "Stop strategies placing new orders; resting orders stay.", "/api/pause", "Why (recorded in the service log).");

    public static Command CreateResume() => Post("resume", "Let strategies trade again; also releases the kill switch (persisted).", "/api/resume", reasonDescription: null);

    public static Command CreateKill() => Post("kill", "Engage the kill switch (persisted, survives restarts) and cancel every resting order.", "/api/kill", "Why (persisted with the halt).");

    public static Command CreateCancelAll() => Post("cancel-all", "Cancel every resting order without halting.", "/api/cancel-all", reasonDescription: null);

    private static Command Read(string name, string description, string path)
    {
        var command = WithConnection(new Command(name, description));
        command.SetAction((parse, ct) => Client(parse).GetAsync(path, ct));
        return command;
    }

    private static Command Post(string name, string description, string path, string? reasonDescription)
    {
        var command = WithConnection(new Command(name, description));
        Option<string?>? reason = null;
        if (reasonDescription is not null)
        {
            reason = new Option<string?>("--reason") { Description = reasonDescription };
            command.Options.Add(reason);
        }

        command.SetAction((parse, ct) => Client(parse).PostAsync(path, reason is null ? null : parse.GetValue(reason), ct));
        return command;
    }

    private static Command Switch(string action, string description)
    {
        var name = new Argument<string>("name") { Description = "Strategy id (see `ploy strategies`)." };
        var command = WithConnection(new Command(action, description) { name });
        command.SetAction((parse, ct) => Client(parse).PostAsync($"/api/strategies/{Uri.EscapeDataString(parse.GetValue(name)!)}/{action}", null, ct));
        return command;
    }

    private static Command WithConnection(Command command)
    {
        var url = new Option<string>(UrlName) { Description = "Base URL of the instance.", DefaultValueFactory = _ => ControlApiClient.DefaultUrl.ToString() };
        url.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                result.AddError($"--url: '{value}' is not an http(s) URL.");
            }
        });
        var token = new Option<string?>(TokenName)
        {
            Description = $"Bearer token of the control API (default: ${ControlApiClient.TokenVariable}; prefer the variable: arguments show in ps).",
        };
        command.Options.Add(url);
        command.Options.Add(token);
        return command;
    }

    private static ControlApiClient Client(ParseResult parse)
    {
        var baseUrl = new Uri(parse.GetValue<string>(UrlName)!.TrimEnd('/') + "/", UriKind.Absolute);
        var token = parse.GetValue<string?>(TokenName) ?? Environment.GetEnvironmentVariable(ControlApiClient.TokenVariable);
        return new ControlApiClient(
            SharedHttp, baseUrl, string.IsNullOrEmpty(token) ? null : new SecretString(token), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
    }
}
