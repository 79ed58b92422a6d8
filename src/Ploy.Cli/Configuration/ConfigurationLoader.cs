using Microsoft.Extensions.Configuration;

namespace Ploy.Cli.Configuration;

/// <summary>
/// Builds configuration the same way for every command: built-in defaults, then the JSON file, then
/// environment variables (PLOY__SECTION__KEY). Unknown keys and unreadable values are errors, never ignored.
/// </summary>
public static class ConfigurationLoader
{
    public static IConfiguration Load(string? file)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
            {
                throw new ConfigurationException([$"config file not found: {path}"]);
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables("PLOY__");
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ConfigurationException([$"config file {file} is not valid JSON: {ex.Message}"]);
        }
    }

    /// <summary>Binds a section onto <paramref name="target"/>; reports unknown keys and bad values with their full key.</summary>
    public static void Bind(IConfiguration configuration, string section, object target, List<string> problems)
    {
        var part = configuration.GetSection(section);
        if (!part.Exists())
        {
            return;
        }

        try
        {
            part.Bind(target, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"{section}: {ex.Message}{(ex.InnerException is { } inner ? " " + inner.Message : string.Empty)}");
        }
    }
}
