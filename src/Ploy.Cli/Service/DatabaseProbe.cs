using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Ploy.Persistence;

namespace Ploy.Cli.Service;

/// <summary>
/// A real round trip to the journal's database on a connection of its own (never the journal's, so a probe cannot
/// stall a write): it reads the deployments log, which also feeds <c>ploy_deployments_total</c>.
/// </summary>
internal sealed class DatabaseProbe : IAsyncDisposable
{
    private const string DeploymentsQuery = "SELECT COALESCE(result, 'in_progress'), COUNT(*) FROM deployments GROUP BY 1";

    private readonly DatabaseProvider _provider;
    private readonly string? _sqliteConnectionString;
    private readonly NpgsqlDataSource? _postgres;

    public DatabaseProbe(DatabaseOptions options, TimeSpan timeout)
    {
        _provider = options.Provider;
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        if (_provider == DatabaseProvider.Sqlite)
        {
            _sqliteConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.GetFullPath(options.Path),
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = seconds,
            }.ToString();
        }
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(options.Target())
            {
                MaxPoolSize = 2,
                MinPoolSize = 0,
                Timeout = seconds,
                CommandTimeout = seconds,
                ApplicationName = "ploy-health",
            };
            _postgres = NpgsqlDataSource.Create(builder);
        }
    }

    /// <summary>Runs the query; returns the deployments by result. Throws when the database does not answer.</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueryAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            try
            {
                await using var connection = await _postgres.OpenConnectionAsync(cancellationToken);
                return await ReadAsync(connection, cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException)
            {
                // A restarted server leaves broken connections in the pool; start the next probe from fresh ones.
                _postgres.Clear();
                throw;
            }
        }

        await using var sqlite = new SqliteConnection(_sqliteConnectionString);
        await sqlite.OpenAsync(cancellationToken);
        return await ReadAsync(sqlite, cancellationToken);
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static async Task<IReadOnlyDictionary<string, long>> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = DeploymentsQuery;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deployments = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            deployments[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return deployments;
    }
}
