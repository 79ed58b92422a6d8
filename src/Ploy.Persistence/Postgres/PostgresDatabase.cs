using System.Data.Common;
using Npgsql;
using Ploy.Persistence.Migrations;

namespace Ploy.Persistence.Postgres;

/// <summary>Builds the PostgreSQL migration runner (for <c>ploy db status/migrate/rollback</c> and the journal).</summary>
public static class PostgresDatabase
{
    public static MigrationRunner CreateMigrationRunner(NpgsqlDataSource dataSource, TimeProvider timeProvider) =>
        CreateMigrationRunner(dataSource, timeProvider, MigrationCatalog.Load(MigrationCatalog.PostgresFolder));

    public static MigrationRunner CreateMigrationRunner(NpgsqlDataSource dataSource, TimeProvider timeProvider, IReadOnlyList<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return new MigrationRunner(
            PostgresMigrationDialect.Instance,
            async cancellationToken => (DbConnection)await dataSource.OpenConnectionAsync(cancellationToken),
            migrations,
            timeProvider);
    }
}
