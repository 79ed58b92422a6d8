
namespace Ploy.Persistence.Deployments;

/// <summary>Opens the deployments log of a journal database. The schema must be migrated (<see cref="DatabaseMigrator"/>).</summary>
public static class DeploymentLog
{
    /// <param name="provider">SQLite or PostgreSQL.</param>
    /// <param name="pathOrConnection">The SQLite file, or the PostgreSQL connection string.</param>
    public static IDeploymentLog Open(DatabaseProvider provider, string pathOrConnection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrConnection);
        return provider switch
        {
            DatabaseProvider.Sqlite => new SqliteDeploymentLog(pathOrConnection),
            DatabaseProvider.Postgres => new PostgresDeploymentLog(pathOrConnection),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }
}
