using Ploy.Cli.Configuration;
using Ploy.Strategies;

namespace Ploy.Cli.Paper;

/// <summary>Paper settings from defaults, an optional config file and the environment.</summary>
public static class PaperSettingsLoader
{
    public static PaperSettings Load(string? configFile)
    {
        var configuration = ConfigurationLoader.Load(configFile);
        var settings = new PaperSettings();
        var problems = new List<string>();
        ConfigurationLoader.Bind(configuration, "Paper", settings, problems);
        ConfigurationLoader.Bind(configuration, "Risk", settings.Risk, problems);
        ConfigurationLoader.Bind(configuration, "Engine", settings.Engine, problems);
        ConfigurationLoader.Bind(configuration, "Gateway", settings.Gateway, problems);
        ConfigurationLoader.Bind(configuration, "Simulation", settings.Simulation, problems);

        ConfigurationLoader.Bind(configuration, StrategiesOptions.SectionName, settings.Strategies, problems);
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return settings;
    }
}
