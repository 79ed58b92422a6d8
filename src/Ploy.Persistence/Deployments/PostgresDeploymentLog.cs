using Npgsql;
using NpgsqlTypes;

namespace Ploy.Persistence.Deployments;

/// <summary>The deployments log in the shared PostgreSQL journal; one pooled connection per call.</summary>
public sealed class PostgresDeploymentLog : IDeploymentLog
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDeploymentLog(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(DatabaseMigrator.ParseConnectionString(connectionString));
    }

    public async Task<long> RecordAsync(DeploymentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO deployments (version, started_at, finished_at, result, durations, kind, previous_version, commit_time, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Version });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = record.StartedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)record.FinishedAt?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = record.Result is { } result ? DeploymentText.FromResult(result) : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = DurationsJson.Write(record.DurationsMs) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DeploymentText.FromKind(record.Kind) });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)record.PreviousVersion ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)record.CommitTime?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)record.Detail ?? DBNull.Value });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<DeploymentRecord>> ReadAsync(int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must not be negative.");
        }

        await using var command = _dataSource.CreateCommand(
            """
            SELECT id, version, started_at, finished_at, result, durations::text, kind, previous_version, commit_time, detail
            FROM deployments ORDER BY started_at DESC, id DESC LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)(long?)limit ?? DBNull.Value });
        var records = new List<DeploymentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(DeploymentRows.Read(reader, _ => throw new InvalidOperationException("PostgreSQL timestamps are typed.")));
        }

        records.Reverse();
        return records;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
