using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Ploy.Persistence.Migrations;

/// <summary>
/// Loads a provider's migrations from embedded resources named <c>{folder}/NNNN_name.up.sql</c> and
/// <c>{folder}/NNNN_name.down.sql</c>. Every up needs its down, and versions are unique.
/// </summary>
public static partial class MigrationCatalog
{
    /// <summary>The SQLite scripts shipped in this assembly.</summary>
    public const string SqliteFolder = "Migrations/Sqlite";

    /// <summary>The PostgreSQL scripts shipped in this assembly.</summary>
    public const string PostgresFolder = "Migrations/Postgres";

    public static IReadOnlyList<Migration> Load(string folder) => Load(typeof(MigrationCatalog).Assembly, folder);

    public static IReadOnlyList<Migration> Load(Assembly assembly, string folder)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var prefix = folder.TrimEnd('/') + "/";
        var scripts = new Dictionary<(long Version, string Name), (string? Up, string? Down)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var match = ScriptName().Match(resource[prefix.Length..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.up.sql or NNNN_name.down.sql.");
            }

            var key = (long.Parse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture), match.Groups["name"].Value);
            var text = Read(assembly, resource);
            scripts.TryGetValue(key, out var pair);
            scripts[key] = match.Groups["direction"].Value == "up" ? (text, pair.Down) : (pair.Up, text);
        }

        var migrations = new List<Migration>(scripts.Count);
        foreach (var ((version, name), (up, down)) in scripts.OrderBy(s => s.Key.Version))
        {
            if (up is null || down is null)
            {
                throw new InvalidOperationException($"Migration {version} '{name}' in {folder} needs both an up and a down script.");
            }

            if (migrations.Count > 0 && migrations[^1].Version == version)
            {
                throw new InvalidOperationException($"Migration version {version} appears twice in {folder}.");
            }

            migrations.Add(new Migration(version, name, up, down));
        }

        if (migrations.Count == 0)
        {
            throw new InvalidOperationException($"No migrations found under {folder} in {assembly.GetName().Name}.");
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Resource '{resource}' vanished.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>[0-9]{4,})_(?<name>[a-z0-9_]+)\.(?<direction>up|down)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptName();
}
