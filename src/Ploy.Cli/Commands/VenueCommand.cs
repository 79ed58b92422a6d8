using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ploy.Venues.Simulated;
using Ploy.VenueServer;

namespace Ploy.Cli.Commands;

/// <summary>`ploy venue`: the simulated venue served over the real Polymarket CLOB V2 protocol on 127.0.0.1.</summary>
public static class VenueCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 8090 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated market.", DefaultValueFactory = _ => 1 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second.", DefaultValueFactory = _ => 1.0 };
        var adminToken = new Option<string?>("--admin-token") { Description = "Bearer token of /admin/* (mode switch, ledger); none disables them." };
        var chain = new Option<int>("--chain-id") { Description = "Chain orders and L1 signatures must be signed for (137 or 80002).", DefaultValueFactory = _ => 137 };
        var cash = new Option<decimal>("--starting-cash") { Description = "pUSD each new account is funded with.", DefaultValueFactory = _ => 10_000m };
        var sets = new Option<decimal>("--starting-sets") { Description = "Complete sets of each listed market every account gets (to be able to sell).", DefaultValueFactory = _ => 0m };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Log level on stderr.", DefaultValueFactory = _ => LogLevel.Information };

        var command = new Command("venue", "Serve the simulated venue over the Polymarket CLOB V2 protocol (REST + WebSocket) on 127.0.0.1.")
        {
            port, seed, speed, adminToken, chain, cash, sets, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new VenueServerOptions
            {
                Port = parse.GetValue(port),
                Speed = parse.GetValue(speed),
                AdminToken = parse.GetValue(adminToken),
                ChainId = parse.GetValue(chain),
                StartingCash = parse.GetValue(cash),
                StartingSets = parse.GetValue(sets),
                Simulation = new SimulationOptions { Seed = parse.GetValue(seed), TraderStartingCash = 0m },
            };
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync(problem);
                }

                return ExitCodes.InvalidConfiguration;
            }

            using var loggers = LoggerFactory.Create(b => b
                .SetMinimumLevel(parse.GetValue(logLevel))
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
            await using var host = VenueHost.Create(options, TimeProvider.System, loggers);
            await host.StartAsync(cancellationToken);
            Console.WriteLine($"ploy venue — listening on {host.BaseAddress} (seed {options.Simulation.Seed}, {options.Speed:0.##}x, chain {options.ChainId}); Ctrl-C stops");
            try
            {
                await host.WaitForShutdownAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The simulation loop faulted (already logged): exit non-zero so a supervisor notices.
                await Console.Error.WriteLineAsync("ploy venue: simulation loop failed: " + ex.Message);
                return ExitCodes.Failure;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
