using System.CommandLine;
using Ploy.Cli.Commands;

namespace Ploy.Cli;

/// <summary>`ploy` — the composition root of every command.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Ploy — a trading service for Polymarket's order book. Paper is the default everywhere.");
        root.Subcommands.Add(PaperCommand.Create());
        root.Subcommands.Add(ConformanceCommand.Create());
        root.Subcommands.Add(HealthCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(VenueCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(DeploymentsCommand.Create());
        foreach (var command in OperatorCommands.CreateAll())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }
}
