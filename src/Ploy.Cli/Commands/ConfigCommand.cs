using System.CommandLine;
using Ploy.Cli.Service;

namespace Ploy.Cli.Commands;

/// <summary>`ploy config validate [--config FILE] [--secrets-dir DIR]`: runs every validator of `ploy run` and lists all problems.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "JSON config file to check (with the environment's PLOY__ overrides applied, as ploy run would)." };
        var secrets = new Option<string?>("--secrets-dir") { Description = "Secrets directory to include (values are checked, never printed)." };
        var validate = new Command("validate", "Check a ploy run configuration: every problem with its full key; exit 0 when OK, 2 otherwise.") { config, secrets };
        validate.SetAction(async (parse, cancellationToken) =>
        {
            var (settings, _, problems) = ServiceSettingsLoader.TryLoad(parse.GetValue(config), parse.GetValue(secrets));
            if (problems.Count > 0)
            {
                var error = parse.InvocationConfiguration.Error;
                await error.WriteLineAsync($"config invalid: {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}");
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync("  - " + problem);
                }

                return ExitCodes.InvalidConfiguration;
            }

            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"config OK (mode {settings.Mode.ToString().ToLowerInvariant()}, journal {settings.Database.Describe()}, listening on {settings.Control.ListenAddress}:{settings.Control.Port})");
            if (settings.Mode == TradingMode.Live)
            {
                await output.WriteLineAsync("note: this build has no Polymarket live adapter; ploy run refuses Mode=Live.");
            }

            return ExitCodes.Ok;
        });
        return new Command("config", "Configuration tools.") { validate };
    }
}
