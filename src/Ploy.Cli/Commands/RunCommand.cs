using System.CommandLine;
using Ploy.Cli.Configuration;
using Ploy.Cli.Service;

namespace Ploy.Cli.Commands;

/// <summary>
/// `ploy run [--config FILE] [--secrets-dir DIR]`: the service systemd, containers and Kubernetes start (paper or live
/// per config; paper is the default). Exit 0 after a graceful shutdown (SIGTERM/SIGINT), 2 on invalid configuration,
/// 1 when it refuses to start (live mode unavailable, database unreachable) or the trading loop failed.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "JSON config file (see config/ploy.example.json); environment PLOY__SECTION__KEY overrides it." };
        var secrets = new Option<string?>("--secrets-dir") { Description = "Directory with one file per secret, named after its key (Polymarket__PrivateKey); overrides config and environment." };
        var command = new Command("run", "Run the trading service: engine, strategies, journal, /health, /metrics and the control API.") { config, secrets };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            ServiceSettings settings;
            Microsoft.Extensions.Configuration.IConfiguration configuration;
            try
            {
                (settings, configuration) = ServiceSettingsLoader.Load(parse.GetValue(config), parse.GetValue(secrets));
            }
            catch (ConfigurationException ex)
            {
                await error.WriteLineAsync("ploy run: refusing to start. " + ex.Message);
                return ExitCodes.InvalidConfiguration;
            }

            // SIGTERM/SIGINT reach this action as the cancellation token; System.CommandLine then waits this long for the
            // action before forcing exit code 143/130. Give the graceful shutdown its whole budget, plus margin to exit.
            // (Set before the first await: the invocation reads it once the action has started.)
            parse.InvocationConfiguration.ProcessTerminationTimeout = settings.Service.ShutdownTimeout + TimeSpan.FromSeconds(5);

            ServiceApplication service;
            try
            {
                service = await ServiceHost.BuildAsync(settings, configuration, cancellationToken);
            }
            catch (ServiceStartException ex)
            {
                await error.WriteLineAsync("ploy run: " + ex.Message);
                return ExitCodes.Failure;
            }

            await using (service)
            {
                // The host handles SIGTERM/SIGINT too; the token makes sure shutdown starts at once whoever hears it first.
                using var stop = cancellationToken.Register(() => service.App.Lifetime.StopApplication());
                return await service.RunAsync();
            }
        });
        return command;
    }
}
