using Ploy.Cli.Service;
using Ploy.Persistence;

namespace Ploy.Cli.Deployments;

/// <summary>
/// Finds the journal database that holds the deployments log, as <c>ploy run</c> would: from the config file (with
/// PLOY__ environment overrides and the secrets directory), or SQLite in a data directory. Problems outside the
/// Database and Secrets sections do not matter here: a deploy rejected for an invalid config must still be recorded.
/// </summary>
internal static class DeploymentsDatabase
{
    /// <summary>The SQLite file name inside a data directory (the default journal is data/ploy.db).</summary>
    public const string SqliteFileName = "ploy.db";

    public static (DatabaseOptions? Options, IReadOnlyList<string> Problems) Resolve(string? configFile, string? dataDirectory)
    {
        if (configFile is not null && dataDirectory is not null)
        {
            return (null, ["give --config or --data-dir, not both"]);
        }

        if (dataDirectory is not null)
        {
            return (new DatabaseOptions { Provider = DatabaseProvider.Sqlite, Path = Path.Combine(Path.GetFullPath(dataDirectory), SqliteFileName) }, []);
        }

        var (settings, _, problems) = ServiceSettingsLoader.TryLoad(configFile, secretsDirectory: null);
        var relevant = problems
            .Where(p => p.StartsWith(DatabaseOptions.Section, StringComparison.Ordinal)
                || p.StartsWith(SecretsOptions.Section, StringComparison.Ordinal)
                || p.StartsWith("config file", StringComparison.Ordinal))
            .ToList();
        return relevant.Count > 0 ? (null, relevant) : (settings.Database, []);
    }
}
