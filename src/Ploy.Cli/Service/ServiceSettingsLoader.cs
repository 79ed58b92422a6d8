using Microsoft.Extensions.Configuration;
using Ploy.Cli.Configuration;
using Ploy.Execution.Engine;
using Ploy.Execution.Gateway;
using Ploy.Execution.Risk;
using Ploy.Strategies;

namespace Ploy.Cli.Service;

/// <summary>
/// Builds <see cref="ServiceSettings"/>: the JSON file, then environment variables (<c>PLOY__SECTION__KEY</c>), then the
/// secrets directory (one file per key). Keys starting with "//" are comments and ignored at any depth; every other
/// unknown key, and every value that does not convert, is a problem naming its full key. Binding problems and
/// validation problems are reported together.
/// </summary>
public static class ServiceSettingsLoader
{
    private static readonly string[] Sections =
    [
        ServiceOptions.Section, DatabaseOptions.Section, "Control", "Health", "Resilience", LoggingSettings.Section,
        SecretsOptions.Section, PolymarketOptions.Section, RiskOptions.Section, EngineOptions.Section, GatewayOptions.Section,
        "Simulation", StrategiesOptions.SectionName,
    ];

    /// <summary>The top-level keys <c>ploy run</c> understands.</summary>
    public static IReadOnlyList<string> KnownKeys { get; } = [ServiceSettings.ModeKey, .. Sections];

    /// <summary>Loads and validates; throws <see cref="ConfigurationException"/> with every problem.</summary>
    public static (ServiceSettings Settings, IConfiguration Configuration) Load(string? configFile, string? secretsDirectory)
    {
        var (settings, configuration, problems) = TryLoad(configFile, secretsDirectory);
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return (settings, configuration);
    }

    /// <summary>Loads and validates; returns every problem instead of throwing (for <c>ploy config validate</c>).</summary>
    public static (ServiceSettings Settings, IConfiguration Configuration, IReadOnlyList<string> Problems) TryLoad(string? configFile, string? secretsDirectory)
    {
        var problems = new List<string>();
        IConfiguration raw;
        try
        {
            raw = ConfigurationLoader.Load(configFile);
        }
        catch (ConfigurationException ex)
        {
            return (new ServiceSettings(), new ConfigurationBuilder().Build(), ex.Problems);
        }

        var directory = secretsDirectory ?? raw[$"{SecretsOptions.Section}:{nameof(SecretsOptions.Directory)}"];
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in raw.AsEnumerable())
        {
            if (value is not null && !IsComment(key))
            {
                values[key] = value;
            }
        }

        if (!string.IsNullOrWhiteSpace(directory))
        {
            ReadSecrets(directory, values, problems);
            values[$"{SecretsOptions.Section}:{nameof(SecretsOptions.Directory)}"] = directory;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var settings = new ServiceSettings();
        foreach (var child in configuration.GetChildren())
        {
            if (!KnownKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{child.Key}: unknown key (known: {string.Join(", ", KnownKeys)}).");
            }
        }

        if (configuration[ServiceSettings.ModeKey] is { } mode)
        {
            if (Enum.TryParse<TradingMode>(mode.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(mode, out _))
            {
                settings.Mode = parsed;
            }
            else
            {
                problems.Add($"{ServiceSettings.ModeKey}: '{mode}' is not a mode (Paper or Live).");
            }
        }

        Bind(configuration, ServiceOptions.Section, settings.Service, problems);
        Bind(configuration, DatabaseOptions.Section, settings.Database, problems);
        Bind(configuration, "Control", settings.Control, problems);
        Bind(configuration, "Health", settings.Health, problems);
        Bind(configuration, "Resilience", settings.Resilience, problems);
        Bind(configuration, LoggingSettings.Section, settings.Logging, problems);
        Bind(configuration, SecretsOptions.Section, settings.Secrets, problems);
        Bind(configuration, PolymarketOptions.Section, settings.Polymarket, problems);
        Bind(configuration, RiskOptions.Section, settings.Risk, problems);
        Bind(configuration, EngineOptions.Section, settings.Engine, problems);
        Bind(configuration, GatewayOptions.Section, settings.Gateway, problems);
        Bind(configuration, "Simulation", settings.Simulation, problems);
        Bind(configuration, StrategiesOptions.SectionName, settings.Strategies, problems);

        // Validation only makes sense on what bound; both lists are reported.
        problems.AddRange(settings.Validate());
        return (settings, configuration, problems);
    }

    /// <summary>
    /// Binds one section. Unknown keys are found first, each reported with its full key (the binder names only the
    /// first, without its path); then the known ones bind, and a value that does not convert is reported by the binder.
    /// </summary>
    private static void Bind(IConfiguration configuration, string section, object target, List<string> problems)
    {
        var part = configuration.GetSection(section);
        if (!part.Exists())
        {
            return;
        }

        if (part.Value is not null && !part.GetChildren().Any())
        {
            problems.Add($"{section}: must be a section (an object), not a value.");
            return;
        }

        FindUnknownKeys(part, target.GetType(), problems);
        try
        {
            part.Bind(target, o => o.ErrorOnUnknownConfiguration = false);
        }
        catch (InvalidOperationException ex)
        {
            // Non-secret sections only carry plain values; SecretString keys always convert, so no secret reaches this text.
            problems.Add($"{section}: {ex.Message}{(ex.InnerException is { } inner ? " " + inner.Message : string.Empty)}");
        }
    }

    private static void FindUnknownKeys(IConfigurationSection section, Type type, List<string> problems)
    {
        if (IsLeaf(type) || typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return; // values, lists and dictionaries: any child key is data, not a setting name
        }

        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null)
            {
                var known = type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
                    .Where(p => p.CanWrite || !IsLeaf(p.PropertyType))
                    .Select(p => p.Name);
                problems.Add($"{child.Path}: unknown key (known in {section.Path}: {string.Join(", ", known)}).");
            }
            else if (child.GetChildren().Any())
            {
                FindUnknownKeys(child, property.PropertyType, problems);
            }
        }
    }

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri)
            || t == typeof(DateTimeOffset) || t == typeof(Hosting.Logging.SecretString) || t.IsValueType;
    }

    private static bool IsComment(string key) => key.Split(':').Any(part => part.StartsWith("//", StringComparison.Ordinal));

    private static void ReadSecrets(string directory, Dictionary<string, string?> values, List<string> problems)
    {
        var path = Path.GetFullPath(directory);
        if (!Directory.Exists(path))
        {
            problems.Add($"{SecretsOptions.Section}:{nameof(SecretsOptions.Directory)}: no such directory: {path}");
            return;
        }

        foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);

            // Kubernetes mounts carry "..data" links and dotfiles: not secrets.
            if (name.StartsWith('.'))
            {
                continue;
            }

            var key = name.Replace("__", ":", StringComparison.Ordinal);
            try
            {
                values[key] = File.ReadAllText(file).TrimEnd('\r', '\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{key}: the secret file {file} cannot be read ({ex.GetType().Name}).");
            }
        }
    }
}
